"""Dated events of the year, by category: the counts and the order come from the dates entered."""

import datetime

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError

from report.blocks.dates import LazyDateBlock
from report.blocks.sections import part_heading_level


class EventBlock(blocks.StructBlock):
    # A timeline has dozens of events: each picker is built when the editor opens it.
    date = LazyDateBlock(label=_("Date"))
    title = blocks.CharBlock(label=_("Event"), max_length=250)

    class Meta:
        label = _("Event")
        icon = "date"


class EventCategoryValue(blocks.StructValue):
    @property
    def count(self):
        return len(self["events"])

    @property
    def events_in_date_order(self):
        # sorted() is stable: events on the same day keep the order the editor gave them.
        return sorted(self["events"], key=lambda event: event["date"])


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
