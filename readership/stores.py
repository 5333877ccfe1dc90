"""Where a process's counts go: the database, or Redis shared by every server, then the database.

Without REDIS_URL, each flush adds its counts to the table with one statement:
`INSERT … ON CONFLICT (key) DO UPDATE SET count = count + excluded.count`, which SQLite (3.24 and
later) and PostgreSQL both run; Django's `bulk_create(update_conflicts=…)` can only overwrite.
The rows are sorted, so that two servers adding to the same rows lock them in the same order.

With REDIS_URL, each flush adds its counts to Redis (HINCRBY, one pipeline, under the cache key
prefix), where the servers' counts add up: a hash per day, `<prefix>:readership:day:<date>`,
whose fields are the rest of the key (JSON), and a set of the days waiting. Once a minute one
server (the first to take `<prefix>:readership:moving`, which expires after the minute) moves
them into the database: each day's hash is read and deleted in one transaction, then added to
the table; if the database refuses, the counts go back into Redis. `manage.py
move_readership_counts` does the same at once. If Redis does not answer, a flush writes into
the database directly: the counts add up there the same way.
"""

import json
import logging
from datetime import date

from django.conf import settings
from django.db import connection, transaction

from readership.models import Period, ReadershipCount

logger = logging.getLogger(__name__)

# Rows per statement: SQLite takes 32766 parameters, each row has seven.
ROWS_PER_STATEMENT = 500
KEY_FIELDS = ("period", "day", "page_id", "language", "kind", "detail")
REDIS_TIMEOUT_SECONDS = 0.5


def configured():
    if getattr(settings, "REDIS_URL", ""):
        return RedisStore(settings.REDIS_URL, redis_prefix())
    return DatabaseStore()


def redis_prefix():
    return f"{getattr(settings, 'CACHE_KEY_PREFIX', '') or 'consortium'}:readership"


def move_redis_counts():
    """Redis' counters into the database now (the command, or an admin report that must be exact
    to the minute). Returns the number of counters moved; 0 without Redis."""
    store = configured()
    return store.move_to_database() if isinstance(store, RedisStore) else 0


# The database


def add_to_database(rows):
    """Add (period, day, page_id, language, kind, detail, count) rows to the table."""
    rows = sorted(rows)
    table = connection.ops.quote_name(ReadershipCount._meta.db_table)
    columns = ", ".join(connection.ops.quote_name(name) for name in (*KEY_FIELDS, "count"))
    key = ", ".join(
        connection.ops.quote_name(ReadershipCount._meta.get_field(name).column)
        for name in ("kind", "day", "page_id", "language", "detail", "period")
    )
    quoted_count = connection.ops.quote_name("count")
    with transaction.atomic():
        for start in range(0, len(rows), ROWS_PER_STATEMENT):
            chunk = rows[start : start + ROWS_PER_STATEMENT]
            values = ", ".join(["(%s, %s, %s, %s, %s, %s, %s)"] * len(chunk))
            parameters = [
                connection.ops.adapt_datefield_value(value) if isinstance(value, date) else value
                for row in chunk
                for value in row
            ]
            with connection.cursor() as cursor:
                cursor.execute(
                    f"INSERT INTO {table} ({columns}) VALUES {values} "
                    f"ON CONFLICT ({key}) DO UPDATE "
                    f"SET {quoted_count} = {table}.{quoted_count} + excluded.{quoted_count}",
                    parameters,
                )


def daily_rows(counts):
    """{(day, page_id, language, kind, detail): count} as the table's rows."""
    return [(Period.DAY, *key, amount) for key, amount in counts.items()]


class DatabaseStore:
    def add(self, counts):
        add_to_database(daily_rows(counts))


# Redis


_clients = {}


def redis_client(url):
    """One client (and connection pool) per process and URL; short timeouts: a Redis that does
    not answer must not hold the flush, which then writes into the database."""
    import redis

    client = _clients.get(url)
    if client is None:
        client = redis.Redis.from_url(
            url,
            socket_connect_timeout=REDIS_TIMEOUT_SECONDS,
            socket_timeout=REDIS_TIMEOUT_SECONDS,
        )
        _clients[url] = client
    return client


class RedisStore:
    def __init__(self, url, prefix):
        self.client = redis_client(url)
        self.prefix = prefix
        self.days_key = f"{prefix}:days"
        self.lock_key = f"{prefix}:moving"

    def day_key(self, day_text):
        return f"{self.prefix}:day:{day_text}"

    def add(self, counts):
        import redis

        try:
            self.add_to_redis(counts)
        except redis.RedisError as error:
            logger.warning(
                "Redis did not take the readership counts (%s): into the database", error
            )
            DatabaseStore().add(counts)

    def add_to_redis(self, counts):
        # A transaction: a mover never sees a day's counter without the day in the set.
        pipeline = self.client.pipeline(transaction=True)
        for (day, page_id, language, kind, detail), amount in counts.items():
            field = json.dumps([page_id, language, kind, detail], ensure_ascii=False)
            pipeline.hincrby(self.day_key(day.isoformat()), field, amount)
            pipeline.sadd(self.days_key, day.isoformat())
        pipeline.execute()

    def move_when_lock_won(self):
        """Move the counters if no server has in the last READERSHIP_MOVE_SECONDS."""
        from readership.recorder import DEFAULT_MOVE_SECONDS

        seconds = getattr(settings, "READERSHIP_MOVE_SECONDS", DEFAULT_MOVE_SECONDS)
        if self.client.set(self.lock_key, "1", nx=True, ex=max(1, int(seconds))):
            return self.move_to_database()
        return 0

    def move_to_database(self):
        moved = 0
        for day_text in sorted(day.decode() for day in self.client.smembers(self.days_key)):
            counts = self.take_day(day_text)
            if not counts:
                continue
            try:
                add_to_database(daily_rows(counts))
            except Exception:
                self.add_to_redis(counts)  # Back where they were, for the next move.
                raise
            moved += len(counts)
        return moved

    def take_day(self, day_text):
        """The day's counters, read and deleted at once: a counter added meanwhile is either
        taken now or left for the next move, never lost nor taken twice."""
        pipeline = self.client.pipeline(transaction=True)
        pipeline.hgetall(self.day_key(day_text))
        pipeline.delete(self.day_key(day_text))
        pipeline.srem(self.days_key, day_text)
        fields, _deleted, _removed = pipeline.execute()
        day = date.fromisoformat(day_text)
        counts = {}
        for field, amount in fields.items():
            page_id, language, kind, detail = json.loads(field)
            counts[(day, page_id, language, kind, detail)] = int(amount)
        return counts
