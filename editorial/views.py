from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.models import Locale, Page

from editorial import group_translation, translation_status

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


class GroupTranslationView(WagtailAdminTemplateMixin, TemplateView):
    """Every string of a page and the pages under it (a report's release) left to translate into
    one language, on one screen (editorial/group_translation.py)."""

    template_name = "editorial/admin/group_translation.html"
    header_icon = "wagtail-localize-language"

    def dispatch(self, request, page_id, language_code):
        self.head = get_object_or_404(Page, pk=page_id).specific
        self.locale = get_object_or_404(
            Locale.objects.exclude(pk=self.head.locale_id), language_code=language_code
        )
        target = self.head.get_translation_or_none(self.locale)
        if not can_see_translation_status(request.user) or (
            target is not None and not target.permissions_for_user(request.user).can_edit()
        ):
            raise PermissionDenied
        self.pending = group_translation.pending_strings(self.head, self.locale)
        return super().dispatch(request, page_id, language_code)

    def get_page_title(self):
        return _("Translate “%(title)s” into %(language)s") % {
            "title": self.head.get_admin_display_title(),
            "language": self.locale.get_display_name(),
        }

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("translation_status"), "label": _("Translation status")},
            {"url": "", "label": self.get_page_title()},
        ]

    def get(self, request, *args, **kwargs):
        self.translator = group_translation.add_suggestions(
            self.pending, self.head.locale, self.locale
        )
        return self.render_to_response(self.get_context_data())

    def post(self, request, *args, **kwargs):
        self.translator = None
        if not group_translation.read_form(self.pending, request.POST):
            messages.error(request, _("Some translations could not be saved: see below."))
            return self.render_to_response(self.get_context_data(), status=400)
        changed = group_translation.save_translations(self.pending, self.locale, request.user)
        published, waiting = group_translation.publish_texts(changed, self.locale, request.user)
        self.report_outcome(changed, published, waiting)
        return redirect(request.path)

    def report_outcome(self, changed, published, waiting):
        if not changed:
            messages.warning(self.request, _("No translation was typed: nothing was saved."))
            return
        for page in published:
            messages.success(
                self.request,
                _("The translated text of “%(title)s” is published.")
                % {"title": page.get_admin_display_title()},
            )
        for page in waiting:
            messages.info(
                self.request,
                _(
                    "The translations of “%(title)s” are saved: they go live with the page's "
                    "next approval."
                )
                % {"title": page.get_admin_display_title()},
            )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            {
                "head": self.head,
                "locale": self.locale,
                "pending": self.pending,
                "translator": self.translator,
                "string_count": sum(len(page.strings) for page in self.pending),
            }
        )
        return context
