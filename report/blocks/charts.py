"""The chart block: bars, horizontal bars or a donut, drawn on the server (report.svg_charts)."""

from decimal import Decimal

from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from report import figure_format, spreadsheet, svg_charts
from report.blocks.fields import (
    NumberBlock,
    SourceNotesBlock,
    SpreadsheetPasteBlock,
    unit_choices,
)

CHART_TYPES = [
    ("bar", _("vertical bars")),
    ("horizontal_bar", _("horizontal bars")),
    ("donut", _("donut (shares of a whole)")),
]


class ChartRowBlock(blocks.StructBlock):
    label = blocks.CharBlock(label=_("Label"), max_length=120)
    value = NumberBlock(label=_("Value"), decimal_places=2)

    class Meta:
        label = _("Row")
        icon = "list-ul"
        label_format = "{label}: {value}"


class ChartAnnotationBlock(blocks.StructBlock):
    """A remark the organisation makes on its chart, as it states it: never computed."""

    text = blocks.CharBlock(
        label=_("Text"),
        required=False,
        # "" rather than None for pages saved before the field: wagtail-localize cannot extract
        # a None text for translation.
        default="",
        max_length=60,
        help_text=_(
            "Optional: a short remark drawn on the chart as the report states it, e.g. "
            "“+15.5%”. Leave empty for none."
        ),
    )
    row = blocks.IntegerBlock(
        label=_("Row it is about"),
        required=False,
        min_value=1,
        help_text=_(
            "The number of the row the annotation points at: 1 for the first row. Leave empty "
            "for an annotation about the whole chart."
        ),
    )

    class Meta:
        label = _("Annotation")
        icon = "comment"


class ChartBlock(SourceNotesBlock):
    title = blocks.CharBlock(label=_("Title"), max_length=200)
    description = blocks.TextBlock(
        label=_("Description"),
        max_length=600,
        help_text=_(
            "What the chart shows, in a sentence or two, for people who cannot see it: "
            "“Most of our revenue comes from services to members.”"
        ),
    )
    chart_type = blocks.ChoiceBlock(
        label=_("Chart type"),
        choices=CHART_TYPES,
        default="horizontal_bar",
        help_text=_(
            "Vertical bars suit a few short labels (when a label or a value does not fit, the "
            "chart is drawn with horizontal bars); horizontal bars read best on phones and suit "
            "long labels; a donut shows the shares of a whole (up to 8)."
        ),
    )
    unit = blocks.ChoiceBlock(label=_("Unit"), choices=unit_choices, default="number")
    rows = blocks.ListBlock(ChartRowBlock(), label=_("Rows"), min_num=1, max_num=24)
    paste = SpreadsheetPasteBlock(
        help_text=_(
            "To fill the rows from a spreadsheet: paste lines of label and value. They replace "
            "the rows when you save."
        )
    )
    annotation = ChartAnnotationBlock(label=_("Annotation"))

    dom_id_prefix = "chart"
    parse_paste = staticmethod(spreadsheet.parse_chart_rows)

    class Meta:
        label = _("Chart")
        icon = "view"
        template = "report/blocks/chart.html"
        help_text = _(
            "A chart drawn from rows of label and value, followed by its data table. Give a "
            "description for people who cannot see it."
        )
        description = _("Bars or a donut from rows of figures, with the data table.")
        preview_value = {
            "title": "Budget 2022-2023",
            "description": (
                "Les produits prévus, 5 786 386 $, dépassent les charges prévues, 5 728 258 $."
            ),
            "chart_type": "horizontal_bar",
            "unit": "currency",
            "rows": [
                {"label": "Produits prévus", "value": Decimal(5786386)},
                {"label": "Charges prévues", "value": Decimal(5728258)},
            ],
            "paste": "",
            "annotation": {"text": "", "row": None},
            "source": "Budget adopté par le conseil d’administration",
            "notes": [],
        }

    def validate_value(self, value, errors):
        self.validate_annotation(value, errors)
        if value["chart_type"] != "donut":
            return
        rows = value["rows"]
        for index, row in enumerate(rows):
            if row["value"] is not None and row["value"] < 0:
                errors.add(
                    ("rows", index, "value"),
                    gettext(
                        "A donut shows shares of a whole, which cannot be negative: choose bars "
                        "to show negative values."
                    ),
                )
        if len(rows) > svg_charts.MAX_DONUT_SLICES:
            errors.add_to_list(
                ("rows",),
                gettext(
                    "A donut can show up to %(count)d shares: group the smallest into “Other”, "
                    "or choose bars."
                )
                % {"count": svg_charts.MAX_DONUT_SLICES},
            )
        values = [row["value"] for row in rows if row["value"] is not None]
        if values and all(value >= 0 for value in values) and sum(values) == 0:
            errors.add_to_list(("rows",), gettext("A donut needs at least one value above zero."))

    def validate_annotation(self, value, errors):
        annotation = value["annotation"]
        row_number, text = annotation["row"], annotation["text"].strip()
        if row_number is None:
            return
        if not text:
            errors.add(
                ("annotation", "text"),
                gettext("Write the annotation, or leave empty the row it is about."),
            )
        if row_number > len(value["rows"]):
            count = len(value["rows"])
            errors.add(
                ("annotation", "row"),
                ngettext(
                    "The chart has %(count)d row: give the number 1.",
                    "The chart has %(count)d rows: give a number from 1 to %(count)d.",
                    count,
                )
                % {"count": count},
            )

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        rows = [row for row in value["rows"] if row["value"] is not None]
        context["chart"] = svg_charts.draw(
            value["chart_type"],
            dom_id=context["dom_id"],
            title=value["title"],
            description=value["description"],
            rows=rows,
            unit=value["unit"],
            annotation=chart_annotation(value),
        )
        context["table_rows"] = table_rows(rows, value["unit"], value["chart_type"] == "donut")
        return context


def chart_annotation(value):
    """The annotation to draw: None when the editor wrote none, or when the row it is about has
    no value yet (a draft): it is not drawn pointing at something else."""
    annotation = value.get("annotation") or {}
    text = (annotation.get("text") or "").strip()
    if not text:
        return None
    row_number = annotation.get("row")
    if row_number is None:
        return svg_charts.Annotation(text)
    rows = list(value["rows"])
    if not 1 <= row_number <= len(rows) or rows[row_number - 1]["value"] is None:
        return None
    # Its place among the rows that are drawn (those with a value).
    drawn = sum(1 for row in rows[: row_number - 1] if row["value"] is not None)
    return svg_charts.Annotation(text, drawn)


def table_rows(rows, unit, with_shares):
    """The data table under the chart: label, value and, for a donut, its share."""
    values = [row["value"] for row in rows]
    row_shares = svg_charts.shares(values) if with_shares else [None] * len(rows)
    return [
        {
            "label": row["label"],
            "value": figure_format.figure(row["value"], unit),
            "share": figure_format.percent(share, 1),
        }
        for row, share in zip(rows, row_shares, strict=True)
    ]
