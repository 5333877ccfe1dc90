"""The "Lectorat" (readership) report in the admin: for the site, and for each annual report.

Shown to users with the `readership.view_readershipcount` permission (the Communications and
Direction groups, readership/migrations/0002; administrators), over a date range the user
chooses; each table downloads as CSV. Not Wagtail's `ReportView`, which lists one queryset with
filters: this report is several tables and charts of sums over one date range.
"""

import csv
import datetime

from babel import dates as babel_dates
from django import forms
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView, View
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.models import Locale

from cms.languages import babel_locale
from readership import counting, figures
from readership.models import Kind
from report import figure_format, opendata, svg_charts
from report.models import ReportYearPage, published_reports

PERMISSION = "readership.view_readershipcount"
DEFAULT_DAYS = 30
# Ranges offered in one click: (days, label).
PRESETS = ((7, _("7 days")), (30, _("30 days")), (90, _("90 days")), (365, _("12 months")))
# The oldest date a range may start at, and its longest span: a date typed by mistake (year 20)
# gets a message, not a query over centuries.
EARLIEST = datetime.date(2000, 1, 1)
LONGEST = datetime.timedelta(days=366 * 10)
TOP_PAGES = 20
LANGUAGE_COLOURS = svg_charts.PALETTE


def can_see_readership(user):
    return (
        user.is_active and user.has_perm("wagtailadmin.access_admin") and user.has_perm(PERMISSION)
    )


def default_range(today=None):
    today = today or counting.today()
    return figures.DateRange(today - datetime.timedelta(days=DEFAULT_DAYS - 1), today)


