"""Field blocks and validation helpers shared by the report blocks."""

import re
import uuid
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils.text import slugify
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.list_block import ListBlockValidationError, ListValue
from wagtail.blocks.struct_block import BlockGroup, StructBlockValidationError
from wagtail_localize.segments import StringSegmentValue

from cms.comparison import NumberComparison
from home.formatting import labelled
from report import figure_format, spreadsheet

SOURCE_NOTES_FIELDS = ("source", "notes")
LARGEST_AMOUNT = 10**12


class AnchorBlock(blocks.RegexBlock):
    """A section's anchor: its address in the page, translated with the page (#membrariat,
    #membership). wagtail-localize offers only CharBlock and TextBlock for translation by
    itself: a RegexBlock says how it is translated."""

    PATTERN = re.compile(r"^[a-z][a-z0-9-]*$")
    MAX_LENGTH = 60

    def __init__(self, **kwargs):
        super().__init__(
            regex=self.PATTERN.pattern,
            error_messages={
                "invalid": _(
                    "Use lower-case letters without accents, digits and hyphens, starting "
                    "with a letter (e.g. financial-affairs)."
                )
            },
            max_length=self.MAX_LENGTH,
            **kwargs,
        )

    @classmethod
    def is_well_formed(cls, anchor):
        return bool(cls.PATTERN.match(anchor)) and len(anchor) <= cls.MAX_LENGTH

    def get_translatable_segments(self, value):
        return [StringSegmentValue("", value)] if value else []

    def restore_translated_segments(self, value, segments):
        """The translator's anchor made an address, as wagtail-localize makes a translated page's
        slug one (“Financial Affairs” gives financial-affairs): the translation editor saves any
        text. With nothing usable left, the source's anchor stays: a valid one."""
        anchor = slugify(segments[0].render_text()).replace("_", "-").strip("-")
        return anchor if self.is_well_formed(anchor) else value


class SpreadsheetPasteBlock(blocks.TextBlock):
    """Rows pasted from a spreadsheet; parsed into the block's rows when the page is saved.

    Not offered for translation: the block empties it once it has read the rows.
    """

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("label", _("Paste rows from a spreadsheet"))
        kwargs.setdefault("rows", 4)
        super().__init__(**kwargs)

    def get_translatable_segments(self, value):
        return []

    def restore_translated_segments(self, value, segments):
        return value


class NumberField(forms.DecimalField):
    """A DecimalField that also reads numbers as people type them: 4 618 760 $, 8,5, 97 %.

    A text input, because a browser's number input sends nothing at all for “4 618 760”, and
    the editor would be told the field is empty.
    """

    widget = forms.TextInput

    def to_python(self, value):
        if value in self.empty_values:
            return None
        try:
            if isinstance(value, Decimal | int):
                number = Decimal(value)
            else:
                number = spreadsheet.parse_number(value)
        except ValueError as error:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from error
        # 4618760.00 is a whole number of dollars: drop zeros that only look like cents.
        if number == number.to_integral_value():
            return number.to_integral_value()
        return number.normalize()

    def run_validators(self, value):
        """Each message once, where too many digits and too large a value say the same thing."""
        try:
            super().run_validators(value)
        except ValidationError as error:
            raise ValidationError(list(dict.fromkeys(error.messages))) from error


class NumberBlock(blocks.DecimalBlock):
    """A decimal number (key figures, chart values); refuses NaN, infinities and exponents."""

    error_messages = {
        "invalid": _("Enter a number, for example 68577 or 8.5."),
        "max_decimal_places": _("Use at most %(max)s decimal places."),
        "max_digits": _("This number is too large: check the number of digits."),
        "max_whole_digits": _("This number is too large: check the number of digits."),
        "max_value": _("This number is too large: check the number of digits."),
        "min_value": _("This number is too small: it cannot be below %(limit_value)s."),
    }

    def __init__(
        self,
        required=True,
        help_text=None,
        max_value=None,
        min_value=None,
        max_digits=14,
        decimal_places=2,
        **kwargs,
    ):
        super().__init__(
            required=required,
            help_text=help_text,
            max_value=max_value,
            min_value=min_value,
            max_digits=max_digits,
            decimal_places=decimal_places,
            **kwargs,
        )
        # The same limits, with a field that reads typed numbers and says what to fix.
        self.field = NumberField(
            required=required,
            help_text=help_text,
            max_value=max_value,
            min_value=min_value,
            max_digits=max_digits,
            decimal_places=decimal_places,
            error_messages=self.error_messages,
        )


