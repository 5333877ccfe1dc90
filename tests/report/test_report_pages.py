import datetime

import pytest
from wagtail.models import Page

from report.models import MessagePage, ProjectPage, ReportIndexPage, ReportYearPage
from tests.factories import ReportYearPageFactory
from tests.html import page_html
from tests.report.conftest import publish
from tests.report.test_pdf import pdf_text

pytestmark = pytest.mark.django_db


def test_report_page_shows_its_sections_with_a_table_of_contents(client, report):
    html = page_html(client.get(report.url))

    assert '<h1 id="report-title">Rapport annuel 2021-2022</h1>' in html
    assert '<a href="#introduction">Introduction</a>' in html
    assert '<a href="#affaires-financieres">Affaires financières</a>' in html
    assert 'aria-labelledby="affaires-financieres"' in html
    assert "Les produits ont augmenté." in html


def test_a_report_that_does_not_state_its_dates_names_its_year_only(client, report, english_report):
    french = page_html(client.get(report.url))
    english = page_html(client.get(english_report.url))
    pdf = b"".join(client.get(f"{report.url}pdf/").streaming_content)

    assert "Exercice 2021-2022" in french and "Fiscal year 2021-2022" in english
    for shown in (french, english, pdf_text(pdf)):
        for date in ("1er avril 2021", "31 mars 2022", "April 1, 2021", "March 31, 2022"):
            assert date not in shown


def test_report_page_writes_its_dates_in_the_visitors_language(client, report, english_report):
    ReportYearPage.objects.filter(translation_key=report.translation_key).update(
        fiscal_year_dates_stated=True
    )
    french = page_html(client.get(report.url))
    english = page_html(client.get(english_report.url))

    assert "Exercice du 1er avril 2021 au 31 mars 2022" in french
    assert "Fiscal year from April 1, 2021 to March 31, 2022" in english
    assert "14 octobre 2022" in french
    assert "October 14, 2022" in english
    assert "Annual report 2021-2022" in english


def test_english_report_keeps_the_anchors_of_the_french_one(client, english_report):
    html = page_html(client.get(english_report.url))

    assert '<a href="#affaires-financieres">Financial affairs</a>' in html


def test_index_lists_published_reports_newest_first(client, report_index, report):
    newer = publish(
        ReportYearPageFactory(
            parent=report_index,
            title="Rapport annuel 2022-2023",
            fiscal_year_start=datetime.date(2022, 4, 1),
            fiscal_year_end=datetime.date(2023, 3, 31),
        )
    )
    ReportYearPageFactory(
        parent=report_index,
        title="Rapport annuel 2023-2024 (brouillon)",
        fiscal_year_start=datetime.date(2023, 4, 1),
        fiscal_year_end=datetime.date(2024, 3, 31),
        live=False,
    )

    html = page_html(client.get(report_index.url))

    assert html.index(newer.title) < html.index(report.title)
    assert "brouillon" not in html


def test_reports_link_to_the_previous_and_next_report(client, report_index, report):
    newer = publish(
        ReportYearPageFactory(
            parent=report_index,
            title="Rapport annuel 2022-2023",
            fiscal_year_start=datetime.date(2022, 4, 1),
            fiscal_year_end=datetime.date(2023, 3, 31),
        )
    )

    assert f'<a rel="next" href="{newer.url}">' in page_html(client.get(report.url))
    assert f'<a rel="prev" href="{report.url}">' in page_html(client.get(newer.url))


def test_home_page_features_the_latest_published_report(client, public_site, report):
    html = page_html(client.get("/fr/"))

    assert 'class="featured-report"' in html
    assert f'<a class="button" href="{report.url}">Lire le rapport</a>' in html


def test_home_page_has_no_feature_without_a_published_report(client, public_site, report):
    report.unpublish()

    assert 'class="featured-report"' not in page_html(client.get("/fr/"))


def test_message_page_shows_author_role_and_links_back(client, report, message):
    html = page_html(client.get(message.url))

    assert "<h1>Préparons aujourd’hui le monde de demain</h1>" in html
    assert "Yvan Laurin" in html
    assert "Président" in html
    assert f'<a href="{report.url}">' in html


def test_project_page_shows_funding_activities_teams_outcomes_and_quote(client, project):
    html = page_html(client.get(project.url))

    for text in [
        "CQCM",
        "Programme pour la transformation numérique des entreprises collectives",
        "La formation et la vulgarisation sur les enjeux",
        "<dt>Équipe des communications</dt>",
        "Obtention du certificat",
        "Un partenariat historique.",
    ]:
        assert text in html


def test_page_types_only_build_the_designed_tree():
    assert ReportIndexPage.allowed_subpage_models() == [ReportYearPage]
    assert set(ReportYearPage.allowed_subpage_models()) == {MessagePage, ProjectPage}
    assert MessagePage.allowed_subpage_models() == []
    assert ProjectPage.allowed_subpage_models() == []
    assert ReportYearPage.allowed_parent_page_models() == [ReportIndexPage]
    assert Page not in MessagePage.allowed_parent_page_models()


def test_fiscal_year_must_end_after_it_starts(report):
    from django.core.exceptions import ValidationError

    report.fiscal_year_end = datetime.date(2021, 1, 1)

    with pytest.raises(ValidationError) as error:
        report.full_clean()

    assert "fiscal_year_end" in error.value.message_dict
