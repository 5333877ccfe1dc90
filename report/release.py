"""The annual report as one release: the report, its messages and projects, and their complete
translations go live (or are scheduled) together when the Direction approves the report.

Wagtail publishes a page when its workflow is approved (`WAGTAIL_FINISH_WORKFLOW_ACTION`); the
settings point it at `report.workflow.finish_workflow`, which calls `finish_workflow` here, inside
the approval's transaction: if anything fails, the approval and every publication of the
release are rolled back together.

- An approved report: its latest revision is published, or scheduled for its go-live date
  (Wagtail's `Revision.publish` and `approved_go_live_at`). Each page under it with changes to
  publish follows with its latest draft, given the report's go-live and expiry dates; its own
  pending approval is approved by the same approver (or, when they cannot approve it,
  cancelled by the publication, as Wagtail does). A page on which changes were requested is
  left out.
- The translation of each of these pages that wagtail-localize synchronises is updated from the
  new revision and published or scheduled with it, so that both languages show the same
  figures, dates, structure and images: a string not translated yet shows in French (marked
  `lang="fr"` for visitors, cms/fallback_language.py) until it is. The approver sees beforehand
  how many strings that is, on which pages (the release panel). A translation made by hand,
  which wagtail-localize does not synchronise, is left as it is.
- A message or project approved alone waits for its report: published at once under a live
  report, scheduled with a scheduled report, otherwise kept as an approved draft that the
  report's release publishes.
"""

import logging
from dataclasses import dataclass, field

from django.apps import apps
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import Panel
from wagtail.models import Locale, Page, TaskState, WorkflowState
from wagtail.workflows import publish_workflow_state
from wagtail_localize.models import StringTranslation, Translation

from cms import publishing
from editorial.localization import update_translation_source
from editorial.translation_status import missing_translation_counts, string_segments

logger = logging.getLogger(__name__)

APPROVED_WITH_THE_REPORT = _("Approved with the annual report.")

# What the release does with a page.
PUBLISH = "publish"
UNCHANGED = "unchanged"
LEFT_OUT = "left_out"

ACTION_LABELS = {
    PUBLISH: _("Published on approval"),
    UNCHANGED: _("No change to publish"),
    LEFT_OUT: _("Left out: changes were requested"),
}

# Where a page's translation stands.
COMPLETE = "complete"
INCOMPLETE = "incomplete"
ALIAS = "alias"
MANUAL = "manual"
MISSING = "missing"

TRANSLATION_LABELS = {
    COMPLETE: _("Translated: published with the report"),
    INCOMPLETE: _("Partly translated: published with the report, the rest in French"),
    ALIAS: _("Not translated: shows the French text"),
    MANUAL: _("Translated by hand: not published by the release"),
    MISSING: _("No page in this language"),
}


def report_model():
    # Imported when needed: report.models shows the release panel of this module.
    return apps.get_model("report", "ReportYearPage")


def is_report(page):
    return isinstance(page, report_model())


def report_of(page):
    """The report a message or project belongs to, or None for any other page."""
    if is_report(page):
        return None
    parent = Page.objects.parent_of(page).first() if page.pk else None
    parent = parent.specific if parent is not None else None
    return parent if is_report(parent) else None


# What the release contains


@dataclass
class TranslationState:
    locale: Locale
    kind: str
    page: Page | None = None
    missing: int = 0

    @property
    def label(self):
        return TRANSLATION_LABELS[self.kind]


def strings_shown_in_french(items):
    """[(page, locale, count)] of the translated pages that will show strings in the source
    language after the release: what the approver accepts by approving now."""
    return [
        (item.page, state.locale, state.missing)
        for item in items
        if item.action != LEFT_OUT
        for state in item.translations
        if state.kind == INCOMPLETE
    ]


@dataclass
class ReleaseItem:
    page: Page
    action: str
    state: str
    translations: list = field(default_factory=list)

    @property
    def action_label(self):
        return ACTION_LABELS[self.action]


def child_pages(report):
    """The messages and projects under `report`, in the order of the page tree."""
    return list(Page.objects.child_of(report).specific().order_by("path"))


