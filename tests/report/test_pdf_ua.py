"""The report's PDF as a designed, accessible document: PDF/UA-1, checked by a PDF/UA checker
(page-validation, which applies veraPDF's PDF/UA-1 rules without a JVM) and by our own reading
of its structure with pikepdf, one test per requirement; its pages filled, its board whole.

The demonstration report's PDF is made once per language for the module (about five seconds
each), through its address, as a visitor downloads it.
"""

import io
import itertools
import re
from dataclasses import dataclass

import page as pdf_checker
import pikepdf
import pytest
from django.test import Client, override_settings
from pypdf import PdfReader
from wagtail.models import Locale

from cms.typography import typeset
from home.models import SiteSettings
from report.blocks.people import ReportPagesBlock
from report.blocks.sections import group_into_sections
from report.models import MessagePage, ProjectPage, ReportYearPage

CM = 72 / 2.54
# templates/report/pdf/report.html's page margins (print.css's @page): the text area of a page.
TOP_MARGIN, BOTTOM_MARGIN = 2 * CM, 2.2 * CM
# A page is near empty below this share of its text area's height.
NEAR_EMPTY = 0.25
HEADINGS = {f"/H{level}": level for level in range(1, 7)}


@dataclass
class MadePdf:
    content: bytes
    language: str
    outline_expected: list
    board_members: list
    brand_colours: list
    organisation: str

    @property
    def structure(self):
        """The PDF opened with pikepdf: keep it in a variable while its objects are read."""
        return pikepdf.open(io.BytesIO(self.content))

    @property
    def reader(self):
        return PdfReader(io.BytesIO(self.content))


def make_pdf(report, language):
    response = Client().get(f"{report.url}pdf/")
    assert response.status_code == 200
    html = Client().get(report.url).content.decode()
    site_settings = SiteSettings.for_site(report.get_site())
    return MadePdf(
        content=b"".join(response.streaming_content),
        language=language,
        outline_expected=expected_outline(report, language),
        board_members=re.findall(r'<span class="board-member__name">([^<]+)</span>', html),
        brand_colours=[site_settings.brand_colour, site_settings.accent_colour],
        organisation=site_settings.display_name,
    )


@pytest.fixture(scope="module")
def demo_pdfs(demo_content, django_db_blocker, tmp_path_factory):
    with (
        django_db_blocker.unblock(),
        override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("media")),
    ):
        french = ReportYearPage.objects.get(locale__language_code="fr")
        english = french.get_translation(Locale.objects.get(language_code="en"))
        return {"fr": make_pdf(french, "fr"), "en": make_pdf(english, "en")}


@pytest.fixture(params=["fr", "en"])
def made(request, demo_pdfs, db):
    return demo_pdfs[request.param]


@pytest.fixture
def french(demo_pdfs, db):
    return demo_pdfs["fr"]


def plain(text, language):
    """Text as the PDF sets it (the language's typography), its spaces folded."""
    text = typeset(str(text), language).replace("\u00a0", " ").replace("\u202f", " ")
    return " ".join(text.split())


def expected_outline(report, language):
    """(depth, title): each section, and under it the messages and projects it shows in full."""
    children = {
        page_type: list(model.objects.child_of(report).live().order_by("path"))
        for page_type, model in (("messages", MessagePage), ("projects", ProjectPage))
    }
    outline = []
    for section in group_into_sections(report.body):
        if section.heading_block:
            outline.append((0, plain(section.heading_block.value["heading"], language)))
        for block in section.blocks:
            if isinstance(block.block, ReportPagesBlock):
                pages = children.pop(block.value["page_type"], [])
                outline += [(1, plain(page.title, language)) for page in pages]
    assert not any(children.values()), "the demonstration shows every page in a section"
    return outline


# Reading the structure tree


def kids(element):
    found = element.get("/K")
    if found is None:
        return []
    return list(found) if isinstance(found, pikepdf.Array) else [found]


def elements(element):
    """(element, parent) for every structure element under `element`, in reading order."""
    for kid in kids(element):
        if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
            yield kid, element
            yield from elements(kid)


def tree_elements(document):
    return list(elements(document.Root.StructTreeRoot))


def marked_content_in_tree_order(document):
    """{page index: [MCID, …]} in the order the structure tree reads them."""
    page_index = {page.objgen: index for index, page in enumerate(document.pages)}
    order = {index: [] for index in page_index.values()}

    def walk(element, page):
        if "/Pg" in element:
            page = page_index[element.Pg.objgen]
        for kid in kids(element):
            if isinstance(kid, int):
                order[page].append(int(kid))
            elif isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/MCR":
                order[page_index[kid.Pg.objgen]].append(int(kid.MCID))
            elif isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
                walk(kid, page)

    walk(document.Root.StructTreeRoot, None)
    return order


