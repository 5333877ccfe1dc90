"""Where each page's translation stands: up to date, incomplete, out of date since a French
change, or missing.

For every page of the source (default) locale and every other locale:

- "not translated": no page in that locale, or only an alias (a copy that follows the source)
  or a page that is not published;
- "up to date": the translated page is a wagtail-localize translation whose source was last
  synchronised after the source page's latest revision, and every string of that source has a
  usable translation;
- "incomplete": synchronised after the latest revision, but strings of the source have no
  usable translation yet (wagtail-localize's own count: a StringTranslation of that string, in
  that context and locale, without an error), typically just after "Update the translation";
- "out of date": the source page has a newer revision than the last synchronisation; the
  strings added, changed or removed since then are computed by extracting the segments of that
  revision and comparing them with the segments wagtail-localize stored for the translation
  source; the strings of that revision without a usable translation are counted too (they are
  what is left to translate once the translation is updated);
- "manual": the translated page exists but is not (or no longer) synchronised by
  wagtail-localize: it is edited by hand and nothing here can tell whether it is current.

The queries are bulk queries whatever the number of pages and locales: the untranslated strings
of every synchronised page are counted in one query (`untranslated_string_counts`), those of
every out-of-date page in another (`missing_translation_counts`), and the latest revisions of
the out-of-date pages are read in one more (with one per page type and foreign key that
wagtail-localize extracts, such as a message's author: `latest_revision_objects`).

Pages are grouped: each page of a type that sets `heads_translation_group = True` (an annual
report: `report` declares it, `editorial` names no page type) with the pages under it, then the
other pages.
"""

from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Count, ForeignKey, prefetch_related_objects
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.models import Locale, Page, Revision, get_page_models
from wagtail_localize.fields import get_translatable_fields
from wagtail_localize.models import (
    StringSegment,
    StringTranslation,
    Translation,
    TranslationSource,
)
from wagtail_localize.segments import StringSegmentValue
from wagtail_localize.segments.extract import extract_segments

from cms.fallback_language import has_usable_translation, plain_text

UP_TO_DATE = "up_to_date"
INCOMPLETE = "incomplete"
OUT_OF_DATE = "out_of_date"
NOT_TRANSLATED = "not_translated"
MANUAL = "manual"

