from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from home.models import ContactSubmission


class ReadOnlyPermissionPolicy(ModelPermissionPolicy):
    """Messages are what visitors wrote: editors read and delete them, never rewrite them."""

    def user_has_permission(self, user, action):
        if action in {"add", "change"}:
            return False
        return super().user_has_permission(user, action)


class ContactSubmissionViewSet(ModelViewSet):
    model = ContactSubmission
    icon = "mail"
    menu_label = _("Contact messages")
    menu_order = 250
    add_to_admin_menu = True
    inspect_view_enabled = True
    list_display = ["subject", "name", "email", "submitted_at", "page"]
    list_filter = ["submitted_at", "language"]
    search_fields = ["name", "email", "subject", "message"]
    form_fields = ["name", "email", "phone", "subject", "message"]
    copy_view_enabled = False


register_permission_policy(ContactSubmission, ReadOnlyPermissionPolicy(ContactSubmission))
contact_submission_viewset = ContactSubmissionViewSet("contact_messages")


@hooks.register("register_admin_viewset")
def register_contact_submission_viewset():
    return contact_submission_viewset
