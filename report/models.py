from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404, HttpResponse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.blocks.stream_block import StreamBlockValidationError
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Locale
from wagtail.search import index

from cms import fallback_language
from cms.streamfield import GuardedStreamBlock
from cms.visibility import public
from home.blocks import RICH_TEXT_FEATURES, PageBodyBlock
from home.models import BasePage
from report import opendata
from report.blocks import ReportBodyBlock
from report.blocks.figures import key_figure_view
from report.blocks.sections import (
    duplicate_anchor_errors,
    duplicate_anchors,
    give_repeated_anchors_their_source,
    group_into_sections,
    link_other_languages,
    stored_section_anchors,
    table_of_contents,
)
from report.checks import ContentChecksPanel, content_warnings
from report.forms import ReportYearPageForm
from report.release import ReleasePanel, preview_report_child_pages


class ProjectTeamBlock(blocks.StructBlock):
    name = blocks.CharBlock(label=_("Team"), max_length=150)
    contribution = blocks.TextBlock(label=_("What the team did"), max_length=800)

    class Meta:
        label = _("Team")
        icon = "group"


class ReportIndexPage(BasePage):
    """Every published annual report, newest first."""

    content_panels = [*BasePage.content_panels, FieldPanel("introduction")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["report.ReportYearPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("annual reports index")

    def get_context(self, request, *args, **kwargs):
        from report import year_over_year

        context = super().get_context(request, *args, **kwargs)
        # The list and the comparison of the years read the same reports; their covers come
        # with all their renditions (two queries in all, whatever the number of reports).
        reports = list(
            published_reports().child_of(self).prefetch_related("cover_image__renditions")
        )
        context["reports"] = reports
        context["year_over_year"] = year_over_year.build(reports)
        return context


class ReportYearPage(RoutablePageMixin, BasePage):
    """One fiscal year's annual report, with its PDF and the data of its blocks as CSV."""

    # The year's first and last days choose its board mandates and new members (Members); the
    # report states them only if the editor says so.
    fiscal_year_start = models.DateField(_("fiscal year start"))
    fiscal_year_end = models.DateField(_("fiscal year end"))
    fiscal_year_dates_stated = models.BooleanField(
        _("the report states these dates"),
        default=False,
        help_text=_(
            "Tick only if the report as published gives these dates: its cover then says "
            "“Fiscal year from April 1, 2021 to March 31, 2022”. Otherwise it says “Fiscal year "
            "2021-2022”, and the dates only choose the year's board mandates and new members."
        ),
    )
    theme = models.CharField(
        _("theme"),
        max_length=150,
        blank=True,
        help_text=_("The year's motto, e.g. “L’audace de s’adapter”."),
    )
    general_assembly_date = models.DateField(_("general assembly date"), null=True, blank=True)
    cover_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("cover image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = StreamField(ReportBodyBlock(), blank=True, verbose_name=_("body"))

    # Date pickers that open on the fiscal year (report/forms.py).
    base_form_class = ReportYearPageForm
    content_panels = [
        *BasePage.content_panels,
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("fiscal_year_start"), FieldPanel("fiscal_year_end")]),
                FieldPanel("fiscal_year_dates_stated"),
                FieldPanel("general_assembly_date"),
            ],
            heading=_("Fiscal year"),
        ),
        FieldPanel("theme"),
        FieldPanel("cover_image"),
        FieldPanel("introduction"),
        ContentChecksPanel(),
        ReleasePanel(),
        FieldPanel("body"),
    ]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("theme"),
        index.SearchField("body"),
    ]

    parent_page_types = ["report.ReportIndexPage"]
    subpage_types = ["report.MessagePage", "report.ProjectPage"]
    # The translation status (editorial/translation_status.py) lists a report with its pages.
    heads_translation_group = True

    # In the API (/api/v2/pages/): the fiscal year and the figures of the body, as on the page.
    api_fields = [
        APIField("fiscal_year", serializer=serializers.CharField(source="fiscal_year_label")),
        APIField("fiscal_year_dates"),
        APIField("general_assembly_date"),
        APIField("theme"),
        APIField("introduction"),
        APIField("figures"),
        APIField("pdf_url"),
    ]

    # Routes that only a live, public report has (see `route`).
    DOWNLOAD_ROUTES = {"pdf", "block_data"}

    # The editor previews the report as visitors read it on a screen, or as its PDF prints it.
    preview_modes = [("", _("Screen")), ("print", _("Print layout"))]

    class Meta:
        verbose_name = _("annual report")
        verbose_name_plural = _("annual reports")
        ordering = ["-fiscal_year_start"]

    def clean(self):
        super().clean()
        errors = {}
        self.keep_translated_anchors_unique()
        start, end = self.fiscal_year_start, self.fiscal_year_end
        if start and end and end <= start:
            errors["fiscal_year_end"] = _("The fiscal year must end after it starts.")
        elif start and end:
            block_errors = self.body_block_errors()
            if block_errors:
                errors["body"] = StreamBlockValidationError(block_errors=block_errors)
        if errors:
            raise ValidationError(errors)

    def keep_translated_anchors_unique(self):
        """In a translation, anchors a translator repeated take their French ones back."""
        if not duplicate_anchors(self.body):
            return
        source = self.get_translation_or_none(Locale.get_default())
        if source is None or source.pk == self.pk:
            return
        give_repeated_anchors_their_source(self.body, stored_section_anchors(source.body))

    def body_block_errors(self):
        """What a block cannot check alone: anchors unique in the page, counts against the data.

        {block index: error}, so that each message is shown beside the field to correct.
        """
        errors = duplicate_anchor_errors(self.body)
        for position, child in enumerate(self.body):
            if child.block_type == "new_members":
                mismatch = child.block.count_mismatch(child.value, self)
                if mismatch:
                    errors[position] = mismatch
        return errors

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        if getattr(request, "is_preview", False):
            # Read by Wagtail's checker in the editor (report/content_checker.py).
            context["content_warnings"] = content_warnings(self)
        context["sections"] = link_other_languages(
            group_into_sections(self.body), self.section_anchors_in_other_languages()
        )
        context["table_of_contents"] = table_of_contents(self.body)
        other_reports = self.other_published_reports()
        context["previous_report"] = self.previous_published_report(other_reports)
        context["next_report"] = (
            other_reports.filter(fiscal_year_start__gt=self.fiscal_year_start)
            .order_by("fiscal_year_start")
            .first()
        )
        return context

    def section_anchors_in_other_languages(self):
        """{language code: {section block id: anchor}} of this report's live translations, in
        one query: the language switcher takes a reader to the same section in each of them."""
        translations = (
            ReportYearPage.objects.live()
            .filter(translation_key=self.translation_key)
            .exclude(locale_id=self.locale_id)
            .select_related("locale")
        )
        return {
            page.locale.language_code: stored_section_anchors(page.body) for page in translations
        }

    def other_published_reports(self):
        """The other published reports in this one's language.

        Each call reads the private sections (Wagtail's `public()`): build it once and filter it.
        """
        return published_reports().filter(locale_id=self.locale_id).exclude(pk=self.pk)

    def previous_published_report(self, other_reports=None):
        """The latest published report before this one's fiscal year, in the same language."""
        if other_reports is None:
            other_reports = self.other_published_reports()
        return other_reports.filter(fiscal_year_start__lt=self.fiscal_year_start).first()

    @property
    def fiscal_year_label(self):
        """2021-2022: how the organisation names its fiscal years."""
        return f"{self.fiscal_year_start.year}-{self.fiscal_year_end.year}"

    @property
    def fiscal_year_dates(self):
        """{"start": …, "end": …} as the report states them, else None: dates entered only to
        choose the year's records are no fact of the report (nor of its API)."""
        if not self.fiscal_year_dates_stated:
            return None
        return {"start": self.fiscal_year_start, "end": self.fiscal_year_end}

    # Routes: the report, its PDF, the data of its blocks.

    def route(self, request, path_components):
        """A report restricted to some visitors has no PDF nor CSV: 404, not a login form."""
        result = super().route(request, path_components)
        match = getattr(request, "routable_resolver_match", None)
        if (
            result.page is self
            and result.args
            and match is not None
            and match.url_name in self.DOWNLOAD_ROUTES
            and not opendata.offers_downloads(self, request)
        ):
            raise Http404
        return result

    @path("")
    def index_route(self, request, *args, **kwargs):
        """The report, with links to its PDF and to its data where it has them."""
        request.is_preview = getattr(request, "is_preview", False)
        downloads = None
        url = self.get_url(request)
        if url and opendata.offers_downloads(self, request):
            downloads = {
                "pdf_url": f"{url}{self.reverse_subpage('pdf')}",
                "data_prefix": f"{url}data/",
            }
        response = self.render(request, context_overrides={"report_downloads": downloads})
        # RoutablePageMixin serves its routes without BasePage.serve, which marks the others.
        return fallback_language.mark_response(self, response)

    def serve_preview(self, request, mode_name):
        """The print layout: the PDF's HTML made from this (draft) page, never a stored PDF."""
        if mode_name != "print":
            return super().serve_preview(request, mode_name)
        from report import pdf  # WeasyPrint takes half a second to import: only when needed.

        request.is_preview, request.preview_mode = True, mode_name
        child_pages = {key: [] for key in pdf.PAGE_TYPES}
        if self.pk:
            # Every message and project as last edited, live or not: the report as it will be.
            child_pages = preview_report_child_pages(self, pdf.PAGE_TYPES)
        with translation.override(self.locale.language_code):
            return HttpResponse(pdf.render_html(self, request, child_pages))

    @path("pdf/", name="pdf")
    def pdf_route(self, request):
        from report import pdf  # WeasyPrint takes half a second to import: only when needed.

        return pdf.serve_report_pdf(self, request)

    # Wagtail's URLs have no dots: config/urls.py hands …/data/<id>.csv (or .xlsx) to Wagtail
    # with a slash.
    @re_path(r"^data/(?P<block_id>[\w-]+)\.(?P<extension>csv|xlsx)/$", name="block_data")
    def block_data_route(self, request, block_id, extension):
        return opendata.serve_block_data(self, request, block_id, extension)

    def headline_figures(self, limit=3):
        """The year at a glance, for the report index and the home page: the first figures of
        the report's first key-figures block, as the report shows them (without last year's
        change or notes). None if the report has no key figures: nothing is made up."""
        for block in self.body.blocks_by_name("key_figures"):
            entered = [figure for figure in block.value["figures"] if figure["value"] is not None]
            if entered:
                return [key_figure_view(figure) for figure in entered[:limit]]
        return []

    # In the API

    @property
    def figures(self):
        return opendata.report_figures(self)

    @property
    def pdf_url(self):
        url = self.get_full_url()
        return f"{url}{self.reverse_subpage('pdf')}" if url else None

    def get_cached_paths(self):
        """What a CDN is purged of when the report changes (web/caching.py): it and its PDF."""
        return ["/", self.reverse_subpage("pdf")]


