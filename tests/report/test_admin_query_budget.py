"""The report's editor reads a fixed number of SQL queries, whatever the size of the report and
the number of pages under it (docs/performance.md, "The admin on a whole report").

The release panel (report/release.py) lists every page the approval publishes with its state
and translations: it reads them together, through Wagtail's listing optimisations (latest
revisions, workflow states, schedules) and one query each for the translations, their
synchronisation and their untranslated strings.
"""

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale, Page
from wagtail_localize.models import TranslationSource

from editorial.translation_status import missing_translation_counts, string_segments
from report import release
from report.models import MessagePage, ProjectPage, ReportYearPage
from tests.editorial.helpers import workflow_action_url
from tests.query_budget import copy_live_children, double_the_body

pytestmark = pytest.mark.django_db

# Queries of the Direction's edit view of the demonstration report submitted for approval, most
# of them Wagtail's own (session, permissions, workflow, comments, editing sessions, the action
# menu). The release panel read 40 with the demonstration report, and 4 or more per page under
# it, before it read its pages together (17 now, however many).
EDIT_VIEW_BUDGET = 115


@pytest.fixture
def demo_report(demo_content, db):
    return ReportYearPage.objects.get(locale__language_code="fr", slug="2021-2022")


def user(username):
    return get_user_model().objects.get(username=username)


def submitted(report):
    """The report with a draft, submitted for approval by the communications team."""
    communications = user("communications")
    report.save_revision(user=communications)
    report.get_workflow().start(report, communications)
    return report


def edit_view_queries(client, report):
    client.get(f"/admin/pages/{report.pk}/edit/")  # Sessions, caches and content types warm.
    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"/admin/pages/{report.pk}/edit/")
    assert response.status_code == 200
    assert "report-release" in response.content.decode()
    return len(queries)


def test_the_report_editor_stays_within_budget_and_does_not_grow(client, demo_report):
    client.force_login(user("direction"))
    report = submitted(demo_report)
    as_loaded = edit_view_queries(client, report)

    double_the_body(report)
    copy_live_children(report)
    report = submitted(ReportYearPage.objects.get(pk=report.pk))
    assert MessagePage.objects.child_of(report).count() == 4
    assert ProjectPage.objects.child_of(report).count() == 4
    with_twice_the_content = edit_view_queries(client, report)

    assert as_loaded <= EDIT_VIEW_BUDGET
    assert with_twice_the_content == as_loaded


def test_the_release_panel_reads_its_pages_in_a_fixed_number_of_queries(demo_report):
    report = submitted(demo_report)
    with CaptureQueriesContext(connection) as queries:
        release.release_contents(report)
    as_loaded = len(queries)

    copy_live_children(report)
    with CaptureQueriesContext(connection) as queries:
        items = release.release_contents(report)

    assert len(items) == 1 + 8
    assert len(queries) == as_loaded


def test_the_release_panel_shows_each_page_as_when_read_alone(demo_report):
    """The panel's states and translations, read together, are those of each page read alone."""
    report = submitted(demo_report)
    message = MessagePage.objects.child_of(report).first()
    draft = message.get_latest_revision_as_object()
    draft.headline = "Une année d’audace, encore"  # One string the English page lacks.
    draft.save_revision()
    copy_live_children(report)  # Pages of their own: no synchronised translation.

    items = release.release_contents(report)

    pages = [Page.objects.get(pk=report.pk).specific, *release.child_pages(report)]
    assert [item.page.pk for item in items] == [page.pk for page in pages]
    read_alone = []
    for page in pages:
        draft = page.get_latest_revision_as_object()
        read_alone.append(
            (
                release.page_state(page),
                release.release_action(page),
                [translation_read_alone(draft, locale) for locale in release.other_locales(page)],
            )
        )
    read_together = [
        (item.state, item.action, [(state.kind, state.missing) for state in item.translations])
        for item in items
    ]
    assert read_together == read_alone
    assert (release.INCOMPLETE, 1) in read_together[1][2] + read_together[2][2]


def translation_read_alone(draft, locale):
    """(kind, strings to translate) of one translation, as the panel read each one alone."""
    target = draft.get_translation_or_none(locale)
    if target is None:
        return release.MISSING, 0
    if target.alias_of_id:
        return release.ALIAS, 0
    if release.synchronised_translation(draft, locale) is None:
        return release.MANUAL, 0
    key = draft.translation_key
    counts = missing_translation_counts({key: string_segments(draft)}, draft.locale_id, [locale])
    missing = counts[key][locale.pk]
    return (release.INCOMPLETE if missing else release.COMPLETE), missing


@pytest.mark.parametrize("has_draft", [True, False])
def test_the_latest_draft_is_wagtails_latest_revision_as_object(demo_report, has_draft):
    """release.latest_draft reads the revision Wagtail would, without reading the page again:
    if Wagtail changes what `get_latest_revision_as_object` gives, this fails."""
    if has_draft:
        draft = demo_report.get_latest_revision_as_object()
        draft.theme = "Un autre thème"
        draft.save_revision()
    page = release.release_pages(demo_report)[0]
    wagtails = Page.objects.get(pk=demo_report.pk).specific.get_latest_revision_as_object()

    ours = release.latest_draft(page)

    assert type(ours) is type(wagtails)
    assert ours.theme == wagtails.theme == ("Un autre thème" if has_draft else demo_report.theme)
    assert list(ours.body.raw_data) == list(wagtails.body.raw_data)
    assert (ours.pk, ours.title, ours.live, ours.has_unpublished_changes) == (
        wagtails.pk,
        wagtails.title,
        wagtails.live,
        wagtails.has_unpublished_changes,
    )


def translation_sources_updated_at(pages):
    return {
        page.title: TranslationSource.objects.get(
            object_id=page.translation_key, locale_id=page.locale_id
        ).last_updated_at
        for page in pages
    }


def test_approving_the_report_extracts_again_only_the_pages_that_changed(client, demo_report):
    """The release compares each page with its translation's source and extracts the strings of
    those that changed (wagtail-localize's `refresh_segments`, four queries a string): the
    demonstration's sources are its pages as published, so an approval of the report alone
    extracts the report's strings, not those of its unchanged messages and projects."""
    draft = demo_report.get_latest_revision_as_object()
    draft.title = "Rapport annuel 2021-2022 (révisé)"
    draft.save_revision(user=user("communications"))
    report = submitted(ReportYearPage.objects.get(pk=demo_report.pk))
    children = release.child_pages(report)
    before = translation_sources_updated_at([report, *children])
    client.force_login(user("direction"))

    task_state = report.current_workflow_task_state
    response = client.post(workflow_action_url(report, "approve", task_state))

    assert response.status_code == 302
    after = translation_sources_updated_at([report, *children])
    assert after[report.title] > before[report.title]
    assert {title: after[title] for title in after if title != report.title} == {
        title: before[title] for title in before if title != report.title
    }
    english = report.get_translation(Locale.objects.get(language_code="en"))
    assert english.live and not english.has_unpublished_changes
