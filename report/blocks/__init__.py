"""The blocks an annual report is composed of (see docs/report-blocks.md)."""

from django.utils.translation import gettext_lazy as _

from cms.outline import OutlineStreamBlock
from home.blocks import (
    CallToActionBlock,
    ContactDetailsBlock,
    DocumentBlock,
    ImageBlock,
    QuoteBlock,
    RichTextBlock,
)
from report.blocks.charts import ChartBlock
from report.blocks.figures import KeyFiguresBlock, SocialMediaBlock
from report.blocks.financial import FinancialTableBlock
from report.blocks.lists import ObjectivesBlock, OrderedListBlock
from report.blocks.people import BoardCompositionBlock, NewMembersBlock, ReportPagesBlock
from report.blocks.sections import SectionBlock
from report.blocks.timeline import TimelineBlock


class ReportBodyBlock(OutlineStreamBlock):
    section = SectionBlock()
    text = RichTextBlock()
    key_figures = KeyFiguresBlock()
    financial_table = FinancialTableBlock()
    chart = ChartBlock()
    timeline = TimelineBlock()
    objectives = ObjectivesBlock()
    ordered_list = OrderedListBlock()
    board = BoardCompositionBlock()
    new_members = NewMembersBlock()
    report_pages = ReportPagesBlock()
    social_media = SocialMediaBlock()
    quote = QuoteBlock()
    image = ImageBlock()
    document = DocumentBlock()
    call_to_action = CallToActionBlock()
    contact_details = ContactDetailsBlock()

    class Meta:
        # The editor opens on an outline of the report (each block's label and summary) and
        # opens the block to change, whose form is drawn then (cms/outline.py): the editor and
        # its preview panel stay responsive on a whole report (docs/performance.md).
        collapsed = True
        help_text = _(
            "Start each part of the report with a section block: the table of contents is "
            "built from them."
        )
