"""The admin in Québec French, as the communications team reported it:

- block labels capitalised in the translation editor too ("Catégories", not "catégories");
- a space before the colon ("Ajouté :"), in our screens and in every French string of our
  catalogues (the test that fails on any French string missing it);
- one "Traductions" entry in the main menu (our translation status and wagtail-localize's
  list of translations), and Wagtail's "Rapports" renamed "Suivi du site", so that editors
  no longer take it for the annual reports;
- the annual report's date pickers opening on its fiscal year, not on today.

Wagtail's own titles ("Modification de Rapport annuel: …") write their colon in Python
(`get_header_title`), outside any catalogue: they are not tested here.
"""

import datetime
import html
import json
import re
from pathlib import Path

import polib
import pytest
from django import forms
from django.conf import settings
from django.contrib.auth.models import Permission
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation
from wagtail.admin.menu import reports_menu
from wagtail.users.models import UserProfile

from report.forms import first_of_next_month, opening_dates
from tests.editorial.conftest import PASSWORD, logged_in_client
from tests.editorial.release_helpers import translate
from tests.factories import ReportYearPageFactory, SuperUserFactory, UserFactory
from tests.html import page_html

FRENCH_CATALOGUES = [
    Path(settings.LOCALE_PATHS[0]) / "fr" / "LC_MESSAGES" / name
    for name in ("django.po", "djangojs.po")
]

# ":" ";" "!" "?" ending a word and followed by a space, the end of the text, a closing quote,
# bracket or tag: punctuation, which French writes after a space. A colon inside a word is an
# address, a time or a format ("https://", "15:30", "%H:%M") and is left alone.
MISSING_SPACE = re.compile(r"(?<=[^\s:;!?])[:;!?](?=[\s\"»”<)\]]|$)")


def speaks(user, language):
    UserProfile.objects.update_or_create(user=user, defaults={"preferred_language": language})


def missing_spaces(text):
    return [
        text[max(0, match.start() - 25) : match.end()] for match in MISSING_SPACE.finditer(text)
    ]


def french_strings(path):
    for entry in polib.pofile(str(path)):
        if entry.msgid and not entry.obsolete:
            yield from [entry.msgstr, *entry.msgstr_plural.values()]


# French typography of the catalogues


def test_missing_spaces_finds_punctuation_glued_to_the_word():
    assert missing_spaces("Ajouté:") == ["Ajouté:"]
    assert missing_spaces("<strong>Avant:</strong>") == ["<strong>Avant:"]
    assert missing_spaces("n’est pas valide; par exemple") == ["n’est pas valide;"]
    assert missing_spaces("est-il à jour?") == ["est-il à jour?"]
    assert missing_spaces("Bravo!") == ["Bravo!"]


def test_missing_spaces_leaves_spaced_punctuation_addresses_times_and_formats_alone():
    assert missing_spaces("Statut : publié ; à jour ? oui ! %(label)s : %(value)s") == []
    assert missing_spaces("Statut\u00a0: publié ?!") == []
    assert missing_spaces("https://example.org/?next=/admin/ à 15:30, %H:%M, Y-m-d H:i") == []


@pytest.mark.parametrize("catalogue", FRENCH_CATALOGUES, ids=lambda path: path.name)
def test_every_french_string_of_our_catalogues_has_a_space_before_double_punctuation(catalogue):
    problems = [found for text in french_strings(catalogue) for found in missing_spaces(text)]
    assert problems == []


def test_django_labels_suffix_is_the_french_colon_with_its_space():
    """Django's ":" after form labels (`label_suffix`), from its own fr catalogue: the site's
    language is "fr" (not "fr-ca"), whose catalogue gives a non-breaking space."""
    assert settings.LANGUAGE_CODE == "fr"
    with translation.override(settings.LANGUAGE_CODE):
        assert forms.Form().label_suffix == "\u00a0:"


# French colons on our screens


def change_first_paragraph(page, text):
    """Publish a new revision of `page` whose first paragraph says `text` (same block)."""
    block = page.body[0]
    page.body = [{"type": "text", "value": f"<p>{text}</p>", "id": block.id}]
    page.save_revision().publish()


def test_the_translation_status_writes_a_space_before_the_colon_of_each_change(
    editor, communications_user, public_site
):
    speaks(communications_user, "fr")
    change_first_paragraph(public_site["about"], "Une coopérative depuis 1996.")
    page = page_html(editor.get(reverse("translation_status")))
    assert "<strong>Modifié :</strong> Une coopérative depuis 1996." in page
    assert "Modifié:" not in page


