"""Translating content programmatically through wagtail-localize, as an editor would in the admin.

The translated page is a real wagtail-localize translation: editors see it in the
translation editor and can update it when the French source changes.
"""

from django.db import transaction
from wagtail.models import DraftStateMixin, Locale, Page
from wagtail_localize.models import (
    LocaleSynchronization,
    StringSegment,
    StringTranslation,
    Translation,
    TranslationSource,
)


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
    source, _created = TranslationSource.update_or_create_from_instance(as_stored(instance))
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