def changes_requested(page):
    state = page.current_workflow_state
    return state is not None and state.status == WorkflowState.STATUS_NEEDS_CHANGES


def has_changes_to_publish(page):
    return not page.live or page.has_unpublished_changes


def release_action(page):
    if changes_requested(page):
        return LEFT_OUT
    return PUBLISH if has_changes_to_publish(page) else UNCHANGED


def page_state(page):
    """Where a page stands, as the approver reads it."""
    state = page.current_workflow_state
    if state is not None and state.status == WorkflowState.STATUS_NEEDS_CHANGES:
        return _("Changes requested")
    if state is not None:
        return _("Awaiting approval")
    if page.approved_schedule:
        return _("Scheduled")
    if page.live and page.has_unpublished_changes:
        return _("Published, with changes not yet published")
    if page.live:
        return _("Published")
    return _("Draft, never published")


def synchronised_translation(instance, locale):
    return Translation.objects.filter(
        source__object_id=instance.translation_key,
        source__locale_id=instance.locale_id,
        target_locale=locale,
        enabled=True,
    ).first()


def is_synchronised(instance, target, locale):
    """Whether wagtail-localize keeps `target` (the translation into `locale` of `instance`, a
    page as edited) in step with it: the translations that the release publishes."""
    return (
        target is not None
        and not target.alias_of_id
        and synchronised_translation(instance, locale) is not None
    )


def translation_kind(target, synchronised, missing):
    if target is None:
        return MISSING
    if target.alias_of_id:
        return ALIAS
    if not synchronised:
        return MANUAL
    return INCOMPLETE if missing else COMPLETE


def translation_states(drafts, locales):
    """{(translation key, locale id): TranslationState} of the translations into `locales` of
    `drafts` (pages as edited), in three queries however many pages."""
    keys = [draft.translation_key for draft in drafts]
    locale_ids = [locale.pk for locale in locales]
    source_locale_ids = {draft.locale_id for draft in drafts}
    targets = {
        (page.translation_key, page.locale_id): page
        for page in Page.objects.filter(translation_key__in=keys, locale_id__in=locale_ids)
    }
    synchronised = set(
        Translation.objects.filter(
            source__object_id__in=keys,
            source__locale_id__in=source_locale_ids,
            target_locale_id__in=locale_ids,
            enabled=True,
        ).values_list("source__object_id", "target_locale_id")
    )
    counted = [
        draft
        for draft in drafts
        if any((draft.translation_key, pk) in synchronised for pk in locale_ids)
    ]
    missing = {}
    for source_locale_id in source_locale_ids:
        strings = {
            draft.translation_key: string_segments(draft)
            for draft in counted
            if draft.locale_id == source_locale_id
        }
        missing.update(missing_translation_counts(strings, source_locale_id, locale_ids))
    states = {}
    for draft in drafts:
        for locale in locales:
            key = (draft.translation_key, locale.pk)
            target = targets.get(key)
            is_synced = key in synchronised
            count = missing.get(draft.translation_key, {}).get(locale.pk, 0) if is_synced else 0
            kind = translation_kind(target, is_synced, count)
            states[key] = TranslationState(
                locale, kind, target, count if kind in (COMPLETE, INCOMPLETE) else 0
            )
    return states


def other_locales(page):
    return list(Locale.objects.exclude(pk=page.locale_id).order_by("language_code"))


def release_pages(report):
    """The report and the pages under it, in the order of the page tree, read with what the
    release panel asks of each (its latest revision, its workflow state, whether it is
    scheduled) through Wagtail's listing optimisations: the queries do not grow with the pages."""
    pages = Page.objects.filter(pk=report.pk) | Page.objects.child_of(report)
    return list(
        pages.specific()
        .select_related("latest_revision", for_specific_subqueries=True)
        .prefetch_workflow_states()
        .annotate_approved_schedule()
        .order_by("path")
    )


def latest_draft(page):
    """`page.get_latest_revision_as_object()`, from the latest revision read with the page.

    Wagtail's own (Wagtail 8.0.1: `DraftStateMixin.get_latest_revision_as_object` and
    `Revision.as_object`) reads the revision's object again; this one gives the same page
    (tests/report/test_admin_query_budget.py checks it)."""
    if not page.has_unpublished_changes or page.latest_revision is None:
        return page
    return page.with_content_json(page.latest_revision.content)


