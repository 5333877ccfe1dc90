"""The admin forms an editor posts to compose a report."""

import json

import pytest
import wagtail_factories
from django.utils import translation
from django.utils.translation import gettext

from report.blocks import ReportBodyBlock
from report.models import ReportYearPage
from tests.admin_forms import report_form
from tests.html import page_html
from tests.report import EXPENSES, REVENUES

pytestmark = pytest.mark.django_db

EVERY_BLOCK = [
    ("section", {"heading": "Affaires financières", "anchor": "affaires-financieres"}),
    ("text", "<p>Les produits ont augmenté de 1 %.</p>"),
    (
        "key_figures",
        {
            "heading": "Services aux membres",
            "figures": [
                {"value": "68577", "unit": "hours", "qualifier": "", "label": "Heures de services"}
            ],
            "notes": [],
        },
    ),
    (
        "financial_table",
        {
            "caption": "État des résultats",
            "rows": [REVENUES, EXPENSES],
            "stated_result": {"actual": "-29779"},
            "show_chart": True,
            "notes": [],
        },
    ),
    (
        "chart",
        {
            "title": "Abonnés",
            "description": "LinkedIn compte plus d'abonnés que Facebook.",
            "chart_type": "horizontal_bar",
            "unit": "number",
            "rows": [{"label": "LinkedIn", "value": "1230"}, {"label": "Facebook", "value": "582"}],
            "notes": [],
        },
    ),
    (
        "timeline",
        {
            "heading": "Démarches",
            "categories": [
                {
                    "name": "Participation à des événements",
                    "stated_count": "2",
                    "events": [
                        {
                            "date": "2021-10-28",
                            "precision": "day",
                            "title": "AGA Chantier de l'économie sociale",
                        },
                        {"date": "2021-06-03", "precision": "day", "title": "AGA CDRQ"},
                    ],
                }
            ],
        },
    ),
    (
        "objectives",
        {
            "objectives": [
                {"text": "Amélioration de la marge bénéficiaire", "status": "achieved"},
                {"text": "Augmentation de la satisfaction des membres", "status": ""},
            ]
        },
    ),
    ("ordered_list", {"items": ["Redynamiser les relations avec les réseaux coopératifs"]}),
    ("board", {"heading": "Conseil d'administration", "show_member_category": True}),
    ("new_members", {"heading": "Nouveaux membres"}),
    ("report_pages", {"heading": "Les mots", "page_type": "messages"}),
    (
        "social_media",
        {
            "networks": [
                {
                    "network": "LinkedIn",
                    "followers": "1230",
                    "followers_gained": "450",
                    "posts": "54",
                }
            ],
            "notes": [],
        },
    ),
    ("quote", {"quote": "En s’aidant soi-même, on aide les autres.", "attribution": "Yvan Laurin"}),
    (
        "call_to_action",
        {"heading": "Nous joindre", "link_label": "Écrire", "url": "https://example.org/"},
    ),
    ("contact_details", None),
]


# Wagtail's French message when a page could not be saved because of validation errors.
NOT_SAVED = "erreurs de validation"


def shown_in_admin(message, values, response):
    """Whether the French admin shows `message`: block errors travel in the stream editor's
    JSON, where non-ASCII characters are escaped."""
    with translation.override("fr"):
        text = gettext(message) % values if values else gettext(message)
    return json.dumps(text)[1:-1] in response.content.decode()


@pytest.fixture
def every_block(db):
    """A body with one block of each type, the image and document ones with real files."""
    image = wagtail_factories.ImageFactory(title="Équipe")
    document = wagtail_factories.DocumentFactory(title="États financiers")
    return [
        *EVERY_BLOCK,
        ("image", {"image": image.id, "alt_text": "L'équipe du Consortium", "caption": ""}),
        ("document", {"document": document.id, "title": "États financiers 2021-2022"}),
    ]


def test_every_block_type_is_in_the_report_body(every_block):
    assert {name for name, _value in every_block} == set(ReportBodyBlock.base_blocks)


def test_admin_creates_a_report_with_every_block_type(
    superuser_client, client, report_index, every_block
):
    response = superuser_client.post(
        f"/admin/pages/add/report/reportyearpage/{report_index.id}/",
        report_form(every_block, **{"action-publish": "publish"}),
    )

    assert response.status_code == 302, page_html(response)[:3000]
    report = ReportYearPage.objects.get(slug="2021-2022")
    assert [child.block_type for child in report.body] == [name for name, _value in every_block]
    html = page_html(client.get(report.url))
    assert "4 618 760 $" in html
    assert "(29 779) $" in html


