"""The financial table: the year's results as published, with what can be computed computed.

Editors enter each row's amounts once (or paste them from the statements). The column
headings come from the page's fiscal year; the variance of each row, the totals and the
surplus (deficit) come from the rows, so the table can never contradict itself. A surplus
(deficit) copied from the statements is checked against the rows.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from report import figure_format, spreadsheet, svg_charts
from report.blocks.fields import (
    AmountBlock,
    NoteNumberBlock,
    SourceNotesBlock,
    SpreadsheetPasteBlock,
)

AMOUNT_COLUMNS = ("actual", "budget", "previous_actual", "next_budget")
# Oldest first, as a chart reads from left to right.
CHRONOLOGICAL_COLUMNS = ("previous_actual", "budget", "actual", "next_budget")
KINDS = (("revenue", _("revenue")), ("expense", _("expense")))


@dataclass(frozen=True)
class FiscalYear:
    start_year: int
    end_year: int

    @classmethod
    def of_page(cls, page):
        """The page's fiscal year, or None for a page that has none."""
        start = getattr(page, "fiscal_year_start", None)
        end = getattr(page, "fiscal_year_end", None)
        if start is None or end is None:
            return None
        return cls(start.year, end.year)

    def shifted(self, years):
        return FiscalYear(self.start_year + years, self.end_year + years)

    def __str__(self):
        """2021-2022, as the organisation names its fiscal years; 2021 for a calendar year."""
        if self.start_year == self.end_year:
            return str(self.start_year)
        return f"{self.start_year}-{self.end_year}"


# The year of the block's preview, where there is no page.
PREVIEW_FISCAL_YEAR = FiscalYear(2021, 2022)


def column_headings(fiscal_year):
    """Headings of the amount columns and of the variance, from the fiscal year if known."""
    if fiscal_year is None:
        return {
            "actual": gettext("Actual"),
            "budget": gettext("Budget"),
            "previous_actual": gettext("Last year's actual"),
            "variance": gettext("Variance"),
            "next_budget": gettext("Next year's budget"),
        }
    return {
        "actual": gettext("%(year)s actual") % {"year": fiscal_year},
        "budget": gettext("%(year)s budget") % {"year": fiscal_year},
        "previous_actual": gettext("%(year)s actual") % {"year": fiscal_year.shifted(-1)},
        "variance": gettext("Variance"),
        "next_budget": gettext("%(year)s budget") % {"year": fiscal_year.shifted(1)},
    }


def column_total(rows, column, kind=None):
    """Sum of a column over the rows (of one kind); None if a row lacks the amount."""
    amounts = [row[column] for row in rows if kind is None or row["kind"] == kind]
    if any(amount is None for amount in amounts):
        return None
    return sum(amounts, Decimal(0))


def computed_result(rows, column):
    """Revenues minus expenses in a column; None if an amount is missing."""
    revenues = column_total(rows, column, "revenue")
    expenses = column_total(rows, column, "expense")
    if revenues is None or expenses is None:
        return None
    return revenues - expenses


def variance(actual, previous):
    """(actual - previous) / previous, in percent; None when it cannot be computed."""
    if actual is None or previous is None:
        return None
    return figure_format.ratio_percent(actual - previous, previous)


def result_variance(actual, previous):
    """The variance of a result, only where both years are surpluses, or both deficits.

    A percentage change from a surplus to a deficit (or from nothing) says nothing true.
    """
    if actual is None or previous is None or actual * previous <= 0:
        return None
    return figure_format.ratio_percent(actual - previous, abs(previous))


@dataclass
class TableRow:
    label: str
    cells: list
    note: int | None = None
    is_total: bool = False


@dataclass
class FinancialTable:
    """What the template writes: headings and rows of formatted cells (empty: no amount)."""

    headings: list
    groups: list
    result: TableRow


def has_next_budget(rows):
    return any(row["next_budget"] is not None for row in rows)