class AmountBlock(NumberBlock):
    """A whole-dollar amount, possibly negative, typed as 4618760, 4 618 760 $ or (29 779)."""

    error_messages = {
        "invalid": _("Enter an amount in dollars, for example 4618760, or -29779 for a deficit."),
        "max_decimal_places": _("Amounts are in whole dollars: leave out the cents."),
        "max_digits": _("This amount is too large: check the number of digits."),
        "max_whole_digits": _("This amount is too large: check the number of digits."),
        "max_value": _("This amount is too large: check the number of digits."),
        "min_value": _("This amount is too large: check the number of digits."),
    }

    def __init__(self, **kwargs):
        kwargs.setdefault("max_digits", 14)
        kwargs.setdefault("decimal_places", 0)
        kwargs.setdefault("min_value", -LARGEST_AMOUNT)
        kwargs.setdefault("max_value", LARGEST_AMOUNT)
        super().__init__(**kwargs)

    def get_comparison_class(self):
        return AmountComparison


class AmountComparison(NumberComparison):
    """An amount in the revisions' comparison as the page writes it: 4 618 760 $, (29 779) $."""

    def display(self, value):
        return figure_format.amount(value)


class NoteNumberBlock(blocks.IntegerBlock):
    """The number of a note of the same block, shown as a superscript link to it."""

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("label", _("Note"))
        kwargs.setdefault("help_text", _("Number of a note below (1, 2, 3…), if any."))
        super().__init__(**kwargs)


unit_choices = [
    ("number", _("number")),
    ("currency", _("dollars")),
    ("percent", _("percent")),
    ("hours", _("hours")),
    ("years", _("years")),
    ("score10", _("score out of 10")),
]


class BlockErrors:
    """Validation messages gathered by path, raised as Wagtail's nested block errors.

    `add(("rows", 2, "note"), message)` shows the message beside the note of the third row.
    """

    LIST_MESSAGES = "__list__"

    def __init__(self):
        self._tree = {}

    def add(self, path, message):
        *parents, field = path
        self._node(parents).setdefault(field, []).append(message)

    def add_to_list(self, path, message):
        """A message about a whole list (e.g. too many rows), shown above its items."""
        self._node(path).setdefault(self.LIST_MESSAGES, []).append(message)

    def raise_if_any(self):
        if self._tree:
            raise self._as_error(self._tree)

    def _node(self, path):
        node = self._tree
        for key in path:
            node = node.setdefault(key, {})
        return node

    def _as_error(self, node):
        if isinstance(node, list):
            return ValidationError(node)
        messages = node.get(self.LIST_MESSAGES)
        children = {
            key: self._as_error(child) for key, child in node.items() if key != self.LIST_MESSAGES
        }
        if messages or any(isinstance(key, int) for key in children):
            return ListBlockValidationError(block_errors=children, non_block_errors=messages)
        return StructBlockValidationError(block_errors=children)


def block_dom_id(prefix, context):
    """An id unique in the page: the stream child's id in a page, else a fresh one (previews)."""
    block_id = (context or {}).get("id") or uuid.uuid4().hex[:12]
    return f"{prefix}-{block_id}"


