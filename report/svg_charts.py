"""Charts drawn on the server as accessible SVG: bars, horizontal bars and donuts.

Functions here lay a chart out and return a `Drawing`: plain shapes and text that the
template `report/includes/chart_svg.html` writes out (escaped, like any template value). The
SVG is an image with a title and a description; its data table or legend follows it in HTML.

The drawing is 400 units wide and scales to its container: at the width of a 360px phone a
16-unit label is still about 13px high. Coordinates are strings with a decimal point, because
Django's templates would write numbers with a French decimal comma.

Every bar carries its value, outside the bar, where it never overlaps another text; colours carry
no meaning except in the legend that names them; an annotation an editor entered ("+15,5 %") is
drawn as a callout, pointing at the bar it is about, and never computed here.
"""

import math
import re
from dataclasses import dataclass, field
from decimal import Decimal

from report import figure_format

VIEW_WIDTH = 400
FONT_SIZE = 16
LINE_HEIGHT = 20
# Advances of characters in ems, rounded up from DejaVu Sans: the widest face a visitor's
# system-ui may be (Linux) and the PDF's fallback, so that an estimate is never short and texts
# placed with it never overlap. Digits and most lower-case letters take DEFAULT_ADVANCE.
ADVANCES = {
    **dict.fromkeys("iljìíîï'", 0.31),
    **dict.fromkeys(" \u00a0.,’IJ", 0.32),
    **dict.fromkeys(":;|/", 0.34),
    **dict.fromkeys("!()[]-ftr", 0.42),
    **dict.fromkeys("+\u2212=#w", 0.84),  # with the minus sign of CLDR's figures
    **dict.fromkeys("mM%W@—&", 1.0),
    "\u202f": 0.2,
}
DEFAULT_ADVANCE = 0.64
UPPER_CASE_ADVANCE = 0.79
BOLD_WIDENING = 1.12
BAR_THICKNESS = 24
GAP = 6
TEXT_COLOUR = "#1d2430"
AXIS_COLOUR = "#4a5568"
# Browsers set the text in the page's face (site.css: `.chart-svg { font-family: inherit }`).
# WeasyPrint applies no page style inside an SVG: for the PDF this attribute names the faces of
# print.css's text (a test keeps them equal). Unquoted and without spaces after the commas:
# WeasyPrint splits the list on commas and strips quotes, not spaces.
FONT_FAMILY = "Liberation Sans,DejaVu Sans,Arial,Helvetica Neue,sans-serif"
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
# A callout: white bold text on the accent colour (at least 4.5:1), its pointer of that colour.
CALLOUT_COLOUR = PALETTE[1]
CALLOUT_TEXT_COLOUR = "#ffffff"
CALLOUT_PADDING = 6
POINTER_LENGTH = 10
# How far above its baseline a line of text reaches, and below it (in ems, generous).
ASCENT, DESCENT = 0.8, 0.25


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
    """A colour and what it stands for: a share of a donut (with its value) or a series."""

    label: str
    value_text: str
    share: Decimal | None
    colour: str


@dataclass(frozen=True)
class Annotation:
    """A short remark an editor entered on a chart ("+15,5 %"), about one bar or the whole chart."""

    text: str
    bar: int | None = None  # index of the bar (or donut share) it is about, in drawing order


@dataclass(frozen=True)
class Callout:
    """An annotation drawn in a box; its pointer, if any, leads to the bar it is about."""

    box: Rect
    text: Text
    pointer: Line | None = None


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
    callouts: list = field(default_factory=list)
    # The annotation as text for screen readers, with the label of the bar it is about.
    annotation: str = ""
    annotation_subject: str = ""

    text_colour = TEXT_COLOUR
    axis_colour = AXIS_COLOUR
    callout_colour = CALLOUT_COLOUR
    callout_text_colour = CALLOUT_TEXT_COLOUR
    font_family = FONT_FAMILY
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


def text_width(text, font_size=FONT_SIZE, bold=False):
    """The width of `text` in drawing units, at most what a browser or WeasyPrint gives it."""
    ems = sum(
        ADVANCES.get(character, UPPER_CASE_ADVANCE if character.isupper() else DEFAULT_ADVANCE)
        for character in text
    )
    return ems * font_size * (BOLD_WIDENING if bold else 1)


def words(text):
    """The words of `text`: split at spaces, never at a no-break space (4 618 760 $)."""
    return [word for word in re.split(r"[ \t\r\n]+", text) if word]


