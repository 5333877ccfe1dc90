from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = _("Public site")

    def ready(self):
        from home import caching

        # Here, not in the middleware: scheduled publishing and other commands invalidate too.
        caching.connect_signals()
