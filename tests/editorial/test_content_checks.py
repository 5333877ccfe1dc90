"""Warnings shown in the report's editor before publishing: never errors."""

import datetime
import html as html_module
from decimal import Decimal

import pytest
import wagtail_factories
from bs4 import BeautifulSoup
from django.utils import translation

from report import checks
from report.models import ReportYearPage
from tests import admin_forms
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
                    "value": None if value is None else Decimal(value),
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


def table(caption, rows=1, actual=Decimal("10")):
    row = {
        "label": "Produits",
        "kind": "revenue",
        "actual": actual,
        "budget": Decimal("10"),
        "previous_actual": Decimal("10"),
        "next_budget": None,
        "note": None,
    }
    return (
        "financial_table",
        {
            "caption": caption,
            "rows": [row] * rows,
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
    assert warnings_of(section("Faits"), table("", rows=0)) == [
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


def timeline(heading, events=()):
    return (
        "timeline",
        {
            "heading": heading,
            "introduction": "",
            "categories": [
                {"name": "Assemblées", "stated_count": None, "events": list(events)},
                {"name": "Rencontres", "stated_count": None, "events": []},
            ],
        },
    )


def social_media(followers):
    network = {
        "network": "LinkedIn",
        "followers": followers,
        "followers_gained": None,
        "posts": None,
        "unique_visitors": None,
        "ad_campaigns": None,
        "impressions": None,
    }
    return ("social_media", {"heading": "", "networks": [network], "source": "", "notes": []})


def test_key_figure_without_a_value():
    assert warnings_of(section("Faits"), figures_block(None), figures_block("3", "Autre")) == [
        "The key figure “Heures de services” has no value: it is not shown until you enter one."
    ]


def test_financial_table_rows_without_this_years_actual_one_warning_per_table():
    assert warnings_of(section("Faits"), table("Résultats", rows=2, actual=None)) == [
        "The financial table “Résultats” has 2 rows without this year's actual amount."
    ]
    assert warnings_of(section("Faits"), table("Résultats", actual=None)) == [
        "The financial table “Résultats” has 1 row without this year's actual amount."
    ]


def test_timeline_without_events():
    event = {"date": datetime.date(2021, 6, 3), "title": "AGA CDRQ"}
    assert warnings_of(section("Faits"), timeline("Activités")) == [
        "The timeline “Activités” has no events."
    ]
    assert warnings_of(section("Faits"), timeline("")) == ["A timeline has no events."]
    # A category still empty beside one with events is not a timeline without events.
    assert warnings_of(section("Faits"), timeline("Activités", [event])) == []


def test_chart_rows_and_social_networks_without_their_figures():
    empty_chart = chart("Les heures par service.")
    empty_chart[1]["rows"] = [{"label": "Paie", "value": None}]
    assert warnings_of(section("Faits"), empty_chart, social_media(None)) == [
        "The chart “Répartition des heures” has 1 row without a value.",
        "The social network “LinkedIn” has no number of followers.",
    ]
    assert warnings_of(section("Faits"), social_media(1230)) == []


def test_warnings_are_strings_in_the_active_language_naming_their_check(report_index):
    draft = ReportYearPageFactory(parent=report_index, body=[section("Vide")])
    with translation.override("fr"):
        warnings = checks.content_warnings(draft)
    assert warnings == ["La section « Vide » est vide : ajoutez-y des blocs ou retirez-la."]
    assert [warning.check for warning in warnings] == ["empty-section"]
    assert all(warning.check in checks.CHECKS for warning in warnings)


def report_of_2022_2023(report_index, **fields):
    defaults = {
        "slug": "2022-2023",
        "title": "Rapport annuel 2022-2023",
        "theme": "Ensemble plus loin",
        "fiscal_year_start": datetime.date(2022, 4, 1),
        "fiscal_year_end": datetime.date(2023, 3, 31),
    }
    return ReportYearPageFactory(parent=report_index, **(defaults | fields))


def english_warnings(page):
    with translation.override("en"):
        return checks.content_warnings(page)


def test_text_that_still_names_last_years_fiscal_year(report_index):
    draft = report_of_2022_2023(
        report_index,
        introduction="Une année de croissance, comme 2021-2022.",
        body=[
            ("section", {"heading": "Les objectifs 2022", "anchor": "objectifs"}),
            ("text", "<p>En juin 2021, nous étions 40 ; en 2022-2023, 50.</p>"),
            ("section", {"heading": "Projets structurants 2021-2022", "anchor": "projets"}),
            ("text", "<p>Des projets.</p>"),
        ],
    )

    assert english_warnings(draft) == [
        "The text “Une année de croissance, comme 2021-2022.” in Introduction still names "
        "2021-2022: is it up to date?",
        "The text “En juin 2021, nous étions 40 ; en 2022-2023, 50.” in Text (block 2) still "
        "names 2021-2022: is it up to date?",
        "The text “Projets structurants 2021-2022” in Section › Heading (block 3) still names "
        "2021-2022: is it up to date?",
    ]


def test_a_report_that_names_only_its_own_year_has_nothing_to_review(report_index):
    draft = report_of_2022_2023(
        report_index,
        introduction="L’année 2022-2023, d’avril 2022 à mars 2023, comparée à 2020-2021.",
        body=[("section", {"heading": "Objectifs 2022", "anchor": "a"}), ("text", "<p>x</p>")],
    )
    assert english_warnings(draft) == []


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
    draft = report_of_2022_2023(report_index, body=[section("Faits"), figures_block("68577")])
    assert checks.previous_report(draft).pk == last_year.pk
    assert checks.previous_report(last_year) is None
    with translation.override("en"):
        warnings = [str(w) for w in checks.content_warnings(draft)]
    assert warnings == [
        "The key figure “Heures de services” has the same value as in the report 2021-2022: "
        "is it up to date?"
    ]


def test_the_theme_of_last_years_report_kept(last_year, report_index):
    draft = report_of_2022_2023(report_index, theme=last_year.theme, body=[section("Faits")])
    assert english_warnings(draft)[0] == (
        "The theme “L’audace de s’adapter” is the same as in the report 2021-2022: is it this "
        "year's motto?"
    )
    draft.theme = "Ensemble plus loin"
    assert not [warning for warning in english_warnings(draft) if "theme" in warning]


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


# Next year's report, started from the demonstration report


def panel_warnings(editor, page):
    """The content checks as the editor reads them on the report's editing screen."""
    response = editor.get(f"/admin/pages/{page.id}/edit/")
    assert response.status_code == 200
    panel = BeautifulSoup(response.content, "html.parser").select_one(".report-content-checks")
    return [" ".join(item.get_text().split()) for item in panel.select("li")]


@pytest.fixture
def demo_next_year(db, demo_content, editor):
    report = ReportYearPage.objects.get(slug="2021-2022", locale__language_code="fr")
    assert editor.post(f"/admin/reports/{report.id}/next-year/").status_code == 302
    return ReportYearPage.objects.get(slug="2022-2023", locale__language_code="fr")


def test_next_years_report_lists_what_is_still_empty_and_last_years(editor, demo_next_year):
    warnings = panel_warnings(editor, demo_next_year)

    # In French, the editor's language.
    assert (
        "Le chiffre clé « Heures de services rendues » n’a pas de valeur : il n’est pas affiché "
        "tant que vous n’en saisissez pas une." in warnings
    )
    assert len([warning for warning in warnings if warning.startswith("Le chiffre clé")]) == 5
    assert (
        "Le tableau financier « Résultats de l’exercice » a 2 lignes sans le montant réel de "
        "l’exercice." in warnings
    )
    assert "La chronologie « Les démarches de l’année » n’a aucun événement." in warnings
    assert "Le réseau social « LinkedIn » n’a pas de nombre d’abonnés." in warnings
    assert (
        "Le thème « L’audace de s’adapter » est le même que dans le rapport 2021-2022 : est-ce "
        "la devise de cette année ?" in warnings
    )
    [stale] = [warning for warning in warnings if "nomme encore" in warning]
    assert stale.startswith("Le texte « Les organisations devenues membres en 2021-2022,")
    assert stale.endswith("(bloc 8) nomme encore 2021-2022 : est-il à jour ?")
    assert "Rien à signaler" not in page_html(editor.get(f"/admin/pages/{demo_next_year.id}/edit/"))


def editing_form(page):
    """The editing form of `page` as it is, as the editor's browser posts it."""
    body = [
        (child.block_type, child.value.source if child.block_type == "text" else child.value)
        for child in page.body
    ]
    return admin_forms.report_form(
        body,
        title=page.title,
        slug=page.slug,
        fiscal_year_start=page.fiscal_year_start.isoformat(),
        fiscal_year_end=page.fiscal_year_end.isoformat(),
        general_assembly_date=page.general_assembly_date.isoformat(),
        theme=page.theme,
        introduction=page.introduction,
    )


def test_next_years_report_saves_with_its_warnings(editor, demo_next_year):
    response = editor.post(f"/admin/pages/{demo_next_year.id}/edit/", editing_form(demo_next_year))

    assert response.status_code == 302
    assert demo_next_year.revisions.count() == 2
