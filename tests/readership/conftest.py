"""A reader's browser, the two stores (the database alone, or Redis then the database), and what
they hold once the servers' buffers are written.

Redis is the machine's, at REDIS_URL_FOR_TESTS, under a key prefix of each test's own, deleted
after it. Without Redis the Redis half of the tests is skipped with the reason, except under CI
(CI=true), where that is a failure.
"""

import os
import uuid
from decimal import Decimal

import pytest
import redis
from django.test import Client

from readership import stores
from readership.models import ReadershipCount
from readership.recorder import recorder
from readership.views import forget_report_sections
from report.models import ReportYearPage
from tests.report.conftest import report, report_index  # noqa: F401 (fixtures)

REDIS_URL_FOR_TESTS = os.environ.get("READERSHIP_TEST_REDIS_URL", "redis://127.0.0.1:6379/0")
UNDER_CI = os.environ.get("CI", "").lower() == "true"
FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"


@pytest.fixture(autouse=True)
def nothing_counted_before(settings):
    """Each test starts from empty buffers, and without Redis unless it asks for it."""
    settings.REDIS_URL = ""
    recorder.discard()
    forget_report_sections()
    yield
    recorder.discard()
    forget_report_sections()


@pytest.fixture
def reader():
    """A visitor's browser: the test client sends no user agent, which is a robot's."""
    return Client(headers={"User-Agent": FIREFOX})


def redis_reachable():
    try:
        return bool(redis.Redis.from_url(REDIS_URL_FOR_TESTS, socket_connect_timeout=1).ping())
    except redis.RedisError:
        return False


@pytest.fixture
def redis_store(settings):
    """Redis as with REDIS_URL, under a prefix of the test's own; its keys deleted after."""
    if not redis_reachable():
        message = f"Redis is not reachable at {REDIS_URL_FOR_TESTS}"
        if UNDER_CI:
            pytest.fail(f"{message} (required under CI)")
        pytest.skip(message)
    settings.REDIS_URL = REDIS_URL_FOR_TESTS
    settings.CACHE_KEY_PREFIX = f"readership-test-{uuid.uuid4().hex[:12]}"
    client = redis.Redis.from_url(REDIS_URL_FOR_TESTS)
    yield client
    for key in client.scan_iter(f"{settings.CACHE_KEY_PREFIX}:*"):
        client.delete(key)


@pytest.fixture(params=["database", "redis"])
def store(request, db):
    """Each test that takes it runs twice: without REDIS_URL, and with it."""
    if request.param == "redis":
        request.getfixturevalue("redis_store")
    return request.param


def counted():
    """{(page_id, language, kind, detail): count} once every buffer and Redis are written."""
    recorder.flush()
    stores.move_redis_counts()
    totals = {}
    for row in ReadershipCount.objects.all():
        key = (row.page_id, row.language, row.kind, row.detail)
        totals[key] = totals.get(key, 0) + row.count
    return totals


KEY_FIGURES = {
    "heading": "Faits saillants",
    "figures": [
        {
            "value": Decimal(68577),
            "unit": "hours",
            "qualifier": "",
            "label": "Heures de services rendues",
            "previous_value": None,
            "note": None,
        }
    ],
    "source": "",
    "notes": [],
}


@pytest.fixture
def data_report(report):  # noqa: F811 (the fixture imported above)
    """The light report of tests/report/conftest.py, with a block whose data is downloadable."""
    report.body.append(("key_figures", KEY_FIGURES))
    report.save_revision().publish()
    return ReportYearPage.objects.get(pk=report.pk)