def test_the_contact_forms_list_of_errors_writes_a_space_before_the_colon(client, public_site):
    response = client.post(public_site["contact"].url, {"name": "Léa"})
    assert response.status_code == 400
    page = page_html(response)
    assert "Votre adresse courriel : Veuillez indiquer une adresse courriel" in page
    assert "courriel:" not in page


# The main menu


def sidebar_menu(client):
    """The admin's main menu as (label, url, submenu) triples, submenus holding the same.

    Wagtail renders the sidebar in the browser from JSON props in the page (`{% sidebar_props
    %}`: `<script id="wagtail-sidebar-props">`), its menu items packed by telepath as
    {"_type": "wagtail.sidebar.LinkMenuItem" or "….SubMenuItem", "_args": [{label, url…},
    submenu items]}.
    """
    response = client.get("/admin/")
    assert response.status_code == 200
    found = re.search(
        r'<script id="wagtail-sidebar-props" type="application/json">(.*?)</script>',
        response.content.decode(),
        re.S,
    )
    modules = json.loads(found[1])["modules"]
    main_menu = next(m for m in modules if m["_type"] == "wagtail.sidebar.MainMenuModule")
    return menu_items(main_menu["_args"][0])


def menu_items(packed):
    items = []
    for item in packed:
        properties = item["_args"][0]
        submenu = item["_args"][1] if item["_type"] == "wagtail.sidebar.SubMenuItem" else []
        items.append((properties["label"], properties.get("url"), menu_items(submenu)))
    return items


def submenu(menu, label):
    [children] = [children for item_label, _url, children in menu if item_label == label]
    return children


def all_urls(menu):
    return [url for _label, url, children in menu for url in [url, *all_urls(children)] if url]


def urls_wagtail_reports_show(user):
    """The Reports items that Wagtail shows `user`, before any menu hook changes the menu."""
    request = RequestFactory().get("/admin/")
    request.user = user
    return {item.url for item in reports_menu.registered_menu_items if item.is_shown(request)}


@pytest.fixture
def admin_users(roles, communications_user, direction_user):
    """{role: (user, browser)}, each user's admin in French."""
    superuser = SuperUserFactory(username="admin")
    users = {
        "superuser": superuser,
        "communications": communications_user,
        "direction": direction_user,
    }
    for user in users.values():
        speaks(user, "fr")
    return {role: (user, logged_in_client(user)) for role, user in users.items()}


@pytest.mark.parametrize("role", ["superuser", "communications", "direction"])
def test_the_main_menu_has_one_translations_entry_and_no_reports(admin_users, role):
    menu = sidebar_menu(admin_users[role][1])
    labels = [label for label, _url, _children in menu]
    assert labels.count("Traductions") == 1
    assert "Rapports" not in labels
    assert "État des traductions" not in labels
    assert submenu(menu, "Traductions") == [
        ("État des traductions", "/admin/translations/", []),
        ("Liste des traductions", "/admin/localize/reports/translations/", []),
    ]


@pytest.mark.parametrize("role", ["superuser", "communications", "direction"])
def test_wagtails_reports_stay_reachable_under_their_new_name(admin_users, role):
    user, client = admin_users[role]
    menu = sidebar_menu(client)
    site_activity = {url for _label, url, _children in submenu(menu, "Suivi du site")}
    wagtail_reports = urls_wagtail_reports_show(user)
    translations_report = reverse("wagtail_localize:translations_report")
    assert translations_report in wagtail_reports  # what wagtail-localize files under Reports
    assert site_activity == wagtail_reports - {translations_report}
    assert all_urls(menu).count(translations_report) == 1


def test_the_menu_reads_in_english_for_an_english_admin(superuser_client, superuser):
    speaks(superuser, "en")
    menu = sidebar_menu(superuser_client)
    labels = [label for label, _url, _children in menu]
    assert "Translations" in labels
    assert "Site activity" in labels
    assert "Reports" not in labels
    assert [label for label, _url, _children in submenu(menu, "Translations")] == [
        "Translation status",
        "List of translations",
    ]


def test_a_user_without_the_translation_permission_keeps_the_list_of_translations(roles):
    """Wagtail-localize shows its list to every admin user; our status needs the right to
    translate."""
    user = UserFactory(username="lecteur", password=PASSWORD)
    user.user_permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    speaks(user, "fr")
    menu = sidebar_menu(logged_in_client(user))
    assert submenu(menu, "Traductions") == [
        ("Liste des traductions", "/admin/localize/reports/translations/", []),
    ]


# Block labels in the translation editor


TIMELINE = (
    "timeline",
    {
        "heading": "Représentation",
        "introduction": "",
        "categories": [
            {
                "name": "Participation à des événements",
                "events": [{"date": datetime.date(2022, 6, 3), "title": "AGA du Chantier"}],
            }
        ],
    },
)


