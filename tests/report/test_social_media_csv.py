"""The social-media block offers its figures as CSV, exactly as the page shows them."""

import csv
import html
import io
import re

import pytest
from wagtail.models import Locale

from report.models import ReportYearPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_report(demo_content, db):
    return ReportYearPage.objects.get(locale__language_code="fr")


def plain(text):
    return " ".join(html.unescape(text).replace("\u00a0", " ").replace("\u202f", " ").split())


def social_block_html(client, report):
    response = client.get(report.url)
    assert response.status_code == 200
    page = response.content.decode()
    [block] = re.findall(
        r'<div class="report-block social-media">.*?</ul>.*?</div>\s*</div>', page, re.S
    )
    return block


def shown_figures(block_html):
    """{network: {figure name: text shown}} of the block's tiles."""
    shown = {}
    for tile in re.findall(r'<li class="social-network">(.*?)</li>', block_html, re.S):
        network = plain(
            re.sub(r"<[^>]+>", " ", re.search(r"<h[34][^>]*>(.*?)</h[34]>", tile).group(1))
        )
        pairs = re.findall(r"<dt>(.*?)</dt>\s*<dd>(.*?)</dd>", tile, re.S)
        shown[network] = {
            plain(name): plain(re.sub(r"<[^>]+>", " ", value)) for name, value in pairs
        }
    return shown


def get_csv(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "fr",
            {
                "LinkedIn": {
                    "Abonnés": "1 230",
                    "Nouveaux abonnés cette année": "+450 (croissance de +57,7 %)",
                    "Publications": "54",
                    "Visiteurs uniques": "1 249",
                },
                "Facebook": {
                    "Abonnés": "582",
                    "Nouveaux abonnés cette année": "+135 (croissance de +30,2 %)",
                    "Publications": "150",
                    "Campagnes publicitaires": "2",
                    "Impressions": "5 554",
                },
            },
        ),
        (
            "en",
            {
                "LinkedIn": {
                    "Followers": "1,230",
                    "New followers this year": "+450 (growth of +57.7%)",
                    "Posts": "54",
                    "Unique visitors": "1,249",
                },
                "Facebook": {
                    "Followers": "582",
                    "New followers this year": "+135 (growth of +30.2%)",
                    "Posts": "150",
                    "Ad campaigns": "2",
                    "Impressions": "5,554",
                },
            },
        ),
    ],
)
def test_social_media_csv_gives_exactly_the_figures_shown(client, demo_report, language, expected):
    report = demo_report.get_translation(Locale.objects.get(language_code=language))
    block_html = social_block_html(client, report)
    [link] = re.findall(r'href="([^"]+\.csv)"', block_html)

    header, *rows = get_csv(client, link)

    assert shown_figures(block_html) == expected
    by_network = {row[0]: dict(zip(header, row, strict=True)) for row in rows}
    assert list(by_network) == list(expected)
    growth = header[3]
    for network, figures in expected.items():
        data = by_network[network]
        # Every figure the tile shows is in the CSV, the same number without its formatting.
        for name, text in figures.items():
            number, _space, rest = text.partition(" (")
            assert data[name] == re.sub(r"[^\d]", "", number), (network, name)
            if rest:
                assert data[growth] == re.sub(r"[^\d.,]", "", rest).replace(",", ".")
        # And nothing the tile does not show.
        shown = {*figures, growth, header[0]}
        assert {name for name, value in data.items() if value} <= shown


def test_the_csv_link_names_the_block(client, demo_report):
    block_html = social_block_html(client, demo_report)

    assert "Télécharger les données (CSV)" in plain(re.sub(r"<[^>]+>", " ", block_html))
