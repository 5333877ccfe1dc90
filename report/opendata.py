"""The figures of a report as data: CSV and Excel (XLSX) downloads of its blocks, and the
`figures` of the API.

Each block that shows figures (financial table, chart, timeline, key figures, social media) or
lists people and organisations (board of directors, new members) is read into a `DataTable`:
columns with headings in the visitor's language, and rows of plain values — whole dollars as
integers, other numbers as decimals with a point, dates as ISO 8601 (a date known only to its
month or year as "2021-10" or "2021", text in the XLSX too), choices as their codes.
The CSV is the open format, with these conventions in every language (comma-separated, a point
for decimals, UTF-8 with a byte order mark); the XLSX holds the same values typed (numbers and
dates), which any spreadsheet shows in its own language's format.
The computed figures (totals, surplus (deficit), variances, changes, shares, growth, counts)
are computed with the functions the blocks use, rounded as the page shows them, so that the
data never says something the page does not.

Only the live content of a live, public report is offered: the page served by Wagtail's router
holds its live revision, never a draft.
"""

import csv
import io
import re
from dataclasses import dataclass, field
from decimal import ROUND_HALF_EVEN, Decimal

from django.http import Http404, HttpResponse
from django.utils import translation
from django.utils.http import content_disposition_header
from django.utils.text import slugify
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from report import figure_format, svg_charts
from report.blocks.charts import ChartBlock
from report.blocks.fields import unit_choices
from report.blocks.figures import (
    POINT_UNITS,
    KeyFiguresBlock,
    SocialMediaBlock,
    follower_growth,
    last_years_figures,
    previous_value,
)
from report.blocks.financial import (
    AMOUNT_COLUMNS,
    KINDS,
    FinancialTableBlock,
    FiscalYear,
    column_headings,
    column_total,
    computed_result,
    has_next_budget,
    result_variance,
    variance,
)
from report.blocks.people import (
    BoardCompositionBlock,
    NewMembersBlock,
    admissions_by_meeting,
    admitted_during,
    board_members,
)
from report.blocks.sections import is_section
from report.blocks.timeline import TimelineBlock

# The kind of the rows that the table computes: totals and the surplus (deficit).
TOTAL_KIND = "total"
QUALIFIERS = {"more_than": _("more than"), "about": _("about")}


@dataclass(frozen=True)
class Column:
    key: str
    heading: str
    # Words for coded values (a unit, a kind) in the CSV; the API gives the codes.
    labels: dict | None = None


@dataclass
class DataTable:
    """The figures of one block, as a table."""

    block_id: str
    block_type: str
    title: str
    columns: list
    rows: list = field(default_factory=list)

    def csv_rows(self):
        yield [column.heading for column in self.columns]
        for row in self.rows:
            yield [csv_value(row.get(column.key), column.labels) for column in self.columns]

    def xlsx_rows(self):
        yield [column.heading for column in self.columns]
        for row in self.rows:
            yield [xlsx_value(row.get(column.key), column.labels) for column in self.columns]

    def as_json(self):
        return {
            "id": self.block_id,
            "type": self.block_type,
            "title": self.title,
            "columns": [{"key": column.key, "heading": column.heading} for column in self.columns],
            "rows": [
                {column.key: json_value(row.get(column.key)) for column in self.columns}
                for row in self.rows
            ],
        }


def shown(value, decimals=1):
    """A computed percentage rounded as the page shows it (Babel rounds half to even)."""
    if value is None:
        return None
    return Decimal(value).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_EVEN)


def plain_decimal(value):
    """4618760, -29779, 8.2: no exponent, no trailing zeros of an entered number."""
    value = Decimal(value)
    if value == value.to_integral_value():
        return value.to_integral_value()
    return value.normalize()


