import pytest
from django.utils import translation
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail_localize.segments.extract import StreamFieldSegmentExtractor

from report.blocks.sections import (
    SectionBlock,
    duplicate_anchor_errors,
    duplicate_anchors,
    group_into_sections,
    part_heading_level,
    table_of_contents,
)
from tests.factories import ReportIndexPageFactory, ReportYearPageFactory

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


def test_anchor_is_never_offered_for_translation():
    block = SectionBlock()
    value = block.to_python(
        {
            "heading": "Affaires financières",
            "anchor": "affaires-financieres",
            "introduction": "Bon.",
        }
    )

    segments = StreamFieldSegmentExtractor(field=None).handle_block(block, value)

    texts = [segment.string.data for segment in segments if hasattr(segment, "string")]
    assert texts == ["Affaires financières", "Bon."]


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
