"""Figures are shared, not copied: after an approval, the French and English pages of a report
show the same numbers, whatever the state of the English text (report/release.py); a string
not translated yet shows in French, marked `lang="fr"` (cms/fallback_language.py).

The URLs that show the figures, each checked: the report in both languages (/fr/…, /en/…), its
PDF (…/pdf/), the CSV of the figures block (…/data/<block id>.csv), the API
(/api/v2/pages/<id>/).
"""

import re

import pytest

from report import pdf
from report.models import ReportYearPage
from tests.editorial.helpers import REPORT_BODY, approve
from tests.editorial.release_helpers import (
    RELEASE_BODY,
    english_page,
    fresh,
    resubmit_report,
    submit_report,
    translate_release,
)
from tests.html import page_html, texts_in_language

pytestmark = pytest.mark.django_db

NEW_TEXT = "Une année record pour nos membres."


def changed_body():
    """The report's body with 68 577 hours become 70 125 and a new sentence."""
    figures = dict(REPORT_BODY[2][1])
    figures["figures"] = [{**figures["figures"][0], "value": "70125"}]
    body = list(RELEASE_BODY)
    body[1] = ("text", f"<p>{NEW_TEXT}</p>")
    body[2] = ("key_figures", figures)
    return body


def digits(text):
    """The numbers of `text` with their thousands separators (any space, comma) removed."""
    return re.sub(r"(?<=\d)[\s,\u202f\u00a0](?=\d{3})", "", text)


@pytest.fixture
def corrected(editor, approver, release, english):
    """Released in both languages, then the figure and a sentence changed and approved once."""
    report = release["report"]
    approve(approver, report, submit_report(editor, report))
    translate_release(editor, release, english)
    approve(approver, report, resubmit_report(editor, report))
    assert "70125" not in digits(page_html_of(english_page(report, english)))

    approve(approver, report, resubmit_report(editor, report, body=changed_body()))
    return fresh(report), english_page(report, english)


def page_html_of(page):
    from django.test import Client

    return page_html(Client().get(page.url))


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
