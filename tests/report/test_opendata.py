"""The data of a report's figure blocks as CSV and XLSX: the figures of the page, as plain values
(CSV) and as typed cells (XLSX).

URLs: …/<report>/data/<block id>.csv and .xlsx (config/urls.py hands them to the report page's
`block_data` route), the API's `figures` (tests/report/test_api.py), the page's links to both."""

import codecs
import csv
import datetime
import html
import io
import re
import uuid
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.http import Http404
from django.template.loader import render_to_string
from django.utils import translation
from openpyxl import load_workbook
from wagtail.models import Locale, PageViewRestriction

from report import figure_format, opendata
from report.blocks.fields import unit_choices
from report.models import ReportYearPage

pytestmark = pytest.mark.django_db

KEY_FIGURES = {
    "heading": "Comparaison avec l’an dernier",
    "figures": [
        {
            "value": Decimal(68577),
            "unit": "hours",
            "qualifier": "",
            "label": "Heures de services rendues",
            "previous_value": Decimal(65300),
            "note": None,
        },
        {
            "value": Decimal(97),
            "unit": "percent",
            "qualifier": "",
            "label": "Répondants satisfaits",
            "previous_value": Decimal("95.5"),
            "note": None,
        },
        {
            "value": Decimal(300),
            "unit": "number",
            "qualifier": "more_than",
            "label": "Entreprises touchées",
            "previous_value": Decimal(0),
            "note": None,
        },
        {
            "value": Decimal("8.2"),
            "unit": "score10",
            "qualifier": "about",
            "label": "Taux d’engagement",
            "previous_value": None,
            "note": None,
        },
    ],
    "source": "",
    "notes": [],
}
CHART = {
    "title": "Sources des produits",
    "description": "Les services aux membres donnent plus des deux tiers des produits.",
    "chart_type": "donut",
    "unit": "currency",
    "rows": [
        {"label": "Services aux membres", "value": Decimal(3200000)},
        {"label": "Subventions", "value": Decimal(900000)},
        {"label": "Autres produits", "value": Decimal(518760)},
    ],
    "paste": "",
    "source": "",
    "notes": [],
}


@pytest.fixture
def demo_report(demo_content, db):
    return ReportYearPage.objects.get(locale__language_code="fr")


def english(report):
    return report.get_translation(Locale.objects.get(language_code="en"))


def blocks_of(report, block_type):
    return [child for child in report.body if child.block_type == block_type]


def csv_url(report, child):
    return f"{report.url}data/{child.id}.csv"


def xlsx_url(report, child):
    return f"{report.url}data/{child.id}.xlsx"


def get_xlsx(client, url):
    """(response, the sheet's cells) of an XLSX download, opened as a spreadsheet would."""
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == opendata.XLSX_CONTENT_TYPE
    sheet = load_workbook(io.BytesIO(response.content)).active
    return response, [list(row) for row in sheet.iter_rows()]