def marked_content_as_drawn(page):
    return [
        int(operands[1].MCID)
        for operands, operator in pikepdf.parse_content_stream(page)
        if str(operator) == "BDC"
        and isinstance(operands[1], pikepdf.Dictionary)
        and "/MCID" in operands[1]
    ]


def page_texts(page):
    """(tagged text, artifact text, heights of the tagged text's lines) of a page (pypdf)."""
    artifact_depth = []
    tagged, artifacts, heights = [], [], []

    def before(operator, operands, matrix, text_matrix):
        if operator in (b"BDC", b"BMC"):
            artifact_depth.append(str(operands[0]) == "/Artifact")
        elif operator == b"EMC" and artifact_depth:
            artifact_depth.pop()

    def text(content, matrix, text_matrix, font, size):
        if not content.strip():
            return
        if any(artifact_depth):
            artifacts.append(content)
            return
        tagged.append(content)
        x, y = text_matrix[4], text_matrix[5]
        heights.append(matrix[1] * x + matrix[3] * y + matrix[5])

    page.extract_text(visitor_operand_before=before, visitor_text=text)
    return " ".join(" ".join(tagged).split()), " ".join(" ".join(artifacts).split()), heights


def page_fill(page):
    """The share of the page's text area between its first and its last line of text."""
    _text, _artifacts, heights = page_texts(page)
    top = float(page.mediabox.height) - TOP_MARGIN
    inside = [height for height in heights if BOTTOM_MARGIN <= height <= top]
    if not inside:
        return 0
    return (max(inside) - min(inside)) / (top - BOTTOM_MARGIN)


def outline_entries(reader):
    entries = []

    def walk(items, depth):
        for item in items:
            if isinstance(item, list):
                walk(item, depth + 1)
            else:
                entries.append((depth, item.title, reader.get_destination_page_number(item)))

    walk(reader.outline, 0)
    return entries


# A PDF/UA checker


def test_a_pdf_ua_checker_finds_nothing_to_fix(made):
    report = pdf_checker.validate_pdf_bytes(made.content, profile="ua1")

    failures = [f"{failure.rule_id}: {failure.message}" for failure in report.failures]
    assert report.is_compliant, failures
    assert report.rules.total >= 100  # The whole PDF/UA-1 profile was applied.


def test_the_checker_tells_a_plain_tagged_pdf_from_a_pdf_ua(french):
    """The checker is not blind: the same PDF without its XMP claim fails."""
    document = french.structure
    del document.Root.Metadata
    without_claim = io.BytesIO()
    document.save(without_claim)

    report = pdf_checker.validate_pdf_bytes(without_claim.getvalue(), profile="ua1")

    assert not report.is_compliant
    assert "PDFUA1-ID-SCHEMA-001" in {failure.rule_id for failure in report.failures}


# Our reading of the structure, one test per requirement


def test_xmp_metadata_declares_pdf_ua_1_and_the_title(french):
    document = french.structure
    metadata = document.open_metadata()

    assert metadata["pdfuaid:part"] == "1"
    assert metadata["dc:title"] == "Rapport annuel 2021-2022 – L’audace de s’adapter"
    assert str(document.docinfo.Title) == metadata["dc:title"]


def test_the_pdf_is_marked_tagged(french):
    document = french.structure
    assert document.Root.MarkInfo.Marked is True


def test_the_pdf_states_its_language(made):
    document = made.structure
    assert str(document.Root.Lang) == f"{made.language}-CA"


def test_viewers_show_the_title_not_the_file_name(french):
    document = french.structure
    assert document.Root.ViewerPreferences.DisplayDocTitle is True


def test_every_list_item_is_in_a_list_and_holds_a_label_and_a_body(made):
    document = made.structure
    found = tree_elements(document)
    items = [(element, parent) for element, parent in found if element.S == "/LI"]

    assert len(items) > 100
    assert {str(parent.S) for _item, parent in items} == {"/L"}
    for element, parent in found:
        if parent.get("/S") == "/L":
            assert element.S in ("/L", "/LI", "/Caption"), element.S
        if parent.get("/S") == "/LI":
            assert element.S in ("/Lbl", "/LBody"), element.S


