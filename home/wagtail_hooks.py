from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.models import Site
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permission_policies.sites import SitePermissionPolicy
from wagtail.permissions import register_permission_policy

from home.models import ContactSubmission, SiteSettings


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


class SiteSettingsPermissionPolicy(SitePermissionPolicy):
    """Wagtail's policy for site settings, listing the sites a user may edit in a query that
    PostgreSQL accepts.

    Wagtail 8.0.1 lists them with `.distinct()` over `Site.objects`, whose manager orders by an
    expression (the lower-cased name), and PostgreSQL refuses it ("for SELECT DISTINCT, ORDER BY
    expressions must appear in select list"): /admin/settings/home/sitesettings/ was a 500 for
    every non-superuser without the global permission, whether they were to be refused or had
    the permission for a site through their group.
    """

    def sites_user_has_any_permission_for(self, user, actions):
        sites = super().sites_user_has_any_permission_for(user, actions)
        return Site.objects.filter(pk__in=sites.order_by().values("pk"))


# Replaces the policy that `register_setting` gave the model.
register_permission_policy(SiteSettings, SiteSettingsPermissionPolicy(SiteSettings))