class MessagePage(BasePage):
    """A signed message of the report: the president's word, the director general's word."""

    author = models.ForeignKey(
        "members.Person",
        verbose_name=_("author"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    author_role = models.CharField(
        _("author's role"), max_length=100, help_text=_("As signed, e.g. “Président”.")
    )
    portrait = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("portrait"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Leave empty to use the person's photo."),
    )
    headline = models.CharField(_("headline"), max_length=200)
    body = StreamField(PageBodyBlock(), verbose_name=_("body"))

    content_panels = [
        *BasePage.content_panels,
        MultiFieldPanel(
            [FieldPanel("author"), FieldPanel("author_role"), FieldPanel("portrait")],
            heading=_("Signed by"),
        ),
        FieldPanel("headline"),
        FieldPanel("introduction"),
        FieldPanel("body"),
    ]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("headline"),
        index.SearchField("body"),
    ]

    parent_page_types = ["report.ReportYearPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("message")
        verbose_name_plural = _("messages")

    @property
    def portrait_image(self):
        return self.portrait or self.author.photo


class ProjectPage(BasePage):
    """A structuring project of the year: its funding, what was done, by whom, with what result."""

    funder = models.CharField(_("funder"), max_length=200, blank=True)
    programme = models.CharField(_("funding programme"), max_length=300, blank=True)
    summary = RichTextField(_("summary"), features=RICH_TEXT_FEATURES, blank=True)
    activities = StreamField(
        GuardedStreamBlock([("activity", blocks.CharBlock(label=_("Activity"), max_length=300))]),
        blank=True,
        verbose_name=_("activities"),
    )
    teams = StreamField(
        GuardedStreamBlock([("team", ProjectTeamBlock())]),
        blank=True,
        verbose_name=_("teams involved"),
    )
    outcomes = StreamField(
        GuardedStreamBlock([("outcome", blocks.CharBlock(label=_("Outcome"), max_length=300))]),
        blank=True,
        verbose_name=_("outcomes"),
    )
    body = StreamField(PageBodyBlock(), blank=True, verbose_name=_("further content"))
    quote = models.TextField(_("quote"), blank=True, max_length=1500)
    quote_attribution = models.CharField(_("quote attribution"), max_length=250, blank=True)

    content_panels = [
        *BasePage.content_panels,
        MultiFieldPanel([FieldPanel("funder"), FieldPanel("programme")], heading=_("Funding")),
        FieldPanel("introduction"),
        FieldPanel("summary"),
        FieldPanel("activities"),
        FieldPanel("teams"),
        FieldPanel("outcomes"),
        FieldPanel("body"),
        MultiFieldPanel([FieldPanel("quote"), FieldPanel("quote_attribution")], heading=_("Quote")),
    ]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("funder"),
        index.SearchField("programme"),
        index.SearchField("summary"),
        index.SearchField("activities"),
        index.SearchField("teams"),
        index.SearchField("outcomes"),
        index.SearchField("body"),
        index.SearchField("quote"),
    ]

    parent_page_types = ["report.ReportYearPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("structuring project")
        verbose_name_plural = _("structuring projects")


def published_reports():
    return public(ReportYearPage.objects.live()).order_by("-fiscal_year_start")
