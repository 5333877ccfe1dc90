"""The report's editor builds what the editor does not see yet only when it is needed:
the timeline's date pickers on first use (report/blocks/dates.py), the body's blocks collapsed
(report/blocks/__init__.py). Each test reads what Wagtail's scripts receive, so that a Wagtail
upgrade that drops an option fails here."""

import datetime
import json

import pytest
from django.core.exceptions import ValidationError
from wagtail.blocks import BlockWidget

from report.blocks import ReportBodyBlock
from report.blocks.dates import LazyDateBlock, LazyDateInput
from report.blocks.timeline import EventBlock


def packed_definition(block):
    """The block's definition as the editor's scripts receive it (Wagtail's telepath JSON)."""
    return json.loads(BlockWidget(block).block_json)


def find_widgets(packed, constructor):
    """Every widget of `packed` made by the script `constructor`, with its arguments."""
    if isinstance(packed, dict):
        if packed.get("_type") == constructor:
            yield packed.get("_args")
        for value in packed.values():
            yield from find_widgets(value, constructor)
    elif isinstance(packed, list):
        for value in packed:
            yield from find_widgets(value, constructor)


def test_a_timeline_event_date_is_a_lazy_date_block():
    date = EventBlock().child_blocks["date"]
    assert isinstance(date, LazyDateBlock)
    assert isinstance(date.field.widget, LazyDateInput)


def test_the_lazy_picker_keeps_wagtails_options_and_adds_lazy_init():
    config = LazyDateInput().get_config()
    assert config["lazyInit"] is True
    assert {"dayOfWeekStart", "format"} <= set(config)


def test_the_editors_script_receives_the_lazy_picker_for_every_event_date():
    pickers = list(find_widgets(packed_definition(EventBlock()), "wagtail.widgets.AdminDateInput"))
    assert pickers, "Wagtail's date input script is no longer wagtail.widgets.AdminDateInput"
    assert all(args[0]["lazyInit"] is True for args in pickers)


def test_the_widget_rendered_outside_a_stream_asks_for_a_lazy_picker_too():
    html = LazyDateInput().render("date", datetime.date(2021, 6, 3), attrs={"id": "id_date"})
    assert 'initDateChooser("id_date"' in html
    assert '"lazyInit": true' in html
    assert 'value="2021-06-03"' in html


def test_a_lazy_date_block_reads_and_checks_dates_as_wagtails():
    block = LazyDateBlock(label="Date")
    assert block.clean("2021-06-03") == datetime.date(2021, 6, 3)
    assert block.to_python("2021-06-03") == datetime.date(2021, 6, 3)
    with pytest.raises(ValidationError):
        block.clean("3 juin")


def test_the_report_body_opens_with_its_blocks_collapsed():
    assert ReportBodyBlock().meta.collapsed is True
    # A stream block's arguments: its name, its child blocks, their initial states, its options.
    options = packed_definition(ReportBodyBlock())["_args"][3]
    assert options["collapsed"] is True