def wrap(text, width, max_lines=3, bold=False):
    """Lines of `text` that fit `width` units, cut between words (inside a word only if it is
    longer than a line); the last line ends with … if the text had to stop."""
    lines = []
    for word in words(text):
        joined = f"{lines[-1]} {word}" if lines else word
        if lines and text_width(joined, bold=bold) <= width:
            lines[-1] = joined
            continue
        while len(word) > 1 and text_width(word, bold=bold) > width:
            cut = _longest_fitting_start(word, width, bold)
            lines.append(cut)
            word = word[len(cut) :]
        lines.append(word)
    lines = lines or [""]
    if len(lines) > max_lines:
        last = lines[max_lines - 1]
        while last and text_width(f"{last}…", bold=bold) > width:
            last = last[:-1]
        lines = [*lines[: max_lines - 1], last.rstrip(" .,;:") + "…"]
    return tuple(lines)


def _longest_fitting_start(word, width, bold):
    """The longest start of `word` that fits `width` (one character at least)."""
    end = 1
    while end < len(word) and text_width(word[: end + 1], bold=bold) <= width:
        end += 1
    return word[:end]


def text_bounds(text):
    """(left, top, right, bottom) of a `Text` on the drawing, as `text_width` estimates it."""
    width = max(text_width(line, bold=text.bold) for line in text.lines)
    x, baseline = float(text.x), float(text.y)
    left = {"start": x, "middle": x - width / 2, "end": x - width}[text.anchor]
    bottom = baseline + LINE_HEIGHT * (len(text.lines) - 1) + FONT_SIZE * DESCENT
    return (left, baseline - FONT_SIZE * ASCENT, left + width, bottom)


def draw(chart_type, *, dom_id, title, description, rows, unit, annotation=None):
    """The drawing for a chart block's rows ({"label", "value"}), with its `Annotation` if any."""
    # One series: every bar has the same colour, so that colour never carries meaning.
    bars = [Bar(label=row["label"], value=Decimal(row["value"])) for row in rows]
    if chart_type == "donut":
        return donut_chart(dom_id, title, description, bars, unit, annotation)
    if chart_type == "horizontal_bar":
        groups = [BarGroup("", bars)]
        return horizontal_bar_chart(dom_id, title, description, groups, unit, annotation)
    return bar_chart(dom_id, title, description, bars, unit, annotation)


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


# Annotations


def _annotate(drawing, annotation, bars):
    """Keep the annotation's text, and the label of the bar it is about, for screen readers."""
    if annotation is None:
        return None
    if annotation.bar is not None and not 0 <= annotation.bar < len(bars):
        raise ValueError(f"The annotation is about bar {annotation.bar} of {len(bars)}.")
    drawing.annotation = annotation.text
    if annotation.bar is not None:
        drawing.annotation_subject = bars[annotation.bar].label
    return annotation


def callout_lines(text):
    """The lines of a callout's text, its box's width and height."""
    lines = wrap(text, VIEW_WIDTH - 2 * CALLOUT_PADDING, max_lines=2, bold=True)
    width = max(text_width(line, bold=True) for line in lines) + 2 * CALLOUT_PADDING
    return lines, width, LINE_HEIGHT * len(lines) + CALLOUT_PADDING


def add_callout(drawing, text, top, aim=None):
    """Draw `text` in a box whose top is at `top`; return the box's bottom.

    With `aim` (x, y), the box is centred over x, kept inside the drawing, and a pointer leads
    from its nearer edge to that point; without, it stands at the left edge."""
    _lines, width, height = callout_lines(text)
    if aim is None:
        return _callout(drawing, text, 0, top)
    left = min(max(aim[0] - width / 2, 0), VIEW_WIDTH - width)
    # Inside the box, whatever the clamping did.
    x = min(max(aim[0], left + 3), left + width - 3)
    edge = top + height if aim[1] > top else top
    return _callout(drawing, text, left, top, Line(*map(coordinate, (x, edge, x, aim[1]))))


def add_callout_beside(drawing, text, aim, on_the_left):
    """Draw `text` in a box level with `aim`, on its left or right, a pointer leading to it."""
    _lines, width, height = callout_lines(text)
    edge = aim[0] - POINTER_LENGTH if on_the_left else aim[0] + POINTER_LENGTH
    left = edge - width if on_the_left else edge
    pointer = Line(*map(coordinate, (edge, aim[1], *aim)))
    return _callout(drawing, text, left, aim[1] - height / 2, pointer)