STATUS_LABELS = {
    UP_TO_DATE: _("Translated and up to date"),
    INCOMPLETE: _("Translation incomplete"),
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
    # Strings without a usable translation: those of the last synchronisation (up to date,
    # incomplete), or those of the latest revision (out of date).
    untranslated: int = 0

    @property
    def label(self):
        return STATUS_LABELS[self.status]

    @property
    def untranslated_label(self):
        """ "N strings to translate" (once the translation is updated, when it is out of date)."""
        if self.status == OUT_OF_DATE:
            text = ngettext(
                "%(count)s string to translate once the translation is updated",
                "%(count)s strings to translate once the translation is updated",
                self.untranslated,
            )
        else:
            text = ngettext(
                "%(count)s string to translate",
                "%(count)s strings to translate",
                self.untranslated,
            )
        return text % {"count": self.untranslated}


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

    Both are (path, text) pairs, or {path: text} (text as wagtail-localize stores it); the
    paragraphs of one rich text share its path. Returns StringChanges in the order of the
    extracted strings, then the removed ones in the order of the stored strings. At one path,
    a text found on both sides is unchanged; the others are paired in order as changed, and
    what is left over is added or removed.
    """
    extracted = by_path(extracted)
    stored = by_path(stored)
    changes = []
    removed = []
    for path, texts in extracted.items():
        new, old = unmatched(texts, stored.get(path, [])), unmatched(stored.get(path, []), texts)
        for text, previous in zip(new, old, strict=False):
            changes.append(StringChange(CHANGED, path, plain_text(text), plain_text(previous)))
        changes.extend(StringChange(ADDED, path, plain_text(text)) for text in new[len(old) :])
        removed.extend((path, text) for text in old[len(new) :])
    for path, texts in stored.items():
        if path not in extracted:
            removed.extend((path, text) for text in texts)
    changes.extend(StringChange(REMOVED, path, plain_text(text)) for path, text in removed)
    return changes


def by_path(strings):
    """{path: [text, …]} of (path, text) pairs or of {path: text}, in their order."""
    pairs = strings.items() if isinstance(strings, dict) else strings
    texts = {}
    for path, text in pairs:
        texts.setdefault(path, []).append(text)
    return texts


def unmatched(texts, others):
    """The texts that `others` does not also have (each of `others` matches one text)."""
    others = list(others)
    left = []
    for text in texts:
        if text in others:
            others.remove(text)
        else:
            left.append(text)
    return left


def string_segments(instance):
    """[(path, text)] of every translatable string of `instance`, as wagtail-localize extracts
    them, in order; the paragraphs of one rich text share its path."""
    return [
        (segment.path, segment.string.data)
        for segment in extract_segments(instance)
        if isinstance(segment, StringSegmentValue)
    ]


def extracted_strings(instance):
    """{path: text} of the translatable strings of `instance`, as wagtail-localize extracts them.

    Several paragraphs of one rich text share a path: only the last is kept. Use
    string_segments to see or count every string.
    """
    return dict(string_segments(instance))


def stored_strings(source_ids):
    """{source id: [(path, text)]} of the strings stored for each translation source, in order,
    in one query."""
    strings = {source_id: [] for source_id in source_ids}
    segments = (
        StringSegment.objects.filter(source_id__in=source_ids)
        .order_by("source_id", "order")
        .values_list("source_id", "context__path", "string__data")
    )
    for source_id, path, text in segments:
        strings[source_id].append((path, text))
    return strings


def locale_id(locale):
    return getattr(locale, "pk", locale)


def untranslated_string_counts(source_ids, locales):
    """{source id: {locale id: how many strings of that translation source have no usable
    translation into that locale}} in one query, whatever the number of sources and locales.

    The strings are the StringSegments wagtail-localize stored at the source's last
    synchronisation; a string is translated as wagtail-localize's translation editor counts it
    (Translation.get_progress). Every source id is in the answer.
    """
    source_ids = list(source_ids)
    locale_ids = [locale_id(locale) for locale in locales]
    counts = {source_id: dict.fromkeys(locale_ids, 0) for source_id in source_ids}
    if not source_ids or not locale_ids:
        return counts
    rows = (
        StringSegment.objects.filter(source_id__in=source_ids)
        .values("source_id")
        .annotate(
            **{
                f"untranslated_{pk}": Count(
                    "pk",
                    filter=~has_usable_translation(pk),
                )
                for pk in locale_ids
            }
        )
        .order_by()
    )
    for row in rows:
        counts[row["source_id"]] = {pk: row[f"untranslated_{pk}"] for pk in locale_ids}
    return counts


def untranslated_string_count(source_ids, locale):
    """{source id: how many strings of that translation source have no usable translation into
    `locale`}, in one query (see untranslated_string_counts)."""
    return {
        source_id: counts[locale_id(locale)]
        for source_id, counts in untranslated_string_counts(source_ids, [locale]).items()
    }


def missing_translation_counts(strings, source_locale, locales):
    """How many of the strings of objects as edited (not as last synchronised) have no usable
    translation, in one query.

    `strings` is {translation key: [(path, text)]} (string_segments of each object, all in
    `source_locale`); returns {translation key: {locale id: count}}. A string is translated
    when a StringTranslation without an error exists for that text, at that path of that
    object, in that locale: what the translation editor will show as translated once the
    translation is updated.
    """
    locale_ids = [locale_id(locale) for locale in locales]
    translated = set()
    if strings and locale_ids:
        translated = set(
            StringTranslation.objects.filter(
                locale_id__in=locale_ids,
                has_error=False,
                context__object_id__in=list(strings),
                translation_of__locale_id=locale_id(source_locale),
            ).values_list(
                "context__object_id", "locale_id", "context__path", "translation_of__data"
            )
        )
    return {
        key: {
            pk: sum((key, pk, path, text) not in translated for path, text in pairs)
            for pk in locale_ids
        }
        for key, pairs in strings.items()
    }


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
    untranslated = untranslated_string_counts(
        {translation.source_id for translation in translations.values() if translation.enabled},
        locales,
    )
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
                count = untranslated[source.pk][locale.pk]
                status = LocaleStatus(
                    locale,
                    INCOMPLETE if count else UP_TO_DATE,
                    translated_page=target,
                    untranslated=count,
                )
            status.source_id = source.pk if source else None
            page_status.locales.append(status)
        statuses.append(page_status)

    add_changes(pages, stale, sources, source_locale)
    return group_pages(statuses)


def add_changes(pages, stale, sources, source_locale):
    """Fill in the strings changed since the last synchronisation of each out-of-date page, and
    how many strings of its latest revision have no translation."""
    if not stale:
        return
    stale_pages = [page for page in pages if page.pk in stale]
    instances = latest_revision_objects(stale_pages)
    stored = stored_strings([sources[page.translation_key].pk for page in stale_pages])
    extracted = {page.translation_key: string_segments(instances[page.pk]) for page in stale_pages}
    locales = {status.locale.pk for statuses in stale.values() for status in statuses}
    missing = missing_translation_counts(extracted, source_locale, locales)
    for page in stale_pages:
        changes = string_changes(
            extracted[page.translation_key], stored[sources[page.translation_key].pk]
        )
        for status in stale[page.pk]:
            status.changes = changes
            status.untranslated = missing[page.translation_key][status.locale.pk]


def latest_revision_objects(pages):
    """{page id: the specific page as its latest revision has it}, enough to extract its strings.

    One query reads the revisions, and one per page type and foreign key that wagtail-localize
    extracts reads what they refer to; Revision.as_object would cost several queries a page
    (tree, comments, checks of foreign keys) that extraction does not need.
    """
    revisions = Revision.objects.in_bulk([page.latest_revision_id for page in pages])
    instances = {}
    by_model = {}
    for page in pages:
        model = page.specific_class
        instance = model.from_serializable_data(
            revisions[page.latest_revision_id].content, check_fks=False
        )
        instance.pk = page.pk
        instance.translation_key = page.translation_key
        instance.locale_id = page.locale_id
        instances[page.pk] = instance
        by_model.setdefault(model, []).append(instance)
    for model, objects in by_model.items():
        foreign_keys = {
            field.get_field(model).name
            for field in get_translatable_fields(model)
            if isinstance(field.get_field(model), ForeignKey)
        }
        if foreign_keys:
            prefetch_related_objects(objects, *foreign_keys)
    return instances


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
