"""Rich text as visitors get it: no script, event handler nor `javascript:` address in it.

The admin's editor already drops such links when it saves (Wagtail's `check_url`), but rich
text reaches the database by other ways too (a translation's overridden link in
wagtail-localize, an import, the shell), and Wagtail renders what is stored as it is. Every
rich text of the site is rendered through `wagtailcore/shared/richtext.html`, which passes
it through `neutralise`.
"""

import html as html_module
import re

from bs4 import BeautifulSoup
from wagtail.whitelist import check_url

# Elements whose content runs or loads code in the visitor's browser.
ACTIVE_ELEMENTS = ["script", "style", "object", "embed", "applet", "base", "form", "meta"]
# Attributes holding an address the browser follows or loads.
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "poster"}

ACTIVE_ELEMENT_PATTERN = re.compile(r"<\s*(?:" + "|".join(ACTIVE_ELEMENTS) + r")\b", re.I)
EVENT_HANDLER_PATTERN = re.compile(r"[\s/\"']on[a-z]+\s*=", re.I)
URL_ATTRIBUTE_PATTERN = re.compile(
    r"(?:" + "|".join(map(re.escape, URL_ATTRIBUTES)) + r")\s*=\s*"
    r"(?:\"([^\"]*)\"|'([^']*)'|([^\s>]+))",
    re.I,
)


def is_unsafe_url(value):
    return check_url(html_module.unescape(value)) is None


def needs_cleaning(html):
    """Whether `html` may hold anything `neutralise` removes: a quick look, no parsing.

    Rich text as the editor saves it never does, and is left exactly as it is.
    """
    if ACTIVE_ELEMENT_PATTERN.search(html) or EVENT_HANDLER_PATTERN.search(html):
        return True
    return any(
        is_unsafe_url(next(value for value in match.groups() if value is not None))
        for match in URL_ATTRIBUTE_PATTERN.finditer(html)
    )


def neutralise(html):
    """`html` without active elements, `on…` attributes, nor addresses of unsafe schemes."""
    if not html or not needs_cleaning(html):
        return html
    soup = BeautifulSoup(html, "html.parser")
    for element in soup.find_all(ACTIVE_ELEMENTS):
        element.decompose()
    for element in soup.find_all(True):
        for name in list(element.attrs):
            lowered = name.lower()
            if lowered.startswith("on") or (
                lowered in URL_ATTRIBUTES and check_url(str(element.attrs[name])) is None
            ):
                del element.attrs[name]
    # Serialised from the parsed tree: BeautifulSoup escapes every text and attribute again.
    return str(soup)
