"""Whole pages cached for anonymous visitors, revalidated by browsers and CDNs, renewed on change.

`PageCacheMiddleware` keeps the response of an anonymous GET in the `pages` cache (its own alias:
one cache per process by default, Redis shared by every server with REDIS_URL) and answers the
next visitors from it without a database query nor a template. Every stored page holds the
*generation* it was made in, and is served only while that generation is current
(web/generation.py: the truth in the database, read by each process at most every second, with a
copy in the cache that tells the other servers at once). A change that visitors see — a page
published, unpublished, moved or deleted, privacy, the site settings, a snippet, an image or a
document, a translation published, an alias updated — starts a new generation, so that every
cached page is made again on its next request; a draft saved, an autosave, a lock or a workflow
step that publishes nothing does not (the signal handlers at the end of this module decide;
web/invalidation.py renews the generation in the change's transaction and purges the CDN once
it is committed). Whole-site invalidation is right for this site: the header, the footer and
the home page show the settings, the latest report and its pages, so nearly any change touches
every page; and a generation works across processes and servers where deleting keys one by one
would have to know every page that shows the changed object.

Never cached: a visitor with a session or messages cookie (an editor, someone who just sent the
contact form), a preview, a request with a query string other than tracking parameters, the
admin, documents and the API, a response that is not a 200, sets a cookie, varies on the
visitor's languages, streams (a stored file of up to 4 MB, the report's PDF, excepted), or says
private / no-cache / no-store (Wagtail says so for restricted pages and previews).
docs/performance.md tells the whole design and how `make bench` measures it.

Cached responses say `Cache-Control: public, max-age=60, s-maxage=…` with an `ETag` and a
`Last-Modified` (when the published content last changed), and answer 304 to a request that
revalidates. Their body is kept gzip-compressed: less memory, less to send, no compression per
request; a client that refuses gzip (RFC 9110's Accept-Encoding) gets it decompressed.
"""

import contextlib
import functools
import gzip
import hashlib
import re
import threading
import time
from dataclasses import dataclass

from django.apps import apps as global_apps
from django.conf import settings
from django.core.cache import InvalidCacheBackendError
from django.core.signals import setting_changed
from django.db import connection
from django.db.models.signals import (
    m2m_changed,
    post_delete,
    post_save,
    pre_delete,
    pre_save,
)
from django.http import FileResponse, HttpResponse
from django.middleware.gzip import GZipMiddleware
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.http import http_date
from wagtail.models import Page

from cms.publishing import BOOKKEEPING_FIELDS, changes_what_visitors_read
from web import cdn, generation, invalidation
from web.generation import GENERATION_KEY, page_cache

KEY_PREFIX = "page-cache:page"
# Paths that are never cached: the admin and its login, documents (privacy checked per request),
# the API (read by programs, with query strings).
EXCLUDED_PATH_PREFIXES = ("/admin/", "/django-admin/", "/documents/", "/api/")
# A link from a newsletter or a social network still gets the cached page.
TRACKING_PARAMETERS = frozenset({"fbclid", "gclid", "mc_cid", "mc_eid", "msclkid"})
TRACKING_PREFIXES = ("utm_",)
BROWSER_MAX_AGE = 60
DEFAULT_CDN_MAX_AGE = 60
LARGEST_CACHED_BODY = 4 * 1024 * 1024
COMPRESSIBLE_TYPES = ("text/", "application/json", "application/xml", "image/svg+xml")
SMALLEST_COMPRESSED_BODY = 500
# Headers set for the stored (compressed) body, never copied from the response it is made from.
PER_ANSWER_HEADERS = frozenset({"content-length", "content-encoding", "set-cookie"})
NOT_STORABLE_CACHE_CONTROL = ("private", "no-cache", "no-store")


# Which requests and responses


def cache_key(request):
    """The key of the request's page, or None when the request must not use the cache."""
    if request.method not in ("GET", "HEAD"):
        return None
    if request.path.startswith(EXCLUDED_PATH_PREFIXES):
        return None
    # Wagtail's previews go through the middleware with a made-up request at the page's address.
    if getattr(request, "is_dummy", False) or getattr(request, "is_preview", False):
        return None
    cookies = request.COOKIES
    if settings.SESSION_COOKIE_NAME in cookies or "messages" in cookies:
        return None
    if request.META.get("QUERY_STRING") and not only_tracking_parameters(request.GET):
        return None
    # The Host header as sent, without get_host()'s checks: only a page served for an allowed
    # host is ever stored, so another host can only miss (and get Django's 400).
    host = request.META.get("HTTP_HOST", "")
    # A digest of the address: any address (thousands of characters, control characters) makes
    # a short key that every cache backend takes.
    address = f"{request.scheme}://{host}{request.path}"
    return f"{KEY_PREFIX}:{hashlib.sha256(address.encode(errors='surrogateescape')).hexdigest()}"


