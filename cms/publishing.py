"""One gate for publishing: who may put a page live, decided in one place, whatever the path.

The decision is the page permission tester's (`GatedPagePermissionTester`, which every page of
the site returns from `permissions_for_user`). A page governed by an approval workflow goes live
only when its workflow is approved: `can_publish` and `can_publish_subpage` refuse direct
publication of such a page to anyone but a superuser (who configures workflows and repairs).
`can_publish_on_approval` is the right the groups give (Wagtail's own `can_publish`): what the
approver needs for a page their approval releases.

Wagtail asks the tester before its own publications: the edit and create forms (it hides their
Publish button), bulk actions, copies and aliases, the admin API's actions, scheduling and
reverting (through the edit form), and wagtail-localize's translation editor.

Translated text goes live without an approval of its own, and only text: the approved release
already put the figures live in both languages, its untranslated strings in French;
`publish_translated_text` rebuilds a translation from the source page's live content with the
strings translated since (`can_publish_translated_text`: the page's translators may).

Some code makes a page live without asking it: wagtail-localize's "Update translations" with
"Publish", its "Convert to alias" (which copies the source's live state), and whatever package
comes next. For them the page enforces the same decision itself (`check_save`, called by the
page's `save`, and `checked_publication`, around its `publish`): during a request (the
`ActingUserMiddleware` records whose request it is), a save that puts a page live, or changes
what visitors read of a live page, is refused with `PublicationRefused` unless the tester lets
that user publish, or the save is part of a publication already let through (an approval, the
report's release, a publication Wagtail checked). Django answers the refusal with a 403; the
views concerned write in a transaction, so nothing is saved.
"""

import json
from contextlib import contextmanager
from contextvars import ContextVar

from django.core.serializers.json import DjangoJSONEncoder
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from wagtail.fields import StreamField
from wagtail.models import COMMENTS_RELATION_NAME, Page, PagePermissionTester

_acting_request = ContextVar("acting_request", default=None)
_publication_in_progress = ContextVar("publication_in_progress", default=False)

# What a page records about itself rather than what visitors read of it: saving these alone
# (a draft's revision, a lock, a move, the publication dates) puts nothing new live.
BOOKKEEPING_FIELDS = {
    COMMENTS_RELATION_NAME,
    "id",
    "page_ptr",
    "path",
    "depth",
    "numchild",
    "url_path",
    "live",
    "has_unpublished_changes",
    "first_published_at",
    "last_published_at",
    "live_revision",
    "latest_revision",
    "latest_revision_created_at",
    "draft_title",
    "locked",
    "locked_at",
    "locked_by",
    "owner",
    "content_type",
    "locale",
    "translation_key",
    "alias_of",
    "go_live_at",
    "expire_at",
    "expired",
}


class PublicationRefused(Exception):
    """A page would have gone live without the approval its workflow asks for.

    Not a PermissionDenied: Wagtail's admin turns those into a redirection to the dashboard
    with a generic message; `ActingUserMiddleware` answers this one with a 403 that says why,
    after the view's transaction has rolled back."""

    def __init__(self, page):
        self.page = page
        super().__init__(
            _(
                "“%(title)s” goes live only when its approval workflow is approved: submit it "
                "for approval. Nothing was published."
            )
            % {"title": page.get_admin_display_title()}
        )


def governing_workflow(page):
    """The active workflow of `page`, or of its page in another language: a translation is
    governed by the workflow of the page it translates."""
    workflow = page.get_workflow()
    if workflow is not None or not page.pk:
        return workflow
    for translation in Page.objects.filter(translation_key=page.translation_key).exclude(
        pk=page.pk
    ):
        workflow = translation.get_workflow()
        if workflow is not None:
            return workflow
    return None


class GatedPagePermissionTester(PagePermissionTester):
    """Wagtail's tester, with no direct publication of a page under an approval workflow."""

    @property
    def under_workflow(self):
        if "_under_workflow" not in self.__dict__:
            self._under_workflow = governing_workflow(self.page) is not None
        return self._under_workflow

    def publishes_directly(self):
        return self.user.is_superuser or not self.under_workflow

    def can_publish(self):
        return super().can_publish() and self.publishes_directly()

    def can_publish_subpage(self):
        # Pages added under a governed page are governed by the same workflow.
        return super().can_publish_subpage() and self.publishes_directly()

    # Wagtail lets those who may publish set privacy and cancel a scheduled publication: neither
    # puts anything live, so they keep the right their groups give.
    def can_set_view_restrictions(self):
        return self.can_publish_on_approval()

    def can_unschedule(self):
        return self.can_publish_on_approval()

    def can_publish_translated_text(self):
        """Whether this user may put live the translated text of this (translated) page, its
        figures unchanged: its translators may (see `publish_translated_text`)."""
        return self.can_edit() and self.user.has_perm("wagtail_localize.submit_translation")

    def can_publish_on_approval(self):
        """Whether this user's approval may put the page live (the right their groups give)."""
        return super().can_publish()

    def can_publish_subpage_on_approval(self):
        return super().can_publish_subpage()


def may_publish(user, page):
    return page.permissions_for_user(user).can_publish()


