"""Phone first, measured at 390x844: a header bar of at most 120px with the menu behind a button
that works without script, one line of breadcrumbs, a section bar that shows it scrolls and keeps
the current section in sight, and no table column out of sight without a visible cue."""

import io

import pytest
from PIL import Image
from playwright.sync_api import expect

from tests.browser.axe import describe_violations, run_axe
from tests.browser.site_pages import open_page

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
HEADER_MAX_HEIGHT = 120
LANGUAGES = ["fr", "en"]
# White, and what is taken for a shade: darker than this in every channel.
WHITE = (255, 255, 255)
SHADED_BELOW = 235

# Every table cell of the main content whose right edge is past the window's, with the scrolling
# box around it (if any) and the box's edges; chart data tables are opened first.
CELLS_PAST_THE_WINDOW = """() => {
    document.querySelectorAll('main details').forEach((details) => { details.open = true; });
    return [...document.querySelectorAll('main td, main th')]
        .filter((cell) => cell.getBoundingClientRect().right > window.innerWidth + 0.5)
        .map((cell) => {
            const box = cell.closest('.table-scroll');
            const edges = box && box.getBoundingClientRect();
            return {cell: cell.outerHTML.slice(0, 80), box: box && {
                scrolls: box.scrollWidth > box.clientWidth, right: edges.right, top: edges.top}};
        });
}"""
# A table wider than a phone in a scrolling box, as a chart's data table with many columns is.
WIDE_TABLE = """() => {
    const cells = (tag) => Array.from({length: 8}, (_, index) =>
        `<${tag}>Column ${index} 1 234 567 $</${tag}>`).join('');
    document.querySelector('.report-body').insertAdjacentHTML('afterbegin',
        `<div class="table-scroll" id="wide-table" tabindex="0"><table class="report-table">
         <caption>Wide</caption><tr>${cells('td')}</tr></table></div>`);
}"""


@pytest.fixture(scope="module")
def phone(browser, site_url):
    """A 390x844 page with script, in a context of its own."""
    context = browser.new_context(viewport=PHONE, bypass_csp=True)
    context.set_default_timeout(10_000)
    yield context.new_page()
    context.close()


@pytest.fixture(scope="module")
def phone_without_script(browser, site_url):
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    context.set_default_timeout(10_000)
    yield context.new_page()
    context.close()


def pixel(page, x, y):
    """The colour the visitor sees at (x, y) of the window."""
    png = page.screenshot(clip={"x": x, "y": y, "width": 1, "height": 1})
    return Image.open(io.BytesIO(png)).convert("RGB").getpixel((0, 0))


def is_shaded(colour):
    return all(channel < SHADED_BELOW for channel in colour)


