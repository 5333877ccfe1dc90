"""The CDN in front of the site: which addresses a change purges, and the purge, outside the
editor's request.

The CDN is configured from the environment (config/settings/base.py, `WAGTAILFRONTENDCACHE`:
HTTP PURGE, Cloudflare, CloudFront); with none, nothing is purged. Purges go through Wagtail's
`wagtail.contrib.frontend_cache` (its purge task and backends), but not through its app: the app
purges a page on every `page_published`, inside the request and beside the project's own
purge. Here the purge is made once per committed change (web/invalidation.py).

**Which addresses.** Each once, in its own language (`WAGTAILFRONTENDCACHE_LANGUAGES` is empty:
Wagtail would rewrite /fr/… into /en/…, which names no page, the slugs differ):
- pages published, unpublished or saved differently: each page with its other paths
  (`get_cached_paths`: the report's PDF) and the live pages that show it — its ancestors (a
  report index lists its reports, the home page features the latest one), its descendants (their
  breadcrumbs name it), its translations (their language switcher links to it), the pages that
  link to it (Wagtail's reference index) — and the sitemap;
- a page of the main menu (a child of a home page, shown in menus): every page names it, so
  every live page, as for the changes that show on every page or cannot be traced to pages —
  site settings, snippets, images, documents, privacy, moves, deletions: every live page with
  its other paths, the sitemap, robots.txt and the search pages, and the addresses of pages
  moved or deleted as they were before.

**The purge** is Wagtail's `purge_urls_from_cache_task`, queued on the `background` task backend
(web/background.py) once the change is committed: a slow or failing CDN never holds the editor's
request. The request waits at most `PAGE_CACHE_PURGE_WAIT_SECONDS` (1 s) to learn how it went,
only to warn the editor when visitors may still see the previous version: the purge could not be
queued, failed, or has not finished. Wagtail's backends log their failures rather than raise
them, so an error logged while purging counts as a failure.
"""

import logging
import math
import threading
from contextlib import contextmanager

from django.conf import settings
from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from django.utils.translation import ngettext
from django_tasks import TaskResultStatus, task
from wagtail.contrib.frontend_cache.tasks import purge_urls_from_cache_task
from wagtail.contrib.frontend_cache.utils import PurgeBatch
from wagtail.models import Page, ReferenceIndex, Site

logger = logging.getLogger(__name__)

PURGE_TASK_BACKEND = "background"
DEFAULT_WAIT_SECONDS = 1.0


def configured():
    return bool(getattr(settings, "WAGTAILFRONTENDCACHE", None))


def purge(changes, request=None):
    """Queues the purge of what `changes` touched; warns the editor of `request` when it is not
    known to have gone through. Never raises: the change is committed."""
    try:
        addresses = addresses_to_purge(changes)
        if addresses and not purged_in_time(sorted(addresses)):
            warn(request)
    except Exception:
        logger.exception("The CDN purge could not be queued")
        warn(request)


def purged_in_time(addresses):
    """Whether the purge went through within the wait; when nothing waits for it (a backend
    with a worker of its own, or no wait set), whether it was queued."""
    result = purge_addresses.using(backend=PURGE_TASK_BACKEND).enqueue(addresses)
    backend = result.task.get_backend()
    waits = wait_seconds() > 0 and hasattr(backend, "wait")
    if waits:
        result = backend.wait(result.id, wait_seconds())
    if result.status == TaskResultStatus.FAILED:
        return False
    return result.status == TaskResultStatus.SUCCESSFUL or not waits


def wait_seconds():
    return getattr(settings, "PAGE_CACHE_PURGE_WAIT_SECONDS", DEFAULT_WAIT_SECONDS)


def warn(request):
    if request is None:
        return  # A command: its log says it.
    max_age = getattr(settings, "PAGE_CACHE_CDN_MAX_AGE", 3600)
    minutes = max(1, math.ceil(max_age / 60))
    # In the editor's language: Wagtail's admin views switch to it, and have returned by now.
    with translation.override(admin_language(request)):
        message = ngettext(
            "Visitors may still see the previous version of the changed pages for up to "
            "%(minutes)s minute: the CDN that serves the site has not confirmed that it "
            "dropped it.",
            "Visitors may still see the previous version of the changed pages for up to "
            "%(minutes)s minutes: the CDN that serves the site has not confirmed that it "
            "dropped it.",
            minutes,
        ) % {"minutes": minutes}
    messages.warning(request, message, fail_silently=True)