def release_contents(report):
    """The report and each page under it: what the release does with it and its translations."""
    locales = other_locales(report)
    pages = release_pages(report)
    drafts = [latest_draft(page) for page in pages]
    states = translation_states(drafts, locales)
    return [
        ReleaseItem(
            page=page,
            action=release_action(page),
            state=page_state(page),
            translations=[states[(draft.translation_key, locale.pk)] for locale in locales],
        )
        for page, draft in zip(pages, drafts, strict=True)
    ]


# Publishing


def finish_workflow(workflow_state, user=None):
    """What an approved workflow publishes: a report with its release, a message or project
    with its report, any other page as Wagtail does, any other object as Wagtail does.

    The approval is what lets these pages through the publishing gate (cms/publishing.py),
    for an approver whose groups may publish them."""
    instance = workflow_state.content_object
    page = instance.specific if isinstance(instance, Page) else None
    if page is None:
        publish_workflow_state(workflow_state, user=user)
        return
    check_approver_may_publish(page, user)
    with publishing.publication_let_through():
        if is_report(page):
            publish_release(page, user)
        elif (report := report_of(page)) is not None:
            publish_with_report(page, report, user)
        else:
            publish_approved(page.get_latest_revision(), user)


def approver_may_publish(page, user):
    return user is None or publishing.may_publish_on_approval(user, page)


def check_approver_may_publish(page, user):
    """Wagtail refuses an approval whose approver may not publish the page: so does the
    release."""
    if not approver_may_publish(page, user):
        raise publishing.PublicationRefused(page)


def publish_approved(revision, user):
    """Publish a revision the workflow approved: the gate's check is the approval's."""
    return revision.publish(user=user, skip_permission_checks=True)


def schedule_of(revision):
    """(go-live date, expiry date) of a revision."""
    instance = revision.as_object()
    return instance.go_live_at, instance.expire_at


def with_schedule(page, schedule, user):
    """The latest revision of `page`, given the dates of `schedule` (in a new revision if
    they differ), so that publishing it schedules it for the same time as its report."""
    # A page made outside the admin (a script, a copy) may have no revision yet.
    revision = page.get_latest_revision() or page.save_revision(
        user=user, changed=False, clean=False
    )
    draft = revision.as_object()
    if (draft.go_live_at, draft.expire_at) == schedule:
        return revision
    draft.go_live_at, draft.expire_at = schedule
    return draft.save_revision(user=user, changed=False, clean=False)


def report_schedule(report):
    """The dates the report's pages follow: those of its scheduled revision, else of its live
    one; None when the report is neither live nor scheduled."""
    revision = report.scheduled_revision or (report.live_revision if report.live else None)
    return schedule_of(revision) if revision is not None else None


def publish_with_report(page, report, user):
    """A message or project approved alone: published (or scheduled) with its report, or kept
    as an approved draft until the report's release if the report is not published yet."""
    schedule = report_schedule(report)
    if schedule is None:
        logger.info("Approved %r: waits for its report %r to be published", page, report)
        return
    publish_approved(with_schedule(page, schedule, user), user)


def approvable_task_state(page, user):
    """The page's task waiting for an approval that `user` may give, or None."""
    state = page.current_workflow_state
    if state is None or state.status != WorkflowState.STATUS_IN_PROGRESS:
        return None
    task_state = state.current_task_state
    if task_state is None or task_state.status != TaskState.STATUS_IN_PROGRESS:
        return None
    actions = task_state.task.specific.get_actions(page, user)
    return task_state.specific if "approve" in [action[0] for action in actions] else None


def publish_child(page, schedule, user):
    """A message or project in its report's release: its latest draft with the report's dates,
    if the approver may publish it. Each step of its own workflow that the approver may approve
    is approved (the last one publishes it, through `finish_workflow`); a step left for someone
    else is ended by the publication, as Wagtail does when a page is published."""
    if not approver_may_publish(page, user):
        logger.info("Not published: %r is not %s's to publish", page, user)
        return False
    revision = with_schedule(page, schedule, user)
    while (task_state := approvable_task_state(page, user)) is not None:
        task_state.approve(user=user, comment=str(APPROVED_WITH_THE_REPORT))
        page = type(page).objects.get(pk=page.pk)
    if page.workflow_in_progress or has_changes_to_publish(page):
        publish_approved(revision, user)
    return True


