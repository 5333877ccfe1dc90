"""The "Lectorat" admin report in Chromium, after readers read the demonstration report through
the live server: what the communications team sees on the dashboard, for the site and for the
report, with no axe-core violation in what the report adds to the admin.

With SCREENSHOT_DIR set (`make screenshots`), its screenshots are saved there:
readership-report.png, readership-site.png and readership-dashboard.png. The figures in them
are counts of the requests this test makes: nothing made up. The readers come on four days of
the last week (the counting's clock set back for each, `readership.counting.today`), so that the
chart shows days.

URLs: the French and English reports, the PDF, POST /readership/sections/, /fr/recherche/,
/admin/, /admin/readership/, /admin/readership/report/<id>/.
"""

import json
import os
import urllib.request
from datetime import timedelta
from pathlib import Path

import pytest

from readership import counting
from readership.models import ReadershipCount
from readership.recorder import recorder
from report.blocks.sections import table_of_contents
from report.models import ReportYearPage
from tests.browser.admin_steps import sign_in
from tests.browser.axe import describe_violations, run_axe
from tests.browser.live_database import live_database
from tests.browser.site_pages import PATHS
from tests.readership.conftest import FIREFOX

pytestmark = pytest.mark.browser

# Days ago: how many times READS come that day.
DAYS = {6: 1, 4: 2, 2: 3, 0: 1}
# (address, Referer, how many readers)
READS = [
    (PATHS["report"]["fr"], "https://www.linkedin.com/feed/", 6),
    (PATHS["report"]["fr"], "https://www.google.com/search?q=consortium", 4),
    (PATHS["report"]["fr"], None, 3),
    (PATHS["report"]["en"], "https://www.google.com/", 2),
    (PATHS["report"]["fr"] + "pdf/", None, 2),
    ("/fr/recherche/?q=rapport", None, 2),
    ("/fr/recherche/?q=balado", None, 1),
]


def read(site_url, address, referrer=None, body=None):
    headers = {"User-Agent": FIREFOX}
    if referrer:
        headers["Referer"] = referrer
    if body is not None:
        headers.update({"Origin": site_url, "Content-Type": "text/plain;charset=UTF-8"})
        body = json.dumps(body).encode()
    request = urllib.request.Request(site_url + address, data=body, headers=headers)
    with urllib.request.urlopen(request) as response:
        response.read()


@pytest.fixture
def readers(site_url, django_db_blocker, monkeypatch):
    """Readers of the demonstration report: views, downloads, sections reached, searches."""
    with live_database(django_db_blocker):
        ReadershipCount.objects.all().delete()
        recorder.discard()
        french = ReportYearPage.objects.get(locale__language_code="fr", slug="2021-2022")
        anchors = [anchor for anchor, _heading in table_of_contents(french.body)]
    now = counting.today()
    for days_ago, rounds in DAYS.items():
        monkeypatch.setattr(counting, "today", lambda d=now - timedelta(days=days_ago): d)
        for address, referrer, times in READS * rounds:
            for _ in range(times):
                read(site_url, address, referrer)
        # Readers go down the report: fewer reach each section.
        for reached in range(len(anchors), 0, -1):
            for _ in range(rounds):
                body = {"page": french.pk, "sections": anchors[:reached]}
                read(site_url, "/readership/sections/", body=body)
    monkeypatch.undo()
    with live_database(django_db_blocker):
        recorder.flush()
    yield french
    with live_database(django_db_blocker):
        ReadershipCount.objects.all().delete()
        recorder.discard()


def save_screenshot(page, name, height=None):
    """The whole page, or its top `height` pixels."""
    directory = os.environ.get("SCREENSHOT_DIR")
    if directory:
        clip = {"x": 0, "y": 0, "width": 1280, "height": height} if height else None
        page.screenshot(path=str(Path(directory) / name), animations="disabled", clip=clip)


@pytest.fixture
def admin_page(browser, site_url):
    context = browser.new_context(viewport={"width": 1280, "height": 2400}, locale="fr-CA")
    page = context.new_page()
    sign_in(page, site_url, "communications")
    yield page
    context.close()


def test_the_communications_team_reads_what_readers_did(admin_page, site_url, readers):
    page = admin_page
    assert page.goto(f"{site_url}/admin/").status == 200
    panel = page.locator(".readership-dashboard")
    assert "Lectorat, 30 derniers jours" in page.content()
    assert "105" in panel.inner_text()  # the report's views: 15 a round, 7 rounds
    save_screenshot(page, "readership-dashboard.png", height=560)

    assert page.goto(f"{site_url}/admin/readership/report/{readers.pk}/").status == 200
    summary = page.locator(".readership-summary").inner_text()
    assert " ".join(summary.split()) == "Vues 105 Français 91 Anglais 14 Téléchargements du PDF 14"
    funnel = page.locator("#readership-sections").locator("xpath=..")
    assert funnel.locator("svg[role=img]").is_visible()
    first_row = funnel.locator("tbody tr").first.inner_text()
    assert first_row.startswith("01 ")
    violations = run_axe(page)
    assert not violations, describe_violations(page.url, violations)
    save_screenshot(page, "readership-report.png")

    assert page.goto(f"{site_url}/admin/readership/").status == 200
    searches = page.locator("#readership-searches_empty").locator("xpath=..").inner_text()
    assert "balado" in searches and "rapport" not in searches
    save_screenshot(page, "readership-site.png")
