"""Charts drawn on the server as accessible SVG (report.svg_charts and its template)."""

import re
from decimal import Decimal

import pytest
from django.template.loader import render_to_string
from django.utils import translation

from report import svg_charts
from report.svg_charts import Bar, BarGroup
from tests.report import NBSP, fold

REVENUE_AND_EXPENSES = [
    Bar("Produits", Decimal(4618760)),
    Bar("Frais d’exploitation", Decimal(4648539)),
]


def svg(drawing, language="fr"):
    with translation.override(language):
        return fold(render_to_string("report/includes/chart_svg.html", {"drawing": drawing}))


def texts(drawing):
    return [line for text in drawing.texts for line in text.lines]


@pytest.mark.parametrize(
    ("number", "text"),
    [(0, "0"), (12, "12"), (12.04, "12"), (12.25, "12.2"), (-0.04, "0"), (1234.56, "1234.6")],
)
def test_coordinates_have_a_decimal_point_and_at_most_one_decimal(number, text):
    assert svg_charts.coordinate(number) == text


def test_a_linear_scale_always_includes_zero():
    scale = svg_charts.LinearScale([Decimal(50), Decimal(100)], 0, 200)

    assert scale(0) == 0
    assert scale(100) == 200
    assert scale(50) == 100


def test_a_linear_scale_with_negative_values_places_zero_inside():
    scale = svg_charts.LinearScale([Decimal(-100), Decimal(300)], 0, 400)

    assert scale(0) == 100
    assert scale(-100) == 0


def test_a_linear_scale_of_zeros_does_not_divide_by_zero():
    assert svg_charts.LinearScale([Decimal(0)], 0, 100)(0) == 0


def test_labels_are_wrapped_to_the_room_they_have():
    lines = svg_charts.wrap("Entreprises collectives de la Capitale-Nationale", 200)

    assert len(lines) > 1
    assert all(svg_charts.text_width(line) <= 200 for line in lines)
    assert " ".join(lines) == "Entreprises collectives de la Capitale-Nationale"


def test_labels_too_long_for_three_lines_end_with_an_ellipsis():
    lines = svg_charts.wrap("un deux trois quatre cinq six sept huit neuf dix onze douze", 60)

    assert len(lines) == 3
    assert lines[-1].endswith("…")


def test_shares_are_percentages_of_the_total():
    assert svg_charts.shares([Decimal(1), Decimal(3)]) == [Decimal(25), Decimal(75)]
    assert svg_charts.shares([Decimal(0), Decimal(0)]) == [None, None]


@pytest.mark.parametrize("colour", svg_charts.PALETTE)
def test_every_colour_stands_out_from_white_and_from_nothing_else(colour):
    assert svg_charts.contrast_ratio(colour, "#ffffff") >= 4.5


def test_text_is_dark_enough_to_read_on_white():
    assert svg_charts.contrast_ratio(svg_charts.TEXT_COLOUR, "#ffffff") >= 7


