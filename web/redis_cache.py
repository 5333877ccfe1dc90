"""django-redis's client for the page cache, whose `clear()` deletes the page cache's keys only.

django-redis empties the whole Redis database on `clear()` (FLUSHDB): the sessions and the
`default` cache with it. The page cache shares the server and the database with them under a key
prefix of its own (config/settings/base.py), and is emptied by that prefix instead.
"""

from django_redis.client import DefaultClient


class OwnKeysClient(DefaultClient):
    def clear(self, client=None):
        # Every key under this cache's prefix and version (SCAN, then DEL in batches).
        self.delete_pattern("*", client=client)
