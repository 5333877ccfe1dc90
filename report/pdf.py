"""The report as a PDF: cover, contents, every section, its messages and projects in full.

Made with WeasyPrint from `templates/report/pdf/report.html` and the site's stylesheets with
`static/css/print.css`, in the report's language, as a PDF/UA-1 document (report/pdf_ua.py
completes WeasyPrint's tags). One PDF is made per published revision and language, on its first
request, and kept in the default storage (`reports/pdf/`); later requests are served from
there. The file is named after the report, its live revision, its language and a digest of
what the PDF is made of: the HTML given to WeasyPrint, the stylesheets, WeasyPrint's version
and report/pdf_ua.py. Publishing the report or one of its pages, changing the site settings
(name, colours, logo, contact details), the board or the members a block lists, a translation,
the templates or the styles: anything that changes the PDF makes a new one when next asked for;
nothing else does (a draft, another page). Only a live, public report has a PDF: never a
draft, a preview or a report restricted to some visitors (the file would be public).

WeasyPrint reads the stylesheets and images from the disk and the storage, never over HTTP:
`LocalFilesFetcher` maps the static and media URLs to their files and refuses any other URL.

Knowing the name costs rendering the HTML (a tenth of a second); WeasyPrint, twenty times
that, runs only for a new name, and the page cache keeps the answer. This module is imported
only when a PDF is asked for: WeasyPrint takes half a second to load.
"""

import hashlib
import itertools
import logging
import mimetypes
import posixpath
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import weasyprint
from django.apps import apps
from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.text import slugify
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

from cms import fallback_language
from cms.typography import typeset_html
from cms.visibility import public
from report import pdf_ua
from report.blocks.people import ReportPagesBlock
from report.blocks.sections import group_into_sections
from report.opendata import offers_downloads

logger = logging.getLogger(__name__)

PDF_DIRECTORY = "reports/pdf"
# The stylesheets of templates/report/pdf/report.html, in its order.
PDF_STYLESHEETS = ("css/site.css", "css/print.css")
PAGE_TYPES = {"messages": "report.MessagePage", "projects": "report.ProjectPage"}
PAGE_TYPE_HEADINGS = {"messages": _("Messages"), "projects": _("Structuring projects")}
# A message or project in full (templates/report/pdf/message.html, project.html), and the
# opening and closing tags of headings.
ARTICLE = re.compile(r'<article class="pdf-article\b.*?</article>', re.DOTALL)
HEADING_TAG = re.compile(r"<(/?)h([1-6])\b", re.IGNORECASE)


# The report's pages, shown in full


def report_child_pages(page):
    """{"messages": [...], "projects": [...]}: the live, public pages under the report."""
    pages = {}
    for page_type, model_name in PAGE_TYPES.items():
        model = apps.get_model(model_name)
        queryset = public(model.objects.child_of(page).live()).order_by("path")
        if page_type == "messages":
            queryset = queryset.select_related("author", "author__photo", "portrait")
        pages[page_type] = list(queryset)
    return pages


def content_digest(html):
    """A short digest of what the PDF is made of: the HTML, the stylesheets (their addresses do
    not change with their content outside production's hashed names), WeasyPrint's version and
    the completion of its tags (report/pdf_ua.py)."""
    digest = hashlib.sha256(html.encode())
    for stylesheet in PDF_STYLESHEETS:
        with open_static_file(stylesheet) as file:
            digest.update(file.read())
    digest.update(weasyprint.__version__.encode())
    digest.update(Path(pdf_ua.__file__).read_bytes())
    return digest.hexdigest()[:16]


def storage_name(page, language, html):
    """reports/pdf/<page id>-<revision id>-<language>-<digest of its content>.pdf."""
    revision = page.live_revision_id or 0
    return f"{PDF_DIRECTORY}/{page.pk}-{revision}-{language}-{content_digest(html)}.pdf"


def download_name(page, language):
    """rapport-annuel-2021-2022-fr.pdf / annual-report-2021-2022-en.pdf."""
    with translation.override(language):
        # Translators: the start of the PDF's file name, lower case with hyphens.
        name = slugify(gettext("annual-report")) or "report"
    return f"{name}-{page.fiscal_year_label}-{language}.pdf"


# What the PDF's template shows


@dataclass
class PdfItem:
    """A block of the body, or the pages a "messages or projects" block stands for."""

    block: object
    pages: list | None = None
    page_type: str = ""

    @property
    def heading_level(self):
        """The pages' titles: under the block's heading if it has one, else under the section."""
        return 4 if self.block.value.get("heading") else 3


@dataclass
class PdfSection:
    heading_block: object
    items: list = field(default_factory=list)

    @property
    def anchor(self):
        return self.heading_block.value["anchor"] if self.heading_block else None


@dataclass
class PdfAppendix:
    """Pages of a kind that no block of the body shows, added after the sections."""

    anchor: str
    heading: str
    page_type: str
    pages: list


def pdf_sections(page, child_pages):
    """The body's sections; the first "messages or projects" block of each kind holds its pages
    in full (a second one of the same kind would repeat them, so it is left out)."""
    placed = set()
    sections = []
    for section in group_into_sections(page.body):
        items = []
        for child in section.blocks:
            if isinstance(child.block, ReportPagesBlock):
                page_type = child.value["page_type"]
                if page_type not in placed:
                    placed.add(page_type)
                    items.append(PdfItem(child, child_pages.get(page_type, []), page_type))
                continue
            items.append(PdfItem(child))
        sections.append(PdfSection(section.heading_block, items))
    appendices = [
        PdfAppendix(f"pdf-{page_type}", str(PAGE_TYPE_HEADINGS[page_type]), page_type, pages)
        for page_type, pages in child_pages.items()
        if pages and page_type not in placed
    ]
    return sections, appendices


