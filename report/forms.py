"""The annual report's edit form: its date pickers open on the fiscal year, not on today.

An editor writes a report months after its fiscal year ended, and the next one a year later:
a picker that opens on today makes them click back month by month. While a date is empty, its
picker opens where that date most likely is (`opening_dates`); once set, on the date itself.
"""

import datetime
import json

from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.widgets import AdminDateInput

from report.next_year import add_years

# How the picker reads `startDate`: in its `formatDate`, given with it (the picker's default).
START_DATE_FORMAT = "%Y/%m/%d"
PICKER_START_DATE_FORMAT = "Y/m/d"


class OpeningDateInput(AdminDateInput):
    """Wagtail's date picker, opening on `opens_on` while the field is empty.

    Wagtail 8's AdminDateInput takes no picker options: its `get_config()` gives the options of
    the picker (jQuery datetimepicker), which the widget's template writes into
    `initDateChooser(id, options)`. The picker's `startDate` wins over the field's value, so it is
    given only to an empty field.
    """

    def __init__(self, attrs=None, format=None, opens_on=None):
        super().__init__(attrs=attrs, format=format)
        self.opens_on = opens_on

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        if self.opens_on and not value:
            context["widget"]["config_json"] = json.dumps(self.opening_config())
        return context

    def opening_config(self):
        return {
            **self.get_config(),
            "startDate": self.opens_on.strftime(START_DATE_FORMAT),
            "formatDate": PICKER_START_DATE_FORMAT,
        }


def first_of_next_month(day):
    return (day.replace(day=1) + datetime.timedelta(days=32)).replace(day=1)


def opening_dates(start, end, latest_start=None, latest_end=None):
    """{field: the date its picker opens on}, for a report of fiscal year `start`–`end` (either
    may be None) when the latest other report's year is `latest_start`–`latest_end`.

    A new report's year follows the latest report's; the general assembly is held after the
    fiscal year ends: its picker opens on the month after.
    """
    if start is None and latest_start is not None:
        start = add_years(latest_start)
    if end is None and latest_end is not None:
        end = add_years(latest_end)
    dates = {
        "fiscal_year_start": start,
        "fiscal_year_end": end,
        "general_assembly_date": first_of_next_month(end) if end else None,
    }
    return {name: day for name, day in dates.items() if day is not None}


def opening_on(widget, day):
    """An OpeningDateInput like the date input `widget` (Wagtail's), opening on `day`."""
    opening = OpeningDateInput(attrs=widget.attrs, format=widget.format, opens_on=day)
    opening.is_required = widget.is_required
    opening.is_localized = widget.is_localized
    return opening


class ReportYearPageForm(WagtailAdminPageForm):
    """The report's form (ReportYearPage.base_form_class), with pickers that open on its year."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        start, end = self.instance.fiscal_year_start, self.instance.fiscal_year_end
        # A report with its year needs no other report (no query).
        latest = self.latest_other_report() if start is None or end is None else None
        dates = opening_dates(
            start,
            end,
            latest.fiscal_year_start if latest else None,
            latest.fiscal_year_end if latest else None,
        )
        for name, day in dates.items():
            if name in self.fields:
                self.fields[name].widget = opening_on(self.fields[name].widget, day)

    def latest_other_report(self):
        """The report of the latest fiscal year in this one's language, drafts included."""
        reports = type(self.instance).objects.exclude(pk=self.instance.pk)
        if self.instance.locale_id:
            reports = reports.filter(locale_id=self.instance.locale_id)
        return reports.order_by("-fiscal_year_start").first()
