"""Changes an approver requested, shown where the editor works and confirmed to the approver.

Wagtail keeps the approver's comment in the task state and shows it only in the status side
panel's details dialog. `RequestedChangesPanel` (first panel of every page's editor, see
`home.models.BasePage.content_panels`) shows who asked, when (in the admin's language) and what,
until the page is submitted again; `confirm_to_approver` (on Wagtail's documented
`task_rejected` signal) tells the approver what happens next.
"""

from django.contrib import messages
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.panels import Panel
from wagtail.admin.utils import get_user_display_name
from wagtail.models import WorkflowState
from wagtail.signals import task_rejected

from cms.admin_dates import date_at_time
from cms.publishing import acting_request


def requested_changes(page):
    """The task state whose approver asked for changes on `page`, while the page waits for them;
    else None."""
    if not page.pk:
        return None
    workflow_state = page.current_workflow_state
    if workflow_state is None or workflow_state.status != WorkflowState.STATUS_NEEDS_CHANGES:
        return None
    return workflow_state.current_task_state


class RequestedChangesPanel(Panel):
    """A banner at the top of the editor: changes requested, by whom, when, and the comment."""

    def __init__(self, **kwargs):
        kwargs.setdefault("heading", gettext_lazy("Changes requested"))
        super().__init__(**kwargs)

    class BoundPanel(Panel.BoundPanel):
        template_name = "cms/admin/requested_changes_panel.html"

        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            self.task_state = requested_changes(self.instance)

        def is_shown(self):
            return self.task_state is not None and super().is_shown()

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context.update(
                approver=get_user_display_name(self.task_state.finished_by),
                requested_at=date_at_time(self.task_state.finished_at),
                comment=self.task_state.get_comment(),
            )
            return context


def confirm_to_approver(sender, instance, user=None, **kwargs):
    """The approver who requested changes reads what happens next (on the page Wagtail shows
    after the action)."""
    request = acting_request()
    if request is None or user is None:
        return
    page = instance.workflow_state.content_object
    editor = instance.workflow_state.requested_by
    messages.success(
        request,
        _(
            "Changes requested on “%(title)s”: %(editor)s sees your comment at the top of the "
            "page's editor, and the page comes back to you once submitted again."
        )
        % {
            "title": page.get_admin_display_title(),
            "editor": get_user_display_name(editor) if editor else _("the editor"),
        },
    )


def connect():
    task_rejected.connect(confirm_to_approver, dispatch_uid="confirm_requested_changes")
