"""Next year's report started from this year's, as a draft, from the report's admin menus."""

import datetime
import re
from decimal import Decimal

import pytest
from django.test import Client
from wagtail.models import Page

from report import next_year
from report.models import MessagePage, ProjectPage, ReportYearPage
from tests.editorial.conftest import PASSWORD
from tests.factories import PersonFactory, ReportYearPageFactory, UserFactory
from tests.html import page_html
from tests.report import EXPENSES, REVENUES

BODY = [
    ("section", {"heading": "Faits saillants", "anchor": "faits-saillants", "introduction": ""}),
    ("text", "<p>Une année de croissance.</p>"),
    (
        "key_figures",
        {
            "heading": "Services",
            "figures": [
                {
                    "value": Decimal("68577"),
                    "unit": "hours",
                    "qualifier": "",
                    "label": "Heures de services",
                    "previous_value": Decimal("60000"),
                    "note": None,
                }
            ],
            "source": "",
            "notes": [],
        },
    ),
    (
        "financial_table",
        {
            "caption": "Résultats de l’exercice",
            "rows": [REVENUES, EXPENSES],
            "stated_result": {
                "actual": "-29779",
                "budget": None,
                "previous_actual": None,
                "next_budget": None,
            },
            "paste": "",
            "show_chart": False,
            "source": "",
            "notes": [],
        },
    ),
    (
        "chart",
        {
            "title": "Répartition",
            "description": "Les heures par service.",
            "chart_type": "bar",
            "unit": "hours",
            "rows": [{"label": "Paie", "value": Decimal("120")}],
            "paste": "",
            "source": "",
            "notes": [],
        },
    ),
    (
        "social_media",
        {
            "heading": "Réseaux sociaux",
            "networks": [
                {
                    "network": "LinkedIn",
                    "followers": 1200,
                    "followers_gained": 200,
                    "posts": 80,
                    "unique_visitors": 400,
                    "ad_campaigns": 2,
                    "impressions": 50000,
                }
            ],
            "source": "",
            "notes": [],
        },
    ),
    (
        "timeline",
        {
            "heading": "Activités",
            "introduction": "",
            "categories": [
                {
                    "name": "Présentations de services",
                    "stated_count": 1,
                    "events": [{"date": datetime.date(2021, 6, 3), "title": "Colloque"}],
                }
            ],
        },
    ),
    (
        "objectives",
        {
            "heading": "Objectifs",
            "objectives": [{"text": "Former les équipes", "status": "achieved"}],
        },
    ),
    ("section", {"heading": "Membres", "anchor": "membres", "introduction": ""}),
    ("board", {"heading": "Conseil", "show_member_category": True}),
    ("new_members", {"heading": "Nouveaux membres", "stated_count": None}),
    ("quote", {"quote": "Ensemble.", "attribution": "Yvan Laurin"}),
]


def item_values(list_value):
    return [
        item["value"] if isinstance(item, dict) and "type" in item else item for item in list_value
    ]


def published(page):
    page.save_revision().publish()
    page.refresh_from_db()
    return page


@pytest.fixture
def report(report_index):
    return published(ReportYearPageFactory(parent=report_index, slug="2021-2022", body=BODY))


@pytest.fixture
def children(report):
    person = PersonFactory(first_name="Yvan", last_name="Laurin")
    message = report.add_child(
        instance=MessagePage(
            title="Le mot de la présidence",
            slug="mot-de-la-presidence",
            author=person,
            author_role="Président",
            headline="Préparons demain",
            body=[("text", "<p>Merci.</p>")],
        )
    )
    project = report.add_child(
        instance=ProjectPage(title="Transformation numérique", slug="transformation")
    )
    return [published(message), published(project)]


def url(page):
    return f"/admin/reports/{page.id}/next-year/"


def new_report(report_index):
    return ReportYearPage.objects.child_of(report_index).get(
        fiscal_year_start=datetime.date(2022, 4, 1)
    )


# The pure functions


def test_dates_move_on_by_one_year():
    assert next_year.add_years(datetime.date(2021, 4, 1)) == datetime.date(2022, 4, 1)
    assert next_year.add_years(datetime.date(2024, 2, 29)) == datetime.date(2025, 2, 28)
    assert next_year.add_years(None) is None


