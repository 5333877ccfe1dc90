"""Revision comparisons that read like the page, in the admin user's language.

Wagtail's revisions compare view (also reached from the workflow's "Compare with the previous
version" links) diffs each StreamField block it does not know (numbers, choices, booleans,
dates…) as the text of `render_basic`: the Direction read stored values (`hours`, `more_than`,
`None`, `True`) and changed numbers run together ("6857770125": 68577 struck, 70125 added).

Here every value is written as the page writes it, in the active language (the compare view
runs in the user's admin language): numbers grouped ("68 577" / "68,577"), choices by their
label, Oui/Non, dates in words, an empty value as "—"; a changed value reads "old → new", the
old in <del>, the new in <ins>. Structs, lists and streams recurse through this module's lookup
(`comparison_class_for_block`) instead of Wagtail's, and the items of a list are matched by their
id, else by their label (a row deleted and typed again, or rebuilt by a script, gets a new id:
it is still the same row of the table).

Wagtail 8.0.1 offers `Block.get_comparison_class()` as the extension point, but its
`StreamFieldComparison` ignores it for a field's top stream block, so this module also
registers (`register`, from CmsConfig.ready), for every StreamField, a field comparison that
honours it. What it relies on beyond
that (undocumented names of `wagtail.admin.compare`, `ListChild.original_id`) is marked
"Wagtail internals" and checked by tests/report/test_comparison.py.
"""

from babel import numbers as babel_numbers
from django.utils import formats, timezone
from django.utils.encoding import force_str
from django.utils.html import escape, format_html, format_html_join
from django.utils.text import capfirst
from django.utils.translation import gettext
from wagtail import blocks
from wagtail.admin import compare
from wagtail.blocks.field_block import BaseChoiceBlock
from wagtail.fields import StreamField
from wagtail.utils.text import text_from_html

from cms.languages import babel_locale

EMPTY = "—"
# The field of a list item that names it, as a table row's label: the first one it has.
ITEM_NAME_FIELDS = ("label", "name", "network", "title", "text")


def is_empty(value):
    return value is None or value == "" or (isinstance(value, list | tuple) and not value)


def changed_html(old_text, new_text):
    """“old → new”; the spans keep the colours of Wagtail's comparison stylesheet."""
    return format_html(
        '<del><span class="deletion">{}</span></del> \u2192 '
        '<ins><span class="addition">{}</span></ins>',
        old_text,
        new_text,
    )


def format_number(value):
    """68 577 / 68,577; decimals as many as the value has (8,5 / 8.5), none for 68577.00."""
    return babel_numbers.format_decimal(value, locale=babel_locale(), decimal_quantization=False)


# Values


class ValueComparison(compare.BlockComparison):
    """A single value, written as the page writes it; a change reads “old → new”."""

    def display(self, value):
        """The text of a value that is not empty."""
        return text_from_html(self.block.render_basic(value))

    def is_empty(self, value):
        return is_empty(value)

    def text(self, value):
        return EMPTY if self.is_empty(value) else self.display(value)

    def has_changed(self):
        if self.is_empty(self.val_a) and self.is_empty(self.val_b):
            return False
        return self.val_a != self.val_b

    def htmlvalue(self, val):
        return escape(self.text(val))

    def htmldiff(self):
        if not self.has_changed():
            return self.htmlvalue(self.val_a)
        return changed_html(self.text(self.val_a), self.text(self.val_b))


class NumberComparison(ValueComparison):
    def display(self, value):
        return format_number(value)


class ChoiceComparison(ValueComparison):
    """A choice by its label, in the admin's language; several choices joined by commas."""

    def display(self, value):
        if isinstance(value, list | tuple):
            return ", ".join(self.label_of(choice) for choice in value)
        return self.label_of(value)

    def label_of(self, choice):
        labels = dict(flat_choices(self.block.field.choices))
        return force_str(labels.get(force_str(choice), choice))


def flat_choices(choices):
    """(value as text, label) of each choice, optgroups opened."""
    for value, label in choices:
        if isinstance(label, list | tuple):
            yield from flat_choices(label)
        else:
            yield force_str(value), label


class BooleanComparison(ValueComparison):
    def display(self, value):
        return gettext("Yes") if value else gettext("No")


class DateComparison(ValueComparison):
    def display(self, value):
        return formats.date_format(value)


class DateTimeComparison(ValueComparison):
    def display(self, value):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return formats.date_format(value, "DATETIME_FORMAT")


class TimeComparison(ValueComparison):
    def display(self, value):
        return formats.time_format(value)


