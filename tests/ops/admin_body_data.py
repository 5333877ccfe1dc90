"""The StreamField fields of a page's edit form, as the admin's scripts would post them.

Run in a process that uses the servers' database (`manage.py shell -c`): the two-server test
reads the rest of the edit form from its HTML, but the StreamField's inputs are built by the
admin's scripts, which the test does not run.
"""

import json

from wagtail import blocks
from wagtail.models import Page
from wagtail.test.utils.form_data import nested_form_data

from tests.admin_forms import block_form_data


def plain_value(block, raw):
    """The stored JSON of a block turned into the values block_form_data expects."""
    if isinstance(block, blocks.StreamBlock):
        return [
            (item["type"], plain_value(block.child_blocks[item["type"]], item["value"]))
            for item in raw
        ]
    if isinstance(block, blocks.ListBlock):
        return [plain_value(block.child_block, item["value"]) for item in raw]
    if isinstance(block, blocks.StructBlock):
        return {
            name: plain_value(child, (raw or {}).get(name))
            for name, child in block.child_blocks.items()
        }
    return raw


def print_body_form_data(page_id, field_name="body"):
    stream = getattr(Page.objects.get(id=page_id).specific, field_name)
    value = plain_value(stream.stream_block, stream.raw_data)
    data = nested_form_data({field_name: block_form_data(stream.stream_block, value)})
    print(json.dumps(data))
