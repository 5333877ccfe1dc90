"""Membership categories and board roles: translated into English with wagtail-localize."""

import pytest
from wagtail_localize.models import StringSegment, StringTranslation, Translation

from members.models import BoardRole, MembershipCategory
from tests.factories import BoardRoleFactory, MembershipCategoryFactory
from tests.html import page_html
from tests.members.helpers import add_url, edit_url, listed_titles, listing_url

pytestmark = pytest.mark.django_db


def translate_strings(source_object, locale, strings):
    """What a translator does in wagtail-localize's editor: translate each string, publish."""
    translation = Translation.objects.get(
        source__object_id=source_object.translation_key, target_locale=locale
    )
    for segment in StringSegment.objects.filter(source=translation.source):
        StringTranslation.objects.create(
            translation_of=segment.string,
            locale=locale,
            context=segment.context,
            data=strings[segment.string.data],
        )
    translation.save_target(publish=True)
    return source_object.get_translation(locale)


def translate_url(instance):
    model_name = instance._meta.model_name
    return f"/admin/localize/submit/snippet/members/{model_name}/{instance.pk}/"


def test_editor_creates_a_category_in_french(admin, french):
    response = admin.post(
        add_url("membershipcategory") + "?locale=fr",
        {"name": "Membre de soutien", "description": "Soutient la mission."},
    )

    assert response.status_code == 302
    category = MembershipCategory.objects.get()
    assert (category.name, category.locale) == ("Membre de soutien", french)


def test_editor_renames_a_category(admin):
    category = MembershipCategoryFactory(name="Membre soutien")

    response = admin.post(edit_url(category), {"name": "Membre de soutien", "description": ""})

    assert response.status_code == 302
    category.refresh_from_db()
    assert category.name == "Membre de soutien"


def test_a_category_without_a_name_is_refused(admin):
    response = admin.post(add_url("membershipcategory"), {"name": "", "description": ""})

    assert response.status_code == 200
    assert "This field is required." in page_html(response)
    assert not MembershipCategory.objects.exists()


def test_editor_creates_and_orders_board_roles(admin):
    admin.post(add_url("boardrole"), {"name": "Administrateur", "sort_order": "10"})
    admin.post(add_url("boardrole"), {"name": "Présidente", "sort_order": "1"})

    response = admin.get(listing_url("boardrole"))

    assert listed_titles(response) == ["Présidente", "Administrateur"]


def test_editor_reorders_a_role(admin):
    role = BoardRoleFactory(name="Trésorière", sort_order=5)

    response = admin.post(edit_url(role), {"name": "Trésorière", "sort_order": "3"})

    assert response.status_code == 302
    role.refresh_from_db()
    assert role.sort_order == 3


@pytest.mark.parametrize("factory", [MembershipCategoryFactory, BoardRoleFactory])
def test_categories_and_roles_are_found_by_name(admin, factory):
    factory(name="Membre de soutien")
    factory(name="Membre utilisateur")
    model_name = factory._meta.model._meta.model_name

    response = admin.get(listing_url(model_name), {"q": "soutien"})

    assert listed_titles(response) == ["Membre de soutien"]


def test_a_role_order_that_is_not_a_number_is_refused(admin):
    response = admin.post(add_url("boardrole"), {"name": "Présidente", "sort_order": "premier"})

    assert response.status_code == 200
    assert "Enter a whole number." in page_html(response)
    assert not BoardRole.objects.exists()


@pytest.mark.parametrize("factory", [MembershipCategoryFactory, BoardRoleFactory])
def test_the_listing_offers_to_translate_each_item(admin, english, factory):
    item = factory(name="Membre de soutien")

    html = page_html(admin.get(listing_url(item._meta.model_name)))

    assert f'href="{translate_url(item)}"' in html
    assert "Translate" in html


@pytest.mark.parametrize("factory", [MembershipCategoryFactory, BoardRoleFactory])
def test_the_listing_filters_by_language(admin, english, factory):
    french_item = factory(name="Membre de soutien")
    english_item = french_item.copy_for_translation(english)
    english_item.name = "Support member"
    english_item.save()
    url = listing_url(french_item._meta.model_name)

    assert listed_titles(admin.get(url, {"locale": "en"})) == ["Support member"]
    assert listed_titles(admin.get(url, {"locale": "fr"})) == ["Membre de soutien"]
    assert sorted(listed_titles(admin.get(url))) == ["Membre de soutien", "Support member"]


def test_an_unknown_language_is_not_found_rather_than_a_server_error(admin, english):
    MembershipCategoryFactory()

    response = admin.get(listing_url("membershipcategory"), {"locale": "de"}, follow=True)

    assert response.status_code == 404


def test_editor_translates_a_category_into_english(admin, english):
    category = MembershipCategoryFactory(name="Membre de soutien", description="Soutient.")

    response = admin.post(translate_url(category), {"locales": [english.id]})

    assert response.status_code == 302
    translated = MembershipCategory.objects.get(
        translation_key=category.translation_key, locale=english
    )
    assert response["Location"] == edit_url(translated)
    assert admin.get(edit_url(translated)).status_code == 200

    translated = translate_strings(
        category, english, {"Membre de soutien": "Support member", "Soutient.": "Supports."}
    )
    assert (translated.name, translated.description) == ("Support member", "Supports.")


def test_editor_translates_a_role_keeping_its_order(admin, english):
    role = BoardRoleFactory(name="Présidente", sort_order=1)

    admin.post(translate_url(role), {"locales": [english.id]})

    translated = translate_strings(role, english, {"Présidente": "President"})
    assert (translated.name, translated.sort_order) == ("President", 1)
