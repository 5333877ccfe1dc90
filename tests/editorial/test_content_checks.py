"""Warnings shown in the report's editor before publishing: never errors."""

import datetime
import html as html_module
from decimal import Decimal

import pytest
import wagtail_factories
from django.utils import translation

from report import checks
from report.models import ReportYearPage
from tests.editorial.helpers import create_draft, report_form
from tests.factories import ReportYearPageFactory
from tests.html import page_html

pytestmark = pytest.mark.django_db


def figures_block(value, label="Heures de services"):
    return (
        "key_figures",
        {
            "heading": "Services",
            "figures": [
                {
                    "value": Decimal(value),
                    "unit": "hours",
                    "qualifier": "",
                    "label": label,
                    "previous_value": None,
                    "note": None,
                }
            ],
            "source": "",
            "notes": [],
        },
    )


def section(heading):
    return ("section", {"heading": heading, "anchor": heading.lower(), "introduction": ""})


def chart(description):
    return (
        "chart",
        {
            "title": "Répartition des heures",
            "description": description,
            "chart_type": "bar",
            "unit": "hours",
            "rows": [{"label": "Paie", "value": Decimal("120")}],
            "paste": "",
            "source": "",
            "notes": [],
        },
    )


def table(caption, rows=True):
    row = {
        "label": "Produits",
        "kind": "revenue",
        "actual": Decimal("10"),
        "budget": Decimal("10"),
        "previous_actual": Decimal("10"),
        "next_budget": None,
        "note": None,
    }
    return (
        "financial_table",
        {
            "caption": caption,
            "rows": [row] if rows else [],
            "stated_result": {},
            "paste": "",
            "show_chart": False,
            "source": "",
            "notes": [],
        },
    )


def image(alt_text="", decorative=False):
    return (
        "image",
        {
            "image": wagtail_factories.ImageFactory(),
            "alt_text": alt_text,
            "decorative": decorative,
            "caption": "",
        },
    )


def _stream(blocks):
    value = ReportYearPage.body.field.stream_block.to_python([])
    for block in blocks:
        value.append(block)
    return value


def warnings_of(*blocks, previous=frozenset(), year="2020-2021"):
    # The messages as an English-speaking editor reads them (the admin's default is French).
    with translation.override("en"):
        return [str(warning) for warning in checks.body_warnings(_stream(blocks), previous, year)]


def test_a_complete_body_has_no_warning():
    assert (
        warnings_of(
            section("Faits"),
            ("text", "<p>Texte.</p>"),
            chart("Les heures par service."),
            table("Résultats"),
            image(alt_text="Une assemblée"),
            image(decorative=True),
            section("Finances"),
            figures_block("3"),
        )
        == []
    )


def test_empty_sections_are_pointed_out():
    assert warnings_of(
        section("Faits"), section("Finances"), ("text", "<p>x</p>"), section("Fin")
    ) == [
        "The section “Faits” is empty: add blocks after it or remove it.",
        "The section “Fin” is empty: add blocks after it or remove it.",
    ]


def test_chart_without_description():
    assert warnings_of(section("Faits"), chart("")) == [
        "The chart “Répartition des heures” has no description for people who cannot see it."
    ]


def test_table_without_caption_or_rows():
    assert warnings_of(section("Faits"), table("", rows=False)) == [
        "A financial table has no caption.",
        "The financial table “” has no rows.",
    ]


def test_image_without_alternative_text():
    assert warnings_of(section("Faits"), image()) == [
        "An image has no alternative text: describe it, or mark it decorative."
    ]


def test_key_figure_unchanged_from_last_year():
    previous = {("Heures de services", Decimal("68577"))}
    assert warnings_of(section("Faits"), figures_block("68577.00"), previous=previous) == [
        "The key figure “Heures de services” has the same value as in the report 2020-2021: "
        "is it up to date?"
    ]
    assert warnings_of(section("Faits"), figures_block("70000"), previous=previous) == []
    assert warnings_of(section("Faits"), figures_block("68577", "Autre"), previous=previous) == []


@pytest.fixture
def last_year(report_index):
    page = ReportYearPageFactory(
        parent=report_index,
        fiscal_year_start=datetime.date(2021, 4, 1),
        fiscal_year_end=datetime.date(2022, 3, 31),
        body=[section("Faits"), figures_block("68577")],
    )
    page.save_revision().publish()
    return page


def test_previous_report_is_the_published_one_before(last_year, report_index):
    draft = ReportYearPageFactory(
        parent=report_index,
        fiscal_year_start=datetime.date(2022, 4, 1),
        fiscal_year_end=datetime.date(2023, 3, 31),
        body=[section("Faits"), figures_block("68577")],
    )
    assert checks.previous_report(draft).pk == last_year.pk
    assert checks.previous_report(last_year) is None
    with translation.override("en"):
        warnings = [str(w) for w in checks.content_warnings(draft)]
    assert warnings == [
        "The key figure “Heures de services” has the same value as in the report 2021-2022: "
        "is it up to date?"
    ]


def editor_html(editor, page):
    response = editor.get(f"/admin/pages/{page.id}/edit/")
    assert response.status_code == 200
    return html_module.unescape(page_html(response))


def test_editor_sees_the_warnings_of_the_draft(editor, report_index, last_year):
    # The helpers' report has 68 577 hours of services too, and a section.
    draft = create_draft(editor, report_index)
    editor.post(
        f"/admin/pages/{draft.id}/edit/",
        report_form(
            slug=draft.slug,
            body=[
                section("Faits"),
                figures_block("68577"),
                chart(""),
                section("Vide"),
            ],
        ),
    )

    html = editor_html(editor, draft)

    # The editor's admin is in French.
    assert "Vérifications du contenu" in html
    assert "« Heures de services »" in html
    assert "« Répartition des heures »" in html
    assert "« Vide »" in html


def test_warnings_do_not_stop_publishing(superuser_client, report_index, last_year):
    draft = ReportYearPageFactory(
        parent=report_index,
        slug="2022-2023",
        fiscal_year_start=datetime.date(2022, 4, 1),
        fiscal_year_end=datetime.date(2023, 3, 31),
        live=False,
        body=[section("Vide")],
    )
    draft.save_revision()
    response = superuser_client.post(
        f"/admin/pages/{draft.id}/edit/",
        report_form(slug=draft.slug, body=[section("Vide")], **{"action-publish": "publish"}),
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.live


def test_a_new_report_has_the_panel(editor, report_index):
    response = editor.get(f"/admin/pages/add/report/reportyearpage/{report_index.id}/")
    assert response.status_code == 200
    assert "report-content-checks" in page_html(response)
