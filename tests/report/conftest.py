import datetime

import pytest

from editorial.localization import publish_translation
from tests.factories import (
    PersonFactory,
    ReportIndexPageFactory,
    ReportYearPageFactory,
)


@pytest.fixture
def report_index(home_page):
    index = ReportIndexPageFactory(parent=home_page, show_in_menus=True)
    index.save_revision().publish()
    return index


def publish(page):
    page.save_revision().publish()
    page.refresh_from_db()
    return page


@pytest.fixture
def report(report_index):
    """A published 2021-2022 report with two sections."""
    page = ReportYearPageFactory(
        parent=report_index,
        introduction="Une année de croissance.",
        body=[
            (
                "section",
                {"heading": "Introduction", "anchor": "introduction", "introduction": ""},
            ),
            ("text", "<p>Le Consortium a repris sa croissance.</p>"),
            (
                "section",
                {
                    "heading": "Affaires financières",
                    "anchor": "affaires-financieres",
                    "introduction": "",
                },
            ),
            ("text", "<p>Les produits ont augmenté.</p>"),
        ],
    )
    return publish(page)


@pytest.fixture
def president(db):
    return PersonFactory(honorific="mr", first_name="Yvan", last_name="Laurin")


@pytest.fixture
def message(report, president):
    from report.models import MessagePage

    page = report.add_child(
        instance=MessagePage(
            title="Le mot de la présidence",
            slug="mot-de-la-presidence",
            author=president,
            author_role="Président",
            headline="Préparons aujourd’hui le monde de demain",
            introduction="Un privilège et une fierté.",
            body=[("text", "<p>Merci aux membres.</p>")],
        )
    )
    return publish(page)


@pytest.fixture
def project(report):
    from report.models import ProjectPage

    page = report.add_child(
        instance=ProjectPage(
            title="Transformation numérique des entreprises collectives",
            slug="transformation-numerique",
            funder="CQCM",
            programme="Programme pour la transformation numérique des entreprises collectives",
            introduction="Accompagner le virage numérique.",
            summary="<p>Sensibiliser, former et accompagner.</p>",
            activities=[("activity", "La formation et la vulgarisation sur les enjeux")],
            teams=[("team", {"name": "Équipe des communications", "contribution": "Diffusion."})],
            outcomes=[("outcome", "Obtention du certificat")],
            quote="Un partenariat historique.",
            quote_attribution="J. Benoit Caron",
        )
    )
    return publish(page)


ENGLISH = {
    "Rapports annuels": "Annual reports",
    "rapports-annuels": "annual-reports",
    "Rapport annuel 2021-2022": "Annual report 2021-2022",
    "rapport-2021": "report-2021",
    "L’audace de s’adapter": "The audacity to adapt",
    "Une année de croissance.": "A year of growth.",
    "Introduction": "Introduction",
    "Le Consortium a repris sa croissance.": "The Consortium grew again.",
    "Affaires financières": "Financial affairs",
    "Les produits ont augmenté.": "Revenues increased.",
}


@pytest.fixture
def english_report(report, english, public_site):
    translated, _missing = publish_translation(report, english, ENGLISH)
    return translated


def next_year_dates():
    return datetime.date(2022, 4, 1), datetime.date(2023, 3, 31)
