"""Charts drawn on the server as accessible SVG: bars, horizontal bars and donuts.

Functions here lay a chart out and return a `Drawing`: plain shapes and text that the
template `report/includes/chart_svg.html` writes out (escaped, like any template value). The
SVG is an image with a title and a description; its data table or legend follows it in HTML.

The drawing is 400 units wide and scales to its container: at the width of a 360px phone a
16-unit label is still about 13px high. Coordinates are strings with a decimal point, because
Django's templates would write numbers with a French decimal comma.
"""

import math
import textwrap
from dataclasses import dataclass, field
from decimal import Decimal

from report import figure_format

VIEW_WIDTH = 400
FONT_SIZE = 16
LINE_HEIGHT = 20
# Average advance of a character of a sans-serif face, in ems: enough to keep labels apart.
CHARACTER_WIDTH = 0.6
BAR_THICKNESS = 24
GAP = 6
TEXT_COLOUR = "#1d2430"
AXIS_COLOUR = "#4a5568"
# Each colour has a contrast of at least 4.5:1 with white (WCAG non-text contrast asks 3:1),
# and neighbouring ones differ in lightness as well as hue.
PALETTE = (
    "#0b5d7a",
    "#b3401b",
    "#1e6b33",
    "#6b3fa0",
    "#8a5a00",
    "#2f4b7c",
    "#a4161a",
    "#4a5568",
)
MAX_DONUT_SLICES = len(PALETTE)


@dataclass(frozen=True)
class Rect:
    x: str
    y: str
    width: str
    height: str
    fill: str


@dataclass(frozen=True)
class Text:
    x: str
    y: str
    lines: tuple
    anchor: str = "start"
    bold: bool = False


@dataclass(frozen=True)
class Line:
    x1: str
    y1: str
    x2: str
    y2: str


@dataclass(frozen=True)
class Slice:
    d: str
    fill: str


@dataclass(frozen=True)
class LegendItem:
    label: str
    value_text: str
    share: Decimal
    colour: str


@dataclass
class Drawing:
    """What the SVG template draws, in the order it draws it."""

    dom_id: str
    title: str
    description: str
    width: int = VIEW_WIDTH
    height: int = 0
    rects: list = field(default_factory=list)
    slices: list = field(default_factory=list)
    lines: list = field(default_factory=list)
    texts: list = field(default_factory=list)
    legend: list = field(default_factory=list)

    text_colour = TEXT_COLOUR
    axis_colour = AXIS_COLOUR
    line_height = str(LINE_HEIGHT)

    @property
    def view_box(self):
        return f"0 0 {self.width} {self.height}"

    @property
    def title_id(self):
        return f"{self.dom_id}-title"

    @property
    def description_id(self):
        return f"{self.dom_id}-description"


@dataclass(frozen=True)
class Bar:
    label: str
    value: Decimal
    colour: str = PALETTE[0]


@dataclass(frozen=True)
class BarGroup:
    """Bars drawn under a common heading (e.g. one fiscal year's revenues and expenses)."""

    heading: str
    bars: tuple


def coordinate(number):
    """A coordinate for SVG: at most one decimal, a decimal point, no exponent."""
    text = f"{round(number, 1) + 0.0:.1f}"  # + 0.0 turns -0.0 into 0.0
    return text[:-2] if text.endswith(".0") else text


def text_width(text, font_size=FONT_SIZE):
    return len(text) * font_size * CHARACTER_WIDTH