def test_every_table_header_cell_has_a_scope(french):
    document = french.structure
    found = tree_elements(document)
    headers = [element for element, _parent in found if element.S == "/TH"]

    scopes = [str(header.A.get("/Scope")) for header in headers]
    # The financial table: its columns' headers and its rows' labels.
    assert scopes.count("/Column") >= 5 and scopes.count("/Row") >= 3
    assert set(scopes) <= {"/Column", "/Row", "/Both"}


def test_heading_levels_never_skip_one(made):
    document = made.structure
    levels = [
        HEADINGS[str(element.S)]
        for element, _parent in tree_elements(document)
        if str(element.S) in HEADINGS
    ]

    assert levels[0] == 1 and levels.count(1) == 1
    assert 6 in levels or 5 in levels  # The projects' parts, and their editors' headings.
    for previous, level in itertools.pairwise(levels):
        assert level <= previous + 1, levels


def test_running_titles_and_page_numbers_are_artifacts(made):
    reader = made.reader
    count = len(reader.pages)
    title = {"fr": "Rapport annuel 2021-2022", "en": "Annual report 2021-2022"}[made.language]

    for number, page in enumerate(reader.pages[1:], start=2):
        tagged, artifacts, _heights = page_texts(page)
        assert f"{number} / {count}" in artifacts
        assert title in artifacts
        assert f"{number} / {count}" not in tagged


def test_each_page_is_tagged_in_the_order_it_is_drawn(made):
    """Every marked content is in the structure tree, which reads it in the order it is drawn:
    screen readers (the tree) and text extraction (the page) read the same order."""
    document = made.structure
    tree_order = marked_content_in_tree_order(document)

    for index, page in enumerate(document.pages):
        assert tree_order[index] == marked_content_as_drawn(page), f"page {index + 1}"


def test_the_outline_lists_every_section_message_and_project_in_order(made):
    entries = outline_entries(made.reader)

    assert [(depth, " ".join(title.split())) for depth, title, _page in entries] == (
        made.outline_expected
    )
    assert len(made.outline_expected) == 9 + 2 + 2
    pages = [page for _depth, _title, page in entries]
    assert pages == sorted(pages)


def test_no_page_is_near_empty(made):
    """Every page but the cover holds text over a quarter of its height at least, except the
    last page of an article (before a message or a project, which start a page) and the last."""
    reader = made.reader
    article_starts = {page for depth, _title, page in outline_entries(reader) if depth == 1}
    may_be_short = {0, len(reader.pages) - 1} | {page - 1 for page in article_starts}

    fills = {index: round(page_fill(page), 2) for index, page in enumerate(reader.pages)}

    near_empty = {
        index + 1: fill
        for index, fill in fills.items()
        if fill < NEAR_EMPTY and index not in may_be_short
    }
    assert not near_empty, fills


def test_the_board_is_on_one_page(made):
    """One page holds every member of the board (a message's signature names one of them)."""
    names = [plain(name, made.language) for name in made.board_members]
    assert len(names) == 5

    whole_board = [
        index
        for index, page in enumerate(made.reader.pages)
        if all(name in page_texts(page)[0] for name in names)
    ]

    assert len(whole_board) == 1


def test_the_charts_are_set_in_the_pages_typeface(french):
    """Every font of the PDF is the page's (Liberation Sans, print.css): the charts' text too
    (a chart's SVG names its own faces; DejaVu Sans came in for them)."""
    document = french.structure
    fonts = {
        str(font.BaseFont).split("+")[-1]
        for page in document.pages
        for font in page.Resources.get("/Font", {}).values()
    }
    charts = [
        element
        for element, _parent in tree_elements(document)
        if element.S == "/Figure" and "/Alt" in element
    ]

    assert charts, "the demonstration's chart is a figure with its text alternative"
    assert fonts and all(font.startswith("Liberation-Sans") for font in fonts), fonts


def test_the_cover_is_in_the_organisations_colours_with_its_name(french):
    reader = french.reader
    document = french.structure
    cover = reader.pages[0]
    text, _artifacts, _heights = page_texts(cover)

    assert "Rapport annuel 2021-2022" in text
    assert plain("L’audace de s’adapter", "fr") in text
    assert "Exercice 2021-2022" in text
    assert plain(french.organisation, "fr") in text
    colours = set()
    for operands, operator in pikepdf.parse_content_stream(document.pages[0]):
        if str(operator) == "rg":
            colours.add("#" + "".join(f"{round(float(value) * 255):02x}" for value in operands))
    for colour in french.brand_colours:
        assert colour.lower() in colours
    # Its art is decoration: an artifact, not a figure without a text alternative.
    assert not any(
        element.S == "/Figure" and "/Alt" not in element
        for element, _parent in tree_elements(document)
    )
