"""The key figures block: what visitors read, and what editors are told when a figure is wrong."""

from decimal import Decimal

import pytest
from django.utils import translation
from wagtail import blocks

from report.blocks.fields import BlockErrors, NumberBlock
from report.blocks.figures import KeyFigureBlock, KeyFiguresBlock
from tests.report import (
    NBSP,
    clean_errors,
    list_form,
    messages,
    post,
    render,
    stored_list,
    translatable_strings,
)

HOURS = {
    "value": "68577",
    "unit": "hours",
    "qualifier": "",
    "label": "heures de services professionnels",
    "previous_value": None,
    "note": None,
}
ENTERPRISES = {**HOURS, "value": "300", "unit": "number", "qualifier": "more_than"}
RECOMMEND = {**HOURS, "value": "97", "unit": "percent", "label": "recommanderaient"}


def key_figures(*figures, notes=(), source="", heading="L’année en chiffres"):
    return KeyFiguresBlock().to_python(
        {"heading": heading, "figures": list(figures), "source": source, "notes": list(notes)}
    )


@pytest.mark.parametrize(
    ("language", "hours", "enterprises", "recommend"),
    [
        ("fr", f"68{NBSP}577{NBSP}h", "plus de 300", f"97{NBSP}%"),
        ("en", f"68,577{NBSP}h", "more than 300", "97%"),
    ],
)
def test_figures_are_written_for_the_visitors_language(language, hours, enterprises, recommend):
    html = render(KeyFiguresBlock(), key_figures(HOURS, ENTERPRISES, RECOMMEND), language)

    assert f'<span class="key-figure__value">{hours}</span>' in html
    assert f'<span class="key-figure__value">{enterprises}</span>' in html
    assert f'<span class="key-figure__value">{recommend}</span>' in html
    assert '<p class="key-figure__label"> heures de services professionnels </p>' in html
    assert '<h3 class="report-block__heading">L’année en chiffres</h3>' in html
    assert '<ul class="key-figures__list">' in html


def test_about_qualifies_a_rounded_figure():
    html = render(KeyFiguresBlock(), key_figures({**ENTERPRISES, "qualifier": "about"}), "en")

    assert '<span class="key-figure__value">about 300</span>' in html


def test_the_change_from_last_year_is_computed():
    html = render(KeyFiguresBlock(), key_figures({**HOURS, "previous_value": "65300"}), "fr")

    # (68 577 - 65 300) / 65 300 = +5,0 %
    assert f"65{NBSP}300{NBSP}h l’an dernier (+5,0{NBSP}%)" in html


def test_a_percentage_changes_by_points_not_by_percent():
    html = render(KeyFiguresBlock(), key_figures({**RECOMMEND, "previous_value": "95"}), "en")

    assert "95% last year (+2)" in html


def test_a_fall_is_shown_with_a_minus_sign():
    figure = {**HOURS, "value": "60000", "previous_value": "65300"}

    html = render(KeyFiguresBlock(), key_figures(figure), "en")

    assert f"65,300{NBSP}h last year (-8.1%)" in html


def test_a_change_from_zero_shows_only_last_years_value():
    html = render(KeyFiguresBlock(), key_figures({**HOURS, "previous_value": "0"}), "en")

    assert f"0{NBSP}h last year </p>" in html
    assert "last year (" not in html


@pytest.mark.parametrize("qualifier", ["", "more_than", "about"])
def test_a_figure_still_to_type_shows_nothing_at_all(qualifier):
    # Next year's report starts with the values cleared and last year's as the comparison:
    # “more than”, the label or “68,577 h last year” alone would be half a sentence.
    figure = {**ENTERPRISES, "qualifier": qualifier, "value": None, "previous_value": "68577"}

    html = render(KeyFiguresBlock(), key_figures(figure, RECOMMEND), "en")

    assert html.count('<li class="key-figure">') == 1
    assert "97%" in html and "recommanderaient" in html
    assert "more than" not in html and "about" not in html
    assert "heures de services professionnels" not in html
    assert "last year" not in html


def test_no_previous_value_no_change():
    html = render(KeyFiguresBlock(), key_figures(HOURS), "en")

    assert "last year" not in html