class SourceNotesBlock(blocks.StructBlock):
    """A block with figures: where they come from, and numbered notes its items can refer to.

    Subclasses list their items' note numbers in `note_references()`, add their own checks in
    `validate_value()`, and set `parse_paste` to fill their `rows` from a `paste` field.
    `clean()` reads the paste, cleans the fields, then runs the checks and reports every problem
    at once, beside its field.
    """

    source = blocks.CharBlock(
        label=_("Source"),
        required=False,
        max_length=250,
        help_text=_(
            "Where the figures come from, shown after “Source:”, e.g. “audited financial "
            "statements”."
        ),
    )
    notes = blocks.ListBlock(
        blocks.TextBlock(label=_("Note"), max_length=600),
        label=_("Notes"),
        default=[],
        help_text=_("Numbered 1, 2, 3… in this order and shown under the block."),
    )

    dom_id_prefix = "figures"
    # A function reading the `paste` field's text into row dicts (see report.spreadsheet).
    parse_paste = None

    def get_form_layout(self):
        if self.meta.form_layout is not None:
            return super().get_form_layout()
        main = [name for name in self.child_blocks if name not in SOURCE_NOTES_FIELDS]
        return BlockGroup(
            [*main, BlockGroup(list(SOURCE_NOTES_FIELDS), heading=_("Source and notes"))]
        )

    def clean(self, value):
        value = super().clean(self.read_paste(value))
        errors = BlockErrors()
        self.validate_notes(value, errors)
        self.validate_value(value, errors)
        errors.raise_if_any()
        return value

    def read_paste(self, value):
        """Pasted lines replace the rows; the paste is emptied once read.

        A pasted row whose label a row of the table has (case and spaces aside) updates that
        row: it keeps the row's id, so its translation, and what the paste does not give (its
        note). Other pasted rows are new rows; rows whose label is not pasted are removed; the
        order is the paste's.
        """
        text = value.get("paste") or ""
        if self.parse_paste is None or not text.strip():
            return value
        try:
            rows = self.parse_paste(text)
        except ValueError as error:
            raise paste_error(str(error)) from error
        if not rows:
            raise paste_error(gettext("No rows were found in the pasted text."))
        list_block = self.child_blocks["rows"]
        row_block = list_block.child_block
        existing = list_block.normalize(value.get("rows") or []).bound_blocks
        matches = spreadsheet.match_labels(
            [(child.value or {}).get("label") for child in existing],
            [row["label"] for row in rows],
        )
        items = []
        for row, match in zip(rows, matches, strict=True):
            kept = None if match is None else existing[match]
            items.append(
                ListValue.ListChild(
                    row_block,
                    pasted_row(row_block, row, kept=None if kept is None else kept.value),
                    id=None if kept is None else kept.id,
                )
            )
        return self.normalize(
            {**value, "rows": ListValue(list_block, bound_blocks=items), "paste": ""}
        )

    def validate_value(self, value, errors):
        """Checks across fields; report each problem with `errors.add(path, message)`."""

    def note_references(self, value):
        """(path to the item, note number) for each item that refers to a note."""
        return []

    def validate_notes(self, value, errors):
        count = len(value.get("notes") or [])
        for path, number in self.note_references(value):
            if number and number > count:
                errors.add(
                    (*path, "note"),
                    _(
                        "There is no note %(number)d under “Notes”: add it there, or leave "
                        "this number empty."
                    )
                    % {"number": number},
                )

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context["dom_id"] = block_dom_id(self.dom_id_prefix, parent_context)
        return context


def paste_error(message):
    return StructBlockValidationError(block_errors={"paste": ValidationError(message)})


def pasted_row(row_block, row, kept=None):
    """A pasted row checked as if typed; a problem is reported on the paste, naming the row.

    The fields the paste does not give are those of `kept`, the row it updates, if any.
    """
    row = {
        name: child.get_default() if kept is None else kept.get(name, child.get_default())
        for name, child in row_block.child_blocks.items()
    } | row
    try:
        return row_block.clean(row_block.normalize(row))
    except StructBlockValidationError as error:
        # Each problem is a sentence of its own ("Réel : Ce montant…. Budget : …").
        problems = " ".join(
            labelled(row_block.child_blocks[name].label, " ".join(problem.messages))
            for name, problem in error.block_errors.items()
        )
        raise paste_error(
            gettext("The pasted row “%(label)s” cannot be saved: %(problems)s")
            % {"label": row["label"], "problems": problems}
        ) from error
