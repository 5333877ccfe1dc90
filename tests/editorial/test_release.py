"""The report, its messages and projects and their complete English translation go live together,
in the one action of the direction's approval (report/release.py).

The editor submits the report, then translates it: the test client posts StreamFields with new
block ids, which would make every block's strings new to wagtail-localize (a browser keeps them).
"""

import datetime
from unittest import mock

import pytest
from django.utils import translation
from django.utils.translation import gettext, ngettext
from wagtail.models import TaskState, WorkflowState

from report import release as release_module
from tests.editorial.helpers import approve, workflow_action_url
from tests.editorial.release_helpers import (
    ENGLISH_MARK,
    MESSAGE_TITLE,
    MESSAGE_WORD,
    PROJECT_TITLE,
    admin_datetime,
    correct_translation,
    english_page,
    fill_in_translation,
    fresh,
    message_form,
    pages_of,
    project_form,
    publish_scheduled,
    resubmit_report,
    served,
    submit_report,
    tomorrow,
    translate_release,
)
from tests.html import page_html, texts_in_language

pytestmark = pytest.mark.django_db


def submit_page(editor, page, form):
    response = editor.post(f"/admin/pages/{page.id}/edit/", {**form, "action-submit": "1"})
    assert response.status_code == 302
    return fresh(page).current_workflow_task_state


def test_approval_publishes_the_report_its_pages_and_the_english_translation_together(
    editor, approver, release, english, client
):
    report = release["report"]
    task_state = submit_report(editor, report)
    translate_release(editor, release, english)
    assert not any(page.live for page in pages_of(release, english))

    approve(approver, report, task_state)

    pages = pages_of(release, english)
    assert [page.live for page in pages] == [True] * 6
    assert all(served(client, page) for page in pages)
    assert english_page(report, english).title == f"{ENGLISH_MARK} {report.title}"
    # The visitor reads the report with its cards, then each page, in both languages.
    report_html = page_html(client.get(fresh(report).url))
    assert MESSAGE_TITLE in report_html and PROJECT_TITLE in report_html
    assert MESSAGE_WORD in page_html(client.get(fresh(release["message"]).url))
    english_report_html = page_html(client.get(english_page(report, english).url))
    assert f"{ENGLISH_MARK} {PROJECT_TITLE}" in english_report_html
    assert WorkflowState.objects.for_instance(fresh(report)).get().status == "approved"


def test_a_page_submitted_on_its_own_is_approved_with_the_report(
    editor, approver, release, english
):
    project = release["project"]
    project_task = submit_page(editor, project, project_form())
    task_state = submit_report(editor, release["report"])

    approve(approver, release["report"], task_state)

    project_task.refresh_from_db()
    assert project_task.status == TaskState.STATUS_APPROVED
    assert project_task.finished_by is not None
    assert project_task.workflow_state.status == WorkflowState.STATUS_APPROVED
    assert fresh(project).live


def test_a_page_with_changes_requested_is_left_out(editor, approver, release, english, client):
    project = release["project"]
    project_task = submit_page(editor, project, project_form())
    approver.post(workflow_action_url(project, "reject", project_task), {"comment": "Non."})
    task_state = submit_report(editor, release["report"])
    translate_release(editor, release, english)

    approve(approver, release["report"], task_state)

    assert fresh(release["report"]).live and fresh(release["message"]).live
    assert not fresh(project).live
    assert not english_page(project, english).live
    assert PROJECT_TITLE not in page_html(client.get(fresh(release["report"]).url))


def test_an_incomplete_english_page_is_published_with_the_rest_its_strings_in_french(
    editor, approver, release, english, client
):
    task_state = submit_report(editor, release["report"])
    translate_release(editor, release, english, leave_out={"project": 1})

    approve(approver, release["report"], task_state)

    pages = pages_of(release, english)
    assert [page.live for page in pages] == [True] * 6
    english_project = client.get(english_page(release["project"], english).url)
    assert len(texts_in_language(english_project, "fr")) == 1
    english_report = client.get(english_page(release["report"], english).url)
    assert f"{ENGLISH_MARK} {MESSAGE_TITLE}" in page_html(english_report)
    assert texts_in_language(english_report, "fr") == []


def test_an_incomplete_english_report_is_published_with_its_pages(
    editor, approver, release, english, client
):
    task_state = submit_report(editor, release["report"])
    translate_release(editor, release, english, leave_out={"report": 1})

    approve(approver, release["report"], task_state)

    assert all(page.live for page in pages_of(release, english))
    assert served(client, english_page(release["message"], english))
    assert texts_in_language(client.get(english_page(release["report"], english).url), "fr")


