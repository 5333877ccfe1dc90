"""A report page's SQL queries do not grow with its content."""

import datetime

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from members.models import BoardMandate, BoardMeeting, MemberOrganisation, Person
from report.models import MessagePage, ProjectPage, ReportYearPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_report(db):
    call_command("load_demo_site", stdout=None)
    call_command("load_demo_report", stdout=None)
    return ReportYearPage.objects.get(locale__language_code="fr")


def queries_to_render(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def double_the_content(report):
    """Every block twice (other anchors), twice the people, members and child pages."""
    body = list(report.body.raw_data)
    copies = []
    for block in body:
        copy = {"type": block["type"], "value": block["value"]}
        if block["type"] == "section":
            copy["value"] = dict(block["value"], anchor=block["value"]["anchor"] + "-bis")
        copies.append(copy)
    report.body = body + copies
    report.save_revision().publish()

    start = report.fiscal_year_start
    for number, mandate in enumerate(BoardMandate.objects.filter(fiscal_year_start=start)):
        person = Person.objects.create(
            first_name=f"Autre{number}", last_name=mandate.person.last_name
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
    for page in list(report.get_children().live().specific()):
        page.copy(
            update_attrs={"slug": page.slug + "-bis", "title": page.title + " (bis)"},
            keep_live=True,
        )


def test_report_page_queries_do_not_grow_with_its_content(client, demo_report):
    client.get(demo_report.url)  # Warm the caches that any first request fills.
    before = queries_to_render(client, demo_report.url)

    double_the_content(demo_report)
    assert MessagePage.objects.child_of(demo_report).count() == 4
    assert ProjectPage.objects.child_of(demo_report).count() == 4
    html = client.get(demo_report.url).content.decode()
    assert html.count('class="report-section"') >= 2 * 8

    after = queries_to_render(client, demo_report.url)

    assert after == before, f"{before} queries with the demo report, {after} with twice its content"


def test_report_page_query_count_stays_small(client, demo_report):
    client.get(demo_report.url)

    assert queries_to_render(client, demo_report.url) <= 40


def test_fiscal_year_of_demo_report(demo_report):
    assert demo_report.fiscal_year_start == datetime.date(2021, 4, 1)
