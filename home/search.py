"""Making any text typed in the search box safe to hand to the search backend, and the results
readable: accents are folded on both sides, and each result shows the passage that matched.

The cleaning of the query lives in web/search_query.py, which the API uses too.
"""

import difflib
import re
import unicodedata
from collections import Counter

from bs4 import BeautifulSoup
from django.core.cache import cache
from django.dispatch import Signal
from django.utils.html import escape
from django.utils.safestring import mark_safe
from wagtail import blocks
from wagtail.blocks import StreamValue
from wagtail.models import Page
from wagtail.search import index
from wagtail.search.query import Or, PlainText

from web import generation

# Sent by the search page for each search, with `request`, `query` (cleaned) and `result_count`:
# what counts searches (readership/searches.py) listens, and home imports no app above it.
search_made = Signal()

# The name of the method that pages index with an accent-folded copy of their text.
FOLDED_FIELD = "search_text_folded"
EXCERPT_LENGTH = 220
# The elements of rich text that hold a text of their own (a passage comes from one of them).
TEXT_ELEMENTS = ["p", "h2", "h3", "h4", "h5", "h6", "li", "blockquote"]
# Characters of context kept before the first match, when its sentence starts too far before.
EXCERPT_LEAD = 70
SENTENCE_ENDS = (".", "!", "?", "…")
# A word: letters, or words joined by hyphens ("Îles-de-la-Madeleine"); an apostrophe (l’équipe)
# separates two words.
WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
# Shorter words are never offered (articles, prepositions).
SUGGESTED_WORD_LENGTH = 3
# How close (difflib's ratio, 0 to 1) a word of the site must be to a word typed to be offered.
SUGGESTION_CUTOFF = 0.75


def _fold_character(char):
    decomposed = unicodedata.normalize("NFKD", char)
    return "".join(part for part in decomposed if not unicodedata.combining(part)).casefold()


def fold(text):
    """Text without accents, in lower case: "Présidente" → "presidente"."""
    return "".join(_fold_character(char) for char in text)


def search_expression(query):
    """The cleaned query as typed, or with its accents folded (matching the folded index).

    Pages that index a folded copy of their text (`FOLDED_FIELD`) are found whatever accents
    the visitor typed; the others still match the words as typed.
    """
    as_typed = PlainText(query, operator="and")
    # Folding can leave only spaces (U+00B8, a spacing cedilla, is a space and a combining
    # cedilla): then there is no second query.
    folded = " ".join(fold(query).split())
    if not folded or folded == query:
        return as_typed
    return Or([as_typed, PlainText(folded, operator="and")])


def searchable_text(page, include_title=False):
    """The texts a page's search fields index (rich text without its tags), in their order."""
    texts, seen = [], set()
    for search_field in page.get_search_fields():
        name = search_field.field_name
        if (
            not isinstance(search_field, index.SearchField)
            or name in seen
            or name == FOLDED_FIELD
            or (name == "title" and not include_title)
        ):
            continue
        seen.add(name)
        value = getattr(page, name, None)
        if isinstance(value, StreamValue):
            value = raw_searchable_content(value.stream_block, list(value.raw_data))
        else:
            value = search_field.get_value(page)
        values = value if isinstance(value, list | tuple) else [value]
        texts.extend(str(text) for text in values if text)
    return texts


def raw_searchable_content(block, raw):
    """What `block.get_searchable_content()` gives for the raw (stored) data of a StreamField,
    without converting its choosers' values: an image, a document or a page chosen in a block
    would each be read from the database (one query a page of search results), and a chooser
    has no searchable content of its own."""
    if not getattr(block, "search_index", True):
        return []
    if isinstance(block, blocks.StreamBlock):
        children = [
            (block.child_blocks.get(child.get("type")), child.get("value")) for child in raw or []
        ]
        return [
            text
            for child, value in children
            if child
            for text in raw_searchable_content(child, value)
        ]
    if isinstance(block, blocks.StructBlock):
        raw = raw or {}
        texts = []
        for name, child in block.child_blocks.items():
            if name in raw:
                texts.extend(raw_searchable_content(child, raw[name]))
            else:
                texts.extend(child.get_searchable_content(child.get_default()))
        return texts
    if isinstance(block, blocks.ListBlock):
        items = [
            item["value"] if isinstance(item, dict) and item.get("type") == "item" else item
            for item in raw or []
        ]
        return [text for item in items for text in raw_searchable_content(block.child_block, item)]
    if isinstance(block, blocks.ChooserBlock):
        return []
    if isinstance(block, blocks.RichTextBlock) and isinstance(raw, str):
        # A text per paragraph, heading or list item, so that a result's passage never runs a
        # heading into the paragraph under it; the index holds the same words.
        parts = rich_text_parts(raw)
        if parts:
            return parts
    return block.get_searchable_content(block.to_python(raw))


def rich_text_parts(html):
    """The text of each paragraph, heading and list item of stored rich text, in order."""
    soup = BeautifulSoup(html, "html.parser")
    parts = []
    for element in soup.find_all(TEXT_ELEMENTS):
        if element.find(TEXT_ELEMENTS) is None:
            text = " ".join(element.get_text(" ").split())
            if text:
                parts.append(text)
    return parts