def test_title_and_slug_name_the_new_year():
    assert (
        next_year.next_title("Rapport annuel 2021-2022", "2021-2022", "2022-2023", "fr")
        == "Rapport annuel 2022-2023"
    )
    assert (
        next_year.next_title("Rapport annuel 2021–2022", "2021-2022", "2022-2023", "fr")
        == "Rapport annuel 2022-2023"
    )
    assert next_year.next_title("Bilan", "2021-2022", "2022-2023", "en") == (
        "Annual report 2022-2023"
    )
    assert next_year.next_slug("2021-2022", "2021-2022", "2022-2023") == "2022-2023"
    assert next_year.next_slug("rapport-2021-2022", "2021-2022", "2022-2023") == (
        "rapport-2022-2023"
    )
    assert next_year.next_slug("rapport-2021", "2021-2022", "2022-2023") == "2022-2023"


@pytest.fixture
def raw(db):
    block = ReportYearPage.body.field.stream_block
    value = block.to_python([])
    for name, child in BODY:
        value.append((name, child))
    return block.get_prep_value(value)


def by_type(body, block_type):
    return [child["value"] for child in body if child["type"] == block_type]


def test_body_keeps_the_blocks_in_order_with_new_ids(raw):
    body = next_year.next_year_body(raw)
    assert [child["type"] for child in body] == [child["type"] for child in raw]
    assert not {child["id"] for child in body} & {child["id"] for child in raw}
    assert by_type(body, "section") == by_type(raw, "section")
    assert by_type(body, "text") == by_type(raw, "text")
    assert by_type(body, "quote") == by_type(raw, "quote")
    assert by_type(body, "board") == by_type(raw, "board")


def test_the_old_body_is_not_changed(raw):
    before = repr(raw)
    next_year.next_year_body(raw)
    assert repr(raw) == before


def test_key_figures_are_cleared_and_last_years_value_is_the_comparison(raw):
    [figures] = by_type(next_year.next_year_body(raw), "key_figures")
    [figure] = item_values(figures["figures"])
    assert figure["value"] is None
    assert Decimal(figure["previous_value"]) == Decimal("68577")
    assert figure["label"] == "Heures de services"


def test_financial_table_moves_the_columns_on(raw):
    [table] = by_type(next_year.next_year_body(raw), "financial_table")
    revenues, expenses = item_values(table["rows"])
    assert revenues["previous_actual"] == "4618760"
    assert revenues["budget"] == "5786386"
    assert revenues["actual"] is None and revenues["next_budget"] is None
    assert expenses["previous_actual"] == "4648539"
    assert expenses["budget"] == "5728258"
    assert set(table["stated_result"].values()) == {None}
    assert table["caption"] == "Résultats de l’exercice"


def test_chart_social_media_timeline_objectives_are_emptied(raw):
    body = next_year.next_year_body(raw)
    [chart] = by_type(body, "chart")
    assert item_values(chart["rows"]) == [{"label": "Paie", "value": None}]
    [social] = by_type(body, "social_media")
    [network] = item_values(social["networks"])
    assert network["network"] == "LinkedIn"
    assert {name: network[name] for name in next_year.SOCIAL_NUMBERS} == dict.fromkeys(
        next_year.SOCIAL_NUMBERS
    )
    [timeline] = by_type(body, "timeline")
    [category] = item_values(timeline["categories"])
    assert category["name"] == "Présentations de services"
    assert category["events"] == [] and category["stated_count"] is None
    [objectives] = by_type(body, "objectives")
    assert item_values(objectives["objectives"]) == [
        {"text": "Former les équipes", "status": "planned"}
    ]


def test_older_list_format_is_read_too():
    value = {"figures": [{"value": "3", "label": "x"}]}
    result = next_year.next_year_block("key_figures", value)
    assert result["figures"] == [{"value": None, "previous_value": "3", "label": "x"}]


# The admin


def test_report_header_and_listing_offer_the_action(editor, report):
    assert url(report) in page_html(editor.get(f"/admin/pages/{report.id}/edit/"))
    assert url(report) in page_html(editor.get(f"/admin/pages/{report.get_parent().id}/"))


