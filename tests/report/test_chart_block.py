"""The chart block: an SVG drawn on the server, its data table, and what editors are told."""

import json
import re
from decimal import Decimal

import pytest
from bs4 import BeautifulSoup

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
    svg = html[html.index('<svg class="chart-svg"') : html.index("</svg>")]
    assert svg.count("<path ") == 2
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
        "annotation": {"text": "+58 % en un an", "row": 1},
        "source": "",
        "notes": stored_list(["Au 31 mars 2022."]),
    }

    strings = translatable_strings(ChartBlock(), raw)

    assert strings == [
        "+58 % en un an",
        "Abonnés par réseau",
        "Au 31 mars 2022.",
        "Facebook",
        "LinkedIn",
        "LinkedIn compte plus d’abonnés.",
    ]


def test_a_chart_saved_before_annotations_existed_can_still_be_translated():
    """Its JSON has no "annotation": wagtail-localize must not meet a None text."""
    raw = {key: value for key, value in stored_chart().items() if key != "annotation"}

    assert translatable_strings(ChartBlock(), raw) == [
        "Abonnés par réseau",
        "Facebook",
        "LinkedIn",
        "LinkedIn compte deux fois plus d’abonnés que Facebook.",
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


# Value labels: on every bar, in the visitor's language


@pytest.mark.parametrize(
    ("unit", "rows", "french", "english"),
    [
        ("currency", [("Budget", "5786386")], [f"5{NBSP}786{NBSP}386{NBSP}$"], ["$5,786,386"]),
        ("number", [("LinkedIn", "1230"), ("Facebook", "582")], [f"1{NBSP}230"], ["1,230"]),
        ("percent", [("LinkedIn", "58"), ("Facebook", "30.5")], [f"30,5{NBSP}%"], ["30.5%"]),
        ("hours", [("Services", "68577")], [f"68{NBSP}577{NBSP}h"], [f"68,577{NBSP}h"]),
    ],
)
@pytest.mark.parametrize("chart_type", ["bar", "horizontal_bar"])
def test_every_bar_carries_its_value_written_for_the_language(
    chart_type, unit, rows, french, english
):
    value = chart(chart_type, [{"label": label, "value": v} for label, v in rows], unit=unit)

    for language, expected in (("fr", french), ("en", english)):
        svg = svg_of(render(ChartBlock(), value, language))
        for text in expected:
            assert f">{text}</tspan>" in svg, (language, text)
        assert svg.count("<rect ") == len(rows)


def svg_of(html):
    return html[html.index('<svg class="chart-svg"') : html.index("</svg>") + 6]


# Annotations


def stored_chart(annotation=None, chart_type="horizontal_bar", rows=FOLLOWERS):
    """A chart block's JSON as stored in a page (ids and all)."""
    return {
        "title": "Abonnés par réseau",
        "description": "LinkedIn compte deux fois plus d’abonnés que Facebook.",
        "chart_type": chart_type,
        "unit": "number",
        "rows": stored_list(rows),
        "paste": "",
        "annotation": annotation or {"text": "", "row": None},
        "source": "",
        "notes": [],
    }


@pytest.mark.parametrize("chart_type", ["bar", "horizontal_bar", "donut"])
def test_an_annotation_is_drawn_as_a_callout_and_told_to_screen_readers(chart_type):
    annotation = {"text": "+58 %", "row": 1}
    value = ChartBlock().to_python(stored_chart(annotation, chart_type))

    html = render(ChartBlock(), value, "fr")

    svg = svg_of(html)
    assert svg.count('<g class="chart-callout">') == 1
    assert ">+58 %</tspan>" in svg
    assert '<p class="visually-hidden"> Annotation sur « LinkedIn » : +58 % </p>' in html
    assert html.index("</svg>") < html.index('class="visually-hidden"') < html.index("<details")


def test_an_annotation_about_the_whole_chart_names_no_row():
    value = ChartBlock().to_python(stored_chart({"text": "Au 31 mars 2022", "row": None}))

    html = render(ChartBlock(), value, "en")

    assert '<p class="visually-hidden"> Annotation: Au 31 mars 2022 </p>' in html
    assert ">Au 31 mars 2022</tspan>" in svg_of(html)


@pytest.mark.parametrize("text", ["", "   "])
def test_without_an_annotation_nothing_is_drawn_or_said(text):
    value = ChartBlock().to_python(stored_chart({"text": text, "row": None}))

    html = render(ChartBlock(), value, "fr")

    assert "chart-callout" not in html
    assert "Annotation" not in html
    assert "visually-hidden" not in html


def test_a_chart_saved_before_annotations_existed_renders_without_one():
    raw = {key: value for key, value in stored_chart().items() if key != "annotation"}

    value = ChartBlock().to_python(raw)
    html = render(ChartBlock(), value, "fr")

    assert value["annotation"]["text"] == "" and value["annotation"]["row"] is None
    assert f">1{NBSP}230</tspan>" in html
    assert "chart-callout" not in html


def test_an_annotation_about_a_row_without_a_value_yet_is_not_drawn_elsewhere():
    rows = [{"label": "LinkedIn", "value": None}, {"label": "Facebook", "value": "582"}]
    value = ChartBlock().to_python(stored_chart({"text": "+58 %", "row": 1}, rows=rows))

    html = render(ChartBlock(), value, "fr")

    assert "chart-callout" not in html and "+58 %" not in html


def test_the_row_number_counts_the_rows_as_the_editor_sees_them():
    rows = [{"label": "LinkedIn", "value": None}, *FOLLOWERS]
    value = ChartBlock().to_python(stored_chart({"text": "+135", "row": 3}, rows=rows))

    html = render(ChartBlock(), value, "fr")

    assert "Annotation sur « Facebook » : +135" in html


def test_an_annotation_needs_its_text_and_a_row_of_the_chart():
    value = chart()
    value["annotation"] = ChartBlock().child_blocks["annotation"].to_python({"row": 3})

    error = clean_errors(ChartBlock(), value)

    annotation_errors = error.block_errors["annotation"].block_errors
    assert messages(annotation_errors["text"]) == (
        "Write the annotation, or leave empty the row it is about."
    )
    assert messages(annotation_errors["row"]) == (
        "The chart has 2 rows: give a number from 1 to 2."
    )
    french = clean_errors(ChartBlock(), value, "fr").block_errors["annotation"].block_errors
    assert messages(french["row"]) == "Le graphique a 2 lignes : indiquez un numéro de 1 à 2."


def test_an_annotation_may_be_left_out_or_be_about_the_whole_chart():
    for annotation in ({"text": "", "row": None}, {"text": "Au 31 mars 2022", "row": None}):
        value = chart()
        value["annotation"] = ChartBlock().child_blocks["annotation"].to_python(annotation)

        assert ChartBlock().clean(value)["annotation"]["text"] == annotation["text"]


# Through the admin and on the pages visitors read


def chart_body(annotation):
    value = {
        "title": "Abonnés par réseau",
        "description": "LinkedIn compte deux fois plus d’abonnés que Facebook.",
        "chart_type": "bar",
        "unit": "number",
        "rows": FOLLOWERS,
        "notes": [],
    }
    if annotation is not None:
        value["annotation"] = annotation
    return [("chart", value)]


@pytest.mark.parametrize(
    "annotation", [None, {"text": "", "row": ""}, {"text": "+58 %", "row": "1"}]
)
def test_the_admin_form_saves_a_chart_with_or_without_annotation(
    superuser_client, report, annotation
):
    from tests.admin_forms import report_form
    from tests.html import page_html

    response = superuser_client.post(
        f"/admin/pages/{report.id}/edit/",
        report_form(chart_body(annotation), slug=report.slug),
    )

    assert response.status_code == 302, page_html(response)[:3000]
    report.refresh_from_db()
    (saved,) = report.get_latest_revision_as_object().body
    expected = annotation or {"text": "", "row": ""}
    assert saved.value["annotation"]["text"] == expected["text"]
    assert saved.value["annotation"]["row"] == (int(expected["row"]) if expected["row"] else None)


def test_the_admin_form_tells_what_is_wrong_with_an_annotation(superuser_client, report):
    from tests.admin_forms import report_form

    response = superuser_client.post(
        f"/admin/pages/{report.id}/edit/",
        report_form(chart_body({"text": "", "row": "5"}), slug=report.slug),
    )

    assert response.status_code == 200
    # Block errors travel in the stream editor's JSON, non-ASCII characters escaped.
    html = response.content.decode()
    assert json.dumps("Écrivez l’annotation, ou laissez vide la ligne visée.")[1:-1] in html
    assert json.dumps("Le graphique a 2 lignes : indiquez un numéro de 1 à 2.")[1:-1] in html


@pytest.fixture
def report_with_chart(report_index):
    from tests.factories import ReportYearPageFactory
    from tests.report.conftest import publish

    body = [
        ("chart", ChartBlock().to_python(stored_chart({"text": "+58 % en un an", "row": 1}))),
    ]
    return publish(ReportYearPageFactory(parent=report_index, body=body))


def test_the_annotation_is_translated_with_wagtail_localize(
    client, report_with_chart, english, public_site
):
    from editorial.localization import publish_translation
    from tests.html import page_html
    from tests.report.conftest import ENGLISH

    translated, _missing = publish_translation(
        report_with_chart,
        english,
        {
            **ENGLISH,
            "Abonnés par réseau": "Followers by network",
            "LinkedIn compte deux fois plus d’abonnés que Facebook.": (
                "LinkedIn has twice as many followers as Facebook."
            ),
            "+58 % en un an": "+58% in a year",
        },
    )

    english_page = page_html(client.get(translated.url))
    french_page = page_html(client.get(report_with_chart.url))

    assert ">+58% in a year</tspan>" in english_page
    said = BeautifulSoup(english_page, "html.parser").select_one(".report-chart .visually-hidden")
    assert " ".join(said.get_text().split()) == "Annotation on “LinkedIn”: +58% in a year"
    assert "+58 % en un an" not in english_page
    assert ">+58 % en un an</tspan>" in french_page
