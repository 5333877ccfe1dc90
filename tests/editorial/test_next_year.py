"""Next year's report started from this year's, as a draft, from the report's admin menus."""

import datetime
import re
from decimal import Decimal

import pytest
import wagtail_factories
from bs4 import BeautifulSoup
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
    assert item_values(objectives["objectives"]) == [{"text": "Former les équipes", "status": ""}]


def test_older_list_format_is_read_too():
    value = {"figures": [{"value": "3", "label": "x"}]}
    result = next_year.next_year_block("key_figures", value)
    assert result["figures"] == [{"value": None, "previous_value": "3", "label": "x"}]


# Last year's fiscal year in the text


@pytest.mark.parametrize(
    ("text", "renamed"),
    [
        ("Les objectifs pour l’année 2021-2022", "Les objectifs pour l’année 2022-2023"),
        ("Projets structurants 2021–2022", "Projets structurants 2022-2023"),
        ("Rapport 2021 - 2022", "Rapport 2022-2023"),
        ("Faits saillants 2021", "Faits saillants 2022"),
        ("2021 et 2021-2022", "2022 et 2022-2023"),
    ],
)
def test_short_texts_name_the_new_fiscal_year(text, renamed):
    assert next_year.replace_fiscal_year(text, "2021-2022", "2022-2023") == renamed


@pytest.mark.parametrize(
    "text",
    [
        "AGA du 3 juin 2021",  # a date
        "1er avril 2021",
        "June 3, 2021",
        "2021-06-03",
        "3/6/2021",
        "Sondage de mars 2022",
        "2020-2021 réel",  # another fiscal year
        "Budget 2022-2023",
        "Rapport 2021-22",  # not the label as the organisation writes it: listed only
        "Clôture 2022",  # the end year alone: the closing date's year as often as the year's
        "12021 heures",
        "",
    ],
)
def test_short_texts_keep_dates_other_years_and_the_end_year(text):
    assert next_year.replace_fiscal_year(text, "2021-2022", "2022-2023") == text


@pytest.mark.parametrize(
    ("text", "short", "mention"),
    [
        ("En 2021-2022, nous avons grandi.", False, "2021-2022"),
        ("Nous avons grandi (2021–2022).", False, "2021–2022"),
        ("Le rapport 2021-22 est paru.", False, "2021-22"),
        ("Depuis 2021, nous avons grandi.", False, "2021"),
        ("En 2022, nous avons grandi.", False, "2022"),
        ("Au 3 juin 2021, nous étions 40.", False, "juin 2021"),
        ("Sondage de mars 2022", True, "mars 2022"),
        ("Les objectifs de 2021", True, "2021"),
        # In a short text the end year alone is the new year's start year, as renamed.
        ("Les objectifs de 2022", True, None),
        ("Comparé à 2020-2021 et au budget 2022-2023.", False, None),
        ("Le plan 2018-2023.", False, None),
        ("Une année de croissance.", False, None),
        # A date names last year up to the month it ended in (March): not from April on.
        ("Bilan au 31 mars 2022.", False, "mars 2022"),
        ("Bilan au 2022-03-31.", False, "2022-03-31"),
        ("Le 14 avril 2022, puis en March 2023.", False, None),
        ("Depuis le 2022-04-01.", False, None),
        ("Depuis juin 2021.", True, "juin 2021"),
        ("Le 1er janvier 2021.", True, "janvier 2021"),
    ],
)
def test_what_still_names_last_year(text, short, mention):
    span = next_year.first_mention(text, "2021-2022", short, end_month=3)
    assert (text[slice(*span)] if span else None) == mention


def test_without_its_months_a_date_names_last_year_by_its_year():
    assert next_year.first_mention("Le 14 avril 2022.", "2021-2022", False) == (6, 16)


def test_an_excerpt_is_the_words_around_the_mention():
    text = "Une année de croissance pour le Consortium et ses membres, " * 3 + (
        "et en 2021-2022 nous avons accueilli de nouvelles organisations partout au Québec, " * 3
    )
    excerpt = next_year.excerpt(text, next_year.first_mention(text, "2021-2022", False))
    assert excerpt.startswith("…") and excerpt.endswith("…")
    assert "en 2021-2022 nous avons accueilli" in excerpt
    assert len(excerpt) < 140
    assert next_year.excerpt("Objectifs 2021", (10, 14)) == "Objectifs 2021"


