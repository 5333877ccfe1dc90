"""Search finds a report's content whatever the accents typed, shows the passage found, and
offers the site's own words when a query finds nothing ("Did you mean").

URLs: /fr/recherche/ and /en/search/ (`q`, `page`); the suggestion is a link to the same page."""

import datetime
import re
from html import unescape

import pytest
from django.core.management import call_command

from editorial.localization import publish_translation
from home.search import excerpt, fold, search_expression
from tests.factories import ReportIndexPageFactory, ReportYearPageFactory
from tests.html import page_html

pytestmark = pytest.mark.django_db

PARAGRAPH = (
    "Au terme de cette année, la présidente du conseil d’administration remercie les membres "
    "et les équipes de leur engagement."
)
ENGLISH_PARAGRAPH = "At the end of the year, the chair of the board thanks the members."
ENGAGEMENT_LABEL = "Taux d’engagement des experts"


@pytest.fixture
def report(public_site, english):
    index = ReportIndexPageFactory(parent=public_site["home"])
    index.save_revision().publish()
    page = ReportYearPageFactory(
        parent=index,
        fiscal_year_start=datetime.date(2021, 4, 1),
        fiscal_year_end=datetime.date(2022, 3, 31),
        body=[
            ("section", {"heading": "Gouvernance", "anchor": "gouvernance", "introduction": ""}),
            ("text", f"<h3>Remerciements</h3><p>{PARAGRAPH}</p>"),
            ("section", {"heading": "Capital humain", "anchor": "capital", "introduction": ""}),
            (
                "key_figures",
                {
                    "heading": "",
                    "figures": [
                        {"value": "8.2", "unit": "score10", "label": ENGAGEMENT_LABEL},
                    ],
                    "source": "",
                    "notes": [],
                },
            ),
        ],
    )
    page.save_revision().publish()
    publish_translation(index, english, {index.title: "Annual reports", index.slug: "reports"})
    publish_translation(
        page,
        english,
        {
            page.title: "Annual report 2021-2022",
            page.slug: "report-2021",
            "Gouvernance": "Governance",
            PARAGRAPH: ENGLISH_PARAGRAPH,
            "Capital humain": "Human capital",
            ENGAGEMENT_LABEL: "Experts’ engagement rate",
        },
    )
    call_command("update_index", stdout=None, stderr=None)
    return page


def results(client, url, query):
    return page_html(client.get(url, {"q": query}))


@pytest.mark.parametrize("query", ["présidente", "presidente", "PRÉSIDENTE", "présidente conseil"])
def test_report_body_is_found_whatever_the_accents_typed(client, report, query):
    html = results(client, "/fr/recherche/", query)

    assert f'<a href="{report.url}">{report.title}</a>' in html


def test_results_are_the_visitors_language_version_of_the_report(client, report):
    french = results(client, "/fr/recherche/", "conseil")
    english = results(client, "/en/search/", "board")

    assert '<a href="/fr/rapports-annuels/rapport-2021/">' in french
    assert '<a href="/en/reports/report-2021/">' in english
    assert "/en/" not in french.split('class="search-results"')[1]
    assert "/fr/" not in english.split('class="search-results"')[1].split("</ol>")[0]


def test_a_word_that_is_not_in_the_page_finds_nothing(client, report):
    html = results(client, "/fr/recherche/", "presidente introuvable")

    assert report.url not in html


def test_each_result_shows_the_passage_found_with_the_words_marked(client, report):
    html = results(client, "/fr/recherche/", "presidente")

    assert "la <mark>présidente</mark> du conseil" in html


@pytest.mark.parametrize("query", ["engagement", "capital engagement", "experts"])
def test_the_passage_comes_from_one_text_never_several_run_together(client, report, query):
    """A heading, a figure's label and unit and a paragraph are separate texts: the passage is
    the one holding the most words of the query (the longest of those), not their run."""
    html = results(client, "/fr/recherche/", query)

    [passage] = re.findall(r'<p class="search-result__excerpt">(.*?)</p>', html, re.S)
    texts = [PARAGRAPH, "Capital humain", ENGAGEMENT_LABEL, "note sur 10", "Remerciements"]
    plain = " ".join(re.sub(r"</?mark>", "", passage).replace("&#x27;", "’").split())
    assert [text for text in texts if text in plain] == [
        PARAGRAPH if query != "experts" else ENGAGEMENT_LABEL
    ]


