import datetime

import pytest

from members.models import MemberOrganisation
from tests.factories import (
    BoardMeetingFactory,
    MemberOrganisationFactory,
    MembershipCategoryFactory,
)
from tests.html import page_html
from tests.members.helpers import (
    add_url,
    chooser_url,
    edit_url,
    listed_titles,
    listing_rows,
    listing_url,
)

pytestmark = pytest.mark.django_db


def organisation_form(category, meeting, **changes):
    form = {
        "name": "Coopérative funéraire des Deux Rives",
        "category": category.pk,
        "city": "Québec",
        "website": "https://example.org/",
        "admitted_at": meeting.pk,
        "date_admitted": "",
    }
    return form | changes


@pytest.fixture
def support_members():
    return MembershipCategoryFactory(name="Membre de soutien")


@pytest.fixture
def june_meeting():
    return BoardMeetingFactory(date=datetime.date(2021, 6, 10))


def test_the_form_chooses_the_category_and_the_meeting(admin):
    html = page_html(admin.get(add_url("memberorganisation")))

    assert chooser_url("membershipcategory") in html
    assert chooser_url("boardmeeting") in html


def test_editor_admits_an_organisation(admin, support_members, june_meeting):
    response = admin.post(
        add_url("memberorganisation"), organisation_form(support_members, june_meeting)
    )

    assert response.status_code == 302
    organisation = MemberOrganisation.objects.get()
    assert organisation.category == support_members
    assert organisation.admitted_at == june_meeting
    assert organisation.admission_date == datetime.date(2021, 6, 10)


def test_editor_corrects_an_organisation(admin, support_members, june_meeting):
    organisation = MemberOrganisationFactory(name="Coop des Deux Rives")
    form = organisation_form(support_members, june_meeting, date_admitted="2021-06-15")

    response = admin.post(edit_url(organisation), form)

    assert response.status_code == 302
    organisation.refresh_from_db()
    assert organisation.name == "Coopérative funéraire des Deux Rives"
    assert organisation.admission_date == datetime.date(2021, 6, 15)


def test_an_admission_before_the_meeting_is_refused_beside_the_date(
    admin, support_members, june_meeting
):
    form = organisation_form(support_members, june_meeting, date_admitted="2021-06-01")

    response = admin.post(add_url("memberorganisation"), form)

    assert response.status_code == 200
    html = page_html(response)
    assert (
        "A member cannot be admitted before the board meeting that admitted it (10 Jun 2021)."
        in html
    )
    assert 'id="id_date_admitted"' in html
    assert not MemberOrganisation.objects.exists()


def test_an_organisation_entered_twice_is_refused(admin, support_members, june_meeting):
    MemberOrganisationFactory(name="Coopérative funéraire des Deux Rives")

    response = admin.post(
        add_url("memberorganisation"), organisation_form(support_members, june_meeting)
    )

    assert response.status_code == 200
    assert "Member organization with this Name already exists." in page_html(response)
    assert MemberOrganisation.objects.count() == 1


def test_a_website_that_is_not_a_web_address_is_refused(admin, support_members, june_meeting):
    form = organisation_form(support_members, june_meeting, website="javascript:alert(1)")

    response = admin.post(add_url("memberorganisation"), form)

    assert response.status_code == 200
    assert "Enter a valid URL." in page_html(response)
    assert not MemberOrganisation.objects.exists()


def test_forged_choices_are_refused_not_a_server_error(admin, support_members, june_meeting):
    # Only a hand-made request sends these: a missing meeting and a category that is no id.
    form = organisation_form(support_members, june_meeting) | {
        "admitted_at": "999",
        "category": "x",
    }

    response = admin.post(add_url("memberorganisation"), form)

    assert response.status_code == 200
    assert "Select a valid choice." in page_html(response)
    assert not MemberOrganisation.objects.exists()


def test_the_listing_shows_category_city_meeting_and_admission_date(
    admin, support_members, june_meeting
):
    MemberOrganisationFactory(
        name="Coop A", category=support_members, city="Lévis", admitted_at=june_meeting
    )

    rows = listing_rows(admin.get(listing_url("memberorganisation")))

    assert rows == [["Coop A", "Membre de soutien", "Lévis", "10 Jun 2021", "10 Jun 2021"]]


