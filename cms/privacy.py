"""A page's privacy is the privacy of all its translations.

Wagtail keeps a view restriction on the one page it was set on, and every check of the site
reads that page and its ancestors only (serving, the report's PDF and CSV, `cms.visibility.public()`
under the API, search and sitemap): a French report made private left its English translation,
the same content, public. Here a restriction set, changed or removed on any page is copied onto
the other pages of its translation group (same `translation_key`, other locales, aliases
included) as a `PageViewRestriction` of their own, which every existing check already reads.

Copies are written with Wagtail's own `save()` and `delete()`, so that each page's history says
who made it private and the page cache (web/caching.py) hears of the change; only what differs
is written. Writing a copy sends the same signals as the original: while copies are written,
those are not copied again (`_copying`), or a copy of a copy would loop.

wagtail-localize's `TranslationSource.sync_view_restrictions` goes one way, from the source to
one translation, and only when a translation is saved; the copies here keep its model (one
restriction per page, same type, password and groups), so it finds them equal and writes
nothing.

A translation created later starts with its source's restriction: Wagtail copies it to a new
translation or alias only when the new page's section is public, and the page would lose it the
day that section opens.
"""

import contextlib
from contextvars import ContextVar

from django.db import transaction
from django.db.models import QuerySet
from django.db.models.signals import m2m_changed, post_delete, post_save
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import copy_for_translation_done

_copying = ContextVar("copying_view_restrictions", default=False)


@contextlib.contextmanager
def copying():
    """All copies or none; their own signals are not copied again meanwhile."""
    token = _copying.set(True)
    try:
        with transaction.atomic():
            yield
    finally:
        _copying.reset(token)


def translations_of(page_id):
    """The other pages of the page's translation group, with their restrictions, in 3 queries."""
    same_key = Page.objects.filter(pk=page_id).values("translation_key")
    return (
        Page.objects.filter(translation_key__in=same_key)
        .exclude(pk=page_id)
        .prefetch_related("view_restrictions__groups")
    )


def copy_onto(pages, restriction, groups=None):
    """Give each page the restriction's type and password, and `groups` unless None."""
    with copying():
        for page in pages:
            for copy in list(page.view_restrictions.all()) or [PageViewRestriction(page=page)]:
                make_equal(copy, restriction, groups)


def make_equal(copy, restriction, groups):
    is_new = copy.pk is None
    wanted = {"restriction_type": restriction.restriction_type, "password": restriction.password}
    if is_new or any(getattr(copy, name) != value for name, value in wanted.items()):
        for name, value in wanted.items():
            setattr(copy, name, value)
        copy.save()
    current = set() if is_new else set(copy.groups.all())
    if groups is not None and current != set(groups):
        copy.groups.set(groups)


def remove_from(pages):
    with copying():
        for page in pages:
            for copy in page.view_restrictions.all():
                copy.delete()


def removed_on_its_own(origin):
    """Not deleted with its page: deleting a translation leaves the others private."""
    model = origin.model if isinstance(origin, QuerySet) else type(origin)
    return issubclass(model, PageViewRestriction)


def restriction_saved(sender, instance, created, raw=False, **kwargs):
    if raw or _copying.get():
        return
    # Wagtail's dialog and its copies add a new restriction's groups after saving it: the
    # groups follow with `groups_changed`, not from a new restriction that has none yet.
    groups = None if created else list(instance.groups.all())
    copy_onto(translations_of(instance.page_id), instance, groups)


def groups_changed(sender, instance, action, reverse, **kwargs):
    if reverse or _copying.get() or action not in {"post_add", "post_remove", "post_clear"}:
        return
    copy_onto(translations_of(instance.page_id), instance, list(instance.groups.all()))


def restriction_deleted(sender, instance, origin=None, **kwargs):
    if _copying.get() or not removed_on_its_own(origin):
        return
    translations = translations_of(instance.page_id)
    remaining = PageViewRestriction.objects.filter(page_id=instance.page_id).first()
    if remaining is None:
        remove_from(translations)
    else:
        copy_onto(translations, remaining, list(remaining.groups.all()))


def start_with_source_restriction(sender, source_obj, target_obj, **kwargs):
    """A new translation or alias (wagtail-localize's "Translate", `copy_for_translation`)."""
    if not isinstance(target_obj, Page) or target_obj.pk is None:
        return
    restriction = PageViewRestriction.objects.filter(page_id=source_obj.pk).first()
    if restriction is not None:
        target = Page.objects.filter(pk=target_obj.pk).prefetch_related("view_restrictions__groups")
        copy_onto(target, restriction, list(restriction.groups.all()))


def connect():
    post_save.connect(
        restriction_saved, sender=PageViewRestriction, dispatch_uid="privacy_follows_save"
    )
    post_delete.connect(
        restriction_deleted, sender=PageViewRestriction, dispatch_uid="privacy_follows_delete"
    )
    m2m_changed.connect(
        groups_changed,
        sender=PageViewRestriction.groups.through,
        dispatch_uid="privacy_follows_groups",
    )
    copy_for_translation_done.connect(
        start_with_source_restriction, dispatch_uid="privacy_follows_new_translation"
    )