def may_publish_on_approval(user, page):
    tester = page.permissions_for_user(user)
    if isinstance(tester, GatedPagePermissionTester):
        return tester.can_publish_on_approval()
    return tester.can_publish()


def publishing_needs_approval(user, page):
    """Whether `user` may publish `page` as far as their groups go, but only through approval."""
    tester = page.permissions_for_user(user)
    return not tester.can_publish() and may_publish_on_approval(user, page)


def publishing_subpages_needs_approval(user, parent):
    tester = parent.permissions_for_user(user)
    if not isinstance(tester, GatedPagePermissionTester):
        return False
    return not tester.can_publish_subpage() and tester.can_publish_subpage_on_approval()


# Translated text


class TextNotApproved(Exception):
    """The source page's content differs from what is live: its next approval publishes it."""


def publish_translated_text(source, locale, user):
    """Publish the translation into `locale` of `source` (a wagtail-localize TranslationSource)
    with the strings translated so far, the rest in the source language.

    The one publication of a governed page that needs no approval of its own: the page is
    rebuilt from the source content, which must be the source page's live content (approved:
    same figures, dates, structure as live), so that only text changes. Raises TextNotApproved
    when the source holds content not live yet (a draft synchronised, a scheduled release), and
    PublicationRefused when `user` may not publish that translation's text."""
    source_page = source.get_source_instance()
    target = source.get_translated_instance(locale)
    if not source_page.live or changes_what_visitors_read(source_page, source.as_instance()):
        raise TextNotApproved(source_page)
    tester = target.permissions_for_user(user)
    allowed = (
        tester.can_publish_translated_text()
        if isinstance(tester, GatedPagePermissionTester)
        else tester.can_publish()
    )
    if not allowed:
        raise PublicationRefused(target)
    with publication_let_through():
        source.create_or_update_translation(locale, user=user, publish=False, fallback=True)
        target = type(target).objects.get(pk=target.pk)
        revision = target.get_latest_revision()
        revision.publish(user=user, skip_permission_checks=True)
    return target


def refusal_response(request, page, creating=False):
    """The 403 of a refused publication, saying how the page goes live (the editor's browser
    still holds the form: nothing was saved)."""
    return TemplateResponse(
        request,
        "cms/admin/publication_refused.html",
        {
            "page": page,
            "header_title": _("Publishing needs approval"),
            "page_title": _("Publishing needs approval"),
            "header_icon": "warning",
            "workflow": governing_workflow(page),
            "creating": creating,
        },
        status=403,
    )


# Whose request it is


class ActingUserMiddleware:
    """Records the request being served, so that a page saved during it knows who saves it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _acting_request.set(request)
        try:
            return self.get_response(request)
        finally:
            _acting_request.reset(token)

    def process_exception(self, request, exception):
        if isinstance(exception, PublicationRefused):
            return refusal_response(request, exception.page).render()
        return None


def acting_request():
    """The request being served, or None (a command, a task)."""
    return _acting_request.get()


def acting_user():
    request = _acting_request.get()
    user = getattr(request, "user", None)
    return user if user is not None and user.is_authenticated else None


# The page's own checks


@contextmanager
def publication_let_through():
    """Every save inside is part of a publication the gate let through (an approval's, or one
    whose publisher it checked): the page, its aliases, its search index."""
    token = _publication_in_progress.set(True)
    try:
        yield
    finally:
        _publication_in_progress.reset(token)


@contextmanager
def checked_publication(page, user, skip_permission_checks):
    """Around `Page.publish`: Wagtail asks the tester when it is told who publishes; code that
    does not say (wagtail-localize publishes on commit, with no user) is checked for the user
    whose request it is."""
    publisher = acting_user() if user is None else None
    if not skip_permission_checks and publisher is not None and not may_publish(publisher, page):
        raise PublicationRefused(page)
    with publication_let_through():
        yield


def check_save(page, update_fields=None):
    """Before a page is saved during a request: refuse a save that puts it live or changes what
    visitors read of it, unless its user may publish it."""
    if _publication_in_progress.get():
        return
    user = acting_user()
    if user is None or user.is_superuser or not page.live:
        return
    if update_fields is not None and set(update_fields) <= BOOKKEEPING_FIELDS:
        return
    stored = type(page).objects.filter(pk=page.pk).first() if page.pk else None
    if stored is not None and stored.live and not changes_what_visitors_read(stored, page):
        return
    if stored is None:
        allowed = page.get_parent().permissions_for_user(user).can_publish_subpage()
    else:
        allowed = may_publish(user, page)
    if not allowed:
        raise PublicationRefused(page)


def changes_what_visitors_read(stored, page):
    return any(
        comparable_value(field, stored) != comparable_value(field, page)
        for field in page._meta.concrete_fields
        if field.name not in BOOKKEEPING_FIELDS
    )


def comparable_value(field, instance):
    """A field's value as Python data. A StreamField's blocks as JSON data: read from the
    database they are raw (PostgreSQL's jsonb keeps its own key order, a decimal is a string),
    edited they are Python values (a Decimal)."""
    value = field.value_from_object(instance)
    if isinstance(field, StreamField):
        data = field.stream_block.get_prep_value(value)
        return json.loads(json.dumps(data, cls=DjangoJSONEncoder))
    return value
