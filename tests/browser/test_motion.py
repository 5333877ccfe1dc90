"""Visitors who ask their system for less motion get none: no animation, transition or smooth
scrolling."""

import pytest

from tests.browser.chromium import new_page
from tests.browser.site_pages import open_page

pytestmark = pytest.mark.browser

# Every element (and its ::before and ::after) that would move: animations and transitions
# longer than zero, and smooth scrolling.
MOVING_ELEMENTS = """() => {
    const seconds = (list) => list.split(',').map((time) =>
        time.trim().endsWith('ms') ? parseFloat(time) / 1000 : parseFloat(time));
    const moving = [];
    for (const element of document.querySelectorAll('*')) {
        for (const pseudo of [null, '::before', '::after']) {
            const style = getComputedStyle(element, pseudo);
            const name = element.tagName.toLowerCase() + (element.className
                && typeof element.className === 'string' ? '.' + element.className : '')
                + (pseudo || '');
            const animated = style.animationName !== 'none'
                && Math.max(...seconds(style.animationDuration)) > 0;
            const transition = Math.max(...seconds(style.transitionDuration)) > 0;
            if (animated || transition) moving.push(name + ' (animation or transition)');
            if (style.scrollBehavior === 'smooth') moving.push(name + ' (smooth scrolling)');
        }
    }
    return moving;
}"""


@pytest.fixture(scope="module")
def reduced_motion_page(browser, site_url):
    page = new_page(browser, "desktop", reduced_motion="reduce")
    yield page
    page.context.close()


@pytest.mark.parametrize("page_type", ["home", "contact-with-error", "report", "message"])
def test_no_motion_when_reduced_motion_is_asked_for(reduced_motion_page, site_url, page_type):
    page = reduced_motion_page
    open_page(page, site_url, page_type, "fr")
    assert page.evaluate("matchMedia('(prefers-reduced-motion: reduce)').matches")

    # Hovering and focusing are where transitions would start.
    page.keyboard.press("Tab")
    page.locator("main a").first.hover()

    assert page.evaluate(MOVING_ELEMENTS) == []
