"""A quotation shown with the marks of the reader's language.

The templates write a quotation between “ and ”; the page's typography (cms/typography.py) makes
them « and » in French. An editor who typed the marks too would get them twice: `unquoted`
removes those around the text (the marks inside it stay).
"""

from django import template

register = template.Library()

QUOTATION_MARKS = '«»“”„"'


@register.filter
def unquoted(text):
    """The quotation without the marks an editor typed around it."""
    text = str(text or "").strip()
    stripped = text.lstrip(QUOTATION_MARKS + " \u00a0\u202f")
    stripped = stripped.rstrip(QUOTATION_MARKS + " \u00a0\u202f")
    # Marks on one side only belong to the text (a quotation ending on a quoted word).
    if text[:1] in QUOTATION_MARKS and text[-1:] in QUOTATION_MARKS:
        return stripped
    return text
