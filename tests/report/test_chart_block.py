"""The chart block: an SVG drawn on the server, its data table, and what editors are told."""

import re
from decimal import Decimal

import pytest

from report.blocks.charts import ChartBlock, ChartRowBlock
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

FOLLOWERS = [{"label": "LinkedIn", "value": "1230"}, {"label": "Facebook", "value": "582"}]


def chart(chart_type="horizontal_bar", rows=FOLLOWERS, unit="number", paste="", notes=()):
    return ChartBlock().to_python(
        {
            "title": "Abonnés par réseau",
            "description": "LinkedIn compte deux fois plus d’abonnés que Facebook.",
            "chart_type": chart_type,
            "unit": unit,
            "rows": list(rows),
            "paste": paste,
            "source": "Statistiques des réseaux",
            "notes": list(notes),
        }
    )


@pytest.mark.parametrize("chart_type", ["bar", "horizontal_bar", "donut"])
def test_every_chart_is_an_accessible_svg_followed_by_its_data_table(chart_type):
    html = render(ChartBlock(), chart(chart_type), "fr", id="c1")

    assert '<figure class="report-block report-chart">' in html
    assert '<figcaption class="report-chart__title">Abonnés par réseau</figcaption>' in html
    assert 'role="img" aria-labelledby="chart-c1-title chart-c1-description"' in html
    assert '<title id="chart-c1-title">Abonnés par réseau</title>' in html
    assert (
        '<desc id="chart-c1-description">LinkedIn compte deux fois plus d’abonnés que '
        "Facebook.</desc>"
    ) in html
    assert 'width="100%"' in html and 'viewBox="0 0 400 ' in html
    assert "<script" not in html
    assert html.index("</svg>") < html.index("<details")
    assert "<summary>Tableau de données</summary>" in html
    assert '<caption id="chart-c1-table-caption">Abonnés par réseau</caption>' in html
    assert 'aria-labelledby="chart-c1-table-caption"' in html
    assert (
        f'<tr> <th scope="row">LinkedIn</th> <td class="report-table__number">1{NBSP}230</td>'
    ) in html
    assert "Source : Statistiques des réseaux" in html


def test_values_are_written_with_the_unit_for_the_language():
    rows = [{"label": "Budget", "value": "5786386"}]

    french = render(ChartBlock(), chart(rows=rows, unit="currency"), "fr")
    english = render(ChartBlock(), chart(rows=rows, unit="currency"), "en")

    assert '<tspan x="0">Budget</tspan>' in french
    assert f">5{NBSP}786{NBSP}386{NBSP}$</tspan>" in french
    assert ">$5,786,386</tspan>" in english
    assert '<td class="report-table__number">$5,786,386</td>' in english


def test_a_donut_shows_shares_computed_from_the_values():
    html = render(ChartBlock(), chart("donut"), "fr")

    # 1 230 / 1 812 = 67,9 %; 582 / 1 812 = 32,1 %
    assert f'<td class="report-table__number">67,9{NBSP}%</td>' in html
    assert f'<td class="report-table__number">32,1{NBSP}%</td>' in html
    assert '<th scope="col" class="report-table__number">Part</th>' in html
    assert html.count("<path ") == 2
    legend = html[html.index('<ul class="chart-legend">') :]
    assert f"LinkedIn : 1{NBSP}230 (67,9{NBSP}%)" in legend
    assert 'aria-hidden="true" focusable="false"' in legend


def test_bars_have_no_share_column_and_no_legend():
    html = render(ChartBlock(), chart("bar"), "en")

    assert "Share" not in html
    assert "chart-legend" not in html
    assert html.count("<rect ") == 2


def test_editor_text_is_escaped_everywhere():
    rows = [{"label": "<img src=x onerror=alert(1)>", "value": "1"}]

    html = render(ChartBlock(), chart(rows=rows), "fr")

    assert "<img" not in html
    assert html.count("&lt;img src=x onerror=alert(1)&gt;") == 2


def test_two_charts_on_a_page_have_different_ids():
    first = render(ChartBlock(), chart(), "fr")
    second = render(ChartBlock(), chart(), "fr")

    def title_id(html):
        return re.search(r'<title id="([^"]+)"', html).group(1)

    assert title_id(first) != title_id(second)


def test_a_donut_refuses_negative_values_on_the_row():
    rows = [*FOLLOWERS, {"label": "Désabonnements", "value": "-40"}]

    error = clean_errors(ChartBlock(), chart("donut", rows))

    row_errors = error.block_errors["rows"].block_errors
    assert list(row_errors) == [2]
    assert messages(row_errors[2].block_errors["value"]) == (
        "A donut shows shares of a whole, which cannot be negative: choose bars to show "
        "negative values."
    )


def test_bars_accept_negative_values():
    rows = [*FOLLOWERS, {"label": "Désabonnements", "value": "-40"}]

    assert ChartBlock().clean(chart("bar", rows))["rows"][2]["value"] == Decimal(-40)


