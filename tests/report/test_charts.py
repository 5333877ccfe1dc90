"""Charts drawn on the server as accessible SVG (report.svg_charts and its template)."""

import itertools
import math
import re
from decimal import Decimal

import pytest
from django.template.loader import render_to_string
from django.utils import translation

from home.brand_colours import contrast_ratio
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
    assert contrast_ratio(colour, "#ffffff") >= 4.5


def test_text_is_dark_enough_to_read_on_white():
    assert contrast_ratio(svg_charts.TEXT_COLOUR, "#ffffff") >= 7


def test_contrast_ratio_follows_wcag():
    assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21)
    assert contrast_ratio("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)


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
    bars = [Bar(f"Année {year}", Decimal(4618760)) for year in range(5)]
    with translation.override("fr"):
        drawing = svg_charts.bar_chart("c1", "T", "D", bars, "currency")

    assert len(drawing.rects) == 5 and drawing.lines[0].x1 != drawing.lines[0].x2
    assert f"4,6{NBSP}M$" in texts(drawing)
    assert f"4{NBSP}618{NBSP}760{NBSP}$" not in texts(drawing)


def test_vertical_bars_too_narrow_for_their_values_are_drawn_horizontally():
    bars = [Bar(f"Année {year}", Decimal(4618760)) for year in range(8)]
    with translation.override("fr"):
        drawing = svg_charts.bar_chart("c1", "T", "D", bars, "currency")

    # Each bar on its own line, its full value after it.
    assert {float(rect.height) for rect in drawing.rects} == {svg_charts.BAR_THICKNESS}
    assert texts(drawing).count(f"4{NBSP}618{NBSP}760{NBSP}$") == 8


def test_vertical_bars_whose_label_would_be_cut_inside_a_word_are_drawn_horizontally():
    words_that_fit = [
        Bar("Produits", 4618760),
        Bar("Frais d’exploitation", 4648539),
        Bar("Dons", 1),
    ]
    long_word = [*words_that_fit, *(Bar("Administration", 1) for _ in range(2))]

    fitting = svg_charts.bar_chart("c1", "T", "D", words_that_fit, "number")
    too_long = svg_charts.bar_chart("c1", "T", "D", long_word, "number")

    assert float(fitting.lines[0].y1) == float(fitting.lines[0].y2)  # the baseline: vertical
    assert ("Frais", "d’exploitation") in [text.lines for text in fitting.texts]
    assert {float(rect.height) for rect in too_long.rects} == {svg_charts.BAR_THICKNESS}
    assert ("Administration",) in [text.lines for text in too_long.texts]


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


# Every text inside the drawing, never over another


LONG_LABEL = "Entreprises collectives de la Capitale-Nationale et de Chaudière-Appalaches, réseau"
DATASETS = {
    "statement": [
        Bar("Produits", Decimal(4618760)),
        Bar("Frais d’exploitation", Decimal(4648539)),
        Bar("Excédent (déficit) de l’exercice", Decimal(-29779)),
    ],
    "long labels": [Bar(LONG_LABEL, Decimal(1230)), Bar(f"{LONG_LABEL} {LONG_LABEL}", 582)],
    "long values, short bars": [
        Bar("Subventions", Decimal("123456789012.5")),
        Bar("Dons", Decimal(1)),
        Bar("Pertes", Decimal("-98765432109.25")),
    ],
    "many bars": [Bar(f"Région {number}", Decimal(1000 * number)) for number in range(1, 25)],
}
ANNOTATIONS = {
    "none": None,
    "whole chart": svg_charts.Annotation("Selon les états financiers audités de l’exercice 2021"),
    "first": svg_charts.Annotation("+1 %", 0),
    "second": svg_charts.Annotation("+15,5 % par rapport à l’exercice précédent", 1),
    "last": svg_charts.Annotation("Le plus élevé", -1),
}


def every_drawing():
    return list(drawings())


def drawings():
    for chart_type in ("bar", "horizontal_bar", "donut"):
        for data_name, bars in DATASETS.items():
            if chart_type == "donut" and (len(bars) > 8 or any(bar.value < 0 for bar in bars)):
                continue
            for annotation_name, annotation in ANNOTATIONS.items():
                if annotation is not None and annotation.bar == -1:
                    annotation = svg_charts.Annotation(annotation.text, len(bars) - 1)
                yield pytest.param(
                    chart_type, bars, annotation, id=f"{chart_type}-{data_name}-{annotation_name}"
                )


def drawn(chart_type, bars, annotation, language="fr"):
    rows = [{"label": bar.label, "value": bar.value} for bar in bars]
    with translation.override(language):
        return svg_charts.draw(
            chart_type,
            dom_id="c",
            title="T",
            description="D",
            rows=rows,
            unit="currency",
            annotation=annotation,
        )


def all_texts(drawing):
    return [*drawing.texts, *(callout.text for callout in drawing.callouts)]


def overlap(first, second):
    return (
        first[0] < second[2]
        and second[0] < first[2]
        and first[1] < second[3]
        and second[1] < first[3]
    )


@pytest.mark.parametrize(("chart_type", "bars", "annotation"), every_drawing())
@pytest.mark.parametrize("language", ["fr", "en"])
def test_no_text_leaves_the_drawing_or_overlaps_another(chart_type, bars, annotation, language):
    drawing = drawn(chart_type, bars, annotation, language)

    boxes = [svg_charts.text_bounds(text) for text in all_texts(drawing)]
    for left, top, right, bottom in boxes:
        assert left >= 0 and top >= 0, (left, top)
        assert right <= drawing.width and bottom <= drawing.height, (right, bottom, drawing.height)
    # The texts of the chart never overlap; a callout's text sits in its box, over nothing else.
    chart_boxes = boxes[: len(drawing.texts)]
    for index, box in enumerate(chart_boxes):
        assert not any(overlap(box, other) for other in chart_boxes[index + 1 :]), box
    for callout in drawing.callouts:
        rect = callout.box
        frame = (float(rect.x), float(rect.y))
        frame += (frame[0] + float(rect.width), frame[1] + float(rect.height))
        assert frame[0] >= 0 and frame[2] <= drawing.width and frame[3] <= drawing.height
        assert not any(overlap(frame, box) for box in chart_boxes), frame
        assert not any(overlap(frame, bar_frame(bar)) for bar in drawing.rects), frame
        if chart_type == "donut":
            assert outside_the_ring(frame, drawing), frame


def outside_the_ring(frame, drawing):
    """Whether the rectangle `frame` keeps clear of the donut's ring."""
    centre_x, centre_y = donut_centre(drawing)
    nearest_x = min(max(centre_x, frame[0]), frame[2])
    nearest_y = min(max(centre_y, frame[1]), frame[3])
    return math.dist((nearest_x, nearest_y), (centre_x, centre_y)) > svg_charts.DonutLayout.OUTER


def bar_frame(rect):
    left, top = float(rect.x), float(rect.y)
    return (left, top, left + float(rect.width), top + float(rect.height))


@pytest.mark.parametrize(("chart_type", "bars", "annotation"), every_drawing())
def test_every_bar_carries_its_value_outside_the_bar(chart_type, bars, annotation):
    drawing = drawn(chart_type, bars, annotation)

    if chart_type == "donut":
        return  # Its values are in the legend (see test_chart_block).
    values = {svg_charts.figure_format.figure(bar.value, "currency") for bar in bars}
    values |= {svg_charts.figure_format.compact_figure(bar.value, "currency") for bar in bars}
    value_texts = [text for text in drawing.texts if text.lines[0] in values]
    assert len(value_texts) == len(bars)
    for text in value_texts:
        box = svg_charts.text_bounds(text)
        assert not any(overlap(box, bar_frame(rect)) for rect in drawing.rects), text


# The width of a text, as browsers and WeasyPrint set it

FONT_FILES = {
    "DejaVu Sans": "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "DejaVu Sans Bold": "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
    "Liberation Sans": "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
    "Liberation Sans Bold": "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf",
}
SAMPLES = [
    f"4{NBSP}618{NBSP}760{NBSP}$",
    "($29,779)",
    f"+15,5{NBSP}%",
    "Frais d’exploitation",
    "MÉMOIRE WWW — Wagtail @ 100 %",
    "illicite, fil; lit",
    "Entreprises collectives de la Capitale-Nationale",
    "Revenues and expenses, year over year",
]


@pytest.mark.parametrize("face", FONT_FILES)
def test_the_estimated_width_of_a_text_is_never_short_of_the_real_one(face):
    ttfont = pytest.importorskip("fontTools.ttLib").TTFont
    try:
        font = ttfont(FONT_FILES[face])
    except FileNotFoundError:
        pytest.skip(f"{face} is not installed")
    glyphs, advances = font.getBestCmap(), font["hmtx"]
    units = font["head"].unitsPerEm

    for sample in SAMPLES:
        real = sum(advances[glyphs[ord(character)]][0] for character in sample) / units * 16
        estimate = svg_charts.text_width(sample, bold=face.endswith("Bold"))
        # Never short; not so long either that labels would wrap for nothing.
        assert real <= estimate <= real * 1.5, (sample, real, estimate)


def test_labels_are_cut_between_words_and_inside_a_word_only_when_it_is_longer_than_a_line():
    assert svg_charts.wrap("Frais d’exploitation", 130) == ("Frais", "d’exploitation")
    assert svg_charts.wrap(f"4{NBSP}618{NBSP}760{NBSP}$ de produits", 100) == (
        f"4{NBSP}618{NBSP}760{NBSP}$",
        "de produits",
    )
    lines = svg_charts.wrap("Anticonstitutionnellement", 100)
    assert len(lines) > 1 and "".join(lines) == "Anticonstitutionnellement"
    assert all(svg_charts.text_width(line) <= 100 for line in lines)


# Annotations: an editor's remark drawn as a callout


def test_no_annotation_draws_no_callout():
    drawing = drawn("horizontal_bar", DATASETS["statement"], None)

    assert drawing.callouts == [] and drawing.annotation == ""
    assert "chart-callout" not in svg(drawing) and "Annotation" not in svg(drawing)


def test_a_callout_about_a_horizontal_bar_points_at_its_end_from_under_it():
    drawing = drawn("horizontal_bar", DATASETS["statement"], svg_charts.Annotation("+15,5 %", 1))

    (callout,) = drawing.callouts
    bar = drawing.rects[1]
    assert callout.text.lines == ("+15,5 %",)
    assert float(callout.pointer.x2) == pytest.approx(float(bar.x) + float(bar.width), abs=0.1)
    assert float(callout.pointer.y2) == pytest.approx(float(bar.y) + float(bar.height), abs=0.1)
    assert float(callout.box.y) > float(bar.y) + float(bar.height)
    assert float(callout.box.y) + float(callout.box.height) < float(drawing.rects[2].y)
    assert drawing.annotation == "+15,5 %"
    assert drawing.annotation_subject == "Frais d’exploitation"


def test_a_callout_about_a_vertical_bar_stands_over_it_pointing_at_its_value():
    bars = DATASETS["statement"]
    drawing = drawn("bar", bars, svg_charts.Annotation("+1 %", 0))

    (callout,) = drawing.callouts
    bar = drawing.rects[0]
    centre = float(bar.x) + float(bar.width) / 2
    value = next(text for text in drawing.texts if float(text.x) == pytest.approx(centre, abs=0.1))
    assert float(callout.pointer.x1) == pytest.approx(centre, abs=0.1)
    assert float(callout.box.y) + float(callout.box.height) <= float(callout.pointer.y1) + 0.1
    assert float(callout.pointer.y2) < svg_charts.text_bounds(value)[1]
    assert float(callout.box.x) <= centre <= float(callout.box.x) + float(callout.box.width)


def test_a_callout_about_a_share_of_a_donut_points_at_the_middle_of_its_slice():
    bars = [Bar("LinkedIn", Decimal(1230)), Bar("Facebook", Decimal(582))]
    drawing = drawn("donut", bars, svg_charts.Annotation("+58 %", 1))

    (callout,) = drawing.callouts
    # Facebook's slice runs from 244° to 360°: its middle, at 302°, faces the left; the
    # callout stands level with it, on the left, and the ring has moved right to make room.
    pointer, (centre_x, centre_y) = callout.pointer, donut_centre(drawing)
    assert float(pointer.y1) == float(pointer.y2)
    assert float(callout.box.x) + float(callout.box.width) == pytest.approx(float(pointer.x1))
    assert float(pointer.x1) < float(pointer.x2) < centre_x  # from the box to the slice
    assert math.dist((float(pointer.x2), float(pointer.y2)), (centre_x, centre_y)) == (
        pytest.approx(svg_charts.DonutLayout.OUTER + 2, abs=0.2)
    )
    assert math.degrees(math.atan2(float(pointer.y2) - centre_y, float(pointer.x2) - centre_x)) == (
        pytest.approx(302 - 90 - 360, abs=0.5)
    )
    assert centre_x > svg_charts.VIEW_WIDTH / 2


def test_a_callout_about_a_share_at_the_top_stands_above_the_ring():
    bars = [Bar("LinkedIn", Decimal(1)), Bar("Facebook", Decimal(1)), Bar("X", Decimal(8))]
    drawing = drawn("donut", bars, svg_charts.Annotation("+58 %", 0))

    (callout,) = drawing.callouts
    # LinkedIn's slice runs from 0° to 36°: the pointer goes down to the middle of its edge.
    pointer, (centre_x, centre_y) = callout.pointer, donut_centre(drawing)
    assert float(callout.box.y) == 0
    assert float(pointer.x1) == float(pointer.x2) > centre_x
    assert float(callout.box.height) == float(pointer.y1) < float(pointer.y2)
    assert math.dist((float(pointer.x2), float(pointer.y2)), (centre_x, centre_y)) == (
        pytest.approx(svg_charts.DonutLayout.OUTER + 2, abs=0.2)
    )


def donut_centre(drawing):
    total = drawing.texts[0]  # in the middle of the ring
    return float(total.x), float(total.y) - svg_charts.FONT_SIZE * 0.35


def test_a_callout_about_the_whole_chart_stands_above_it_without_pointer():
    for chart_type in ("bar", "horizontal_bar", "donut"):
        bars = DATASETS["statement"][:2]
        drawing = drawn(chart_type, bars, svg_charts.Annotation("Exercice 2021-2022"))

        (callout,) = drawing.callouts
        assert callout.pointer is None
        assert (callout.box.x, callout.box.y) == ("0", "0")
        assert drawing.annotation_subject == ""


def test_a_long_annotation_is_wrapped_in_its_box():
    text = "Hausse de 15,5 % des frais d’exploitation, liée à la croissance du volume de services"
    drawing = drawn("horizontal_bar", DATASETS["statement"], svg_charts.Annotation(text))

    (callout,) = drawing.callouts
    assert len(callout.text.lines) == 2
    assert float(callout.box.width) <= svg_charts.VIEW_WIDTH


def test_callout_text_and_pointer_stand_out():
    assert contrast_ratio(svg_charts.CALLOUT_TEXT_COLOUR, svg_charts.CALLOUT_COLOUR) >= 4.5
    assert contrast_ratio(svg_charts.CALLOUT_COLOUR, "#ffffff") >= 3


def test_the_svg_draws_the_callout_and_repeats_it_as_text_for_screen_readers():
    drawing = drawn("horizontal_bar", DATASETS["statement"], svg_charts.Annotation("+15,5 %", 1))

    html = svg(drawing)

    callout = html[html.index('<g class="chart-callout">') : html.index("</svg>")]
    assert f'fill="{svg_charts.CALLOUT_COLOUR}"' in callout
    assert f'fill="{svg_charts.CALLOUT_TEXT_COLOUR}"' in callout
    assert ">+15,5 %</tspan>" in callout
    assert "<line " in callout
    after_svg = html[html.index("</svg>") :]
    assert (
        '<p class="visually-hidden"> Annotation sur « Frais d’exploitation » : +15,5 % </p>'
        in after_svg
    )
    english = svg(drawing, "en")
    assert "Annotation on “Frais d’exploitation”: +15,5 %" in english


# Legends: wherever colours mean something


def test_bars_of_several_series_have_a_legend_of_their_colours():
    groups = [
        BarGroup(
            "2021-2022",
            (
                Bar("Produits", Decimal(4618760), svg_charts.PALETTE[0]),
                Bar("Charges", Decimal(4648539), svg_charts.PALETTE[1]),
            ),
        ),
        BarGroup(
            "2022-2023",
            (
                Bar("Produits", Decimal(5786386), svg_charts.PALETTE[0]),
                Bar("Charges", Decimal(5728258), svg_charts.PALETTE[1]),
            ),
        ),
    ]
    drawing = svg_charts.horizontal_bar_chart("c", "T", "D", groups, "currency")

    assert [(item.label, item.colour) for item in drawing.legend] == [
        ("Produits", svg_charts.PALETTE[0]),
        ("Charges", svg_charts.PALETTE[1]),
    ]
    html = svg(drawing)
    legend = html[html.index('<ul class="chart-legend">') :]
    assert legend.count("<li>") == 2
    assert (
        f'<path d="M0 0H16V16H0Z" fill="{svg_charts.PALETTE[1]}" /> </svg> Charges </li>' in legend
    )
    assert html.count("<rect ") == 4  # the bars only: the swatches are paths


def test_bars_of_one_colour_have_no_legend():
    drawing = drawn("horizontal_bar", DATASETS["statement"], None)

    assert drawing.legend == []
    assert "chart-legend" not in svg(drawing)


# The typeface: the page's, on screen and in the PDF


def css_declarations(path, selector):
    """The declarations of the rules of a stylesheet whose selectors include `selector`."""
    from pathlib import Path

    css = re.sub(r"/\*.*?\*/", "", Path(path).read_text(), flags=re.S)
    found = {}
    for selectors, body in re.findall(r"([^{}]+)\{([^{}]*)\}", css):
        if selector in [part.strip() for part in selectors.split(",")]:
            for name, value in re.findall(r"([\w-]+)\s*:\s*([^;]+)", body):
                found[name.strip()] = value.strip()
    return found


def test_on_screen_the_chart_text_inherits_the_pages_typeface():
    assert css_declarations("static/css/site.css", ".chart-svg")["font-family"] == "inherit"


def test_the_svgs_typefaces_are_those_of_the_printed_text():
    """WeasyPrint reads the SVG's attribute, not the page's styles (see FONT_FAMILY)."""
    printed = css_declarations("static/css/print.css", "body")["font-family"]

    def families(stack):
        return [name.strip().strip("\"'") for name in stack.split(",")]

    assert families(svg_charts.FONT_FAMILY) == families(printed)
    html = svg(drawn("bar", DATASETS["statement"], None))
    assert f'font-family="{svg_charts.FONT_FAMILY}"' in html


def pdf_fonts(body):
    """The names of the fonts of a PDF that WeasyPrint makes of `body` with the site's styles."""
    from io import BytesIO

    from pypdf import PdfReader
    from weasyprint import CSS, HTML

    html = f'<!doctype html><html lang="fr"><body><main>{body}</main></body></html>'
    stylesheets = [CSS(filename="static/css/site.css"), CSS(filename="static/css/print.css")]
    pdf = HTML(string=html).write_pdf(stylesheets=stylesheets)
    fonts, seen = set(), set()

    def walk(node):
        node = node.get_object() if hasattr(node, "get_object") else node
        if id(node) in seen:
            return
        seen.add(id(node))
        if isinstance(node, dict):
            if node.get("/Type") == "/Font" and "/BaseFont" in node:
                fonts.add(str(node["/BaseFont"]).split("+")[-1])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    for page in PdfReader(BytesIO(pdf)).pages:
        walk(page["/Resources"])
    return fonts


def test_in_the_pdf_the_charts_text_is_set_in_the_typeface_of_the_text():
    text = (
        "<p>Les produits totaux ont progressé de 1 %, <strong>en comptant</strong> les aides.</p>"
    )
    drawing = drawn("bar", DATASETS["statement"], svg_charts.Annotation("+15,5 %", 1))
    with translation.override("fr"):
        chart = render_to_string("report/includes/chart_svg.html", {"drawing": drawing})

    text_fonts = pdf_fonts(text)
    fonts_with_the_chart = pdf_fonts(text + chart)

    assert text_fonts  # Regular and bold.
    assert fonts_with_the_chart == text_fonts


# The demonstration report, as visitors read it


DEMO_LEGENDS = {"fr": ["Produits", "Charges"], "en": ["Revenues", "Expenses"]}
DEMO_VALUES = {"fr": f"4{NBSP}618{NBSP}760{NBSP}$", "en": "$4,618,760"}


@pytest.mark.parametrize("language", ["fr", "en"])
def test_every_chart_of_the_demo_report_has_a_title_a_legend_and_its_values(
    client, db, demo_content, language
):
    from bs4 import BeautifulSoup

    from report.models import ReportYearPage

    report = ReportYearPage.objects.get(locale__language_code=language)
    page = BeautifulSoup(client.get(report.url).content, "html.parser")

    charts = page.select("main svg.chart-svg")
    assert charts
    for chart in charts:
        title = chart.find("title").get_text(strip=True)
        block = chart.find_parent(class_="report-block")
        # Shown in words beside the drawing: its figure's caption, or the title above the chart
        # of a table.
        shown = [
            element.get_text(strip=True)
            for element in block.select("figcaption, caption, .report-chart__title")
        ]
        assert title in shown
        legend = [item.get_text(strip=True) for item in block.select(".chart-legend li")]
        colours = {rect["fill"] for rect in chart.find_all("rect")}
        assert len(legend) == len(colours) if len(colours) > 1 else not legend
        values = [tspan.get_text() for tspan in chart.find_all("tspan")]
        assert DEMO_VALUES[language] in values
    financial_chart = page.select_one(".financial-table .chart-legend")
    assert [item.get_text(strip=True) for item in financial_chart.select("li")] == (
        DEMO_LEGENDS[language]
    )


# Columns over time (the admin's readership report)


@pytest.mark.parametrize(
    ("high", "step"), [(0, 1), (3, 1), (7, 2), (40, 10), (41, 20), (1999, 500), (12345, 5000)]
)
def test_an_axis_steps_by_one_two_or_five_times_a_power_of_ten(high, step):
    assert svg_charts.nice_step(high) == step
    assert svg_charts.nice_step(high) * svg_charts.TICKS >= high


def two_languages(columns):
    series = [("Français", svg_charts.PALETTE[0]), ("Anglais", svg_charts.PALETTE[1])]
    with translation.override("fr"):
        return svg_charts.column_chart("views", "Vues par jour", "", columns, series)


def test_columns_stack_each_language_on_one_baseline_with_a_legend():
    drawing = two_languages(
        [
            svg_charts.Column("1 déc.", (Decimal(30), Decimal(10))),
            svg_charts.Column("2 déc.", (0, 5)),
        ]
    )
    bars = [rect for rect in drawing.rects if rect.fill in svg_charts.PALETTE]
    # 30 and 10 stacked on the first day, nothing drawn for the zero, 5 on the second.
    assert [bar.fill for bar in bars] == [
        svg_charts.PALETTE[0],
        svg_charts.PALETTE[1],
        svg_charts.PALETTE[1],
    ]
    first, stacked, second = bars
    assert float(first.height) == pytest.approx(3 * float(stacked.height), abs=0.2)
    assert float(stacked.y) + float(stacked.height) == pytest.approx(float(first.y), abs=0.1)
    assert float(first.y) + float(first.height) == pytest.approx(
        float(second.y) + float(second.height), abs=0.1
    )
    assert [item.label for item in drawing.legend] == ["Français", "Anglais"]
    assert drawing.width == svg_charts.WIDE_VIEW_WIDTH


def test_the_axis_is_labelled_in_the_reader_s_language():
    drawing = two_languages([svg_charts.Column("1 déc.", (Decimal(12000), Decimal(400)))])
    assert "15\u00a0000" in [text.lines[0] for text in drawing.texts]


def test_day_labels_never_overlap_however_many_days():
    columns = [svg_charts.Column(f"{day} déc.", (day, 1)) for day in range(1, 32)]
    labels = [text for text in two_languages(columns).texts if "déc." in text.lines[0]]
    assert 4 <= len(labels) < 31
    bounds = sorted(svg_charts.text_bounds(text) for text in labels)
    for left, right in itertools.pairwise(bounds):
        assert left[2] < right[0]