class DateRangeForm(forms.Form):
    start = forms.DateField(
        label=pgettext_lazy("readership date range", "From"),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    end = forms.DateField(
        label=pgettext_lazy("readership date range", "To"),
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end:
            if end < start:
                raise forms.ValidationError(
                    _("The end of the range must not come before its start.")
                )
            if start < EARLIEST:
                raise forms.ValidationError(
                    _("The range must start on %(date)s or later.")
                    % {"date": figure_format.long_date(EARLIEST)}
                )
            if end > counting.today():
                # Nothing is counted ahead of time (and year 9999 would end the calendar).
                raise forms.ValidationError(
                    _("The range must end on %(date)s or earlier.")
                    % {"date": figure_format.long_date(counting.today())}
                )
            if end - start > LONGEST:
                raise forms.ValidationError(_("The range must not be longer than ten years."))
        return cleaned

    def date_range(self):
        return figures.DateRange(self.cleaned_data["start"], self.cleaned_data["end"])


def read_range(request):
    """(form, date range): the range asked for in the query string, else the last 30 days;
    the range is None when what was asked is not a valid range."""
    if "start" not in request.GET and "end" not in request.GET:
        initial = default_range()
        form = DateRangeForm(initial={"start": initial.start, "end": initial.end})
        return form, initial
    form = DateRangeForm(request.GET)
    return form, form.date_range() if form.is_valid() else None


def period_label(period, by_month):
    """ "7 déc." / "Dec 7" per day, "déc. 2026" / "Dec 2026" per month."""
    skeleton = "yMMM" if by_month else "MMMd"
    return babel_dates.format_skeleton(skeleton, period, locale=babel_locale())


def language_names():
    return dict(settings.WAGTAIL_CONTENT_LANGUAGES)


class ReadershipMixin:
    """What the page and its CSV export share: the scope, the range, the tables."""

    scope_name = "site"

    def dispatch(self, request, *args, **kwargs):
        if not can_see_readership(request.user):
            raise PermissionDenied
        self.scope = self.get_scope()
        self.form, self.date_range = read_range(request)
        return super().dispatch(request, *args, **kwargs)

    def get_scope(self):
        return figures.Scope.for_site()

    def tables(self):
        """The report's tables, in the order they are shown (and exported)."""
        date_range, scope = self.date_range, self.scope
        over_time = figures.views_over_time(scope, date_range)
        for row in over_time:
            row.label = period_label(row.label, date_range.by_month)
        tables = [
            figures.Table(
                "views",
                gettext("Views per month") if date_range.by_month else gettext("Views per day"),
                gettext("Month") if date_range.by_month else gettext("Day"),
                over_time,
            ),
            figures.Table(
                "pages",
                gettext("Views per page"),
                gettext("Page"),
                figures.views_by_page(scope, date_range, limit=TOP_PAGES),
            ),
        ]
        if scope.report is not None:
            tables.append(
                figures.Table(
                    "sections",
                    gettext("Sections reached"),
                    gettext("Section"),
                    figures.sections_reached(scope, date_range),
                )
            )
        tables += [
            figures.Table(
                "downloads",
                gettext("Downloads"),
                gettext("File"),
                figures.downloads(scope, date_range),
            ),
            figures.Table(
                "referrers",
                gettext("Referring sites"),
                gettext("Site"),
                figures.top_referrers(scope, date_range),
            ),
        ]
        if scope.report is None:
            tables += [
                figures.Table(
                    "searches",
                    gettext("Searches"),
                    gettext("Words searched"),
                    figures.searches(date_range, Kind.SEARCH),
                ),
                figures.Table(
                    "searches_empty",
                    gettext("Searches with no result"),
                    gettext("Words searched"),
                    figures.searches(date_range, Kind.SEARCH_EMPTY),
                ),
            ]
        return tables

    def export_url(self):
        return reverse(f"readership_{self.scope_name}_export", args=self.url_args())

    def url_args(self):
        return []


class ReadershipView(ReadershipMixin, WagtailAdminTemplateMixin, TemplateView):
    """The site's readership: every page, the downloads, referring sites and searches."""

    template_name = "readership/admin/readership.html"
    page_title = _("Readership")
    header_icon = "view"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def get(self, request, *args, **kwargs):
        context = self.get_context_data(**kwargs)
        # A range that is not one: the form says why, with a 400, and no figures.
        return self.render_to_response(context, status=200 if self.date_range else 400)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            {
                "form": self.form,
                "date_range": self.date_range,
                "presets": self.presets(),
                "languages": figures.languages(),
                "language_names": language_names(),
                "export_url": self.export_url(),
                "reports": self.reports(),
            }
        )
        if self.date_range:
            tables = self.tables()
            context["tables"] = [(table, self.chart(table)) for table in tables]
            context["summary"] = self.summary(tables)
        return context

    def presets(self):
        today = counting.today()
        return [
            {
                "label": label,
                "query": f"start={today - datetime.timedelta(days=days - 1)}&end={today}",
            }
            for days, label in PRESETS
        ]

    def reports(self):
        return (
            published_reports().filter(locale=Locale.get_default()).order_by("-fiscal_year_start")
        )

    def summary(self, tables):
        """The range's totals at a glance: views per language, and downloads of the PDF."""
        by_name = {table.name: table for table in tables}
        views = by_name["views"]
        pdf = next(row for row in by_name["downloads"].rows if row.key == Kind.PDF)
        return {
            "views": views.total,
            "views_per_language": [
                (language_names()[language], sum(row.counts[language] for row in views.rows))
                for language in figures.languages()
            ],
            "pdf": pdf.total,
        }

    def chart(self, table):
        """The SVG chart of a table, or None for the tables shown as text only (searches)."""
        title, description = table.title, gettext("The figures are in the table below the chart.")
        dom_id = f"readership-chart-{table.name}"
        if table.name == "views":
            names = language_names()
            series = [
                (str(names[language]), LANGUAGE_COLOURS[index])
                for index, language in enumerate(figures.languages())
            ]
            columns = [
                svg_charts.Column(
                    row.label, tuple(row.counts[code] for code in figures.languages())
                )
                for row in table.rows
            ]
            return svg_charts.column_chart(dom_id, title, description, columns, series)
        if table.name in ("sections", "downloads", "referrers") and table.rows:
            bars = [svg_charts.Bar(row.label, row.total) for row in table.rows]
            group = svg_charts.BarGroup("", tuple(bars))
            return svg_charts.horizontal_bar_chart(
                dom_id, title, description, [group], unit="number"
            )
        return None


class ReportScopeMixin:
    """An annual report's readership (any page id else is a 404): its pages in every language."""

    scope_name = "report"

    def get_scope(self):
        self.report = get_object_or_404(ReportYearPage, pk=self.kwargs["page_id"])
        return figures.Scope.for_report(self.report)

    def url_args(self):
        return [self.report.pk]


class ReportReadershipView(ReportScopeMixin, ReadershipView):
    """One annual report's readership: its pages in every language, how far readers go down its
    table of contents, its downloads and the sites that led to it."""

    def get_page_title(self):
        return gettext("Readership of “%(title)s”") % {"title": self.report.title}

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("readership_site"), "label": gettext("Readership")},
            {"url": "", "label": self.get_page_title()},
        ]

    def reports(self):
        return []


class ReadershipExportView(ReadershipMixin, View):
    """Every table of the page as one CSV file: a line per row, the table's name first."""

    def get(self, request, *args, **kwargs):
        if self.date_range is None:
            return HttpResponse(
                gettext("Choose a valid date range."), status=400, content_type="text/plain"
            )
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{self.filename()}"'
        # A byte order mark, so that spreadsheets read the file as UTF-8 and show accents.
        response.write("\ufeff")
        writer = csv.writer(response)
        names = language_names()
        writer.writerow(
            [
                gettext("Table"),
                gettext("Line"),
                *(str(names[language]) for language in figures.languages()),
                gettext("Total"),
                gettext("Share of the report's views (%)"),
            ]
        )
        for table in self.tables():
            for row in table.rows:
                writer.writerow(
                    [
                        table.title,
                        # Words a reader typed (a search) may start like a formula: kept text.
                        row.key if table.name == "views" else opendata.text_cell(row.label),
                        *(row.counts[language] for language in figures.languages()),
                        row.total,
                        "" if row.share is None else f"{row.share:.1f}",
                    ]
                )
        return response

    def filename(self):
        scope = self.report.slug if self.scope_name == "report" else "site"
        return f"lectorat-{scope}-{self.date_range.start}-{self.date_range.end}.csv"


class ReportReadershipExportView(ReportScopeMixin, ReadershipExportView):
    pass
