"""Who reaches the members admin, what its menu holds, and deletions the data forbids."""

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from wagtail.admin.menu import admin_menu
from wagtail.models import ReferenceIndex

from members.models import BoardMandate, MembershipCategory, Person
from members.wagtail_hooks import MembersViewSetGroup
from tests.factories import (
    BoardMandateFactory,
    BoardMeetingFactory,
    BoardRoleFactory,
    MemberOrganisationFactory,
    MembershipCategoryFactory,
    PersonFactory,
)
from tests.html import page_html
from tests.members.helpers import add_url, chooser_url, delete_url, edit_url, listing_url

pytestmark = pytest.mark.django_db

MODEL_NAMES = [
    "person",
    "memberorganisation",
    "boardmeeting",
    "boardmandate",
    "membershipcategory",
    "boardrole",
]
FACTORIES = [
    PersonFactory,
    MemberOrganisationFactory,
    BoardMeetingFactory,
    BoardMandateFactory,
    MembershipCategoryFactory,
    BoardRoleFactory,
]


def members_menu_urls(user):
    request = RequestFactory().get("/admin/")
    request.user = user
    menu_items = admin_menu.menu_items_for_request(request)
    members = [item for item in menu_items if item.name == "members"]
    if not members:
        return None
    (members_item,) = members
    return [item.url for item in members_item.menu.menu_items_for_request(request)]


def test_the_members_menu_holds_every_members_list(superuser):
    urls = members_menu_urls(superuser)

    assert sorted(urls) == sorted(listing_url(name) for name in MODEL_NAMES)


def test_the_members_menu_is_labelled_and_iconed_for_the_group():
    with translation.override("en"):
        assert str(MembersViewSetGroup.menu_label) == "Members"
    assert MembersViewSetGroup.menu_icon == "group"


@pytest.mark.parametrize("model_name", MODEL_NAMES)
def test_superuser_reaches_every_list_and_form(admin, model_name):
    assert admin.get(listing_url(model_name)).status_code == 200
    assert admin.get(add_url(model_name)).status_code == 200


@pytest.mark.parametrize("factory", FACTORIES)
def test_the_french_admin_shows_every_list_and_record(superuser_client, factory):
    # The admin in its default language, French: whatever the catalogue holds, nothing fails.
    record = factory()
    model_name = record._meta.model_name

    for url in [listing_url(model_name), add_url(model_name), edit_url(record)]:
        response = superuser_client.get(url)
        assert response.status_code == 200
        assert '<html lang="fr"' in page_html(response)


def queries_to_list(client, model_name):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(listing_url(model_name)).status_code == 200
    return len(queries)


@pytest.mark.parametrize(
    ("model_name", "factory"),
    [
        ("memberorganisation", MemberOrganisationFactory),
        ("boardmandate", BoardMandateFactory),
        ("boardmeeting", BoardMeetingFactory),
        ("person", PersonFactory),
    ],
)
def test_listing_queries_do_not_grow_with_the_rows(admin, model_name, factory):
    factory()
    with_one_row = queries_to_list(admin, model_name)
    factory.create_batch(5)

    assert queries_to_list(admin, model_name) == with_one_row


@pytest.mark.parametrize("factory", FACTORIES)
def test_superuser_opens_every_record(admin, factory):
    record = factory()

    assert admin.get(edit_url(record)).status_code == 200


def test_an_editor_without_members_permissions_has_no_members_menu(editor):
    assert members_menu_urls(editor) is None


@pytest.mark.parametrize("model_name", MODEL_NAMES)
def test_an_editor_without_members_permissions_is_turned_away(editor_client, model_name):
    for url in [listing_url(model_name), add_url(model_name)]:
        response = editor_client.get(url)
        assert response.status_code in {302, 403}
        if response.status_code == 302:
            assert response["Location"] == "/admin/"


def test_an_editor_without_members_permissions_still_chooses_people_in_page_forms(
    editor_client,
):
    # A message page's author is chosen from the people: page editors need the chooser only.
    PersonFactory(first_name="Yvan", last_name="Laurin")

    response = editor_client.get(chooser_url("person"), {"q": "Laurin"})

    assert response.status_code == 200
    assert "Yvan Laurin" in response.content.decode()


def test_an_editor_without_members_permissions_cannot_add_a_person(editor_client):
    form = {"honorific": "", "first_name": "Yvan", "last_name": "Laurin", "photo": ""}

    response = editor_client.post(add_url("person"), form)

    assert response.status_code in {302, 403}
    assert not Person.objects.exists()


