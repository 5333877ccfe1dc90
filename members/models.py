"""People, member organisations and board mandates: entered once, chosen by every report."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Coalesce
from django.db.models.lookups import GreaterThanOrEqual, LessThanOrEqual
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.models import TranslatableMixin
from wagtail.search import index


class Person(index.Indexed, models.Model):
    """Someone the reports name: board members, the director general, message authors."""

    class Honorific(models.TextChoices):
        NONE = "", _("(none)")
        MR = "mr", _("Mr.")
        MS = "ms", _("Ms.")

    honorific = models.CharField(
        _("honorific"), max_length=4, choices=Honorific.choices, blank=True
    )
    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100)
    photo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [
        FieldPanel("honorific"),
        FieldRowPanel([FieldPanel("first_name"), FieldPanel("last_name")]),
        FieldPanel("photo"),
    ]
    search_fields = [
        index.SearchField("first_name"),
        index.SearchField("last_name"),
        index.AutocompleteField("first_name"),
        index.AutocompleteField("last_name"),
    ]

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["last_name", "first_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["first_name", "last_name"],
                name="unique_person_name",
                violation_error_message=_(
                    "A person with this first and last name already exists: choose that person "
                    "instead of entering them again."
                ),
            )
        ]

    def __str__(self):
        return self.full_name

    @property
    def full_name(self):
        return f"{self.first_name} {self.last_name}"

    @property
    def name_with_honorific(self):
        """“M. Yvan Laurin” in French, “Mr. Yvan Laurin” in English (translated at display)."""
        if not self.honorific:
            return self.full_name
        return f"{self.get_honorific_display()} {self.full_name}"


class MembershipCategory(TranslatableMixin, models.Model):
    """A category of membership (e.g. support member); its name is translated."""

    name = models.CharField(_("name"), max_length=100)
    description = models.TextField(_("description"), blank=True, max_length=500)

    panels = [FieldPanel("name"), FieldPanel("description")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("membership category")
        verbose_name_plural = _("membership categories")
        ordering = ["name"]

    def __str__(self):
        return self.name


class BoardRole(TranslatableMixin, models.Model):
    """A role on the board (e.g. Présidente, Administrateur); its name is translated."""

    name = models.CharField(_("name"), max_length=100)
    sort_order = models.PositiveSmallIntegerField(
        _("order"), default=100, help_text=_("Roles with a lower number are listed first.")
    )

    panels = [FieldPanel("name"), FieldPanel("sort_order")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("board role")
        verbose_name_plural = _("board roles")
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name


class BoardMeeting(models.Model):
    """A meeting of the board of directors; new members are admitted at one."""

    date = models.DateField(_("date"), unique=True)

    panels = [FieldPanel("date")]

    class Meta:
        verbose_name = _("board meeting")
        verbose_name_plural = _("board meetings")
        ordering = ["date"]

    def __str__(self):
        # In the admin's language (“1 mai 2021”), as choosers and listings show it.
        return date_format(self.date)


class MemberOrganisationQuerySet(models.QuerySet):
    def with_admission_date(self):
        """Annotates `admitted_on`, the date of `admission_date`, for sorting in the database."""
        return self.annotate(admitted_on=admission_date_expression())

    def admitted_between(self, first_day=None, last_day=None):
        """Members whose admission date falls in the period (either bound may be left open)."""
        queryset = self
        if first_day:
            queryset = queryset.filter(GreaterThanOrEqual(admission_date_expression(), first_day))
        if last_day:
            queryset = queryset.filter(LessThanOrEqual(admission_date_expression(), last_day))
        return queryset


def admission_date_expression():
    # The same rule as MemberOrganisation.admission_date, computed by the database.
    return Coalesce("date_admitted", "admitted_at__date")


class MemberOrganisation(index.Indexed, models.Model):
    """An organisation admitted as a member, usually by a board meeting."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    category = models.ForeignKey(
        MembershipCategory,
        verbose_name=_("membership category"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    city = models.CharField(_("region or city"), max_length=100, blank=True)
    website = models.URLField(_("website"), blank=True)
    date_admitted = models.DateField(
        _("date admitted"),
        null=True,
        blank=True,
        help_text=_("Leave empty to use the date of the board meeting that admitted it."),
    )
    admitted_at = models.ForeignKey(
        BoardMeeting,
        verbose_name=_("admitted at board meeting"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="admitted_members",
    )

    objects = MemberOrganisationQuerySet.as_manager()

    panels = [
        FieldPanel("name"),
        FieldPanel("category"),
        FieldPanel("city"),
        FieldPanel("website"),
        FieldRowPanel([FieldPanel("admitted_at"), FieldPanel("date_admitted")]),
    ]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("city"),
        index.AutocompleteField("city"),
        index.FilterField("admitted_at"),
        index.FilterField("category"),
    ]

    class Meta:
        verbose_name = _("member organisation")
        verbose_name_plural = _("member organisations")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        meeting = self.admitted_at
        if meeting and self.date_admitted and self.date_admitted < meeting.date:
            raise ValidationError(
                {
                    "date_admitted": _(
                        "A member cannot be admitted before the board meeting that admitted it "
                        "(%(meeting_date)s)."
                    )
                    % {"meeting_date": meeting}
                }
            )

    @property
    def admission_date(self):
        if self.date_admitted:
            return self.date_admitted
        return self.admitted_at.date if self.admitted_at else None


def fiscal_year_label(start):
    """2021-2022 for a year starting on 1 April 2021; 2021 for one starting on 1 January."""
    if (start.month, start.day) == (1, 1):
        return str(start.year)
    return f"{start.year}-{start.year + 1}"


class BoardMandate(models.Model):
    """A person's seat on the board for one fiscal year."""

    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.PROTECT, related_name="mandates"
    )
    role = models.ForeignKey(
        BoardRole, verbose_name=_("role"), on_delete=models.PROTECT, related_name="+"
    )
    executive_committee = models.BooleanField(_("executive committee member"), default=False)
    member_category = models.ForeignKey(
        MembershipCategory,
        verbose_name=_("member category represented"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    fiscal_year_start = models.DateField(
        _("fiscal year start"), help_text=_("The first day of the fiscal year of this mandate.")
    )

    panels = [
        FieldPanel("person"),
        FieldPanel("role"),
        FieldPanel("executive_committee"),
        FieldPanel("member_category"),
        FieldPanel("fiscal_year_start"),
    ]

    class Meta:
        verbose_name = _("board mandate")
        verbose_name_plural = _("board mandates")
        ordering = ["fiscal_year_start", "role__sort_order", "person__last_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "fiscal_year_start"],
                name="one_mandate_per_person_per_year",
                violation_error_message=_(
                    "This person already has a mandate for this fiscal year: edit that mandate "
                    "instead."
                ),
            )
        ]

    def __str__(self):
        return f"{self.person} — {self.role} ({self.fiscal_year})"

    def clean(self):
        super().clean()
        # A year's board is the mandates sharing the year's first day (the admin's fiscal-year
        # filter groups them so): a start typed as the 2nd of the month would make a year apart.
        if self.fiscal_year_start and self.fiscal_year_start.day != 1:
            raise ValidationError(
                {
                    "fiscal_year_start": _(
                        "A fiscal year starts on the first day of a month (e.g. 1 April 2021)."
                    )
                }
            )

    @property
    def fiscal_year(self):
        return fiscal_year_label(self.fiscal_year_start)