def _callout(drawing, text, left, top, pointer=None):
    lines, width, height = callout_lines(text)
    # Each line's glyphs centred in its LINE_HEIGHT.
    baseline = top + CALLOUT_PADDING / 2 + (LINE_HEIGHT + FONT_SIZE * (ASCENT - DESCENT)) / 2
    text = Text(coordinate(left + width / 2), coordinate(baseline), lines, "middle", bold=True)
    box = Rect(*map(coordinate, (left, top, width, height)), fill=CALLOUT_COLOUR)
    drawing.callouts.append(Callout(box, text, pointer))
    return top + height


def callout_room(annotation):
    """The height a callout takes above a chart, its pointer (or gap) included."""
    _lines, _width, height = callout_lines(annotation.text)
    return height + (GAP if annotation.bar is None else POINTER_LENGTH)


# Horizontal bars


def horizontal_bar_chart(dom_id, title, description, groups, unit, annotation=None):
    """Each bar on its own line under its label, its value after its end: reads on a phone.

    A callout about one bar goes under it; one about the whole chart, above it."""
    drawing = Drawing(dom_id=dom_id, title=title, description=description)
    bars = [bar for group in groups for bar in group.bars]
    annotation = _annotate(drawing, annotation, bars)
    drawing.legend = series_legend(bars)
    value_texts = {id(bar): figure_format.figure(bar.value, unit) for bar in bars}
    # Whole units: coordinates are rounded to a tenth, never into the text.
    room = math.ceil(max(text_width(text) for text in value_texts.values())) + GAP
    has_negative = any(bar.value < 0 for bar in bars)
    scale = LinearScale([bar.value for bar in bars], room if has_negative else 0, VIEW_WIDTH - room)
    y = 0
    if annotation is not None and annotation.bar is None:
        y = add_callout(drawing, annotation.text, 0) + GAP
    index = 0
    for group in groups:
        if group.heading:
            heading_lines = wrap(group.heading, VIEW_WIDTH, bold=True)
            drawing.texts.append(Text("0", coordinate(y + FONT_SIZE), heading_lines, bold=True))
            y += LINE_HEIGHT * len(heading_lines) + 2
        for bar in group.bars:
            y = _horizontal_bar(drawing, bar, value_texts[id(bar)], scale, y)
            if annotation is not None and annotation.bar == index:
                y = _callout_under_bar(drawing, annotation.text, bar, drawing.rects[-1])
            index += 1
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


def _callout_under_bar(drawing, text, bar, rect):
    """A callout under `bar`, pointing at its end; return where the next bar starts."""
    left, bottom = float(rect.x), float(rect.y) + BAR_THICKNESS
    end = left if bar.value < 0 else left + float(rect.width)
    return add_callout(drawing, text, bottom + POINTER_LENGTH, aim=(end, bottom)) + GAP


def series_legend(bars):
    """A legend item for each colour, when the bars have more than one (several series)."""
    items = {}
    for bar in bars:
        items.setdefault(bar.colour, LegendItem(bar.label, "", None, bar.colour))
    return list(items.values()) if len(items) > 1 else []


# Vertical bars


def bar_chart(dom_id, title, description, bars, unit, annotation=None):
    """Vertical bars with their value above (below, if negative) and their label under them.

    When a value or a label does not fit the width of its bar, the chart is drawn with
    horizontal bars, which have room for any: texts never overlap. A callout goes above the
    bars, over the one it is about."""
    if not fits_vertical_bars(bars, unit):
        groups = [BarGroup("", bars)]
        return horizontal_bar_chart(dom_id, title, description, groups, unit, annotation)
    drawing = Drawing(dom_id=dom_id, title=title, description=description)
    annotation = _annotate(drawing, annotation, bars)
    band = VIEW_WIDTH / max(len(bars), 1)
    value_texts = [_fitting_value_text(bar.value, unit, band) for bar in bars]
    labels = [wrap(bar.label, band - GAP) for bar in bars]
    top = 0 if annotation is None else callout_room(annotation)
    plot_top, plot_height = top + LINE_HEIGHT + GAP, 200
    has_negative = any(bar.value < 0 for bar in bars)
    plot_bottom = plot_top + plot_height - (LINE_HEIGHT + GAP if has_negative else 0)
    scale = LinearScale([bar.value for bar in bars], plot_bottom, plot_top)
    zero = scale(0)
    if annotation is not None and annotation.bar is None:
        add_callout(drawing, annotation.text, 0)
    for index, (bar, value_text) in enumerate(zip(bars, value_texts, strict=True)):
        centre = band * index + band / 2
        end = scale(bar.value)
        bar_top, height = min(zero, end), abs(end - zero)
        drawing.rects.append(
            Rect(
                *map(coordinate, (centre - band * 0.3, bar_top, band * 0.6, height)),
                fill=bar.colour,
            )
        )
        value_y = bar_top - GAP if bar.value >= 0 else bar_top + height + FONT_SIZE + 2
        drawing.texts.append(
            Text(coordinate(centre), coordinate(value_y), (value_text,), anchor="middle")
        )
        if annotation is not None and annotation.bar == index:
            # Above the value of a bar that rises, above the top of one that hangs.
            aim_y = value_y - FONT_SIZE * ASCENT - 2 if bar.value >= 0 else bar_top - 2
            add_callout(drawing, annotation.text, 0, aim=(centre, aim_y))
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