def test_an_editor_without_members_permissions_cannot_change_or_delete(editor_client):
    person = PersonFactory(first_name="Yvan", last_name="Laurin")
    form = {"honorific": "", "first_name": "Yvan", "last_name": "Changed", "photo": ""}

    assert editor_client.post(edit_url(person), form).status_code in {302, 403}
    assert editor_client.post(delete_url(person)).status_code in {302, 403}
    person.refresh_from_db()
    assert person.last_name == "Laurin"


def test_an_editor_without_members_permissions_cannot_translate(editor_client, english):
    category = MembershipCategoryFactory()
    url = f"/admin/localize/submit/snippet/members/membershipcategory/{category.pk}/"

    response = editor_client.post(url, {"locales": [english.id]})

    assert response.status_code in {302, 403}
    assert not MembershipCategory.objects.filter(locale=english).exists()


def test_deleting_a_category_in_use_shows_its_usage_and_is_refused(admin):
    category = MembershipCategoryFactory(name="Membre de soutien")
    MemberOrganisationFactory(category=category)

    confirmation = page_html(admin.get(delete_url(category)))
    response = admin.post(delete_url(category))

    assert "This membership category is referenced 1 time." in confirmation
    assert (
        "One or more references to this membership category prevent it from being deleted."
        in confirmation
    )
    assert response.status_code in {302, 403}
    assert MembershipCategory.objects.filter(pk=category.pk).exists()


def test_a_protected_deletion_missed_by_the_reference_index_gets_a_message(admin):
    # Records written without signals (bulk imports) are missing from the reference index; the
    # database still refuses the deletion, and the editor must get words, not a server error.
    category = MembershipCategoryFactory(name="Membre de soutien")
    MemberOrganisationFactory(name="Coop A", category=category)
    ReferenceIndex.objects.all().delete()

    response = admin.post(delete_url(category), follow=True)

    assert response.status_code == 200
    assert (
        "“Membre de soutien” cannot be deleted: it is still used, for example by “Coop A”."
        in page_html(response)
    )
    assert MembershipCategory.objects.filter(pk=category.pk).exists()


def bulk_delete_url(*records):
    model_name = records[0]._meta.model_name
    ids = "&".join(f"id={record.pk}" for record in records)
    return f"/admin/bulk/members/{model_name}/delete/?{ids}"


def test_deleting_several_categories_at_once_spares_those_in_use(admin):
    used = MembershipCategoryFactory(name="Membre de soutien")
    unused = MembershipCategoryFactory(name="Ancienne catégorie")
    MemberOrganisationFactory(category=used)

    confirmation = page_html(admin.get(bulk_delete_url(used, unused)))
    response = admin.post(bulk_delete_url(used, unused))

    assert "prevent" in confirmation
    assert response.status_code in {302, 403}
    assert MembershipCategory.objects.count() == 2


def test_a_bulk_deletion_missed_by_the_reference_index_gets_a_message(admin):
    used = MembershipCategoryFactory(name="Membre de soutien")
    unused = MembershipCategoryFactory(name="Ancienne catégorie")
    MemberOrganisationFactory(name="Coop A", category=used)
    ReferenceIndex.objects.all().delete()

    response = admin.post(
        bulk_delete_url(used, unused) + "&next=/admin/snippets/members/membershipcategory/",
        follow=True,
    )

    assert response.status_code == 200
    assert (
        "Nothing was deleted: a selected record is still used, for example by “Coop A”."
        in page_html(response)
    )
    assert MembershipCategory.objects.count() == 2


def test_unused_categories_are_deleted_together(admin):
    categories = MembershipCategoryFactory.create_batch(2)

    response = admin.post(bulk_delete_url(*categories))

    assert response.status_code == 302
    assert not MembershipCategory.objects.exists()


def test_a_person_holding_a_mandate_cannot_be_deleted(admin):
    mandate = BoardMandateFactory(person__first_name="Yvan", person__last_name="Laurin")

    response = admin.post(delete_url(mandate.person))

    assert response.status_code in {302, 403}
    assert Person.objects.filter(pk=mandate.person_id).exists()


def test_an_unused_category_is_deleted(admin):
    category = MembershipCategoryFactory()

    response = admin.post(delete_url(category))

    assert response.status_code == 302
    assert not MembershipCategory.objects.exists()


def test_deleting_a_mandate_frees_the_person(admin):
    mandate = BoardMandateFactory()

    admin.post(delete_url(mandate))

    assert not BoardMandate.objects.exists()
    assert admin.post(delete_url(mandate.person)).status_code == 302
    assert not Person.objects.exists()