def test_rich_text_is_read_as_its_words():
    text = next_year.plain_text("<p>En 2021&#x2011;2022,</p><p>l&#x27;année</p>")
    assert text == "En 2021\u20112022, l'année"
    assert next_year.first_mention(text, "2021-2022", short=False) == (3, 12)


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


# Made from the latest revision, with last year's fiscal year renamed or listed


def section_heading(page):
    return page.body[0].value["heading"]


def review_list(html):
    """What the confirmation page lists for the editor to review, as they read it."""
    section = BeautifulSoup(html, "html.parser").select_one(".report-next-year__to-review")
    return [" ".join(item.get_text().split()) for item in section.select("li")]


def replaced_list(html):
    section = BeautifulSoup(html, "html.parser").select_one(".report-next-year__replaced")
    return [" ".join(item.get_text().split()) for item in section.select("li")]


@pytest.fixture
def newer_draft(report):
    """The published report, then a draft of it with its first heading corrected."""
    draft = report.get_latest_revision_as_object()
    draft.body[0].value["heading"] = "Faits saillants corrigés"
    draft.save_revision()
    report.refresh_from_db()
    assert report.live and report.has_unpublished_changes
    return draft


def test_confirmation_says_next_year_is_made_from_the_newer_draft(editor, report, newer_draft):
    html = page_html(editor.get(url(report)))

    assert "report-next-year__source" in html
    assert "à partir du brouillon du" in html
    assert "pas de la version publiée" in html


def test_next_year_is_made_from_the_newer_draft(editor, report, report_index, newer_draft):
    response = editor.post(url(report), follow=True)

    new = new_report(report_index)
    assert section_heading(new) == "Faits saillants corrigés"
    # The published report is untouched, the draft still waits.
    report.refresh_from_db()
    assert section_heading(report) == "Faits saillants"
    assert section_heading(report.get_latest_revision_as_object()) == "Faits saillants corrigés"
    # The editor is told where it comes from, on the new report's editing screen.
    html = page_html(response)
    assert "a été créé à partir du brouillon du" in html
    assert "pas de la version publiée" in html


def test_without_a_newer_draft_nothing_is_said_of_drafts(editor, report, report_index):
    assert "report-next-year__source" not in page_html(editor.get(url(report)))
    html = page_html(editor.post(url(report), follow=True))
    assert "brouillon du" not in html


def test_a_report_never_published_is_its_draft(editor, report_index):
    draft = ReportYearPageFactory(parent=report_index, slug="2021-2022", live=False, body=BODY)
    draft.save_revision()

    html = page_html(editor.get(url(draft)))

    assert "n’est pas publié" in html and "pas de la version publiée" not in html
    editor.post(url(draft))
    assert new_report(report_index).title == "Rapport annuel 2022-2023"


DATED_BODY = [
    (
        "section",
        {
            "heading": "Faits saillants 2021",
            "anchor": "faits-saillants",
            "introduction": "Les organisations devenues membres en 2021-2022, par rencontre.",
        },
    ),
    ("text", "<p>Malgré la crise, 2021-2022 a vu le Consortium renouer avec la croissance.</p>"),
    (
        "objectives",
        {
            "heading": "Les objectifs pour l’année 2021-2022",
            "objectives": [{"text": "Former les équipes", "status": "achieved"}],
        },
    ),
    ("report_pages", {"heading": "Projets structurants 2021-2022", "page_type": "projects"}),
    (
        "financial_table",
        {
            "caption": "Résultats 2021–2022",
            "rows": [REVENUES, EXPENSES],
            "stated_result": {},
            "paste": "",
            "show_chart": False,
            "source": "États financiers audités au 31 mars 2022",
            "notes": [],
        },
    ),
]


@pytest.fixture
def dated_report(report_index):
    image = (
        "image",
        {
            "image": wagtail_factories.ImageFactory(),
            "alt_text": "L’assemblée générale 2021",
            "decorative": False,
            "caption": "L’équipe 2021-2022",
        },
    )
    return published(
        ReportYearPageFactory(
            parent=report_index,
            slug="2021-2022",
            introduction="Une année de croissance : 2021-2022 a dépassé nos attentes.",
            body=[*DATED_BODY, image],
        )
    )