def get_csv(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response.content.startswith(codecs.BOM_UTF8)
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    return response, rows


def plain(text):
    # Typography aside (cms/typography.py): the page sets what the data gives as typed.
    text = str(text).replace("\u00a0", " ").replace("\u202f", " ").replace("\u2019", "'")
    return " ".join(text.split())


def page_text(client, report):
    """The report page's text, as read: tags dropped, white space folded."""
    response = client.get(report.url)
    assert response.status_code == 200
    return plain(html.unescape(re.sub(r"<[^>]+>", " ", response.content.decode())))


def not_available(language):
    with translation.override(language):
        return plain(
            re.sub(r"<[^>]+>", " ", render_to_string("report/includes/not_available.html"))
        )


def decimal(text):
    return Decimal(text) if text else None


def add_blocks(report, *blocks):
    for block in blocks:
        report.body.append(block)
    report.save_revision().publish()
    return ReportYearPage.objects.get(pk=report.pk)


def test_financial_table_csv_is_the_table_of_the_page(client, demo_report):
    [table] = blocks_of(demo_report, "financial_table")

    response, rows = get_csv(client, csv_url(demo_report, table))

    assert response["Content-Disposition"] == (
        'attachment; filename="2021-2022-resultats-de-lexercice-fr.csv"'
    )
    header, *body = rows
    # Whole dollars, the computed surplus (deficit) and variances rounded as shown.
    assert [row[2:] for row in body] == [
        ["4618760", "4598552", "4571674", "1.0", "5786386"],
        ["4648539", "4550351", "4023699", "15.5", "5728258"],
        ["-29779", "48201", "547975", "", "58128"],
    ]
    assert [row[0] for row in body][:2] == ["Produits", "Frais d’exploitation"]
    text = page_text(client, demo_report)
    # Each row of the CSV is a row of the table on the page, figure for figure.
    for label, _kind, actual, budget, previous, change, next_budget in body:
        cells = [figure_format.amount(decimal(value), "fr") for value in (actual, budget, previous)]
        cells.append(
            figure_format.signed_percent(decimal(change), 1, "fr")
            if change
            else not_available("fr")
        )
        cells.append(figure_format.amount(decimal(next_budget), "fr"))
        assert plain(" ".join([label, *cells])) in text
    # The headings of the page's columns, from the fiscal year.
    for heading in header[2:5] + header[6:]:
        assert plain(heading) in text


def test_english_csv_has_english_headings_and_the_same_numbers(client, demo_report):
    report = english(demo_report)
    [table] = blocks_of(report, "financial_table")

    response, rows = get_csv(client, csv_url(report, table))

    assert response["Content-Disposition"] == (
        'attachment; filename="2021-2022-results-for-the-year-en.csv"'
    )
    assert rows == [
        [
            "Item",
            "Kind",
            "2021-2022 actual",
            "2021-2022 budget",
            "2020-2021 actual",
            "Variance (%)",
            "2022-2023 budget",
        ],
        ["Revenues", "revenue", "4618760", "4598552", "4571674", "1.0", "5786386"],
        ["Operating expenses", "expense", "4648539", "4550351", "4023699", "15.5", "5728258"],
        ["Surplus (deficit) for the year", "total", "-29779", "48201", "547975", "", "58128"],
    ]
    text = page_text(client, report)
    assert "Revenues $4,618,760 $4,598,552 $4,571,674 +1.0% $5,786,386" in text
    assert "Surplus (deficit) for the year ($29,779) $48,201 $547,975" in text


def first_day(iso_text):
    """2021-10-28, or the first day of 2021-10 or 2021: an event sorts by it."""
    return datetime.date.fromisoformat(
        {4: "{}-01-01", 7: "{}-01"}.get(len(iso_text), "{}").format(iso_text)
    )


def test_timeline_csv_lists_the_events_of_the_page_with_their_counts(client, demo_report):
    [timeline] = blocks_of(demo_report, "timeline")

    _response, rows = get_csv(client, csv_url(demo_report, timeline))

    header, *body = rows
    assert len(header) == 4
    text = page_text(client, demo_report)
    categories = timeline.value["categories"]
    for category in categories:
        events = [row for row in body if row[0] == category["name"]]
        dates = [first_day(row[2]) for row in events]
        # Counted from the events, in date order, as on the page.
        assert {row[1] for row in events} == {str(len(events))}
        assert len(events) == category.count
        assert dates == sorted(dates)
        assert f"{plain(category['name'])} {len(events)} " in text
        for _name, _count, date, title in events:
            if len(date) == len("2021-10-28"):
                shown = figure_format.long_date(first_day(date), "fr")
            else:
                shown = figure_format.month_year(first_day(date), "fr")
            assert plain(f"{shown} {title}") in text
    assert len(body) == sum(category.count for category in categories)
    # “Le Beam – 37 octobre 2021”: no such day; the month is all the data claims.
    assert [row[2] for row in body if row[3] == "Le Beam"] == ["2021-10"]


TIMELINE_OF_KNOWN_PARTS = {
    "heading": "Dates connues en partie",
    "introduction": "",
    "categories": [
        {
            "name": "Présentations",
            "stated_count": None,
            "events": [
                {"date": datetime.date(2021, 10, 1), "precision": "month", "title": "Le Beam"},
                {"date": datetime.date(2021, 9, 13), "precision": "day", "title": "Parc Savard"},
                {"date": datetime.date(2021, 1, 1), "precision": "year", "title": "Fondation"},
            ],
        }
    ],
}


def test_an_event_known_by_its_month_or_year_is_that_text_in_the_data_not_a_day(
    client, demo_report
):
    report = add_blocks(demo_report, ("timeline", TIMELINE_OF_KNOWN_PARTS))
    block = blocks_of(report, "timeline")[-1]

    _response, rows = get_csv(client, csv_url(report, block))
    _response, cells = get_xlsx(client, xlsx_url(report, block))

    expected = [("2021", "Fondation"), ("2021-09-13", "Parc Savard"), ("2021-10", "Le Beam")]
    assert [(row[2], row[3]) for row in rows[1:]] == expected
    dates = [row[2] for row in cells[1:]]
    # Text where only the month or the year is known; a typed date where the day is.
    assert [(cell.value, cell.data_type) for cell in (dates[0], dates[2])] == [
        ("2021", "s"),
        ("2021-10", "s"),
    ]
    assert dates[1].value.date() == datetime.date(2021, 9, 13)
    assert dates[1].number_format == opendata.DATE_FORMAT
    [figures] = [
        data for data in opendata.report_figures(report)["blocks"] if data["id"] == block.id
    ]
    assert [row["date"] for row in figures["rows"]] == ["2021", "2021-09-13", "2021-10"]


def test_key_figures_csv_gives_the_values_and_the_changes_of_the_page(client, demo_report):
    report = add_blocks(demo_report, ("key_figures", KEY_FIGURES))
    block = blocks_of(report, "key_figures")[-1]

    response, rows = get_csv(client, csv_url(report, block))

    assert response["Content-Disposition"] == (
        'attachment; filename="2021-2022-comparaison-avec-lan-dernier-fr.csv"'
    )
    header, *body = rows
    assert len(header) == 7
    with translation.override("fr"):
        units = {str(label): code for code, label in unit_choices}
    assert [[row[0], row[1], units[row[2]], *row[4:]] for row in body] == [
        ["Heures de services rendues", "68577", "hours", "65300", "5.0", ""],
        ["Répondants satisfaits", "97", "percent", "95.5", "", "1.5"],
        ["Entreprises touchées", "300", "number", "0", "", ""],
        ["Taux d’engagement", "8.2", "score10", "", "", ""],
    ]
    text = page_text(client, report)
    for label, value, unit, _qualifier, previous, change, points in body:
        assert plain(figure_format.figure(decimal(value), units[unit], "fr")) in text
        assert plain(label) in text
        if previous:
            assert plain(figure_format.figure(decimal(previous), units[unit], "fr")) in text
        if change:
            assert plain(figure_format.signed_percent(decimal(change), 1, "fr")) in text
        if points:
            assert plain(figure_format.signed_number(decimal(points), "fr")) in text
    # The demo's own key figures: “plus de 300”, the qualifier in words.
    _response, demo_rows = get_csv(client, csv_url(report, blocks_of(report, "key_figures")[0]))
    assert [row[1] for row in demo_rows[1:]] == ["68577", "300", "97"]
    assert demo_rows[2][3] == "plus de"


def test_chart_csv_gives_the_values_and_the_shares_of_the_page_that_links_it(client, demo_report):
    report = add_blocks(demo_report, ("chart", CHART))
    [chart] = blocks_of(report, "chart")

    _response, rows = get_csv(client, csv_url(report, chart))

    header, *body = rows
    assert len(header) == 4
    assert [[row[0], row[1], row[3]] for row in body] == [
        ["Services aux membres", "3200000", "69.3"],
        ["Subventions", "900000", "19.5"],
        ["Autres produits", "518760", "11.2"],
    ]
    text = page_text(client, report)
    for label, value, _unit, share in body:
        shown = [
            figure_format.amount(decimal(value), "fr"),
            figure_format.percent(decimal(share), 1, "fr"),
        ]
        assert plain(" ".join([label, *shown])) in text
    # The page links the data of each block of these types, and of no other.
    html_text = client.get(report.url).content.decode()
    linked = set(re.findall(r'href="[^"]*/data/([\w-]+)\.csv"', html_text))
    offered = {"financial_table", "chart", "timeline", "key_figures", "social_media"}
    offered |= {"board", "new_members"}
    assert linked == {child.id for child in report.body if child.block_type in offered}
    assert len(linked) == 8


@pytest.fixture
def figures_report(report):
    """The light report of conftest, with a key figures block."""
    return add_blocks(report, ("key_figures", KEY_FIGURES))


def test_bad_addresses_are_404(client, figures_report):
    report = figures_report
    [figures] = blocks_of(report, "key_figures")
    [section, text, *_rest] = list(report.body)
    base = f"{report.url}data/"
    assert client.get(f"{base}{figures.id}.csv").status_code == 200

    for url in [
        f"{base}{uuid.uuid4()}.csv",
        f"{base}not-a-block.csv",
        f"{base}{text.id}.csv",  # A block of another type.
        f"{base}{section.id}.csv",
        f"{base}{figures.id}.json",
        f"{base}{figures.id}.csv/",
        f"{base}.csv",
        f"/fr/data/{figures.id}.csv",  # Not a report.
        f"/fr/rapports-annuels/nulle-part/data/{figures.id}.csv",
    ]:
        assert client.get(url, follow=True).status_code == 404, url


def test_only_the_live_blocks_of_a_public_report(client, figures_report):
    report = figures_report
    [figures] = blocks_of(report, "key_figures")
    url = csv_url(report, figures)

    # A draft: a new block has no CSV yet; a changed figure keeps its published value.
    draft = ReportYearPage.objects.get(pk=report.pk)
    draft.body.append(("chart", CHART))
    draft.body[-2].value["figures"][0]["value"] = Decimal(1)
    draft.save_revision()
    draft = draft.get_latest_revision_as_object()
    assert client.get(csv_url(report, draft.body[-1])).status_code == 404
    _response, rows = get_csv(client, url)
    assert rows[1][1] == "68577"

    # A preview never offers the data.
    with pytest.raises(Http404):
        opendata.serve_block_data(report, SimpleNamespace(is_preview=True), figures.id, "csv")

    # A private report: 404, not a login form.
    restriction = PageViewRestriction.objects.create(
        page=report, restriction_type=PageViewRestriction.LOGIN
    )
    assert client.get(url).status_code == 404
    restriction.delete()

    report.unpublish()
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("language", ["fr", "en"])
def test_each_block_s_xlsx_holds_the_figures_of_its_csv_typed(client, demo_report, language):
    """Same headings, rows and figures as the CSV; numbers as numbers with a number format,
    dates as dates, words as text: what French and English spreadsheets show in their own
    format (4 618 760 / 4,618,760)."""
    report = demo_report if language == "fr" else english(demo_report)
    data_blocks = [child for child in report.body if opendata.offers_csv(child)]
    assert {child.block_type for child in data_blocks} >= {"financial_table", "timeline"}
    page = client.get(report.url).content.decode()

    for child in data_blocks:
        _response, rows = get_csv(client, csv_url(report, child))
        response, cells = get_xlsx(client, xlsx_url(report, child))

        assert f'href="{xlsx_url(report, child)}"' in page
        assert response["Content-Disposition"].endswith(f'-{language}.xlsx"')
        assert [cell.value for cell in cells[0]] == rows[0]
        assert all(cell.font.b for cell in cells[0])
        assert len(cells) == len(rows)
        for csv_row, xlsx_row in zip(rows[1:], cells[1:], strict=True):
            for text, cell in zip(csv_row, xlsx_row, strict=True):
                assert_same_value(text, cell)


def assert_same_value(text, cell):
    value = cell.value
    if text == "":
        assert value is None
    elif re.fullmatch(r"-?\d+(\.\d+)?", text):
        assert isinstance(value, int | float) and Decimal(str(value)) == Decimal(text)
        assert cell.number_format in (opendata.WHOLE_NUMBER_FORMAT, opendata.DECIMAL_NUMBER_FORMAT)
    elif re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        assert value.date() == datetime.date.fromisoformat(text)
        assert cell.number_format == opendata.DATE_FORMAT
    else:
        assert value == text and cell.data_type == "s"


def test_the_xlsx_is_offered_where_the_csv_is_and_nowhere_else(client, figures_report):
    report = figures_report
    [figures] = blocks_of(report, "key_figures")
    section = report.body[0]

    assert client.get(xlsx_url(report, figures)).status_code == 200
    assert client.get(xlsx_url(report, section), follow=True).status_code == 404
    assert client.get(f"{report.url}data/{figures.id}.xls", follow=True).status_code == 404
    report.unpublish()
    assert client.get(xlsx_url(report, figures)).status_code == 404


def test_a_label_that_looks_like_a_formula_stays_text_in_the_csv_and_the_xlsx(client, demo_report):
    formula = '=HYPERLINK("https://example.com","Cliquez")'
    chart = dict(CHART, rows=[{"label": formula, "value": Decimal(-5)}, *CHART["rows"][1:]])
    report = add_blocks(demo_report, ("chart", chart))
    child = blocks_of(report, "chart")[-1]

    _, rows = get_csv(client, csv_url(report, child))

    assert rows[1][0] == "'" + formula
    # A negative amount is a number, not a formula: no quote.
    assert rows[1][1] == "-5"
    # In the XLSX, a text cell (never a formula) holding the label as typed, and a number.
    _response, cells = get_xlsx(client, xlsx_url(report, child))
    assert cells[1][0].value == formula
    assert cells[1][0].data_type == "s"
    assert cells[1][1].value == -5


def test_the_board_and_the_new_members_are_downloadable_as_the_page_lists_them(client, demo_report):
    [board] = blocks_of(demo_report, "board")
    [new_members] = blocks_of(demo_report, "new_members")
    text = page_text(client, demo_report)

    _response, board_rows = get_csv(client, csv_url(demo_report, board))
    header, *members = board_rows
    assert header == ["Nom", "Fonction", "Comité exécutif", "Catégorie de membre"]
    assert members
    for name, role, executive, category in members:
        assert plain(name) in text and plain(role) in text and plain(category) in text
        assert executive in ("Oui", "Non")

    _response, member_rows = get_csv(client, csv_url(demo_report, new_members))
    header, *organisations = member_rows
    assert header == ["Organisation membre", "Région ou ville", "Réunion du conseil qui l’a admise"]
    assert f"{len(organisations)} nouvelles organisations membres" in text
    for name, _city, meeting_date in organisations:
        assert plain(name) in text
        assert meeting_date == "" or datetime.date.fromisoformat(meeting_date)
