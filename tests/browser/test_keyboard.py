"""Keyboard use: the skip link, the menus, the report's table of contents, a visible focus."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.chromium import new_page
from tests.browser.keyboard import focus_problem, focused, tab_through
from tests.browser.site_pages import PATHS, open_page

pytestmark = pytest.mark.browser

LANGUAGES = ["fr", "en"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_skip_link_comes_first_and_moves_the_focus_to_the_main_content(page, site_url, language):
    open_page(page, site_url, "standard", language)

    page.keyboard.press("Tab")
    skip_link = focused(page)
    assert skip_link["href"] == "#main", skip_link["html"]
    assert focus_problem(skip_link) is None, skip_link["html"]

    page.keyboard.press("Enter")
    assert focused(page)["id"] == "main"
    assert page.url.endswith("#main")


@pytest.mark.parametrize("language", LANGUAGES)
def test_tab_reaches_every_menu_link_and_the_language_switcher_in_order(page, site_url, language):
    open_page(page, site_url, "standard", language)
    if page.locator(".site-menu__button").is_visible():
        # On a phone the menu is behind its button (tests/browser/test_phone.py opens it by
        # keyboard); opened here so that the walk starts from the top of the page.
        page.locator(".site-menu").evaluate("(menu) => { menu.open = true; }")
    links = page.locator(".main-menu a, .language-switcher a")
    expected = [links.nth(index).get_attribute("href") for index in range(links.count())]
    assert len(expected) >= 4, expected

    reached = [
        element["href"]
        for element in tab_through(page)
        if element["region"] in {"main-menu", "language-switcher"}
    ]

    assert reached == expected


@pytest.mark.parametrize("language", LANGUAGES)
def test_table_of_contents_is_reachable_by_tab_and_enter_moves_to_the_section(
    page, site_url, language
):
    open_page(page, site_url, "report", language)
    toc_links = page.locator(".report-toc a")
    anchors = [toc_links.nth(index).get_attribute("href") for index in range(toc_links.count())]
    assert len(anchors) >= 3, anchors

    reached = [
        element["href"] for element in tab_through(page) if element["region"] == "report-toc"
    ]
    assert reached == anchors

    for index, anchor in enumerate(anchors):
        toc_links.nth(index).focus()
        page.keyboard.press("Enter")
        expect(page).to_have_url(re.compile(f"{re.escape(anchor)}$"))
        heading = page.locator(anchor)
        expect(heading).to_be_in_viewport()
        assert heading.evaluate("(element) => /^H[2-4]$/.test(element.tagName)"), anchor
    # The next Tab continues from the last section, not from the table of contents.
    page.keyboard.press("Tab")
    assert heading.evaluate(
        "(heading) => !!(heading.compareDocumentPosition(document.activeElement)"
        " & Node.DOCUMENT_POSITION_FOLLOWING)"
    ), focused(page)["html"]


@pytest.mark.parametrize("page_type", ["home", "contact-with-error", "report", "project"])
def test_every_focused_element_is_visible(page, site_url, page_type):
    open_page(page, site_url, page_type, "fr")

    reached = tab_through(page)

    assert len(reached) > 5
    problems = [
        f"{problem}: {element['html']}"
        for element in reached
        if (problem := focus_problem(element))
    ]
    assert not problems, "\n".join(problems)


def test_the_table_of_contents_marks_the_section_being_read(desktop_page, site_url):
    page = desktop_page
    open_page(page, site_url, "report", "en")
    toc_links = page.locator(".report-toc a")

    for index in [toc_links.count() - 2, 1]:
        toc_links.nth(index).click()

        expect(toc_links.nth(index)).to_have_attribute("aria-current", "location")
        expect(page.locator(".report-toc a[aria-current]")).to_have_count(1)


def test_the_report_reads_and_navigates_without_javascript(browser, site_url):
    page = new_page(browser, "phone", java_script_enabled=False)
    try:
        page.goto(site_url + PATHS["report"]["fr"])
        toc_link = page.locator(".report-toc a").last
        anchor = toc_link.get_attribute("href")

        toc_link.click()

        expect(page).to_have_url(re.compile(f"{re.escape(anchor)}$"))
        expect(page.locator(anchor)).to_be_in_viewport()
        expect(page.locator(".report-toc a[aria-current]")).to_have_count(0)
    finally:
        page.context.close()