def admin_language(request):
    """The language chosen in the editor's Wagtail profile, else the request's."""
    profile = getattr(getattr(request, "user", None), "wagtail_userprofile", None)
    if profile is not None:
        return profile.get_preferred_language()
    return translation.get_language()


class PurgeFailed(Exception):
    pass


@task()
def purge_addresses(urls):
    """Wagtail's purge of `urls`, failing when a backend logged an error while purging."""
    with errors_logged() as errors:
        purge_urls_from_cache_task.call(urls)
    if errors:
        raise PurgeFailed("; ".join(errors[:5]))


class ThreadErrors(logging.Handler):
    """The errors logged by one thread, whichever logger they come from."""

    def __init__(self):
        super().__init__(logging.ERROR)
        self.thread = threading.get_ident()
        self.messages = []

    def emit(self, record):
        if record.thread == self.thread:
            self.messages.append(record.getMessage())


@contextmanager
def errors_logged():
    handler = ThreadErrors()
    root = logging.getLogger()
    root.addHandler(handler)
    try:
        yield handler.messages
    finally:
        root.removeHandler(handler)


# Which addresses


def addresses_to_purge(changes):
    batch = PurgeBatch()
    batch.add_urls(changes.addresses)
    pages = changed_pages(changes.pages)
    batch.add_pages(pages)
    if changes.everything or any_in_main_menu(pages):
        batch.add_pages(Page.objects.live().specific())
        batch.add_urls(site_addresses(every_page=True))
    else:
        batch.add_pages(pages_showing(pages))
        batch.add_urls(site_addresses(every_page=False))
    return batch.urls


def page_addresses(pages):
    """The addresses of `pages` as they are now: for pages about to move or be deleted."""
    batch = PurgeBatch()
    batch.add_pages(pages)
    return batch.urls


def changed_pages(pages):
    """The pages as committed (live or not), each once."""
    ids = {page.pk for page in pages if page.pk}
    return list(Page.objects.filter(pk__in=ids).specific()) if ids else []


def any_in_main_menu(pages):
    """Whether one of `pages` is in the main menu: shown in menus, under a home page (the root
    of a site, or its translation)."""
    parent_paths = {page.path[: -Page.steplen] for page in pages if page.show_in_menus}
    if not parent_paths:
        return False
    home_keys = Site.objects.values("root_page__translation_key")
    homes = Page.objects.filter(translation_key__in=home_keys, path__in=parent_paths)
    return homes.exists()


def pages_showing(pages):
    """The live pages that show something of `pages`, other than themselves."""
    if not pages:
        return []
    showing = Q(translation_key__in={page.translation_key for page in pages})
    showing |= Q(pk__in=referencing_page_ids(pages))
    for page in pages:
        showing |= Q(path__in=ancestor_paths(page))
        showing |= Q(path__startswith=page.path, depth__gt=page.depth)
    found = Page.objects.live().filter(showing).exclude(depth=1)
    return found.exclude(pk__in=[page.pk for page in pages]).specific()


def ancestor_paths(page):
    return [page.path[:end] for end in range(Page.steplen, len(page.path), Page.steplen)]


def referencing_page_ids(pages):
    page_type = ContentType.objects.get_for_model(Page)
    references = ReferenceIndex.get_references_to_in_bulk(pages).filter(base_content_type=page_type)
    return {int(object_id) for object_id in references.values_list("object_id", flat=True)}


def site_addresses(every_page):
    """Addresses that are not pages: the sitemap lists every page; robots.txt and the search
    pages only change with the rest of the site."""
    paths = named_paths(["sitemap", "robots_txt"] if every_page else ["sitemap"])
    if every_page:
        for code, _name in settings.LANGUAGES:
            with translation.override(code):
                paths += named_paths(["search"])
    return {site.root_url + path for site in Site.objects.all() for path in paths}


def named_paths(names):
    paths = []
    for name in names:
        try:
            paths.append(reverse(name))
        except NoReverseMatch:
            continue  # Not in this project's addresses.
    return paths