def folded_search_text(page):
    """What a page indexes in its `FOLDED_FIELD`: its searchable text without accents."""
    return fold(" ".join(searchable_text(page, include_title=True)))


def _folded_with_positions(text):
    """The folded text, and for each of its characters the position of its source in `text`."""
    folded, positions = [], []
    for position, char in enumerate(text):
        for folded_char in _fold_character(char):
            folded.append(folded_char)
            positions.append(position)
    positions.append(len(text))
    return "".join(folded), positions


def query_pattern(query):
    """The words of `query`, folded, as a pattern to find in folded text (None: no word)."""
    terms = sorted({fold(word) for word in query.split()} - {""}, key=len, reverse=True)
    if not terms:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, terms)) + ")")


def excerpt(text, query, length=EXCERPT_LENGTH):
    """A short passage of `text` around the first word of `query` found, the words found marked:
    from the start of its sentence to the end of a sentence where they fit, else from and to a
    word.

    HTML-escaped, with <mark> around each match; "" when no word is found.
    """
    text = " ".join(text.split())
    pattern = query_pattern(query)
    if not text or pattern is None:
        return ""
    folded, positions = _folded_with_positions(text)
    first = pattern.search(folded)
    if first is None:
        return ""
    found_at, found_end = positions[first.start()], positions[first.end() - 1] + 1
    start = passage_start(text, found_at, length)
    end = min(len(text), start + length)
    if end < len(text):
        end = passage_end(text, start, found_end, end)
    pieces = ["…" if start else ""]
    cursor = start
    for match in pattern.finditer(folded):
        match_start, match_end = positions[match.start()], positions[match.end() - 1] + 1
        if match_start < start:
            continue
        if match_end > end:
            break
        pieces.append(escape(text[cursor:match_start]))
        pieces.append(f"<mark>{escape(text[match_start:match_end])}</mark>")
        cursor = match_end
    pieces.append(escape(text[cursor:end]))
    pieces.append("…" if end < len(text) else "")
    # Every piece of text is escaped above.
    return mark_safe("".join(pieces))


def passage_start(text, found_at, length):
    """Where a passage showing the word found at `found_at` starts: at the start of its sentence
    when the sentence fits, else at a word shortly before it."""
    sentence = max(text.rfind(f"{mark} ", 0, found_at) for mark in SENTENCE_ENDS)
    sentence = sentence + 2 if sentence >= 0 else 0
    if found_at - sentence <= length - EXCERPT_LEAD:
        return sentence
    start = max(0, found_at - EXCERPT_LEAD)
    space = text.find(" ", start)
    return space + 1 if 0 <= space < found_at else start


def passage_end(text, start, found_end, limit):
    """Where a passage from `start` ends before `limit`, past the word found: at the end of a
    sentence when one ends there, else at a word."""
    sentence = max(text.rfind(f"{mark} ", found_end, limit) for mark in SENTENCE_ENDS)
    if sentence >= 0:
        return sentence + 1
    space = text.rfind(" ", start, limit)
    return space if space > found_end - 1 else limit


def page_excerpt(page, query):
    """The passage that matched `query`, from the one text of the page (title aside) that holds
    the most of its words, the longest of those (a paragraph rather than a label): never several
    texts run together (a heading, a figure's unit and the next block's label read as one
    sentence). "" when none holds a word of it."""
    pattern = query_pattern(query)
    if pattern is None:
        return ""
    best, best_rank = "", (0, 0)
    for text in searchable_text(page):
        rank = (len({match.group() for match in pattern.finditer(fold(text))}), len(text))
        if rank[0] and rank > best_rank:
            best, best_rank = text, rank
    return excerpt(best, query) if best else ""


# "Did you mean": the site's own words


def suggestion(query, language_code):
    """The query with each word the site does not hold replaced by the closest one it does
    (a typo corrected, accents restored: "presidnte" → "présidente"), or "" when every word is
    the site's already or one has nothing close."""
    words = vocabulary(language_code)
    suggested, changed = [], False
    for word in query.split():
        folded = fold(word)
        if folded in words:
            suggested.append(word)
            continue
        close = difflib.get_close_matches(folded, words, n=1, cutoff=SUGGESTION_CUTOFF)
        if not close:
            return ""
        suggested.append(words[close[0]])
        changed = True
    return " ".join(suggested) if changed else ""


def vocabulary(language_code):
    """{folded word: its most frequent spelling} of the live public pages in a language, kept in
    the cache until a change visitors can see starts a new page cache generation."""
    # As the page cache reads it (a read that the next change visitors see takes into account).
    key = f"search-vocabulary:{language_code}:{generation.current(None)}"
    words = cache.get(key)
    if words is None:
        words = site_words(language_code)
        cache.set(key, words, timeout=24 * 60 * 60)
    return words


def site_words(language_code):
    spellings = Counter()
    pages = Page.objects.live().public().filter(locale__language_code=language_code).specific()
    for page in pages:
        for text in searchable_text(page, include_title=True):
            spellings.update(
                word for word in WORD.findall(text) if len(word) >= SUGGESTED_WORD_LENGTH
            )
    words = {}
    for spelling, _count in spellings.most_common():
        words.setdefault(fold(spelling), spelling)
    return words
