from django.apps import AppConfig


class WebConfig(AppConfig):
    """The HTTP edge: page cache, security headers, locale redirects, errors, health, API."""

    name = "web"

    def ready(self):
        from web import caching

        # Here, not in the middleware: scheduled publishing and other commands invalidate too.
        caching.connect_signals()
