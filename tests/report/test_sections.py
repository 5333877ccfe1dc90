import io
import re
from urllib.parse import urlencode

import pytest
from bs4 import BeautifulSoup
from django.contrib import messages
from django.contrib.messages import get_messages
from django.test import Client
from django.utils import translation
from pypdf import PdfReader
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail_localize.models import StringSegment, Translation
from wagtail_localize.segments.extract import StreamFieldSegmentExtractor

from editorial.localization import publish_translation
from report.blocks.sections import (
    SectionBlock,
    duplicate_anchor_errors,
    duplicate_anchors,
    give_repeated_anchors_their_source,
    group_into_sections,
    part_heading_level,
    table_of_contents,
)
from report.models import ReportYearPage
from tests.factories import ReportIndexPageFactory, ReportYearPageFactory
from tests.html import page_html, texts_in_language
from tests.report.conftest import ENGLISH

# A body like the report's, kept local so that these tests do not depend on the page's blocks.
body_block = blocks.StreamBlock([("section", SectionBlock()), ("text", blocks.CharBlock())])


def section(heading, anchor, introduction=""):
    return ("section", {"heading": heading, "anchor": anchor, "introduction": introduction})


def body(*children):
    return body_block.to_python([{"type": name, "value": value} for name, value in children])


def render(value, context, language):
    with translation.override(language):
        return " ".join(SectionBlock().render(value, context).split())


@pytest.fixture
def context(home_page, rf):
    index = ReportIndexPageFactory(parent=home_page)
    return {"page": ReportYearPageFactory(parent=index), "request": rf.get("/")}


@pytest.mark.parametrize("language", ["fr", "en"])
def test_section_renders_its_heading_with_the_anchor_as_id(context, language):
    value = SectionBlock().to_python(
        {
            "heading": "Affaires financières",
            "anchor": "affaires-financieres",
            "introduction": "Une année de croissance.\n\nLes produits ont augmenté.",
        }
    )

    html = render(value, context, language)

    assert '<h2 id="affaires-financieres">Affaires financières</h2>' in html
    assert "<p>Une année de croissance.</p>" in html
    assert "<p>Les produits ont augmenté.</p>" in html


def test_section_without_introduction_renders_only_its_heading(context):
    value = SectionBlock().to_python({"heading": "Vie associative", "anchor": "vie-associative"})

    html = render(value, context, "fr")

    assert '<h2 id="vie-associative">Vie associative</h2>' in html
    assert "report-section__introduction" not in html


@pytest.mark.parametrize(
    ("field", "raw"),
    [
        ("heading", {"heading": "", "anchor": "vie-associative"}),
        ("anchor", {"heading": "Vie associative", "anchor": ""}),
        ("anchor", {"heading": "Vie associative", "anchor": "Vie associative"}),
        ("anchor", {"heading": "Vie associative", "anchor": "vie-associée"}),
    ],
)
def test_section_needs_a_heading_and_a_well_formed_anchor(field, raw):
    block = SectionBlock()

    with pytest.raises(StructBlockValidationError) as error:
        block.clean(block.to_python(raw))

    assert field in error.value.block_errors


def test_anchor_is_offered_for_translation_with_the_heading():
    block = SectionBlock()
    value = block.to_python(
        {
            "heading": "Affaires financières",
            "anchor": "affaires-financieres",
            "introduction": "Bon.",
        }
    )

    segments = StreamFieldSegmentExtractor(field=None).handle_block(block, value)

    texts = {segment.path: segment.string.data for segment in segments}
    assert texts == {
        "heading": "Affaires financières",
        "anchor": "affaires-financieres",
        "introduction": "Bon.",
    }


def test_blocks_are_grouped_under_the_section_before_them():
    value = body(
        ("text", "Avant-propos"),
        section("Introduction", "introduction"),
        ("text", "Le Consortium a repris sa croissance."),
        ("text", "Merci aux membres."),
        section("Affaires financières", "affaires-financieres"),
    )

    groups = group_into_sections(value)

    assert [group.anchor for group in groups] == [None, "introduction", "affaires-financieres"]
    assert [[child.value for child in group.blocks] for group in groups] == [
        ["Avant-propos"],
        ["Le Consortium a repris sa croissance.", "Merci aux membres."],
        [],
    ]
    assert groups[1].heading_block.block_type == "section"
    assert groups[1].heading == "Introduction"