def test_a_figure_refers_to_its_numbered_note():
    value = key_figures(
        {**RECOMMEND, "note": 1}, notes=["Sondage de mars 2022."], source="Sondage des membres"
    )

    html = render(KeyFiguresBlock(), value, "fr", id="b1")

    assert (
        '<sup class="note-reference"><a href="#key-figures-b1-note-1">'
        '<span class="visually-hidden">Note </span>1</a></sup>'
    ) in html
    assert '<li id="key-figures-b1-note-1">Sondage de mars 2022.</li>' in html
    assert "Source : Sondage des membres" in html


def test_without_source_nor_notes_there_is_no_footer():
    html = render(KeyFiguresBlock(), key_figures(HOURS), "fr")

    assert "report-source-notes" not in html


def test_editor_text_is_escaped():
    html = render(KeyFiguresBlock(), key_figures({**HOURS, "label": "<b>gras</b>"}), "fr")

    assert "&lt;b&gt;gras&lt;/b&gt;" in html


@pytest.mark.parametrize(
    ("unit", "value", "field", "message"),
    [
        ("percent", "120", "value", "A percentage is between 0 and 100: enter 97 for 97 %."),
        ("percent", "-1", "value", "A percentage is between 0 and 100"),
        ("score10", "11", "value", "A score out of 10 is between 0 and 10."),
        ("score10", "-0.5", "value", "A score out of 10 is between 0 and 10."),
        ("hours", "-5", "value", "This figure cannot be negative."),
        ("years", "-1", "value", "This figure cannot be negative."),
        ("currency", "12.50", "value", "Amounts in dollars are whole numbers"),
    ],
)
def test_a_figure_out_of_range_for_its_unit_is_refused(unit, value, field, message):
    figure = KeyFigureBlock().to_python({**HOURS, "unit": unit, "value": value})

    error = clean_errors(KeyFigureBlock(), figure)

    assert message in messages(error.block_errors[field])


def test_last_years_value_is_checked_too():
    figure = KeyFigureBlock().to_python({**RECOMMEND, "previous_value": "250"})

    error = clean_errors(KeyFigureBlock(), figure)

    assert list(error.block_errors) == ["previous_value"]


@pytest.mark.parametrize(
    ("unit", "value"),
    [("percent", "0"), ("percent", "100"), ("score10", "10"), ("number", "-3"), ("hours", "0")],
)
def test_figures_at_the_edges_of_their_range_are_accepted(unit, value):
    figure = KeyFigureBlock().to_python({**HOURS, "unit": unit, "value": value})

    assert KeyFigureBlock().clean(figure)["value"] == Decimal(value)


def test_the_error_reaches_the_figure_in_the_list():
    value = key_figures(HOURS, {**RECOMMEND, "value": "970"})

    error = clean_errors(KeyFiguresBlock(), value)

    figure_errors = error.block_errors["figures"].block_errors
    assert list(figure_errors) == [1]
    assert "between 0 and 100" in messages(figure_errors[1].block_errors["value"])


def test_a_note_number_without_its_note_is_refused():
    value = key_figures(HOURS, {**RECOMMEND, "note": 2}, notes=["Une seule note."])

    error = clean_errors(KeyFiguresBlock(), value)

    note_error = error.block_errors["figures"].block_errors[1].block_errors["note"]
    assert messages(note_error) == (
        "There is no note 2 under “Notes”: add it there, or leave this number empty."
    )


def test_a_note_number_with_its_note_is_accepted():
    value = key_figures({**RECOMMEND, "note": 1}, notes=["Sondage de mars 2022."])

    assert KeyFiguresBlock().clean(value)["figures"][0]["note"] == 1


def figure_form(**changes):
    return {
        "value": "68577",
        "unit": "hours",
        "qualifier": "",
        "label": "heures",
        "previous_value": "",
        "note": "",
        **changes,
    }


