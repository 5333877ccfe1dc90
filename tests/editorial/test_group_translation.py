"""Translating a report's release on one screen (editorial/group_translation.py): every string
of the report, its messages and projects left untranslated, saved into wagtail-localize's own
records, the English text then published through the gate (cms/publishing.py).

URLs: the screen, GET/POST /admin/translations/<page id>/<language code>/; its links from the
translation status (/admin/translations/) and the report's release panel
(/admin/pages/<id>/edit/); the pages as visitors read them. Tried as an attacker: a string of
another page posted, markup that cannot be read, an unknown language or page, a user without
translation rights.
"""

import pytest
from django.test import override_settings
from wagtail_localize.models import String, StringSegment, StringTranslation

from editorial.group_translation import PendingPage, PendingString, read_form
from tests.editorial.release_helpers import NEW_TEXT, digits, fresh, page_html_of
from tests.html import page_html, texts_in_language

pytestmark = pytest.mark.django_db

ENGLISH_TEXT = "A record year for our members."
DUMMY_TRANSLATOR = {"CLASS": "wagtail_localize.machine_translators.dummy.DummyTranslator"}


def screen_url(page, language="en"):
    return f"/admin/translations/{page.id}/{language}/"


def new_sentence_field(html):
    """The name of the field of the new sentence on the screen."""
    segment = StringSegment.objects.get(string__data=NEW_TEXT)
    name = f"string-{segment.pk}"
    assert f'name="{name}"' in html
    return name


def test_the_screen_lists_the_string_left_in_french(editor, corrected):
    french, _english = corrected

    response = editor.get(screen_url(french))

    assert response.status_code == 200
    html = page_html(response)
    assert NEW_TEXT in html
    assert html.count("<textarea") == 1


def test_translating_on_the_screen_publishes_the_english_text_only(editor, corrected, client):
    french, english = corrected
    field = new_sentence_field(page_html(editor.get(screen_url(french))))

    response = editor.post(screen_url(french), {field: ENGLISH_TEXT})

    assert response.status_code == 302
    english = fresh(english)
    assert english.live and not english.has_unpublished_changes
    served = client.get(english.url)
    assert ENGLISH_TEXT in page_html(served)
    assert texts_in_language(served, "fr") == []
    assert "70125" in digits(page_html_of(english))
    assert page_html(editor.get(screen_url(french))).count("<textarea") == 0


def test_the_translation_is_wagtail_localizes_own(editor, corrected, english):
    french, _english = corrected
    field = new_sentence_field(page_html(editor.get(screen_url(french))))

    editor.post(screen_url(french), {field: ENGLISH_TEXT})

    translation = StringTranslation.objects.get(translation_of__data=NEW_TEXT, locale=english)
    assert translation.data == ENGLISH_TEXT
    assert translation.translation_type == StringTranslation.TRANSLATION_TYPE_MANUAL


@override_settings(WAGTAILLOCALIZE_MACHINE_TRANSLATOR=DUMMY_TRANSLATOR)
def test_a_configured_machine_translator_suggests_each_string(editor, corrected, english):
    french, _english = corrected

    html = page_html(editor.get(screen_url(french)))

    suggestion = " ".join(reversed(NEW_TEXT.split(" ")))
    assert suggestion in html
    field = new_sentence_field(html)
    segment_id = field.removeprefix("string-")
    editor.post(screen_url(french), {field: suggestion, f"suggested-{segment_id}": suggestion})
    translation = StringTranslation.objects.get(translation_of__data=NEW_TEXT, locale=english)
    assert translation.translation_type == StringTranslation.TRANSLATION_TYPE_MACHINE


def test_without_a_machine_translator_nothing_is_suggested(editor, corrected):
    french, _english = corrected
    html = page_html(editor.get(screen_url(french)))
    assert " ".join(reversed(NEW_TEXT.split(" "))) not in html


def test_a_string_of_another_page_posted_to_the_screen_is_ignored(
    editor, corrected, public_site, english
):
    french, _english = corrected
    field = new_sentence_field(page_html(editor.get(screen_url(french))))
    other = StringSegment.objects.exclude(source__object_id=french.translation_key).first()
    before = StringTranslation.objects.count()

    editor.post(screen_url(french), {field: ENGLISH_TEXT, f"string-{other.pk}": "Pirate"})

    assert StringTranslation.objects.count() == before + 1
    assert not StringTranslation.objects.filter(data="Pirate").exists()


def test_bad_input_answers_4xx_and_saves_nothing(editor, corrected):
    french, _english = corrected

    assert editor.get(screen_url(french, "xx")).status_code == 404
    assert editor.get(screen_url(french, "fr")).status_code == 404
    assert editor.get("/admin/translations/999999/en/").status_code == 404
    before = StringTranslation.objects.count()
    assert editor.post(screen_url(french), {}).status_code == 302
    assert StringTranslation.objects.count() == before


def test_a_user_without_translation_rights_is_refused(corrected, client, django_user_model):
    from django.contrib.auth.models import Permission

    french, _english = corrected
    user = django_user_model.objects.create_user("visiteur", password="a-long-password-1")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)

    response = client.get(screen_url(french))

    assert response.status_code in {302, 403}
    assert NEW_TEXT not in page_html(response)


def test_the_status_and_the_release_panel_link_to_the_screen(editor, approver, corrected):
    french, _english = corrected
    assert screen_url(french) in page_html(editor.get("/admin/translations/"))
    assert screen_url(french) in page_html(approver.get(f"/admin/pages/{french.id}/edit/"))


def test_markup_that_cannot_be_read_is_refused_with_a_message():
    with_markup = StringSegment(string=String(data='Le <a id="a1">projet</a> wombat.'))
    pending = [PendingPage(page=None, translation=None, strings=[PendingString(with_markup)])]

    assert not read_form(pending, {"string-None": "<script>alert(1)</script>"})
    assert pending[0].strings[0].error

    assert read_form(pending, {"string-None": 'The <a id="a1">wombat</a> project.'})