def test_body_starting_with_a_section_has_no_group_without_heading():
    value = body(section("Introduction", "introduction"), ("text", "Bonjour."))

    groups = group_into_sections(value)

    assert len(groups) == 1
    assert groups[0].heading_block is not None


def test_empty_body_has_no_sections():
    assert group_into_sections(body()) == []
    assert table_of_contents(body()) == []


def test_table_of_contents_lists_anchors_and_headings_in_order():
    value = body(
        section("Introduction", "introduction"),
        ("text", "Bonjour."),
        section("Affaires financières", "affaires-financieres"),
    )

    assert table_of_contents(value) == [
        ("introduction", "Introduction"),
        ("affaires-financieres", "Affaires financières"),
    ]


def test_duplicate_anchors_are_found_once_each():
    value = body(
        section("Introduction", "introduction"),
        section("Bilan", "bilan"),
        section("Introduction bis", "introduction"),
        section("Bilan bis", "bilan"),
        section("Bilan ter", "bilan"),
        section("Perspectives", "perspectives"),
    )

    assert duplicate_anchors(value) == ["introduction", "bilan"]


def test_distinct_anchors_are_not_duplicates():
    value = body(section("Introduction", "introduction"), section("Bilan", "bilan"))

    assert duplicate_anchors(value) == []
    assert duplicate_anchor_errors(value) == {}


def test_repeated_anchor_error_is_aimed_at_the_later_section():
    value = body(
        section("Introduction", "introduction"),
        ("text", "Bonjour."),
        section("Autre introduction", "introduction"),
    )

    with translation.override("en"):
        errors = duplicate_anchor_errors(value)

    assert list(errors) == [2]
    message = errors[2].block_errors["anchor"].messages[0]
    assert "“introduction”" in message
    assert "different" in message


def test_heading_levels_never_skip_one():
    assert part_heading_level("Représentation") == 4
    assert part_heading_level("") == 3


@pytest.mark.parametrize("language", ["fr", "en"])
def test_preview_value_is_valid_and_renders(context, language):
    block = SectionBlock()
    value = block.clean(block.get_preview_value())

    html = render(value, context, language)

    assert '<h2 id="vie-associative">Vie associative</h2>' in html
    assert block.get_description()


# Anchors per language: the translator gives the English report its own section addresses.


@pytest.fixture
def report_with_english_anchors(report, english, public_site):
    """The report translated with an English anchor for one section; "introduction" is left
    untranslated, as a translator may leave it."""
    translated, _missing = publish_translation(
        report, english, {**ENGLISH, "affaires-financieres": "financial-affairs"}
    )
    return translated


