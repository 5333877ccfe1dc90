"""Filters of the members listings in the admin, where a plain `list_filter` is not enough."""

import datetime

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.models import Locale

from members.models import (
    BoardMandate,
    BoardMeeting,
    BoardRole,
    MemberOrganisation,
    MembershipCategory,
    fiscal_year_label,
)


class AnyTranslationChoiceFilter(django_filters.ModelChoiceFilter):
    """Offers the objects of the default language and matches every translation of the choice.

    A record may point at the French or the English version of a category or a role: both are
    the same category, and listing each twice in the filter would only confuse.
    """

    def __init__(self, *args, model, **kwargs):
        def in_default_locale(request):
            return model.objects.filter(locale=Locale.get_default())

        super().__init__(*args, queryset=in_default_locale, **kwargs)

    def filter(self, queryset, value):
        if value in django_filters.constants.EMPTY_VALUES:
            return queryset
        return queryset.filter(**{f"{self.field_name}__translation_key": value.translation_key})


def as_date(value):
    # django-filter widens the end of a date range to its last microsecond, as a datetime.
    return value.date() if isinstance(value, datetime.datetime) else value


class MemberOrganisationFilterSet(WagtailFilterSet):
    # Filters declared without a label take their field's verbose name, already translated.
    category = AnyTranslationChoiceFilter(model=MembershipCategory)
    admitted_at = django_filters.ModelChoiceFilter(queryset=BoardMeeting.objects.all())
    # On the admission date as the reports count it: the date admitted, else the meeting's date.
    date_admitted = django_filters.DateFromToRangeFilter(
        label=_("Admission date"), method="filter_admitted_between", widget=DateRangePickerWidget
    )

    class Meta:
        model = MemberOrganisation
        fields = ["category", "admitted_at", "date_admitted"]

    def filter_admitted_between(self, queryset, name, period):
        return queryset.admitted_between(as_date(period.start), as_date(period.stop))


def fiscal_year_choices():
    starts = (
        BoardMandate.objects.order_by("-fiscal_year_start")
        .values_list("fiscal_year_start", flat=True)
        .distinct()
    )
    return [(start.isoformat(), fiscal_year_label(start)) for start in starts]


class BoardMandateFilterSet(WagtailFilterSet):
    fiscal_year_start = django_filters.ChoiceFilter(
        choices=fiscal_year_choices,
        label=_("Fiscal year"),
        empty_label=_("All"),
        widget=forms.RadioSelect,
    )
    role = AnyTranslationChoiceFilter(model=BoardRole)

    class Meta:
        model = BoardMandate
        fields = ["fiscal_year_start", "role", "executive_committee"]
