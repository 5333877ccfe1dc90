"""Making any text typed as a search query safe to hand to the search backend.

Shared by the site's search page and the members' directory (through home/search.py) and by
the API's `?search=` (web/api.py): stock Wagtail answers 500 on PostgreSQL to a NUL byte and to
a query of a few hundred words (Wagtail issue #4701, ../shared/STACK-NOTES.md).
"""

import unicodedata

MAX_QUERY_WORDS = 20
MAX_QUERY_LENGTH = 200

# Characters the backends read as query syntax: SQLite's full-text search fails on a double
# quote inside a term (the backend quotes each term with them without escaping it).
QUERY_SYNTAX_CHARACTERS = {'"'}


def clean_query(raw):
    """Printable text only, at most a few words: long or binary queries break the backends."""
    printable = "".join(
        " "
        if unicodedata.category(char)[0] in {"C", "Z"} or char in QUERY_SYNTAX_CHARACTERS
        else char
        for char in raw
    )
    words = printable.split()[:MAX_QUERY_WORDS]
    return " ".join(words)[:MAX_QUERY_LENGTH].strip()
