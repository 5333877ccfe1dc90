"""Browser tests: the demonstration site, served by pytest-django's live server, read by Debian's
Chromium through Playwright and checked with axe-core (from npm).

`make browser-deps` (a prerequisite of `make test`) installs Chromium and axe-core. One browser,
and one page per screen width, serve the whole session; the demonstration content is loaded once
into the test database. Deselect these tests with `-m "not browser"`.
"""

import os

# Playwright's synchronous API runs an event loop in the test thread: let Django's ORM run there.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

import pytest
from django.core.cache import cache
from django.core.management import call_command
from playwright.sync_api import sync_playwright
from wagtail.models import Site

from scripts.browser_deps import AXE, find_chromium
from tests.browser.chromium import VIEWPORTS, launch, new_page
from tests.browser.live_database import live_database, serialise_requests


def pytest_configure(config):
    config.addinivalue_line("markers", "browser: drives Chromium (deselect with -m 'not browser')")


@pytest.fixture(autouse=True)
def _live_server_helper(request, django_db_blocker):
    """Replaces pytest-django's helper of the same name for the browser tests.

    pytest-django's makes every test that uses `live_server` transactional, which empties the
    database after each test. These tests only read the demonstration content that `site_url`
    loads once: they and the server get database access without it.
    """
    if "live_server" not in request.fixturenames:
        yield
        return
    live_server = request.getfixturevalue("live_server")
    live_server._live_server_modified_settings.enable()
    with django_db_blocker.unblock():
        yield
    live_server._live_server_modified_settings.disable()


@pytest.fixture(scope="session")
def site_url(django_db_setup, django_db_blocker, live_server):
    """The live server's address, serving the demonstration site and report (fr, en)."""
    with django_db_blocker.unblock():
        cache.clear()
        call_command("load_demo_site", stdout=None)
        call_command("load_demo_report", stdout=None, stderr=None)
        host, port = live_server.thread.host, live_server.thread.port
        Site.objects.filter(is_default_site=True).update(hostname=host, port=port)
        cache.clear()
    serialise_requests(live_server)
    yield live_server.url
    # Leave an empty database, as a transactional test does.
    with live_database(django_db_blocker):
        call_command("flush", interactive=False, verbosity=0)
        cache.clear()


@pytest.fixture(scope="session")
def browser():
    chromium = find_chromium()
    if chromium is None or not AXE.exists():
        pytest.fail("Chromium or axe-core is missing: run `make browser-deps`.")
    with sync_playwright() as playwright:
        browser = launch(playwright, chromium)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def pages(browser, site_url):
    """One page per screen width, reused by every test: pages["phone"], pages["desktop"]."""
    opened = {viewport: new_page(browser, viewport) for viewport in VIEWPORTS}
    yield opened
    for page in opened.values():
        page.context.close()


@pytest.fixture(params=list(VIEWPORTS))
def page(request, pages):
    """The page of each screen width in turn (each test starts by loading an address in it)."""
    return pages[request.param]


@pytest.fixture
def desktop_page(pages):
    return pages["desktop"]


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
