"""The demonstration report loader: the 2021-2022 report, in French and translated into English."""

import datetime
import html
import re
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from wagtail.models import Locale, Page

from demo import report_content as content
from members.models import (
    BoardMandate,
    BoardMeeting,
    BoardRole,
    MemberOrganisation,
    MembershipCategory,
    Person,
)
from report.models import MessagePage, ProjectPage, ReportIndexPage, ReportYearPage
from tests.commands import run_command

pytestmark = pytest.mark.django_db

FRENCH_REPORT = "/fr/rapports-annuels/2021-2022/"
ENGLISH_REPORT = "/en/annual-reports/2021-2022/"
CHILDREN = [*content.MESSAGES, *content.PROJECTS]


@pytest.fixture
def demo_report(demo_content, db):
    return demo_content.report


def report_in(language_code):
    return ReportYearPage.objects.get(locale__language_code=language_code, slug="2021-2022")


def body_values(page, block_type):
    return [child.value for child in page.body if child.block_type == block_type]


def text_of(response):
    assert response.status_code == 200
    return html.unescape(response.content.decode())


def child_urls(language_code):
    report = FRENCH_REPORT if language_code == "fr" else ENGLISH_REPORT
    slugs = [page["slug"] for page in CHILDREN]
    if language_code == "en":
        slugs = [content.ENGLISH[slug] for slug in slugs]
    return [f"{report}{slug}/" for slug in slugs]


def test_needs_the_public_site_first(db):
    with pytest.raises(CommandError, match="load_demo_site"):
        call_command("load_demo_report", stdout=StringIO())

    assert not ReportYearPage.objects.exists()


def test_loads_the_report_in_french_and_english(client, demo_report):
    assert ReportIndexPage.objects.count() == 2
    assert ReportYearPage.objects.count() == 2
    assert MessagePage.objects.count() == 4
    assert ProjectPage.objects.count() == 4
    french = report_in("fr")
    assert french.title == "Rapport annuel 2021-2022"
    assert french.theme == "L’audace de s’adapter"
    assert french.general_assembly_date == datetime.date(2022, 10, 14)
    assert (french.fiscal_year_start, french.fiscal_year_end) == (
        datetime.date(2021, 4, 1),
        datetime.date(2022, 3, 31),
    )
    assert ReportIndexPage.objects.get(locale__language_code="fr").show_in_menus
    urls = ["/fr/rapports-annuels/", "/en/annual-reports/", FRENCH_REPORT, ENGLISH_REPORT]
    for url in [*urls, *child_urls("fr"), *child_urls("en")]:
        assert client.get(url).status_code == 200, url
    assert demo_report.errors == ""


def test_is_idempotent(demo_report):
    counts = [
        model.objects.count()
        for model in [Page, Person, BoardMandate, BoardMeeting, MemberOrganisation, BoardRole]
    ]

    again = run_command("load_demo_report")

    assert "nothing to load" in again.output
    assert "Seed data:" not in again.output
    assert counts == [
        model.objects.count()
        for model in [Page, Person, BoardMandate, BoardMeeting, MemberOrganisation, BoardRole]
    ]


def test_every_section_anchor_in_both_languages(client, demo_report):
    for url, language_code in [(FRENCH_REPORT, "fr"), (ENGLISH_REPORT, "en")]:
        page = text_of(client.get(url))
        for french_anchor, heading in content.SECTIONS.items():
            anchor = french_anchor if language_code == "fr" else content.ENGLISH[french_anchor]
            assert f'id="{anchor}"' in page, (url, anchor)
            assert f'href="#{anchor}"' in page, (url, anchor)
            expected = heading if language_code == "fr" else content.ENGLISH[heading]
            assert expected in page, (url, expected)


def test_messages_and_projects_in_both_languages(client, demo_report):
    president_fr, director_fr, *projects_fr = (text_of(client.get(u)) for u in child_urls("fr"))
    president_en, director_en, *projects_en = (text_of(client.get(u)) for u in child_urls("en"))

    assert "Préparons aujourd’hui le monde de demain" in president_fr
    assert "Preparing today for tomorrow’s world" in president_en
    assert "Yvan Laurin" in president_fr and "Yvan Laurin" in president_en
    assert "2021-2022\u00a0: Les fruits de nos efforts" in director_fr
    assert "2021-2022: The fruits of our efforts" in director_en
    assert "J. Benoit Caron" in director_en
    assert "Obtention du sceau Concilivi" in projects_fr[0]
    assert "Obtaining the Concilivi seal" in projects_en[0]
    assert "Communications team" in projects_en[0]
    assert "J. Benoit Caron, directeur général" in projects_fr[1]
    assert "J. Benoit Caron, Director General" in projects_en[1]
    # The report links to its messages and projects in each language.
    report_en = text_of(client.get(ENGLISH_REPORT))
    for url in child_urls("en"):
        assert f'href="{url}"' in report_en, url


