"""The translation screens in the admin, and the main menu that leads to them.

Editors took Wagtail's "Reports" menu (Rapports) for the annual reports, and found two
translation entries: ours and wagtail-localize's report, filed under Reports. The main menu has
one "Translations" submenu holding both, and Wagtail's Reports menu, which keeps its logs and
lists (locked pages, workflows, site history…), is renamed.
"""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem

from editorial.views import GroupTranslationView, TranslationStatusView, can_see_translation_status

# Wagtail's own name for its Reports submenu (wagtail/admin/wagtail_hooks.py).
WAGTAIL_REPORTS_MENU = "reports"

translations_menu = Menu(
    register_hook_name="register_translations_menu_item",
    construct_hook_name="construct_translations_menu",
)


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
def register_translations_menu():
    return SubmenuMenuItem(
        _("Translations"),
        translations_menu,
        name="translations",
        icon_name="wagtail-localize-language",
        order=260,
    )


@hooks.register("register_translations_menu_item")
def register_translation_status_menu_item():
    return TranslationStatusMenuItem(
        _("Translation status"),
        reverse("translation_status"),
        name="translation-status",
        icon_name="wagtail-localize-language",
        order=100,
    )


@hooks.register("register_translations_menu_item")
def register_translations_report_menu_item():
    # Shown to every admin user, as wagtail-localize shows it in the Reports menu.
    return MenuItem(
        _("List of translations"),
        translations_report_url(),
        name="translations-report",
        icon_name="list-ul",
        order=200,
    )


def translations_report_url():
    return reverse("wagtail_localize:translations_report")


@hooks.register("construct_reports_menu")
def leave_the_translations_report_to_the_translations_menu(request, menu_items):
    menu_items[:] = [item for item in menu_items if item.url != translations_report_url()]


@hooks.register("construct_main_menu")
def rename_wagtail_reports_menu(request, menu_items):
    """Wagtail's Reports, which editors took for the annual reports, as "Site activity"."""
    for position, item in enumerate(menu_items):
        if item.name == WAGTAIL_REPORTS_MENU:
            menu_items[position] = SubmenuMenuItem(
                _("Site activity"),
                item.menu,
                name=item.name,
                icon_name=item.icon_name,
                classname=item.classname,
                attrs=item.attrs,
                order=item.order,
            )
