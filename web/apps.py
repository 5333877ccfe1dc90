import logging

from django.apps import AppConfig
from django.db import DatabaseError
from django.db.models.signals import post_migrate

logger = logging.getLogger(__name__)


class WebConfig(AppConfig):
    """The HTTP edge: page cache, security headers, locale redirects, errors, health, API."""

    name = "web"

    def ready(self):
        from web import caching

        # Here, not in the middleware: scheduled publishing and other commands invalidate too.
        caching.connect_signals()
        post_migrate.connect(renew_after_migrating, sender=self)


def renew_after_migrating(**kwargs):
    """A migration may change what pages show (its data, with the code deployed beside it), and
    its models are not those whose changes invalidate: every cached page is made again."""
    from web import invalidation

    try:
        invalidation.site_changed()
    except DatabaseError as error:  # Migrated only part of the way: no generation table yet.
        logger.warning("The page cache's generation was not renewed: %s", error)
