"""Whole pages cached for anonymous visitors, revalidated by browsers and CDNs, renewed on change.

`PageCacheMiddleware` keeps the response of an anonymous GET in the `default` cache (one cache
per server by default, Redis shared by every server with REDIS_URL) and answers the next
visitors from it without a database query nor a template. Every key holds a *generation*; any
change of published content (a page published, unpublished, moved or deleted, a snippet, the
site settings, an image or a document, a translation) starts a new generation, so that every
cached page is made again on its next request. Whole-site invalidation is right for this site:
the header, the footer and the home page show the settings, the latest report and its pages, so
nearly any change touches every page; and a generation works across processes and servers
where deleting keys one by one would have to know every page that shows the changed object.

Where the generation lives: in the cache itself when it is shared (Redis); with the per-process
local-memory cache, in the modification time of a stamp file (`PAGE_CACHE_STAMP_FILE`), which
every worker of the server sees, so that a page published in one worker is not served stale
by another.

Never cached: a visitor with a session or messages cookie (an editor, someone who just sent the
contact form), a preview, a request with a query string other than tracking parameters, the
admin, documents and the API, a response that is not a 200, sets a cookie, varies on the
visitor's languages, streams (a stored file of up to 4 MB, the report's PDF, excepted), or says
private / no-cache / no-store (Wagtail says so for restricted pages and previews).
docs/performance.md tells the whole design and how `make bench` measures it.

Cached responses say `Cache-Control: public, max-age=60, s-maxage=…` with an `ETag` and a
`Last-Modified` (when the published content last changed), and answer 304 to a request that
revalidates. Their body is kept gzip-compressed: less memory, less to send, no compression per
request.
"""

import contextlib
import functools
import gzip
import hashlib
import os
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache
from django.db import connection, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import FileResponse, HttpResponse
from django.middleware.gzip import GZipMiddleware
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.http import http_date

CACHE_ALIAS = "default"
GENERATION_KEY = "page-cache:generation"
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


def page_cache():
    return caches[CACHE_ALIAS]


# The generation


def stamp_file():
    """The file whose modification time is the generation when the cache is per process."""
    configured = getattr(settings, "PAGE_CACHE_STAMP_FILE", None)
    if configured:
        return Path(configured)
    return default_stamp_file(str(settings.BASE_DIR), str(settings.DATABASES["default"]["NAME"]))


@functools.cache
def default_stamp_file(project, database):
    """One per project and database, in the temporary directory that every worker shares."""
    digest = hashlib.sha256(f"{project}|{database}".encode()).hexdigest()[:12]
    return Path(tempfile.gettempdir()) / f"page-cache-{digest}.stamp"


def current_generation(cache=None):
    """An integer of nanoseconds: when published content last changed (or the cache started)."""
    cache = cache or page_cache()
    if isinstance(cache, LocMemCache):  # One cache per process: the stamp file they share.
        try:
            return stamp_file().stat().st_mtime_ns
        except FileNotFoundError:
            with contextlib.suppress(OSError):
                return touch_stamp_file()
        except OSError:
            pass  # An unreadable temporary directory: this process's cache alone, as below.
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        cache.add(GENERATION_KEY, time.time_ns(), timeout=None)
        generation = cache.get(GENERATION_KEY) or time.time_ns()
    return generation


def touch_stamp_file():
    path = stamp_file()
    try:
        previous = path.stat().st_mtime_ns
    except FileNotFoundError:
        previous = 0
        path.touch()
    # Always later than the last one, even on a clock with a coarse resolution.
    stamp = max(time.time_ns(), previous + 1000)
    os.utime(path, ns=(stamp, stamp))
    return stamp


def bump_generation():
    """Every cached page is stale from now on, in every process and on every server."""
    # A read-only temporary directory: the shared cache below still invalidates.
    with contextlib.suppress(OSError):
        touch_stamp_file()
    page_cache().set(GENERATION_KEY, time.time_ns(), timeout=None)


def content_changed():
    """Invalidate now, and again once the change is committed: a page rendered meanwhile from
    the data before the commit must not be kept under the new generation."""
    bump_generation()
    if connection.in_atomic_block:
        on_commit_once(bump_generation)
    if getattr(settings, "WAGTAILFRONTENDCACHE", None):
        # The CDN: once per committed change, however many objects it saved.
        on_commit_once(purge_frontend_cache)


def on_commit_once(function):
    """`function` after the current transaction commits (now outside one), at most once."""
    if any(pending is function for _ids, pending, _robust in connection.run_on_commit):
        return
    # Robust: the change is committed; a CDN that does not answer must not turn it into an error.
    transaction.on_commit(function, robust=True)


# The CDN in front (wagtail.contrib.frontend_cache, configured from the environment)


def purge_frontend_cache():
    """Every live page in every language, with the other paths a page names (a report's PDF), as
    the local cache does: the settings, a snippet or a report show on many pages."""
    from wagtail.contrib.frontend_cache.utils import PurgeBatch
    from wagtail.models import Page

    batch = PurgeBatch()
    batch.add_pages(Page.objects.live().public().specific())
    batch.purge()


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


def stored_page(request, response, generation):
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
    stored.headers["Last-Modified"] = http_date(generation // 1_000_000_000)
    stored.headers["Cache-Control"] = cache_control_value()
    stored.headers["X-Page-Cache"] = "hit"
    return CachedPage(generation, stored, getattr(request, "csp_hashes", {}))


def is_compressible(response, body):
    content_type = response.get("Content-Type", "")
    return len(body) >= SMALLEST_COMPRESSED_BODY and content_type.startswith(COMPRESSIBLE_TYPES)


def accepts_gzip(request):
    return "gzip" in request.META.get("HTTP_ACCEPT_ENCODING", "")


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
        generation = current_generation(cache)
        page = cache.get(key)
        if page is not None and page.generation == generation:
            return answer_from(request, page)
        response = self.get_response(request)
        if not is_storable(request, response):
            return response
        page = stored_page(request, response, generation)
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


# What invalidates

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


def shows_on_pages(model):
    label = model._meta.label_lower
    if label in IGNORED_MODELS:
        return False
    return model._meta.app_label in CONTENT_APPS or label in CONTENT_MODELS


def model_changed(sender, **kwargs):
    if shows_on_pages(sender):
        content_changed()


def pages_changed(**kwargs):
    content_changed()


def connect_signals():
    """Called from the app's ready(): management commands (scheduled publishing, the demo
    loaders) invalidate too, not only requests."""
    from wagtail.signals import page_published, page_unpublished, post_page_move

    post_save.connect(model_changed, dispatch_uid="page_cache_post_save")
    post_delete.connect(model_changed, dispatch_uid="page_cache_post_delete")
    m2m_changed.connect(m2m_model_changed, dispatch_uid="page_cache_m2m")
    # Publishing saves the page; these catch what saves it with update_fields or not at all.
    page_published.connect(pages_changed, dispatch_uid="page_cache_published")
    page_unpublished.connect(pages_changed, dispatch_uid="page_cache_unpublished")
    post_page_move.connect(pages_changed, dispatch_uid="page_cache_moved")


def m2m_model_changed(sender, instance, action, **kwargs):
    if action.startswith("post_") and shows_on_pages(type(instance)):
        content_changed()
