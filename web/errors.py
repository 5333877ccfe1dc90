"""The project's 404 and 500 handlers (config/urls.py); the 503 of an outage: database_outage."""

import sys

from django.http import HttpResponse
from django.shortcuts import render
from django.template import loader

from web.database_outage import DATABASE_OUTAGE_ERRORS, service_unavailable_response


def page_not_found(request, exception):
    return render(request, "404.html", status=404)


def server_error(request):
    # No database or context processors here: the error may come from them.
    if isinstance(sys.exc_info()[1], DATABASE_OUTAGE_ERRORS):
        # Raised outside a view (a middleware saving the session, say), where
        # DatabaseOutageMiddleware cannot see it: still an outage, not a bug.
        return service_unavailable_response()
    return HttpResponse(loader.get_template("500.html").render(), status=500)
