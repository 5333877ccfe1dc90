"""When a change that visitors see is committed: a new page cache generation, and one CDN purge.

web/caching.py decides which changes visitors see (its signal handlers) and reports them here:
`pages_changed` for pages published, unpublished or saved differently (the CDN purges them and
the pages that show them), `site_changed` for what shows on every page or cannot be traced to
pages (the site settings, snippets, images, documents, privacy, a move, a deletion). Here is
when, and how often:

- the generation is renewed in the database in the change's own transaction
  (web/generation.py): once per transaction, or after each change outside one (autocommit);
- what follows the commit is collected in `Changes`: this process learns the new generation,
  the cache's copy of it is written for the other servers, the CDN is purged (web/cdn.py). Per
  transaction with `transaction.on_commit`; and during a request, per request:
  `InvalidationMiddleware` runs it once when the view is done, so that a publication (a save,
  then Wagtail's `page_published`, outside any transaction in Wagtail's edit view) purges each
  address once, and the editor can be told in the response when visitors may still see the
  previous version. Outside a request (a command), it runs as each transaction commits, at once
  in autocommit;
- a rolled-back transaction drops what it collected: Django discards its on_commit callbacks,
  which hold the only references to its `Changes`. The marker saying that the open transaction
  has its `Changes` (and renewed the generation) is a weak reference to them, so it goes with
  them: Django has no hook on rollback, and its list of callbacks is private.
"""

import functools
import logging
import threading
import weakref
from contextvars import ContextVar
from dataclasses import dataclass, field

from django.db import transaction

from web import cdn, generation

logger = logging.getLogger(__name__)

_request_changes = ContextVar("request_changes", default=None)
_open_transaction = threading.local()


@dataclass(eq=False)
class Changes:
    """What visitors will see changed once committed: pages (purged with the pages that show
    them), addresses to purge as they were before (pages moved or deleted), or everything."""

    pages: list = field(default_factory=list)
    addresses: set = field(default_factory=set)
    everything: bool = False
    generation: int | None = None
    # This process's count of generation reads when the transaction renewed it.
    reads_at_renewal: int | None = None
    committed: bool = False

    def add(self, other):
        self.pages.extend(other.pages)
        self.addresses |= other.addresses
        self.everything |= other.everything
        if other.generation is not None:
            self.generation = max(self.generation or 0, other.generation)

    def __bool__(self):
        return bool(self.pages or self.addresses or self.everything or self.generation)


def pages_changed(*pages):
    record(Changes(pages=list(pages)))


def site_changed(addresses=()):
    record(Changes(addresses=set(addresses), everything=True))


def outside_transaction():
    """Django's autocommit, each query committed as it runs: Wagtail's edit view publishes so."""
    return transaction.get_autocommit()


def record(changes):
    if outside_transaction():
        # The change is committed already: the generation after it, then what follows.
        changes.generation = generation.renew()
        after_commit(changes)
        return
    pending = open_transaction_changes()
    # Once per transaction; anew if this process may have made a page from the generation
    # renewed before (in a test, whose one transaction holds requests between its changes).
    if pending is None or pending.reads_at_renewal != generation.reads():
        pending = Changes(generation=generation.renew(), reads_at_renewal=generation.reads())
        _open_transaction.changes = weakref.ref(pending)
    pending.add(changes)
    # A callback per change, all for the same `Changes`: the first to run does the work. Those of
    # a savepoint rolled back go with it, the others stay; a test that captures the callbacks of
    # a few lines gets those lines' changes run.
    transaction.on_commit(functools.partial(after_commit, pending), robust=True)


def open_transaction_changes():
    reference = getattr(_open_transaction, "changes", None)
    pending = reference() if reference is not None else None
    # Already run: kept alive by whoever captured the callbacks (a test), not open any more.
    if pending is None or pending.committed:
        return None
    return pending


def after_commit(changes):
    if changes.committed:
        return
    changes.committed = True
    request_changes = _request_changes.get()
    if request_changes is not None:
        request_changes.add(changes)
    else:
        apply(changes, request=None)


def apply(changes, request):
    """After the commit: nothing here may fail the request or the command, whose change is saved
    (the generation in the database is right whatever happens here)."""
    try:
        if changes.generation:
            generation.committed(changes.generation)
    except Exception:
        logger.exception("The page cache's copy of the generation could not be written")
    if cdn.configured():
        cdn.purge(changes, request)


class InvalidationMiddleware:
    """Runs what a request changed once, when its view is done. Place it after Django's
    MessageMiddleware: a warning for the editor must be added before that stores the messages."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        changes = Changes()
        token = _request_changes.set(changes)
        try:
            return self.get_response(request)
        finally:
            _request_changes.reset(token)
            if changes:
                apply(changes, request)
