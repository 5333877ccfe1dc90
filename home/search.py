"""Making any text typed in the search box safe to hand to the search backend."""

import unicodedata

MAX_QUERY_WORDS = 20
MAX_QUERY_LENGTH = 200


def clean_query(raw):
    """Printable text only, at most a few words: long or binary queries break the backends."""
    printable = "".join(
        char if unicodedata.category(char)[0] not in {"C", "Z"} else " " for char in raw
    )
    words = printable.split()[:MAX_QUERY_WORDS]
    return " ".join(words)[:MAX_QUERY_LENGTH].strip()
