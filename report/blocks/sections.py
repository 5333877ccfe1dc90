"""Sections of a report: the headings its blocks are grouped under and its contents are built from.

An editor types a section's heading once; the page's table of contents, its section menu and
the grouping of the following blocks are all derived from the `section` blocks of the body.
"""

from collections import Counter
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError

from report.blocks.fields import AnchorBlock

# Sections are <h2>; a block's own heading is the level below, its parts the level below that.
BLOCK_HEADING_LEVEL = 3


def part_heading_level(block_heading):
    """The heading level of a block's parts (categories, meetings): never skip a level."""
    return BLOCK_HEADING_LEVEL + 1 if block_heading else BLOCK_HEADING_LEVEL


class SectionBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Heading"), max_length=120)
    anchor = AnchorBlock(
        label=_("Anchor"),
        help_text=_(
            "The section's address in the page (e.g. financial-affairs): short, unique in the "
            "report. Translators give it in their language; an address in another language "
            "still leads to the section."
        ),
    )
    introduction = blocks.TextBlock(
        label=_("Introduction"),
        required=False,
        max_length=1200,
        help_text=_("Optional: a few sentences under the heading."),
    )

    class Meta:
        label = _("Section")
        icon = "title"
        template = "report/blocks/section.html"
        help_text = _(
            "Starts a part of the report: the blocks that follow belong to it until the next "
            "section, and its heading is listed in the table of contents."
        )
        description = _("A section heading, listed in the report's table of contents.")
        preview_value = {
            "heading": "Vie associative",
            "anchor": "vie-associative",
            "introduction": (
                "Le Consortium a accueilli de nouveaux membres et participé aux rencontres de "
                "ses réseaux tout au long de l'exercice."
            ),
        }


@dataclass
class ReportSection:
    """A section heading block and the blocks that follow it, up to the next section.

    `heading_block` is None for the blocks placed before the first section.
    """

    heading_block: blocks.StreamValue.StreamChild | None
    blocks: list = field(default_factory=list)
    # {language code: this section's anchor in the page's translation into that language}
    anchors_in_other_languages: dict = field(default_factory=dict)
    # Those anchors that no other id of the page uses: an address made in another language
    # (/en/…/#membrariat) still leads to the section.
    other_language_targets: list = field(default_factory=list)
    # The section's number in the table of contents (1 for the first section); None before it.
    number: int | None = None

    @property
    def anchor(self):
        return self.heading_block.value["anchor"] if self.heading_block else None

    @property
    def heading(self):
        return self.heading_block.value["heading"] if self.heading_block else None


def is_section(child):
    # By block class rather than by name, so that the helpers do not depend on the key the
    # page's StreamBlock gives to sections.
    return isinstance(child.block, SectionBlock)


def group_into_sections(stream_value):
    """The body as a list of ReportSection, in order; leading blocks form a section of their own."""
    groups = []
    for child in stream_value:
        if is_section(child):
            number = sum(1 for group in groups if group.heading_block) + 1
            groups.append(ReportSection(heading_block=child, number=number))
        elif groups:
            groups[-1].blocks.append(child)
        else:
            groups.append(ReportSection(heading_block=None, blocks=[child]))
    return groups


def stored_section_anchors(stream_value):
    """{block id: anchor} of the body's sections, read from its stored data: another language's
    page is read only for its anchors, so its blocks (images, people) are never built."""
    return {block_id: anchor for block_id, anchor, _heading in stored_sections(stream_value)}


def stored_sections(stream_value):
    """[(block id, anchor, heading)] of the body's sections in order, from its stored data."""
    section_types = {
        name
        for name, block in stream_value.stream_block.child_blocks.items()
        if isinstance(block, SectionBlock)
    }
    return [
        (child["id"], child["value"].get("anchor"), child["value"].get("heading", ""))
        for child in stream_value.raw_data
        if child["type"] in section_types
    ]


def link_other_languages(groups, anchors_by_language):
    """Give each section of `groups` its anchors in the page's translations.

    `anchors_by_language` is {language code: stored_section_anchors(that translation's body)}:
    wagtail-localize gives a block the same id in every language, so a section is found in
    each translation by its id.
    """
    taken = {group.anchor for group in groups if group.heading_block}
    for group in groups:
        if group.heading_block is None:
            continue
        for language, anchors in anchors_by_language.items():
            anchor = anchors.get(group.heading_block.id)
            if not anchor:
                continue
            group.anchors_in_other_languages[language] = anchor
            if anchor not in taken:
                taken.add(anchor)
                group.other_language_targets.append(anchor)
    return groups


def table_of_contents(stream_value):
    """[(anchor, heading)] of the body's sections, in order."""
    sections = (child.value for child in stream_value if is_section(child))
    return [(section["anchor"], section["heading"]) for section in sections]


def duplicate_anchors(stream_value):
    """The anchors used by more than one section, in the order they first appear."""
    counts = Counter(anchor for anchor, _heading in table_of_contents(stream_value))
    return [anchor for anchor, count in counts.items() if count > 1]


def give_repeated_anchors_their_source(stream_value, source_anchors):
    """A translation's sections whose anchors repeat take their source's anchors back.

    A translator may type one section's anchor for another ("Introduction" twice); the source's
    anchors are unique (its clean() refuses a repeat), so putting them back, as often as a
    restored one meets a translated one, ends with unique anchors. Every path that publishes a
    translation (wagtail-localize's editor, the report's release, the one-screen translation)
    cleans the page: none can publish two targets with one address, nor fail on it.
    `source_anchors` is `stored_section_anchors(source body)`. Returns the anchors replaced.
    """
    replaced = []
    while repeated := set(duplicate_anchors(stream_value)):
        changed = False
        for child in stream_value:
            anchor = child.value["anchor"] if is_section(child) else None
            source_anchor = source_anchors.get(child.id)
            if anchor in repeated and source_anchor and source_anchor != anchor:
                child.value["anchor"] = source_anchor
                replaced.append(anchor)
                changed = True
        if not changed:
            break
    return replaced


def duplicate_anchor_errors(stream_value):
    """{block index: error on its anchor} for each section repeating an earlier section's anchor.

    Shaped for `StreamBlockValidationError(block_errors=...)`, so that the page's clean() can
    show the message beside the anchor field of the second section, not at the top of the form.
    """
    seen = set()
    errors = {}
    for index, child in enumerate(stream_value):
        if not is_section(child):
            continue
        anchor = child.value["anchor"]
        if anchor in seen:
            message = gettext(
                "Another section of this report already uses the anchor “%(anchor)s”: give this "
                "section a different one."
            ) % {"anchor": anchor}
            errors[index] = StructBlockValidationError(
                block_errors={"anchor": ValidationError(message)}
            )
        seen.add(anchor)
    return errors
