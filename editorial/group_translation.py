"""Translating a whole release on one screen: every string of a page and the pages under it (an
annual report, its messages and projects) that has no usable translation into a language, with
its French text and a field to translate it.

The translations are saved as wagtail-localize's own records (`StringTranslation`, as its
translation editor saves them), so the translation editor, the translation status and the next
release all see them. Pages whose text is live then get their translated text published through
the publishing gate (cms/publishing.py `publish_translated_text`): only text, the figures are
the approved ones.

When a machine translator is configured (wagtail-localize's `WAGTAILLOCALIZE_MACHINE_TRANSLATOR`,
set from `DEEPL_API_KEY`), each string comes with its suggestion; without that setting nothing
leaves the server.
"""

from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page
from wagtail_localize.machine_translators import get_machine_translator
from wagtail_localize.models import StringSegment, StringTranslation, Translation
from wagtail_localize.strings import StringValue

from cms import publishing
from cms.fallback_language import has_usable_translation, plain_text

INLINE_MARKUP = "<"


@dataclass
class PendingString:
    segment: StringSegment
    suggestion: str = ""
    value: str = ""
    error: str = ""

    @property
    def field_name(self):
        return f"string-{self.segment.pk}"

    @property
    def suggestion_field_name(self):
        return f"suggested-{self.segment.pk}"

    @property
    def source_text(self):
        return plain_text(self.segment.string.data)

    @property
    def has_markup(self):
        return INLINE_MARKUP in self.segment.string.data


@dataclass
class PendingPage:
    page: Page
    translation: Translation
    strings: list = field(default_factory=list)


def group_pages(head):
    """`head` and the pages under it in its language, in the order of the page tree."""
    return list(
        Page.objects.descendant_of(head, inclusive=True)
        .filter(locale_id=head.locale_id)
        .order_by("path")
    )


def pending_strings(head, locale):
    """The PendingPages of the group of `head` synchronised into `locale`, each with its
    strings that have no usable translation (in three queries)."""
    pages = {page.translation_key: page for page in group_pages(head)}
    translations = Translation.objects.filter(
        source__object_id__in=list(pages),
        source__locale_id=head.locale_id,
        target_locale=locale,
        enabled=True,
    ).select_related("source")
    pending = {t.source_id: PendingPage(pages[t.source.object_id], t) for t in translations}
    segments = (
        StringSegment.objects.filter(source_id__in=list(pending))
        .exclude(has_usable_translation(locale.pk))
        .select_related("string", "context")
        .order_by("order")
    )
    for segment in segments:
        pending[segment.source_id].strings.append(PendingString(segment))
    ordered = sorted(pending.values(), key=lambda item: item.page.path)
    return [item for item in ordered if item.strings]


def add_suggestions(pending_pages, source_locale, locale):
    """Fill in the machine translator's suggestions, if one is configured; returns its name."""
    translator = get_machine_translator()
    if translator is None or not translator.can_translate(source_locale, locale):
        return None
    strings = [string for page in pending_pages for string in page.strings]
    values = [StringValue(string.segment.string.data) for string in strings]
    suggestions = translator.translate(source_locale, locale, values)
    for string, value in zip(strings, values, strict=True):
        suggested = suggestions.get(value)
        if suggested is not None:
            string.suggestion = suggested.data if string.has_markup else suggested.render_text()
            string.value = string.value or string.suggestion
    return translator.display_name


def read_form(pending_pages, data):
    """Take each string's posted translation; returns whether every one is valid."""
    valid = True
    for string in (string for page in pending_pages for string in page.strings):
        string.value = data.get(string.field_name, "").strip()
        string.suggestion = data.get(string.suggestion_field_name, "")
        if string.value and string.has_markup:
            try:
                StringValue.from_translated_html(string.value)
            except Exception:
                string.error = _("This text could not be read: check its tags.")
                valid = False
    return valid


def stored_data(string):
    """What wagtail-localize stores: escaped text, or the inline markup it allows, tidied."""
    if string.has_markup:
        return StringValue.from_translated_html(string.value).data
    return StringValue.from_plaintext(string.value).data


@transaction.atomic
def save_translations(pending_pages, locale, user):
    """Save the typed translations; returns the PendingPages that got at least one."""
    changed = []
    for page in pending_pages:
        typed = [string for string in page.strings if string.value]
        for string in typed:
            machine = string.suggestion and string.value == string.suggestion
            StringTranslation.objects.update_or_create(
                translation_of_id=string.segment.string_id,
                locale=locale,
                context_id=string.segment.context_id,
                defaults={
                    "data": stored_data(string),
                    "translation_type": StringTranslation.TRANSLATION_TYPE_MACHINE
                    if machine
                    else StringTranslation.TRANSLATION_TYPE_MANUAL,
                    "tool_name": "",
                    "last_translated_by": user,
                    "has_error": False,
                    "field_error": "",
                },
            )
        if typed:
            changed.append(page)
    return changed


def publish_texts(changed_pages, locale, user):
    """Publish the translated text of each live translated page; returns (published, waiting):
    the pages whose French content is not live yet wait for their next approval."""
    published, waiting = [], []
    for page in changed_pages:
        target = page.page.get_translation_or_none(locale)
        if target is None or not target.live:
            waiting.append(page.page)
            continue
        try:
            publishing.publish_translated_text(page.translation.source, locale, user)
        except publishing.TextNotApproved:
            waiting.append(page.page)
        else:
            published.append(page.page)
    return published, waiting
