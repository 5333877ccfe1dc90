"""Zero axe-core violations (WCAG 2.0, 2.1, 2.2 A and AA, best practices) on every page type, in
French and English, on a phone and on a desktop screen."""

import pytest

from tests.browser.axe import (
    content_checker_configuration,
    describe_violations,
    run_axe,
    run_content_checker,
)
from tests.browser.site_pages import PAGE_TYPES, open_page

pytestmark = pytest.mark.browser

DUPLICATE_IDS = """() => {
    const ids = [...document.querySelectorAll('[id]')].map((element) => element.id);
    return [...new Set(ids.filter((id, index) => ids.indexOf(id) !== index))];
}"""
# Elements that reach past the right edge of the window, when the page scrolls sideways.
WIDER_THAN_WINDOW = """() => {
    if (document.documentElement.scrollWidth <= window.innerWidth) return [];
    return [...document.querySelectorAll('body *')]
        .filter((element) => element.getBoundingClientRect().right > window.innerWidth)
        .map((element) => element.outerHTML.slice(0, 120));
}"""


@pytest.mark.parametrize("language", ["fr", "en"])
@pytest.mark.parametrize("page_type", PAGE_TYPES)
def test_no_axe_violations(page, site_url, page_type, language):
    url = open_page(page, site_url, page_type, language)

    violations = run_axe(page)

    assert not violations, describe_violations(url, violations)
    # axe-core no longer checks ids that no ARIA attribute refers to; in-page links need them.
    assert page.evaluate(DUPLICATE_IDS) == [], url
    # Reflow (WCAG 1.4.10): on a phone, the page never scrolls sideways (tables scroll in a box).
    assert page.evaluate(WIDER_THAN_WINDOW) == [], url


def test_the_axe_check_finds_violations(desktop_page, site_url):
    """The check itself works: a page made inaccessible on purpose fails it."""
    page = desktop_page
    open_page(page, site_url, "standard", "en")
    page.evaluate(
        """() => {
            document.querySelector('h1').outerHTML = '<h3>Title</h3>';
            document.querySelector('.skip-link').textContent = '';
            document.body.insertAdjacentHTML('beforeend', '<p style="color: #ddd">Faint</p>');
        }"""
    )

    violations = {violation["id"] for violation in run_axe(page)}

    assert {"page-has-heading-one", "link-name", "color-contrast"} <= violations


@pytest.mark.parametrize("language", ["fr", "en"])
@pytest.mark.parametrize("page_type", ["report", "report-index", "home", "message", "project"])
def test_wagtail_content_checker_flags_nothing_an_editor_cannot_fix(
    desktop_page, site_url, page_type, language
):
    """Wagtail's checker (the editor's "Checks" panel, the userbar) runs rules beyond WCAG, such
    as "paragraphs used as headings": on the demonstration content, whatever it flags would be
    the templates' doing, which no editor can fix."""
    url = open_page(desktop_page, site_url, page_type, language)

    violations = run_content_checker(desktop_page, content_checker_configuration())

    assert not violations, describe_violations(url, violations)
