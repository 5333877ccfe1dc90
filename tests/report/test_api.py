"""The pages as JSON through Wagtail's API (/api/v2/): the public pages, and a report's figures."""

import csv
import io
from urllib.parse import urlsplit

import pytest
from wagtail.models import Locale, Page, PageViewRestriction

from report.models import ProjectPage, ReportYearPage
from tests.factories import SuperUserFactory

pytestmark = pytest.mark.django_db

PAGES = "/api/v2/pages/"


@pytest.fixture
def demo_report(demo_content, db):
    return ReportYearPage.objects.get(locale__language_code="fr")


def get_json(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, response.content[:300]
    return response.json()


def listed_ids(client, query=""):
    """{id: item} of every page listed, page after page of results."""
    items = {}
    while True:
        data = get_json(client, f"{PAGES}?offset={len(items)}{query}")
        items.update((item["id"], item) for item in data["items"])
        if not data["items"] or len(items) >= data["meta"]["total_count"]:
            assert len(items) == data["meta"]["total_count"]
            return items


def test_a_report_stating_its_dates_gives_them(client, demo_report):
    ReportYearPage.objects.filter(translation_key=demo_report.translation_key).update(
        fiscal_year_dates_stated=True
    )

    data = get_json(client, f"{PAGES}{demo_report.pk}/")

    assert data["fiscal_year_dates"] == {"start": "2021-04-01", "end": "2022-03-31"}


@pytest.mark.parametrize("field", ["fiscal_year_start", "fiscal_year_end"])
def test_the_dates_a_report_does_not_state_cannot_be_found_by_filtering(client, demo_report, field):
    response = client.get(PAGES, {"type": "report.ReportYearPage", field: "2021-04-01"})

    assert response.status_code == 400
    assert "2021-04-01" not in response.content.decode()


def test_lists_only_live_public_pages(client, demo_report):
    project = ProjectPage.objects.child_of(demo_report).first()
    project.unpublish()
    message = demo_report.get_children().live().first()
    PageViewRestriction.objects.create(page=message, restriction_type=PageViewRestriction.LOGIN)
    draft = demo_report.get_parent().add_child(
        instance=ReportYearPage(
            title="Rapport annuel 2022-2023",
            slug="2022-2023",
            fiscal_year_start=demo_report.fiscal_year_end.replace(year=2022, day=1, month=4),
            fiscal_year_end=demo_report.fiscal_year_end.replace(year=2023),
            live=False,
        )
    )

    listed = listed_ids(client)

    expected = set(Page.objects.live().public().filter(depth__gt=1).values_list("id", flat=True))
    assert set(listed) == expected
    assert demo_report.pk in listed
    assert not {project.pk, message.pk, draft.pk} & set(listed)
    # Signed in, still only the public pages: the API is published data.
    client.force_login(SuperUserFactory())
    assert set(listed_ids(client)) == expected
    for page in (project, message, draft):
        get_json(client, f"{PAGES}{page.pk}/", status=404)


def test_locale_filter(client, demo_report):
    english = listed_ids(client, "&locale=en")
    french = listed_ids(client, "&locale=fr")

    assert english and french
    assert {item["meta"]["locale"] for item in english.values()} == {"en"}
    assert {item["meta"]["locale"] for item in french.values()} == {"fr"}
    english_report = demo_report.get_translation(Locale.objects.get(language_code="en"))
    assert english_report.pk in english and demo_report.pk in french
    reports = listed_ids(client, "&locale=en&type=report.ReportYearPage&fields=theme,figures")
    assert set(reports) == {english_report.pk}
    report = reports[english_report.pk]
    assert report["theme"] == "Daring to adapt"
    assert report["figures"]["language"] == "en"


def blocks_by_type(figures, block_type):
    return [block for block in figures["blocks"] if block["type"] == block_type]


def test_report_gives_its_fiscal_year_and_the_figures_of_its_page(client, demo_report):
    data = get_json(client, f"{PAGES}{demo_report.pk}/")

    assert data["title"] == "Rapport annuel 2021-2022"
    assert data["fiscal_year"] == "2021-2022"
    # The seed never states the year's dates: those that choose its records are not given.
    assert data["fiscal_year_dates"] is None
    assert "fiscal_year_start" not in data and "fiscal_year_end" not in data
    assert data["general_assembly_date"] == demo_report.general_assembly_date.isoformat()
    assert data["theme"] == "L’audace de s’adapter"
    assert urlsplit(data["pdf_url"]).path == f"{demo_report.url}pdf/"
    figures = data["figures"]
    assert figures["fiscal_year"] == "2021-2022"

    [table] = blocks_by_type(figures, "financial_table")
    assert table["section"] == "affaires-financieres"
    assert [(row["kind"], row["actual"], row["variance_percent"]) for row in table["rows"]] == [
        ("revenue", 4618760, 1.0),
        ("expense", 4648539, 15.5),
        ("total", -29779, None),
    ]
    assert table["rows"][-1]["previous_actual"] == 547975
    assert table["rows"][-1]["next_budget"] == 58128

    services, human_capital = blocks_by_type(figures, "key_figures")
    assert [(row["value"], row["unit"], row["qualifier"]) for row in services["rows"]] == [
        (68577, "hours", None),
        (300, "number", "more_than"),
        (97, "percent", None),
    ]
    assert human_capital["rows"][0]["value"] == 8.2

    [social] = blocks_by_type(figures, "social_media")
    assert urlsplit(social["csv_url"]).path.endswith(".csv")  # Its CSV, as the page links it.
    assert social["xlsx_url"] == social["csv_url"].removesuffix(".csv") + ".xlsx"
    assert [
        (row["network"], row["followers"], row["followers_gained"], row["growth_percent"])
        for row in social["rows"]
    ] == [("LinkedIn", 1230, 450, 57.7), ("Facebook", 582, 135, 30.2)]
    assert social["rows"][1]["impressions"] == 5554

    [timeline] = blocks_by_type(figures, "timeline")
    groups = {}
    for row in timeline["rows"]:
        groups.setdefault(row["category"], []).append(row)
    [timeline_block] = [child for child in demo_report.body if child.block_type == "timeline"]
    categories = timeline_block.value["categories"]
    assert [(name, len(rows)) for name, rows in groups.items()] == [
        (category["name"], category.count) for category in categories
    ]
    for rows in groups.values():
        assert {row["category_count"] for row in rows} == {len(rows)}

    # Every block with a CSV gives in JSON the numbers of its CSV.
    for block in figures["blocks"]:
        if block["csv_url"] is None:
            continue
        response = client.get(urlsplit(block["csv_url"]).path)
        assert response.status_code == 200
        header, *rows = csv.reader(io.StringIO(response.content.decode("utf-8-sig")))
        assert header == [column["heading"] for column in block["columns"]]
        assert len(rows) == len(block["rows"])
        for row, json_row in zip(rows, block["rows"], strict=True):
            for column, value in zip(block["columns"], row, strict=True):
                expected = json_row[column["key"]]
                if isinstance(expected, int | float) and not isinstance(expected, bool):
                    assert float(value) == expected
                elif expected is None:
                    assert value == ""


def test_bad_requests_are_4xx_not_500(client, report):
    get_json(client, f"{PAGES}999999/", status=404)
    assert client.get(f"{PAGES}abc/").status_code == 404
    get_json(client, f"{PAGES}?locale=xx", status=404)
    get_json(client, f"{PAGES}?type=report.Nothing", status=400)
    get_json(client, f"{PAGES}?fields=nothing", status=400)
    get_json(client, f"{PAGES}?limit=1000", status=400)
    get_json(client, "/api/v2/nothing/", status=404)
    get_json(client, "/api/v2/pages", status=404)