def build_table(rows, fiscal_year):
    headings = column_headings(fiscal_year)
    columns = ["actual", "budget", "previous_actual", "variance"]
    if has_next_budget(rows):
        columns.append("next_budget")
    groups = [_kind_rows(rows, kind, columns) for kind, _label in KINDS]
    result = {column: computed_result(rows, column) for column in AMOUNT_COLUMNS}
    result["variance"] = result_variance(result["actual"], result["previous_actual"])
    return FinancialTable(
        headings=[headings[column] for column in columns],
        groups=[group for group in groups if group],
        result=TableRow(
            gettext("Surplus (deficit) for the year"), _cells(result, columns), is_total=True
        ),
    )


def _kind_rows(rows, kind, columns):
    """The rows of one kind, then their total when there is more than one."""
    of_kind = [row for row in rows if row["kind"] == kind]
    table_rows = [
        TableRow(row["label"], _cells(_with_variance(row), columns), note=row.get("note"))
        for row in of_kind
    ]
    if len(of_kind) > 1:
        totals = {column: column_total(of_kind, column) for column in AMOUNT_COLUMNS}
        label = gettext("Total revenues") if kind == "revenue" else gettext("Total expenses")
        table_rows.append(
            TableRow(label=label, cells=_cells(_with_variance(totals), columns), is_total=True)
        )
    return table_rows


def _with_variance(amounts):
    return {**amounts, "variance": variance(amounts["actual"], amounts["previous_actual"])}


def _cells(amounts, columns):
    return [
        figure_format.signed_percent(amounts[column])
        if column == "variance"
        else figure_format.amount(amounts[column])
        for column in columns
    ]


def revenue_expense_chart(rows, fiscal_year, dom_id, caption):
    """Total revenues and expenses of each column, oldest first, as horizontal bars."""
    headings = column_headings(fiscal_year)
    groups, sentences = [], []
    for column in CHRONOLOGICAL_COLUMNS:
        revenues = column_total(rows, column, "revenue")
        expenses = column_total(rows, column, "expense")
        if revenues is None or expenses is None:
            continue
        groups.append(
            svg_charts.BarGroup(
                headings[column],
                (
                    svg_charts.Bar(gettext("Revenues"), revenues, svg_charts.PALETTE[0]),
                    svg_charts.Bar(gettext("Expenses"), expenses, svg_charts.PALETTE[1]),
                ),
            )
        )
        sentences.append(
            gettext("%(column)s: revenues %(revenues)s, expenses %(expenses)s")
            % {
                "column": headings[column],
                "revenues": figure_format.amount(revenues),
                "expenses": figure_format.amount(expenses),
            }
        )
    description = gettext("Total revenues and expenses. %(columns)s.") % {
        "columns": "; ".join(sentences)
    }
    # Its own title under the table's: what the bars compare, year by year.
    title = gettext("%(caption)s: revenues and expenses") % {"caption": caption}
    return svg_charts.horizontal_bar_chart(
        f"{dom_id}-chart", title, description, groups, "currency"
    )


class FinancialRowBlock(blocks.StructBlock):
    label = blocks.CharBlock(label=_("Label"), max_length=150, help_text=_("E.g. “Revenues”."))
    kind = blocks.ChoiceBlock(label=_("Kind"), choices=KINDS, default="revenue")
    actual = AmountBlock(label=_("Actual, this fiscal year"))
    budget = AmountBlock(label=_("Budget, this fiscal year"))
    previous_actual = AmountBlock(label=_("Actual, last fiscal year"))
    next_budget = AmountBlock(label=_("Budget, next fiscal year"), required=False)
    note = NoteNumberBlock()

    class Meta:
        label = _("Row")
        icon = "list-ul"
        label_format = "{label}"


class StatedResultBlock(blocks.StructBlock):
    actual = AmountBlock(label=_("Actual, this fiscal year"), required=False)
    budget = AmountBlock(label=_("Budget, this fiscal year"), required=False)
    previous_actual = AmountBlock(label=_("Actual, last fiscal year"), required=False)
    next_budget = AmountBlock(label=_("Budget, next fiscal year"), required=False)

    class Meta:
        label = _("Surplus (deficit) as printed in the statements")
        icon = "tick"
        collapsed = True
        help_text = _(
            "Optional: copy the surplus (deficit) from the statements to have it checked. The "
            "table always shows the result computed from the rows."
        )