def translation_editor_props(page_source):
    """The props of wagtail-localize's translation editor (a React app that renders them)."""
    found = re.search(r'class="js-translation-editor" data-props="([^"]*)"', page_source)
    return json.loads(html.unescape(found[1]))


def test_the_translation_editor_heads_the_timeline_categories_with_a_capital(
    editor, communications_user, report_index, english
):
    speaks(communications_user, "fr")
    report = ReportYearPageFactory(parent=report_index, body=[TIMELINE])
    translate(editor, report, english)
    english_report = report.get_translation(english)
    page = editor.get(f"/admin/pages/{english_report.pk}/edit/").content.decode()
    locations = {
        segment["source"]: segment["location"]
        for segment in translation_editor_props(page)["segments"]
        if segment["type"] == "string"
    }
    category = locations["Participation à des événements"]
    assert (category["field"], category["subField"]) == ("Chronologie des événements", "Catégories")
    assert locations["Représentation"]["subField"] == "Titre"


# The report's date pickers


def test_first_of_next_month_crosses_the_year():
    assert first_of_next_month(datetime.date(2023, 3, 31)) == datetime.date(2023, 4, 1)
    assert first_of_next_month(datetime.date(2023, 12, 1)) == datetime.date(2024, 1, 1)


def test_a_report_with_its_year_opens_the_assembly_date_on_the_month_after_it():
    dates = opening_dates(datetime.date(2022, 4, 1), datetime.date(2023, 3, 31))
    assert dates == {
        "fiscal_year_start": datetime.date(2022, 4, 1),
        "fiscal_year_end": datetime.date(2023, 3, 31),
        "general_assembly_date": datetime.date(2023, 4, 1),
    }


def test_a_new_report_opens_on_the_year_after_the_latest_report():
    dates = opening_dates(None, None, datetime.date(2021, 4, 1), datetime.date(2022, 3, 31))
    assert dates == {
        "fiscal_year_start": datetime.date(2022, 4, 1),
        "fiscal_year_end": datetime.date(2023, 3, 31),
        "general_assembly_date": datetime.date(2023, 4, 1),
    }


def test_a_first_report_opens_on_today():
    assert opening_dates(None, None) == {}


def picker_options(page_source, field):
    """The options that the form gives the date picker of `field` (Wagtail's date input writes
    them in `initDateChooser(id, options)`, after the input)."""
    found = re.search(rf'initDateChooser\("id_{field}", (\{{.*?\}})\);', page_source)
    assert found, field
    return json.loads(found[1])


def test_an_empty_assembly_date_opens_on_the_month_after_the_fiscal_year(editor, report_index):
    report = ReportYearPageFactory(parent=report_index, general_assembly_date=None)
    page = editor.get(f"/admin/pages/{report.pk}/edit/").content.decode()
    assert picker_options(page, "general_assembly_date")["startDate"] == "2022/04/01"
    assert picker_options(page, "general_assembly_date")["formatDate"] == "Y/m/d"
    # A date already set: the picker opens on it, as Wagtail's does.
    assert "startDate" not in picker_options(page, "fiscal_year_start")
    assert "startDate" not in picker_options(page, "fiscal_year_end")


def test_a_date_already_set_opens_on_itself(editor, report_index):
    report = ReportYearPageFactory(parent=report_index)
    page = editor.get(f"/admin/pages/{report.pk}/edit/").content.decode()
    assert "startDate" not in picker_options(page, "general_assembly_date")


def test_a_new_report_opens_on_the_year_after_the_latest_one(editor, report_index):
    ReportYearPageFactory(parent=report_index)  # 2021-2022
    ReportYearPageFactory(
        parent=report_index,
        fiscal_year_start=datetime.date(2020, 4, 1),
        fiscal_year_end=datetime.date(2021, 3, 31),
    )
    page = editor.get(f"/admin/pages/add/report/reportyearpage/{report_index.pk}/")
    assert page.status_code == 200
    source = page.content.decode()
    assert picker_options(source, "fiscal_year_start")["startDate"] == "2022/04/01"
    assert picker_options(source, "fiscal_year_end")["startDate"] == "2023/03/31"
    assert picker_options(source, "general_assembly_date")["startDate"] == "2023/04/01"


def test_the_first_report_opens_on_today(editor, report_index):
    page = editor.get(f"/admin/pages/add/report/reportyearpage/{report_index.pk}/")
    source = page.content.decode()
    for field in ("fiscal_year_start", "fiscal_year_end", "general_assembly_date"):
        assert "startDate" not in picker_options(source, field)
