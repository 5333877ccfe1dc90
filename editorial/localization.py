"""Translating content programmatically through wagtail-localize, as an editor would in the admin.

The translated page is a real wagtail-localize translation: editors see it in the
translation editor and can update it when the French source changes.
"""

import json
from collections import defaultdict

from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import timezone
from modelcluster.models import ClusterableModel, get_serializable_data_for_fields
from wagtail.models import DraftStateMixin, Locale, Page
from wagtail_localize.models import (
    LocaleSynchronization,
    OverridableSegment,
    RelatedObjectSegment,
    StringSegment,
    StringTranslation,
    TemplateSegment,
    Translation,
    TranslationSource,
    get_schema_version,
)
from wagtail_localize.segments import (
    OverridableSegmentValue,
    RelatedObjectSegmentValue,
    StringSegmentValue,
    TemplateSegmentValue,
)
from wagtail_localize.segments.extract import extract_segments

# wagtail-localize's segment model of each kind of extracted value, but strings.
SEGMENT_MODELS = {
    TemplateSegmentValue: TemplateSegment,
    RelatedObjectSegmentValue: RelatedObjectSegment,
    OverridableSegmentValue: OverridableSegment,
}


def ensure_locale(language_code, sync_from=None):
    locale, _created = Locale.objects.get_or_create(language_code=language_code)
    if sync_from is not None:
        LocaleSynchronization.objects.get_or_create(
            locale=locale, defaults={"sync_from": sync_from}
        )
    return locale


def as_stored(instance):
    """A page as its latest revision stores it, with its publication state: the object a release
    later compares with the translation's source (report/release.py). A page read before it was
    published would leave a source that every release finds changed and extracts again."""
    if not isinstance(instance, Page) or instance.pk is None:
        return instance
    return Page.objects.get(pk=instance.pk).specific.get_latest_revision_as_object()


@transaction.atomic
def publish_translation(instance, locale, translations, user=None):
    """Translate `instance` into `locale` with `translations` (source text → translated text).

    Returns the translated instance and the source strings that had no translation (they
    keep the source text, as wagtail-localize does when an editor publishes a partial one).
    """
    source, _changed = update_translation_source(as_stored(instance))
    Translation.objects.get_or_create(
        source=source, target_locale=locale, defaults={"enabled": True}
    )
    missing = []
    segments = StringSegment.objects.filter(source=source).select_related("string", "context")
    for segment in segments:
        text = translations.get(segment.string.data)
        if text is None:
            missing.append(segment.string.data)
            continue
        StringTranslation.objects.update_or_create(
            translation_of=segment.string,
            locale=locale,
            context=segment.context,
            defaults={"data": text, "translation_type": StringTranslation.TRANSLATION_TYPE_MANUAL},
        )
    has_drafts = isinstance(instance, DraftStateMixin)
    # As Translation.save_target() does, but publishing a page now rather than when the
    # outermost transaction commits: a later publication of a stale page would undo its tree
    # changes. Models without drafts (most snippets) are simply saved.
    source.create_or_update_translation(
        locale, user=user, publish=not has_drafts, fallback=True, copy_parent_pages=True
    )
    translated = instance.get_translation(locale)
    if has_drafts:
        translated.get_latest_revision().publish(user=user)
    return translated, missing


# Translation sources updated string by string


def update_translation_source(instance):
    """wagtail-localize's `TranslationSource.update_or_create_from_instance`, which extracts the
    strings of a changed source again, but reading and writing only those that changed.
    Returns (source, whether it was created or its content changed).

    Its `refresh_segments` reads every string's row, context and segment (four queries a
    string: some 500 for the demonstration report, the most of an approval's time, see
    docs/performance.md). Here the source's string segments are read in one query, and only a
    string with no identical segment (same place, text and attributes; one moved by an edit
    above it is renumbered) goes through wagtail-localize's own `StringSegment.from_value`; its
    other segments (templates, related objects, overridable fields: a few) go through theirs. A
    private path, then (wagtail-localize 1.14): tests/editorial/test_translation_sources.py
    checks that the segments are those of wagtail-localize's `refresh_segments`, so that an
    upgrade that changes them fails there."""
    if isinstance(instance, Page):
        instance = instance.specific
    source = TranslationSource.objects.filter(
        object_id=instance.translation_key, locale_id=instance.locale_id
    ).first()
    if source is None:
        source, _created = TranslationSource.update_or_create_from_instance(instance)
        return source, True
    content_json = source_content_json(instance)
    if json.loads(content_json) == json.loads(source.content_json):
        return source, False
    source.content_json = content_json
    source.object_repr = str(instance)[:200]
    source.schema_version = get_schema_version(instance._meta.app_label)
    source.last_updated_at = timezone.now()
    source.save(update_fields=["content_json", "object_repr", "schema_version", "last_updated_at"])
    refresh_changed_segments(source)
    return source, True


def kept_string_segment(unchanged, value):
    """The stored segment of the same string at the same place, if any (the first of several
    identical ones, in order), taken from `unchanged`."""
    key = (value.path, value.string.data, json.dumps(value.attrs, cls=DjangoJSONEncoder))
    candidates = unchanged.get(key)
    return candidates.pop(0) if candidates else None


def source_content_json(instance):
    """The content wagtail-localize stores for a source (as `update_or_create_from_instance`)."""
    if isinstance(instance, ClusterableModel):
        return instance.to_json()
    return json.dumps(get_serializable_data_for_fields(instance), cls=DjangoJSONEncoder)


def refresh_changed_segments(source):
    """`source.refresh_segments()`, keeping the string segments whose text did not change (a
    string moved by an edit above it is renumbered in one query)."""
    instance = source.as_instance()
    unchanged = defaultdict(list)
    for segment in (
        source.stringsegment_set.filter(string__locale_id=source.locale_id)
        .select_related("context", "string")
        .order_by("order")
    ):
        unchanged[(segment.context.path, segment.string.data, segment.attrs)].append(segment)
    seen = {model: [] for model in (StringSegment, *SEGMENT_MODELS.values())}
    renumbered, new_strings = [], []
    for value in extract_segments(instance):
        if not isinstance(value, StringSegmentValue):
            segment = SEGMENT_MODELS[type(value)].from_value(source, value)
        elif (segment := kept_string_segment(unchanged, value)) is None:
            new_strings.append(value)
            continue
        elif segment.order != value.order:
            segment.order = value.order
            renumbered.append(segment)
        seen[type(segment)].append(segment.pk)
        segment.context.get_field_path(instance)  # Stored once per context, as theirs does.
    # Renumbered first: wagtail-localize's get_or_create must not take a kept segment for new.
    StringSegment.objects.bulk_update(renumbered, ["order"])
    for value in new_strings:
        segment = StringSegment.from_value(source, source.locale, value)
        seen[StringSegment].append(segment.pk)
        segment.context.get_field_path(instance)
    for model, kept in seen.items():
        model.objects.filter(source=source).exclude(pk__in=kept).delete()
