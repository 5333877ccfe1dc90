"""Where each page's translation stands: up to date, out of date since a French change, or missing.

For every page of the source (default) locale and every other locale:

- "not translated": no page in that locale, or only an alias (a copy that follows the source)
  or a page that is not published;
- "up to date": the translated page is a wagtail-localize translation whose source was last
  synchronised after the source page's latest revision;
- "out of date": the source page has a newer revision than the last synchronisation; the
  strings added, changed or removed since then are computed by extracting the segments of that
  revision and comparing them with the segments wagtail-localize stored for the translation
  source;
- "manual": the translated page exists but is not (or no longer) synchronised by
  wagtail-localize: it is edited by hand and nothing here can tell whether it is current.

The queries are bulk queries whatever the number of pages; only an out-of-date page costs a
query of its own, to read its latest revision's content.

Pages are grouped: each page of a type that sets `heads_translation_group = True` (an annual
report: `report` declares it, `editorial` names no page type) with the pages under it, then the
other pages.
"""

from dataclasses import dataclass, field
from datetime import datetime

from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale, Page, Revision, get_page_models
from wagtail_localize.models import StringSegment, Translation, TranslationSource
from wagtail_localize.segments import StringSegmentValue
from wagtail_localize.segments.extract import extract_segments
from wagtail_localize.strings import StringValue

UP_TO_DATE = "up_to_date"
OUT_OF_DATE = "out_of_date"
NOT_TRANSLATED = "not_translated"
MANUAL = "manual"

STATUS_LABELS = {
    UP_TO_DATE: _("Translated and up to date"),
    OUT_OF_DATE: _("Out of date since a change in French"),
    NOT_TRANSLATED: _("Not translated"),
    MANUAL: _("Translated by hand, not synchronised"),
}

ADDED = "added"
CHANGED = "changed"
REMOVED = "removed"

CHANGE_LABELS = {
    ADDED: _("Added"),
    CHANGED: _("Changed"),
    REMOVED: _("Removed"),
}


@dataclass
class StringChange:
    kind: str
    path: str
    text: str
    previous_text: str = ""

    @property
    def label(self):
        return CHANGE_LABELS[self.kind]


@dataclass
class LocaleStatus:
    locale: Locale
    status: str
    translated_page: Page | None = None
    source_id: int | None = None
    changed_at: datetime | None = None
    changes: list = field(default_factory=list)
    draft_change: bool = False

    @property
    def label(self):
        return STATUS_LABELS[self.status]


@dataclass
class PageStatus:
    page: Page
    depth: int
    locales: list = field(default_factory=list)


@dataclass
class PageGroup:
    heading: Page | None
    pages: list = field(default_factory=list)


def string_changes(extracted, stored):
    """What changed between the stored strings of a source and the strings extracted now.

    Both are {path: text} (text as wagtail-localize stores it). Returns StringChanges in the
    order of the extracted strings, then the removed ones in the order of the stored strings.
    """
    changes = []
    for path, text in extracted.items():
        if path not in stored:
            changes.append(StringChange(ADDED, path, plain_text(text)))
        elif stored[path] != text:
            changes.append(StringChange(CHANGED, path, plain_text(text), plain_text(stored[path])))
    for path, text in stored.items():
        if path not in extracted:
            changes.append(StringChange(REMOVED, path, plain_text(text)))
    return changes


def plain_text(data):
    """A stored string (HTML with inline tags and entities) as text an editor reads."""
    try:
        return StringValue(data).render_text()
    except Exception:  # A string that is not valid HTML is shown as it is.
        return data


def extracted_strings(instance):
    """{path: text} of the translatable strings of `instance`, as wagtail-localize extracts them."""
    return {
        segment.path: segment.string.data
        for segment in extract_segments(instance)
        if isinstance(segment, StringSegmentValue)
    }


def stored_strings(source_ids):
    """{source id: {path: text}} of the strings stored for each translation source, in one query."""
    strings = {source_id: {} for source_id in source_ids}
    segments = (
        StringSegment.objects.filter(source_id__in=source_ids)
        .order_by("source_id", "order")
        .values_list("source_id", "context__path", "string__data")
    )
    for source_id, path, text in segments:
        strings[source_id][path] = text
    return strings


def group_page_types():
    return [
        model for model in get_page_models() if getattr(model, "heads_translation_group", False)
    ]


def target_locales(source_locale):
    return list(Locale.objects.exclude(pk=source_locale.pk).order_by("language_code"))