def edge_colours(page, selector, y_offset):
    """The colours at the left and right inner edges of a scrolling box, y_offset px below its
    top (a place without text: where a cue shows, it is the only thing drawn there)."""
    box = page.locator(selector).bounding_box()
    y = box["y"] + y_offset
    return pixel(page, box["x"] + 1, y), pixel(page, box["x"] + box["width"] - 2, y)


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("page_type", ["home", "report", "message", "project", "contact"])
def test_the_header_is_at_most_120px_tall_and_the_breadcrumbs_one_line(
    phone, site_url, page_type, language
):
    open_page(phone, site_url, page_type, language)

    header = phone.locator(".site-header").bounding_box()
    assert header["height"] <= HEADER_MAX_HEIGHT, header
    menu_button = phone.locator(".site-menu__button")
    expect(menu_button).to_be_visible()
    expect(phone.locator(".main-menu")).to_be_hidden()
    # The other language is one tap away; the name is shortened, not its accessible name.
    expect(phone.locator(".language-switcher a[hreflang]")).to_be_visible()
    expect(phone.locator(".site-header__brand")).to_have_accessible_name(
        "Consortium de ressources et d’expertises coopératives"
    )
    short_name = phone.locator(".site-header__name--short")
    expect(short_name).to_be_visible()
    expect(short_name).to_have_text("Consortium")
    assert phone.locator(".site-header__name--full").bounding_box()["width"] <= 1
    breadcrumbs = phone.locator(".breadcrumbs")
    if page_type != "home":
        # One line, the link back up to the parent page.
        assert breadcrumbs.bounding_box()["height"] <= 48
        visible = breadcrumbs.locator("a:visible")
        expect(visible).to_have_count(1)
        assert visible.get_attribute("aria-current") is None
    main_top = phone.locator("main").bounding_box()["y"]
    assert main_top <= HEADER_MAX_HEIGHT + 48, main_top


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_menu_opens_without_script_and_by_keyboard(phone_without_script, site_url, language):
    page = phone_without_script
    open_page(page, site_url, "standard", language)
    menu_links = page.locator(".main-menu a")
    expect(menu_links.first).to_be_hidden()

    # Skip link, name, other language, then the button.
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    button = page.locator(".site-menu__button")
    expect(button).to_be_focused()
    expect(button).to_have_text("Menu")
    page.keyboard.press("Enter")

    expect(page.locator(".site-menu")).to_have_attribute("open", "")
    for index in range(menu_links.count()):
        page.keyboard.press("Tab")
        expect(menu_links.nth(index)).to_be_focused()
        expect(menu_links.nth(index)).to_be_in_viewport(ratio=1)
    page.keyboard.press("Tab")
    expect(page.locator("#site-search")).to_be_focused()

    about = page.locator(".main-menu a", has_text="About" if language == "en" else "propos")
    with page.expect_navigation():
        about.click()
    assert page.url.endswith("/en/about/" if language == "en" else "/fr/a-propos/")


def test_the_menu_button_closes_the_menu_again(phone_without_script, site_url):
    page = phone_without_script
    open_page(page, site_url, "home", "fr")
    button = page.locator(".site-menu__button")

    button.click()
    expect(page.locator(".main-menu")).to_be_visible()
    expect(page.locator("#site-search")).to_be_visible()
    button.click()

    expect(page.locator(".main-menu")).to_be_hidden()


@pytest.mark.parametrize("language", LANGUAGES)
def test_on_a_wide_screen_the_menu_and_search_show_without_a_click(
    desktop_page, site_url, language
):
    page = desktop_page
    open_page(page, site_url, "message", language)

    expect(page.locator(".site-menu__button")).to_be_hidden()
    links = page.locator(".main-menu a")
    assert links.count() >= 4
    brand = page.locator(".site-header__brand").bounding_box()
    tops = set()
    for index in range(links.count()):
        expect(links.nth(index)).to_be_visible()
        tops.add(round(links.nth(index).bounding_box()["y"]))
    search = page.locator("#site-search")
    expect(search).to_be_visible()
    # As before the button: the name and the other language on a line, the menu on one line under
    # it, the search at the right end of that line.
    assert len(tops) == 1 and tops.pop() > brand["y"] + brand["height"] - 1
    assert search.bounding_box()["x"] > page.viewport_size["width"] / 2
    expect(page.locator(".site-header__name--full")).to_be_visible()
    expect(page.locator(".language-switcher [aria-current]")).to_be_visible()
    assert page.locator(".site-header").bounding_box()["height"] < 160


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("page_type", ["report", "report-index", "home"])
def test_no_table_column_is_out_of_sight_without_a_cue(phone, site_url, page_type, language):
    open_page(phone, site_url, page_type, language)

    past_the_window = phone.evaluate(CELLS_PAST_THE_WINDOW)

    for cell in past_the_window:
        assert cell["box"] and cell["box"]["scrolls"], cell
        right_edge = pixel(phone, cell["box"]["right"] - 2, cell["box"]["top"] + 5)
        assert is_shaded(right_edge), cell
    if page_type == "report":
        # The financial table: read row by row, all of it inside the window.
        assert phone.locator(".financial-table td").count() >= 10
        assert past_the_window == []


