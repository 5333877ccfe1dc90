"""Redis may fail without taking the site down (django-redis with IGNORE_EXCEPTIONS), and the page
cache, which shares it, is a cache of its own that can be emptied without logging anybody out."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.cache import cache, caches
from django.test import override_settings

PROJECT = Path(__file__).resolve().parents[2]


def redis_caches(location):
    """The caches of config/settings/base.py with REDIS_URL=`location`."""
    options = {
        "CLIENT_CLASS": "django_redis.client.DefaultClient",
        "SOCKET_CONNECT_TIMEOUT": 0.5,
        "SOCKET_TIMEOUT": 0.5,
        "IGNORE_EXCEPTIONS": True,
    }
    return {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": location,
            "KEY_PREFIX": "consortium",
            "OPTIONS": options,
        },
        "pages": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": location,
            "KEY_PREFIX": "consortium-pages",
            "OPTIONS": {**options, "CLIENT_CLASS": "web.redis_cache.OwnKeysClient"},
        },
    }


# Nothing listens on port 1: every cache call fails at once, as when Redis is down.
UNREACHABLE_REDIS = redis_caches("redis://127.0.0.1:1/0")
redis_is_down = override_settings(
    CACHES=UNREACHABLE_REDIS,
    SESSION_ENGINE="django.contrib.sessions.backends.cached_db",
    DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS=True,
)


def production_settings(**environment):
    env = {key: value for key, value in os.environ.items() if key != "REDIS_URL"}
    env.update(SECRET_KEY="x" * 50, **environment)
    code = (
        "import json, config.settings.production as s; "
        "print(json.dumps({'caches': s.CACHES, 'sessions': s.SESSION_ENGINE}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=PROJECT, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_without_redis_url_each_server_has_its_memory_cache_and_database_sessions():
    settings = production_settings()

    caches = settings["caches"]
    assert caches["default"]["BACKEND"].endswith("LocMemCache")
    assert caches["pages"]["BACKEND"].endswith("LocMemCache")
    assert caches["pages"].get("LOCATION") != caches["default"].get("LOCATION")
    assert settings["sessions"] == "django.contrib.sessions.backends.db"


def test_redis_url_shares_cache_and_sessions_and_tolerates_redis_failures():
    settings = production_settings(REDIS_URL="redis://cache.internal:6379/2")

    assert settings["caches"] == redis_caches("redis://cache.internal:6379/2")
    default = settings["caches"]["default"]
    assert default["OPTIONS"]["IGNORE_EXCEPTIONS"] is True
    assert default["OPTIONS"]["SOCKET_TIMEOUT"] <= 1
    assert settings["sessions"] == "django.contrib.sessions.backends.cached_db"


@pytest.mark.django_db
@redis_is_down
def test_the_cache_is_really_unreachable_in_these_tests():
    cache.set("probe", "value")

    assert cache.get("probe") is None


@pytest.mark.django_db
@redis_is_down
def test_pages_are_served_while_redis_is_down(client, public_site):
    for address in ["/fr/", "/en/", "/fr/a-propos/", "/en/about/", "/sitemap.xml", "/robots.txt"]:
        assert client.get(address).status_code == 200, address


@pytest.mark.django_db
@redis_is_down
def test_health_names_the_cache_while_redis_is_down(client):
    response = client.get("/health/")

    body = json.loads(response.content)
    assert response.status_code == 200
    assert body["status"] == "degraded"
    assert body["failed"] == ["cache"]
    assert body["checks"]["database"]["ok"] is True


@pytest.mark.django_db
@redis_is_down
def test_editors_log_in_and_stay_logged_in_while_redis_is_down(client, superuser):
    response = client.post(
        "/admin/login/", {"username": "admin", "password": "a-long-test-password"}
    )

    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200


@pytest.mark.django_db
def test_emptying_the_page_cache_in_redis_logs_nobody_out(client, superuser, redis_url):
    """django-redis empties the whole database on clear(): the page cache deletes its own keys
    (web/redis_cache.py). Sessions kept in Redis alone show it: emptied, they would be gone."""
    with override_settings(
        CACHES=redis_caches(redis_url), SESSION_ENGINE="django.contrib.sessions.backends.cache"
    ):
        caches["pages"].set("page-cache:page:probe", "a page")
        client.force_login(superuser)
        assert client.get("/admin/").status_code == 200

        caches["pages"].clear()

        assert caches["pages"].get("page-cache:page:probe") is None
        assert client.get("/admin/").status_code == 200
        caches["default"].clear()
