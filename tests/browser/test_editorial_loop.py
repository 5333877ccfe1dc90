"""The whole editorial loop in Chromium (issue 13): communications edits a figure and a sentence
of a report and submits it; direction reads on the release panel that one string will show in
French, and approves; both languages show the new figure at once, the new sentence in French
(marked `lang="fr"`) on the English page; communications translates the sentence on the one
screen; the English report is whole.

The report is a copy of the demonstration report (same blocks, its English translation complete),
made for this test and deleted after it: the other browser tests read the demonstration report
as loaded, and the fixture checks that it was left as it was.

URLs, in order:
- /admin/login/ (communications, then direction, then communications again)
- /admin/pages/<report id>/edit/: the key figure and the text block changed, "Soumettre à
  Approbation du rapport annuel" from the footer's action menu
- /admin/pages/<report id>/edit/ (direction): the release panel, "Approuver et Publier" from
  the footer's action menu
- /fr/rapports-annuels/boucle-editoriale/ and /en/annual-reports/editorial-loop/ (visitor)
- /admin/translations/<report id>/en/ (the release panel's link): "Enregistrer les traductions"
- /en/annual-reports/editorial-loop/ (visitor) again
"""

import os
import re

import pytest
from django.core.cache import cache
from playwright.sync_api import expect
from wagtail.models import Locale

from demo import report_content
from demo.management.commands.load_demo_site import DEMO_EDITORS
from editorial.localization import publish_translation
from report.models import ReportYearPage
from tests.browser.chromium import new_page

pytestmark = pytest.mark.browser

TITLE = "Rapport annuel 2021-2022 : boucle éditoriale"
SLUG = "boucle-editoriale"
ENGLISH_TITLE = "Annual report 2021-2022: editorial loop"
ENGLISH_SLUG = "editorial-loop"
FRENCH_URL = f"/fr/rapports-annuels/{SLUG}/"
ENGLISH_URL = f"/en/annual-reports/{ENGLISH_SLUG}/"

OLD_FIGURE, NEW_FIGURE = "68577", "70125"
# The text block whose one sentence the editor replaces.
OLD_SENTENCE = "Les produits totaux ont progressé de 1 %"
NEW_SENTENCE = "Une année record pour nos membres."
ENGLISH_SENTENCE = "A record year for our members."

# The new figure as each language writes it: French with a (narrow) no-break space.
NEW_FIGURE_SHOWN = {"fr": re.compile("70[\u00a0\u202f]125"), "en": re.compile("70,125")}
# The old one, whatever the thousands separator.
OLD_FIGURE_SHOWN = re.compile("68[ \u00a0\u202f,]?577")
# Runs of ordinary white space (template layout), folded; no-break spaces are kept.
ASCII_SPACES = re.compile("[ \t\n\r\f\v]+")


def password(username):
    for name, _group, variable, default, _names in DEMO_EDITORS:
        if name == username:
            return os.environ.get(variable, default)
    raise KeyError(username)


def live_revisions(page):
    """{language: (live revision, latest revision)} of `page` and its translations."""
    return {
        translation.locale.language_code: (
            translation.live_revision_id,
            translation.latest_revision_id,
        )
        for translation in ReportYearPage.objects.filter(translation_key=page.translation_key)
    }


@pytest.fixture
def loop_report(site_url, django_db_blocker):
    """A published copy of the demonstration report, translated into English in full."""
    with django_db_blocker.unblock():
        demo = ReportYearPage.objects.get(locale__language_code="fr", slug="2021-2022")
        demo_revisions = live_revisions(demo)
        report = demo.copy(
            to=demo.get_parent(),
            update_attrs={"slug": SLUG, "title": TITLE, "draft_title": TITLE},
            copy_revisions=False,
            keep_live=False,
        ).specific
        assert report.translation_key != demo.translation_key
        report.save_revision().publish()
        english = Locale.objects.get(language_code="en")
        translations = {**report_content.ENGLISH, TITLE: ENGLISH_TITLE, SLUG: ENGLISH_SLUG}
        _translated, missing = publish_translation(report, english, translations)
        assert missing == []
        cache.clear()
    yield report
    with django_db_blocker.unblock():
        for page in ReportYearPage.objects.filter(translation_key=report.translation_key):
            page.delete()
        cache.clear()
        assert live_revisions(demo) == demo_revisions, "the demonstration report was changed"


@pytest.fixture
def new_browser_page(browser):
    """A desktop page in a context of its own (cookies, session), closed after the test."""
    opened = []

    def open_page():
        opened.append(new_page(browser, "desktop"))
        return opened[-1]

    yield open_page
    for page in opened:
        page.context.close()