def fits_vertical_bars(bars, unit):
    """Whether each bar's value (in short form if need be) and label fit the width of its band."""
    band = VIEW_WIDTH / max(len(bars), 1)
    for bar in bars:
        if text_width(_fitting_value_text(bar.value, unit, band)) > band - 2:
            return False
        # Whole words on at most three lines: a label cut inside a word does not fit.
        if any(text_width(word) > band - GAP for word in words(bar.label)):
            return False
        if len(wrap(bar.label, band - GAP, max_lines=4)) > 3:
            return False
    return True


def _fitting_value_text(value, unit, room):
    """The full figure if it fits above its bar, else its short form (4,6 M$)."""
    text = figure_format.figure(value, unit)
    if text_width(text) <= room - 2:
        return text
    return figure_format.compact_figure(value, unit)


# Columns over time


@dataclass(frozen=True)
class Column:
    """One period of a series over time: its label and a value per series, stacked."""

    label: str
    values: tuple


GRID_COLOUR = "#d5dbe3"
TICKS = 4
WIDE_VIEW_WIDTH = 800


def nice_step(high, ticks=TICKS):
    """The step of an axis from 0 to at least `high` in `ticks` steps: 1, 2 or 5 times a power
    of ten, whole."""
    rough = max(Decimal(high), Decimal(1)) / ticks
    magnitude = Decimal(10) ** (len(str(int(rough))) - 1)
    return next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= rough)


def column_chart(dom_id, title, description, columns, series, unit="number"):
    """Stacked columns over time (a page's views per day, in each language): an axis of values
    with gridlines, a label under every column that has room (every other one, or fewer, when
    they are many), a legend of the series.

    Made for a wide container (the admin): WIDE_VIEW_WIDTH units across. A column is too narrow
    for its value: the figures are in the data table that goes with the chart, as for every chart.
    `series` is [(name, colour)], in the order of each column's values.
    """
    drawing = Drawing(dom_id=dom_id, title=title, description=description, width=WIDE_VIEW_WIDTH)
    drawing.legend = [LegendItem(name, "", None, colour) for name, colour in series]
    totals = [sum(column.values, Decimal(0)) for column in columns]
    step = nice_step(max(totals, default=0))
    ticks = [step * n for n in range(TICKS + 1)]
    tick_texts = [figure_format.figure(tick, unit) for tick in ticks]
    left = math.ceil(max(text_width(text) for text in tick_texts)) + GAP
    plot_top, plot_bottom = FONT_SIZE * ASCENT, FONT_SIZE * ASCENT + 200
    scale = LinearScale([ticks[-1]], plot_bottom, plot_top)
    for tick, text in zip(ticks, tick_texts, strict=True):
        y = scale(tick)
        drawing.rects.append(
            Rect(coordinate(left), coordinate(y), str(WIDE_VIEW_WIDTH - left), "1", GRID_COLOUR)
        )
        drawing.texts.append(
            Text(coordinate(left - GAP), coordinate(y + FONT_SIZE * 0.35), (text,), anchor="end")
        )
    band = (WIDE_VIEW_WIDTH - left) / max(len(columns), 1)
    widest_label = max((text_width(column.label) for column in columns), default=0)
    every = max(1, math.ceil((widest_label + GAP) / band))
    for index, column in enumerate(columns):
        centre = left + band * index + band / 2
        top = plot_bottom
        for value, (_name, colour) in zip(column.values, series, strict=True):
            if value <= 0:
                continue
            height = plot_bottom - scale(value)
            top -= height
            drawing.rects.append(
                Rect(*map(coordinate, (centre - band * 0.35, top, band * 0.7, height)), fill=colour)
            )
        if index % every == 0:
            drawing.texts.append(
                Text(
                    coordinate(centre),
                    coordinate(plot_bottom + GAP + FONT_SIZE),
                    (column.label,),
                    anchor="middle",
                )
            )
    drawing.lines.append(Line(*map(coordinate, (left, plot_bottom, WIDE_VIEW_WIDTH, plot_bottom))))
    drawing.height = math.ceil(plot_bottom + GAP + FONT_SIZE + FONT_SIZE * DESCENT + GAP)
    return drawing


