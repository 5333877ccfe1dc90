"""What a request adds to the readership counts, read from it and forgotten at once.

Every URL that can feed a counter:

- a Wagtail page of the public site served with a 200 to a GET (from the page cache or not):
  a view, and its referring site; under a report, `<report>/pdf/` (a PDF download) and
  `<report>/data/<block id>.csv|xlsx` (a data download). `readership.wagtail_hooks` marks these
  responses (`MARKER_HEADER`) where Wagtail serves the page, so that the page cache stores the
  mark with the page; `readership.middleware` counts them and removes the mark;
- the search page, `/fr/recherche/` and `/en/search/` (readership/searches.py);
- the beacon, `POST /readership/sections/` (readership/views.py).

Nothing else: not a 304 (a browser revalidating the page it already has and counted), a HEAD,
a 404, a redirect, the admin, the API, documents, static and media files, the favicon, robots.txt,
the sitemap, sharing cards, previews, nor a page behind a password or a login.

Not counted at all: a request carrying `Sec-GPC: 1` (Global Privacy Control) or `DNT: 1` (Do Not
Track), a robot (`BOT_USER_AGENT`: the user agent is matched, never kept), and anybody signed in
(the session cookie: the site's editors).
"""

import datetime
import re
import time
from urllib.parse import urlsplit

from django.conf import settings
from django.http.request import split_domain_port, validate_host
from django.utils import timezone

from readership.models import DETAIL_LENGTH, LANGUAGE_LENGTH, SITE, Kind
from readership.recorder import recorder

# Set on a page's response where Wagtail serves it, kept with it by the page cache, removed before
# the response leaves (readership.middleware): "<page id> <language> <kind> <detail>".
MARKER_HEADER = "X-Readership"

# Words of the user agents of robots, crawlers, link previews of social networks and messaging
# apps, monitors, headless browsers and command-line clients (in lower case); an empty user agent
# is one too. What browsers never send. Plain substrings: a regular expression of as many
# alternatives costs ten times as much on every request.
BOT_USER_AGENT_WORDS = (
    "bot",
    "crawl",
    "spider",
    "slurp",
    "scrape",
    "facebookexternalhit",
    "facebookcatalog",
    "meta-external",
    "embedly",
    "preview",
    "whatsapp",
    "telegram",
    "skype",
    "vkshare",
    "pinterest",
    "quora",
    "outbrain",
    "headless",
    "phantomjs",
    "lighthouse",
    "pagespeed",
    "curl",
    "wget",
    "python",
    "httpx",
    "aiohttp",
    "okhttp",
    "go-http-client",
    "java/",
    "libwww",
    "axios",
    "node-fetch",
    "undici",
    "monitor",
    "uptime",
    "check_http",
)
# A host as a Referer header names it: letters, digits, hyphens and dots (IDNA-encoded).
HOST = re.compile(r"[a-z0-9](?:[a-z0-9.-]{0,251}[a-z0-9])?")


def is_bot(user_agent):
    user_agent = user_agent.lower()
    return not user_agent.strip() or any(word in user_agent for word in BOT_USER_AGENT_WORDS)


def countable(request):
    """Whether anything of this request may be counted."""
    meta = request.META
    if meta.get("HTTP_SEC_GPC", "").strip() == "1" or meta.get("HTTP_DNT", "").strip() == "1":
        return False
    if settings.SESSION_COOKIE_NAME in request.COOKIES:
        return False
    return not is_bot(meta.get("HTTP_USER_AGENT", ""))


def count(page_id, language, kind, detail=""):
    """Add one to a counter of today: in this process's buffer, written within a second."""
    recorder.add(
        (
            today(),
            page_id,
            (language or "")[:LANGUAGE_LENGTH],
            kind,
            detail[:DETAIL_LENGTH],
        )
    )


# (today, the time it ends): the day in the site's time zone, worked out once a day rather than
# on every request.
_today = (None, 0.0)