def test_the_listing_sorts_by_admission_date_as_reports_count_it(admin, june_meeting):
    MemberOrganisationFactory(name="Admitted in July", date_admitted=datetime.date(2021, 7, 1))
    MemberOrganisationFactory(name="Admitted in June", admitted_at=june_meeting)

    response = admin.get(listing_url("memberorganisation"), {"ordering": "admitted_on"})

    assert listed_titles(response) == ["Admitted in June", "Admitted in July"]


@pytest.mark.parametrize(
    ("query", "found"),
    [("Deux Rives", "Coop des Deux Rives"), ("Rimouski", "Coop du Bas"), ("Rimou", "Coop du Bas")],
)
def test_organisations_are_found_by_name_or_city(admin, query, found):
    MemberOrganisationFactory(name="Coop des Deux Rives", city="Québec")
    MemberOrganisationFactory(name="Coop du Bas", city="Rimouski")

    response = admin.get(listing_url("memberorganisation"), {"q": query})

    assert listed_titles(response) == [found]


def test_search_results_keep_every_column(admin, support_members, june_meeting):
    MemberOrganisationFactory(
        name="Coop du Bas", category=support_members, city="Rimouski", admitted_at=june_meeting
    )

    rows = listing_rows(admin.get(listing_url("memberorganisation"), {"q": "Rimouski"}))

    assert rows == [["Coop du Bas", "Membre de soutien", "Rimouski", "10 Jun 2021", "10 Jun 2021"]]


def test_the_listing_offers_its_filters_with_their_names(admin):
    html = page_html(admin.get(listing_url("memberorganisation")))

    for field, label in [
        ("category", "Membership category"),
        ("admitted_at", "Admitted at board meeting"),
        ("date_admitted", "Admission date"),
    ]:
        assert f'aria-controls="drilldown-id_{field}" data-w-drilldown-target="toggle"' in html
        assert f'data-action="click->w-drilldown#open"> {label} <' in html


def test_filter_by_category_finds_either_language_of_it(admin, support_members, english):
    english_version = support_members.copy_for_translation(english)
    english_version.name = "Support member"
    english_version.save()
    MemberOrganisationFactory(name="Coop A", category=support_members)
    MemberOrganisationFactory(name="Coop B", category=english_version)
    MemberOrganisationFactory(name="Coop C")

    response = admin.get(listing_url("memberorganisation"), {"category": support_members.pk})

    assert listed_titles(response) == ["Coop A", "Coop B"]


def test_filter_by_admitting_meeting(admin, june_meeting):
    MemberOrganisationFactory(name="Coop A", admitted_at=june_meeting)
    MemberOrganisationFactory(name="Coop B")

    response = admin.get(listing_url("memberorganisation"), {"admitted_at": june_meeting.pk})

    assert listed_titles(response) == ["Coop A"]


def test_filter_by_admission_period_counts_the_meeting_date_when_none_is_entered(
    admin, june_meeting
):
    MemberOrganisationFactory(name="At the June meeting", admitted_at=june_meeting)
    MemberOrganisationFactory(name="On 1 July", date_admitted=datetime.date(2021, 7, 1))
    MemberOrganisationFactory(name="In 2022", date_admitted=datetime.date(2022, 4, 1))

    response = admin.get(
        listing_url("memberorganisation"),
        {"date_admitted_from": "2021-06-01", "date_admitted_to": "2021-07-01"},
    )

    assert listed_titles(response) == ["At the June meeting", "On 1 July"]


@pytest.mark.parametrize(
    "query",
    [
        {"category": "abc"},
        {"admitted_at": "999999"},
        {"date_admitted_from": "not a date"},
        {"date_admitted_to": "2021-13-45"},
        {"ordering": "no_such_field"},
        {"p": "99"},
    ],
)
def test_bad_filters_never_fail(admin, query):
    MemberOrganisationFactory(name="Coop A")

    assert admin.get(listing_url("memberorganisation"), query).status_code in {200, 404}
