"""Searches of the search page, /fr/recherche/?q=… and /en/search/?q=…: the words (lower case,
single spaces, capped), and whether they found something; the later pages of the results are
not searches again, and words that may identify a person are not kept."""

import pytest

from readership.counting import SEARCH_TERMS_LENGTH, search_terms
from readership.models import SITE
from tests.readership.conftest import counted

pytestmark = pytest.mark.django_db


def test_searches_are_counted_with_their_words_and_whether_they_found_nothing(
    reader, public_site, store
):
    assert "/fr/a-propos/" in reader.get("/fr/recherche/", {"q": "  PROPOS  "}).content.decode()
    reader.get("/fr/recherche/", {"q": "propos"})
    reader.get("/fr/recherche/", {"q": "propos", "page": "2"})  # The same search, read on.
    reader.get("/fr/recherche/", {"q": "Rapport   de gouvernance"})
    reader.get("/en/search/", {"q": "about"})
    reader.get("/en/search/")  # The empty form: no search.

    assert counted() == {
        (SITE, "fr", "search", "propos"): 2,
        (SITE, "fr", "search_empty", "rapport de gouvernance"): 1,
        (SITE, "en", "search", "about"): 1,
    }


def test_searches_are_not_counted_for_robots_nor_who_asks_not_to_be(client, reader, public_site):
    client.get("/fr/recherche/", {"q": "propos"})  # No user agent: a robot.
    reader.get("/fr/recherche/", {"q": "propos"}, headers={"Sec-GPC": "1"})
    reader.get("/fr/recherche/", {"q": "propos"}, headers={"DNT": "1"})

    assert counted() == {}


@pytest.mark.parametrize(
    "query",
    [
        "jean.tremblay@example.org",
        "418 555-0199",
        "(418) 555 0199",
        "418.555.0199",
        "poste 555-0199",
        "123456789",
        "nas 046 454 286",
    ],
)
def test_words_that_may_identify_a_person_are_not_kept(reader, public_site, query):
    reader.get("/fr/recherche/", {"q": query})

    assert counted() == {(SITE, "fr", "search_empty", ""): 1}


def test_words_are_kept_lower_case_and_capped():
    assert search_terms("  Rapport\tANNUEL  2022 ") == "rapport annuel 2022"
    assert search_terms("é" * 500) == "é" * SEARCH_TERMS_LENGTH
    assert search_terms("Rapport 2021-2022") == "rapport 2021-2022"
    assert search_terms("2021 2022") == "2021 2022"
