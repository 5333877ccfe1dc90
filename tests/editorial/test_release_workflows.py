"""A release is whole whatever the workflow: with a second approval step added in Settings ›
Workflows (/admin/workflows/edit/<id>/), approving the report at the last step publishes the
report, its messages and projects and their English pages together, and only the pages the
approver may publish (report/release.py).

URLs: the approvals, POST /admin/pages/workflow/action/<page id>/approve/<task state id>/;
the pages as visitors read them.
"""

import pytest
from django.contrib.auth.models import Group, Permission
from wagtail.models import GroupApprovalTask, GroupPagePermission, WorkflowState, WorkflowTask

from report.workflow import report_workflow
from tests.editorial.conftest import PASSWORD, logged_in_client
from tests.editorial.helpers import approve
from tests.editorial.release_helpers import (
    english_page,
    fresh,
    pages_of,
    project_form,
    served,
    submit_report,
    translate_release,
)
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def add_step(name, group):
    workflow = report_workflow()
    task = GroupApprovalTask.objects.create(name=name)
    task.groups.set([group])
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=10)
    return task


def approve_every_step(client, page):
    """Approve the page's current step, then the next, as long as `client` may."""
    while (task_state := fresh(page).current_workflow_task_state) is not None:
        approve(client, page, task_state)


def submit_project_alone(editor, project):
    response = editor.post(
        f"/admin/pages/{project.id}/edit/", {**project_form(), "action-submit": "1"}
    )
    assert response.status_code == 302


def submit_with_a_second_step(editor, release, english, name, group):
    """A second approval step, then the project submitted alone, the report submitted and
    everything translated."""
    add_step(name, group)
    submit_project_alone(editor, release["project"])
    submit_report(editor, release["report"])
    translate_release(editor, release, english)


def no_workflow_in_progress(page):
    states = WorkflowState.objects.for_instance(fresh(page))
    return not states.filter(status=WorkflowState.STATUS_IN_PROGRESS).exists()


@pytest.fixture
def council(roles, report_index):
    """A board group that may edit and publish the French reports only (not the English ones)."""
    group = Group.objects.create(name="Conseil")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    for codename in ("change_page", "publish_page"):
        GroupPagePermission.objects.create(
            group=group, page=report_index, permission=Permission.objects.get(codename=codename)
        )
    member = UserFactory(username="claude", password=PASSWORD)
    member.groups.add(group)
    return {"group": group, "client": logged_in_client(member)}


def test_a_two_step_approval_publishes_the_whole_release(
    editor, approver, release, english, roles, client
):
    submit_with_a_second_step(editor, release, english, "Approbation finale", roles["direction"])

    approve_every_step(approver, release["report"])

    pages = pages_of(release, english)
    assert [page.live for page in pages] == [True] * 6
    assert all(served(client, page) for page in pages)
    assert no_workflow_in_progress(release["project"])


def test_the_last_step_publishes_only_what_its_approver_may_publish(
    editor, approver, release, english, council, client
):
    submit_with_a_second_step(editor, release, english, "Approbation du conseil", council["group"])
    approve(approver, release["report"], fresh(release["report"]).current_workflow_task_state)
    assert not fresh(release["report"]).live

    approve_every_step(council["client"], release["report"])

    french = [fresh(release[name]) for name in ("report", "message", "project")]
    assert [page.live for page in french] == [True] * 3
    # The council may not publish the English pages: they wait for someone who may.
    assert not any(english_page(page, english).live for page in french)
    assert no_workflow_in_progress(french[2])
