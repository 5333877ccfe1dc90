"""Counts kept in the process's memory and written in bulk, never on the request's path.

A request adds one to a counter of a dict behind a lock (a microsecond); a thread of the process
writes the dict every READERSHIP_FLUSH_SECONDS (1) with one statement (readership/stores.py), and
once more when the process exits normally (atexit): a worker stopped by its server loses nothing,
a worker killed loses at most the last second (with Redis, what it wrote there stays there until
a server or `move_readership_counts` moves it). A flush that fails (the database is down) keeps
its counts for the next one, up to MAX_PENDING_KEYS different counters.

Not web/background.py's task queue: that one runs one-off tasks in order, some of which wait for
another service (a CDN purge); a flush every second must neither wait behind them nor fill it.

The thread starts with the first count of each process (a thread does not survive the fork of a
server's worker). It does not start when READERSHIP_FLUSH_IN_BACKGROUND is False, as in the
test settings: a thread writing into a test's database would lock SQLite under the test's feet
and outlive the test database; tests call `flush()`.
"""

import atexit
import logging
import os
import threading
import time

from django.conf import settings
from django.db import connections

logger = logging.getLogger(__name__)

DEFAULT_FLUSH_SECONDS = 1.0
# Redis' counters are moved into the database this often, by one server (a lock in Redis).
DEFAULT_MOVE_SECONDS = 60.0
# Counters kept while nothing can be written; more are dropped (and said so in the log).
MAX_PENDING_KEYS = 100_000


def flushes_in_background():
    # config/settings/test.py turns it off: the tests flush themselves.
    return getattr(settings, "READERSHIP_FLUSH_IN_BACKGROUND", True)


class Recorder:
    """One process's buffer. `stores` gives the store to write to (readership.stores.configured)."""

    def __init__(self, stores=None):
        self._stores = stores
        self._reset()
        os.register_at_fork(after_in_child=self._reset)

    def _reset(self):
        """A new process starts empty: the parent's counts are the parent's to write."""
        self._lock = threading.Lock()
        self._flush_lock = threading.Lock()
        self._counts = {}
        self._thread = None
        self._stopping = threading.Event()
        self._next_move = 0.0
        self._dropped = 0

    # On the request's path

    def add(self, key, amount=1):
        with self._lock:
            self._counts[key] = self._counts.get(key, 0) + amount
        if self._thread is None:
            self._start()

    # Writing

    def flush(self):
        """Write what was counted; with Redis, move its counters into the database when due.
        Returns the number of counters written."""
        with self._flush_lock:
            counts = self._take()
            written = self._write(counts) if counts else 0
            self._move_if_due()
            return written

    def flush_at_exit(self):
        """The last flush of a process stopped normally; with Redis, what it holds is moved into
        the database too (all of it: a Redis that restarts keeps nothing)."""
        self.flush()
        store = self.store()
        if hasattr(store, "move_to_database"):
            try:
                store.move_to_database()
            except Exception:
                logger.exception("Readership counts left in Redis at exit")

    def discard(self):
        """Forget what was counted and not written yet (the tests start from nothing)."""
        self._take()

    def pending(self):
        with self._lock:
            return dict(self._counts)

    def _take(self):
        with self._lock:
            counts, self._counts = self._counts, {}
        return counts

    def _write(self, counts):
        try:
            self.store().add(counts)
        except Exception:
            logger.exception("Readership counts not written; kept for the next flush")
            self._give_back(counts)
            return 0
        finally:
            close_connections()
        return len(counts)

    def _give_back(self, counts):
        with self._lock:
            for key, amount in counts.items():
                if key in self._counts or len(self._counts) < MAX_PENDING_KEYS:
                    self._counts[key] = self._counts.get(key, 0) + amount
                else:
                    self._dropped += 1
            if self._dropped:
                logger.error(
                    "%s readership counters dropped: nothing can be written", self._dropped
                )
                self._dropped = 0

    def _move_if_due(self):
        now = time.monotonic()
        if now < self._next_move:
            return
        self._next_move = now + getattr(settings, "READERSHIP_MOVE_SECONDS", DEFAULT_MOVE_SECONDS)
        store = self.store()
        if not hasattr(store, "move_when_lock_won"):
            return
        try:
            store.move_when_lock_won()
        except Exception:
            logger.exception("Readership counts not moved from Redis; moved at the next turn")
        finally:
            close_connections()

    def store(self):
        if self._stores is None:
            from readership import stores

            self._stores = stores.configured
        return self._stores()

    # The thread

    def _start(self):
        with self._lock:
            if self._thread is not None:
                return
            self._thread = False  # Decided: no second thread, whatever is decided below.
            if not flushes_in_background():
                return
            self._thread = threading.Thread(
                target=self._run, args=(self._stopping,), name="readership-flush", daemon=True
            )
        self._thread.start()
        atexit.register(self.flush_at_exit)

    def _run(self, stopping):
        interval = getattr(settings, "READERSHIP_FLUSH_SECONDS", DEFAULT_FLUSH_SECONDS)
        while not stopping.wait(interval):
            try:
                self.flush()
            except Exception:  # The thread must outlive any failure, or counting would stop.
                logger.exception("Readership flush failed")


def close_connections():
    """The flush thread's own database connection, as a request's would be at its end: kept for
    CONN_MAX_AGE, dropped when it fails its health check."""
    if threading.current_thread() is threading.main_thread():
        return  # A management command or a test: its connection is its own to manage.
    for connection in connections.all(initialized_only=True):
        connection.close_if_unusable_or_obsolete()


recorder = Recorder()
