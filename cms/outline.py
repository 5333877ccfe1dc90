"""A stream of blocks that the page editor shows as an outline, each block's form drawn when the
editor opens it.

Wagtail draws every field of a StreamField in the browser as the editor loads, collapsed or not:
the demonstration report (25 blocks, some 760 fields) took two to three times as long to open as
a small page, most of it in scripting (docs/performance.md, "The admin on a whole report").
`OutlineStreamBlock` keeps Wagtail's collapsed outline (each block's type and summary) but draws a
StructBlock's form, or a rich text's editor, only when its panel is first opened, when it has an
error to show, or when a comment is attached inside it.

Until then the block posts its stored value back unchanged, as JSON in one hidden field
(`<prefix>-outline`), which `value_from_datadict` reads with the block's own `to_python`; the
block's `clean` validates it as it validates typed fields. An opened block whose fields the editor
has not changed posts its stored value in the same way (the script replaces its fields in the
form's data, `formdata` event), so that opening a block to read it neither counts as an edit for
Wagtail's unsaved-changes warning nor triggers an autosave.

Rich text must reach the server through its editor's conversion (Draftail's content to HTML,
which keeps only the features the field allows). A rich text of the stream is therefore drawn on
open only if its stored HTML is what Draftail itself gives for it (`is_draftail_output`: the
conversion to the editor's content and back leaves it unchanged), and HTML posted back is refused
(400) unless it passes the same test; a StructBlock holding rich text is drawn at once.

Extension points used: a StructBlock adapter with its own `js_constructor` (Wagtail's documented
way to give a block custom JavaScript: the script subclasses
`window.wagtailStreamField.blocks.StructBlockDefinition`, and the same for a rich text with
`FieldBlockDefinition`), and `get_form_state` /
`value_from_datadict`, the public methods that carry a block's value to and from the form.
What the script relies on beyond them (the `wagtail:panel-toggle` event of Wagtail's collapsible
panels, the methods Wagtail calls on a block object, the `comments-data` script) is checked by
tests/browser/test_outline_editor.py, which fails if an upgrade changes it.
"""

import json
import re

from django import forms
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.functional import cached_property
from django.utils.html import strip_tags
from wagtail import blocks
from wagtail.admin.staticfiles import versioned_static
from wagtail.admin.telepath import register, registry
from wagtail.blocks.field_block import FieldBlockAdapter
from wagtail.blocks.struct_block import StructBlockAdapter

from cms.streamfield import UNREADABLE_DATA_ERRORS, GuardedStreamBlock, MalformedFormData

STORED_VALUE_SUFFIX = "outline"
# A field named in a StructBlock's label_format, as Wagtail's script finds it.
LABEL_FIELD = re.compile(r"\{(\w+)\}")
# What a block's to_python raises on JSON of the wrong shape (a list where it reads a dict...).
UNREADABLE_VALUE_ERRORS = (*UNREADABLE_DATA_ERRORS, AttributeError)


class OutlineStructBlockAdapter(StructBlockAdapter):
    """Wagtail's StructBlock definition, drawn on first open when its state says so (see the
    script); any other state is drawn at once, as by Wagtail's own definition."""

    js_constructor = "cms.blocks.OutlineStructBlock"

    @cached_property
    def media(self):
        return super().media + forms.Media(js=[versioned_static("cms/js/outline-blocks.js")])


class OutlineRichTextBlockAdapter(FieldBlockAdapter):
    """Wagtail's rich text block definition, drawn on first open when its state says so: a rich
    text of the stream itself, whose stored HTML Draftail's conversion gives back unchanged."""

    js_constructor = "cms.blocks.OutlineRichTextBlock"

    @cached_property
    def media(self):
        return super().media + forms.Media(js=[versioned_static("cms/js/outline-blocks.js")])


OUTLINE_ADAPTER = OutlineStructBlockAdapter()
OUTLINE_RICH_TEXT_ADAPTER = OutlineRichTextBlockAdapter()
# The keys Draftail gives the paragraphs of a rich text (five letters or digits).
DRAFTAIL_BLOCK_KEY = re.compile(r' data-block-key="[a-z0-9]{1,16}"')


