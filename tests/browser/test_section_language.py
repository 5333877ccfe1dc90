"""The language switcher keeps the reader's section: a reader of the French report at
#membrariat who clicks "English" lands on the English report at #membership, in view
(static/js/section-language.js, under the site's Content Security Policy); an address made with
the other language's anchor still reaches the section."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.chromium import VIEWPORTS
from tests.browser.site_pages import PATHS

pytestmark = pytest.mark.browser

REPORT = PATHS["report"]
LANGUAGE_NAMES = {"fr": "Français", "en": "English"}
# How long the page rests before static/js/section-language.js takes the section on screen.
REST_MS = 800


@pytest.fixture
def reader(browser, site_url):
    """A desktop page whose context applies the site's policies (the script must run under
    them), failing the test on any script error or refusal."""
    context = browser.new_context(viewport=VIEWPORTS["desktop"])
    context.set_default_timeout(10_000)
    page = context.new_page()
    problems = []
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on(
        "console",
        lambda message: (
            problems.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    yield page
    context.close()
    assert problems == []


def open_report(page, site_url, language, anchor=""):
    response = page.goto(f"{site_url}{REPORT[language]}{'#' + anchor if anchor else ''}")
    assert response.status == 200


def switch_language(page, language):
    link = page.locator(f'.language-switcher a[hreflang="{language}"]')
    assert link.inner_text() == LANGUAGE_NAMES[language]
    with page.expect_navigation():
        link.click()
    page.wait_for_load_state("load")


def heading_in_view(page, anchor):
    """Whether the section's heading is in the upper half of the window."""
    return page.evaluate(
        """(anchor) => {
            const box = document.getElementById(anchor).getBoundingClientRect();
            return box.top >= 0 && box.top < window.innerHeight / 2;
        }""",
        anchor,
    )


@pytest.mark.parametrize(
    ("language", "anchor", "other_language", "other_anchor"),
    [("fr", "membrariat", "en", "membership"), ("en", "membership", "fr", "membrariat")],
)
def test_the_switcher_takes_the_reader_to_the_same_section(
    reader, site_url, language, anchor, other_language, other_anchor
):
    open_report(reader, site_url, language, anchor)
    assert heading_in_view(reader, anchor)

    switch_language(reader, other_language)

    assert reader.url == f"{site_url}{REPORT[other_language]}#{other_anchor}"
    assert heading_in_view(reader, other_anchor)


def test_the_switcher_takes_the_reader_to_the_section_last_read(reader, site_url):
    """Arrived at #membrariat, the reader stops on “Capital humain”, then scrolls back up to the
    switcher in the page's header: the section is the one last read, not the cover."""
    open_report(reader, site_url, "fr", "membrariat")
    reader.evaluate("document.getElementById('capital-humain').scrollIntoView()")
    english_link = reader.locator('.language-switcher a[hreflang="en"]')
    expect(english_link).to_have_attribute("href", re.compile(r"#human-capital$"))

    reader.evaluate("window.scrollTo(0, 0)")
    reader.wait_for_timeout(REST_MS + 500)
    switch_language(reader, "en")

    assert reader.url == f"{site_url}{REPORT['en']}#human-capital"
    assert heading_in_view(reader, "human-capital")


def test_the_switcher_goes_to_the_top_of_the_report_from_its_cover(reader, site_url):
    open_report(reader, site_url, "en")

    switch_language(reader, "fr")

    assert reader.url == f"{site_url}{REPORT['fr']}"


def test_a_french_anchor_on_the_english_report_reaches_the_section(reader, site_url):
    """An address shared from the French report, with its language changed by hand."""
    open_report(reader, site_url, "en", "membrariat")

    assert heading_in_view(reader, "membership")

    switch_language(reader, "fr")

    assert reader.url == f"{site_url}{REPORT['fr']}#membrariat"
    assert heading_in_view(reader, "membrariat")
