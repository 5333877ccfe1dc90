"""Objectives with their status, and ordered lists such as strategic orientations."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError

OBJECTIVE_STATUSES = [
    ("achieved", _("Achieved")),
    ("in_progress", _("In progress")),
    ("not_achieved", _("Not achieved")),
    ("planned", _("Planned")),
]

# Decorative: the status is always written out beside it, so colour and shape are never the
# only cue (WCAG 1.4.1); screen readers skip the icon. An objective whose status the report does
# not give has a plain bullet and no status.
STATUS_ICONS = {"achieved": "✓", "in_progress": "◐", "not_achieved": "✕", "planned": "○"}
NO_STATUS_ICON = "•"


def require_items(block, value, field_name, message):
    """Reject an empty list with a message beside it, unless the editor is saving a draft."""
    list_block = block.child_blocks[field_name]
    if not value.get(field_name) and not list_block.is_deferred_validation:
        raise StructBlockValidationError(block_errors={field_name: ValidationError(message)})


class ObjectiveValue(blocks.StructValue):
    @property
    def status_label(self):
        return dict(OBJECTIVE_STATUSES).get(self["status"], "")

    @property
    def status_icon(self):
        return STATUS_ICONS.get(self["status"], NO_STATUS_ICON)


class ObjectiveBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Objective"), max_length=300)
    # No default: a status is a fact the report states, never one the form supplies.
    status = blocks.ChoiceBlock(
        label=_("Status"),
        choices=OBJECTIVE_STATUSES,
        required=False,
        help_text=_("Leave empty when the report does not say: no status is shown."),
    )

    class Meta:
        label = _("Objective")
        icon = "tick-inverse"
        value_class = ObjectiveValue


class ObjectivesBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Heading"), required=False, max_length=120)
    objectives = blocks.ListBlock(ObjectiveBlock(), label=_("Objectives"), min_num=1)

    class Meta:
        label = _("Objectives")
        icon = "tasks"
        template = "report/blocks/objectives.html"
        help_text = _(
            "The year's objectives, each with its status (achieved, in progress, not achieved, "
            "planned) where the report gives one, shown in words."
        )
        description = _("A list of objectives, each with its status.")
        preview_value = {
            "heading": "Objectifs de l'exercice",
            "objectives": [
                {"text": "Diversification des utilisateurs de services", "status": "achieved"},
                {"text": "Amélioration de la marge bénéficiaire", "status": "achieved"},
            ],
        }

    def clean(self, value):
        require_items(self, value, "objectives", _("Add at least one objective."))
        return super().clean(value)


class OrderedListBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Heading"), required=False, max_length=120)
    introduction = blocks.TextBlock(label=_("Introduction"), required=False, max_length=1200)
    items = blocks.ListBlock(
        blocks.CharBlock(label=_("Item"), max_length=300), label=_("Items"), min_num=1
    )

    class Meta:
        label = _("Numbered list")
        icon = "list-ol"
        template = "report/blocks/ordered_list.html"
        help_text = _("Items whose order matters, numbered 1, 2, 3… (e.g. strategic orientations).")
        description = _("A numbered list with an optional heading and introduction.")
        preview_value = {
            "heading": "Orientations stratégiques",
            "items": [
                "Développer une stratégie de développement et d’ancrage territorial",
                "Redynamiser les relations avec les réseaux coopératifs et mutualistes",
            ],
        }

    def clean(self, value):
        require_items(self, value, "items", _("Add at least one item to the list."))
        return super().clean(value)