def html_of(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def sections_by_anchor(document):
    return {
        section["aria-labelledby"]: section
        for section in document.select("section.report-section[aria-labelledby]")
    }


def ids_in(document):
    return [element["id"] for element in document.find_all(id=True)]


def test_english_report_has_english_anchors_in_its_sections_and_contents(
    client, report_with_english_anchors
):
    html = page_html(client.get(report_with_english_anchors.url))

    assert '<a href="#financial-affairs">Financial affairs</a>' in html
    assert '<h2 id="financial-affairs">Financial affairs</h2>' in html
    assert 'aria-labelledby="financial-affairs"' in html
    assert 'href="#affaires-financieres"' not in html
    # Left untranslated, the French anchor is kept: it is a valid one.
    assert '<h2 id="introduction">Introduction</h2>' in html


def test_each_section_names_its_anchor_in_the_other_language(
    client, report, report_with_english_anchors
):
    french = sections_by_anchor(html_of(client.get(report.url)))
    english = sections_by_anchor(html_of(client.get(report_with_english_anchors.url)))

    assert french["affaires-financieres"]["data-anchor-en"] == "financial-affairs"
    assert french["introduction"]["data-anchor-en"] == "introduction"
    assert english["financial-affairs"]["data-anchor-fr"] == "affaires-financieres"
    assert english["introduction"]["data-anchor-fr"] == "introduction"
    assert not french["introduction"].has_attr("data-anchor-fr")


def test_an_address_with_the_other_languages_anchor_reaches_the_section(
    client, report, report_with_english_anchors
):
    """/en/…/#affaires-financieres, shared from the French report, still reaches the section; no
    id is given twice."""
    english = html_of(client.get(report_with_english_anchors.url))
    french = html_of(client.get(report.url))

    [old_target] = english.find_all(id="affaires-financieres")
    assert old_target.find_parent("section")["aria-labelledby"] == "financial-affairs"
    assert old_target.get_text() == ""
    [english_target] = french.find_all(id="financial-affairs")
    assert english_target.find_parent("section")["aria-labelledby"] == "affaires-financieres"
    for document in (english, french):
        assert len(ids_in(document)) == len(set(ids_in(document)))


def test_a_report_without_a_translation_names_no_other_anchor(client, report):
    html = page_html(client.get(report.url))

    assert "data-anchor-" not in html


# The translator in wagtail-localize's translation editor:
# - /admin/localize/translate/<translation id>/strings/<string segment id>/edit/ saves a string
#   (PUT), as the editor does when the translator leaves its field;
# - /admin/pages/<English report id>/edit/ is the translation editor (wagtail-localize's
#   `before_edit_page` hook); its "Publish" posts `action=publish` there, which saves the
#   translated page (the page's clean() runs) and publishes it.


def type_translation(client, report, english, source_text, text):
    translation = Translation.objects.get(
        source__object_id=report.translation_key,
        source__locale=report.locale,
        target_locale=english,
    )
    segment = StringSegment.objects.get(source=translation.source, string__data=source_text)
    response = client.put(
        f"/admin/localize/translate/{translation.id}/strings/{segment.id}/edit/",
        urlencode({"value": text}),
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code in {200, 201}, response.content[:2000]


@pytest.fixture
def publish_in_translation_editor(superuser_client, django_capture_on_commit_callbacks):
    def publish(english_report):
        # wagtail-localize publishes the new revision when the request's transaction commits.
        with django_capture_on_commit_callbacks(execute=True):
            return superuser_client.post(
                f"/admin/pages/{english_report.id}/edit/", {"action": "publish"}
            )

    return publish


@pytest.mark.parametrize(
    ("typed", "anchor"),
    [
        ("financial-affairs", "financial-affairs"),
        # Written as a heading: made an address, as wagtail-localize does with a page's slug.
        ("Financial Affairs", "financial-affairs"),
        ("Finances & budget_2022", "finances-budget-2022"),
        # Nothing usable as an address: the French anchor is kept.
        ("2022", "affaires-financieres"),
        ("« »", "affaires-financieres"),
    ],
)
def test_translator_gives_a_section_its_english_anchor(
    superuser_client, report, english_report, publish_in_translation_editor, typed, anchor
):
    type_translation(superuser_client, report, english_report.locale, "affaires-financieres", typed)

    response = publish_in_translation_editor(english_report)

    assert response.status_code == 302
    assert not [m for m in get_messages(response.wsgi_request) if m.level == messages.ERROR]
    html = page_html(Client().get(english_report.url))
    assert f'<a href="#{anchor}">Financial affairs</a>' in html
    assert f'<h2 id="{anchor}">Financial affairs</h2>' in html
    assert '<h2 id="introduction">Introduction</h2>' in html


def test_a_repeated_translated_anchor_gives_way_to_the_french_one(
    superuser_client, report, english_report, publish_in_translation_editor
):
    # "introduction" is the anchor the first section keeps, untranslated.
    type_translation(
        superuser_client, report, english_report.locale, "affaires-financieres", "Introduction"
    )

    response = publish_in_translation_editor(english_report)

    assert response.status_code == 302
    assert not [m for m in get_messages(response.wsgi_request) if m.level == messages.ERROR]
    html = page_html(Client().get(english_report.url))
    assert html.count('id="introduction"') == 1
    assert '<h2 id="affaires-financieres">Financial affairs</h2>' in html
    fresh = type(english_report).objects.get(pk=english_report.pk)
    assert [anchor for anchor, _heading in table_of_contents(fresh.body)] == [
        "introduction",
        "affaires-financieres",
    ]


def test_restored_anchors_end_unique_when_a_french_one_meets_a_translated_one():
    block = SectionBlock()
    stream_block = blocks.StreamBlock([("section", block)])
    body = stream_block.to_python(
        [
            {"type": "section", "id": "a", "value": {"heading": "A", "anchor": "membership"}},
            {"type": "section", "id": "b", "value": {"heading": "B", "anchor": "membership"}},
            {"type": "section", "id": "c", "value": {"heading": "C", "anchor": "membrariat"}},
        ]
    )
    source = {"a": "membrariat", "b": "conseil", "c": "vie-associative"}

    replaced = give_repeated_anchors_their_source(body, source)

    assert [child.value["anchor"] for child in body] == ["membrariat", "conseil", "vie-associative"]
    assert replaced == ["membership", "membership", "membrariat"]
    # A repeat the source's anchors cannot undo stays, for clean() to refuse.
    body[2].value["anchor"] = "conseil"
    assert give_repeated_anchors_their_source(body, {"b": "conseil", "c": "conseil"}) == []
    assert duplicate_anchors(body) == ["conseil"]


# The demonstration report: wherever the English report names a section, it uses its English
# anchor (contents, sections, data files, the PDF's bookmarks and links).

ENGLISH_ANCHORS = [
    "introduction",
    "board-of-directors",
    "membership",
    "member-services",
    "financial-affairs",
    "human-capital",
    "business-development",
    "communications",
    "contact-us",
]
FRENCH_ONLY_ANCHORS = [
    "conseil-administration",
    "membrariat",
    "services-aux-membres",
    "affaires-financieres",
    "capital-humain",
    "developpement-des-affaires",
    "nous-joindre",
]


@pytest.fixture
def demo_english_report(demo_content, db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"  # Where its PDF is stored: this test's own.
    return ReportYearPage.objects.get(locale__language_code="en")


def file_name(response):
    assert response.status_code == 200
    return re.search(r'filename="([^"]+)"', response["Content-Disposition"]).group(1)


def outline_titles(outline):
    for item in outline:
        if isinstance(item, list):
            yield from outline_titles(item)
        else:
            yield item.title


def test_english_demo_report_names_its_sections_in_english(client, demo_english_report):
    document = html_of(client.get(demo_english_report.url))

    contents = [link["href"] for link in document.select(".report-toc a")]
    assert contents == [f"#{anchor}" for anchor in ENGLISH_ANCHORS]
    assert list(sections_by_anchor(document)) == ENGLISH_ANCHORS
    for section in sections_by_anchor(document).values():
        assert section.find("h2")["id"] == section["aria-labelledby"]


def test_english_data_files_are_named_after_the_english_sections(client, demo_english_report):
    document = html_of(client.get(demo_english_report.url))
    links = document.select('.report-body a[href$=".csv"], .report-body a[href$=".xlsx"]')

    names = [file_name(client.get(link["href"])) for link in links]

    assert "2021-2022-human-capital-key-figures-en.csv" in names
    assert "2021-2022-human-capital-key-figures-en.xlsx" in names
    for anchor in FRENCH_ONLY_ANCHORS:
        assert not [name for name in names if anchor in name], anchor


def test_english_pdf_bookmarks_and_links_go_to_the_english_sections(client, demo_english_report):
    response = client.get(f"{demo_english_report.url}pdf/")
    reader = PdfReader(io.BytesIO(b"".join(response.streaming_content)))

    titles = list(outline_titles(reader.outline))
    for heading in ["Board of directors", "Membership", "Human capital", "Contact us"]:
        assert heading in titles
    destinations = set(reader.named_destinations)
    assert set(ENGLISH_ANCHORS) <= destinations
    assert not destinations & set(FRENCH_ONLY_ANCHORS)


def test_an_anchor_left_untranslated_is_no_french_text_on_the_english_page(
    client, report, english, public_site
):
    """The English page marks the strings it shows in French (lang="fr",
    cms/fallback_language.py): an anchor kept in French is an address, never shown as text."""
    translated, _missing = publish_translation(
        report,
        english,
        {**ENGLISH, "Les produits ont augmenté.": "Revenues increased after the introduction."},
    )

    response = client.get(translated.url)

    assert texts_in_language(response, "fr") == []
    assert "Revenues increased after the introduction." in page_html(response)