def translation_status(source_locale=None, locales=None):
    """The PageGroups of every page of `source_locale` (default: the default locale), each page
    with a LocaleStatus for each of `locales` (default: every other locale)."""
    source_locale = source_locale or Locale.get_default()
    locales = target_locales(source_locale) if locales is None else list(locales)
    pages = list(
        Page.objects.filter(locale=source_locale, depth__gt=1, alias_of__isnull=True)
        .order_by("path")
        .only(
            "id",
            "path",
            "depth",
            "title",
            "draft_title",
            "translation_key",
            "locale_id",
            "live",
            "has_unpublished_changes",
            "latest_revision_id",
            "content_type_id",
        )
    )
    keys = [page.translation_key for page in pages]

    translated = {
        (page.translation_key, page.locale_id): page
        for page in Page.objects.filter(translation_key__in=keys, locale__in=locales).only(
            "id", "title", "translation_key", "locale_id", "live", "alias_of_id"
        )
    }
    sources = {
        source.object_id: source
        for source in TranslationSource.objects.filter(
            object_id__in=keys, locale=source_locale
        ).only("id", "object_id", "last_updated_at")
    }
    translations = {
        (translation.source_id, translation.target_locale_id): translation
        for translation in Translation.objects.filter(
            source__in=sources.values(), target_locale__in=locales
        ).only("id", "source_id", "target_locale_id", "enabled")
    }
    revision_dates = dict(
        Revision.objects.filter(
            id__in=[page.latest_revision_id for page in pages if page.latest_revision_id]
        ).values_list("id", "created_at")
    )

    statuses = []
    stale = {}
    for page in pages:
        source = sources.get(page.translation_key)
        changed_at = revision_dates.get(page.latest_revision_id)
        page_status = PageStatus(page=page, depth=page.depth)
        for locale in locales:
            target = translated.get((page.translation_key, locale.pk))
            translation = source and translations.get((source.pk, locale.pk))
            if target is None or target.alias_of_id is not None or not target.live:
                status = LocaleStatus(locale, NOT_TRANSLATED, translated_page=target)
            elif translation is None or not translation.enabled:
                status = LocaleStatus(locale, MANUAL, translated_page=target)
            elif changed_at is not None and changed_at > source.last_updated_at:
                status = LocaleStatus(
                    locale,
                    OUT_OF_DATE,
                    translated_page=target,
                    changed_at=changed_at,
                    draft_change=page.has_unpublished_changes,
                )
                stale.setdefault(page.pk, []).append(status)
            else:
                status = LocaleStatus(locale, UP_TO_DATE, translated_page=target)
            status.source_id = source.pk if source else None
            page_status.locales.append(status)
        statuses.append(page_status)

    add_changes(pages, stale, sources)
    return group_pages(statuses)


def add_changes(pages, stale, sources):
    """Fill in the strings changed since the last synchronisation of each out-of-date page."""
    if not stale:
        return
    stale_pages = [page for page in pages if page.pk in stale]
    revisions = Revision.objects.in_bulk([page.latest_revision_id for page in stale_pages])
    stored = stored_strings([sources[page.translation_key].pk for page in stale_pages])
    for page in stale_pages:
        instance = revisions[page.latest_revision_id].as_object()
        changes = string_changes(
            extracted_strings(instance), stored[sources[page.translation_key].pk]
        )
        for status in stale[page.pk]:
            status.changes = changes


def group_pages(statuses):
    """Each page of a grouping type with the pages under it (in the type's order), then the rest."""
    group_types = group_page_types()
    heads = {}
    for model in group_types:
        ids = (
            model.objects.filter(id__in=[status.page.pk for status in statuses])
            .order_by(*(model._meta.ordering or ["path"]))
            .values_list("id", flat=True)
        )
        for position, page_id in enumerate(ids):
            heads[page_id] = (group_types.index(model), position)
    groups = {}
    others = PageGroup(heading=None)
    for status in statuses:
        head = next(
            (
                candidate
                for candidate in groups.values()
                if status.page.path.startswith(candidate.heading.page.path)
            ),
            None,
        )
        if status.page.pk in heads:
            groups[status.page.pk] = PageGroup(heading=status, pages=[status])
        elif head is not None:
            head.pages.append(status)
        else:
            others.pages.append(status)
    ordered = sorted(groups.items(), key=lambda item: heads[item[0]])
    result = [group for _page_id, group in ordered]
    if others.pages:
        result.append(others)
    return result
