"""The typography of what visitors read: French as the OQLF sets it, English as Canadian usage.

Editors type ordinary spaces and straight apostrophes, translators paste « » or " ", numbers come
from several formatters: the site shows what a typographer would, whoever wrote the text. The
rules are applied on output, to the text of a page's HTML and to the attributes a reader or a
screen reader reads (`alt`, `title`, `aria-label`, `placeholder`, the description and sharing
`<meta>`), in the language of each element (`lang`, inherited): never to markup, addresses,
scripts, styles, code or what a visitor typed. `web.middleware.TypographyMiddleware` applies them
to pages (so the page cache keeps them), `report.pdf` to the PDF's HTML.

French (Office québécois de la langue française, Banque de dépannage linguistique):
- a non-breaking space before the colon; before ; ! ? no space, or a narrow non-breaking one
  where the writer put a space (a line never starts with them);
- « and » with a non-breaking space inside; " … " and “ … ” (even apart) become « … »;
- a non-breaking space between a number and %, $, a unit or the hour's h, and between the groups
  of its digits; the time as "8 h 30" (no leading zero);
- the typographic apostrophe (’).
English: no space before : ; ! ? or %, “ ” for quotations (« » included), ’ for apostrophes,
and a non-breaking space between a number and its unit.
"""

import html
import re
from functools import partial

NBSP = "\u00a0"
NARROW_NBSP = "\u202f"
SPACES = f" \t{NBSP}{NARROW_NBSP}"

LETTER = r"[^\W\d_]"
UNITS = r"(?:h|min|km|kg|Mo|Go|ko)"

# Text worth looking at: without these characters no rule applies (most text nodes are spaces).
TRIGGER = re.compile(r"""[':;!?%$€«»"“”\d]""")


def _rule(pattern, replacement, flags=0):
    return partial(re.compile(pattern, flags).sub, replacement)


APOSTROPHE = _rule(rf"(?<={LETTER})'(?={LETTER})", "\u2019")
NUMBER_UNIT = _rule(rf"(?<=\d)[{SPACES}]+(?={UNITS}(?![^\W_]))", NBSP)

FRENCH_RULES = (
    APOSTROPHE,
    # Straight or English quotation marks around a quotation: French guillemets.
    _rule(r'"([^"\n<>]{1,400}?)"', "«\\1»"),
    # English quotation marks have no place in French, paired or not (a quotation over lines).
    _rule("“", "«"),
    _rule("”", "»"),
    _rule(rf"«[{SPACES}]*", f"«{NBSP}"),
    _rule(rf"[{SPACES}]*»", f"{NBSP}»"),
    # The colon of a sentence (not of 14:30 or https://).
    _rule(rf"(?<=\S)[{SPACES}]*:(?=\s|$)", f"{NBSP}:"),
    _rule(rf"(?<=\S)[{SPACES}]+([;!?])", f"{NARROW_NBSP}\\1"),
    # Time of day: "08 h 30", "8h30", "8h 30" → "8 h 30"; "16h" → "16 h".
    _rule(
        rf"(?<!\d)(?<!\d[{SPACES}])0?(\d{{1,2}})[{SPACES}]?h[{SPACES}]?([0-5]\d)(?!\d)",
        f"\\1{NBSP}h{NBSP}\\2",
    ),
    _rule(rf"(?<=\d)[{SPACES}]*(%|\$|€)", f"{NBSP}\\1"),
    _rule(rf"(?<=\d\))[{SPACES}]+(?=\$)", NBSP),
    # 4 618 760: groups of three digits held together (an editor's ordinary space).
    _rule(r"(?<=\d) (?=\d{3}(?!\d))", NBSP),
    _rule(rf"(?<=\d)(?={UNITS}(?![^\W_]))", NBSP),
    NUMBER_UNIT,
)

ENGLISH_RULES = (
    APOSTROPHE,
    # The possessive of a plural (members' rights).
    _rule(r"(?<=[a-z]s)'(?=\s)", "\u2019"),
    _rule(rf"«[{SPACES}]*", "“"),
    _rule(rf"[{SPACES}]*»", "”"),
    _rule(r'(?<![\w"])"([^"\n<>]{1,400}?)"(?![\w"])', "“\\1”"),
    _rule(rf"(?<=\S)[{SPACES}]+([:;!?])(?=\s|$)", "\\1"),
    _rule(rf"(?<=\d)[{SPACES}]+%", "%"),
    NUMBER_UNIT,
)

RULES = {"fr": FRENCH_RULES, "en": ENGLISH_RULES}


def rules_for(language):
    """The rules of a `lang` value ("fr", "fr-CA", "en"…), or None for other languages."""
    return RULES.get((language or "").split("-")[0].lower())


def typeset(text, language, before=""):
    """`text` (plain, not HTML) set in the language's typography.

    `before` is the text just before it in the same paragraph (the end of a `<strong>` before a
    colon): rules that look back see it, and it is not returned.
    """
    rules = rules_for(language)
    if not rules or not TRIGGER.search(text):
        return text
    context = before[-1:]
    result = context + text
    for rule in rules:
        result = rule(result)
    if context and not result.startswith(context):
        # A rule changed the character before the text (in another node): leave it alone.
        result = context + typeset(text, language)
    return result[len(context) :]