def test_the_english_result_shows_the_english_passage(client, report):
    html = results(client, "/en/search/", "chair")

    assert "the <mark>chair</mark> of the board" in html
    assert "présidente" not in html


def test_fold_removes_accents_and_case():
    assert fold("Présidente ÉLUE, œuvre") == "presidente elue, œuvre"
    assert fold("naïve façade") == "naive facade"


def test_search_expression_looks_for_the_words_as_typed_or_folded():
    assert search_expression("rapport").query_string == "rapport"
    expression = search_expression("présidente")
    assert [part.query_string for part in expression.subqueries] == ["présidente", "presidente"]


def test_excerpt_is_short_escaped_and_marks_every_word_found():
    text = "Un début. " * 30 + "<b>La présidente</b> et la Présidente sortante. " + "Fin. " * 60

    passage = excerpt(text, "presidente")

    assert passage.startswith("…")
    assert passage.endswith("…")
    assert "&lt;b&gt;La <mark>présidente</mark>&lt;/b&gt;" in passage
    assert "<mark>Présidente</mark> sortante" in passage
    assert len(passage) < 400


def test_excerpt_runs_from_the_start_of_the_sentence_to_the_end_of_one():
    text = "Une phrase sans le mot. " * 8 + "La présidente remercie les membres. " + "Autre. " * 40

    passage = excerpt(text, "presidente")

    assert passage.startswith("…La <mark>présidente</mark> remercie les membres.")
    assert passage.endswith(" Autre.…")  # At the end of a sentence.
    assert len(passage) < 260


def test_excerpt_of_text_without_the_words_is_empty():
    assert excerpt("Rien à voir.", "presidente") == ""
    assert excerpt("", "presidente") == ""


def test_query_with_markup_is_escaped_in_the_passage(client, report):
    html = results(client, "/fr/recherche/", "<mark>présidente</mark>")

    assert "&lt;mark&gt;présidente&lt;/mark&gt;" in html
    assert html.count("<mark>") == html.count("</mark>")


# "Did you mean"


def suggested_link(html):
    """(address, text) of the suggestion's link, or None."""
    [paragraph] = re.findall(r'<p class="search-suggestion">(.*?)</p>', html, re.S)
    found = re.search(r'<a href="([^"]*)">(.*?)</a>', paragraph)
    return (unescape(found[1]), found[2]) if found else None


@pytest.mark.parametrize(
    ("url", "typed", "suggested"),
    [
        ("/fr/recherche/", "presidnte", "présidente"),
        ("/fr/recherche/", "présidente adminstration", "présidente administration"),
        ("/en/search/", "chiar", "chair"),
    ],
)
def test_a_query_that_finds_nothing_offers_the_site_s_own_words(
    client, report, url, typed, suggested
):
    html = results(client, url, typed)

    assert report.title not in html and "Annual report 2021-2022" not in html
    link, text = suggested_link(html)
    assert text == suggested
    found = page_html(client.get(link))  # The suggestion finds the page.
    assert "search-result__excerpt" in found


def test_nothing_close_offers_a_hint_and_no_link(client, report):
    html = results(client, "/fr/recherche/", "zzxqwy")

    assert suggested_link(html) is None
    assert "Vérifiez l’orthographe" in html


def test_a_suggestion_escapes_what_was_typed(client, report):
    html = results(client, "/fr/recherche/", '<script>alert(1)</script> presidnte"')

    assert "<script>alert(1)</script>" not in html
    assert html.count("<mark>") == html.count("</mark>")


def test_the_site_s_words_follow_what_is_published(client, report):
    """The vocabulary is kept until a change visitors see starts a new page cache generation."""
    assert suggested_link(results(client, "/fr/recherche/", "mutualisaton")) is None

    report.body.append(("text", "<p>La mutualisation des services.</p>"))
    report.save_revision().publish()

    assert suggested_link(results(client, "/fr/recherche/", "mutualisaton"))[1] == "mutualisation"
