"""Where the counts go (readership/recorder.py, readership/stores.py, readership/retention.py):
added up in bulk in the database (SQLite here; PostgreSQL when DATABASE_URL names one), through
Redis shared by several servers, kept when nothing can be written, rolled up by month, and
holding nothing that identifies a visitor.

URLs that feed the counters here: /fr/a-propos/ (a view and its referring site), /fr/recherche/,
POST /readership/sections/.
"""

import datetime
import json

import pytest
from django.core.management import call_command
from django.utils import timezone

from readership import retention, stores
from readership.models import Kind, Period, ReadershipCount
from readership.recorder import MAX_PENDING_KEYS, Recorder, recorder
from tests.readership.conftest import counted

pytestmark = pytest.mark.django_db

DAY = datetime.date(2026, 3, 14)


def key(page_id=7, language="fr", kind=Kind.VIEW, detail="", day=DAY):
    return (day, page_id, language, kind, detail)


def rows():
    return {
        (row.period, row.day, row.page_id, row.language, row.kind, row.detail): row.count
        for row in ReadershipCount.objects.all()
    }


# The database


def test_each_flush_adds_to_the_rows_it_finds():
    stores.DatabaseStore().add({key(): 3, key(language="en"): 1})
    stores.DatabaseStore().add({key(): 2, key(kind=Kind.PDF): 1})

    assert rows() == {
        (Period.DAY, DAY, 7, "fr", Kind.VIEW, ""): 5,
        (Period.DAY, DAY, 7, "en", Kind.VIEW, ""): 1,
        (Period.DAY, DAY, 7, "fr", Kind.PDF, ""): 1,
    }


def test_a_flush_of_many_counters_is_written_in_several_statements(django_assert_num_queries):
    counts = {key(page_id=page_id): page_id for page_id in range(1, 1201)}

    # Three INSERTs of at most 500 rows (and a savepoint's two statements around them).
    with django_assert_num_queries(5):
        stores.DatabaseStore().add(counts)
    stores.DatabaseStore().add(counts)

    assert ReadershipCount.objects.count() == 1200
    assert ReadershipCount.objects.get(page_id=1200).count == 2400


def test_the_recorder_writes_once_for_many_counts(django_assert_num_queries):
    server = Recorder(stores=stores.DatabaseStore)
    for _ in range(1000):
        server.add(key())
    server.add(key(language="en"))

    with django_assert_num_queries(3):
        assert server.flush() == 2
    assert server.flush() == 0
    assert rows()[(Period.DAY, DAY, 7, "fr", Kind.VIEW, "")] == 1000


class RefusingStore:
    def add(self, counts):
        raise ConnectionError("the database is down")


def test_counts_that_cannot_be_written_are_kept_for_the_next_flush(monkeypatch):
    server = Recorder(stores=RefusingStore)
    server.add(key(), 2)

    assert server.flush() == 0
    server.add(key(), 1)
    assert server.pending() == {key(): 3}

    server._stores = stores.DatabaseStore
    assert server.flush() == 1
    assert rows() == {(Period.DAY, DAY, 7, "fr", Kind.VIEW, ""): 3}


def test_counts_kept_while_nothing_is_written_are_bounded(monkeypatch):
    monkeypatch.setattr("readership.recorder.MAX_PENDING_KEYS", 10)
    server = Recorder(stores=RefusingStore)
    for page_id in range(25):
        server.add(key(page_id=page_id))

    server.flush()

    assert len(server.pending()) == 10 < MAX_PENDING_KEYS


# Redis: several servers


def test_two_servers_sharing_one_redis_add_up(redis_store, settings):
    first, second = Recorder(), Recorder()
    for _ in range(3):
        first.add(key())
    second.add(key(), 2)
    second.add(key(kind=Kind.SECTION, detail="introduction"))

    first.flush()  # Moves what Redis holds: the first to take the minute's lock.
    second.flush()  # Adds to Redis: another server moved a moment ago.
    assert ReadershipCount.objects.get(kind=Kind.VIEW).count == 3

    assert stores.move_redis_counts() == 2
    assert rows() == {
        (Period.DAY, DAY, 7, "fr", Kind.VIEW, ""): 5,
        (Period.DAY, DAY, 7, "fr", Kind.SECTION, "introduction"): 1,
    }
    assert list(redis_store.scan_iter(f"{settings.CACHE_KEY_PREFIX}:readership:day:*")) == []
    assert stores.move_redis_counts() == 0


def test_counts_in_redis_go_back_when_the_database_refuses_them(redis_store, monkeypatch):
    stores.configured().add({key(): 4})

    def refuse(rows):
        raise ConnectionError("the database is down")

    monkeypatch.setattr("readership.stores.add_to_database", refuse)
    with pytest.raises(ConnectionError):
        stores.move_redis_counts()
    monkeypatch.undo()

    assert stores.move_redis_counts() == 1
    assert rows() == {(Period.DAY, DAY, 7, "fr", Kind.VIEW, ""): 4}


def test_counts_go_to_the_database_while_redis_does_not_answer(settings):
    settings.REDIS_URL = "redis://127.0.0.1:1/0"  # Nothing listens on port 1.
    server = Recorder()
    server.add(key(), 2)

    assert server.flush() == 1
    assert rows() == {(Period.DAY, DAY, 7, "fr", Kind.VIEW, ""): 2}


def test_the_move_command_moves_redis_counts(redis_store):
    stores.configured().add({key(): 4})

    call_command("move_readership_counts", stdout=None)

    assert rows() == {(Period.DAY, DAY, 7, "fr", Kind.VIEW, ""): 4}