def test_years_are_renamed_in_titles_headings_and_captions(editor, dated_report, report_index):
    editor.post(url(dated_report))

    new = new_report(report_index)
    assert new.title == new.draft_title == "Rapport annuel 2022-2023"
    assert new.slug == "2022-2023"
    section, text, objectives, projects, table, image = (child.value for child in new.body)
    assert section["heading"] == "Faits saillants 2022"
    assert objectives["heading"] == "Les objectifs pour l’année 2022-2023"
    assert projects["heading"] == "Projets structurants 2022-2023"
    assert table["caption"] == "Résultats 2022-2023"
    assert image["caption"] == "L’équipe 2022-2023"
    # Sentences, dates, the motto and what describes a picture are left to the editor.
    assert section["introduction"] == DATED_BODY[0][1]["introduction"]
    assert text.source == DATED_BODY[1][1]
    assert table["source"] == "États financiers audités au 31 mars 2022"
    assert image["alt_text"] == "L’assemblée générale 2021"
    assert new.introduction == dated_report.introduction
    assert new.theme == "L’audace de s’adapter"
    # Last year's report keeps its words.
    dated_report.refresh_from_db()
    assert dated_report.body[2].value["heading"] == "Les objectifs pour l’année 2021-2022"


def test_confirmation_lists_what_is_renamed(editor, dated_report):
    replaced = replaced_list(page_html(editor.get(url(dated_report))))

    assert any(
        "« Les objectifs pour l’année 2021-2022 »" in item
        and item.endswith("« Les objectifs pour l’année 2022-2023 »")
        for item in replaced
    )
    assert any(item.endswith("« Projets structurants 2022-2023 »") for item in replaced)
    assert any(item.endswith("« Faits saillants 2022 »") for item in replaced)
    assert any(item.endswith("« Rapport annuel 2022-2023 »") for item in replaced)
    assert len(replaced) == 6  # The title, four headings and captions, the image's caption.


def test_confirmation_lists_what_is_left_to_review(editor, dated_report):
    to_review = review_list(page_html(editor.get(url(dated_report))))

    def listed(text):
        return [item for item in to_review if text in item]

    assert listed("L’audace de s’adapter")  # The theme: last year's motto.
    assert listed("Une année de croissance : 2021-2022 a dépassé nos attentes.")
    assert listed("Malgré la crise, 2021-2022 a vu le Consortium")  # Rich text.
    assert listed("Les organisations devenues membres en 2021-2022")  # A section's introduction.
    assert listed("États financiers audités au 31 mars 2022")  # A date.
    assert listed("L’assemblée générale 2021")  # An image's alternative text.
    # Where each is, as the editor finds it: the field, or the block, its field and position.
    [introduction] = listed("Une année de croissance")
    assert introduction.startswith("Introduction :")
    [rich_text] = listed("Malgré la crise")
    assert "(bloc 2)" in rich_text and "nomme encore 2021-2022" in rich_text
    # What is renamed is not listed.
    assert not listed("Les objectifs pour l’année")


def test_the_list_is_the_one_of_the_new_report(editor, dated_report, report_index):
    """The confirmation page lists what the new report's content checks will point out."""
    to_review = review_list(page_html(editor.get(url(dated_report))))
    editor.post(url(dated_report))

    mentions = next_year.stale_year_mentions(new_report(report_index), "2021-2022")

    assert len(mentions) == len(to_review) - 1  # Without the theme.
    assert all(any(excerpt in item for item in to_review) for _where, excerpt in mentions)


@pytest.mark.parametrize("mode", ["", "print"])
def test_what_is_still_empty_shows_nothing_in_the_preview(editor, report, report_index, mode):
    """Unknown is a valid state that shows nothing: no label, unit or “last year” alone."""
    editor.post(url(report))
    new = new_report(report_index)

    response = editor.get(f"/admin/pages/{new.id}/view_draft/" + (f"?mode={mode}" if mode else ""))

    assert response.status_code == 200
    html = page_html(response)
    assert "Faits saillants" in html  # The report is there…
    assert 'class="key-figure"' not in html  # …but not its figures still to type,
    assert "Heures de services" not in html
    assert "l’an dernier" not in html
    assert "Présentations de services" not in html  # nor a category without events,
    assert "événement" not in html
    assert "LinkedIn" not in html  # nor a network without its numbers,
    assert "Abonnés" not in html
    assert "Répartition" not in html  # nor a chart without values.