def only_tracking_parameters(query):
    return all(name in TRACKING_PARAMETERS or name.startswith(TRACKING_PREFIXES) for name in query)


def is_storable(request, response):
    if response.status_code != 200 or response.cookies:
        return False
    if getattr(request, "is_preview", False):
        return False
    cache_control = response.get("Cache-Control", "").lower()
    if any(directive in cache_control for directive in NOT_STORABLE_CACHE_CONTROL):
        return False
    # The key holds the address, not the visitor's languages: a response chosen by them (an
    # address without /fr/ or /en/) is not kept. Cookie: only requests without one are cached.
    if "accept-language" in response.get("Vary", "").lower():
        return False
    return body_size(response) <= LARGEST_CACHED_BODY


def body_size(response):
    """A file (the report's PDF) says its size; other streamed responses are never kept."""
    if not response.streaming:
        return len(response.content)
    if isinstance(response, FileResponse) and response.has_header("Content-Length"):
        return int(response["Content-Length"])
    return LARGEST_CACHED_BODY + 1


def response_body(response):
    if not response.streaming:
        return response.content
    try:
        return b"".join(response.streaming_content)
    finally:
        # Close the streamed file, not the response: HttpResponse.close() also signals the end of
        # the request (closing the database connection in the middle of it); the answer sent in
        # its place does that when the server is done with it.
        streamed_file = getattr(response, "file_to_stream", None)
        if streamed_file is not None:
            streamed_file.close()


# The stored page


@dataclass(slots=True)
class CachedPage:
    """The response as it is sent, headers included: a hit only unpickles it (no header is
    converted or copied), which keeps a cached page close to a static file's cost."""

    generation: int
    response: HttpResponse
    csp_hashes: dict

    @property
    def etag(self):
        return self.response["ETag"]

    @property
    def last_modified(self):
        return self.generation // 1_000_000_000


