"""Wagtail's `publish_scheduled` in one transaction.

A report approved for a date is scheduled with its messages, projects and translations for the
same time (report/release.py): they go live, and expire, together when this command runs, so
that no visitor sees the report without its pages, or its pages without the report. If one
publication fails, none of this run's is kept; the next run tries again.
"""

from django.db import transaction
from wagtail.management.commands.publish_scheduled import Command as WagtailPublishScheduled


class Command(WagtailPublishScheduled):
    help = "Publish the pages whose go-live date has passed, unpublish the expired, all at once."

    def handle(self, *args, **options):
        with transaction.atomic():
            super().handle(*args, **options)