def draws_on_open(block):
    adapter = registry.find_adapter(type(block))
    if isinstance(adapter, OutlineRichTextBlockAdapter):
        return True
    return isinstance(adapter, OutlineStructBlockAdapter) and not holds_rich_text(block)


def is_draftail_output(block, html):
    """Whether `html` is what the block's editor (Draftail) posts for it: its conversion of the
    HTML to the editor's content and back gives the same HTML, but for the keys Draftail gives
    the paragraphs. Any element, attribute or link that the block's features do not allow
    would not survive the conversion. Stored HTML that passes can be posted back as it is."""
    converter = getattr(block.field.widget, "converter", None)
    if converter is None or not isinstance(html, str):
        return False
    try:
        converted = converter.to_database_format(converter.from_database_format(html))
    except Exception:  # Wagtail's converter asserts on HTML it cannot read: not its own.
        return False
    return DRAFTAIL_BLOCK_KEY.sub("", converted) == DRAFTAIL_BLOCK_KEY.sub("", html)


def holds_rich_text(block):
    """Whether rich text is among the block's fields, at any depth. Such a block is drawn at
    once: rich text must reach the server through the editor's conversion (Draftail's
    content to HTML, which keeps only the features the field allows), never as stored HTML
    posted back."""
    if isinstance(block, blocks.RichTextBlock):
        return True
    if isinstance(block, blocks.ListBlock):
        return holds_rich_text(block.child_block)
    if isinstance(block, (blocks.StructBlock, blocks.StreamBlock)):
        return any(holds_rich_text(child) for child in block.child_blocks.values())
    return False


class OutlineStreamBlock(GuardedStreamBlock):
    """A stream whose StructBlocks open collapsed and are drawn when opened (module docstring)."""

    class Meta:
        collapsed = True

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for child in self.child_blocks.values():
            # A StructBlock class with an adapter of its own (Wagtail's ImageBlock) keeps it;
            # Wagtail's StructBlock itself (a block declared inline) too, or every StructBlock
            # of the site would take this adapter.
            adapter = registry.find_adapter(type(child))
            if (
                type(adapter) is StructBlockAdapter
                and type(child) is not blocks.StructBlock
                and not holds_rich_text(child)
            ):
                register(OUTLINE_ADAPTER, type(child))
            # The same for a rich text of the project's own class: drawn at once, as Wagtail
            # draws it, wherever its state is not an outline (any stream but this one).
            elif (
                type(adapter) is FieldBlockAdapter
                and isinstance(child, blocks.RichTextBlock)
                and type(child) is not blocks.RichTextBlock
            ):
                register(OUTLINE_RICH_TEXT_ADAPTER, type(child))

    def get_form_state(self, value):
        states = super().get_form_state(value)
        if not self.meta.collapsed:
            return states
        for state, child in zip(states, value or (), strict=True):
            if not draws_on_open(child.block):
                continue
            if isinstance(child.block, blocks.RichTextBlock):
                html = child.block.get_prep_value(child.value)
                if is_draftail_output(child.block, html):
                    state["value"] = rich_text_outline_state(html, state["value"])
            else:
                state["value"] = outline_state(child.block, child.value, state["value"])
        return states

    def value_from_datadict(self, data, files, prefix):
        unopened = self.unopened_children(data, prefix)
        if not unopened:
            return super().value_from_datadict(data, files, prefix)
        # Wagtail reads the drawn children (the unopened ones marked deleted for it), then the
        # unopened ones go back to their places.
        drawn_data = data.copy()
        for position in unopened:
            drawn_data[f"{prefix}-{position}-deleted"] = "1"
        drawn = super().value_from_datadict(drawn_data, files, prefix)
        try:
            drawn_orders = sorted(
                int(data[f"{prefix}-{position}-order"])
                for position in self.live_positions(data, prefix)
                if position not in unopened
            )
            children = [
                (order, child.block_type, child.value, child.id)
                for order, child in zip(drawn_orders, drawn, strict=True)
            ]
        except UNREADABLE_DATA_ERRORS as error:
            raise MalformedFormData(f"Unreadable StreamField data under {prefix!r}") from error
        children.extend(unopened.values())
        children.sort(key=lambda child: child[0])
        return blocks.StreamValue(self, [child[1:] for child in children])

    def live_positions(self, data, prefix):
        """Positions of the posted children that are neither deleted nor of an unknown type."""
        return [
            position
            for position in range(int(data[f"{prefix}-count"]))
            if not data.get(f"{prefix}-{position}-deleted")
            and data.get(f"{prefix}-{position}-type") in self.child_blocks
        ]

    def unopened_children(self, data, prefix):
        """{position: (order, type, value, id)} of the children posted as their stored value."""
        try:
            self.refuse_unknown_block_types(data, prefix)
            unopened = {}
            for position in self.live_positions(data, prefix):
                stored = data.get(f"{prefix}-{position}-value-{STORED_VALUE_SUFFIX}")
                if stored is None:
                    continue
                block_type = data[f"{prefix}-{position}-type"]
                child_block = self.child_blocks[block_type]
                if not draws_on_open(child_block):
                    raise ValueError(f"{block_type!r} is always drawn")
                raw = json.loads(stored)
                if isinstance(child_block, blocks.RichTextBlock):
                    if not is_draftail_output(child_block, raw):
                        raise ValueError(f"not the editor's rich text: {stored[:80]!r}")
                elif not isinstance(raw, dict):
                    raise TypeError(f"not a structure: {stored[:80]!r}")
                value = child_block.to_python(raw)
                unopened[position] = (
                    int(data[f"{prefix}-{position}-order"]),
                    block_type,
                    value,
                    data.get(f"{prefix}-{position}-id"),
                )
            return unopened
        except UNREADABLE_VALUE_ERRORS as error:
            raise MalformedFormData(
                f"Unreadable stored block value under {prefix!r}: {error!r}"
            ) from error


