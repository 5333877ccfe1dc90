from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from editorial.views import GroupTranslationView, TranslationStatusView, can_see_translation_status


class TranslationStatusMenuItem(MenuItem):
    def is_shown(self, request):
        return can_see_translation_status(request.user)


@hooks.register("register_admin_urls")
def register_translation_status_url():
    return [
        path("translations/", TranslationStatusView.as_view(), name="translation_status"),
        path(
            "translations/<int:page_id>/<str:language_code>/",
            GroupTranslationView.as_view(),
            name="translate_group",
        ),
    ]


@hooks.register("register_admin_menu_item")
def register_translation_status_menu_item():
    return TranslationStatusMenuItem(
        _("Translation status"),
        reverse("translation_status"),
        name="translation-status",
        icon_name="wagtail-localize-language",
        order=260,
    )
