"""Dated events of the year, by category: the counts and the order come from the dates entered."""

import datetime

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError

from report import figure_format
from report.blocks.dates import LazyDateBlock
from report.blocks.sections import part_heading_level

# How precisely an event's date is known: a source may give only its month or its year.
DAY, MONTH, YEAR = "day", "month", "year"
DATE_PRECISIONS = [(DAY, _("Day")), (MONTH, _("Month only")), (YEAR, _("Year only"))]


def date_as_known(date, precision):
    """The date kept for an event known to its month or year: the first day of that month or
    year, so that events still sort and compare as dates."""
    if date is not None and precision == MONTH:
        return date.replace(day=1)
    if date is not None and precision == YEAR:
        return date.replace(month=1, day=1)
    return date


class EventValue(blocks.StructValue):
    """An event's date as precise as its source: 28 octobre 2021, octobre 2021 or 2021."""

    @property
    def precision(self):
        # A draft may leave the choice empty (validation deferred until publishing).
        return self.get("precision") or DAY

    @property
    def known_date(self):
        return date_as_known(self.get("date"), self.precision)

    @property
    def iso_date(self):
        """2021-10-28, 2021-10 or 2021: ISO 8601 without the parts not known, as HTML's
        `<time datetime>` allows and as the data downloads give it."""
        date = self.known_date
        if date is None:
            return ""
        if self.precision == MONTH:
            return f"{date.year:04d}-{date.month:02d}"
        if self.precision == YEAR:
            return f"{date.year:04d}"
        return date.isoformat()

    @property
    def shown_date(self):
        """The date in the active language, to the precision known."""
        date = self.known_date
        if date is None:
            return ""
        if self.precision == MONTH:
            return figure_format.month_year(date)
        if self.precision == YEAR:
            return str(date.year)  # A year reads the same in French and English.
        return figure_format.long_date(date)

    @property
    def data_value(self):
        """A date where its day is known; else its ISO text, which claims no day (a typed date
        would: "2021-10" would become 2021-10-01 in a spreadsheet)."""
        return self.known_date if self.precision == DAY else self.iso_date or None


class EventBlock(blocks.StructBlock):
    # A timeline has dozens of events: each picker is built when the editor opens it.
    date = LazyDateBlock(label=_("Date"))
    precision = blocks.ChoiceBlock(
        label=_("Date precision"),
        choices=DATE_PRECISIONS,
        default=DAY,
        # Its words ("Month only") in the search index would match every report.
        search_index=False,
        help_text=_(
            "When the source gives only the month or the year of the event, choose “Month "
            "only” or “Year only” and enter any day of it: the page shows “October 2021” or "
            "“2021”."
        ),
    )
    title = blocks.CharBlock(label=_("Event"), max_length=250)

    class Meta:
        label = _("Event")
        icon = "date"
        value_class = EventValue

    def clean(self, value):
        value = super().clean(value)
        # Stored as the first day of its month or year, whatever day the editor picked.
        value["date"] = value.known_date
        return value


class EventCategoryValue(blocks.StructValue):
    @property
    def count(self):
        return len(self["events"])

    @property
    def events_in_date_order(self):
        # sorted() is stable: events on the same day keep the order the editor gave them. An
        # event known to its month sorts as the first of the month; one without a date yet (a
        # draft) comes last.
        return sorted(self["events"], key=event_sort_key)


def event_sort_key(event):
    date = event.known_date
    return (date is None, date or datetime.date.min)


class EventCategoryBlock(blocks.StructBlock):
    name = blocks.CharBlock(
        label=_("Category"),
        max_length=150,
        help_text=_("E.g. “Participation in events – AGMs and others”."),
    )
    stated_count = blocks.IntegerBlock(
        label=_("Count as printed"),
        required=False,
        min_value=0,
        help_text=_(
            "Optional: the number of events as the printed report gives it. It is checked "
            "against the events below; the page always shows the number counted."
        ),
    )
    events = blocks.ListBlock(EventBlock(), label=_("Events"))

    class Meta:
        label = _("Category of events")
        icon = "folder-open-inverse"
        value_class = EventCategoryValue

    def clean(self, value):
        value = super().clean(value)
        stated, counted = value.get("stated_count"), value.count
        if stated is not None and stated != counted:
            error = ValidationError(count_mismatch_message(stated, counted))
            raise StructBlockValidationError(block_errors={"stated_count": error})
        return value


def count_mismatch_message(stated, counted):
    return ngettext(
        "The count as printed is %(stated)d, but %(counted)d event is listed: correct the count "
        "or the list of events.",
        "The count as printed is %(stated)d, but %(counted)d events are listed: correct the "
        "count or the list of events.",
        counted,
    ) % {"stated": stated, "counted": counted}


class TimelineBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Heading"), required=False, max_length=120)
    introduction = blocks.TextBlock(label=_("Introduction"), required=False, max_length=1200)
    categories = blocks.ListBlock(EventCategoryBlock(), label=_("Categories"))

    class Meta:
        label = _("Timeline of events")
        icon = "calendar-alt"
        template = "report/blocks/timeline.html"
        help_text = _(
            "Events of the year by category. Enter each event with its date in any order: the "
            "page lists them by date and counts them."
        )
        description = _("Dated events grouped by category, with their counts.")
        preview_value = {
            "heading": "Représentation et rayonnement",
            "categories": [
                {
                    "name": "Participation à des événements – AGA et autres",
                    "events": [
                        {"date": datetime.date(2021, 6, 3), "title": "AGA CDRQ"},
                        {
                            "date": datetime.date(2021, 10, 28),
                            "title": "AGA Chantier de l'économie sociale",
                        },
                    ],
                }
            ],
        }

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context["category_heading_level"] = part_heading_level(value.get("heading"))
        return context
