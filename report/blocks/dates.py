"""Date blocks whose picker is built when the editor opens it, not when the editor loads.

Wagtail's date picker (jQuery datetimepicker) builds a calendar of some 250 elements for each
date field as the page editor loads, hidden until the field is focused. The demonstration
report's timeline has some seventy dated events: their pickers made 17,000 of the editor's
28,000 elements and about 0.6 s of its scripting (docs/performance.md, "The admin on a whole
report"). The picker's own `lazyInit` option builds it on the field's first focus, click or
touch instead; typing a date works as before.
"""

from django import forms
from django.utils.functional import cached_property
from wagtail import blocks
from wagtail.admin.widgets import AdminDateInput


class LazyDateInput(AdminDateInput):
    """Wagtail's date input, its picker built on first use.

    Wagtail 8's AdminDateInput takes no picker options: its `get_config()` gives them, to the
    block's script (telepath) and to the widget's template alike (tests/report/test_dates.py)."""

    def get_config(self):
        return {**super().get_config(), "lazyInit": True}


class LazyDateBlock(blocks.DateBlock):
    """A DateBlock with `LazyDateInput`: the same field as Wagtail's (Wagtail 8.0.1's
    `DateBlock.field`), with the lazy widget."""

    @cached_property
    def field(self):
        return forms.DateField(widget=LazyDateInput(format=self.format), **self.field_options)
