from django.apps import AppConfig


class EditorialConfig(AppConfig):
    """What serves editors and approvers across apps: translation status and tools."""

    name = "editorial"