class TextComparison(ValueComparison):
    """Text changed word by word, as Wagtail does; to or from empty, “— → text”."""

    def display(self, value):
        return force_str(value)

    def htmldiff(self):
        if not self.has_changed() or self.is_empty(self.val_a) or self.is_empty(self.val_b):
            return super().htmldiff()
        return compare.diff_text(self.display(self.val_a), self.display(self.val_b)).to_html()


class RichTextComparison(TextComparison):
    """Rich text compared as its text, as Wagtail does."""

    def display(self, value):
        return text_from_html(self.block.render_basic(value))

    def is_empty(self, value):
        return value is None or not self.display(value)

    def has_changed(self):
        # RichText values compare by identity: compare what the reader reads.
        return self.text(self.val_a) != self.text(self.val_b)


class StaticComparison(ValueComparison):
    """A block without a value (contact details): named by its label."""

    def has_changed(self):
        return False

    def htmlvalue(self, val):
        return escape(capfirst(force_str(self.block.label)))


# Blocks made of blocks


class ReadableStructBlockComparison(compare.StructBlockComparison):
    """Wagtail's, with each field compared through `comparison_class_for_block`."""

    def htmlvalue(self, val):
        return definition_list(
            (
                block.label,
                child_comparison(block, True, True, val[name], val[name]).htmlvalue(val[name]),
            )
            for name, block in self.block.child_blocks.items()
        )

    def htmldiff(self):
        return definition_list(
            (
                block.label,
                child_comparison(
                    block, self.exists_a, self.exists_b, self.val_a[name], self.val_b[name]
                ).htmldiff(),
            )
            for name, block in self.block.child_blocks.items()
        )


def definition_list(labelled_html):
    """(label, html) pairs in the markup of Wagtail's struct and stream comparisons."""
    return format_html(
        "<dl>\n{}\n</dl>",
        format_html_join("\n", "    <dt>{}</dt>\n    <dd>{}</dd>", labelled_html),
    )


def child_comparison(block, exists_a, exists_b, val_a, val_b):
    return comparison_class_for_block(block)(block, exists_a, exists_b, val_a, val_b)


class ReadableStreamBlockComparison(compare.StreamBlockComparison):
    """Wagtail's, with each child compared through `comparison_class_for_block`.

    Children are matched by their id, which a stream child keeps from revision to revision.
    """

    def get_block_comparisons(self):
        # Wagtail internals: BaseSequenceBlockComparison.htmldiff() renders what this returns.
        old, new = list(self.val_a or []), list(self.val_b or [])
        return sequence_comparisons(old, new, [stream_child_id])

    def htmlvalue(self, val):
        return definition_list(
            (
                child.block.label,
                child_comparison(child.block, True, True, child.value, child.value).htmlvalue(
                    child.value
                ),
            )
            for child in (val or [])
        )


def stream_child_id(child, position):
    return (child.block_type, child.id) if child.id else None


class ReadableListBlockComparison(compare.ListBlockComparison):
    """Items compared through `comparison_class_for_block`, matched as the same row by their id,
    else by their name (`ITEM_NAME_FIELDS`, or a plain text item's text), else, where a list was
    stored before items had ids, by their order.
    """

    def get_block_comparisons(self):
        # Wagtail internals: BaseSequenceBlockComparison.htmldiff() renders what this returns.
        old, new = list_children(self.val_a), list_children(self.val_b)
        # As Wagtail does: a list stored before items had ids is compared by position.
        stored_with_ids = any(map(has_stored_id, old)) and any(map(has_stored_id, new))
        return sequence_comparisons(
            old, new, [list_item_id, list_item_name], rest_in_order=not stored_with_ids
        )

    def htmlvalue(self, val):
        """Each item as Wagtail's sequences show an unchanged one (not `render_basic`'s text)."""
        items = (
            child_comparison(child.block, True, True, child.value, child.value).htmlvalue(
                child.value
            )
            for child in list_children(val)
        )
        return format_html_join(
            "\n", '<div class="comparison__child-object">{}</div>', ((item,) for item in items)
        )


def list_children(value):
    return [] if value is None else list(value.bound_blocks)


def has_stored_id(child):
    # Wagtail internals: `original_id` is the id the item was stored with (None when the item
    # had none and was given a fresh one on loading).
    return bool(child.original_id)


def list_item_id(child, position):
    return child.original_id if has_stored_id(child) else None


def list_item_name(child, position):
    value = child.value
    if isinstance(value, blocks.StructValue):
        name_field = next((field for field in ITEM_NAME_FIELDS if field in value), None)
        value = None if name_field is None else value[name_field]
    if not isinstance(value, str):
        return None
    # Case and spacing aside, as a pasted row is matched to the table's (report.spreadsheet).
    return " ".join(value.casefold().split()) or None