def wrap(text, width, max_lines=3):
    """Lines of `text` that fit `width` units; the last line ends with … if it had to stop."""
    characters = max(4, int(width // (FONT_SIZE * CHARACTER_WIDTH)))
    lines = textwrap.wrap(text, characters, break_long_words=True) or [""]
    if len(lines) > max_lines:
        lines = [*lines[: max_lines - 1], textwrap.shorten(lines[max_lines - 1], characters - 1)]
        lines[-1] = lines[-1].rstrip(" .[…]") + "…"
    return tuple(lines)


def draw(chart_type, *, dom_id, title, description, rows, unit):
    """The drawing for a chart block's rows ({"label", "value"})."""
    # One series: every bar has the same colour, so that colour never carries meaning.
    bars = [Bar(label=row["label"], value=Decimal(row["value"])) for row in rows]
    if chart_type == "donut":
        return donut_chart(dom_id, title, description, bars, unit)
    if chart_type == "horizontal_bar":
        return horizontal_bar_chart(dom_id, title, description, [BarGroup("", bars)], unit)
    return bar_chart(dom_id, title, description, bars, unit)


class LinearScale:
    """Maps values to positions along one axis, with zero always on it."""

    def __init__(self, values, start, end):
        self.low = min([Decimal(0), *values])
        self.high = max([Decimal(0), *values])
        if self.low == self.high:
            self.high = self.low + 1
        self.start, self.end = start, end

    def __call__(self, value):
        share = (Decimal(value) - self.low) / (self.high - self.low)
        return self.start + float(share) * (self.end - self.start)


def horizontal_bar_chart(dom_id, title, description, groups, unit):
    """Each bar on its own line under its label, its value after its end: reads on a phone."""
    drawing = Drawing(dom_id=dom_id, title=title, description=description)
    bars = [bar for group in groups for bar in group.bars]
    value_texts = {id(bar): figure_format.figure(bar.value, unit) for bar in bars}
    room = max(text_width(text) for text in value_texts.values()) + GAP
    has_negative = any(bar.value < 0 for bar in bars)
    scale = LinearScale([bar.value for bar in bars], room if has_negative else 0, VIEW_WIDTH - room)
    y = 0
    for group in groups:
        if group.heading:
            drawing.texts.append(Text("0", coordinate(y + FONT_SIZE), (group.heading,), bold=True))
            y += LINE_HEIGHT + 2
        for bar in group.bars:
            y = _horizontal_bar(drawing, bar, value_texts[id(bar)], scale, y)
        y += GAP
    drawing.height = math.ceil(y)
    return drawing


def _horizontal_bar(drawing, bar, value_text, scale, y):
    """Draw one bar, its label above it, from `y` down; return where the next one starts."""
    label_lines = wrap(bar.label, VIEW_WIDTH)
    drawing.texts.append(Text("0", coordinate(y + FONT_SIZE), label_lines))
    y += LINE_HEIGHT * len(label_lines) + 2
    zero, end = scale(0), scale(bar.value)
    left, width = min(zero, end), abs(end - zero)
    drawing.rects.append(Rect(*map(coordinate, (left, y, width, BAR_THICKNESS)), fill=bar.colour))
    text_y = coordinate(y + BAR_THICKNESS / 2 + FONT_SIZE * 0.35)
    if bar.value < 0:
        drawing.texts.append(Text(coordinate(left - GAP), text_y, (value_text,), anchor="end"))
    else:
        drawing.texts.append(Text(coordinate(left + width + GAP), text_y, (value_text,)))
    drawing.lines.append(Line(*map(coordinate, (zero, y - 2, zero, y + BAR_THICKNESS + 2))))
    return y + BAR_THICKNESS + GAP


def bar_chart(dom_id, title, description, bars, unit):
    """Vertical bars with their value above (below, if negative) and their label under them."""
    drawing = Drawing(dom_id=dom_id, title=title, description=description)
    band = VIEW_WIDTH / max(len(bars), 1)
    value_texts = [_fitting_value_text(bar.value, unit, band) for bar in bars]
    labels = [wrap(bar.label, band - GAP) for bar in bars]
    plot_top, plot_height = LINE_HEIGHT + GAP, 200
    has_negative = any(bar.value < 0 for bar in bars)
    plot_bottom = plot_top + plot_height - (LINE_HEIGHT + GAP if has_negative else 0)
    scale = LinearScale([bar.value for bar in bars], plot_bottom, plot_top)
    zero = scale(0)
    for index, (bar, value_text) in enumerate(zip(bars, value_texts, strict=True)):
        centre = band * index + band / 2
        end = scale(bar.value)
        top, height = min(zero, end), abs(end - zero)
        drawing.rects.append(
            Rect(*map(coordinate, (centre - band * 0.3, top, band * 0.6, height)), fill=bar.colour)
        )
        value_y = top - GAP if bar.value >= 0 else top + height + FONT_SIZE + 2
        drawing.texts.append(
            Text(coordinate(centre), coordinate(value_y), (value_text,), anchor="middle")
        )
    labels_top = plot_top + plot_height + GAP + FONT_SIZE
    for index, lines in enumerate(labels):
        centre = band * index + band / 2
        drawing.texts.append(
            Text(coordinate(centre), coordinate(labels_top), lines, anchor="middle")
        )
    drawing.lines.append(Line(*map(coordinate, (0, zero, VIEW_WIDTH, zero))))
    tallest_label = max((len(lines) for lines in labels), default=1)
    drawing.height = math.ceil(labels_top + LINE_HEIGHT * (tallest_label - 1) + GAP)
    return drawing


def _fitting_value_text(value, unit, room):
    """The full figure if it fits above its bar, else its short form (4,6 M$)."""
    text = figure_format.figure(value, unit)
    if text_width(text) <= room - 2:
        return text
    return figure_format.compact_figure(value, unit)


def shares(values):
    """Each value's share of the total, in percent; None when the total is not positive."""
    total = sum(values, Decimal(0))
    if total <= 0:
        return [None for _value in values]
    return [Decimal(value) / total * 100 for value in values]


def donut_chart(dom_id, title, description, bars, unit):
    """A ring cut in shares of the total, the total in its middle; the legend is HTML."""
    drawing = Drawing(dom_id=dom_id, title=title, description=description, height=300)
    centre_x, centre_y, outer, inner = VIEW_WIDTH / 2, 150, 140, 84
    values = [bar.value for bar in bars]
    start = 0.0
    for index, (bar, share) in enumerate(zip(bars, shares(values), strict=True)):
        colour = PALETTE[index % len(PALETTE)]
        drawing.legend.append(
            LegendItem(bar.label, figure_format.figure(bar.value, unit), share, colour)
        )
        if not share:
            continue
        end = start + float(share) / 100 * 360
        drawing.slices.append(
            Slice(ring_sector(centre_x, centre_y, outer, inner, start, end), fill=colour)
        )
        start = end
    total = sum(values, Decimal(0))
    drawing.texts.append(
        Text(
            coordinate(centre_x),
            coordinate(centre_y + FONT_SIZE * 0.35),
            (figure_format.compact_figure(total, unit),),
            anchor="middle",
            bold=True,
        )
    )
    return drawing


def ring_sector(centre_x, centre_y, outer, inner, start_degrees, end_degrees):
    """SVG path of the part of a ring between two angles, clockwise from the top."""
    if end_degrees - start_degrees >= 359.99:
        # An arc cannot start and end at the same point: draw a whole ring as two halves.
        middle = start_degrees + 180
        return " ".join(
            (
                ring_sector(centre_x, centre_y, outer, inner, start_degrees, middle),
                ring_sector(centre_x, centre_y, outer, inner, middle, start_degrees + 360),
            )
        )
    large_arc = 1 if end_degrees - start_degrees > 180 else 0
    outer_start = _point(centre_x, centre_y, outer, start_degrees)
    outer_end = _point(centre_x, centre_y, outer, end_degrees)
    inner_end = _point(centre_x, centre_y, inner, end_degrees)
    inner_start = _point(centre_x, centre_y, inner, start_degrees)
    return (
        f"M {outer_start} A {coordinate(outer)} {coordinate(outer)} 0 {large_arc} 1 {outer_end} "
        f"L {inner_end} A {coordinate(inner)} {coordinate(inner)} 0 {large_arc} 0 {inner_start} Z"
    )


def _point(centre_x, centre_y, radius, degrees):
    radians = math.radians(degrees - 90)
    return (
        f"{coordinate(centre_x + radius * math.cos(radians))} "
        f"{coordinate(centre_y + radius * math.sin(radians))}"
    )


def relative_luminance(colour):
    """WCAG relative luminance of a #rrggbb colour."""
    channels = [int(colour[index : index + 2], 16) / 255 for index in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_ratio(first, second):
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)