def test_admin_edits_a_report_with_every_block_type(superuser_client, report, every_block):
    response = superuser_client.post(
        f"/admin/pages/{report.id}/edit/", report_form(every_block, slug=report.slug)
    )

    assert response.status_code == 302, page_html(response)[:3000]
    report.refresh_from_db()
    draft = report.get_latest_revision_as_object()
    assert len(draft.body) == len(every_block)
    assert superuser_client.get(f"/admin/pages/{report.id}/edit/").status_code == 200


def test_duplicate_anchor_is_refused_beside_the_second_section(superuser_client, report):
    body = [
        ("section", {"heading": "Introduction", "anchor": "introduction"}),
        ("section", {"heading": "Encore", "anchor": "introduction"}),
    ]

    response = superuser_client.post(
        f"/admin/pages/{report.id}/edit/", report_form(body, slug=report.slug)
    )

    assert response.status_code == 200
    assert NOT_SAVED in response.content.decode()
    assert shown_in_admin(
        "Another section of this report already uses the anchor “%(anchor)s”: give this "
        "section a different one.",
        {"anchor": "introduction"},
        response,
    )
    report.refresh_from_db()
    assert len(report.get_latest_revision_as_object().body) == 4


def test_a_total_that_does_not_match_its_rows_is_refused(superuser_client, report):
    table = dict(EVERY_BLOCK[3][1], stated_result={"actual": "548175"})

    response = superuser_client.post(
        f"/admin/pages/{report.id}/edit/",
        report_form([("financial_table", table)], slug=report.slug),
    )

    assert response.status_code == 200
    assert NOT_SAVED in response.content.decode()
    report.refresh_from_db()
    assert report.get_latest_revision_as_object().body[0].block_type == "section"


@pytest.mark.parametrize(
    ("block", "bad_value"),
    [
        ("key_figures", {"figures": [{"value": "beaucoup", "unit": "number", "label": "x"}]}),
        ("key_figures", {"figures": [{"value": "NaN", "unit": "number", "label": "x"}]}),
        ("key_figures", {"figures": [{"value": "Infinity", "unit": "number", "label": "x"}]}),
        ("key_figures", {"figures": [{"value": "9" * 40, "unit": "number", "label": "x"}]}),
        (
            "timeline",
            {
                "categories": [
                    {"name": "x", "events": [{"date": "le 37 octobre", "title": "Le Beam"}]}
                ]
            },
        ),
        (
            "chart",
            {
                "title": "x",
                "description": "",
                "chart_type": "donut",
                "unit": "number",
                "rows": [{"label": "a", "value": "1"}],
            },
        ),
        (
            "social_media",
            {"networks": [{"network": "LinkedIn", "followers": "10", "followers_gained": "450"}]},
        ),
        ("ordered_list", {"items": []}),
        (
            "financial_table",
            {
                "caption": "État des résultats",
                "rows": [
                    {
                        "label": "Produits",
                        "kind": "revenue",
                        "actual": "quatre millions",
                        "budget": "1",
                        "previous_actual": "1",
                    }
                ],
            },
        ),
        ("section", {"heading": "Affaires financières", "anchor": "Affaires financières"}),
    ],
)
def test_bad_block_input_gets_a_form_error_not_a_500(superuser_client, report, block, bad_value):
    # Publishing validates everything; a draft may leave required fields empty (Wagtail 7+).
    response = superuser_client.post(
        f"/admin/pages/{report.id}/edit/",
        report_form([(block, bad_value)], slug=report.slug, **{"action-publish": "publish"}),
    )

    assert response.status_code == 200
    assert NOT_SAVED in response.content.decode()
    report.refresh_from_db()
    assert len(report.get_latest_revision_as_object().body) == 4


def test_an_image_without_alt_text_is_refused(superuser_client, report):
    from wagtail_factories import ImageFactory

    image = ImageFactory()
    response = superuser_client.post(
        f"/admin/pages/{report.id}/edit/",
        report_form([("image", {"image": image.id, "alt_text": ""})], slug=report.slug),
    )

    assert response.status_code == 200
    assert NOT_SAVED in response.content.decode()
    assert shown_in_admin(
        "Describe the image for people who cannot see it, or tick “decorative”.", {}, response
    )
