"""The report's PDF: the whole report in the visitor's language, made once per published revision.

Making a PDF takes about a second: the demo report's PDF is made three times in this module (in
French, again after a new publication, and in English); the other tests make none.
"""

import datetime
import io
import re
from decimal import Decimal
from types import SimpleNamespace
from unittest import mock

import pytest
import wagtail_factories
from django.core.files.storage import default_storage
from django.test import RequestFactory
from pypdf import PdfReader
from wagtail.models import Locale, PageViewRestriction

from cms.typography import typeset
from home.models import SiteSettings
from report import figure_format, opendata, pdf
from report.models import MessagePage, ProjectPage, ReportYearPage
from tests.factories import StandardPageFactory, SuperUserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def media_root(settings, tmp_path):
    """PDFs and images in a folder of this test: a stored PDF of another run is never served."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def demo_report(demo_content, db, media_root):
    return ReportYearPage.objects.get(locale__language_code="fr")


@pytest.fixture
def render_pdf():
    """Counts the PDFs made, and makes them."""
    with mock.patch("report.pdf.render_pdf", wraps=pdf.render_pdf) as spy:
        yield spy


def plain(text):
    """Text with its no-break spaces as spaces and runs of white space folded, as in a PDF."""
    return " ".join(text.replace("\u00a0", " ").replace("\u202f", " ").split())


def shown(text, language):
    """An editor's text as the PDF shows it: in the language's typography."""
    return plain(typeset(str(text), language))


def pdf_text(content):
    reader = PdfReader(io.BytesIO(content))
    # A line may end after the hyphen of a compound word (work-family).
    return plain(" ".join(page.extract_text() for page in reader.pages).replace("-\n", "-"))


def get_pdf(client, report):
    response = client.get(f"{report.url}pdf/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    content = b"".join(response.streaming_content)
    assert content.startswith(b"%PDF-")
    return response, content


def stored_pdfs():
    return sorted(default_storage.listdir(pdf.PDF_DIRECTORY)[1])


def children(report, model):
    return list(model.objects.child_of(report).live().order_by("path"))


def assert_holds_the_whole_report(text, report, language):
    assert shown(report.title, language) in text
    assert shown(report.theme, language) in text
    # The demonstration's report does not state its dates: only its year.
    assert not report.fiscal_year_dates_stated
    assert report.fiscal_year_label in text
    assert plain(figure_format.long_date(report.fiscal_year_start, language)) not in text
    assert plain(figure_format.long_date(report.general_assembly_date, language)) in text
    headings = [child.value["heading"] for child in report.body if child.block_type == "section"]
    assert len(headings) == 9
    for heading in headings:
        assert plain(heading) in text
    messages = children(report, MessagePage)
    projects = children(report, ProjectPage)
    assert len(messages) == 2 and len(projects) == 2
    for message in messages:
        # In full: the headline and the signature, not a teaser.
        assert shown(message.title, language) in text
        assert shown(message.headline, language) in text
        assert shown(message.author.name_with_honorific, language) in text
    for project in projects:
        assert shown(project.title, language) in text
        parts = [*project.activities, *project.outcomes]
        assert parts
        for part in parts:
            assert shown(part.value, language) in text
        for team in project.teams:
            assert shown(team.value["name"], language) in text
    # The financial table, its computed surplus (deficit) and variance, the key figures, the
    # timeline's dates and the social-media figures, written for the language.
    for figure in [
        figure_format.amount(4618760, language),
        figure_format.amount(-29779, language),
        figure_format.amount(547975, language),
        figure_format.signed_percent(Decimal("1.03"), 1, language),
        figure_format.figure(68577, "hours", language),
        figure_format.figure(Decimal("8.2"), "score10", language),
        figure_format.number(5554, language_code=language),
        figure_format.long_date(datetime.date(2021, 6, 3), language),
    ]:
        assert plain(figure) in text, figure


def test_french_pdf_is_the_whole_report_made_once_per_published_revision(
    client, demo_report, render_pdf
):
    response, content = get_pdf(client, demo_report)

    assert re.fullmatch(
        r'attachment; filename="[a-z-]+-2021-2022-fr\.pdf"', response["Content-Disposition"]
    )
    text = pdf_text(content)
    assert_holds_the_whole_report(text, demo_report, "fr")
    assert "4 618 760 $" in text and "(29 779) $" in text and "+1,0 %" in text
    assert "$4,618,760" not in text
    # Stored under the report's live revision and language.
    [stored] = stored_pdfs()
    assert stored.startswith(f"{demo_report.pk}-{demo_report.live_revision_id}-fr-")
    assert render_pdf.call_count == 1

    # Served from the storage the next time, and a draft changes nothing.
    demo_report.theme = "Un thème encore en brouillon"
    demo_report.save_revision()
    _response, again = get_pdf(client, demo_report)
    assert again == content
    assert render_pdf.call_count == 1

    # A new publication makes a new PDF, with its cover image read from the storage.
    demo_report = ReportYearPage.objects.get(pk=demo_report.pk)
    demo_report.theme = "Un thème publié"
    demo_report.cover_image = wagtail_factories.ImageFactory(title="Couverture")
    demo_report.save_revision().publish()
    demo_report.refresh_from_db()
    _response, new = get_pdf(client, demo_report)

    assert render_pdf.call_count == 2
    new_text = pdf_text(new)
    assert "Un thème publié" in new_text
    assert "brouillon" not in new_text
    assert PdfReader(io.BytesIO(new)).pages[0].images, "the cover image is in the PDF"
    # The PDF of the earlier revision is removed.
    [stored] = stored_pdfs()
    assert stored.startswith(f"{demo_report.pk}-{demo_report.live_revision_id}-fr-")


def test_english_pdf_is_in_english(client, demo_report, render_pdf):
    english = demo_report.get_translation(Locale.objects.get(language_code="en"))

    response, content = get_pdf(client, english)

    assert response["Content-Disposition"].endswith('-2021-2022-en.pdf"')
    text = pdf_text(content)
    assert_holds_the_whole_report(text, english, "en")
    assert "$4,618,760" in text and "($29,779)" in text and "+1.0%" in text
    assert "4 618 760 $" not in text
    assert render_pdf.call_count == 1


def test_republishing_a_message_makes_a_new_pdf(
    client, media_root, report, message, project, render_pdf
):
    """The PDF holds the messages and projects in full: their publication counts too."""
    get_pdf(client, report)

    message.headline = "Un nouveau titre"
    message.save_revision().publish()
    _response, content = get_pdf(client, report)

    assert render_pdf.call_count == 2
    assert "Un nouveau titre" in pdf_text(content)
    [stored] = stored_pdfs()
    assert stored.startswith(f"{report.pk}-{report.live_revision_id}-fr-")


def test_new_site_settings_make_a_new_pdf_and_nothing_else_does(
    client, media_root, report, message, render_pdf
):
    """The PDF shows the organisation's name and colours: a change of them is a new PDF. A
    change that does not show in it (a draft, another page) keeps the stored one."""
    get_pdf(client, report)
    message.headline = "Un titre encore en brouillon"
    message.save_revision()
    StandardPageFactory(parent=report.get_parent().get_parent(), title="Une autre page")
    get_pdf(client, report)
    assert render_pdf.call_count == 1

    site_settings = SiteSettings.for_site(report.get_site())
    site_settings.organisation_name = "Consortium coopératif renommé"
    site_settings.brand_colour = "#1d4e89"
    site_settings.logo = wagtail_factories.ImageFactory(title="Logo")
    site_settings.save()
    _response, content = get_pdf(client, report)

    assert render_pdf.call_count == 2
    assert "Consortium coopératif renommé" in pdf_text(content)
    # The cover: the logo beside the name (the report has no cover image: its art is drawn).
    assert len(PdfReader(io.BytesIO(content)).pages[0].images) == 1
    assert len(stored_pdfs()) == 1


def test_the_report_page_links_its_pdf_and_print_stylesheet(client, report):
    html = client.get(report.url).content.decode()

    assert f'href="{report.url}pdf/"' in html
    assert 'href="/static/css/print.css" media="print"' in html


def test_no_pdf_for_an_unpublished_report(client, report, render_pdf):
    url = f"{report.url}pdf/"
    report.unpublish()

    assert client.get(url).status_code == 404
    assert client.get(report.url).status_code == 404
    assert render_pdf.call_count == 0


def test_no_pdf_for_a_draft_report(client, report_index, render_pdf):
    draft = report_index.add_child(
        instance=ReportYearPage(
            title="Rapport annuel 2022-2023",
            slug="2022-2023",
            fiscal_year_start=datetime.date(2022, 4, 1),
            fiscal_year_end=datetime.date(2023, 3, 31),
            live=False,
        )
    )
    draft.save_revision()

    assert client.get(f"{report_index.url}2022-2023/pdf/").status_code == 404
    assert render_pdf.call_count == 0


def test_no_pdf_for_a_private_report(client, report, render_pdf):
    PageViewRestriction.objects.create(page=report, restriction_type=PageViewRestriction.LOGIN)
    url = f"{report.url}pdf/"

    # 404, not a login form: a private report has no PDF, even for those who may read it.
    assert client.get(url).status_code == 404
    client.force_login(SuperUserFactory())
    assert client.get(url).status_code == 404
    page = client.get(report.url)
    assert page.status_code == 200
    assert f'href="{url}"' not in page.content.decode()
    assert render_pdf.call_count == 0


def test_a_preview_offers_no_pdf(report, render_pdf):
    report.theme = "Thème en brouillon"
    response = report.make_preview_request()

    html = response.content.decode()
    assert "Thème en brouillon" in html
    assert "pdf/" not in html
    assert not opendata.offers_downloads(report, SimpleNamespace(is_preview=True))
    assert render_pdf.call_count == 0


def test_weasyprint_reads_static_and_media_files_from_the_disk(media_root):
    default_storage.save("images/pixel.txt", io.BytesIO(b"media"))
    fetcher = pdf.LocalFilesFetcher("http://testserver/")

    stylesheet = fetcher.fetch("http://testserver/static/css/print.css")
    assert b"@page" in stylesheet.read()
    assert stylesheet.content_type == "text/css"
    assert fetcher.fetch("http://testserver/media/images/pixel.txt").read() == b"media"
    assert fetcher.fetch("data:text/plain,hello").read() == b"hello"


@pytest.mark.parametrize(
    "url",
    [
        "http://example.org/static/css/print.css",
        "http://testserver/fr/rapports-annuels/",
        "http://testserver/static/../config/settings/base.py",
        "http://testserver/static/%2e%2e/config/settings/base.py",
        "http://testserver/media/../db.sqlite3",
        "http://testserver/static/css/missing.css",
        "file:///etc/passwd",
    ],
)
def test_weasyprint_reads_nothing_else(url, media_root):
    fetcher = pdf.LocalFilesFetcher("http://testserver/")

    with pytest.raises((ValueError, OSError)):
        fetcher.fetch(url)


def test_pdf_template_renders_without_weasyprint(report, message, project):
    """The HTML given to WeasyPrint: cover, contents, sections, messages and projects in full."""
    request = RequestFactory().get(report.url)
    request.user = mock.Mock(is_authenticated=False)

    html = pdf.render_html(report, request, pdf.report_child_pages(report))

    assert '<h1 id="report-title">Rapport annuel 2021-2022</h1>' in html
    assert 'href="#affaires-financieres"' in html
    # The message and the project, which no block of this report shows, follow the sections.
    assert "Préparons aujourd’hui le monde de demain" in html
    assert "Merci aux membres." in html
    assert "Obtention du certificat" in html
    assert 'href="/static/css/print.css"' in html
