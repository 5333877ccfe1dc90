"""Whatever is typed in the search box, the search page answers 200 and shows it escaped.

Property-based (hypothesis): very long queries, NUL and other control characters, odd unicode
(combining marks, right-to-left overrides, surrogates' neighbours, emoji). Stock Wagtail
answers 500 to some of these on PostgreSQL (Wagtail issue #4701); `web.search_query.clean_query`
makes any text safe to search.
"""

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from home.search import excerpt
from tests.html import page_html
from web.search_query import MAX_QUERY_LENGTH, MAX_QUERY_WORDS, clean_query

# Any character a browser can send in a URL (surrogates cannot be encoded in UTF-8).
ANY_CHARACTER = st.characters(exclude_categories=["Cs"])
UNICODE_ODDITIES = ["\x00", "\x1b", "\u202e", "\u200b", "\ufeff", "\u0301", "\U0001f642", "\uffff"]
PUNCTUATION = ["'", '"', "<", ">", "&", "%", "\\", "*", ":", "|", "!", "(", ")", "-", "+", "~"]
SPACES_AND_CASES = ["\u00a0", "\u3000", "ß", "İ", "ﬁ", "\u00b8", "\u02dd"]
ODD_CHARACTERS = st.sampled_from([*UNICODE_ODDITIES, *PUNCTUATION, *SPACES_AND_CASES])
ODD_TEXT = st.text(st.one_of(ANY_CHARACTER, ODD_CHARACTERS), max_size=400)
WORD = st.text(st.one_of(ANY_CHARACTER, ODD_CHARACTERS), min_size=1, max_size=12)
# Hundreds of words, as pasted from a document.
MANY_WORDS = st.lists(WORD, min_size=100, max_size=600).map(" ".join)

# The database is reset for each test, not for each example: the pages are only read.
VIEW_SETTINGS = settings(
    max_examples=40,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@settings(max_examples=500, database=None)
@given(st.one_of(ODD_TEXT, MANY_WORDS))
def test_clean_query_gives_a_short_printable_query(raw):
    query = clean_query(raw)

    assert len(query) <= MAX_QUERY_LENGTH
    assert len(query.split()) <= MAX_QUERY_WORDS
    assert query == query.strip()
    assert all(char.isprintable() for char in query)
    # SQLite's full-text search reads a double quote as syntax.
    assert '"' not in query
    assert clean_query(query) == query


@settings(max_examples=300, database=None)
@given(text=ODD_TEXT, raw_query=st.one_of(ODD_TEXT, MANY_WORDS))
def test_excerpt_never_lets_markup_through(text, raw_query):
    shown = excerpt(f"<script>alert(1)</script> {text}", clean_query(raw_query))

    without_marks = str(shown).replace("<mark>", "").replace("</mark>", "")
    assert "<" not in without_marks


@pytest.mark.django_db
@VIEW_SETTINGS
@given(query=st.one_of(ODD_TEXT, MANY_WORDS))
# Found by hypothesis: a spacing cedilla folds to a space and a combining mark, nothing to search.
@example(query="\u00b8")
@example(query="a \u00a8 \u02dd")
def test_any_query_gets_a_results_page(client, public_site, query):
    for path in ["/fr/recherche/", "/en/search/"]:
        response = client.get(path, {"q": query, "page": "2"})

        assert response.status_code == 200
        assert "<script>alert" not in page_html(response)


@pytest.mark.django_db
@VIEW_SETTINGS
@given(query=st.text(ODD_CHARACTERS, min_size=1, max_size=50), page=ODD_TEXT)
def test_any_page_number_gets_a_results_page(client, public_site, query, page):
    response = client.get("/en/search/", {"q": f"about {query}", "page": page})

    assert response.status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize(
    "raw_query_string",
    ["q=%00", "q=%FF%FE", "q=%C0%AE", "q=" + "mot+" * 800, "q=a&q=b&q=%00", "q=%E2%80%AE%00x"],
)
def test_undecodable_or_repeated_query_strings_get_a_results_page(
    raw_query_string, client, public_site
):
    response = client.get(f"/fr/recherche/?{raw_query_string}")

    assert response.status_code == 200


@pytest.mark.django_db
def test_the_query_is_shown_escaped(client, public_site):
    query = '"><img src=x onerror=alert(1)> <script>alert(1)</script>'

    html = page_html(client.get("/en/search/", {"q": query}))

    assert "<img src=x" not in html
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;" in html