# A spreadsheet runs a cell that starts like a formula; a leading quote keeps an editor's text
# (a label, a note) as text. Numbers are written as numbers.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def text_cell(text):
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def csv_value(value, labels=None):
    if value is None:
        return ""
    if labels is not None:
        return text_cell(str(labels.get(value, value)))
    if isinstance(value, Decimal):
        return f"{value:f}"
    if isinstance(value, int | float):
        return str(value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return text_cell(str(value))


def xlsx_value(value, labels=None):
    """A typed cell: numbers as numbers, dates as dates, coded values as their words."""
    if value is None:
        return None
    if labels is not None:
        return str(labels.get(value, value))
    if isinstance(value, Decimal):
        return json_value(value)
    if isinstance(value, int | float) or hasattr(value, "isoformat"):
        return value
    return str(value)


def json_value(value):
    """JSON numbers: whole amounts as integers, other numbers (8.2, a rounded 1.0) as decimals."""
    if isinstance(value, Decimal):
        return int(value) if value.as_tuple().exponent >= 0 else float(value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def unit_labels():
    return dict(unit_choices)


# Financial table


def financial_table_data(child, page):
    value = child.value
    rows = value["rows"]
    headings = column_headings(FiscalYear.of_page(page))
    amount_columns = ["actual", "budget", "previous_actual"]
    if has_next_budget(rows):
        amount_columns.append("next_budget")
    kinds = dict(KINDS)
    columns = [
        Column("label", gettext("Item")),
        Column("kind", gettext("Kind"), labels={**kinds, TOTAL_KIND: gettext("total")}),
        *(Column(column, headings[column]) for column in amount_columns[:3]),
        Column("variance_percent", gettext("Variance (%)")),
        *(Column(column, headings[column]) for column in amount_columns[3:]),
    ]
    table = DataTable(child.id, child.block_type, value["caption"], columns)
    # The rows in the order of the table on the page: each kind's rows, then their total when
    # there is more than one, then the surplus (deficit).
    for kind, _label in KINDS:
        of_kind = [row for row in rows if row["kind"] == kind]
        for row in of_kind:
            table.rows.append(financial_row(row["label"], kind, row, variance))
        if len(of_kind) > 1:
            totals = {column: column_total(of_kind, column) for column in AMOUNT_COLUMNS}
            label = gettext("Total revenues") if kind == "revenue" else gettext("Total expenses")
            table.rows.append(financial_row(label, TOTAL_KIND, totals, variance))
    result = {column: computed_result(rows, column) for column in AMOUNT_COLUMNS}
    label = gettext("Surplus (deficit) for the year")
    table.rows.append(financial_row(label, TOTAL_KIND, result, result_variance))
    return table


def financial_row(label, kind, amounts, variance_of):
    row = {"label": label, "kind": kind}
    for column in AMOUNT_COLUMNS:
        row[column] = None if amounts[column] is None else plain_decimal(amounts[column])
    row["variance_percent"] = shown(variance_of(amounts["actual"], amounts["previous_actual"]))
    return row


# Chart


def chart_data(child, page):
    value = child.value
    donut = value["chart_type"] == "donut"
    columns = [
        Column("label", gettext("Item")),
        Column("value", gettext("Value")),
        Column("unit", gettext("Unit"), labels=unit_labels()),
    ]
    if donut:
        columns.append(Column("share_percent", gettext("Share (%)")))
    table = DataTable(child.id, child.block_type, value["title"], columns)
    rows = [row for row in value["rows"] if row["value"] is not None]
    shares = svg_charts.shares([row["value"] for row in rows]) if donut else [None] * len(rows)
    for row, share in zip(rows, shares, strict=True):
        table.rows.append(
            {
                "label": row["label"],
                "value": plain_decimal(row["value"]),
                "unit": value["unit"],
                "share_percent": shown(share),
            }
        )
    return table


# Timeline


def timeline_data(child, page):
    value = child.value
    columns = [
        Column("category", gettext("Category")),
        Column("category_count", gettext("Events in the category")),
        Column("date", gettext("Date")),
        Column("event", gettext("Event")),
    ]
    table = DataTable(child.id, child.block_type, value.get("heading") or "", columns)
    for category in value["categories"]:
        base = {"category": category["name"], "category_count": category.count}
        events = category.events_in_date_order
        for event in events:
            # An event known only to its month or year gives "2021-10" or "2021" as text.
            table.rows.append({**base, "date": event.data_value, "event": event["title"]})
        if not events:
            table.rows.append(base)
    return table


# Key figures


def key_figures_data(child, page):
    value = child.value
    columns = [
        Column("label", gettext("Figure")),
        Column("value", gettext("Value")),
        Column("unit", gettext("Unit"), labels=unit_labels()),
        Column("qualifier", gettext("Qualifier"), labels=QUALIFIERS),
        Column("previous_value", gettext("Last year's value")),
        Column("change_percent", gettext("Change from last year (%)")),
        Column("change_points", gettext("Change from last year (points)")),
    ]
    table = DataTable(child.id, child.block_type, value.get("heading") or "", columns)
    last_years = {}
    if any(figure.get("previous_value") is None for figure in value["figures"]):
        # As on the page: last year's report gives the values the editor left empty.
        last_years = last_years_figures(page, page.previous_published_report())
    for figure in value["figures"]:
        previous = previous_value(figure, last_years)
        row = {
            "label": figure["label"],
            "value": plain_decimal(figure["value"]),
            "unit": figure["unit"],
            "qualifier": figure.get("qualifier") or None,
            "previous_value": None if previous is None else plain_decimal(previous),
        }
        if previous is not None:
            difference = Decimal(figure["value"]) - Decimal(previous)
            if figure["unit"] in POINT_UNITS:
                row["change_points"] = plain_decimal(difference)
            else:
                row["change_percent"] = shown(figure_format.ratio_percent(difference, previous))
        table.rows.append(row)
    return table


# Social media


def social_media_data(child, page):
    value = child.value
    figures = [
        ("followers", gettext("Followers")),
        ("followers_gained", gettext("New followers this year")),
        ("growth_percent", gettext("Growth (%)")),
        ("posts", gettext("Posts")),
        ("unique_visitors", gettext("Unique visitors")),
        ("ad_campaigns", gettext("Ad campaigns")),
        ("impressions", gettext("Impressions")),
    ]
    columns = [Column("network", gettext("Network"))]
    columns += [Column(key, heading) for key, heading in figures]
    table = DataTable(child.id, child.block_type, value.get("heading") or "", columns)
    for network in value["networks"]:
        followers, gained = network["followers"], network.get("followers_gained")
        row = {key: network.get(key) for key, _heading in figures}
        row["network"] = network["network"]
        row["growth_percent"] = shown(follower_growth(followers, gained))
        table.rows.append(row)
    return table


# Board of directors and new members: the people and organisations the page lists.


def board_data(child, page):
    with_category = bool(child.value.get("show_member_category"))
    columns = [
        Column("name", gettext("Name")),
        Column("role", gettext("Role")),
        Column(
            "executive_committee",
            gettext("Executive committee"),
            labels={True: gettext("Yes"), False: gettext("No")},
        ),
    ]
    if with_category:
        columns.append(Column("category", gettext("Member category")))
    table = DataTable(child.id, child.block_type, child.value.get("heading") or "", columns)
    for member in board_members(page, with_category):
        table.rows.append(
            {
                "name": member.name,
                "role": member.role,
                "executive_committee": member.executive_committee,
                "category": member.category or None,
            }
        )
    return table


def new_members_data(child, page):
    columns = [
        Column("name", gettext("Member organisation")),
        Column("city", gettext("Region or city")),
        Column("meeting_date", gettext("Board meeting that admitted it")),
    ]
    table = DataTable(child.id, child.block_type, child.value.get("heading") or "", columns)
    members = admitted_during(page).select_related("admitted_at").order_by("name")
    for group in admissions_by_meeting(members):
        for member in group.members:
            table.rows.append(
                {
                    "name": member.name,
                    "city": member.city or None,
                    "meeting_date": group.meeting.date if group.meeting else None,
                }
            )
    return table


# Which blocks offer their data, in the CSV and XLSX downloads and in the API.
CSV_TABLES = (
    (FinancialTableBlock, financial_table_data),
    (ChartBlock, chart_data),
    (TimelineBlock, timeline_data),
    (KeyFiguresBlock, key_figures_data),
    (SocialMediaBlock, social_media_data),
    (BoardCompositionBlock, board_data),
    (NewMembersBlock, new_members_data),
)


def table_function(child, offered):
    for block_class, function in offered:
        if isinstance(child.block, block_class):
            return function
    return None


def offers_csv(child):
    return table_function(child, CSV_TABLES) is not None


def block_data_path(block_id, extension="csv"):
    """The address of a block's data (CSV or XLSX) under the report page's URL."""
    return f"data/{block_id}.{extension}"


# …/2021-2022/data/<block id>.csv or .xlsx, in config/urls.py before Wagtail's pages.
DATA_URL_PATTERN = (
    r"^(?P<page_path>(?:[\w-]+/)*)data/(?P<block_id>[\w-]+)\.(?P<extension>csv|xlsx)$"
)


def serve_page_data(request, page_path, block_id, extension):
    """Wagtail serves only paths of slugs ending with a slash: hand it …/data/<id>.csv/, which
    the report page's `block_data` route answers (privacy, site and language as for any page)."""
    from wagtail.views import serve as wagtail_serve  # It loads models: not at import time.

    return wagtail_serve(request, f"{page_path}{block_data_path(block_id, extension)}/")


def offers_downloads(page, request=None):
    """Whether the report has a PDF and its blocks' data: a live, public report, outside a
    preview. A draft, a preview or a report restricted to some visitors has none."""
    if request is not None and getattr(request, "is_preview", False):
        return False
    return page.live and not page.get_view_restrictions().exists()


def blocks_in_sections(page):
    """(anchor of its section or None, block) for each block of the body that is not a section."""
    section = None
    for child in page.body:
        if is_section(child):
            section = child.value["anchor"]
        else:
            yield section, child


def report_figures(page, request=None):
    """The `figures` of a report in the API: each figure block's table, in the page's language."""
    with translation.override(page.locale.language_code):
        page_url = page.get_full_url(request)
        blocks = []
        for section, child in blocks_in_sections(page):
            function = table_function(child, CSV_TABLES)
            if function is None:
                continue
            data = function(child, page).as_json()
            data["section"] = section
            for extension in DATA_RESPONSES:
                data[f"{extension}_url"] = (
                    f"{page_url}{block_data_path(child.id, extension)}"
                    if page_url and offers_csv(child)
                    else None
                )
            blocks.append(data)
        return {
            "fiscal_year": page.fiscal_year_label,
            "language": page.locale.language_code,
            "blocks": blocks,
        }


def serve_block_data(page, request, block_id, extension):
    """The data of one block of the live report, as CSV or XLSX; 404 for any other id or
    block."""
    if not offers_downloads(page, request):
        raise Http404
    found = next(
        ((section, child) for section, child in blocks_in_sections(page) if child.id == block_id),
        None,
    )
    function = table_function(found[1], CSV_TABLES) if found else None
    if function is None:
        raise Http404
    section, child = found
    language = page.locale.language_code
    with translation.override(language):
        table = function(child, page)
        filename = data_file_name(page, section, child, table, language, extension)
        response = DATA_RESPONSES[extension](table, language)
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=filename
    )
    return response


def csv_response(table, language):
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    # A byte order mark, so that spreadsheets read the file as UTF-8 and show accents.
    response.write("\ufeff")
    csv.writer(response).writerows(table.csv_rows())
    return response


XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# Excel's limits on a sheet's name: 31 characters, none of these.
SHEET_NAME_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
# Number formats are stored in Excel's own notation; each spreadsheet shows them with its
# language's separators (4 618 760 and 15,5 in French, 4,618,760 and 15.5 in English).
WHOLE_NUMBER_FORMAT = "#,##0"
DECIMAL_NUMBER_FORMAT = "#,##0.0##"
DATE_FORMAT = "yyyy-mm-dd"


def xlsx_response(table, language):
    response = HttpResponse(content_type=XLSX_CONTENT_TYPE)
    response.write(xlsx_bytes(table, language))
    return response


def xlsx_bytes(table, language):
    """The table as one sheet: its headings in bold and frozen, typed cells, columns wide
    enough to read."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = sheet_name(table.title)
    workbook.properties.title = table.title or sheet.title
    workbook.properties.language = language
    for row in table.xlsx_rows():
        sheet.append(row)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    for column in sheet.iter_cols():
        for cell in column:
            format_cell(cell)
        width = max(len(str(cell.value)) for cell in column if cell.value is not None)
        sheet.column_dimensions[get_column_letter(column[0].column)].width = min(width + 2, 60)
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def format_cell(cell):
    value = cell.value
    if cell.data_type == "f":
        # Text that starts like a formula (an editor's label) stays text: never run.
        cell.data_type = "s"
    elif isinstance(value, bool) or value is None:
        return
    elif isinstance(value, int):
        cell.number_format = WHOLE_NUMBER_FORMAT
    elif isinstance(value, float):
        cell.number_format = DECIMAL_NUMBER_FORMAT
    elif hasattr(value, "isoformat"):
        cell.number_format = DATE_FORMAT


def sheet_name(title):
    name = SHEET_NAME_FORBIDDEN.sub(" ", title or "")[:31].strip()
    return name or gettext("Data")


DATA_RESPONSES = {"csv": csv_response, "xlsx": xlsx_response}


def data_file_name(page, section, child, table, language, extension):
    """2021-2022-resultats-de-lexercice-fr.csv; a block without a title is named by its section
    and its kind: 2021-2022-capital-humain-chiffres-cles-fr.xlsx."""
    name = slugify(table.title)
    if not name:
        name = "-".join(filter(None, [section, slugify(str(child.block.meta.label))]))
    return f"{page.fiscal_year_label}-{name or 'data'}-{language}.{extension}"
