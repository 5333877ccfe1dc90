"""/health/: what a load balancer and the operators' monitoring ask each application server.

The answer is 503 when the database is unreachable (this server cannot serve pages: take it out
of the pool). An unreachable cache is reported but answers 200: every server shares the same
Redis, the site keeps serving without it (slower), and failing the check would take every
server out of the pool at once.
"""

import logging
import time
import uuid

from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

logger = logging.getLogger(__name__)


def check_database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def check_cache():
    # IGNORE_EXCEPTIONS turns a Redis failure into a silent miss: only a round trip shows it.
    key = f"health-check:{uuid.uuid4().hex}"
    cache.set(key, "ok", timeout=10)
    found = cache.get(key)
    cache.delete(key)
    if found != "ok":
        raise ConnectionError("the cache did not keep a value")


CHECKS = {"database": check_database, "cache": check_cache}
REQUIRED_CHECKS = {"database"}


def run_check(name, check):
    started = time.monotonic()
    try:
        check()
    except Exception as error:  # any failure is the answer, not a crash
        # The details (host names, addresses) go to the log, not to whoever asks.
        logger.error("Health check %s failed: %s: %s", name, type(error).__name__, error)
        return {"ok": False}
    return {"ok": True, "milliseconds": round((time.monotonic() - started) * 1000, 1)}


@never_cache
@require_safe
def health(request):
    results = {name: run_check(name, check) for name, check in CHECKS.items()}
    failed = sorted(name for name, result in results.items() if not result["ok"])
    serving = not (REQUIRED_CHECKS & set(failed))
    status = "ok" if not failed else ("degraded" if serving else "unavailable")
    return JsonResponse(
        {"status": status, "failed": failed, "checks": results},
        status=200 if serving else 503,
    )
