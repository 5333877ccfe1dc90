"""The sections of a report reached on screen: the report page's script and its beacon,
POST /readership/sections/ (readership/views.py), which counts only anchors of a live public
report, sent from the site itself, in a small body; 400 for anything else, never a 500."""

import gzip
import json
import re
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from wagtail.models import PageViewRestriction

from tests.html import page_html
from tests.readership.conftest import counted

pytestmark = pytest.mark.django_db

BEACON = "/readership/sections/"
SAME_ORIGIN = {"Origin": "http://testserver", "Sec-Fetch-Site": "same-origin"}


def send(reader, body, headers=SAME_ORIGIN):
    """As navigator.sendBeacon sends a string: text/plain, the site's origin."""
    data = body if isinstance(body, str | bytes) else json.dumps(body)
    return reader.post(BEACON, data=data, content_type="text/plain;charset=UTF-8", headers=headers)


def test_the_report_page_loads_the_script_with_its_page_and_endpoint(reader, report):
    html = page_html(reader.get(report.url))

    [script] = re.findall(r"<script[^>]*readership\.js[^>]*>", html)
    assert "defer" in script
    assert f'data-page="{report.pk}"' in script
    assert f'data-endpoint="{BEACON}"' in script
    # The sections it observes, and the anchors it sends.
    assert '<section class="report-section" aria-labelledby="introduction"' in html


def test_the_script_is_tiny_and_honours_the_browser_s_wishes():
    source = Path(finders.find("js/readership.js")).read_bytes()

    assert len(gzip.compress(source)) < 1024  # As WhiteNoise serves it.
    source = source.decode()
    assert "navigator" in source and "sendBeacon" in source
    assert "globalPrivacyControl" in source and 'doNotTrack === "1"' in source
    assert "section.report-section[aria-labelledby]" in source


def test_sections_reached_are_counted_once_per_beacon(reader, report, store):
    body = {"page": report.pk, "sections": ["introduction", "affaires-financieres", "introduction"]}

    assert send(reader, body).status_code == 204
    assert send(reader, {"page": report.pk, "sections": ["introduction"]}).status_code == 204
    # Without Origin nor Sec-Fetch-Site (an older browser): same-origin is assumed.
    assert send(reader, {"page": report.pk, "sections": ["introduction"]}, {}).status_code == 204

    assert counted() == {
        (report.pk, "fr", "section", "introduction"): 3,
        (report.pk, "fr", "section", "affaires-financieres"): 1,
    }


def test_anchors_the_report_does_not_have_are_ignored(reader, report):
    body = {"page": report.pk, "sections": ["introduction", "nope", "x" * 300, 42, None, {}]}

    assert send(reader, body).status_code == 204
    assert counted() == {(report.pk, "fr", "section", "introduction"): 1}


@pytest.mark.parametrize(
    "body",
    [
        "",
        "not json",
        "[1, 2]",
        '"text"',
        {"sections": ["introduction"]},
        {"page": "1", "sections": ["introduction"]},
        {"page": 1.5, "sections": ["introduction"]},
        {"page": -1, "sections": ["introduction"]},
        {"page": 2**40, "sections": ["introduction"]},
        {"page": True, "sections": ["introduction"]},
        {"page": 999999, "sections": ["introduction"]},
        b"\xff\xfe\x00",
    ],
)
def test_junk_is_refused_and_nothing_is_stored(reader, report, body, store):
    assert send(reader, body).status_code == 400
    assert counted() == {}


def test_a_report_s_sections_must_be_sent_with_its_own_page(reader, report, store):
    """A page that is not a report, or a report not live, or not public: 400."""
    home = report.get_parent().get_parent()

    assert send(reader, {"page": home.pk, "sections": ["introduction"]}).status_code == 400

    PageViewRestriction.objects.create(
        page=report, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    assert send(reader, {"page": report.pk, "sections": ["introduction"]}).status_code == 400
    assert counted() == {}


def test_an_unpublished_report_takes_no_beacon(reader, report):
    report.unpublish()

    assert send(reader, {"page": report.pk, "sections": ["introduction"]}).status_code == 400
    assert counted() == {}


def test_a_large_body_is_refused(reader, report, store):
    body = json.dumps({"page": report.pk, "sections": ["introduction"] * 200})
    assert len(body) > 2048

    assert send(reader, body).status_code == 400
    assert send(reader, {"page": report.pk, "sections": ["introduction"] * 101}).status_code == 400
    assert counted() == {}


@pytest.mark.parametrize(
    "headers",
    [
        {"Origin": "https://evil.example", "Sec-Fetch-Site": "cross-site"},
        {"Sec-Fetch-Site": "cross-site"},
        {"Sec-Fetch-Site": "same-site"},
        {"Origin": "https://evil.example"},
        {"Origin": "null"},
        {"Origin": "https://testserver.evil.example"},
    ],
)
def test_another_site_cannot_send_it(reader, report, headers, store):
    body = {"page": report.pk, "sections": ["introduction"]}

    assert send(reader, body, headers).status_code == 400
    assert counted() == {}


def test_only_a_post_is_taken(reader, report):
    assert reader.get(BEACON).status_code == 405
    assert reader.put(BEACON, data="{}").status_code == 405


@pytest.mark.parametrize(
    "headers",
    [
        {**SAME_ORIGIN, "Sec-GPC": "1"},
        {**SAME_ORIGIN, "DNT": "1"},
        {**SAME_ORIGIN, "User-Agent": "curl/8.5.0"},
    ],
)
def test_a_beacon_that_may_not_be_counted_is_taken_and_counts_nothing(reader, report, headers):
    """The script sends nothing then; a beacon sent anyway is answered as any other."""
    body = {"page": report.pk, "sections": ["introduction"]}

    assert send(reader, body, headers).status_code == 204
    assert counted() == {}


def test_an_editor_s_beacon_counts_nothing(reader, report, superuser):
    reader.force_login(superuser)

    assert send(reader, {"page": report.pk, "sections": ["introduction"]}).status_code == 204
    assert counted() == {}
