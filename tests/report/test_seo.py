"""A report page tells search engines and social networks what it is: a report of a fiscal year."""

import html as html_module
import json
import re

import pytest
import wagtail_factories
from django.utils import timezone

from cms.typography import typeset
from report.models import ReportYearPage

pytestmark = pytest.mark.django_db


def head(response):
    html = response.content.decode()
    return html[: html.index("</head>")]


def meta(html, name):
    pattern = rf'<meta (?:property|name)="{re.escape(name)}"\s+content="([^"]*)"'
    return [html_module.unescape(value) for value in re.findall(pattern, html)]


def graph(html):
    (block,) = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return {node["@type"]: node for node in json.loads(block)["@graph"]}


def test_report_page_is_described_as_a_report_of_its_fiscal_year(client, report):
    html = head(client.get(report.url))

    nodes = graph(html)
    work = nodes["Report"]
    assert work["name"] == report.title
    assert work["url"] == f"http://testserver{report.url}"
    # The report's own date, its general assembly's, not the day it went online.
    assert work["datePublished"] == "2022-10-14"
    assert work["inLanguage"] == "fr-CA"
    assert "2021-2022" in work["about"]["name"]
    # The report does not state its dates (the editor has not ticked it): no period is claimed.
    assert "temporalCoverage" not in work
    assert work["publisher"] == {"@id": nodes["Organization"]["@id"]}
    assert work["description"] == "Une année de croissance."
    assert meta(html, "og:type") == ["article"]
    assert meta(html, "og:url") == [f"http://testserver{report.url}"]
    assert f'<link rel="canonical" href="http://testserver{report.url}">' in html


def test_report_shares_its_card_made_with_its_cover(client, report):
    """The card (tests/web/test_sharing_cards.py) shows the cover: it is the shared image."""
    report.cover_image = wagtail_factories.ImageFactory(title="Couverture")
    report.save_revision().publish()

    html = head(client.get(report.url))

    (image,) = meta(html, "og:image")
    assert image.startswith(f"http://testserver/sharing-card/{report.pk}/")
    assert meta(html, "og:image:width") == ["1200"]
    assert meta(html, "og:image:height") == ["630"]
    # As the page shows them: set in French typography (cms/typography.py).
    organisation = typeset(graph(html)["Organization"]["name"], "fr")
    alt = f"{report.title} – {organisation}"
    assert meta(html, "og:image:alt") == [alt]
    assert meta(html, "twitter:card") == ["summary_large_image"]
    assert meta(html, "twitter:image") == [image]
    assert meta(html, "twitter:image:alt") == [alt]
    assert graph(html)["Report"]["image"] == image


def test_report_index_is_a_website_page_without_report_data(client, report, report_index):
    html = head(client.get(report_index.url))

    assert meta(html, "og:type") == ["website"]
    assert set(graph(html)) == {"Organization"}


def test_a_report_stating_its_dates_gives_their_period(client, report):
    ReportYearPage.objects.filter(pk=report.pk).update(fiscal_year_dates_stated=True)

    work = graph(head(client.get(report.url)))["Report"]

    assert work["temporalCoverage"] == "2021-04-01/2022-03-31"


def test_a_report_without_its_assembly_date_was_published_when_it_went_online(client, report):
    ReportYearPage.objects.filter(pk=report.pk).update(general_assembly_date=None)

    work = graph(head(client.get(report.url)))["Report"]

    # In the site's time zone, as the page writes it (UTC's date differs in the evening).
    published_on = timezone.localtime(report.first_published_at).date().isoformat()
    assert work["datePublished"].startswith(published_on)


def test_visitors_of_another_language_are_sent_to_the_french_report(client, report):
    html = head(client.get(report.url))

    assert re.search(
        rf'<link rel="alternate"\s+hreflang="x-default"\s+href="http://testserver{report.url}">',
        html,
    )