def test_a_table_wider_than_a_phone_shows_the_edge_that_has_more(phone, site_url):
    open_page(phone, site_url, "report", "en")
    phone.evaluate(WIDE_TABLE)
    phone.locator("#wide-table").scroll_into_view_if_needed()

    left, right = edge_colours(phone, "#wide-table", 5)
    assert left == WHITE and is_shaded(right), (left, right)

    phone.locator("#wide-table").evaluate("(box) => { box.scrollLeft = box.scrollWidth; }")
    left, right = edge_colours(phone, "#wide-table", 5)
    assert is_shaded(left) and right == WHITE, (left, right)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_stacked_financial_table_labels_each_amount_and_stays_a_table(
    phone, desktop_page, site_url, language
):
    roles = {}
    for name, page in {"phone": phone, "desktop": desktop_page}.items():
        open_page(page, site_url, "report", language)
        roles[name] = table_roles(page)
    headings = [
        text.strip()
        for text in phone.locator(
            ".financial-table thead th.report-table__number"
        ).all_text_contents()
    ]
    labels = phone.locator(".financial-table tbody tr").first.evaluate(
        """(row) => [...row.querySelectorAll('td')].map((cell) =>
            getComputedStyle(cell, '::before').content)"""
    )

    assert (
        phone.locator(".financial-table td").first.evaluate(
            "(cell) => getComputedStyle(cell).display"
        )
        == "flex"
    ), "read row by row on a phone"
    assert labels == [f'"{heading}" / ""' for heading in headings]
    # The same table for screen readers as on a wide screen, and a cell's name is its amount only.
    assert roles["phone"] == roles["desktop"]
    assert roles["phone"]["table"] == 1
    assert roles["phone"]["columnheader"] == len(headings) + 1
    assert roles["phone"]["cell"] == len(headings) * roles["phone"]["rowheader"] > 0
    assert all(not any(h in name for h in headings) for name in roles["phone"]["cells"])


def table_roles(page):
    """How many of each table role Chromium's accessibility tree has in the financial table, and
    the names of its cells."""
    # Sections away from the window are not rendered (content-visibility), nor in the tree.
    page.locator(".financial-table table").scroll_into_view_if_needed()
    # Chromium updates its tree after layout: a query just after the scroll found the rows and
    # cells but not yet the table's own role (1 run in 2 on a quiet machine).
    for _attempt in range(20):
        counts = read_table_roles(page)
        if counts["table"]:
            break
        page.wait_for_timeout(100)
    return counts


def read_table_roles(page):
    session = page.context.new_cdp_session(page)
    try:
        session.send("Accessibility.enable")
        root = session.send("DOM.getDocument")["root"]["nodeId"]
        table = session.send(
            "DOM.querySelector", {"nodeId": root, "selector": ".financial-table table"}
        )
        counts = {}
        for role in ["table", "row", "rowheader", "columnheader", "cell"]:
            nodes = session.send(
                "Accessibility.queryAXTree", {"nodeId": table["nodeId"], "role": role}
            )["nodes"]
            counts[role] = len(nodes)
            if role == "cell":
                counts["cells"] = [node.get("name", {}).get("value", "") for node in nodes]
    finally:
        session.detach()
    return counts


# The report's section bar: its list of links, the part that scrolls sideways on a phone.
SECTION_BAR = ".report-toc ol"


def bar_edges(page):
    # 3px under the bar's top: in the links' top padding, where no text is drawn.
    return edge_colours(page, SECTION_BAR, 3)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_section_bar_shows_that_it_scrolls_and_only_when_it_does(phone, site_url, language):
    open_page(phone, site_url, "report", language)
    bar = phone.locator(SECTION_BAR)
    bar.evaluate("(bar) => bar.scrollIntoView()")
    assert bar.evaluate("(bar) => bar.scrollWidth > bar.clientWidth"), "the bar overflows"

    left, right = bar_edges(phone)
    assert left == WHITE and is_shaded(right), "more sections to the right"

    bar.evaluate("(bar) => { bar.scrollLeft = bar.scrollWidth / 2; }")
    left, right = bar_edges(phone)
    assert is_shaded(left) and is_shaded(right), "more on both sides"

    bar.evaluate("(bar) => { bar.scrollLeft = bar.scrollWidth; }")
    left, right = bar_edges(phone)
    assert is_shaded(left) and right == WHITE, "more sections to the left"

    # Two short sections fit: no shade at all.
    bar.evaluate(
        """(bar) => { [...bar.children].slice(2).forEach((item) => item.remove());
                      bar.querySelectorAll('a').forEach((link) => { link.textContent = 'A'; }); }"""
    )
    assert bar.evaluate("(bar) => bar.scrollWidth <= bar.clientWidth")
    assert bar_edges(phone) == (WHITE, WHITE)


