"""The editor previews the report in its print layout (the PDF's HTML) before publishing."""

import re
from unittest import mock

import pytest
from django.conf import settings
from django.core.files.storage import default_storage

from report import pdf
from tests.editorial.helpers import REPORT_TITLE, SECRET_WORD, add_url, create_draft, report_form
from tests.html import page_html

pytestmark = pytest.mark.django_db


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def draft(editor, report_index, media_root):
    return create_draft(editor, report_index)


def preview(editor, url, form, mode):
    state = editor.post(url, form)
    assert state.json() == {"is_valid": True, "is_available": True}
    return editor.get(f"{url}?mode={mode}" if mode else url)


def test_report_offers_screen_and_print_previews(draft):
    assert [mode for mode, _label in draft.preview_modes] == ["", "print"]
    assert draft.default_preview_mode == ""


def test_print_preview_shows_the_draft_in_the_pdf_layout(editor, draft):
    url = f"/admin/pages/{draft.id}/edit/preview/"
    form = report_form(slug=draft.slug, theme="Un thème encore en travail")

    with (
        mock.patch("report.pdf.stored_pdf", wraps=pdf.stored_pdf) as stored,
        mock.patch("report.pdf.render_pdf", wraps=pdf.render_pdf) as rendered,
    ):
        response = preview(editor, url, form, "print")

    assert response.status_code == 200
    html = page_html(response)
    assert 'class="page-report report-pdf"' in html
    assert "css/print.css" in html
    assert REPORT_TITLE in html
    assert "Un thème encore en travail" in html  # The form's content, not the saved draft's.
    assert f"Une année marquée par l’{SECRET_WORD} du Consortium." in html
    # The stored PDFs are neither read nor made.
    stored.assert_not_called()
    rendered.assert_not_called()
    assert not default_storage.exists(pdf.PDF_DIRECTORY)


def test_screen_preview_is_the_page_as_visitors_see_it(editor, draft):
    url = f"/admin/pages/{draft.id}/edit/preview/"
    response = preview(editor, url, report_form(slug=draft.slug), "")

    assert response.status_code == 200
    html = page_html(response)
    assert "report-pdf" not in html
    assert f"Une année marquée par l’{SECRET_WORD} du Consortium." in html


def test_print_preview_of_a_published_report_shows_its_draft(editor, approver, draft, client):
    draft.get_latest_revision().publish()
    url = f"/admin/pages/{draft.id}/edit/preview/"
    form = report_form(slug=draft.slug, introduction="Une introduction pas encore publiée.")

    html = page_html(preview(editor, url, form, "print"))

    assert "Une introduction pas encore publiée." in html
    assert "Une introduction pas encore publiée." not in page_html(client.get(draft.url))
    assert not default_storage.exists(pdf.PDF_DIRECTORY)


def test_print_preview_of_a_new_report(editor, report_index, media_root):
    url = f"{add_url(report_index)}preview/"
    response = preview(editor, url, report_form(), "print")

    assert response.status_code == 200
    assert 'class="page-report report-pdf"' in page_html(response)
    assert REPORT_TITLE in page_html(response)


def test_print_preview_is_for_editors_only(client, draft):
    response = client.get(f"/admin/pages/{draft.id}/edit/preview/?mode=print")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def print_stylesheet():
    return (settings.BASE_DIR / "static" / "css" / "print.css").read_text()


def test_print_preview_on_screen_sets_the_text_on_a_sheet_with_the_pdfs_margins():
    """Browsers read @page only when printing: on screen the preview draws the sheet itself."""
    css = print_stylesheet()
    page_margin = re.search(r"@page\s*\{[^}]*?margin:\s*([^;]+);", css).group(1)
    screen = css[css.index("@media screen") :]
    sheet = re.search(r"\.report-pdf \.report\s*\{([^}]*)\}", screen).group(1)

    assert re.search(r"@page\s*\{[^}]*size:\s*letter;", css)
    assert f"padding: {page_margin};" in sheet
    assert "width: 21.59cm;" in sheet  # 8.5 inches: Letter paper.


@pytest.mark.parametrize("mode", ["", "print"])
def test_both_previews_are_set_in_french_typography(editor, draft, mode):
    url = f"/admin/pages/{draft.id}/edit/preview/"
    form = report_form(slug=draft.slug, theme="L'audace : s'adapter")

    html = preview(editor, url, form, mode).content.decode()

    assert "L’audace\u00a0: s’adapter" in html
    assert "L&#x27;audace : s" not in html