def sign_in(page, site_url, username):
    page.goto(f"{site_url}/admin/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password(username))
    with page.expect_navigation():
        page.locator("form [type=submit]").first.click()
    assert "/admin/login/" not in page.url, f"{username} could not sign in"


def sign_out(page):
    """ "Se déconnecter" from the account menu at the foot of the admin's sidebar."""
    page.locator(".sidebar-footer__account").click()
    logout = page.locator('form[action="/admin/logout/"] button')
    with page.expect_navigation():
        logout.click()
    assert "/admin/login/" in page.url, page.url


def open_editor(page, site_url, report):
    page.goto(f"{site_url}/admin/pages/{report.id}/edit/")
    page.locator("form[data-edit-form] footer").wait_for()


def change_figure(page, old, new):
    """Type `new` in the key figure's value field that holds `old`."""
    name = page.evaluate(
        """(old) => [...document.querySelectorAll('input[name^="body-"][name$="-value-value"]')]
            .find((input) => /-value-figures-\\d+-value-value$/.test(input.name)
                             && input.value === old).name""",
        old,
    )
    field = page.locator(f'input[name="{name}"]')
    field.fill(new)
    expect(field).to_have_value(new)


def replace_text(page, old, new):
    """Replace the text of the rich text block that reads `old` (Draftail) with `new`."""
    field_id = (
        page.locator("[data-streamfield-widget]")
        .filter(has=page.locator(".public-DraftEditor-content", has_text=old))
        .locator("input[type=hidden]")
        .get_attribute("id")
    )
    widget = page.locator("[data-streamfield-widget]").filter(has=page.locator(f"#{field_id}"))
    editor = widget.locator(".public-DraftEditor-content")
    editor.click()
    page.keyboard.press("ControlOrMeta+a")
    page.keyboard.type(new)
    expect(editor).to_have_text(new)
    # Draftail writes the text into the block's hidden input, which the form posts.
    expect(widget.locator("input[type=hidden]")).to_have_value(re.compile(re.escape(new)))


def footer_action(page, name):
    """Click `name` in the footer's action menu, opening the menu first."""
    footer = page.locator("form[data-edit-form] footer")
    action = footer.get_by_role("button", name=name, exact=True)
    if not action.is_visible():
        footer.locator("[data-w-dropdown-target=toggle]").first.click()
    with page.expect_navigation():
        action.click()


def main_text(page, url):
    """The text of the page's main content (all of it: `innerText` leaves out the sections
    that `content-visibility: auto` has not rendered yet)."""
    response = page.goto(url)
    assert response.status == 200, url
    return ASCII_SPACES.sub(" ", page.locator("main").text_content())


def test_a_figure_and_a_sentence_go_from_the_editor_to_both_languages(
    site_url, loop_report, new_browser_page
):
    report = loop_report
    staff, visitor = new_browser_page(), new_browser_page()

    # Communications changes 68 577 hours to 70 125 and a sentence, and submits the report.
    sign_in(staff, site_url, "communications")
    open_editor(staff, site_url, report)
    change_figure(staff, OLD_FIGURE, NEW_FIGURE)
    replace_text(staff, OLD_SENTENCE, NEW_SENTENCE)
    footer_action(staff, "Soumettre à Approbation du rapport annuel")
    expect(staff.locator(".messages")).to_contain_text("a été soumise")
    sign_out(staff)

    # Direction reads that one string will show in French, and approves.
    sign_in(staff, site_url, "direction")
    open_editor(staff, site_url, report)
    in_french = staff.locator(".report-release__in-french")
    expect(in_french.locator("p").first).to_have_text(
        re.compile(r"^\s*1 texte s’affichera en français tant qu’il ne sera pas traduit :\s*$")
    )
    expect(in_french).to_contain_text(f"« {TITLE} » (Anglais) : 1")
    footer_action(staff, "Approuver et Publier")
    sign_out(staff)

    # A visitor reads the new figure in both languages, the new sentence in French in both.
    french_text = main_text(visitor, site_url + FRENCH_URL)
    assert NEW_FIGURE_SHOWN["fr"].search(french_text), french_text
    assert not OLD_FIGURE_SHOWN.search(french_text)
    assert NEW_SENTENCE in french_text and OLD_SENTENCE not in french_text
    english_text = main_text(visitor, site_url + ENGLISH_URL)
    assert NEW_FIGURE_SHOWN["en"].search(english_text), english_text
    assert not OLD_FIGURE_SHOWN.search(english_text)
    in_french_for_visitors = visitor.locator('main [lang="fr"]')
    expect(in_french_for_visitors).to_have_count(1)
    expect(in_french_for_visitors).to_have_text(NEW_SENTENCE)

    # Communications follows the release panel's link and translates it on the one screen.
    sign_in(staff, site_url, "communications")
    open_editor(staff, site_url, report)
    with staff.expect_navigation():
        staff.locator(
            f'.report-release__in-french a[href="/admin/translations/{report.id}/en/"]'
        ).click()
    string = staff.locator("main form textarea")
    expect(string).to_have_count(1)
    expect(staff.locator(f'label[for="{string.get_attribute("id")}"]')).to_have_text(NEW_SENTENCE)
    string.fill(ENGLISH_SENTENCE)
    with staff.expect_navigation():
        staff.get_by_role("button", name="Enregistrer les traductions").click()
    expect(staff.locator(".messages")).to_contain_text(
        f"Le texte traduit de « {TITLE} » est publié"
    )
    expect(staff.locator("main form textarea")).to_have_count(0)

    # English is whole: the translated sentence, the new figure, nothing left in French.
    english_text = main_text(visitor, site_url + ENGLISH_URL)
    assert ENGLISH_SENTENCE in english_text and NEW_SENTENCE not in english_text
    assert NEW_FIGURE_SHOWN["en"].search(english_text), english_text
    expect(in_french_for_visitors).to_have_count(0)