def key_figures_form(*figures):
    return {
        "heading": "",
        "figures": list_form(list(figures)),
        "source": "",
        "notes": list_form([]),
    }


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("68577", Decimal(68577)),
        ("68 577", Decimal(68577)),
        (f"68{NBSP}577", Decimal(68577)),
        ("68,577", Decimal(68577)),
        ("8,5", Decimal("8.5")),
        ("97 %", Decimal(97)),
    ],
)
def test_an_editor_may_type_a_figure_as_people_write_it(typed, expected):
    value = post(KeyFiguresBlock(), key_figures_form(figure_form(value=typed)))

    assert value["figures"][0]["value"] == expected


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("beaucoup", "Enter a number, for example 68577 or 8.5."),
        ("NaN", "Enter a number, for example 68577 or 8.5."),
        ("Infinity", "Enter a number, for example 68577 or 8.5."),
        ("-inf", "Enter a number, for example 68577 or 8.5."),
        ("1e20", "Enter a number, for example 68577 or 8.5."),
        ("123456789012345", "This number is too large: check the number of digits."),
        ("8.125", "Use at most 2 decimal places."),
        ("", "This field is required."),
    ],
)
def test_an_editor_posting_a_figure_that_is_not_a_number_is_told_what_to_fix(typed, message):
    error = post(KeyFiguresBlock(), key_figures_form(figure_form(value=typed)))

    figure_error = error.block_errors["figures"].block_errors[0]
    assert messages(figure_error.block_errors["value"]) == message


def test_an_editor_gets_every_wrong_figure_at_once():
    error = post(
        KeyFiguresBlock(),
        key_figures_form(figure_form(value="abc"), figure_form(), figure_form(label="")),
    )

    assert sorted(error.block_errors["figures"].block_errors) == [0, 2]


def test_at_least_one_figure():
    error = clean_errors(KeyFiguresBlock(), key_figures())

    assert "The minimum number of items is 1" in messages(error.block_errors["figures"])


def test_the_number_field_is_a_text_input_so_that_spaces_reach_the_server():
    field = NumberBlock().field

    assert field.widget.input_type == "text"


def test_only_text_is_offered_for_translation():
    raw = {
        "heading": "L’année en chiffres",
        "figures": stored_list([{**RECOMMEND, "note": 1}]),
        "source": "Sondage des membres",
        "notes": stored_list(["Sondage de mars 2022."]),
    }

    strings = translatable_strings(KeyFiguresBlock(), raw)

    assert strings == [
        "L’année en chiffres",
        "Sondage de mars 2022.",
        "Sondage des membres",
        "recommanderaient",
    ]


def test_the_preview_shows_the_years_real_figures(superuser_client):
    block = KeyFiguresBlock()

    response = superuser_client.get("/admin/block-preview/", {"id": block.definition_prefix})

    html = response.content.decode()
    assert response.status_code == 200
    assert "css/site.css" in html  # The one stylesheet of the site.
    assert "68" in html and "577" in html
    assert "300" in html and "97" in html


def test_the_block_is_complete_for_editors():
    block = KeyFiguresBlock()

    assert block.meta.icon
    with translation.override("fr"):
        assert block.label == "Chiffres clés"
    assert block.meta.help_text
    assert block.get_description()
    assert block.is_previewable
    clean_value = block.clean(block.get_preview_value())
    assert [figure["unit"] for figure in clean_value["figures"]] == ["hours", "number", "percent"]


def test_figures_are_collapsed_under_their_value_and_label():
    assert KeyFigureBlock().meta.label_format == "{value} {label}"
    assert isinstance(KeyFiguresBlock().child_blocks["figures"], blocks.ListBlock)


def test_block_errors_are_nested_like_the_blocks_they_point_at():
    errors = BlockErrors()
    errors.add(("figures", 1, "note"), "No such note.")
    errors.add(("heading",), "Too long.")
    errors.add_to_list(("notes",), "Too many notes.")

    with pytest.raises(blocks.StructBlockValidationError) as raised:
        errors.raise_if_any()

    block_errors = raised.value.block_errors
    assert isinstance(block_errors["figures"], blocks.ListBlockValidationError)
    assert messages(block_errors["figures"].block_errors[1].block_errors["note"]) == "No such note."
    assert messages(block_errors["heading"]) == "Too long."
    assert messages(block_errors["notes"]) == "Too many notes."


def test_no_block_errors_raise_nothing():
    BlockErrors().raise_if_any()