# Donuts


def shares(values):
    """Each value's share of the total, in percent; None when the total is not positive."""
    total = sum(values, Decimal(0))
    if total <= 0:
        return [None for _value in values]
    return [Decimal(value) / total * 100 for value in values]


def donut_chart(dom_id, title, description, bars, unit, annotation=None):
    """A ring cut in shares of the total, the total in its middle; the legend is HTML.

    A callout about a share points at the middle of its slice: beside the ring (moved aside to
    make room) when the slice faces a side and the callout is short, else above the ring (below,
    for a slice in its lower half). One about the whole chart, or about a share of zero (which
    has no slice to point at), stands above the ring at the left."""
    drawing = Drawing(dom_id=dom_id, title=title, description=description)
    annotation = _annotate(drawing, annotation, bars)
    values = [bar.value for bar in bars]
    sectors, start = {}, 0.0
    for index, (bar, share) in enumerate(zip(bars, shares(values), strict=True)):
        colour = PALETTE[index % len(PALETTE)]
        drawing.legend.append(
            LegendItem(bar.label, figure_format.figure(bar.value, unit), share, colour)
        )
        if share:
            end = start + float(share) / 100 * 360
            sectors[index] = (start, end, colour)
            start = end
    aimed = None if annotation is None else sectors.get(annotation.bar)
    layout = DonutLayout.for_callout(annotation, aimed)
    for sector_start, sector_end, colour in sectors.values():
        drawing.slices.append(Slice(layout.sector(sector_start, sector_end), fill=colour))
    total = sum(values, Decimal(0))
    drawing.texts.append(
        Text(
            coordinate(layout.centre_x),
            coordinate(layout.centre_y + FONT_SIZE * 0.35),
            (figure_format.compact_figure(total, unit),),
            anchor="middle",
            bold=True,
        )
    )
    drawing.height = math.ceil(layout.centre_y + DonutLayout.HALF_HEIGHT)
    if annotation is None:
        return drawing
    if aimed is None:
        add_callout(drawing, annotation.text, 0)
        return drawing
    aim = layout.aim(aimed)
    if layout.placement == "beside":
        add_callout_beside(drawing, annotation.text, aim, on_the_left=aim[0] < layout.centre_x)
    elif layout.placement == "below":
        top = layout.centre_y + DonutLayout.OUTER + POINTER_LENGTH
        drawing.height = math.ceil(add_callout(drawing, annotation.text, top, aim=aim) + GAP)
    else:
        add_callout(drawing, annotation.text, 0, aim=aim)
    return drawing


@dataclass
class DonutLayout:
    """Where a donut's ring stands in its drawing, and where its callout goes (see donut_chart)."""

    OUTER, INNER, HALF_HEIGHT = 140, 84, 150

    centre_x: float = VIEW_WIDTH / 2
    centre_y: float = HALF_HEIGHT
    placement: str = "above"

    @classmethod
    def for_callout(cls, annotation, aimed):
        if annotation is None:
            return cls()
        _lines, width, height = callout_lines(annotation.text)
        if aimed is None:
            return cls(centre_y=cls.HALF_HEIGHT + height + GAP)
        dx, dy = cls.direction(aimed)
        # Beside: the ring moves to the other edge, leaving this much room on the slice's side.
        room = VIEW_WIDTH - 2 * cls.OUTER - 2
        # Facing a side (within 37° of it): the box, level with the slice's middle, clears the
        # ring above and below that point.
        if abs(dx) >= 0.8 and width + POINTER_LENGTH + 4 <= room:
            centre_x = VIEW_WIDTH - cls.OUTER - 1 if dx < 0 else cls.OUTER + 1
            return cls(centre_x=centre_x, placement="beside")
        if dy > 0:
            return cls(placement="below")
        return cls(centre_y=cls.HALF_HEIGHT + height + POINTER_LENGTH)

    @staticmethod
    def direction(sector):
        """The unit vector from the centre to the middle of a slice (start, end, colour)."""
        radians = math.radians((sector[0] + sector[1]) / 2 - 90)
        return math.cos(radians), math.sin(radians)

    def aim(self, sector):
        """Just outside the ring, at the middle of the slice: where a pointer ends."""
        dx, dy = self.direction(sector)
        return (self.centre_x + (self.OUTER + 2) * dx, self.centre_y + (self.OUTER + 2) * dy)

    def sector(self, start, end):
        return ring_sector(self.centre_x, self.centre_y, self.OUTER, self.INNER, start, end)


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
