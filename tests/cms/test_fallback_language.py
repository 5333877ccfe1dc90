"""How an English page marks the strings it shows in French (cms/fallback_language.py)."""

from bs4 import BeautifulSoup

from cms.fallback_language import mark_untranslated

FRENCH = {"Une année record.", "Heures de services", "Le projet wombat."}


def marked(html):
    soup = BeautifulSoup(mark_untranslated(html, "fr", FRENCH), "html.parser")
    return [
        (element.name, " ".join(element.get_text().split())) for element in soup.select("[lang]")
    ]


def test_an_element_whose_text_is_french_gets_the_language():
    html = "<main><p>Une année record.</p><p>A record year.</p></main>"
    assert marked(html) == [("p", "Une année record.")]


def test_a_french_string_with_inline_markup_marks_its_paragraph():
    html = "<main><p>Le <b>projet</b> wombat.</p></main>"
    assert marked(html) == [("p", "Le projet wombat.")]


def test_a_french_string_within_a_longer_text_is_wrapped():
    html = "<main><td>68,577 Heures de services</td></main>"
    assert marked(html) == [("span", "Heures de services")]


def test_the_head_and_english_text_are_left_alone():
    html = "<html><head><title>Une année record.</title></head><main><p>Hours</p></main></html>"
    assert marked(html) == []
