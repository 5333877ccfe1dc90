import datetime

import pytest

from members.models import BoardMandate, BoardMeeting, fiscal_year_label
from tests.factories import (
    BoardMandateFactory,
    BoardMeetingFactory,
    BoardRoleFactory,
    MemberOrganisationFactory,
    MembershipCategoryFactory,
    PersonFactory,
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

APRIL_2021 = datetime.date(2021, 4, 1)
APRIL_2022 = datetime.date(2022, 4, 1)


@pytest.fixture
def president():
    return BoardRoleFactory(name="Président", sort_order=1)


@pytest.fixture
def yvan():
    return PersonFactory(first_name="Yvan", last_name="Laurin")


def mandate_form(person, role, **changes):
    form = {
        "person": person.pk,
        "role": role.pk,
        "executive_committee": "on",
        "member_category": "",
        "fiscal_year_start": "2021-04-01",
    }
    return form | changes


def test_fiscal_years_are_named_as_the_organisation_names_them():
    assert fiscal_year_label(APRIL_2021) == "2021-2022"
    assert fiscal_year_label(datetime.date(2021, 1, 1)) == "2021"


# Board meetings


def test_editor_adds_a_board_meeting(admin):
    response = admin.post(add_url("boardmeeting"), {"date": "2021-06-10"})

    assert response.status_code == 302
    assert BoardMeeting.objects.get().date == datetime.date(2021, 6, 10)


def test_a_meeting_entered_twice_is_refused(admin):
    BoardMeetingFactory(date=datetime.date(2021, 6, 10))

    response = admin.post(add_url("boardmeeting"), {"date": "2021-06-10"})

    assert response.status_code == 200
    assert "Board meeting with this Date already exists." in page_html(response)
    assert BoardMeeting.objects.count() == 1


def test_a_meeting_date_that_is_not_a_date_is_refused(admin):
    response = admin.post(add_url("boardmeeting"), {"date": "le 10 juin"})

    assert response.status_code == 200
    assert "Enter a valid date." in page_html(response)
    assert not BoardMeeting.objects.exists()


def test_editor_moves_a_meeting(admin):
    meeting = BoardMeetingFactory(date=datetime.date(2021, 6, 10))

    response = admin.post(edit_url(meeting), {"date": "2021-06-17"})

    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.date == datetime.date(2021, 6, 17)


def test_meetings_are_listed_with_the_number_of_members_they_admitted(admin):
    june = BoardMeetingFactory(date=datetime.date(2021, 6, 10))
    BoardMeetingFactory(date=datetime.date(2021, 9, 2))
    MemberOrganisationFactory.create_batch(2, admitted_at=june)

    rows = listing_rows(admin.get(listing_url("boardmeeting")))

    assert rows == [["10 Jun 2021", "2"], ["2 Sep 2021", "0"]]


def test_meetings_sort_by_the_number_of_members_admitted(admin):
    BoardMeetingFactory(date=datetime.date(2021, 6, 10))
    september = BoardMeetingFactory(date=datetime.date(2021, 9, 2))
    MemberOrganisationFactory(admitted_at=september)

    response = admin.get(listing_url("boardmeeting"), {"ordering": "-admitted_member_count"})

    assert listed_titles(response) == ["2 Sep 2021", "10 Jun 2021"]


# Board mandates


def test_the_mandate_form_chooses_person_role_and_category(admin):
    html = page_html(admin.get(add_url("boardmandate")))

    for model_name in ["person", "boardrole", "membershipcategory"]:
        assert chooser_url(model_name) in html


def test_editor_records_a_mandate(admin, yvan, president):
    category = MembershipCategoryFactory(name="Membre utilisateur")
    form = mandate_form(yvan, president, member_category=category.pk)

    response = admin.post(add_url("boardmandate"), form)

    assert response.status_code == 302
    mandate = BoardMandate.objects.get()
    assert (mandate.person, mandate.role, mandate.member_category) == (yvan, president, category)
    assert mandate.executive_committee
    assert mandate.fiscal_year == "2021-2022"


def test_editor_renews_a_mandate_for_the_next_year_from_a_copy(admin, yvan, president):
    mandate = BoardMandateFactory(person=yvan, role=president, fiscal_year_start=APRIL_2021)
    copy_form = admin.get(f"/admin/snippets/members/boardmandate/copy/{mandate.pk}/")
    assert copy_form.status_code == 200
    assert "Yvan Laurin" in page_html(copy_form)

    response = admin.post(
        add_url("boardmandate"), mandate_form(yvan, president, fiscal_year_start="2022-04-01")
    )

    assert response.status_code == 302
    assert list(yvan.mandates.values_list("fiscal_year_start", flat=True)) == [
        APRIL_2021,
        APRIL_2022,
    ]


def test_a_form_posted_to_the_copy_view_never_overwrites_the_original(admin, yvan, president):
    mandate = BoardMandateFactory(person=yvan, role=president, fiscal_year_start=APRIL_2021)

    response = admin.post(
        f"/admin/snippets/members/boardmandate/copy/{mandate.pk}/",
        mandate_form(yvan, president, fiscal_year_start="2022-04-01"),
    )

    assert response.status_code == 302
    mandate.refresh_from_db()
    assert mandate.fiscal_year_start == APRIL_2021
    assert yvan.mandates.count() == 2


def test_editor_corrects_a_mandate(admin, yvan, president):
    mandate = BoardMandateFactory(person=yvan, executive_committee=False)

    response = admin.post(edit_url(mandate), mandate_form(yvan, president))

    assert response.status_code == 302
    mandate.refresh_from_db()
    assert (mandate.role, mandate.executive_committee) == (president, True)


def test_a_second_mandate_for_the_same_person_and_year_is_refused(admin, yvan, president):
    BoardMandateFactory(person=yvan, fiscal_year_start=APRIL_2021)

    response = admin.post(add_url("boardmandate"), mandate_form(yvan, president))

    assert response.status_code == 200
    assert "This person already has a mandate for this fiscal year" in page_html(response)
    assert BoardMandate.objects.count() == 1


def test_moving_a_mandate_onto_a_year_already_held_is_refused(admin, yvan, president):
    BoardMandateFactory(person=yvan, fiscal_year_start=APRIL_2021)
    next_year = BoardMandateFactory(person=yvan, fiscal_year_start=APRIL_2022)

    response = admin.post(edit_url(next_year), mandate_form(yvan, president))

    assert response.status_code == 200
    assert "This person already has a mandate for this fiscal year" in page_html(response)
    next_year.refresh_from_db()
    assert next_year.fiscal_year_start == APRIL_2022


def test_a_fiscal_year_that_does_not_start_on_the_first_of_a_month_is_refused(
    admin, yvan, president
):
    form = mandate_form(yvan, president, fiscal_year_start="2021-04-02")

    response = admin.post(add_url("boardmandate"), form)

    assert response.status_code == 200
    assert "A fiscal year starts on the first day of a month (e.g. 1 April 2021)." in page_html(
        response
    )
    assert not BoardMandate.objects.exists()


@pytest.mark.parametrize(
    "changes",
    [{"person": ""}, {"role": "abc"}, {"person": "999999"}, {"fiscal_year_start": "2021"}],
)
def test_incomplete_or_forged_mandates_are_refused_not_a_server_error(
    admin, yvan, president, changes
):
    response = admin.post(add_url("boardmandate"), mandate_form(yvan, president) | changes)

    assert response.status_code == 200
    assert "error" in page_html(response)
    assert not BoardMandate.objects.exists()


def test_mandates_are_listed_with_role_committee_category_and_year(admin, yvan, president):
    category = MembershipCategoryFactory(name="Membre utilisateur")
    BoardMandateFactory(
        person=yvan, role=president, executive_committee=True, member_category=category
    )

    rows = listing_rows(admin.get(listing_url("boardmandate")))

    assert rows == [["Yvan Laurin", "Président", "True", "Membre utilisateur", "2021-2022"]]


def test_mandates_filter_by_fiscal_year(admin):
    BoardMandateFactory(person__last_name="Ancien", fiscal_year_start=APRIL_2021)
    BoardMandateFactory(person__last_name="Nouveau", fiscal_year_start=APRIL_2022)

    response = admin.get(listing_url("boardmandate"), {"fiscal_year_start": "2022-04-01"})

    assert [title.split()[-1] for title in listed_titles(response)] == ["Nouveau"]
    assert "2022-2023" in page_html(response)


def test_mandates_filter_by_role_in_either_language(admin, yvan, president, english):
    english_president = president.copy_for_translation(english)
    english_president.name = "President"
    english_president.save()
    BoardMandateFactory(person=yvan, role=president)
    BoardMandateFactory(person__last_name="Roy", role=english_president)
    BoardMandateFactory(person__last_name="Autre")

    response = admin.get(listing_url("boardmandate"), {"role": president.pk})

    assert [title.split()[-1] for title in listed_titles(response)] == ["Laurin", "Roy"]


def test_mandates_filter_by_executive_committee(admin, yvan):
    BoardMandateFactory(person=yvan, executive_committee=True)
    BoardMandateFactory(person__last_name="Roy", executive_committee=False)

    response = admin.get(listing_url("boardmandate"), {"executive_committee": "true"})

    assert listed_titles(response) == ["Yvan Laurin"]


def test_mandates_are_found_by_the_persons_name(admin, yvan):
    BoardMandateFactory(person=yvan)
    BoardMandateFactory(person__last_name="Roy")

    response = admin.get(listing_url("boardmandate"), {"q": "laurin"})

    assert listed_titles(response) == ["Yvan Laurin"]


@pytest.mark.parametrize(
    "query",
    [{"fiscal_year_start": "2099-13-01"}, {"role": "abc"}, {"executive_committee": "maybe"}],
)
def test_bad_mandate_filters_never_fail(admin, yvan, query):
    BoardMandateFactory(person=yvan)

    assert admin.get(listing_url("boardmandate"), query).status_code == 200