class FinancialTableBlock(SourceNotesBlock):
    caption = blocks.CharBlock(
        label=_("Caption"), max_length=200, help_text=_("The table's title, e.g. “Results”.")
    )
    rows = blocks.ListBlock(FinancialRowBlock(), label=_("Rows"), min_num=1, max_num=40)
    stated_result = StatedResultBlock()
    paste = SpreadsheetPasteBlock(
        help_text=_(
            "To fill the rows from a spreadsheet or the statements: paste lines of label, "
            "“revenue” or “expense” (optional when the label says it), actual, budget, last "
            "year's actual, next year's budget. They replace the rows when you save."
        )
    )
    show_chart = blocks.BooleanBlock(
        label=_("Show a chart of revenues and expenses"), required=False, default=False
    )

    dom_id_prefix = "financial-table"
    parse_paste = staticmethod(spreadsheet.parse_financial_rows)

    class Meta:
        label = _("Financial table")
        icon = "table"
        template = "report/blocks/financial_table.html"
        help_text = _(
            "The year's results: one row per line of the statements. Column headings, variances "
            "and the surplus (deficit) are computed."
        )
        description = _(
            "Revenues and expenses for this year, its budget, last year and next year's budget."
        )
        preview_value = {
            "caption": "Résultats de l’exercice",
            "rows": [
                {
                    "label": "Produits",
                    "kind": "revenue",
                    "actual": Decimal(4618760),
                    "budget": Decimal(4598552),
                    "previous_actual": Decimal(4571674),
                    "next_budget": Decimal(5786386),
                    "note": 1,
                },
                {
                    "label": "Frais d’exploitation",
                    "kind": "expense",
                    "actual": Decimal(4648539),
                    "budget": Decimal(4550351),
                    "previous_actual": Decimal(4023699),
                    "next_budget": Decimal(5728258),
                    "note": None,
                },
            ],
            "stated_result": {
                "actual": Decimal(-29779),
                "budget": Decimal(48201),
                "previous_actual": None,
                "next_budget": Decimal(58128),
            },
            "paste": "",
            "show_chart": True,
            "source": "États financiers audités au 31 mars 2022",
            "notes": [
                "Les produits comprennent des aides gouvernementales liées à la pandémie de "
                "COVID-19."
            ],
        }

    def note_references(self, value):
        return [(("rows", index), row["note"]) for index, row in enumerate(value["rows"])]

    def validate_value(self, value, errors):
        rows = value["rows"]
        if has_next_budget(rows):
            for index, row in enumerate(rows):
                if row["next_budget"] is None:
                    errors.add(
                        ("rows", index, "next_budget"),
                        gettext(
                            "Enter next year's budget on every row, or on none: its surplus "
                            "(deficit) is computed from all the rows."
                        ),
                    )
        for column in AMOUNT_COLUMNS:
            message = stated_result_message(value["stated_result"].get(column), rows, column)
            if message:
                errors.add(("stated_result", column), message)

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        page = (parent_context or {}).get("page")
        fiscal_year = PREVIEW_FISCAL_YEAR if page is None else FiscalYear.of_page(page)
        rows = value["rows"]
        context["table"] = build_table(rows, fiscal_year)
        if value.get("show_chart"):
            context["chart"] = revenue_expense_chart(
                rows, fiscal_year, context["dom_id"], value["caption"]
            )
        return context


def stated_result_message(stated, rows, column):
    """What is wrong with a surplus (deficit) copied from the statements, or None."""
    if stated is None:
        return None
    computed = computed_result(rows, column)
    if computed is None:
        return gettext(
            "The rows do not all have this amount, so the result cannot be checked: complete "
            "the rows or leave this empty."
        )
    if stated == computed:
        return None
    return gettext(
        "The rows give a surplus (deficit) of %(computed)s, but %(stated)s is entered here: "
        "correct the rows or this amount."
    ) % {"computed": figure_format.amount(computed), "stated": figure_format.amount(stated)}
