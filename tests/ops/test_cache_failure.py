"""Redis may fail without taking the site down (django-redis with IGNORE_EXCEPTIONS)."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.cache import cache
from django.test import override_settings

PROJECT = Path(__file__).resolve().parents[2]
# Nothing listens on port 1: every cache call fails at once, as when Redis is down.
UNREACHABLE_REDIS = {
    "default": {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": "redis://127.0.0.1:1/0",
        "OPTIONS": {
            "CLIENT_CLASS": "django_redis.client.DefaultClient",
            "SOCKET_CONNECT_TIMEOUT": 0.5,
            "SOCKET_TIMEOUT": 0.5,
            "IGNORE_EXCEPTIONS": True,
        },
    }
}
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

    assert settings["caches"]["default"]["BACKEND"].endswith("LocMemCache")
    assert settings["sessions"] == "django.contrib.sessions.backends.db"


def test_redis_url_shares_cache_and_sessions_and_tolerates_redis_failures():
    settings = production_settings(REDIS_URL="redis://cache.internal:6379/2")

    default = settings["caches"]["default"]
    assert default["BACKEND"] == "django_redis.cache.RedisCache"
    assert default["LOCATION"] == "redis://cache.internal:6379/2"
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
