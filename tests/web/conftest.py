"""The page cache switched on, and a CDN that records what it is told to purge."""

import collections

import pytest
from django_tasks import task_backends
from wagtail.contrib.frontend_cache.backends.base import BaseBackend

from web import invalidation
from web.generation import page_cache


@pytest.fixture
def page_cache_on(settings):
    """Switching it on empties it and forgets the generation read by an earlier test
    (web/caching.py, `page_cache_setting_changed`)."""
    settings.PAGE_CACHE_ENABLED = True
    yield page_cache()


@pytest.fixture
def autocommit(monkeypatch):
    """Each change committed as it is made, as in production, where Wagtail's edit view publishes
    outside any transaction (the test's own transaction, which holds everything, never commits):
    what follows a commit runs at once, and in a request when the view is done."""
    monkeypatch.setattr(invalidation, "outside_transaction", lambda: True)


class RecordingBackend(BaseBackend):
    purged = []

    def purge(self, url):
        self.purged.append(url)


@pytest.fixture
def cdn(settings):
    """A CDN in front: `cdn()` waits for the purges queued so far and counts each address."""
    settings.WAGTAILFRONTENDCACHE = {"recording": {"BACKEND": f"{__name__}.RecordingBackend"}}
    RecordingBackend.purged.clear()

    def purged():
        assert background_tasks_done()
        return collections.Counter(RecordingBackend.purged)

    yield purged
    background_tasks_done()


def background_tasks_done(timeout=30):
    return task_backends["background"].wait_until_idle(timeout)