# HTML

# A tag runs to the first ">" outside its attributes' quotes (Stimulus writes
# data-action="w-dialog:hide->w-dialog#hide"); a tag with an unbalanced quote, to its first ">".
ATTRIBUTES = r"""(?:[^>"']|"[^"]*"|'[^']*')*"""
TOKENS = re.compile(
    rf"<!--.*?-->|<(script|style)\b{ATTRIBUTES}>.*?</\1\s*>|<![^>]*>"
    rf"|</?[a-zA-Z]{ATTRIBUTES}>|<[^>]*>|[^<]+|<",
    re.DOTALL | re.IGNORECASE,
)
TAG = re.compile(rf"<(/?)([a-zA-Z][\w:-]*)({ATTRIBUTES})>")
LANG = re.compile(r"""(?:^|\s)(?:xml:)?lang\s*=\s*["']?([A-Za-z-]*)""")
NO_TRANSLATE = re.compile(r"""\stranslate\s*=\s*["']?no\b""", re.IGNORECASE)
READ_ATTRIBUTES = re.compile(
    r'(\s(?:alt|title|aria-label|aria-description|placeholder)=")([^"]*)(")'
)
READ_ATTRIBUTE_NAMES = re.compile(r"(?:alt|title|aria-label|aria-description|placeholder|content)=")
META_CONTENT = re.compile(r'(\scontent=")([^"]*)(")')
READ_META = re.compile(
    r"""\s(?:name|property)=["'](?:description|og:title|og:description|og:image:alt|"""
    r"""og:site_name|twitter:title|twitter:description|twitter:image:alt)["']"""
)

VOID_ELEMENTS = frozenset(
    [
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "param",
        "source",
        "track",
        "wbr",
    ]
)
# Elements whose text is not prose: left as written.
VERBATIM_ELEMENTS = frozenset(["pre", "code", "kbd", "samp", "textarea", "var"])
# Elements inside a paragraph: the text on either side of them is one text for the rules.
INLINE_ELEMENTS = frozenset(
    [
        "a",
        "abbr",
        "b",
        "bdi",
        "bdo",
        "cite",
        "data",
        "dfn",
        "em",
        "i",
        "mark",
        "q",
        "s",
        "small",
        "span",
        "strong",
        "sub",
        "sup",
        "time",
        "u",
    ]
)


class _Element:
    __slots__ = ("language", "name", "verbatim")

    def __init__(self, name, language, verbatim):
        self.name = name
        self.language = language
        self.verbatim = verbatim


def typeset_html(markup, language=""):
    """An HTML document or fragment with its text set in the typography of its languages.

    `language` is the language of text outside any element with a `lang` (a fragment's).
    """
    stack = [_Element("", language, False)]
    output = []
    before = ""  # the end of the previous text in the same paragraph
    for token in TOKENS.finditer(markup):
        piece = token.group()
        if piece.startswith("<") and len(piece) > 1:
            tag = TAG.fullmatch(piece)
            if tag is None:
                output.append(piece)
                continue
            closing, name, attributes = tag.groups()
            name = name.lower()
            if name not in INLINE_ELEMENTS:
                before = ""
            if closing:
                _close(stack, name)
                output.append(piece)
                continue
            parent = stack[-1]
            # (Substring tests first: most tags have none of these attributes.)
            found = "lang" in attributes and LANG.search(attributes)
            element_language = found.group(1) if found else parent.language
            verbatim = (
                parent.verbatim
                or name in VERBATIM_ELEMENTS
                or ("translate" in attributes and bool(NO_TRANSLATE.search(attributes)))
            )
            if not verbatim and READ_ATTRIBUTE_NAMES.search(attributes):
                piece = _typeset_attributes(piece, name, element_language)
            if name not in VOID_ELEMENTS and not attributes.endswith("/"):
                stack.append(_Element(name, element_language, verbatim))
            output.append(piece)
            continue
        current = stack[-1]
        if current.verbatim or piece.isspace():
            output.append(piece)
            before = "" if current.verbatim else piece[-1]
            continue
        text = html.unescape(piece)
        typeset_text = typeset(text, current.language, before)
        before = (before + text)[-1:]
        output.append(piece if typeset_text == text else html.escape(typeset_text, quote=False))
    return "".join(output)


def _close(stack, name):
    """Pops the element `name` (and any left open inside it); a stray end tag changes nothing."""
    for depth in range(len(stack) - 1, 0, -1):
        if stack[depth].name == name:
            del stack[depth:]
            return


def _typeset_attributes(tag, name, language):
    if rules_for(language) is None:
        return tag
    replace = partial(_typeset_attribute, language=language)
    tag = READ_ATTRIBUTES.sub(replace, tag)
    if name == "meta" and READ_META.search(tag):
        tag = META_CONTENT.sub(replace, tag)
    return tag


def _typeset_attribute(match, language):
    prefix, value, suffix = match.groups()
    text = html.unescape(value)
    typeset_text = typeset(text, language)
    if typeset_text == text:
        return match.group()
    return f"{prefix}{html.escape(typeset_text)}{suffix}"