def test_contrast_ratio_follows_wcag():
    assert svg_charts.contrast_ratio("#000000", "#ffffff") == pytest.approx(21)
    assert svg_charts.contrast_ratio("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)


def test_horizontal_bars_are_proportional_to_their_values():
    with translation.override("fr"):
        drawing = svg_charts.horizontal_bar_chart(
            "c1",
            "Résultats",
            "Produits et charges.",
            [BarGroup("", REVENUE_AND_EXPENSES)],
            "currency",
        )

    widths = [float(rect.width) for rect in drawing.rects]
    assert widths[0] / widths[1] == pytest.approx(4618760 / 4648539, abs=0.002)
    assert max(float(rect.x) + float(rect.width) for rect in drawing.rects) <= svg_charts.VIEW_WIDTH
    assert f"4{NBSP}618{NBSP}760{NBSP}$" in texts(drawing)
    assert "Frais d’exploitation" in texts(drawing)
    assert drawing.height > 2 * svg_charts.BAR_THICKNESS


def test_horizontal_bars_leave_room_for_the_longest_value():
    with translation.override("en"):
        drawing = svg_charts.horizontal_bar_chart(
            "c1", "T", "D", [BarGroup("", REVENUE_AND_EXPENSES)], "currency"
        )

    value_texts = [text for text in drawing.texts if text.lines[0].startswith("$")]
    for text in value_texts:
        assert float(text.x) + svg_charts.text_width(text.lines[0]) <= svg_charts.VIEW_WIDTH


def test_negative_horizontal_bars_go_left_of_zero_with_their_value_before_them():
    bars = [Bar("Surplus", Decimal(48201)), Bar("Déficit", Decimal(-29779))]
    with translation.override("fr"):
        drawing = svg_charts.horizontal_bar_chart("c1", "T", "D", [BarGroup("", bars)], "currency")

    positive, negative = drawing.rects
    assert float(negative.x) + float(negative.width) == pytest.approx(float(positive.x), abs=0.1)
    deficit_text = next(text for text in drawing.texts if text.lines[0].startswith("("))
    assert deficit_text.anchor == "end"
    assert float(deficit_text.x) < float(negative.x)
    assert float(deficit_text.x) - svg_charts.text_width(deficit_text.lines[0]) >= 0


def test_groups_have_a_bold_heading_over_their_bars():
    groups = [BarGroup("2021-2022 actual", REVENUE_AND_EXPENSES), BarGroup("2022", ())]
    drawing = svg_charts.horizontal_bar_chart("c1", "T", "D", groups, "currency")

    heading = drawing.texts[0]
    assert heading.lines == ("2021-2022 actual",)
    assert heading.bold


def test_vertical_bars_stand_on_one_baseline_with_labels_under_them():
    bars = [Bar("Estrie", Decimal(10)), Bar("Montérégie", Decimal(20))]
    drawing = svg_charts.bar_chart("c1", "T", "D", bars, "number")

    first, second = drawing.rects
    baseline = float(drawing.lines[0].y1)
    assert float(first.y) + float(first.height) == pytest.approx(baseline)
    assert float(second.height) == pytest.approx(2 * float(first.height))
    label = next(text for text in drawing.texts if text.lines == ("Estrie",))
    assert float(label.y) > baseline
    assert label.anchor == "middle"


def test_vertical_bar_values_shorten_when_they_do_not_fit_above_their_bar():
    bars = [Bar(f"Année {year}", Decimal(4618760)) for year in range(8)]
    with translation.override("fr"):
        drawing = svg_charts.bar_chart("c1", "T", "D", bars, "currency")

    assert f"4,6{NBSP}M$" in texts(drawing)


def test_negative_vertical_bars_hang_below_the_baseline():
    bars = [Bar("A", Decimal(10)), Bar("B", Decimal(-5))]
    drawing = svg_charts.bar_chart("c1", "T", "D", bars, "number")

    baseline = float(drawing.lines[0].y1)
    assert float(drawing.rects[1].y) == pytest.approx(baseline)
    value = next(text for text in drawing.texts if text.lines == ("-5",))
    assert float(value.y) > baseline


def test_a_donut_is_cut_in_the_shares_of_its_values_with_a_legend():
    bars = [Bar("LinkedIn", Decimal(1230)), Bar("Facebook", Decimal(582)), Bar("X", Decimal(0))]
    with translation.override("fr"):
        drawing = svg_charts.donut_chart("c1", "Abonnés", "Abonnés par réseau.", bars, "number")

    assert len(drawing.slices) == 2  # nothing is drawn for a zero
    assert [item.label for item in drawing.legend] == ["LinkedIn", "Facebook", "X"]
    assert drawing.legend[0].share == pytest.approx(Decimal(1230) / 1812 * 100)
    assert drawing.legend[0].value_text == f"1{NBSP}230"
    assert len({item.colour for item in drawing.legend}) == 3
    assert texts(drawing) == [f"1{NBSP}812"]


def test_a_ring_sector_starts_at_the_top_and_turns_clockwise():
    path = svg_charts.ring_sector(200, 150, 140, 84, 0, 90)

    assert path.startswith("M 200 10 A 140 140 0 0 1 340 150 L 284 150 A 84 84 0 0 0 200 66")
    assert path.endswith("Z")


def test_a_large_sector_uses_the_large_arc():
    assert " 0 1 1 " in svg_charts.ring_sector(200, 150, 140, 84, 0, 270)


def test_a_whole_ring_is_drawn_as_two_halves():
    path = svg_charts.ring_sector(200, 150, 140, 84, 0, 360)

    assert path.count("M ") == 2
    assert path.count("Z") == 2


def test_draw_chooses_the_chart_type():
    rows = [{"label": "A", "value": Decimal(1)}, {"label": "B", "value": Decimal(2)}]
    common = {"dom_id": "c1", "title": "T", "description": "D", "rows": rows, "unit": "number"}

    assert svg_charts.draw("donut", **common).slices
    horizontal = svg_charts.draw("horizontal_bar", **common)
    vertical = svg_charts.draw("bar", **common)
    assert float(horizontal.rects[0].height) == svg_charts.BAR_THICKNESS
    assert float(vertical.rects[0].width) != float(vertical.rects[1].height)
    # One series: colour carries no meaning.
    assert {rect.fill for rect in horizontal.rects} == {svg_charts.PALETTE[0]}


def test_the_svg_is_an_image_named_by_its_title_and_described():
    drawing = svg_charts.horizontal_bar_chart(
        "chart-1",
        "Résultats",
        "Produits et charges.",
        [BarGroup("", REVENUE_AND_EXPENSES)],
        "currency",
    )

    html = svg(drawing)

    assert re.search(
        r'<svg class="chart-svg" viewBox="0 0 400 \d+" width="100%" role="img" '
        r'aria-labelledby="chart-1-title chart-1-description"',
        html,
    )
    assert '<title id="chart-1-title">Résultats</title>' in html
    assert '<desc id="chart-1-description">Produits et charges.</desc>' in html
    assert "<script" not in html
    assert "<style" not in html
    assert " style=" not in html


def test_svg_coordinates_keep_a_decimal_point_in_french():
    drawing = svg_charts.bar_chart(
        "c", "T", "D", [Bar("A", Decimal(1)), Bar("B", Decimal(3))], "number"
    )

    html = svg(drawing, "fr")

    coordinates = re.findall(r' (?:x|y|width|height|x1|y1|x2|y2)="([^"]*)"', html)
    assert coordinates
    assert all(re.fullmatch(r"-?\d+(\.\d)?|100%", value) for value in coordinates)


def test_editor_text_in_the_svg_is_escaped():
    bars = [Bar('<script>alert("x")</script>', Decimal(1))]
    drawing = svg_charts.horizontal_bar_chart(
        "c", "<b>Titre</b>", "A & B", [BarGroup("", bars)], "number"
    )

    html = svg(drawing)

    assert "<script>" not in html
    assert "&lt;script&gt;" in html
    assert '<title id="c-title">&lt;b&gt;Titre&lt;/b&gt;</title>' in html
    assert "A &amp; B" in html


def test_multi_line_labels_are_tspans_one_line_under_the_other():
    bars = [Bar("Entreprises collectives de la Capitale-Nationale et de Chaudière-Appalaches", 1)]
    drawing = svg_charts.bar_chart("c", "T", "D", bars, "number")

    html = svg(drawing)

    assert html.count(f'dy="{svg_charts.LINE_HEIGHT}"') >= 1
