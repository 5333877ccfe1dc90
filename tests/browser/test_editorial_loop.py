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

import re

import pytest
from playwright.sync_api import expect

from tests.browser.admin_steps import (
    change_figure,
    copy_of_demo_report,
    footer_action,
    open_editor,
    replace_text,
    sign_in,
    sign_out,
)

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


@pytest.fixture
def loop_report(site_url, django_db_blocker):
    """A published copy of the demonstration report, translated into English in full."""
    with copy_of_demo_report(
        django_db_blocker, (TITLE, ENGLISH_TITLE), (SLUG, ENGLISH_SLUG)
    ) as report:
        yield report


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
