"""Every annual reports index goes through the approval workflow, including those created later;
an approved report is published with its pages (`finish_workflow`).

The workflow and the groups are created by the migration `0002_editorial_roles_and_workflow`;
an administrator may rename the workflow in Settings › Workflows: a new index then gets the
workflow of the existing indexes, or the one with the original name.

Wagtail imports this module while it defines its models (the setting
`WAGTAIL_FINISH_WORKFLOW_ACTION` names `finish_workflow`): models are imported in the functions.
"""

from django.db.models.signals import post_save

REPORT_WORKFLOW_NAME = "Approbation du rapport annuel"


def report_workflow():
    """The workflow of the existing report indexes, else the one the migration created."""
    from wagtail.models import Workflow, WorkflowPage

    from report.models import ReportIndexPage

    assigned = (
        WorkflowPage.objects.filter(
            page__content_type__app_label=ReportIndexPage._meta.app_label,
            page__content_type__model=ReportIndexPage._meta.model_name,
            workflow__active=True,
        )
        .select_related("workflow")
        .first()
    )
    if assigned is not None:
        return assigned.workflow
    return Workflow.objects.filter(name=REPORT_WORKFLOW_NAME, active=True).first()


def assign_report_workflow(sender, instance, created, raw=False, **kwargs):
    """Put a new report index (and so every report under it) through the approval workflow."""
    from wagtail.models import WorkflowPage

    if not created or raw or WorkflowPage.objects.filter(page=instance).exists():
        return
    workflow = report_workflow()
    if workflow is not None:
        WorkflowPage.objects.create(page=instance, workflow=workflow)


def finish_workflow(workflow_state, user=None):
    """What Wagtail does when a workflow is approved (setting `WAGTAIL_FINISH_WORKFLOW_ACTION`):
    publish the page, and a report with its messages, projects and complete translations."""
    from report import release

    release.finish_workflow(workflow_state, user=user)


def connect():
    from report.models import ReportIndexPage

    post_save.connect(
        assign_report_workflow, sender=ReportIndexPage, dispatch_uid="report_index_workflow"
    )
