"""The data of a report's figure blocks as CSV: the figures of the page, as plain values."""

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


def get_csv(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response.content.startswith(codecs.BOM_UTF8)
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    return response, rows


def plain(text):
    return " ".join(str(text).replace("\u00a0", " ").replace("\u202f", " ").split())


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


def test_timeline_csv_lists_the_events_of_the_page_with_their_counts(client, demo_report):
    [timeline] = blocks_of(demo_report, "timeline")

    _response, rows = get_csv(client, csv_url(demo_report, timeline))

    header, *body = rows
    assert len(header) == 4
    text = page_text(client, demo_report)
    categories = timeline.value["categories"]
    for category in categories:
        events = [row for row in body if row[0] == category["name"]]
        dates = [datetime.date.fromisoformat(row[2]) for row in events]
        # Counted from the events with a real date, in date order, as on the page.
        assert {row[1] for row in events} == {str(len(events))}
        assert len(events) == category.count
        assert dates == sorted(dates)
        assert f"{plain(category['name'])} {len(events)} " in text
        for _name, _count, date, title in events:
            shown = figure_format.long_date(datetime.date.fromisoformat(date), "fr")
            assert plain(f"{shown} {title}") in text
    assert len(body) == sum(category.count for category in categories)
    # The event of “37 octobre 2021” is not a date: left out, and not counted.
    assert "Le Beam" not in {row[3] for row in body}


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
    assert linked == {child.id for child in report.body if child.block_type in offered}
    assert len(linked) == 6


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
        opendata.serve_block_csv(report, SimpleNamespace(is_preview=True), figures.id)

    # A private report: 404, not a login form.
    restriction = PageViewRestriction.objects.create(
        page=report, restriction_type=PageViewRestriction.LOGIN
    )
    assert client.get(url).status_code == 404
    restriction.delete()

    report.unpublish()
    assert client.get(url).status_code == 404


def test_a_label_that_looks_like_a_formula_stays_text_in_the_csv(client, demo_report):
    formula = '=HYPERLINK("https://example.com","Cliquez")'
    chart = dict(CHART, rows=[{"label": formula, "value": Decimal(-5)}, *CHART["rows"][1:]])
    report = add_blocks(demo_report, ("chart", chart))
    child = blocks_of(report, "chart")[-1]

    _, rows = get_csv(client, csv_url(report, child))

    assert rows[1][0] == "'" + formula
    # A negative amount is a number, not a formula: no quote.
    assert rows[1][1] == "-5"
