"""The report's sections reached on screen, in Chromium (static/js/readership.js): scrolled to,
they are sent in one beacon when the page is hidden, under the site's Content Security Policy,
and counted; a browser that asks not to be tracked (Global Privacy Control, Do Not Track)
sends nothing. And the privacy page that says so, with no axe-core violation. URLs: the French
report, POST /readership/sections/, /fr/confidentialite/, /en/privacy/."""

import time

import pytest

from readership import views
from readership.models import Kind
from readership.recorder import recorder
from scripts.browser_deps import find_chromium
from tests.browser.axe import describe_violations, run_axe
from tests.browser.chromium import LAUNCH_ARGS, VIEWPORTS
from tests.browser.site_pages import PATHS

pytestmark = pytest.mark.browser

REPORT = PATHS["report"]["fr"]
ELSEWHERE = PATHS["standard"]["fr"]
# Chromium's own user agent says "HeadlessChrome", a robot's (readership/counting.py); a beacon
# sent while the page unloads goes with the browser's, not the context's, so it is the browser's.
CHROME = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/126.0.0.0 Safari/537.36"
)


@pytest.fixture(scope="module")
def readers_browser(browser):
    """Chromium as a reader's: a browser's user agent for every request."""
    chromium = browser.browser_type.launch(
        executable_path=str(find_chromium()), args=[*LAUNCH_ARGS, f"--user-agent={CHROME}"]
    )
    yield chromium
    chromium.close()


@pytest.fixture
def beacons(monkeypatch):
    """The bodies of the beacons the server received (Playwright does not see those sent by a
    page that is unloading)."""
    received = []
    read_beacon = views.read_beacon

    def recording(request):
        beacon = read_beacon(request)
        received.append(beacon)
        return beacon

    monkeypatch.setattr(views, "read_beacon", recording)
    return received


@pytest.fixture
def open_reader(readers_browser, site_url, beacons):
    """A desktop page as a reader's browser (the site's policies applied), failing the test on
    any script error or refusal; `init_script` runs before the page's scripts."""
    contexts, problems = [], []
    recorder.discard()

    def open_page(init_script=None):
        context = readers_browser.new_context(viewport=VIEWPORTS["desktop"])
        context.set_default_timeout(10_000)
        contexts.append(context)
        if init_script:
            context.add_init_script(init_script)
        page = context.new_page()
        page.on("pageerror", lambda error: problems.append(str(error)))
        page.on(
            "console",
            lambda message: (
                problems.append(message.text) if "Content Security Policy" in message.text else None
            ),
        )
        return page

    yield open_page
    for context in contexts:
        context.close()
    recorder.discard()
    assert problems == []


def scroll_through_sections(page, count):
    """Bring the first `count` sections up to the top of the window, one after the other."""
    anchors = page.eval_on_selector_all(
        "section.report-section[aria-labelledby]",
        "sections => sections.map(section => section.getAttribute('aria-labelledby'))",
    )
    for anchor in anchors[:count]:
        page.evaluate("(id) => document.getElementById(id).scrollIntoView()", anchor)
        page.wait_for_timeout(150)
    return anchors


def counted_sections():
    return {
        detail: amount
        for (_day, _page_id, _language, kind, detail), amount in recorder.pending().items()
        if kind == Kind.SECTION
    }


def wait_for(condition, seconds=5):
    deadline = time.monotonic() + seconds
    while not condition() and time.monotonic() < deadline:
        time.sleep(0.1)
    return condition()


def test_sections_reached_are_sent_once_when_the_page_is_hidden(open_reader, site_url, beacons):
    page = open_reader()
    assert page.goto(site_url + REPORT).status == 200
    anchors = scroll_through_sections(page, 3)
    scroll_through_sections(page, 2)  # Back up: reached already.
    page.wait_for_timeout(300)
    assert beacons == []  # Nothing is sent while the reader reads.

    page.goto(site_url + ELSEWHERE)

    # Received, then counted, by the live server's thread.
    assert wait_for(lambda: beacons and set(counted_sections()) == set(beacons[0][1]))
    [(page_id, sent)] = beacons
    assert set(sent) >= set(anchors[:3])
    assert len(sent) == len(set(sent))  # Each section once.
    assert len(anchors) > len(sent)  # Only the sections reached.
    counted = counted_sections()
    assert set(counted) == set(sent)
    assert set(counted.values()) == {1}
    assert {key[1] for key in recorder.pending() if key[3] == Kind.SECTION} == {page_id}


@pytest.mark.parametrize(
    "wish",
    [
        "Object.defineProperty(navigator, 'globalPrivacyControl', {get: () => true})",
        "Object.defineProperty(navigator, 'doNotTrack', {get: () => '1'})",
    ],
)
def test_a_browser_that_asks_not_to_be_tracked_sends_nothing(open_reader, site_url, beacons, wish):
    page = open_reader(init_script=wish)
    assert page.goto(site_url + REPORT).status == 200
    scroll_through_sections(page, 3)

    page.goto(site_url + ELSEWHERE)
    page.wait_for_timeout(1000)

    assert beacons == []
    assert counted_sections() == {}


@pytest.mark.parametrize("address", ["/fr/confidentialite/", "/en/privacy/"])
def test_the_privacy_page_has_no_axe_violations(page, site_url, address):
    assert page.goto(site_url + address).status == 200

    violations = run_axe(page)

    assert not violations, describe_violations(page.url, violations)
