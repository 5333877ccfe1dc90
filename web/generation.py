"""The page cache's generation: whether a cached page is still the current version.

Every cached page carries the generation it was made in (web/caching.py) and is served only
while that generation is current. Each change that visitors see starts a new one
(web/invalidation.py). The generation is kept in three places, each for a reason:

- **the database** (`web.models.PageCacheGeneration`, one row) is the truth. It is renewed in
  the transaction of the change itself, so a change is never committed without it: a Redis
  that refuses writes, or a process that stops between the commit and the cache write, can no
  longer leave a page unpublished in the database and served from the cache for an hour;
- **each process** keeps it in memory and reads the row again at most every
  `PAGE_CACHE_GENERATION_CHECK_SECONDS` (1 s): a hit costs no query (a process reads the row
  about once a second, whatever the traffic), and a change made by another worker or server is
  seen within that second, whatever the cache does;
- **the page cache** keeps a copy (`GENERATION_KEY`), written after the commit: a shortcut that
  tells every server sharing the cache at once. A process that finds a copy other than the one
  it saw last reads the row again before answering. The copy is never trusted alone: a cache
  that lost or refused it only delays the news by the second above.

A new generation is the greater of the previous one plus one and the time in nanoseconds: it
always grows, whatever the servers' clocks say, and still tells when the content last changed
(`Last-Modified`). A database restored from a backup brings its older generation back: pages
cached since are made again, since a page is served only when its generation is the current one,
not an older or a newer one.
"""

import logging
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import caches
from django.db import DatabaseError
from django.db.models import BigIntegerField, F, Value
from django.db.models.functions import Greatest

from web.models import PageCacheGeneration

logger = logging.getLogger(__name__)

# Its own cache (config/settings/base.py): emptying it never touches the sessions.
CACHE_ALIAS = "pages"
GENERATION_KEY = "page-cache:generation"
DEFAULT_CHECK_SECONDS = 1.0
ROW = 1


def page_cache():
    return caches[CACHE_ALIAS]


@dataclass(frozen=True, slots=True)
class Known:
    """What this process knows: the generation (None: to be read), when it read it, and the
    cache's copy it had then. Replaced whole, never changed: threads read it without a lock."""

    value: int | None = None
    checked_at: float = float("-inf")
    shortcut: int | None = None


_known = Known()
# How many times this process has read the row: a change renews the generation again when a
# page may have been made from the one renewed before (web/invalidation.py).
_reads = 0


def check_interval():
    return getattr(settings, "PAGE_CACHE_GENERATION_CHECK_SECONDS", DEFAULT_CHECK_SECONDS)


def current(shortcut):
    """The current generation for a request, given the cache's copy (None when the cache has
    none); None when it cannot be known (no database, and nothing read before)."""
    known = _known
    if shortcut != known.shortcut or time.monotonic() - known.checked_at >= check_interval():
        known = read(shortcut)
    return known.value


def read(shortcut):
    """The row read again; with no database, what was known (or the cache's copy) is kept, and
    read again after the interval."""
    global _known, _reads
    try:
        value = stored_value()
    except DatabaseError as error:
        logger.warning("The page cache's generation could not be read: %s", error)
        value = _known.value if _known.value is not None else shortcut
    _reads += 1
    _known = Known(value, time.monotonic(), shortcut)
    return _known


def stored_value():
    value = PageCacheGeneration.objects.filter(pk=ROW).values_list("value", flat=True).first()
    return value or 0


def reads():
    return _reads


def renew():
    """A new generation, written in the current transaction; returns it.

    Until the change is committed this process neither serves nor keeps pages (`forget`): a page
    rendered meanwhile by another thread would show the data from before the commit."""
    now = time.time_ns()
    rows = PageCacheGeneration.objects.filter(pk=ROW)
    updated = rows.update(
        value=Greatest(F("value") + 1, Value(now, output_field=BigIntegerField()))
    )
    if not updated:  # The row is gone (a flushed test database): made again.
        PageCacheGeneration.objects.get_or_create(pk=ROW, defaults={"value": now})
    forget()
    return rows.values_list("value", flat=True).get()


def committed(value):
    """The change that renewed the generation to `value` is committed: this process serves
    pages of `value` at once, and the cache's copy tells the other servers."""
    global _known
    _known = Known(value, time.monotonic(), value)
    # A cache that refuses the write (django-redis ignores the error) only makes the other
    # servers wait for their next read of the row.
    page_cache().set(GENERATION_KEY, value, timeout=None)


def forget():
    """Read the row again before the next answer from the cache."""
    global _known
    _known = Known()