def outline_state(block, value, form_state):
    """What the script receives for a block drawn on open: the form state Wagtail would have
    given it, the stored value to post back, and the text of each field for the summary."""
    return {
        "outline": True,
        "state": form_state,
        "stored": stored_value(block, value),
        "labels": {name: field_label(block.child_blocks[name], value.get(name)) for name in value},
    }


def rich_text_outline_state(html, form_state):
    """What the script receives for a rich text drawn on open: the editor's content that Wagtail
    would have given it (the script reads the heading's text from it, as Draftail does) and the
    stored HTML to post back (as `stored_value` gives it: JSON)."""
    return {"outline": True, "state": form_state, "stored": json.dumps(html, ensure_ascii=False)}


def stored_value(block, value):
    """The block's value as the page stores it (StreamField's JSON), to post back unchanged."""
    return json.dumps(block.get_prep_value(value), cls=DjangoJSONEncoder, ensure_ascii=False)


def field_label(block, value):
    """A field's text for the heading; a list's as the text of each item, which the script
    joins as Wagtail's ListBlock does (as many items as the heading's length allows)."""
    if isinstance(block, blocks.ListBlock):
        return [label for item in value or () if (label := text_label(block.child_block, item))]
    return text_label(block, value)


def text_label(block, value):
    """The text of a value as Wagtail's scripts summarise it in a collapsed block's heading
    (`getTextLabel`), untruncated: the script truncates as Wagtail does."""
    if value is None or value == "":
        return ""
    if isinstance(block, blocks.StructBlock):
        labels = {name: text_label(block.child_blocks[name], value.get(name)) for name in value}
        if isinstance(block.meta.label_format, str):
            return LABEL_FIELD.sub(lambda field: labels.get(field[1], ""), block.meta.label_format)
        return next((label for label in labels.values() if label), "")
    if isinstance(block, blocks.ListBlock):
        return ", ".join(label for item in value if (label := text_label(block.child_block, item)))
    if isinstance(block, blocks.StreamBlock):
        return ""
    if isinstance(block, blocks.RichTextBlock):
        return " ".join(strip_tags(getattr(value, "source", str(value))).split())
    if isinstance(block, blocks.BooleanBlock):
        return ""
    if isinstance(block, blocks.ChoiceBlock):
        return str(dict(block.field.choices).get(value, value))
    if isinstance(block, blocks.DateBlock) and hasattr(value, "isoformat"):
        return value.isoformat()  # As the date field shows it; a mistyped date as typed.
    return " ".join(str(value).split())
