"""A key figure without a typed previous value takes it from last year's published report."""

import csv
import datetime
import html
import io
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from report.models import ReportYearPage
from tests.factories import ReportYearPageFactory

pytestmark = pytest.mark.django_db

# Labels as the 2021-2022 demonstration report writes them (case and spaces do not count).
HOURS = {
    "value": "70000",
    "unit": "hours",
    "qualifier": "",
    "label": "heures de  services rendues",
    "previous_value": None,
    "note": None,
}
# The editor typed last year's value: it wins over the 300 of the 2021-2022 report.
ENTERPRISES = {
    **HOURS,
    "value": "320",
    "unit": "number",
    "label": "Entreprises touchées par nos interventions, directement ou via leur regroupement "
    "sectoriel",
    "previous_value": "250",
}
# Same label as a 2021-2022 figure, another unit: not the same figure.
RECOMMEND_COUNT = {
    **HOURS,
    "value": "150",
    "unit": "number",
    "label": "Répondants qui recommanderaient les services du Consortium",
}
NEW_FIGURE = {**HOURS, "value": "12", "unit": "number", "label": "Nouveaux services"}


@pytest.fixture
def last_year(demo_content, db):
    return ReportYearPage.objects.get(locale__language_code="fr")


def new_report(last_year, *blocks, start_year=2022):
    report = ReportYearPageFactory(
        parent=last_year.get_parent(),
        title=f"Rapport annuel {start_year}-{start_year + 1}",
        fiscal_year_start=datetime.date(start_year, 4, 1),
        fiscal_year_end=datetime.date(start_year + 1, 3, 31),
        body=[("key_figures", block) for block in blocks],
    )
    report.save_revision().publish()
    return ReportYearPage.objects.get(pk=report.pk)


def key_figures_block(*figures):
    return {"heading": "", "figures": list(figures), "source": "", "notes": []}


def plain(text):
    return " ".join(html.unescape(text).replace("\u00a0", " ").replace("\u202f", " ").split())


def figure_texts(client, page):
    """The text of each key figure tile of the page, as read."""
    response = client.get(page.url)
    assert response.status_code == 200
    tiles = re.findall(r'<li class="key-figure">(.*?)</li>', response.content.decode(), re.S)
    return [plain(re.sub(r"<[^>]+>", " ", tile)) for tile in tiles]


def test_empty_previous_value_comes_from_last_years_report(client, last_year):
    report = new_report(
        last_year, key_figures_block(HOURS, ENTERPRISES, RECOMMEND_COUNT, NEW_FIGURE)
    )

    hours, enterprises, recommend, new = figure_texts(client, report)

    # (70 000 - 68 577) / 68 577 = +2.07 %
    assert "70 000 h" in hours
    assert "68 577 h l’an dernier (+2,1 %)" in hours
    assert "250 l’an dernier (+28,0 %)" in enterprises
    assert "300" not in enterprises
    assert "l’an dernier" not in recommend
    assert "l’an dernier" not in new


def test_no_change_when_the_previous_report_is_not_last_years(client, last_year):
    # 2023-2024 follows 2021-2022 with no 2022-2023 report: 2021-2022 is not “last year”.
    report = new_report(last_year, key_figures_block(HOURS), start_year=2023)

    [hours] = figure_texts(client, report)

    assert hours == "70 000 h heures de services rendues"


def test_a_draft_previous_report_gives_nothing(client, last_year):
    last_year.unpublish()
    report = new_report(last_year, key_figures_block(HOURS))

    [hours] = figure_texts(client, report)

    assert "l’an dernier" not in hours


def test_the_csv_gives_last_years_value_as_the_page_shows_it(client, last_year):
    report = new_report(last_year, key_figures_block(HOURS, ENTERPRISES, NEW_FIGURE))
    [child] = list(report.body)

    response = client.get(f"{report.url}data/{child.id}.csv")

    assert response.status_code == 200
    _header, *rows = csv.reader(io.StringIO(response.content.decode("utf-8-sig")))
    # label, value, unit, qualifier, previous value, change (%), change (points)
    assert [(row[1], row[4], row[5]) for row in rows] == [
        ("70000", "68577", "2.1"),
        ("320", "250", "28.0"),
        ("12", "", ""),
    ]


def queries_to_render(client, page):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(page.url).status_code == 200
    return len(queries)


def test_last_years_figures_cost_no_query_per_figure_or_block(client, last_year):
    one = new_report(last_year, key_figures_block(HOURS))
    client.get(one.url)  # Warm the caches that a first request fills.
    with_one_figure = queries_to_render(client, one)
    one.delete()

    many = new_report(
        last_year,
        key_figures_block(HOURS, RECOMMEND_COUNT, NEW_FIGURE),
        key_figures_block(HOURS, ENTERPRISES),
        key_figures_block(HOURS),
    )
    client.get(many.url)

    assert queries_to_render(client, many) == with_one_figure
    assert figure_texts(client, many)[-1].endswith("(+2,1 %)")
