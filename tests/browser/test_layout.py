"""What the design promises, measured in the browser: content aligned with the breadcrumbs, the
financial table whole beside the table of contents, a section menu at hand on a phone that hides
nothing being read, charts as wide as their column, the organisation's colour."""

import pytest
from playwright.sync_api import expect

from tests.browser.site_pages import open_page

pytestmark = pytest.mark.browser

LEFT_EDGES = """() => {
    const left = (selector) => {
        const element = document.querySelector(selector);
        return element ? Math.round(element.getBoundingClientRect().left) : null;
    };
    return {breadcrumbs: left('.breadcrumbs li'), heading: left('main h1'),
            header: left('.site-header__brand')};
}"""
# Each table's own width against the width of its box: more means it scrolls sideways.
TABLE_OVERFLOW = """() => [...document.querySelectorAll('.financial-table .table-scroll')].map(
    (box) => box.scrollWidth - box.clientWidth)"""
# The focused element of the report's body and its box, with the bottom of the section menu
# when the menu is stuck to the top of the window; null for any other element.
FOCUS_UNDER_MENU = """() => {
    const element = document.activeElement;
    const menu = document.querySelector('.report-toc');
    if (!element || !element.closest('.report-body')) return null;
    const box = element.getBoundingClientRect();
    const bar = menu.getBoundingClientRect();
    return {html: element.outerHTML.slice(0, 100), top: box.top, bottom: box.bottom,
            menuBottom: bar.bottom, stuck: Math.abs(bar.top) < 1};
}"""


@pytest.mark.parametrize("page_type", ["standard", "report", "message", "project"])
def test_breadcrumbs_header_and_content_share_one_left_edge(desktop_page, site_url, page_type):
    page = desktop_page
    open_page(page, site_url, page_type, "fr")

    edges = page.evaluate(LEFT_EDGES)

    assert edges["breadcrumbs"] == edges["heading"] == edges["header"], edges


def test_financial_table_needs_no_sideways_scrolling_beside_the_contents(desktop_page, site_url):
    page = desktop_page
    open_page(page, site_url, "report", "fr")

    toc = page.locator(".report-toc").bounding_box()
    body = page.locator(".report-body").bounding_box()
    assert toc["x"] + toc["width"] < body["x"], "the table of contents is beside the report"
    overflow = page.evaluate(TABLE_OVERFLOW)
    assert overflow and all(pixels <= 0 for pixels in overflow), overflow


def test_on_a_phone_the_financial_table_is_read_row_by_row_in_its_labelled_box(pages, site_url):
    page = pages["phone"]
    open_page(page, site_url, "report", "en")

    box = page.locator(".financial-table .table-scroll").first
    # No column hidden in a scrolling area: every amount is in sight (tests/browser/test_phone.py).
    assert page.evaluate(TABLE_OVERFLOW)[0] <= 0
    assert box.get_attribute("tabindex") == "0"
    assert box.get_attribute("role") == "region"
    assert page.evaluate("document.documentElement.scrollWidth") <= 360


def test_on_a_phone_the_section_menu_stays_at_hand_and_shows_the_section(pages, site_url):
    page = pages["phone"]
    open_page(page, site_url, "report", "en")
    links = page.locator(".report-toc a")
    last = links.count() - 2

    page.locator(links.nth(last).get_attribute("href")).scroll_into_view_if_needed()
    page.mouse.wheel(0, 200)

    menu = page.locator(".report-toc")
    expect(menu).to_be_in_viewport()
    assert abs(menu.bounding_box()["y"]) < 1, "the menu sticks to the top of the window"
    expect(page.locator(".report-toc a[aria-current]")).to_have_count(1)
    current = page.locator(".report-toc a[aria-current]")
    # The current section's link has been scrolled into the one-line menu.
    expect(current).to_be_in_viewport(ratio=1)


def test_on_a_phone_the_section_menu_never_hides_the_focused_element(pages, site_url):
    page = pages["phone"]
    open_page(page, site_url, "report", "fr")
    page.locator(".report-toc a").last.focus()

    reached, hidden = 0, []
    # Forwards, then backwards: going up is where a sticky bar covers what gets the focus.
    for key in ["Tab"] * 40 + ["Shift+Tab"] * 30:
        page.keyboard.press(key)
        focus = page.evaluate(FOCUS_UNDER_MENU)
        if focus is None:
            continue
        reached += 1
        assert focus["stuck"], focus
        if focus["bottom"] <= focus["menuBottom"]:
            hidden.append(focus)

    assert reached > 10
    assert not hidden, hidden


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
def test_charts_are_as_wide_as_their_column_at_most(pages, site_url, viewport):
    page = pages[viewport]
    open_page(page, site_url, "report", "fr")

    widths = page.evaluate(
        """() => [...document.querySelectorAll('.report-body svg.chart-svg')].map((svg) =>
            [svg.getBoundingClientRect().width, svg.parentElement.clientWidth])"""
    )

    assert widths
    assert all(0 < width <= column + 0.5 for width, column in widths), widths


def test_the_cover_and_buttons_wear_the_organisations_colour(desktop_page, site_url):
    page = desktop_page
    open_page(page, site_url, "report", "en")

    brand = page.evaluate("getComputedStyle(document.documentElement).getPropertyValue('--brand')")
    cover = page.locator(".report-cover").evaluate(
        "(cover) => getComputedStyle(cover).backgroundColor"
    )

    assert brand.strip() == "#0b5d7a"
    assert cover == "rgb(11, 93, 122)"


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
def test_the_contact_details_card_stands_apart_from_the_form(pages, site_url, viewport):
    page = pages[viewport]
    open_page(page, site_url, "contact", "fr")

    card = page.locator(".contact-page__columns > section").first.bounding_box()
    form_heading = page.locator("#contact-form-title").bounding_box()

    if viewport == "phone":
        # Stacked: the form's heading a clear gap under the card (3rem), not touching it.
        assert form_heading["y"] - (card["y"] + card["height"]) >= 40, (card, form_heading)
        assert page.evaluate("document.documentElement.scrollWidth") <= 360
    else:
        assert form_heading["x"] - (card["x"] + card["width"]) >= 40, (card, form_heading)


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
def test_a_tapped_section_is_the_one_the_menu_marks(pages, site_url, viewport):
    page = pages[viewport]
    open_page(page, site_url, "report", "fr")
    links = page.locator(".report-toc a")

    for index in [3, 1, 5, 2]:  # down, back up, down again
        link = links.nth(index)
        link.click()
        expect(page.locator(".report-toc a[aria-current]")).to_have_count(1)
        expect(link).to_have_attribute("aria-current", "location")