def test_a_donut_of_zeros_is_refused():
    rows = [{"label": "A", "value": "0"}, {"label": "B", "value": "0"}]

    error = clean_errors(ChartBlock(), chart("donut", rows))

    assert messages(error.block_errors["rows"]) == "A donut needs at least one value above zero."


def test_a_donut_with_more_shares_than_colours_is_refused():
    rows = [{"label": f"Région {number}", "value": "1"} for number in range(9)]

    error = clean_errors(ChartBlock(), chart("donut", rows))

    assert "A donut can show up to 8 shares" in messages(error.block_errors["rows"])


def test_source_and_notes_come_last_and_rows_have_no_note_of_their_own():
    block = ChartBlock()

    assert "note" not in block.child_blocks["rows"].child_block.child_blocks
    assert list(block.child_blocks)[-2:] == ["source", "notes"]


def test_pasted_lines_replace_the_rows():
    value = chart(paste="Réseau\tAbonnés\nLinkedIn\t1 230\nFacebook\t582\nX\t12,5\n")

    cleaned = ChartBlock().clean(value)

    assert [(row["label"], row["value"]) for row in cleaned["rows"]] == [
        ("LinkedIn", Decimal(1230)),
        ("Facebook", Decimal(582)),
        ("X", Decimal("12.5")),
    ]
    assert cleaned["paste"] == ""


def test_an_unreadable_pasted_line_is_named():
    error = clean_errors(ChartBlock(), chart(paste="LinkedIn\t1 230\nFacebook\tbeaucoup"))

    assert messages(error.block_errors["paste"]) == (
        "Line 2 (“Facebook beaucoup”): “beaucoup” is not a number"
    )


def test_a_pasted_value_with_too_many_decimals_is_named():
    error = clean_errors(ChartBlock(), chart(paste="LinkedIn\t1,2345"))

    assert messages(error.block_errors["paste"]) == (
        "The pasted row “LinkedIn” cannot be saved: Value: Use at most 2 decimal places."
    )


def test_pasted_negative_values_in_a_donut_are_refused_on_the_rows():
    error = clean_errors(ChartBlock(), chart("donut", paste="A\t5\nB\t(2)"))

    assert list(error.block_errors) == ["rows"]


def chart_form(*rows, chart_type="bar", paste=""):
    return {
        "title": "Abonnés",
        "description": "Abonnés par réseau.",
        "chart_type": chart_type,
        "unit": "number",
        "rows": list_form(list(rows)),
        "paste": paste,
        "source": "",
        "notes": list_form([]),
    }


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("NaN", "Enter a number, for example 68577 or 8.5."),
        ("Infinity", "Enter a number, for example 68577 or 8.5."),
        ("mille", "Enter a number, for example 68577 or 8.5."),
        ("1" * 20, "This number is too large: check the number of digits."),
    ],
)
def test_an_editor_posting_a_value_that_is_not_a_number_is_told_what_to_fix(typed, message):
    error = post(ChartBlock(), chart_form({"label": "LinkedIn", "value": typed}))

    row_error = error.block_errors["rows"].block_errors[0]
    assert messages(row_error.block_errors["value"]) == message


def test_an_editor_must_describe_the_chart():
    form = {**chart_form({"label": "LinkedIn", "value": "1230"}), "description": ""}

    error = post(ChartBlock(), form)

    assert list(error.block_errors) == ["description"]


def test_an_editor_pasting_rows_over_the_empty_first_row_gets_the_pasted_rows():
    value = post(
        ChartBlock(), chart_form({"label": "", "value": ""}, paste="LinkedIn\t1230\nFacebook\t582")
    )

    assert [row["label"] for row in value["rows"]] == ["LinkedIn", "Facebook"]


def test_only_text_is_offered_for_translation():
    raw = {
        "title": "Abonnés par réseau",
        "description": "LinkedIn compte plus d’abonnés.",
        "chart_type": "donut",
        "unit": "number",
        "rows": stored_list(FOLLOWERS),
        "paste": "LinkedIn\t1230",
        "source": "",
        "notes": stored_list(["Au 31 mars 2022."]),
    }

    strings = translatable_strings(ChartBlock(), raw)

    assert strings == [
        "Abonnés par réseau",
        "Au 31 mars 2022.",
        "Facebook",
        "LinkedIn",
        "LinkedIn compte plus d’abonnés.",
    ]


def test_the_preview_compares_next_years_budgeted_revenues_and_expenses(superuser_client):
    block = ChartBlock()

    response = superuser_client.get("/admin/block-preview/", {"id": block.definition_prefix})

    html = response.content.decode()
    assert response.status_code == 200
    assert "css/site.css" in html  # The one stylesheet of the site.
    assert "<svg" in html and "786" in html and "258" in html


def test_the_block_is_complete_for_editors():
    block = ChartBlock()

    assert block.clean(block.get_preview_value())["chart_type"] == "horizontal_bar"
    assert block.meta.icon and block.meta.help_text and block.get_description()
    assert block.is_previewable
    assert ChartRowBlock().meta.label_format == "{label}: {value}"
