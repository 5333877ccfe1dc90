from django.apps import AppConfig


class CmsConfig(AppConfig):
    """What changes Wagtail's own behaviour: re-check this app on every Wagtail upgrade."""

    name = "cms"

    def ready(self):
        from cms import comparison, privacy, requested_changes

        comparison.register()
        # Here, not in a view: translations, aliases and commands change privacy too.
        privacy.connect()
        requested_changes.connect()
