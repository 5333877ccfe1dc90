from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import Button

from cms.page_buttons import register_page_button
from readership import admin_views
from readership.counting import MARKER_HEADER, marker
from readership.dashboard import ReadershipPanel
from report.models import ReportYearPage


@hooks.register("on_serve_page")
def mark_pages_to_count(serve_page):
    """Mark the response of a page (or of a report's download) where Wagtail serves it: the page
    cache stores the mark with the page, and readership.middleware counts each answer."""

    def serve(page, request, args, kwargs):
        response = serve_page(page, request, args, kwargs)
        mark = marker(page, request, response)
        if mark is not None:
            response[MARKER_HEADER] = mark
        return response

    return serve


# The "Lectorat" admin report (readership/admin_views.py).


@hooks.register("register_admin_urls")
def register_readership_urls():
    return [
        path("readership/", admin_views.ReadershipView.as_view(), name="readership_site"),
        path(
            "readership/export/",
            admin_views.ReadershipExportView.as_view(),
            name="readership_site_export",
        ),
        path(
            "readership/report/<int:page_id>/",
            admin_views.ReportReadershipView.as_view(),
            name="readership_report",
        ),
        path(
            "readership/report/<int:page_id>/export/",
            admin_views.ReportReadershipExportView.as_view(),
            name="readership_report_export",
        ),
    ]


class ReadershipMenuItem(MenuItem):
    def is_shown(self, request):
        return admin_views.can_see_readership(request.user)


@hooks.register("register_reports_menu_item")
def register_readership_menu_item():
    # In Wagtail's Reports menu, which the admin shows as "Site activity" (editorial/wagtail_hooks).
    return ReadershipMenuItem(
        _("Readership"), reverse("readership_site"), name="readership", icon_name="view", order=50
    )


@hooks.register("construct_homepage_panels")
def add_readership_panel(request, panels):
    if admin_views.can_see_readership(request.user):
        panels.append(ReadershipPanel())


def readership_button(page, user, priority):
    if page.specific_class is not ReportYearPage or not admin_views.can_see_readership(user):
        return None
    return Button(
        _("Readership"),
        reverse("readership_report", args=[page.id]),
        icon_name="view",
        priority=priority,
    )


register_page_button(readership_button, header_priority=40, listing_priority=27)