# The current link's box against the bar's visible part, and the window's scroll position.
CURRENT_IN_BAR = """() => {
    const bar = document.querySelector('.report-toc ol');
    const link = bar.querySelector('a[aria-current]');
    if (!link) return null;
    const outer = bar.getBoundingClientRect();
    const inner = link.getBoundingClientRect();
    return {href: link.getAttribute('href'), inside: inner.left >= outer.left - 0.5
            && inner.right <= outer.right + 0.5, scrollY: window.scrollY};
}"""
# Records each scroll the page's own script asks for: of which element, and how.
RECORD_SCROLLS = """() => {
    window.scrollsAskedFor = [];
    for (const target of [Element.prototype, window]) {
        for (const method of ['scrollBy', 'scrollTo', 'scroll', 'scrollIntoView']) {
            const original = target[method];
            if (!original) continue;
            target[method] = function (...args) {
                window.scrollsAskedFor.push({
                    on: this === window ? 'window' : this.tagName.toLowerCase(),
                    behavior: (args[0] && args[0].behavior) || null,
                });
                return original.apply(this, args);
            };
        }
    }
}"""


@pytest.mark.parametrize("reduced_motion", ["no-preference", "reduce"])
def test_after_a_tap_the_current_section_is_inside_the_bar_and_only_the_bar_moved(
    browser, site_url, reduced_motion
):
    context = browser.new_context(viewport=PHONE, bypass_csp=True, reduced_motion=reduced_motion)
    context.add_init_script(f"({RECORD_SCROLLS})()")
    page = context.new_page()
    try:
        open_page(page, site_url, "report", "fr")
        links = page.locator(".report-toc a")
        last = links.count() - 1

        for index in [3, 1, 5, last, 0]:
            link = links.nth(index)
            link.click()
            expect(link).to_have_attribute("aria-current", "location")
            # Smooth scrolling (if any) takes a moment: then the link is in the bar's visible part.
            page.wait_for_function(
                f"() => {{ const c = ({CURRENT_IN_BAR})(); return c && c.inside; }}"
            )
            # No jump: the section the tap led to is still the one under the bar.
            heading = page.locator(link.get_attribute("href"))
            expect(heading).to_be_in_viewport()
        # Playwright's click scrolls the bar to the link before tapping it, which may leave the
        # script nothing to do: the bar back at its start, the reader scrolls to the last
        # section, and only the script can bring its link into the bar.
        last_href = links.nth(last).get_attribute("href")
        page.evaluate(
            """(href) => {
                document.querySelector('.report-toc ol').scrollLeft = 0;
                const heading = document.querySelector(href);
                window.scrollTo(0, heading.getBoundingClientRect().top + window.scrollY - 120);
                window.scrollsAskedFor.length = 0;
            }""",
            last_href,
        )
        page.wait_for_function(
            f"""() => {{ const c = ({CURRENT_IN_BAR})();
                        return c && c.inside && c.href === {last_href!r}; }}"""
        )
        scrolls = page.evaluate("window.scrollsAskedFor")
    finally:
        context.close()

    assert scrolls, "the bar was scrolled to show the current section"
    assert {scroll["on"] for scroll in scrolls} == {"ol"}, scrolls
    expected = "auto" if reduced_motion == "reduce" else "smooth"
    assert {scroll["behavior"] for scroll in scrolls} == {expected}, scrolls


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("page_type", ["home", "report", "message"])
def test_no_axe_violations_with_the_menu_open(phone, site_url, page_type, language):
    url = open_page(phone, site_url, page_type, language)
    phone.locator(".site-menu__button").click()
    expect(phone.locator(".main-menu")).to_be_visible()

    violations = run_axe(phone)

    assert not violations, describe_violations(url, violations)