def matched_positions(old, new, identities, rest_in_order=False):
    """For each new child, the position of the old child it is, or None if it is new.

    `identities` are tried in turn on the children not matched yet: each a function of
    (child, position) giving a key or None (unknown); children with the same key are the same,
    in order when several share it. Each old child is matched once at most. With
    `rest_in_order`, the children still unmatched are then paired in their order.
    """
    matches = [None] * len(new)
    unmatched = set(range(len(old)))
    for identity in identities:
        waiting = {}
        for position in sorted(unmatched):
            key = identity(old[position], position)
            if key is not None:
                waiting.setdefault(key, []).append(position)
        for position, child in enumerate(new):
            if matches[position] is not None:
                continue
            key = identity(child, position)
            if waiting.get(key):
                matches[position] = waiting[key].pop(0)
                unmatched.discard(matches[position])
    if rest_in_order:
        unmatched_new = [position for position, match in enumerate(matches) if match is None]
        for position, match in zip(unmatched_new, sorted(unmatched), strict=False):
            matches[position] = match
    return matches


def paired_children(old, new, identities, rest_in_order=False):
    """(old child or None, new child or None) in the new order; a removed child comes right
    after the child that came before it in the old order."""
    matches = matched_positions(old, new, identities, rest_in_order)
    pairs = [
        (match, None if match is None else old[match], child)
        for match, child in zip(matches, new, strict=True)
    ]
    for position in sorted(set(range(len(old))) - set(matches)):
        before = next((index for index, pair in enumerate(pairs) if pair[0] == position - 1), -1)
        pairs.insert(before + 1, (position, old[position], None))
    return [(old_child, new_child) for _position, old_child, new_child in pairs]


def sequence_comparisons(old, new, identities, rest_in_order=False):
    comparisons = []
    for old_child, new_child in paired_children(old, new, identities, rest_in_order):
        block = (new_child or old_child).block
        comparisons.append(
            child_comparison(
                block,
                old_child is not None,
                new_child is not None,
                None if old_child is None else old_child.value,
                None if new_child is None else new_child.value,
            )
        )
    return comparisons


# The lookup

# The first class that a block is an instance of gives its comparison.
COMPARISONS_BY_BLOCK_CLASS = (
    (blocks.BooleanBlock, BooleanComparison),
    (BaseChoiceBlock, ChoiceComparison),
    ((blocks.DecimalBlock, blocks.IntegerBlock, blocks.FloatBlock), NumberComparison),
    (blocks.DateTimeBlock, DateTimeComparison),
    (blocks.DateBlock, DateComparison),
    (blocks.TimeBlock, TimeComparison),
    ((blocks.CharBlock, blocks.TextBlock, blocks.RawHTMLBlock), TextComparison),
    (blocks.RichTextBlock, RichTextComparison),
    (blocks.StaticBlock, StaticComparison),
    (blocks.StructBlock, ReadableStructBlockComparison),
    (blocks.StreamBlock, ReadableStreamBlockComparison),
    (blocks.ListBlock, ReadableListBlockComparison),
)


def comparison_class_for_block(block):
    """The block's own comparison if it has one (images…), else the readable one for its kind;
    any other block (links, chosen pages and documents…) is compared as its rendered text."""
    if hasattr(block, "get_comparison_class"):
        return block.get_comparison_class()
    for block_class, comparison_class in COMPARISONS_BY_BLOCK_CLASS:
        if isinstance(block, block_class):
            return comparison_class
    return ValueComparison


class ReadableStreamFieldComparison(compare.StreamFieldComparison):
    """A StreamField compared with its stream block's comparison class.

    Wagtail's own always uses its StreamBlockComparison for the top stream block, whatever the
    block's `get_comparison_class()` says (Wagtail 8.0.1).
    """

    def htmldiff(self):
        # Wagtail internals: has_block_ids() is how Wagtail's own decides that the revisions
        # can be compared block by block (else it diffs their text).
        if not (self.has_block_ids(self.val_a) and self.has_block_ids(self.val_b)):
            return super().htmldiff()
        stream_block = self.field.stream_block
        return child_comparison(stream_block, True, True, self.val_a, self.val_b).htmldiff()


def register():
    """Replace Wagtail's comparison of every StreamField with `ReadableStreamFieldComparison`.

    Wagtail internals: `register_comparison_class` is how wagtail.admin.compare registers its
    own field comparisons (not documented); registered later (from CmsConfig.ready, once
    wagtail.admin.compare has registered its own), this one wins.
    """
    compare.register_comparison_class(StreamField, comparison_class=ReadableStreamFieldComparison)