def test_confirmation_form_names_the_new_report(editor, report):
    response = editor.get(url(report))
    assert response.status_code == 200
    html = page_html(response)
    assert "Rapport annuel 2022-2023" in html
    assert 'name="copy_children"' in html
    assert 'method="post"' in html


def test_editor_starts_next_years_draft(editor, report, report_index, children):
    response = editor.post(url(report))

    new = new_report(report_index)
    assert response.status_code == 302
    assert response["Location"] == f"/admin/pages/{new.id}/edit/"
    assert new.title == "Rapport annuel 2022-2023"
    assert new.slug == "2022-2023"
    assert new.fiscal_year_end == datetime.date(2023, 3, 31)
    assert new.general_assembly_date == datetime.date(2023, 10, 14)
    assert not new.live and new.first_published_at is None and new.live_revision is None
    assert new.has_unpublished_changes
    assert new.latest_revision is not None
    assert [child.block_type for child in new.body] == [name for name, _value in BODY]
    figure = new.body[2].value["figures"][0]
    assert figure["value"] is None
    assert figure["previous_value"] == Decimal("68577")
    # Messages and projects stay with last year's report unless asked.
    assert new.get_children().count() == 0
    report.refresh_from_db()
    assert report.live and report.body[2].value["figures"][0]["value"] == Decimal("68577")
    # The editor can open the draft and see it as it is.
    assert editor.get(f"/admin/pages/{new.id}/edit/").status_code == 200
    assert editor.get(f"/admin/pages/{new.id}/view_draft/").status_code == 200


def test_messages_and_projects_copied_as_drafts_when_asked(editor, report, report_index, children):
    editor.post(url(report), {"copy_children": "on"})

    new = new_report(report_index)
    copies = [page.specific for page in new.get_children().order_by("path")]
    assert [page.title for page in copies] == [page.title for page in children]
    assert not any(page.live for page in copies)
    assert [page.title for page in Page.objects.child_of(report)] == [p.title for p in children]


def test_slug_is_unique(editor, report, report_index):
    ReportYearPageFactory(
        parent=report_index,
        slug="2022-2023",
        fiscal_year_start=datetime.date(2030, 4, 1),
        fiscal_year_end=datetime.date(2031, 3, 31),
    )
    editor.post(url(report))
    assert new_report(report_index).slug == "2022-2023-1"


def test_next_year_is_started_once(editor, report, report_index):
    editor.post(url(report))
    response = editor.post(url(report))
    assert response.status_code == 409
    assert ReportYearPage.objects.child_of(report_index).count() == 2
    assert "existe déjà" in page_html(response)


def test_english_alias_of_the_draft(editor, report, report_index, english):
    editor.post(url(report))
    alias = new_report(report_index).get_translation_or_none(english)
    assert alias is not None and not alias.live


def test_only_who_may_add_a_report(report, report_index):
    user = UserFactory(username="lecteur", password=PASSWORD)
    from django.contrib.auth.models import Permission

    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client = Client()
    client.force_login(user)
    assert client.get(url(report)).status_code == 403
    assert client.post(url(report)).status_code == 403
    assert ReportYearPage.objects.child_of(report_index).count() == 1


def test_anonymous_is_sent_to_login(client, report):
    response = client.post(url(report))
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_post_needs_the_csrf_token(communications_user, report, report_index):
    client = Client(enforce_csrf_checks=True)
    client.force_login(communications_user)
    assert client.post(url(report)).status_code == 403
    assert ReportYearPage.objects.child_of(report_index).count() == 1


def test_bad_ids_and_methods(editor, report, report_index):
    # (Django's LocaleMiddleware sends a 404 of the admin to /fr/admin/…, a 404 as well.)
    assert editor.get("/admin/reports/999999/next-year/", follow=True).status_code == 404
    response = editor.get(f"/admin/reports/{report_index.id}/next-year/", follow=True)
    assert response.status_code == 404
    assert editor.post("/admin/reports/999999/next-year/", follow=True).status_code == 404
    assert editor.put(url(report)).status_code == 405


def test_form_has_a_csrf_token(editor, report):
    assert re.search(r'name="csrfmiddlewaretoken"', page_html(editor.get(url(report))))
