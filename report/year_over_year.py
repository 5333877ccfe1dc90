"""The key indicators of every published report side by side, one column per fiscal year.

The rows are computed from each report's structured data, as its own page computes them:
revenues, expenses and surplus (deficit) from the actual amounts of its (first) financial table,
then the key figures that several years give, matched by their label. Nothing is typed twice.

Built from reports already fetched (one query for the index's reports): only the blocks of the
financial tables and key figures are read, so no block that needs the database is converted.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext

from report import figure_format, svg_charts
from report.blocks.figures import key_figure_view, label_key
from report.blocks.financial import column_total, computed_result

FINANCIAL_ROWS = (
    ("revenues", "revenue"),
    ("expenses", "expense"),
    ("surplus", None),
)


@dataclass
class IndicatorRow:
    label: str
    # One formatted cell per fiscal year, in the order of the table's years ("" when missing).
    cells: list
    is_total: bool = False


@dataclass
class YearOverYear:
    years: list  # fiscal year labels, oldest first
    reports: list
    rows: list = field(default_factory=list)
    chart: object = None

    def __bool__(self):
        return bool(self.rows)


def _blocks_of_type(page, block_type):
    """The values of a page's body blocks of one type, without converting the other blocks."""
    return [child.value for child in page.body.blocks_by_name(block_type)]


def financial_results(page):
    """{"revenues", "expenses", "surplus"} actual amounts of the first financial table, or {}."""
    tables = _blocks_of_type(page, "financial_table")
    if not tables:
        return {}
    rows = list(tables[0]["rows"])
    return {
        "revenues": column_total(rows, "actual", "revenue"),
        "expenses": column_total(rows, "actual", "expense"),
        "surplus": computed_result(rows, "actual"),
    }


def key_figures(page):
    """{label key: (label, figure)} of the page's key figures; the first one of a label wins."""
    figures = {}
    for block in _blocks_of_type(page, "key_figures"):
        for figure in block["figures"]:
            figures.setdefault(label_key(figure["label"]), (figure["label"], figure))
    return figures


def build(reports):
    """The comparison of `reports` (any order), oldest first; falsy when nothing compares."""
    reports = sorted(reports, key=lambda report: report.fiscal_year_start)
    table = YearOverYear(years=[report.fiscal_year_label for report in reports], reports=reports)
    if len(reports) < 2:
        return table
    results = [financial_results(report) for report in reports]
    labels = {
        "revenues": gettext("Revenues"),
        "expenses": gettext("Expenses"),
        "surplus": gettext("Surplus (deficit) for the year"),
    }
    for key, _kind in FINANCIAL_ROWS:
        amounts = [result.get(key) for result in results]
        if sum(amount is not None for amount in amounts) >= 2:
            table.rows.append(
                IndicatorRow(
                    labels[key],
                    [figure_format.amount(amount) for amount in amounts],
                    is_total=key == "surplus",
                )
            )
    table.rows.extend(_key_figure_rows([key_figures(report) for report in reports]))
    table.chart = _chart(table.years, results)
    return table


def _key_figure_rows(figures_by_year):
    """A row for each label given by at least two years, in the order of the latest year."""
    order = []
    for figures in reversed(figures_by_year):
        order.extend(key for key in figures if key not in order)
    rows = []
    for key in order:
        present = [figures[key] for figures in figures_by_year if key in figures]
        if len(present) < 2:
            continue
        label = " ".join(str(present[-1][0]).split())
        cells = [
            key_figure_view(figures[key][1])["text"] if key in figures else ""
            for figures in figures_by_year
        ]
        rows.append(IndicatorRow(label, cells))
    return rows


def _chart(years, results):
    """Revenues and expenses of each year, as horizontal bars; None without two such years."""
    groups, sentences = [], []
    for year, result in zip(years, results, strict=True):
        revenues, expenses = result.get("revenues"), result.get("expenses")
        if revenues is None or expenses is None:
            continue
        groups.append(
            svg_charts.BarGroup(
                year,
                (
                    svg_charts.Bar(gettext("Revenues"), revenues, svg_charts.PALETTE[0]),
                    svg_charts.Bar(gettext("Expenses"), expenses, svg_charts.PALETTE[1]),
                ),
            )
        )
        sentences.append(
            gettext("%(year)s: revenues %(revenues)s, expenses %(expenses)s")
            % {
                "year": year,
                "revenues": figure_format.amount(revenues),
                "expenses": figure_format.amount(expenses),
            }
        )
    if len(groups) < 2:
        return None
    return svg_charts.horizontal_bar_chart(
        "year-over-year-chart",
        gettext("Revenues and expenses, year over year"),
        gettext("Total revenues and expenses of each fiscal year. %(years)s.")
        % {"years": "; ".join(sentences)},
        groups,
        "currency",
    )
