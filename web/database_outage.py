"""While the database is unreachable, visitors get the site's 503 page instead of a 500.

A PostgreSQL restart or failover lasts seconds: 503 with Retry-After tells visitors, crawlers
and the load balancer that the page will come back, and it is not reported as a bug.
"""

import logging

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template import loader

logger = logging.getLogger(__name__)

DATABASE_OUTAGE_ERRORS = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 30


def service_unavailable_response():
    # No request context: its context processors read the site settings from the database.
    template = loader.select_template(["503.html", "500.html"])
    response = HttpResponse(template.render(), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


class DatabaseOutageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, DATABASE_OUTAGE_ERRORS) or settings.DEBUG:
            return None
        # One line per request, no traceback: an outage must not flood the logs.
        logger.error(
            "Database unavailable, answered 503 to %s %s: %s",
            request.method,
            request.path,
            exception,
        )
        return service_unavailable_response()
