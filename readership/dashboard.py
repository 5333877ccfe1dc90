"""The readership panel of the admin's dashboard: the last 30 days at a glance."""

from django.urls import reverse
from wagtail.admin.ui.components import Component
from wagtail.models import Locale

from readership import admin_views, figures
from readership.models import Kind
from report.models import published_reports


class ReadershipPanel(Component):
    name = "readership"
    template_name = "readership/admin/dashboard_panel.html"
    # After Wagtail's workflow panels (210, 220), before the recent edits (250).
    order = 230

    class Media:
        css = {"all": ["readership/css/readership-admin.css"]}

    def get_context_data(self, parent_context):
        date_range = admin_views.default_range()
        site = figures.Scope.for_site()
        views = figures.views_by_page(site, date_range)
        context = {
            "date_range": date_range,
            "views": sum(row.total for row in views),
            "pdf": next(
                row.total for row in figures.downloads(site, date_range) if row.key == Kind.PDF
            ),
            "site_url": reverse("readership_site"),
            "top_pages": views[:3],
        }
        latest = published_reports().filter(locale=Locale.get_default()).first()
        if latest is not None:
            report_views = figures.views_by_page(figures.Scope.for_report(latest), date_range)
            context["report"] = {
                "title": latest.title,
                "views": sum(row.total for row in report_views),
                "url": reverse("readership_report", args=[latest.pk]),
            }
        return context
