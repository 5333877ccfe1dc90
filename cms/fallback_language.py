"""A translated page shows a string not translated yet in the source language, marked as such.

A release publishes the English pages of a report with the approved figures even when some of
their text is not translated yet (report/release.py): wagtail-localize then writes the French
text in its place. Visitors, screen readers (which would read French with English rules),
search engines and the PDF need to know: each element whose text is such a string gets
`lang="fr"` (the source page's language); a string within a longer text is wrapped in a
`<span lang="fr">`.

The strings are those of the page's wagtail-localize source with no usable translation into the
page's language (one query). Only pages in another language than the site's default are read,
so the French pages cost nothing.
"""

import re

from bs4 import BeautifulSoup, NavigableString
from django.conf import settings
from django.db.models import Exists, OuterRef
from django.utils import translation
from wagtail_localize.models import StringSegment, StringTranslation
from wagtail_localize.strings import StringValue

SPACES = re.compile(r"\s+")
# The last part of the path of a string that is an address in the page, never shown as text: a
# report section's anchor (body.<block id>.anchor) kept in French would otherwise mark the
# English word "introduction" as French.
ADDRESS_PATH_END = ".anchor"
# Where a text is no content of the page.
SKIPPED_ELEMENTS = {"head", "script", "style", "title", "template"}


def normalised(text):
    return SPACES.sub(" ", text).strip()


def plain_text(data):
    """A string as wagtail-localize stores it (HTML with inline tags and entities) as text."""
    try:
        return StringValue(data).render_text()
    except Exception:  # A string that is not valid HTML is shown as it is.
        return data


def has_usable_translation(locale_id):
    """For a StringSegment queryset: whether its string has a translation into the locale that
    wagtail-localize uses (one without an error, for that string in that context)."""
    return Exists(
        StringTranslation.objects.filter(
            translation_of_id=OuterRef("string_id"),
            context_id=OuterRef("context_id"),
            locale_id=locale_id,
            has_error=False,
        )
    )


def untranslated_strings(page):
    """(source language code, texts) of the strings `page` shows untranslated, or None."""
    if page.locale_id is None or is_default_language():
        return None
    rows = (
        StringSegment.objects.filter(
            source__object_id=page.translation_key,
            source__translations__target_locale_id=page.locale_id,
            source__translations__enabled=True,
        )
        .exclude(has_usable_translation(page.locale_id))
        .exclude(context__path__endswith=ADDRESS_PATH_END)
        .values_list("string__data", "source__locale__language_code")
    )
    texts = {normalised(plain_text(data)) for data, _language in rows} - {""}
    return (rows[0][1], texts) if texts else None


def is_default_language():
    """The request's language is the site's default, whose pages are never translations."""
    language = translation.get_language() or settings.LANGUAGE_CODE
    return language.split("-")[0] == settings.LANGUAGE_CODE.split("-")[0]


def mark_untranslated(html, language, texts):
    """`html` with `lang=language` on each element (or text) that shows one of `texts`."""
    soup = BeautifulSoup(html, "html.parser")
    for node in list(soup.find_all(string=True)):
        if not isinstance(node, NavigableString) or in_skipped_element(node):
            continue
        text = normalised(node)
        if not text:
            continue
        element = node.parent
        if normalised(element.get_text()) in texts:
            element["lang"] = language
        elif text in texts:
            wrap(soup, node, language)
        else:
            mark_within(soup, node, language, texts)
    mark_whole_elements(soup, language, texts)
    return str(soup)


def in_skipped_element(node):
    return any(parent.name in SKIPPED_ELEMENTS for parent in node.parents)


def wrap(soup, node, language):
    span = soup.new_tag("span", lang=language)
    node.replace_with(span)
    span.append(node)


def mark_within(soup, node, language, texts):
    """A string inside a longer text: wrap that part of the text."""
    for text in texts:
        start = node.find(text)
        if start < 0:
            continue
        before, after = node[:start], node[start + len(text) :]
        span = soup.new_tag("span", lang=language)
        span.string = text
        node.replace_with(*[part for part in (before, span, after) if part])
        return


def mark_whole_elements(soup, language, texts):
    """A string with inline markup (a rich-text paragraph with a link or bold) spans several
    text nodes: the element whose whole text it is gets the language."""
    for element in soup.find_all(["p", "li", "td", "th", "h2", "h3", "h4", "blockquote", "dd"]):
        if not element.get("lang") and normalised(element.get_text()) in texts:
            element["lang"] = language


def mark_response(page, response):
    """Mark the strings `page` shows untranslated once its TemplateResponse is rendered."""
    found = untranslated_strings(page)
    if found is not None and hasattr(response, "add_post_render_callback"):
        language, texts = found

        def mark(rendered):
            rendered.content = mark_untranslated(rendered.content.decode(), language, texts)

        response.add_post_render_callback(mark)
    return response
