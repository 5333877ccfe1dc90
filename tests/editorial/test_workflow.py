"""A report goes from the editor's draft to the visitors only through the direction's approval.

Every step is what the admin's browser posts: the page form (with its StreamField blocks),
the preview, "Submit to …" and the approver's workflow actions.
"""

import pytest
from wagtail.models import TaskState, WorkflowState

from report.models import ReportYearPage
from tests.editorial.helpers import (
    EVERYWHERE,
    NOWHERE,
    REPORT_TITLE,
    SECRET_WORD,
    create_draft,
    english_alias,
    report_form,
    sitemap,
    submit,
    where_listed,
    workflow_action_url,
)
from tests.html import page_html

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(editor, report_index):
    return create_draft(editor, report_index)


def test_editor_composes_a_draft_report_from_blocks(draft):
    assert not draft.live
    assert draft.title == REPORT_TITLE
    assert [child.block_type for child in draft.body] == [
        "section",
        "text",
        "key_figures",
        "quote",
    ]


def test_editor_previews_the_draft_as_visitors_will_see_it(editor, draft):
    preview_url = f"/admin/pages/{draft.id}/edit/preview/"

    state = editor.post(preview_url, report_form(slug=draft.slug))
    response = editor.get(preview_url)

    assert state.json() == {"is_valid": True, "is_available": True}
    assert response.status_code == 200
    html = page_html(response)
    assert REPORT_TITLE in html
    assert "Faits saillants" in html
    assert f"Une année marquée par l’{SECRET_WORD} du Consortium." in html
    assert "Heures de services" in html


def test_a_draft_is_nowhere_for_visitors_in_either_language(client, draft, report_index, english):
    assert where_listed(client, draft, report_index.url) == NOWHERE
    # wagtail-localize gave the new page an English alias: a draft as well.
    alias = english_alias(draft, english)
    assert alias is not None and not alias.live
    english_index = report_index.get_translation(english)
    assert where_listed(client, alias, english_index.url, "en") == NOWHERE


def test_editor_cannot_publish(editor, communications_user, draft, client, report_index):
    assert not draft.permissions_for_user(communications_user).can_publish()
    assert 'name="action-publish"' not in page_html(editor.get(f"/admin/pages/{draft.id}/edit/"))

    response = editor.post(
        f"/admin/pages/{draft.id}/edit/",
        report_form(slug=draft.slug, **{"action-publish": "action-publish"}),
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert not draft.live
    assert draft.has_unpublished_changes
    assert where_listed(client, draft, report_index.url) == NOWHERE


def test_publishing_on_creation_makes_only_a_draft(editor, report_index, client):
    page = create_draft(editor, report_index, **{"action-publish": "action-publish"})

    assert not page.live
    assert where_listed(client, page, report_index.url) == NOWHERE


def test_editor_cannot_approve_their_own_submission(editor, draft):
    task_state = submit(editor, draft)

    response = editor.post(workflow_action_url(draft, "approve", task_state), {"comment": ""})

    # Wagtail's admin answers a refused action with a redirect to the dashboard.
    assert (response.status_code, response.get("Location")) in {(403, None), (302, "/admin/")}
    draft.refresh_from_db()
    assert not draft.live
    task_state.refresh_from_db()
    assert task_state.status == TaskState.STATUS_IN_PROGRESS


def test_submitted_report_waits_for_the_approver(editor, approver, draft, client, report_index):
    task_state = submit(editor, draft)

    assert task_state.status == TaskState.STATUS_IN_PROGRESS
    assert task_state.task.name == "Approbation par la direction"
    assert draft.current_workflow_state.workflow.name == "Approbation du rapport annuel"
    assert where_listed(client, draft, report_index.url) == NOWHERE
    # The approver's dashboard lists it, and the editor may no longer change it meanwhile.
    assert REPORT_TITLE in page_html(approver.get("/admin/"))
    draft.refresh_from_db()
    assert draft.get_lock() is not None


def test_approved_report_is_published_everywhere(
    editor, approver, direction_user, draft, client, report_index, english
):
    task_state = submit(editor, draft)

    response = approver.post(workflow_action_url(draft, "approve", task_state), {"comment": ""})

    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.live
    assert draft.current_workflow_state is None
    state = WorkflowState.objects.for_instance(draft).get()
    assert state.status == WorkflowState.STATUS_APPROVED
    assert draft.live_revision.approved_go_live_at is None
    assert where_listed(client, draft, report_index.url) == EVERYWHERE
    assert f"Une année marquée par l’{SECRET_WORD} du Consortium." in page_html(
        client.get(draft.url)
    )
    # Its English alias follows the French page until it is translated.
    alias = english_alias(draft, english)
    alias.refresh_from_db()
    assert alias.live
    assert alias.full_url in sitemap(client)


def test_rejected_report_stays_unpublished_with_the_comment_for_the_editor(
    editor, approver, draft, client, report_index
):
    comment = "Le tableau des heures de services doit être vérifié."
    task_state = submit(editor, draft)

    response = approver.post(workflow_action_url(draft, "reject", task_state), {"comment": comment})

    assert response.status_code == 302
    draft.refresh_from_db()
    assert not draft.live
    task_state.refresh_from_db()
    assert task_state.status == TaskState.STATUS_REJECTED
    assert task_state.comment == comment
    workflow_state = task_state.workflow_state
    assert workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES
    assert where_listed(client, draft, report_index.url) == NOWHERE
    # The editor reads the comment in the page's workflow history, and may correct the draft.
    history = editor.get(f"/admin/pages/{draft.id}/workflow_history/detail/{workflow_state.id}/")
    assert history.status_code == 200
    assert comment in page_html(history)
    edit = editor.get(f"/admin/pages/{draft.id}/edit/")
    assert edit.status_code == 200
    assert comment in page_html(edit)


def test_corrected_report_is_resubmitted_then_approved(
    editor, approver, draft, client, report_index
):
    rejected = submit(editor, draft)
    approver.post(workflow_action_url(draft, "reject", rejected), {"comment": "À corriger."})

    # "Resubmit to Approbation par la direction": the same button as the first submission.
    task_state = submit(editor, draft, theme="Ensemble, plus loin")

    assert task_state.pk != rejected.pk
    assert task_state.status == TaskState.STATUS_IN_PROGRESS
    assert where_listed(client, draft, report_index.url) == NOWHERE

    approver.post(workflow_action_url(draft, "approve", task_state), {"comment": "Merci."})

    draft.refresh_from_db()
    assert draft.live
    assert draft.theme == "Ensemble, plus loin"
    assert where_listed(client, draft, report_index.url) == EVERYWHERE


def test_approver_cannot_publish_a_report_without_approval(approver, report_index, client):
    """Direction may publish pages, but a report only through the workflow (test_no_bypass)."""
    response = approver.post(
        f"/admin/pages/add/report/reportyearpage/{report_index.id}/",
        report_form(**{"action-publish": "action-publish"}),
    )

    assert response.status_code == 403
    assert not ReportYearPage.objects.filter(slug="2022-2023").exists()
