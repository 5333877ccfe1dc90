"""Tests of the report app, and helpers shared by the tests of its figure, money and chart blocks.

The helpers do what Wagtail does with a block: render it for a visitor in one language, clean
what an editor posts in the admin form, and extract what wagtail-localize offers translators.
"""

import datetime
import re
import uuid
from types import SimpleNamespace

from django.core.exceptions import ValidationError
from django.test import RequestFactory
from django.utils import translation
from wagtail import blocks
from wagtail.test.utils.form_data import nested_form_data
from wagtail_localize.segments import StringSegmentValue
from wagtail_localize.segments.extract import StreamFieldSegmentExtractor

# Stands in for the report page in the parent context: blocks only read its fiscal year.
REPORT_2021_2022 = SimpleNamespace(
    fiscal_year_start=datetime.date(2021, 4, 1), fiscal_year_end=datetime.date(2022, 3, 31)
)
NBSP = "\u00a0"
# The two rows of the 2021-2022 statement of operations, as the seed prints them.
REVENUES = {
    "label": "Produits",
    "kind": "revenue",
    "actual": "4618760",
    "budget": "4598552",
    "previous_actual": "4571674",
    "next_budget": "5786386",
    "note": None,
}
EXPENSES = {
    "label": "Frais d’exploitation",
    "kind": "expense",
    "actual": "4648539",
    "budget": "4550351",
    "previous_actual": "4023699",
    "next_budget": "5728258",
    "note": None,
}


def fold(html):
    """HTML with runs of layout white space folded; no-break spaces are kept, they are content."""
    return re.sub(r"[ \t\r\n]+", " ", str(html)).strip()


def render(block, value, language, page=REPORT_2021_2022, **context):
    """The block as a visitor reading `language` sees it, rendered in a report page."""
    context = {"page": page, "request": RequestFactory().get("/"), **context}
    if page is None:
        del context["page"]
    with translation.override(language):
        return fold(block.render(value, context=context))


def clean_errors(block, value, language="en"):
    """The error an editor gets for `value`; its `block_errors` point at the fields."""
    with translation.override(language):
        try:
            block.clean(value)
        except blocks.StructBlockValidationError as error:
            return error
    raise AssertionError("the value was accepted")


def messages(error, language="en"):
    """Every message of an error, nested errors included, as text in `language`."""
    with translation.override(language):
        if isinstance(error, blocks.StructBlockValidationError | blocks.ListBlockValidationError):
            nested = [messages(child, language) for child in error.block_errors.values()]
            own = [" ".join(item.messages) for item in error.non_block_errors.as_data()]
            return " ".join([*own, *nested])
        assert isinstance(error, ValidationError)
        return " ".join(str(message) for message in error.messages)


def list_form(items):
    """A ListBlock's items as its admin form posts them."""
    return {
        "count": len(items),
        **{
            str(index): {"deleted": "", "order": index, "value": item, "id": ""}
            for index, item in enumerate(items)
        },
    }


def post(block, form, language="en"):
    """Clean `form` as the admin does with a posted block; returns the value or the error."""
    data = nested_form_data({"block": form})
    value = block.value_from_datadict(data, {}, "block")
    with translation.override(language):
        try:
            return block.clean(value)
        except blocks.StructBlockValidationError as error:
            return error


def stored_list(items):
    """A ListBlock's items as the database stores them (with ids, as wagtail-localize needs)."""
    return [{"type": "item", "value": item, "id": str(uuid.uuid4())} for item in items]


def translatable_strings(block, raw_value):
    """The text wagtail-localize offers translators for this block in a page's StreamField."""
    stream_block = blocks.StreamBlock([("item", block)])
    value = stream_block.to_python([{"type": "item", "value": raw_value, "id": "block-id"}])
    segments = StreamFieldSegmentExtractor(field=None).handle_stream_block(value)
    strings = [segment for segment in segments if isinstance(segment, StringSegmentValue)]
    return sorted(segment.string.data for segment in strings if segment.string.data)