def test_english_pages_and_snippets_are_wagtail_localize_translations(demo_report):
    from wagtail_localize.models import Translation

    english = Locale.objects.get(language_code="en")
    french_pages = [
        ReportIndexPage.objects.get(locale__language_code="fr"),
        report_in("fr"),
        *report_in("fr").get_children().specific(),
    ]
    snippets = [*BoardRole.objects.filter(locale__language_code="fr")]
    snippets += MembershipCategory.objects.filter(locale__language_code="fr")
    for instance in [*french_pages, *snippets]:
        assert Translation.objects.filter(
            source__object_id=instance.translation_key, target_locale=english
        ).exists(), instance
        assert instance.get_translation(english)
    assert BoardRole.objects.get(locale=english, sort_order=10).name == "President"
    category = MembershipCategory.objects.get(locale=english)
    assert category.name == "Support member"


def test_every_string_has_its_english(demo_report):
    assert "No English" not in demo_report.errors + demo_report.output


def test_no_french_left_in_the_english_pages(client, demo_report):
    translated = {
        french: english
        for french, english in content.ENGLISH.items()
        # Slugs are in the links to the French pages (language switcher, alternates).
        if french != english and not re.fullmatch(r"[a-z0-9-]+", french)
    }
    english_pages = {url: text_of(client.get(url)) for url in [ENGLISH_REPORT, *child_urls("en")]}
    english_pages["/en/annual-reports/"] = text_of(client.get("/en/annual-reports/"))
    for url, page in english_pages.items():
        left = [french for french in translated if french in page]
        assert left == [], url
    report = text_of(client.get(ENGLISH_REPORT))
    for english in ["Financial affairs", "Development meetings", "Hours of service delivered"]:
        assert english in report


def test_figures_are_formatted_for_each_language(client, demo_report):
    french = text_of(client.get(FRENCH_REPORT))
    english = text_of(client.get(ENGLISH_REPORT))

    assert "4\u00a0618\u00a0760\u00a0$" in french
    assert "(29\u00a0779)\u00a0$" in french
    assert "$4,618,760" in english
    assert "($29,779)" in english
    # The 2020-2021 result is computed from the rows, not the printed 548 175 $.
    assert "547\u00a0975\u00a0$" in french
    assert "548\u00a0175" not in french
    assert "$547,975" in english
    assert "68\u00a0577" in french and "68,577" in english


def test_financial_table_keeps_only_the_printed_results_that_add_up(demo_report):
    (table,) = body_values(report_in("fr"), "financial_table")

    stated = table["stated_result"]
    assert stated["actual"] == -29779
    assert stated["budget"] == 48201
    assert stated["next_budget"] == 58128
    assert stated["previous_actual"] is None
    assert table["show_chart"]
    assert [row["kind"] for row in table["rows"]] == ["revenue", "expense"]


def test_every_event_date_is_a_real_date(client, demo_report):
    (timeline,) = body_values(report_in("fr"), "timeline")
    categories = timeline["categories"]

    assert [category.count for category in categories] == [9, 37, 19]
    assert [category["stated_count"] for category in categories] == [9, 37, 19]
    events = [event for category in categories for event in category["events"]]
    assert all(type(event["date"]) is datetime.date for event in events)
    assert all(
        content.FISCAL_YEAR_START <= event["date"] <= content.FISCAL_YEAR_END for event in events
    )
    # “Le Beam – 37 octobre 2021”: no such day; kept with what is known, its month.
    [beam] = [event for event in events if event["title"] == "Le Beam"]
    assert (beam["date"], beam["precision"]) == (datetime.date(2021, 10, 1), "month")
    assert {event["precision"] for event in events if event is not beam} == {"day"}
    assert "Congres CMC" in [event["title"] for event in events]
    french = text_of(client.get(FRENCH_REPORT))
    english = text_of(client.get(ENGLISH_REPORT))
    assert "1er octobre 2021" in french
    assert "October 1, 2021" in english
    assert "CMC congress" in english


