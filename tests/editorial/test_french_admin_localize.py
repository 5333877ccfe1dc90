"""wagtail-localize's screens in the French admin of the Communications editors.

The editor's admin language is French (their profile, as `load_demo_site` sets it) while their
browser asks for English. Each test visits one screen and checks that the English texts it showed
are gone and their French is there:

- `/admin/pages/<English page id>/edit/`: the translation editor (its page, the props of its React
  app, whose texts come from the locales' names) and its JavaScript catalogue
  `/admin/localize/jsi18n/`;
- `/admin/localize/submit/page/<id>/`: "Traduire cette page";
- `/admin/localize/update/<translation source id>/`: "Synchroniser les pages traduites";
- `/admin/localize/page/<English page id>/convert_to_alias/`: "Convertir en alias";
- `/admin/pages/<reports index id>/`: the page listing and its translation buttons;
- `/admin/localize/reports/translations/`: wagtail-localize's report;
- `/admin/locales/`: the locales settings (the administrator's; editors are sent away).

The texts that wagtail-localize writes in English in its JavaScript ("More actions", "Français to
English translation") or without gettext cannot be translated from here: they are not tested.
"""

import html
import json
import re

import pytest
from wagtail.users.models import UserProfile
from wagtail_localize.models import TranslationSource

from tests.editorial.conftest import PASSWORD
from tests.editorial.release_helpers import translate
from tests.factories import SuperUserFactory
from tests.html import page_html

# The editor's browser asks for English: the admin follows their profile, not the browser.
BROWSER_IN_ENGLISH = {"Accept-Language": "en"}


def speaks(user, language):
    UserProfile.objects.update_or_create(user=user, defaults={"preferred_language": language})


@pytest.fixture
def french_editor(editor, communications_user):
    """The Communications editor's browser; their admin is in French."""
    speaks(communications_user, "fr")
    return editor


def screen(client, url):
    response = client.get(url, headers=BROWSER_IN_ENGLISH)
    assert response.status_code == 200, url
    return page_html(response)


@pytest.fixture
def translated(french_editor, release, english):
    """The report translated into English (draft), as the editor sees it in the admin."""
    translate(french_editor, release["report"], english)
    return release["report"].get_translation(english)


def editor_props(page_source):
    """The props of the translation editor's React app, which renders them in the browser."""
    match = re.search(r'class="js-translation-editor" data-props="([^"]*)"', page_source)
    return json.loads(html.unescape(match[1]))


def test_translation_editor_names_the_languages_in_french(french_editor, translated):
    page = screen(french_editor, f"/admin/pages/{translated.id}/edit/")
    props = editor_props(page)
    # The app writes "{source} to {target} translation" and "Publier en {target}" from these.
    assert props["sourceLocale"]["displayName"] == "Français"
    assert props["locale"]["displayName"] == "Anglais"
    assert [t["locale"]["displayName"] for t in props["translations"]] == ["Français"]
    assert "Traduction de Rapport annuel 2022-2023 en Anglais" in page
    assert "English" not in page
    # The status side panel, read by screen readers.
    assert "Status :" not in page
    assert '<span class="w-sr-only">Statut : </span>' in page


def test_translation_editor_javascript_catalogue_is_french(french_editor):
    catalogue = french_editor.get("/admin/localize/jsi18n/", headers=BROWSER_IN_ENGLISH)
    assert catalogue.status_code == 200
    text = catalogue.content.decode()
    # "Publier dans" + "English" read "Publier dansEnglish".
    assert '"Publish in ": "Publier en "' in text
    assert '"Stop Synced translation": "Arr\\u00eater la synchronisation des traductions"' in text
    assert '"Publier dans"' not in text


def test_translate_this_page_is_french(french_editor, release):
    page = screen(french_editor, f"/admin/localize/submit/page/{release['report'].id}/")
    assert "Traduire la page" in page
    assert "Anglais" in page
    assert "English" not in page
    assert "Toutes les sous-pages seront créées." in page


def test_update_translations_is_french(french_editor, release, translated):
    report = release["report"]
    source = TranslationSource.objects.get(object_id=report.translation_key, locale=report.locale)
    page = screen(french_editor, f"/admin/localize/update/{source.id}/")
    assert "Mettre à jour les traductions existantes" in page
    assert "<li> Anglais (" in page
    assert "English" not in page


def test_convert_to_alias_is_french(french_editor, translated):
    page = screen(french_editor, f"/admin/localize/page/{translated.id}/convert_to_alias/")
    assert (
        "Voulez-vous vraiment convertir cette page en alias ? Son contenu sera remplacé par celui "
        "de « Rapport annuel 2022-2023 » (Français)." in page
    )
    assert "cette pas" not in page


def test_page_listing_and_its_translation_buttons_are_french(
    french_editor, report_index, release, english
):
    listing = f"/admin/pages/{report_index.id}/"
    before = screen(french_editor, listing)
    assert "Traduire cette page" in before
    translate(french_editor, release["report"], english)
    page = screen(french_editor, listing)
    assert "Synchroniser les pages traduites" in page
    # The locale filter, the "has child pages" filter and the status read by screen readers.
    assert re.search(r'name="locale" value="en"[^>]*> Anglais</label>', page)
    assert "English" not in page
    assert re.search(r'name="has_child_pages"[^>]*> Indifférent</label>', page)
    assert "Any" not in page
    assert "Statut actuel de la page :" in page
    assert "Status" not in page


@pytest.mark.filterwarnings("ignore::django.core.paginator.UnorderedObjectListWarning")
def test_translations_report_is_french(french_editor, translated):
    page = screen(french_editor, "/admin/localize/reports/translations/")
    assert "Rapport annuel 2022-2023 (Anglais)" in page
    assert "(English)" not in page
    assert '<option value="en">Anglais</option>' in page


def test_locales_settings_are_french_and_the_administrators(french_editor, client, english):
    assert french_editor.get("/admin/locales/").status_code == 302
    administrator = SuperUserFactory(username="administrateur", password=PASSWORD)
    speaks(administrator, "fr")
    client.force_login(administrator)
    page = screen(client, "/admin/locales/")
    assert "Anglais" in page
    assert "English" not in page
    page = screen(client, f"/admin/locales/edit/{english.id}/")
    assert "Choisissez une région à partir de laquelle effectuer la synchronisation." in page
    assert "English" not in page


def test_an_english_admin_keeps_english_names(french_editor, communications_user, translated):
    speaks(communications_user, "en")
    page = screen(french_editor, f"/admin/pages/{translated.id}/edit/")
    props = editor_props(page)
    assert props["sourceLocale"]["displayName"] == "French"
    assert props["locale"]["displayName"] == "English"
    assert "Translation of Rapport annuel 2022-2023 into English" in page
