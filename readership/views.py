"""The beacon of the sections reached (static/js/readership.js) and the public privacy page."""

import json
import threading
import time

from django.conf import settings
from django.http import HttpResponse, HttpResponseBadRequest
from django.shortcuts import render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST, require_safe
from wagtail.models import Page

from readership.counting import count, countable
from readership.models import Kind
from report import opendata
from report.blocks.sections import stored_section_anchors
from report.models import ReportYearPage

# A page id and the anchors of a long report's sections fit in far less.
MAX_BODY_BYTES = 2048
MAX_SECTIONS = 100
LARGEST_PAGE_ID = 2**31 - 1
# A report's sections are read at most this often per process: a beacon follows most views, and
# most views cost no query (the page cache).
SECTIONS_CACHE_SECONDS = 60
SECTIONS_CACHE_SIZE = 500

_sections_cache = {}
_sections_lock = threading.Lock()


@csrf_exempt  # sendBeacon sends no token; same-origin is checked instead, and only counts change.
@require_POST
def sections(request):
    """`{"page": <report id>, "sections": [anchor, …]}`: each section of the report reached on
    screen, once per page view. 204 when read (anchors the report does not have are ignored);
    400 for anything else: too large, not JSON, another site, not a live public report."""
    if not same_origin(request):
        return HttpResponseBadRequest()
    beacon = read_beacon(request)
    if beacon is None:
        return HttpResponseBadRequest()
    page_id, anchors = beacon
    report = public_report_sections(page_id)
    if report is None:
        return HttpResponseBadRequest()
    language, report_anchors = report
    if countable(request):
        for anchor in dict.fromkeys(anchors):
            if anchor in report_anchors:
                count(page_id, language, Kind.SECTION, anchor)
    return HttpResponse(status=204)


def same_origin(request):
    """Refuse what another site's page sends: its browser says so (Sec-Fetch-Site, Origin)."""
    if request.META.get("HTTP_SEC_FETCH_SITE", "same-origin") != "same-origin":
        return False
    origin = request.META.get("HTTP_ORIGIN")
    if origin is None:
        return True
    scheme, _separator, host = origin.partition("://")
    return scheme in ("http", "https") and host == request.get_host()


def read_beacon(request):
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return None
    if not 0 < length <= MAX_BODY_BYTES:
        return None
    try:
        data = json.loads(request.read(MAX_BODY_BYTES + 1)[:MAX_BODY_BYTES])
    except (ValueError, UnicodeDecodeError, OSError):
        return None
    if not isinstance(data, dict):
        return None
    page_id, anchors = data.get("page"), data.get("sections")
    if type(page_id) is not int or not 0 < page_id <= LARGEST_PAGE_ID:
        return None
    if not isinstance(anchors, list) or len(anchors) > MAX_SECTIONS:
        return None
    return page_id, [anchor for anchor in anchors if isinstance(anchor, str)]


def public_report_sections(page_id):
    """(language, {anchors}) of a live public report, None for any other page id; kept a minute."""
    now = time.monotonic()
    with _sections_lock:
        cached = _sections_cache.get(page_id)
    if cached is not None and cached[0] > now:
        return cached[1]
    report = read_report_sections(page_id)
    with _sections_lock:
        if len(_sections_cache) >= SECTIONS_CACHE_SIZE:
            _sections_cache.clear()
        _sections_cache[page_id] = (now + SECTIONS_CACHE_SECONDS, report)
    return report


def read_report_sections(page_id):
    page = (
        Page.objects.live()
        .type(ReportYearPage)
        .filter(pk=page_id)
        .select_related("locale")
        .specific()
        .first()
    )
    if page is None or not opendata.offers_downloads(page):
        return None
    anchors = {anchor for anchor in stored_section_anchors(page.body).values() if anchor}
    return page.locale.language_code, frozenset(anchors)


def forget_report_sections():
    """For the tests: reports read again on the next beacon."""
    with _sections_lock:
        _sections_cache.clear()


@require_safe
def privacy(request):
    """What the site counts of its reading and what it never keeps: the text is the code's
    (readership/counting.py), in the visitor's language."""
    return render(
        request,
        "readership/privacy.html",
        {"retention_months": settings.READERSHIP_RETENTION_MONTHS},
    )
