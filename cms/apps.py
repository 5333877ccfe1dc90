from django.apps import AppConfig


class CmsConfig(AppConfig):
    """What changes Wagtail's own behaviour: re-check this app on every Wagtail upgrade."""

    name = "cms"