def stored_page(request, response, made_in):
    gzipped = response.get("Content-Encoding") == "gzip"
    if response.has_header("Content-Encoding") and not gzipped:
        return None  # Compressed some other way: leave it alone.
    body = response_body(response)
    if not gzipped and is_compressible(response, body):
        body, gzipped = gzip.compress(body, compresslevel=6, mtime=0), True
    stored = HttpResponse(body, status=response.status_code)
    for name, value in response.items():
        if name.lower() not in PER_ANSWER_HEADERS:
            stored.headers[name] = value
    if gzipped:
        stored.headers["Content-Encoding"] = "gzip"
        patch_vary_headers(stored, ("Accept-Encoding",))
    stored.headers["Content-Length"] = str(len(body))
    stored.headers["ETag"] = f'W/"{hashlib.sha256(body).hexdigest()[:20]}"'
    stored.headers["Last-Modified"] = http_date(made_in // 1_000_000_000)
    stored.headers["Cache-Control"] = cache_control_value()
    stored.headers["X-Page-Cache"] = "hit"
    return CachedPage(made_in, stored, getattr(request, "csp_hashes", {}))


def is_compressible(response, body):
    content_type = response.get("Content-Type", "")
    return len(body) >= SMALLEST_COMPRESSED_BODY and content_type.startswith(COMPRESSIBLE_TYPES)


def accepts_gzip(request):
    """Whether the client takes gzip, as RFC 9110 (12.5.3) reads Accept-Encoding; without the
    header, the identity (a client that says nothing may not decompress)."""
    return gzip_accepted(request.META.get("HTTP_ACCEPT_ENCODING", ""))


# A q-value: 0 to 1 with at most three decimals (RFC 9110, 12.4.2).
QVALUE = re.compile(r"0(?:\.[0-9]{0,3})?|1(?:\.0{0,3})?")


@functools.lru_cache(maxsize=256)  # Browsers send a few values, each millions of times.
def gzip_accepted(accept_encoding):
    """gzip (or its alias x-gzip) listed with a weight above 0; not listed, `*` with one."""
    weights = {}
    for element in accept_encoding.split(","):
        coding, _separator, parameters = element.partition(";")
        coding = coding.strip().lower()
        if coding:
            weights.setdefault(coding, weight(parameters))
    for coding in ("gzip", "x-gzip", "*"):
        if coding in weights:
            return weights[coding] > 0
    return False


def weight(parameters):
    """The q parameter's value, 1 without one; an unreadable one refuses (0): the identity is
    always a safe answer."""
    for parameter in parameters.split(";"):
        name, _separator, value = parameter.partition("=")
        if name.strip().lower() == "q":
            value = value.strip()
            return float(value) if QVALUE.fullmatch(value) else 0.0
    return 1.0


def answer_from(request, page):
    """The response to send for a stored page: compressed if the client takes it, or a 304."""
    response = page.response
    if response.get("Content-Encoding") == "gzip" and not accepts_gzip(request):
        response = decompressed(response)
    if page.csp_hashes:
        # A Content-Security-Policy middleware outside this one reads them from the request.
        request.csp_hashes = page.csp_hashes
    return get_conditional_response(
        request, etag=page.etag, last_modified=page.last_modified, response=response
    )


def decompressed(response):
    """For the rare client that takes no gzip."""
    plain = HttpResponse(gzip.decompress(response.content), status=response.status_code)
    for name, value in response.items():
        if name.lower() not in PER_ANSWER_HEADERS:
            plain.headers[name] = value
    plain.headers["Content-Length"] = str(len(plain.content))
    return plain


def cache_control_value():
    cdn_max_age = getattr(settings, "PAGE_CACHE_CDN_MAX_AGE", DEFAULT_CDN_MAX_AGE)
    return f"public, max-age={BROWSER_MAX_AGE}, s-maxage={cdn_max_age}"


# The middleware


class PageCacheMiddleware:
    """Place it right after WhiteNoise: a hit then costs about what a static file costs."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        key = cache_key(request) if getattr(settings, "PAGE_CACHE_ENABLED", True) else None
        if key is None:
            return self.get_response(request)
        cache = page_cache()
        # One round trip to a shared cache for both: the page, and the generation's copy.
        found = cache.get_many([key, GENERATION_KEY])
        current = generation.current(found.get(GENERATION_KEY))
        if current is None:  # No database and nothing known: the pages cannot be trusted.
            return self.get_response(request)
        page = found.get(key)
        if page is not None and page.generation == current:
            return answer_from(request, page)
        response = self.get_response(request)
        if not is_storable(request, response):
            return response
        page = stored_page(request, response, current)
        if page is None:
            return response
        cache.set(key, page, timeout=getattr(settings, "PAGE_CACHE_TIMEOUT", 3600))
        answer = answer_from(request, page)
        answer.headers["X-Page-Cache"] = "miss"
        return answer


class TextGZipMiddleware(GZipMiddleware):
    """Django's gzip for the responses that are not cached, but only for text: a PDF or an image
    is compressed already, and compressing it again on every request costs time for nothing."""

    def process_response(self, request, response):
        if not response.get("Content-Type", "").startswith(COMPRESSIBLE_TYPES):
            return response
        if not accepts_gzip(request):  # Django's own test finds "gzip" in "gzip;q=0".
            patch_vary_headers(response, ("Accept-Encoding",))
            return response
        return super().process_response(request, response)


# The benchmark's measurement


class ServerTimingMiddleware:
    """Time and SQL queries of each response, in a `Server-Timing` header: for `make bench` only
    (enabled by BENCH_TIMING=1), since it tells anyone how long the server works."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        counter = QueryCounter()
        started = time.perf_counter()
        with connection.execute_wrapper(counter):
            response = self.get_response(request)
        total_ms = (time.perf_counter() - started) * 1000
        response.headers["Server-Timing"] = (
            f'app;dur={total_ms:.2f}, db;dur={counter.milliseconds:.2f};desc="{counter.count}"'
        )
        return response


class QueryCounter:
    def __init__(self):
        self.count = 0
        self.milliseconds = 0.0

    def __call__(self, execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.count += 1
            self.milliseconds += (time.perf_counter() - started) * 1000


# What invalidates: what visitors see, never a draft

# Models whose changes show on public pages: the pages and snippets of the project's apps, the
# site settings, and Wagtail's pages, sites, locales, images, documents and view restrictions.
CONTENT_APPS = frozenset({"home", "members", "report"})
CONTENT_MODELS = frozenset(
    {
        "wagtailcore.page",
        "wagtailcore.site",
        "wagtailcore.locale",
        "wagtailcore.pageviewrestriction",
        "wagtailcore.collectionviewrestriction",
        "wagtailimages.image",
        "wagtaildocs.document",
        "wagtailredirects.redirect",
    }
)
# Changes that no visitor sees: messages sent through the contact form.
IGNORED_MODELS = frozenset({"home.contactsubmission"})
# Fields that a save may write alone without changing what visitors see: what a page records
# about itself (cms.publishing's list: Wagtail's draft saves and autosaves write the latest
# revision and the draft title, locks the lock fields), but for whether it is live and where;
# and the size and digest that Wagtail writes on an image or a document when it first reads them.
SHOWN_BOOKKEEPING_FIELDS = frozenset({"live", "url_path", "path", "depth"})
UNSEEN_FIELDS = (BOOKKEEPING_FIELDS - SHOWN_BOOKKEEPING_FIELDS) | {"file_size", "file_hash"}
# A page's decision, taken before its save (comparing with the stored page), used after it.
SHOWN_CHANGE = "_page_cache_shown_change"

_addresses_before = threading.local()


def shows_on_pages(model):
    if model._meta.apps is not global_apps:
        # A migration's model: web.apps renews the generation once migrations are done.
        return False
    label = model._meta.label_lower
    if label in IGNORED_MODELS:
        return False
    return model._meta.app_label in CONTENT_APPS or label in CONTENT_MODELS


def writes_only_unseen_fields(update_fields):
    return update_fields is not None and set(update_fields) <= UNSEEN_FIELDS


def page_shown_change(page):
    """Whether saving `page` changes what visitors see: put live or taken down, moved, or a live
    page that reads differently (cms.publishing.changes_what_visitors_read, which compares
    everything but the bookkeeping). A page that is not live, and was not, shows nothing."""
    stored = type(page).objects.filter(pk=page.pk).first() if page.pk else None
    if stored is None:
        return page.live
    if not (stored.live or page.live):
        return False
    return (
        stored.live != page.live
        or stored.url_path != page.url_path
        or changes_what_visitors_read(stored, page)
    )


def model_about_to_be_saved(sender, instance, update_fields=None, **kwargs):
    if not isinstance(instance, Page) or writes_only_unseen_fields(update_fields):
        return
    # Decided before the save, which replaces the stored page it compares with; acted on after
    # it, once the page is written (outside a transaction, invalidating first would let another
    # process cache the page as it was under the new generation).
    instance.__dict__[SHOWN_CHANGE] = page_shown_change(instance)


def model_saved(sender, instance, update_fields=None, **kwargs):
    if not shows_on_pages(sender) or writes_only_unseen_fields(update_fields):
        return
    if isinstance(instance, Page):
        if instance.__dict__.pop(SHOWN_CHANGE, instance.live):
            invalidation.pages_changed(instance)
    else:
        invalidation.site_changed()


def model_about_to_be_deleted(sender, instance, **kwargs):
    if isinstance(instance, Page) and cdn.configured():
        remember_addresses(instance.pk, [instance])


def model_deleted(sender, instance, **kwargs):
    if shows_on_pages(sender):
        invalidation.site_changed(taken_addresses(instance.pk))


def m2m_model_changed(sender, instance, action, **kwargs):
    if action.startswith("post_") and shows_on_pages(type(instance)):
        invalidation.site_changed()


def page_published_or_unpublished(sender, instance, **kwargs):
    invalidation.pages_changed(instance)


def page_about_to_move(sender, instance, **kwargs):
    if cdn.configured():
        remember_addresses(instance.pk, instance.get_descendants(inclusive=True).live().specific())


def page_moved(sender, instance, **kwargs):
    invalidation.site_changed(taken_addresses(instance.pk))


def remember_addresses(page_id, pages):
    """The CDN addresses of pages about to move or go, for their purge once they have."""
    remembered = _addresses_before.__dict__.setdefault("by_page", {})
    remembered.setdefault(page_id, set()).update(cdn.page_addresses(pages))


def taken_addresses(page_id):
    return _addresses_before.__dict__.get("by_page", {}).pop(page_id, set())


def connect_signals():
    """Called from the app's ready(): management commands (scheduled publishing, the demo
    loaders) invalidate too, not only requests."""
    from wagtail.signals import page_published, page_unpublished, post_page_move, pre_page_move

    pre_save.connect(model_about_to_be_saved, dispatch_uid="page_cache_pre_save")
    post_save.connect(model_saved, dispatch_uid="page_cache_post_save")
    pre_delete.connect(model_about_to_be_deleted, dispatch_uid="page_cache_pre_delete")
    post_delete.connect(model_deleted, dispatch_uid="page_cache_post_delete")
    m2m_changed.connect(m2m_model_changed, dispatch_uid="page_cache_m2m")
    # Publishing saves the page first; these catch what publishes or unpublishes without saving
    # anything visitors read (a revision published again, a translation).
    page_published.connect(page_published_or_unpublished, dispatch_uid="page_cache_published")
    page_unpublished.connect(page_published_or_unpublished, dispatch_uid="page_cache_unpublished")
    pre_page_move.connect(page_about_to_move, dispatch_uid="page_cache_moving")
    post_page_move.connect(page_moved, dispatch_uid="page_cache_moved")
    setting_changed.connect(page_cache_setting_changed, dispatch_uid="page_cache_settings")


def page_cache_setting_changed(setting, **kwargs):
    """The test suite switches the page cache on for some tests (override_settings): each starts
    from an empty cache, and reads the generation of its own database."""
    if setting in {"PAGE_CACHE_ENABLED", "CACHES"}:
        generation.forget()
        with contextlib.suppress(InvalidCacheBackendError):  # Caches without the page cache's.
            page_cache().clear()
