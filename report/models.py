from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.search import index

from home.blocks import PageBodyBlock
from home.models import BasePage


class ReportIndexPage(BasePage):
    """Every published annual report, newest first."""

    content_panels = [*BasePage.content_panels, FieldPanel("introduction")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["report.ReportYearPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("annual reports index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["reports"] = published_reports().child_of(self)
        return context


class ReportYearPage(BasePage):
    """One fiscal year's annual report."""

    fiscal_year_start = models.DateField(_("fiscal year start"))
    fiscal_year_end = models.DateField(_("fiscal year end"))
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
    body = StreamField(PageBodyBlock(), blank=True, verbose_name=_("body"))

    content_panels = [
        *BasePage.content_panels,
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("fiscal_year_start"), FieldPanel("fiscal_year_end")]),
                FieldPanel("general_assembly_date"),
            ],
            heading=_("Fiscal year"),
        ),
        FieldPanel("theme"),
        FieldPanel("cover_image"),
        FieldPanel("introduction"),
        FieldPanel("body"),
    ]
    search_fields = [*BasePage.search_fields, index.SearchField("theme"), index.SearchField("body")]

    parent_page_types = ["report.ReportIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("annual report")
        verbose_name_plural = _("annual reports")
        ordering = ["-fiscal_year_start"]

    def clean(self):
        super().clean()
        start, end = self.fiscal_year_start, self.fiscal_year_end
        if start and end and end <= start:
            raise ValidationError(
                {"fiscal_year_end": _("The fiscal year must end after it starts.")}
            )

    @property
    def fiscal_year_label(self):
        """2021-2022: how the organisation names its fiscal years."""
        return f"{self.fiscal_year_start.year}-{self.fiscal_year_end.year}"


def published_reports():
    return ReportYearPage.objects.live().public().order_by("-fiscal_year_start")