def test_a_translation_completed_after_the_release_goes_live_with_the_next_approval(
    editor, approver, release, english, client
):
    task_state = submit_report(editor, release["report"])
    translate_release(editor, release, english, leave_out={"report": 1})
    approve(approver, release["report"], task_state)
    english_report = english_page(release["report"], english)
    assert english_report.live
    assert len(texts_in_language(client.get(english_report.url), "fr")) == 1

    fill_in_translation(editor, release["report"], english)
    approve(approver, release["report"], resubmit_report(editor, release["report"]))

    for name in ("report", "message", "project"):
        assert english_page(release[name], english).live
    english_report = english_page(release["report"], english)
    assert english_report.title == f"{ENGLISH_MARK} {release['report'].title}"
    assert texts_in_language(client.get(english_report.url), "fr") == []


def test_the_edit_view_shows_the_approver_what_the_approval_publishes(
    editor, approver, release, english
):
    submit_report(editor, release["report"])
    translate_release(editor, release, english, leave_out={"project": 1})

    html = page_html(approver.get(f"/admin/pages/{release['report'].id}/edit/"))

    with translation.override("fr"):  # The language of the approver's admin.
        heading = gettext("Publication of the report")
        never_published = gettext("Draft, never published")
        complete = str(release_module.TRANSLATION_LABELS[release_module.COMPLETE])
        incomplete = str(release_module.TRANSLATION_LABELS[release_module.INCOMPLETE])
        to_translate = ngettext(
            "(%(counter)s string to translate)", "(%(counter)s strings to translate)", 1
        ) % {"counter": 1}
        in_french = ngettext(
            "%(counter)s string will show in French until it is translated:",
            "%(counter)s strings will show in French until they are translated:",
            1,
        ) % {"counter": 1}
    assert heading in html
    assert MESSAGE_TITLE in html and PROJECT_TITLE in html
    assert html.count(never_published) == 2
    assert html.count(complete) == 2
    assert f"{incomplete} {to_translate}" in html
    assert in_french in html


def test_approval_with_a_go_live_date_schedules_everything_for_that_time(
    editor, approver, release, english, client
):
    go_live_at = tomorrow()
    report = release["report"]
    task_state = submit_report(editor, report, go_live_at=admin_datetime(go_live_at))
    translate_release(editor, release, english)

    approve(approver, report, task_state)

    pages = pages_of(release, english)
    assert not any(page.live for page in pages)
    assert [page.scheduled_revision.approved_go_live_at for page in pages] == [go_live_at] * 6
    assert not any(served(client, page) for page in pages)

    publish_scheduled()
    assert not any(fresh(page).live for page in pages)

    publish_scheduled(at=go_live_at + datetime.timedelta(minutes=5))
    pages = [fresh(page) for page in pages]
    assert all(page.live for page in pages)
    assert all(served(client, page) for page in pages)


def test_a_scheduled_correction_of_the_english_text_waits_for_its_date(
    editor, approver, release, english, client
):
    report = release["report"]
    task_state = submit_report(editor, report)
    translate_release(editor, release, english)
    approve(approver, report, task_state)
    english_report = english_page(report, english)
    assert english_report.theme == f"{ENGLISH_MARK} Ensemble plus loin"

    correct_translation(editor, report, english, "Ensemble plus loin", "Further together")
    go_live_at = tomorrow()
    approve(
        approver,
        report,
        resubmit_report(editor, report, go_live_at=admin_datetime(go_live_at)),
    )

    # Scheduled: visitors keep reading the published English text until the date.
    assert fresh(english_report).scheduled_revision.approved_go_live_at == go_live_at
    assert fresh(english_report).theme == f"{ENGLISH_MARK} Ensemble plus loin"
    assert "Further together" not in page_html(client.get(english_report.url))

    publish_scheduled(at=go_live_at + datetime.timedelta(minutes=5))

    assert fresh(english_report).theme == "Further together"
    assert "Further together" in page_html(client.get(english_report.url))


def test_a_failure_publishes_nothing(editor, approver, release, english):
    report = release["report"]
    task_state = submit_report(editor, report)
    translate_release(editor, release, english)

    failing = mock.patch("report.release.publish_translation", side_effect=RuntimeError("boom"))
    with failing, pytest.raises(RuntimeError):
        approver.post(workflow_action_url(report, "approve", task_state), {"comment": ""})

    assert not any(page.live for page in pages_of(release, english))
    task_state.refresh_from_db()
    assert task_state.status == TaskState.STATUS_IN_PROGRESS


def test_a_page_approved_before_its_report_waits_for_it(editor, approver, release, client):
    message = release["message"]
    message_task = submit_page(editor, message, message_form(fresh(message).author))

    approve(approver, message, message_task)

    # Approved, but not published: its report is still a draft.
    assert not fresh(message).live
    assert fresh(message).current_workflow_state is None

    approve(approver, release["report"], submit_report(editor, release["report"]))

    assert fresh(message).live
    assert MESSAGE_WORD in page_html(client.get(fresh(message).url))


def test_the_administrator_cannot_publish_a_page_before_its_report(superuser_client, release):
    message = release["message"]

    response = superuser_client.post(
        f"/admin/pages/{message.id}/edit/",
        message_form(fresh(message).author, **{"action-publish": "action-publish"}),
    )

    assert response.status_code == 302
    assert not fresh(message).live
    assert fresh(message).has_unpublished_changes
