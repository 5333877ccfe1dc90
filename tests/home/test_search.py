import pytest

from tests.html import page_html
from web.search_query import MAX_QUERY_LENGTH, MAX_QUERY_WORDS, clean_query

pytestmark = pytest.mark.django_db


def test_search_finds_pages_in_the_visitors_language(client, public_site):
    french = page_html(client.get("/fr/recherche/", {"q": "propos"}))
    english = page_html(client.get("/en/search/", {"q": "about"}))

    assert '<a href="/fr/a-propos/">À propos</a>' in french
    assert '<a href="/en/about/">About</a>' in english
    assert "/en/about/" not in french


def test_search_without_query_shows_the_form(client, public_site):
    response = client.get("/en/search/")

    assert response.status_code == 200
    assert 'name="q"' in page_html(response)


@pytest.mark.parametrize(
    "query",
    [
        "a\x00b",
        "mot " * 500,
        "🙂" * 300,
        "\u202e\u200b",
        "' OR 1=1 --",
        "<script>alert(1)</script>",
    ],
)
def test_odd_queries_never_fail(client, public_site, query):
    response = client.get("/en/search/", {"q": query})

    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in page_html(response)


def test_page_number_out_of_range_shows_the_last_page(client, public_site):
    response = client.get("/en/search/", {"q": "about", "page": "9999"})

    assert response.status_code == 200


def test_clean_query_caps_words_and_length_and_drops_control_characters():
    assert clean_query("a\x00b\tc") == "a b c"
    assert len(clean_query("mot " * 500).split()) == MAX_QUERY_WORDS
    assert len(clean_query("x" * 1000)) == MAX_QUERY_LENGTH


def test_search_refuses_post(client, public_site):
    assert client.post("/en/search/", {"q": "x"}).status_code == 405
