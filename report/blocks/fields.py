"""Small field blocks shared by the report blocks."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks


class AnchorBlock(blocks.RegexBlock):
    """A section's anchor: data, not text, so it stays the same in every language."""

    def __init__(self, **kwargs):
        super().__init__(
            regex=r"^[a-z][a-z0-9-]*$",
            error_messages={
                "invalid": _(
                    "Use lower-case letters without accents, digits and hyphens, starting "
                    "with a letter (e.g. financial-affairs)."
                )
            },
            max_length=60,
            **kwargs,
        )

    def get_translatable_segments(self, value):
        return []


class SpreadsheetPasteBlock(blocks.TextBlock):
    """Rows pasted from a spreadsheet; parsed into the block's rows when the page is saved."""

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("label", _("paste rows from a spreadsheet"))
        kwargs.setdefault("rows", 4)
        super().__init__(**kwargs)

    def get_translatable_segments(self, value):
        return []


class AmountBlock(blocks.DecimalBlock):
    """A whole-dollar amount, possibly negative."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_digits", 14)
        kwargs.setdefault("decimal_places", 0)
        kwargs.setdefault("min_value", -(10**12))
        kwargs.setdefault("max_value", 10**12)
        super().__init__(**kwargs)


unit_choices = [
    ("number", _("number")),
    ("currency", _("dollars")),
    ("percent", _("percent")),
    ("hours", _("hours")),
    ("years", _("years")),
    ("score10", _("score out of 10")),
]
