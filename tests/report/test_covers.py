"""A report's cover, its section openers and its year at a glance (issue 17).

Every address that shows a report's cover or its headline figures, each tried here or in the
module named:
- the report page, /fr/rapports-annuels/<année>/ and /en/annual-reports/<year>/;
- the report index, /fr/rapports-annuels/ and /en/annual-reports/;
- the home page's featured report, /fr/ and /en/;
- the PDF, <report>/pdf/ (its own cover: tests/report/test_pdf*.py);
- the sharing card of each page (tests/web/test_sharing_cards.py);
- Wagtail's preview of a draft, /admin/pages/<id>/edit/preview/, which renders the same template.
"""

import datetime

import pytest
from bs4 import BeautifulSoup
from PIL import Image, ImageDraw

from home import cover_art
from home.models import SiteSettings
from tests.factories import ReportYearPageFactory
from tests.report.conftest import publish

pytestmark = pytest.mark.django_db

HOURS = {
    "value": "68577",
    "unit": "hours",
    "qualifier": "",
    "label": "Heures de services rendues",
    "previous_value": None,
    "note": None,
}


def soup(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def test_a_report_without_a_cover_image_has_its_generated_cover_in_the_sites_colours(
    client, report
):
    site_settings = SiteSettings.objects.get()
    site_settings.accent_colour = "#6a1b9a"
    site_settings.save()

    art = soup(client.get(report.url)).select_one(".report-cover svg.report-cover__art")

    assert art["aria-hidden"] == "true"
    fills = {path["fill"] for path in art.find_all(["rect", "path"])}
    assert "#6a1b9a" in fills
    assert site_settings.brand_colour in fills
    assert not soup(client.get(report.url)).select(".report-cover img")


def test_a_report_with_a_cover_image_shows_the_image_and_no_generated_cover(client, report):
    from wagtail.images.models import Image as WagtailImage
    from wagtail.images.tests.utils import get_test_image_file

    report.cover_image = WagtailImage.objects.create(title="Couverture", file=get_test_image_file())
    publish(report)

    cover = soup(client.get(report.url)).select_one(".report-cover")

    assert cover.select("img.report-cover__image")
    assert not cover.select("svg")


def test_each_year_has_its_own_cover_and_keeps_it():
    assert cover_art.composition(2021) == cover_art.composition(2021)
    assert cover_art.composition(2021) != cover_art.composition(2022)
    for year in range(2015, 2040):
        tones = {tile.tone for tile in cover_art.composition(year)}
        assert "accent" in tones, year


def test_the_sharing_card_draws_the_same_composition_with_pillow(report):
    site_settings = SiteSettings.objects.get()
    image = Image.new("RGB", (400, 300), "white")

    colours = cover_art.palette(site_settings)
    cover_art.pillow_draw(ImageDraw.Draw(image), 2021, colours, (0, 0, 400, 300))

    drawn = {"#{:02x}{:02x}{:02x}".format(*pixel) for _count, pixel in image.getcolors(10_000)}
    # Every tone the SVG uses, and the background, are painted (edges add blended pixels).
    used = {colours[tile.tone] for tile in cover_art.composition(2021)}
    assert used | {colours["background"]} <= drawn
    assert "#ffffff" not in drawn


def test_section_openers_number_the_sections_as_the_contents_do(client, report):
    page = soup(client.get(report.url))

    numbers = [number.get_text() for number in page.select(".report-section__number")]
    headings = [section.h2.get_text() for section in page.select("section.report-section")]
    contents = [link.get_text() for link in page.select(".report-toc li a")]

    assert numbers == ["01", "02"]
    assert headings == contents == ["Introduction", "Affaires financières"]
    assert all(number["aria-hidden"] == "true" for number in page.select(".report-section__number"))


def key_figures_report(report_index, figures, year=2022):
    return publish(
        ReportYearPageFactory(
            parent=report_index,
            title=f"Rapport annuel {year}-{year + 1}",
            fiscal_year_start=datetime.date(year, 4, 1),
            fiscal_year_end=datetime.date(year + 1, 3, 31),
            body=[("key_figures", {"heading": "", "figures": figures, "source": "", "notes": []})],
        )
    )


def test_the_index_shows_each_reports_cover_and_first_key_figures(client, report_index, report):
    newer = key_figures_report(
        report_index,
        [
            {**HOURS, "value": None, "label": "Pas encore compté"},
            HOURS,
            {
                **HOURS,
                "value": "300",
                "unit": "number",
                "qualifier": "more_than",
                "label": "Entreprises",
            },
            {**HOURS, "value": "97", "unit": "percent", "label": "Recommanderaient"},
            {**HOURS, "value": "25", "unit": "number", "label": "Municipalités"},
        ],
    )

    entries = soup(client.get(report_index.url)).select(".report-entry")

    assert [entry.h2.get_text(strip=True) for entry in entries] == [newer.title, report.title]
    assert all(entry.select("svg.report-entry__art") for entry in entries)
    figures = [
        " ".join(figure.get_text(" ", strip=True).split())
        for figure in entries[0].select(".headline-figure")
    ]
    # The first three figures that have a value, as the report shows them; nothing for a report
    # without key figures.
    assert figures == [
        "68 577 h Heures de services rendues",
        "plus de 300 Entreprises",
        "97 % Recommanderaient",
    ]
    assert not entries[1].select(".headline-figures")


def test_the_home_page_features_the_report_with_its_cover_and_figures(
    client, public_site, report_index
):
    key_figures_report(report_index, [HOURS])

    feature = soup(client.get("/fr/")).select_one(".featured-report")

    assert feature.select("svg.featured-report__art")
    assert feature.select_one(".headline-figure__label").get_text(strip=True) == HOURS["label"]


def test_the_demo_reports_figures_are_in_each_language_on_the_index(client, db, demo_content):
    french = soup(client.get("/fr/rapports-annuels/")).select(".headline-figure__value")
    english = soup(client.get("/en/annual-reports/")).select(".headline-figure__value")

    def texts(values):
        return [" ".join(value.get_text().split()) for value in values]

    assert texts(french) == ["68 577 h", "plus de 300", "97 %"]
    assert texts(english) == ["68,577 h", "more than 300", "97%"]
