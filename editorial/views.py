from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.models import Locale

from editorial import translation_status

TRANSLATION_PERMISSIONS = ["wagtailadmin.access_admin", "wagtail_localize.submit_translation"]


def can_see_translation_status(user):
    return user.is_active and all(user.has_perm(perm) for perm in TRANSLATION_PERMISSIONS)


class TranslationStatusView(WagtailAdminTemplateMixin, TemplateView):
    """Every page against each translated language: up to date, incomplete (with how many strings
    are left to translate), out of date, not translated."""

    template_name = "editorial/admin/translation_status.html"
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