# Nothing personal


IP_ADDRESS = "203.0.113.77"
USER_AGENT = "Mozilla/5.0 (X11; Linux x86_64) Gecko/20100101 Firefox/128.0 DistinctiveAgent/9.9"
COOKIE = "cookie-secret-4242"
REFERRER_PATH = "secret-path-9731"
DISTINCTIVE = [IP_ADDRESS, "DistinctiveAgent", COOKIE, REFERRER_PATH, "utm_secret"]


def test_nothing_that_identifies_a_visitor_is_stored(reader, report, store, settings):
    """A visit with a distinctive address, user agent, cookie and referring address: every
    stored row, and every Redis key, field and value, holds none of them."""
    reader.cookies["tracking"] = COOKIE
    headers = {
        "User-Agent": USER_AGENT,
        "Referer": f"https://news.example.org/{REFERRER_PATH}?utm_secret=1",
        "X-Forwarded-For": IP_ADDRESS,
        "Origin": "http://testserver",
    }
    extra = {"REMOTE_ADDR": IP_ADDRESS}
    assert reader.get(report.url, headers=headers, **extra).status_code == 200
    reader.get("/fr/recherche/", {"q": "rapport"}, headers=headers, **extra)
    beacon = json.dumps({"page": report.pk, "sections": ["introduction"]})
    reader.post("/readership/sections/", beacon, "text/plain", headers=headers, **extra)

    if store == "redis":
        stores.configured().add(recorder.pending())
        recorder.discard()
        assert_nothing_distinctive_in(redis_contents(settings))
    totals = counted()

    assert (report.pk, "fr", Kind.REFERRER, "news.example.org") in totals
    assert (report.pk, "fr", Kind.SECTION, "introduction") in totals
    stored = [
        [str(value) for value in row]
        for row in ReadershipCount.objects.values_list(
            "id", "period", "day", "page_id", "language", "kind", "detail", "count"
        )
    ]
    assert len(stored) == 4
    assert_nothing_distinctive_in(" ".join(" ".join(row) for row in stored))


def redis_contents(settings):
    import redis

    client = redis.Redis.from_url(settings.REDIS_URL, decode_responses=True)
    texts = []
    for redis_key in client.scan_iter(f"{settings.CACHE_KEY_PREFIX}:*"):
        texts.append(redis_key)
        kind = client.type(redis_key)
        if kind == "hash":
            texts.extend(f"{field} {value}" for field, value in client.hgetall(redis_key).items())
        elif kind == "set":
            texts.extend(client.smembers(redis_key))
        else:
            texts.append(str(client.get(redis_key)))
    assert any("news.example.org" in text for text in texts)  # It did hold the visit.
    return " ".join(texts)


def assert_nothing_distinctive_in(text):
    assert [value for value in DISTINCTIVE if value.lower() in text.lower()] == []


# Retention


def old_row(day, count, period=Period.DAY, language="fr", kind=Kind.VIEW, detail=""):
    return ReadershipCount.objects.create(
        period=period, day=day, page_id=7, language=language, kind=kind, detail=detail, count=count
    )


def totals_by_key():
    totals = {}
    for row in ReadershipCount.objects.all():
        row_key = (row.page_id, row.language, row.kind, row.detail)
        totals[row_key] = totals.get(row_key, 0) + row.count
    return totals


def test_daily_counts_older_than_the_retention_are_rolled_up_by_month(settings):
    settings.READERSHIP_RETENTION_MONTHS = 25
    today = datetime.date(2026, 11, 26)
    assert retention.first_kept_day(today) == datetime.date(2024, 10, 1)
    old_row(datetime.date(2024, 9, 3), 3)
    old_row(datetime.date(2024, 9, 30), 4)
    old_row(datetime.date(2024, 9, 12), 2, language="en")
    old_row(datetime.date(2024, 8, 31), 1, kind=Kind.SEARCH_EMPTY, detail="rapport")
    old_row(datetime.date(2024, 9, 1), 10, period=Period.MONTH)  # Rolled up before.
    old_row(datetime.date(2024, 10, 1), 7)  # Kept by day.
    before = totals_by_key()

    assert retention.roll_up(today) == (4, 3)

    assert totals_by_key() == before
    assert rows() == {
        (Period.MONTH, datetime.date(2024, 9, 1), 7, "fr", Kind.VIEW, ""): 17,
        (Period.MONTH, datetime.date(2024, 9, 1), 7, "en", Kind.VIEW, ""): 2,
        (Period.MONTH, datetime.date(2024, 8, 1), 7, "fr", Kind.SEARCH_EMPTY, "rapport"): 1,
        (Period.DAY, datetime.date(2024, 10, 1), 7, "fr", Kind.VIEW, ""): 7,
    }
    rolled_once = rows()

    assert retention.roll_up(today) == (0, 0)
    assert rows() == rolled_once


def test_the_roll_up_command_keeps_the_retention_setting(settings):
    settings.READERSHIP_RETENTION_MONTHS = 2
    today = timezone.localdate()
    recent = today.replace(day=1)
    long_ago = today - datetime.timedelta(days=200)
    old_row(recent, 5)
    old_row(long_ago, 6)

    call_command("rollup_readership", stdout=None)
    call_command("rollup_readership", stdout=None)

    assert rows() == {
        (Period.DAY, recent, 7, "fr", Kind.VIEW, ""): 5,
        (Period.MONTH, long_ago.replace(day=1), 7, "fr", Kind.VIEW, ""): 6,
    }
