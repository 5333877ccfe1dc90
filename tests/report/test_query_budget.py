"""The report's pages render with a fixed number of SQL queries that does not grow with their
content: blocks, people, member organisations, child pages, images and their renditions."""

import datetime

import pytest
import wagtail_factories

from members.models import BoardMandate, BoardMeeting, MemberOrganisation, Person
from report.models import MessagePage, ProjectPage, ReportIndexPage, ReportYearPage
from tests.query_budget import (
    add_demo_images,
    add_image_blocks,
    copy_live_children,
    double_the_body,
    queries_to_render,
)

pytestmark = pytest.mark.django_db

# Queries of a request by an anonymous visitor with every cache empty (pages, renditions, the
# site's root paths), with the demonstration content and images, or with twice as much. Of these,
# Wagtail takes 9 to 11 to find the page and check its privacy, and each image 2 (the image and
# its renditions): the site's logo, the page's cover or portrait, the body's image blocks. The
# report reads its translations' section anchors (one query: the language switcher keeps the
# reader's section). The index shows each report's cover: two queries for all the covers (the
# images and their renditions, prefetched), however many reports it lists.
BUDGETS = {
    "report index": 16,
    "report": 24,
    "message": 20,
    "project": 17,
}
# The 2021-2022 report as `load_demo_report` makes it (no image), its site's root paths cached.
DEMO_REPORT_BUDGET = 15


@pytest.fixture
def demo_report(demo_content, db):
    """The demonstration report (French), with a cover, portraits and images in every body."""
    add_demo_images()
    for report in ReportYearPage.objects.all():
        report.cover_image = wagtail_factories.ImageFactory(title="Couverture")
        add_image_blocks(report)
    for message in MessagePage.objects.all():
        message.portrait = wagtail_factories.ImageFactory(title=message.title)
        add_image_blocks(message)
    for project in ProjectPage.objects.all():
        add_image_blocks(project)
    return ReportYearPage.objects.get(locale__language_code="fr")


def french_urls(report):
    return {
        "report index": report.get_parent().url,
        "report": report.url,
        "message": MessagePage.objects.child_of(report).live().first().url,
        "project": ProjectPage.objects.child_of(report).live().first().url,
    }


def queries_per_page_type(client, urls):
    return {page_type: queries_to_render(client, url)[0] for page_type, url in urls.items()}


def double_the_members(report):
    """Twice the board mandates and the member organisations admitted during the year."""
    start = report.fiscal_year_start
    for number, mandate in enumerate(BoardMandate.objects.filter(fiscal_year_start=start)):
        person = Person.objects.create(
            first_name=f"Autre{number}",
            last_name=mandate.person.last_name,
            photo=wagtail_factories.ImageFactory(),
        )
        BoardMandate.objects.create(
            person=person,
            role=mandate.role,
            executive_committee=mandate.executive_committee,
            fiscal_year_start=start,
        )
    meetings = list(BoardMeeting.objects.filter(date__range=(start, report.fiscal_year_end)))
    for number, member in enumerate(MemberOrganisation.objects.all()):
        MemberOrganisation.objects.create(
            name=f"{member.name} (bis)",
            admitted_at=meetings[number % len(meetings)],
            category=member.category,
        )


def add_last_years_report(report):
    """A published report of the year before, under the same index: twice the reports."""
    report.copy(
        update_attrs={
            "slug": "2020-2021",
            "title": "Rapport annuel 2020-2021",
            "fiscal_year_start": datetime.date(2020, 4, 1),
            "fiscal_year_end": datetime.date(2021, 3, 31),
        },
        keep_live=True,
    )
    assert ReportYearPage.objects.child_of(report.get_parent()).live().count() == 2


def double_the_content(report):
    """Every block of the report and of its pages twice, twice the people, members, child
    pages and reports (each new image block with its own image)."""
    double_the_body(report)
    for page in [*MessagePage.objects.all(), *ProjectPage.objects.all()]:
        double_the_body(page)
    double_the_members(report)
    copy_live_children(report)
    add_last_years_report(report)


def test_report_pages_queries_stay_within_budget_and_do_not_grow(client, demo_report):
    urls = french_urls(demo_report)
    with_demo_content = queries_per_page_type(client, urls)

    double_the_content(demo_report)
    assert MessagePage.objects.child_of(demo_report).count() == 4
    assert ProjectPage.objects.child_of(demo_report).count() == 4
    html = client.get(demo_report.url).content.decode()
    assert html.count('class="report-section"') >= 2 * 8
    assert html.count("<picture>") >= 2 * 2 + 1  # the cover and the body's images
    with_twice_the_content = queries_per_page_type(client, urls)

    assert with_demo_content == BUDGETS
    assert with_twice_the_content == BUDGETS


def test_demo_report_as_loaded_stays_under_25_queries(
    client, demo_content, db, django_assert_num_queries
):
    report = ReportYearPage.objects.get(locale__language_code="fr")
    client.get(report.url)

    with django_assert_num_queries(DEMO_REPORT_BUDGET):
        assert client.get(report.url).status_code == 200


def test_report_page_in_english_reads_the_board_in_english(client, demo_report):
    """Four more queries than in French: Wagtail finds the English home page from the site's
    (French) root page, the board's roles and categories are read in English, and the strings
    not translated yet are looked up (to mark them as French, cms/fallback_language.py)."""
    english = ReportYearPage.objects.get(locale__language_code="en")

    queries, html = queries_to_render(client, english.url)

    assert '<html lang="en-CA">' in html
    assert queries == BUDGETS["report"] + 4


def test_report_index_lists_every_report(client, demo_report):
    add_last_years_report(demo_report)

    queries, html = queries_to_render(client, demo_report.get_parent().url)

    assert "2020-2021" in html and "2021-2022" in html
    assert queries == BUDGETS["report index"]
    assert ReportIndexPage.objects.count() == 2


def test_fiscal_year_of_demo_report(demo_report):
    assert demo_report.fiscal_year_start == datetime.date(2021, 4, 1)