def render_html(page, request, child_pages):
    context = page.get_context(request)
    sections, appendices = pdf_sections(page, child_pages)
    title = gettext("Annual report %(year)s") % {"year": page.fiscal_year_label}
    context.update(
        {
            "pdf_title": f"{title} – {page.theme}" if page.theme else title,
            "pdf_sections": sections,
            "pdf_stylesheets": PDF_STYLESHEETS,
            "appendices": appendices,
            "table_of_contents": [
                *context["table_of_contents"],
                *((appendix.anchor, appendix.heading) for appendix in appendices),
            ],
        }
    )
    html = render_to_string("report/pdf/report.html", context, request=request)
    # Set in the typography of its languages, as the pages are (web.middleware).
    html = typeset_html(nest_article_headings(html))
    return mark_untranslated_strings(html, [page, *itertools.chain(*child_pages.values())])


def nest_article_headings(html):
    """The messages and projects are written under their own page's h1: in the PDF, under their
    title's level (h3 or h4), each of their headings moves down by as much (h6 at most), so that
    no level is skipped and an editor's heading stays inside its article (and out of the
    outline). An article's first heading is its title."""
    return ARTICLE.sub(lambda article: nest_headings(article.group()), html)


def nest_headings(article):
    tags = list(HEADING_TAG.finditer(article))
    if len(tags) < 2:
        return article
    offset = int(tags[0].group(2)) - 1
    title_end = tags[1].end()

    def moved(tag):
        return f"<{tag.group(1)}h{min(6, int(tag.group(2)) + offset)}"

    return article[:title_end] + HEADING_TAG.sub(moved, article[title_end:])


def mark_untranslated_strings(html, pages):
    """The strings of the report and its pages not translated yet, marked with their language
    (cms/fallback_language.py): the PDF's reader reads them with the right voice."""
    found = [fallback_language.untranslated_strings(page) for page in pages]
    found = [result for result in found if result is not None]
    if not found:
        return html
    texts = set().union(*(texts for _language, texts in found))
    return fallback_language.mark_untranslated(html, found[0][0], texts)


# WeasyPrint


class LocalFilesFetcher(URLFetcher):
    """Reads the static and media files that the PDF's HTML refers to from the disk (through
    their storages); refuses any other URL, so that making a PDF never waits on the network."""

    def __init__(self, base_url):
        super().__init__(allowed_protocols=["http", "https", "file", "data"])
        self.sources = (
            (urljoin(base_url, settings.STATIC_URL), open_static_file),
            (urljoin(base_url, settings.MEDIA_URL), default_storage.open),
        )

    def fetch(self, url, headers=None):
        if url.startswith("data:"):
            return super().fetch(url, headers)
        for prefix, open_file in self.sources:
            if url.startswith(prefix):
                name = file_name(url.removeprefix(prefix))
                with open_file(name) as file:
                    body = file.read()
                content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
                return URLFetcherResponse(url, body, {"Content-Type": content_type})
        raise ValueError(f"The PDF reads only static and media files, not {url}")


def file_name(path):
    """The storage name of a URL's path, refusing a way out of the storage ("..")."""
    name = unquote(urlsplit(path).path)
    normalized = posixpath.normpath(name)
    if not name or normalized.startswith(("/", "..")) or normalized != name.rstrip("/"):
        raise ValueError(f"Not a file name: {path}")
    return normalized


def open_static_file(name):
    """A static file: collected (with its hashed name in production), else from the finders."""
    if staticfiles_storage.exists(name):
        return staticfiles_storage.open(name)
    path = finders.find(name)
    if not path:
        raise FileNotFoundError(name)
    return open(path, "rb")  # Closed by the caller's `with`.


def render_pdf(html, base_url):
    document = HTML(string=html, base_url=base_url, url_fetcher=LocalFilesFetcher(base_url))
    # PDF/UA-1: tagged (screen readers follow the headings, lists and tables), with its language,
    # its title shown, and XMP metadata that declares it; report/pdf_ua.py completes the tags.
    return document.write_pdf(pdf_variant="pdf/ua-1", finisher=pdf_ua.finish_structure)


# Serving


def stored_pdf(page, request):
    """The storage name of the report's PDF in its language, made now if it does not exist."""
    language = page.locale.language_code
    with translation.override(language):
        html = render_html(page, request, report_child_pages(page))
    name = storage_name(page, language, html)
    if default_storage.exists(name):
        return name
    with translation.override(language):
        pdf = render_pdf(html, request.build_absolute_uri("/"))
    if default_storage.exists(name):  # Made meanwhile by another request.
        return name
    saved = default_storage.save(name, ContentFile(pdf))
    if saved != name:
        default_storage.delete(saved)
    else:
        remove_older_pdfs(page, language, keep=name)
    return name


def remove_older_pdfs(page, language, keep):
    """The PDFs of the report's earlier revisions in this language are no longer served."""
    try:
        _directories, files = default_storage.listdir(PDF_DIRECTORY)
    except (NotImplementedError, OSError):
        return
    keep = posixpath.basename(keep)
    for file in files:
        page_id, _revision, file_language, *_rest = [*file.split("-"), "", "", ""]
        if page_id == str(page.pk) and file_language == language and file != keep:
            try:
                default_storage.delete(f"{PDF_DIRECTORY}/{file}")
            except OSError:
                logger.warning("Could not remove the old report PDF %s", file)


def serve_report_pdf(page, request):
    if not offers_downloads(page, request):
        raise Http404
    name = stored_pdf(page, request)
    return FileResponse(
        default_storage.open(name),
        as_attachment=True,
        filename=download_name(page, page.locale.language_code),
        content_type="application/pdf",
    )