@transaction.atomic
def publish_release(report, user=None):
    """Publish (or schedule) the report, the pages under it and their complete translations."""
    revision = report.get_latest_revision()
    schedule = schedule_of(revision)
    publish_approved(revision, user)
    released = [revision.as_object()]
    for child in child_pages(report):
        action = release_action(child)
        if action == PUBLISH and not publish_child(child, schedule, user):
            continue
        if action != LEFT_OUT:
            released.append(child.get_latest_revision_as_object())
    for locale in other_locales(report):
        publish_translations(released, locale, schedule, user)


def publish_translations(released, locale, schedule, user):
    """The complete translations into `locale` of the released pages (the report first): the
    pages under the report only if the report's translation is published or scheduled."""
    report, *children = released
    if not publish_translation(report, locale, schedule, user):
        return
    for child in children:
        publish_translation(child, locale, schedule, user)


def publish_translation(instance, locale, schedule, user):
    """Update the translation of `instance` (the released revision) from it and publish it,
    if it is complete. Returns whether the translation is now published or scheduled."""
    target = instance.get_translation_or_none(locale)
    # Complete or not, a synchronised translation is published: no need to count its strings.
    if not is_synchronised(instance, target, locale):
        return is_published_or_scheduled(target)
    target = target.specific
    if not approver_may_publish(target, user):
        return is_published_or_scheduled(target)
    source, changed = update_translation_source(instance)
    if not changed and not translation_changed(target, instance):
        return True
    source.create_or_update_translation(locale, user=user, publish=False, fallback=True)
    target = type(target).objects.get(pk=target.pk)
    revision = with_schedule(target, schedule, user)
    if target.live and not goes_live_now(schedule):
        # wagtail-localize wrote the new text on the live page: visitors keep the live one
        # until the scheduled date.
        target.live_revision.as_object().save(clean=False)
    publish_approved(revision, user)
    return True


def translation_changed(target, instance):
    """Whether the translated page has something new to publish: a draft, or strings translated
    since it was last published."""
    if has_changes_to_publish(target):
        return True
    return StringTranslation.objects.filter(
        locale_id=target.locale_id,
        context__object_id=instance.translation_key,
        updated_at__gt=target.last_published_at,
    ).exists()


def goes_live_now(schedule):
    go_live_at = schedule[0]
    return go_live_at is None or go_live_at <= timezone.now()


def is_published_or_scheduled(page):
    return page is not None and (page.live or page.scheduled_revision is not None)


# Previews of the whole draft report


def preview_child_pages(report, model):
    """The latest drafts of the pages of type `model` under `report`, live or not, in the order
    of the page tree: what the report's preview shows (never visitors)."""
    if not report.pk:
        return []
    pages = model.objects.child_of(report).order_by("path")
    return [page.get_latest_revision_as_object() for page in pages]


class ReleasePanel(Panel):
    """What approving the report publishes: the report, each page under it and their
    translations, with their states (a read-only panel of the report's editor)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("heading", _("Publication of the report"))
        super().__init__(**kwargs)

    class BoundPanel(Panel.BoundPanel):
        template_name = "report/admin/release_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            page = self.instance
            items = release_contents(page) if page.pk else []
            context["items"] = items
            in_french = strings_shown_in_french(items)
            context["in_french"] = in_french
            context["in_french_total"] = sum(count for _page, _locale, count in in_french)
            context["in_french_locales"] = list(
                {locale.pk: locale for _page, locale, _count in in_french}.values()
            )
            return context


def preview_report_child_pages(report, page_types):
    """{"messages": [...], "projects": [...]} (`page_types`: key → "app.Model"), with the latest
    draft of every page under the report: the print layout of the report's preview."""
    return {
        key: preview_child_pages(report, apps.get_model(label)) for key, label in page_types.items()
    }
