"""Chromium enforcing the site's Content-Security-Policy refuses nothing the pages need.

The header tests (tests/security/test_headers.py) read the policies; here a browser applies
them: every public page type in both languages, the same pages with the editor's userbar, and
the admin views editors use most (dashboard, page tree, the report's editor with its live
preview, the image library and upload, documents, members). Chromium reports each refusal
on the console ("Refused to … because it violates the following Content Security Policy").
"""

import pytest

from demo.management.commands.load_demo_site import ADMIN_PASSWORD_DEFAULT, ADMIN_USERNAME
from report.models import ReportYearPage
from tests.browser.chromium import VIEWPORTS
from tests.browser.live_database import live_database
from tests.browser.site_pages import PAGE_TYPES, open_page

pytestmark = pytest.mark.browser

ADMIN_PATHS = [
    "/admin/",
    "/admin/pages/",
    "/admin/images/",
    "/admin/images/multiple/add/",
    "/admin/documents/",
    "/admin/snippets/members/memberorganisation/",
]


@pytest.fixture
def enforcing_page(browser):
    """A desktop page whose context applies the policies (the other tests' contexts bypass
    them to inject axe-core), with the refusals Chromium reports."""
    context = browser.new_context(viewport=VIEWPORTS["desktop"])
    context.set_default_timeout(15_000)
    page = context.new_page()
    refusals = []
    page.on(
        "console",
        lambda message: (
            refusals.append(f"{page.url}: {message.text}")
            if "Content Security Policy" in message.text
            else None
        ),
    )
    yield page, refusals
    context.close()


def sign_in(page, site_url):
    page.goto(f"{site_url}/admin/login/")
    page.fill("input[name=username]", ADMIN_USERNAME)
    page.fill("input[name=password]", ADMIN_PASSWORD_DEFAULT)
    with page.expect_navigation():
        page.locator("form [type=submit]").first.click()
    assert "/admin/login/" not in page.url, "the demonstration admin could not sign in"


def test_public_pages_run_under_their_policy(enforcing_page, site_url):
    page, refusals = enforcing_page
    for language in ("fr", "en"):
        for page_type in PAGE_TYPES:
            open_page(page, site_url, page_type, language)
            page.wait_for_load_state("networkidle")

    assert refusals == []


def test_public_pages_with_the_editors_userbar_run_under_their_policy(enforcing_page, site_url):
    page, refusals = enforcing_page
    sign_in(page, site_url)
    for page_type in ("home", "report", "message"):
        open_page(page, site_url, page_type, "fr")
        page.wait_for_load_state("networkidle")
        assert page.locator("wagtail-userbar").count() == 1, page.url

    assert refusals == []


def test_the_admin_runs_under_its_policy(enforcing_page, site_url, django_db_blocker):
    page, refusals = enforcing_page
    with live_database(django_db_blocker):
        report = ReportYearPage.objects.get(locale__language_code="fr")
    sign_in(page, site_url)
    for path in ADMIN_PATHS:
        response = page.goto(site_url + path)
        assert response.status == 200, path
        page.wait_for_load_state("networkidle")

    page.goto(f"{site_url}/admin/pages/{report.pk}/edit/")
    page.locator('[data-side-panel-toggle="preview"]').first.click()
    preview = page.frame_locator("iframe#w-preview-iframe, .preview-panel iframe").first
    preview.locator("main").wait_for()
    page.wait_for_load_state("networkidle")

    assert refusals == []
