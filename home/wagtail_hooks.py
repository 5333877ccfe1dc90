from django.core.exceptions import PermissionDenied
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.models import Locale
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from home import translation_status
from home.models import ContactSubmission
from home.page_access import pages_offered_by_chooser


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


TRANSLATION_PERMISSIONS = ["wagtailadmin.access_admin", "wagtail_localize.submit_translation"]


def can_see_translation_status(user):
    return user.is_active and all(user.has_perm(perm) for perm in TRANSLATION_PERMISSIONS)


class TranslationStatusView(WagtailAdminTemplateMixin, TemplateView):
    """Every page against each translated language: up to date, out of date, not translated."""

    template_name = "home/admin/translation_status.html"
    page_title = _("Translation status")
    header_icon = "wagtail-localize-language"

    def dispatch(self, request, *args, **kwargs):
        if not can_see_translation_status(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["groups"] = translation_status.translation_status()
        context["locales"] = translation_status.target_locales(Locale.get_default())
        context["next_url"] = reverse("translation_status")
        return context


class TranslationStatusMenuItem(MenuItem):
    def is_shown(self, request):
        return can_see_translation_status(request.user)


@hooks.register("register_admin_urls")
def register_translation_status_url():
    return [path("translations/", TranslationStatusView.as_view(), name="translation_status")]


@hooks.register("register_admin_menu_item")
def register_translation_status_menu_item():
    return TranslationStatusMenuItem(
        _("Translation status"),
        reverse("translation_status"),
        name="translation-status",
        icon_name="wagtail-localize-language",
        order=260,
    )


@hooks.register("construct_page_chooser_queryset")
def hide_unpublished_pages_the_user_cannot_edit(pages, request):
    return pages_offered_by_chooser(pages, request.user)
