"""The report index compares the key indicators of every published report, year over year."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from editorial.localization import publish_translation
from report import year_over_year
from report.blocks.figures import KeyFiguresBlock
from report.blocks.financial import FinancialTableBlock
from report.models import ReportIndexPage, ReportYearPage
from tests.factories import ReportYearPageFactory, locale
from tests.html import page_html

pytestmark = pytest.mark.django_db

NO_STATED_RESULT = {"actual": None, "budget": None, "previous_actual": None, "next_budget": None}


def financial_table(revenues, expenses):
    row = {"budget": "1", "previous_actual": "1", "next_budget": None, "note": None}
    return FinancialTableBlock().to_python(
        {
            "caption": "Résultats",
            "rows": [
                {**row, "label": "Produits", "kind": "revenue", "actual": str(revenues)},
                {**row, "label": "Charges", "kind": "expense", "actual": str(expenses)},
            ],
            "stated_result": NO_STATED_RESULT,
            "paste": "",
            "show_chart": False,
            "source": "",
            "notes": [],
        }
    )


def key_figures(*figures):
    return KeyFiguresBlock().to_python(
        {
            "heading": "L’année en chiffres",
            "figures": [
                {
                    "value": str(value),
                    "unit": unit,
                    "qualifier": "",
                    "label": label,
                    "previous_value": None,
                    "note": None,
                }
                for value, unit, label in figures
            ],
            "source": "",
            "notes": [],
        }
    )


def add_report(parent, start_year, revenues, expenses, figures, **kwargs):
    page = ReportYearPageFactory(
        parent=parent,
        title=f"Rapport annuel {start_year}-{start_year + 1}",
        fiscal_year_start=datetime.date(start_year, 4, 1),
        fiscal_year_end=datetime.date(start_year + 1, 3, 31),
        body=[
            ("section", {"heading": "Finances", "anchor": "finances", "introduction": ""}),
            ("financial_table", financial_table(revenues, expenses)),
            ("key_figures", key_figures(*figures)),
        ],
        **kwargs,
    )
    page.save_revision().publish()
    return page


@pytest.fixture
def two_reports(report_index):
    return [
        add_report(
            report_index,
            2021,
            4618760,
            4648539,
            [(68577, "hours", "Heures de services"), (12, "number", "Nouveaux membres")],
        ),
        add_report(
            report_index,
            2022,
            5000000,
            4900000,
            [(70000, "hours", " heures  de SERVICES"), (97, "percent", "Satisfaction")],
        ),
    ]


def rows_of(html):
    """{row heading: [cells]} of the year-over-year table (white space folded: "4 618 760 $")."""
    section = html[html.index('class="year-over-year"') :]
    table = section[section.index("<tbody>") : section.index("</tbody>")]
    rows = {}
    for row in re.findall(r"<tr.*?</tr>", table):
        heading = re.search(r"<th[^>]*>(.*?)</th>", row).group(1).strip()
        rows[heading] = [
            re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(r"<td[^>]*>(.*?)</td>", row)
        ]
    return rows


def test_index_shows_each_fiscal_year_side_by_side(client, two_reports, report_index):
    html = page_html(client.get(report_index.url))

    assert '<th scope="col" class="report-table__number">2021-2022</th>' in html
    assert '<th scope="col" class="report-table__number">2022-2023</th>' in html
    rows = rows_of(html)
    assert rows["Produits"] == ["4 618 760 $", "5 000 000 $"]
    assert rows["Charges"] == ["4 648 539 $", "4 900 000 $"]
    assert rows["Excédent (déficit) de l’exercice"] == [
        "(29 779) $",
        "100 000 $",
    ]


def test_key_figures_of_several_years_are_matched_by_label(client, two_reports, report_index):
    rows = rows_of(page_html(client.get(report_index.url)))

    # The latest year's wording of the label; the label of one year only is left out.
    assert rows["heures de SERVICES"] == ["68 577 h", "70 000 h"]
    assert "Nouveaux membres" not in rows
    assert "Satisfaction" not in rows


def test_the_chart_is_an_accessible_svg_of_revenues_and_expenses(client, two_reports, report_index):
    html = page_html(client.get(report_index.url))

    assert 'role="img"' in html
    assert 'aria-labelledby="year-over-year-chart-title year-over-year-chart-description"' in html
    description = re.search(r'<desc id="year-over-year-chart-description">(.*?)</desc>', html)
    assert "2021-2022" in description.group(1)
    assert "2022-2023" in description.group(1)
    assert "<script" not in html.replace('<script type="application/ld+json">', "")


def test_figures_are_formatted_for_english_visitors(two_reports):
    with translation.override("en"):
        table = year_over_year.build(two_reports)

    rows = {row.label: row.cells for row in table.rows}
    assert rows["Revenues"] == ["$4,618,760", "$5,000,000"]
    assert rows["Surplus (deficit) for the year"] == ["($29,779)", "$100,000"]
    assert rows["heures de SERVICES"] == ["68,577\u00a0h", "70,000\u00a0h"]


def test_a_year_without_a_financial_table_has_empty_cells(report_index, two_reports):
    third = ReportYearPageFactory(
        parent=report_index,
        fiscal_year_start=datetime.date(2023, 4, 1),
        fiscal_year_end=datetime.date(2024, 3, 31),
        body=[],
    )
    third.save_revision().publish()

    table = year_over_year.build([*two_reports, third])

    assert table.years == ["2021-2022", "2022-2023", "2023-2024"]
    assert table.rows[0].cells[2] == ""


def test_a_single_report_shows_no_comparison(client, two_reports, report_index):
    two_reports[1].unpublish()

    html = page_html(client.get(report_index.url))

    assert 'class="year-over-year"' not in html
    assert not year_over_year.build(two_reports[:1])


def test_unpublished_reports_are_left_out(client, two_reports, report_index):
    draft = add_report(report_index, 2023, 1, 1, [])
    draft.unpublish()

    html = page_html(client.get(report_index.url))

    assert "2023-2024" not in html


def queries_to_render(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_index_queries_do_not_grow_with_the_number_of_reports(client, two_reports, report_index):
    client.get(report_index.url)
    before = queries_to_render(client, report_index.url)

    add_report(report_index, 2023, 6000000, 5000000, [(71000, "hours", "Heures de services")])

    assert queries_to_render(client, report_index.url) == before


@pytest.fixture
def demo_index(demo_content, db):
    return ReportIndexPage.objects.get(locale__language_code="fr")


def test_the_demo_report_compared_with_the_next_year(client, demo_index):
    demo = ReportYearPage.objects.get(locale__language_code="fr")
    add_report(
        demo_index,
        2022,
        5786386,
        5728258,
        [(70000, "hours", "Heures de services rendues")],
        slug="rapport-2022",
    )

    rows = rows_of(page_html(client.get(demo_index.url)))

    assert rows["Produits"][0] == "4 618 760 $"
    assert rows["Excédent (déficit) de l’exercice"] == [
        "(29 779) $",
        "58 128 $",
    ]
    assert rows["Heures de services rendues"] == ["68 577 h", "70 000 h"]
    assert demo.fiscal_year_label == "2021-2022"


def test_the_english_index_compares_the_english_reports(client, demo_index):
    english = locale("en")
    second = add_report(
        demo_index,
        2022,
        5786386,
        5728258,
        [(70000, "hours", "Heures de services rendues")],
        slug="rapport-2022",
    )
    publish_translation(
        second, english, {"Heures de services rendues": "Hours of service delivered"}
    )
    english_index = demo_index.get_translation(english)

    rows = rows_of(page_html(client.get(english_index.url)))

    assert rows["Revenues"] == ["$4,618,760", "$5,786,386"]
    assert rows["Hours of service delivered"] == ["68,577 h", "70,000 h"]
