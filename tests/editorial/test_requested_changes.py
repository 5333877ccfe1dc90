"""Changes the Direction requests are read where the editor works, with the right name.

The URLs that reach a request for changes and its comment:
- POST /admin/pages/workflow/action/<page_id>/reject/<task_state_id>/ (the approver's
  "Request changes", from the dashboard, the page listing or the editor's action menu);
- GET /admin/pages/<page_id>/edit/ (the banner, and the status side panel's dialog);
- GET /admin/pages/<page_id>/workflow_history/ and …/detail/<workflow_state_id>/ (the history);
- GET /admin/ (the dashboard's "Your pages in a workflow").
"""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from tests.editorial.helpers import create_draft, report_form, submit, workflow_action_url
from tests.html import page_html

pytestmark = pytest.mark.django_db

COMMENT = "Le tableau des heures de services doit être vérifié."


@pytest.fixture
def named_users(communications_user, direction_user):
    communications_user.first_name, communications_user.last_name = "Camille", "Communications"
    communications_user.save()
    direction_user.first_name, direction_user.last_name = "Dominique", "Direction"
    direction_user.save()


@pytest.fixture
def draft(editor, report_index, named_users):
    return create_draft(editor, report_index)


def request_changes(approver, page, task_state, comment=COMMENT):
    return approver.post(
        workflow_action_url(page, "reject", task_state),
        {"comment": comment},
        headers={"x-requested-with": "XMLHttpRequest"},
    )


def banner(html):
    match = re.search(
        r'<div class="help-block help-warning requested-changes".*?</div>', html, re.S
    )
    return match.group(0) if match else None


def text_of(html):
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def test_the_editor_sees_who_asked_when_and_what_at_the_top_of_the_editor(editor, approver, draft):
    task_state = submit(editor, draft)
    request_changes(approver, draft, task_state)

    html = page_html(editor.get(f"/admin/pages/{draft.id}/edit/"))

    shown = banner(html)
    assert shown is not None
    text = text_of(shown)
    assert "Dominique Direction a demandé des modifications le" in text
    assert COMMENT in text
    # The time as Québec French writes it: "7 décembre 2026 à 15 h 03".
    task_state.refresh_from_db()
    finished_at = timezone.localtime(task_state.finished_at)
    assert f"{finished_at.year} à {finished_at:%H} h {finished_at:%M}" in text
    # Before every field: the first thing the editor reads in the content tab.
    assert html.index("requested-changes") < html.index('name="title"')


def test_the_banner_goes_once_the_page_is_submitted_again(editor, approver, draft):
    request_changes(approver, draft, submit(editor, draft))

    submit(editor, draft, theme="Ensemble, plus loin")

    assert banner(page_html(editor.get(f"/admin/pages/{draft.id}/edit/"))) is None


def test_a_draft_saved_meanwhile_keeps_the_banner(editor, approver, draft):
    request_changes(approver, draft, submit(editor, draft))

    response = editor.post(
        f"/admin/pages/{draft.id}/edit/",
        report_form(slug=draft.slug, theme="Ensemble, plus loin"),
    )

    assert response.status_code == 302
    assert banner(page_html(editor.get(f"/admin/pages/{draft.id}/edit/"))) is not None


def test_no_banner_when_nobody_asked_for_changes(editor, draft):
    assert banner(page_html(editor.get(f"/admin/pages/{draft.id}/edit/"))) is None
    submit(editor, draft)
    assert banner(page_html(editor.get(f"/admin/pages/{draft.id}/edit/"))) is None


def test_a_request_without_comment_says_so(editor, approver, draft):
    request_changes(approver, draft, submit(editor, draft), comment="")

    text = text_of(banner(page_html(editor.get(f"/admin/pages/{draft.id}/edit/"))))

    assert "Aucun commentaire" in text


def test_the_direction_reads_a_confirmation_naming_the_editor(editor, approver, draft):
    response = request_changes(approver, draft, submit(editor, draft))

    redirect = response.json()["redirect"]
    confirmation = text_of(page_html(approver.get(redirect)))

    assert "Modifications demandées pour « Rapport annuel 2022-2023 »" in confirmation
    assert "Camille Communications verra votre commentaire" in confirmation


def test_the_status_dialog_names_the_approver_in_french(editor, approver, draft):
    """Wagtail's dialog named the submitter beside "Changes requested", and its time was in
    English ("13 seconds ago"). Our template extends Wagtail's status panel template: if an
    upgrade renames it or its blocks, this test fails."""
    task_state = submit(editor, draft)
    request_changes(approver, draft, task_state)
    task_state.refresh_from_db()
    task_state.finished_at -= timedelta(seconds=13)
    task_state.save(update_fields=["finished_at"])

    html = page_html(editor.get(f"/admin/pages/{draft.id}/edit/"))

    heading = re.search(r"Modifications demandées[^<]*", html).group(0)
    assert "par Dominique Direction" in heading
    assert "Camille" not in heading
    assert "il y a 13 secondes" in heading
