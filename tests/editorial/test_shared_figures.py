"""Figures are shared, not copied: after an approval, the French and English pages of a report
show the same numbers, whatever the state of the English text (report/release.py); a string
not translated yet shows in French, marked `lang="fr"` (cms/fallback_language.py).

The URLs that show the figures, each checked: the report in both languages (/fr/…, /en/…), its
PDF (…/pdf/), the CSV of the figures block (…/data/<block id>.csv), the API
(/api/v2/pages/<id>/).
"""

import pytest

from report import pdf
from report.models import ReportYearPage
from tests.editorial.release_helpers import NEW_TEXT, digits, page_html_of
from tests.html import texts_in_language

pytestmark = pytest.mark.django_db


def test_both_languages_show_the_new_figure_after_one_approval(corrected):
    french, english = corrected
    for page in (french, english):
        text = digits(page_html_of(page))
        assert "70125" in text and "68577" not in text


def test_the_new_sentence_shows_in_french_marked_as_french(corrected, client):
    _french, english = corrected
    assert NEW_TEXT in texts_in_language(client.get(english.url), "fr")


def test_the_csv_api_and_pdf_show_the_new_figure_in_english(corrected, client, rf):
    _french, english = corrected
    figures_block = next(child for child in english.body if child.block_type == "key_figures")

    csv = client.get(f"{english.url}data/{figures_block.id}.csv")
    api = client.get(f"/api/v2/pages/{english.id}/")
    html = pdf.render_html(
        ReportYearPage.objects.get(pk=english.pk),
        rf.get(english.url),
        {"messages": [], "projects": []},
    )

    assert csv.status_code == 200 and "70125" in digits(csv.content.decode())
    assert api.status_code == 200 and "70125" in digits(api.content.decode())
    assert "70125" in digits(html) and "68577" not in digits(html)
    assert client.get(f"{english.url}pdf/").status_code == 200
