"""Building the POST data of Wagtail admin forms, as the editor's browser sends it."""

from wagtail import blocks
from wagtail.test.utils.form_data import nested_form_data, rich_text


def block_form_data(block, value):
    """The nested form data of `value` for `block` (pass to nested_form_data)."""
    if isinstance(block, blocks.StreamBlock):
        return {
            "count": len(value),
            **{
                str(position): {
                    "type": name,
                    "value": block_form_data(block.child_blocks[name], child_value),
                    "deleted": "",
                    "order": position,
                    "id": "",
                }
                for position, (name, child_value) in enumerate(value)
            },
        }
    if isinstance(block, blocks.ListBlock):
        value = value or []
        return {
            "count": len(value),
            **{
                str(position): {
                    "value": block_form_data(block.child_block, item),
                    "deleted": "",
                    "order": position,
                    "id": "",
                }
                for position, item in enumerate(value)
            },
        }
    if isinstance(block, blocks.StructBlock):
        value = value or {}
        return {
            name: block_form_data(child, value.get(name))
            for name, child in block.child_blocks.items()
            if not (isinstance(child, blocks.BooleanBlock) and not value.get(name))
        }
    if isinstance(block, blocks.StaticBlock):
        return ""
    if isinstance(block, blocks.RichTextBlock):
        return rich_text(value or "")
    if isinstance(block, blocks.BooleanBlock):
        return "on" if value else ""
    if value is None:
        return ""
    return str(value)


def report_form(body, **fields):
    """The edit form of the 2021-2022 report with `body`, as an editor posts it."""
    # Imported here: this module serves tests of every app.
    from report.models import ReportYearPage

    data = {
        "title": "Rapport annuel 2021-2022",
        "slug": "2021-2022",
        "fiscal_year_start": "2021-04-01",
        "fiscal_year_end": "2022-03-31",
        "general_assembly_date": "2022-10-14",
        "theme": "L’audace de s’adapter",
        "introduction": "Une année de croissance.",
        "body": block_form_data(ReportYearPage.body.field.stream_block, body),
        **fields,
    }
    return nested_form_data(data)