@pytest.mark.parametrize(
    ("url", "october"), [(FRENCH_REPORT, "octobre 2021"), (ENGLISH_REPORT, "October 2021")]
)
def test_an_event_known_by_its_month_shows_its_month_in_its_category(
    client, demo_report, url, october
):
    presentations = "Présentation des services du Consortium"
    if url == ENGLISH_REPORT:
        presentations = content.ENGLISH[presentations]
    page = " ".join(text_of(client.get(url)).split())

    category = page[page.index(presentations) : page.index("</ol>", page.index(presentations))]
    assert re.search(r'<p class="timeline__count"> 19 (événements|events) </p>', category)
    assert len(re.findall(r'<li class="timeline__event">', category)) == 19
    assert (
        f'<time class="timeline__date" datetime="2021-10">{october}</time> '
        '<span class="timeline__title">Le Beam</span>'
    ) in category
    # Between the events of September 13 and November 9, 2021, as the seed lists it.
    assert category.index("Domaine du Parc Savard") < category.index("Le Beam")
    assert category.index("Le Beam") < category.index("Retournzy")


def test_members_data(client, demo_report):
    mandates = BoardMandate.objects.filter(fiscal_year_start=datetime.date(2021, 4, 1))
    assert mandates.count() == 5
    assert mandates.filter(executive_committee=True).count() == 4
    president = mandates.get(person__last_name="Laurin")
    assert president.role.name == "Président"
    assert president.member_category.name == "Membre de soutien"
    assert list(Person.objects.exclude(honorific="").values_list("last_name", flat=True)) == [
        "Caron",
        "Laurin",
    ]
    assert MemberOrganisation.objects.count() == 33
    assert list(BoardMeeting.objects.values_list("date", flat=True)) == [
        datetime.date(2021, 8, 19),
        datetime.date(2021, 10, 27),
        datetime.date(2021, 12, 7),
        datetime.date(2022, 1, 6),
        datetime.date(2022, 3, 29),
    ]
    assert MemberOrganisation.objects.get(name="L’Éveil Charlevoisien").admission_date == (
        datetime.date(2022, 1, 6)
    )
    english = text_of(client.get(ENGLISH_REPORT))
    for text in ["President", "Secretary-Treasurer", "Support member", "Explos-Nature"]:
        assert text in english


def test_output_reports_each_seed_data_problem(demo_report):
    problems = [line for line in demo_report.output.splitlines() if line.startswith("Seed data:")]
    text = "\n".join(problems)

    # The 2020-2021 surplus does not add up.
    assert "548 175 $" in text and "547 975 $" in text
    # The expenses variance is printed rounded down.
    assert "+15 %" in text and "+15.5 %" in text
    # Neither printed count of new members matches the organisations listed.
    assert "gives 35 new member organisations but 33 are listed" in text
    assert "gives 34 new member organisations but 33 are listed" in text
    # An event dated a day that does not exist, kept with its month: the count matches.
    assert (
        "the event “Le Beam – 37 octobre 2021” of “Présentation des services du Consortium” is "
        "dated day “37”, which does not exist: it is kept with its month only (2021-10)."
    ) in text
    assert "left out" not in text
    assert "“Présentation des services du Consortium” is printed" not in text
    # The fiscal year's dates are inferred.
    assert "inferred" in text
    assert "Congres CMC" in text
    # The seed states no objective's status: nothing to contradict the table.
    assert "objective" not in text
    # Counts that agree are not reported.
    assert "“Rencontres de développement” is printed" not in text
    assert "Participation à des événements – AGA et autres” is printed" not in text
    assert "LinkedIn" not in text


def test_the_objectives_show_no_status_the_seed_does_not_state(client, demo_report):
    """The seed prints a check mark before each objective, its bullet elsewhere too: no status
    ("Atteint") is shown, in either language."""
    french = text_of(client.get(FRENCH_REPORT))
    english = text_of(client.get(ENGLISH_REPORT))

    assert "Amélioration de la marge bénéficiaire" in french
    assert "Improvement of the profit margin" in english
    for status in ("Atteint", "En cours", "Non atteint", "Prévu"):
        assert status not in french
    for status in ("Achieved", "In progress", "Not achieved", "Planned"):
        assert status not in english