def today():
    global _today
    day, ends_at = _today
    if time.time() >= ends_at:
        now = timezone.localtime()
        day = now.date()
        midnight = datetime.datetime.combine(day + datetime.timedelta(days=1), datetime.time())
        ends_at = midnight.replace(tzinfo=now.tzinfo).timestamp()
        _today = (day, ends_at)
    return day


# Pages: the mark set where Wagtail serves them


# RoutablePageMixin's route names of the report's downloads (report/models.py).
DOWNLOAD_ROUTES = {"pdf": Kind.PDF}
DATA_ROUTE = "block_data"
DATA_KINDS = {"csv": Kind.CSV, "xlsx": Kind.XLSX}
NOT_PUBLIC_CACHE_CONTROL = ("private", "no-store")


def marker(page, request, response):
    """The mark of a page's response, or None when it is not one to count: only a public page as
    every visitor gets it (Wagtail says `private` for a page behind a password or a login, and
    for its forms), outside a preview."""
    if response.status_code != 200 or getattr(request, "is_preview", False):
        return None
    cache_control = response.get("Cache-Control", "").lower()
    if any(directive in cache_control for directive in NOT_PUBLIC_CACHE_CONTROL):
        return None
    kind, detail = Kind.VIEW, ""
    match = getattr(request, "routable_resolver_match", None)
    if match is not None and match.url_name in DOWNLOAD_ROUTES:
        kind = DOWNLOAD_ROUTES[match.url_name]
    elif match is not None and match.url_name == DATA_ROUTE:
        kind = DATA_KINDS.get(match.kwargs.get("extension"))
        detail = match.kwargs.get("block_id", "")
        if kind is None:
            return None
    language = getattr(request, "LANGUAGE_CODE", "") or page.locale.language_code
    return f"{page.pk} {language} {kind} {detail}"


def count_marked(request, mark):
    """Count the page a response was marked for, and the site that led to it."""
    page_id, language, kind, detail = mark.split(" ", 3)
    count(int(page_id), language, kind, detail)
    if kind == Kind.VIEW:
        host = referrer_host(request)
        if host:
            count(int(page_id), language, Kind.REFERRER, host)


def referrer_host(request):
    """The other site a visitor came from, by its host only; None for this site, for an address
    that is not a web page's (an app's), and without a Referer."""
    referer = request.META.get("HTTP_REFERER", "")
    if not referer:
        return None
    try:
        parts = urlsplit(referer)
        host = (parts.hostname or "").rstrip(".")
    except ValueError:
        return None
    if parts.scheme not in ("http", "https") or not HOST.fullmatch(host):
        return None
    if host == own_host(request) or validate_host(host, explicitly_allowed_hosts()):
        return None
    return host


def own_host(request):
    # The Host header as sent: a page is served (and cached) only for an allowed host.
    host, _port = split_domain_port(request.META.get("HTTP_HOST", ""))
    return host


def explicitly_allowed_hosts():
    """The site's other names (www. and without): ALLOWED_HOSTS but its catch-all."""
    return [host for host in settings.ALLOWED_HOSTS if host != "*"]


def search_page_count(request, query, result_count):
    """The search page's count of a search (readership/searches.py)."""
    kind = Kind.SEARCH if result_count else Kind.SEARCH_EMPTY
    count(SITE, getattr(request, "LANGUAGE_CODE", ""), kind, search_terms(query))


# The words searched: lower case, single spaces, at most this long.
SEARCH_TERMS_LENGTH = 100
# Words that may identify a person are not kept: an e-mail address, a telephone number (418
# 555-0199, 555-0199), a social insurance number (046 454 286), any number of seven digits or
# more. Years and fiscal years (2021-2022) are kept: readers look for them.
PERSONAL_LOOKING = re.compile(
    r"@|\b\d{7,}\b|\(?\b\d{3}\)?[\s.-]*\d{3}[\s.-]*\d{4}\b|\b\d{3}[\s.-]*\d{4}\b"
    r"|\b\d{3}[\s-]\d{3}[\s-]\d{3}\b"
)


def search_terms(query):
    terms = " ".join(query.lower().split())[:SEARCH_TERMS_LENGTH].strip()
    if PERSONAL_LOOKING.search(terms):
        return ""
    return terms
