"""PostgreSQL, Redis and a production static root for the tests that start real servers.

These tests run outside pytest-django's test database: they create their own databases, which
the processes they start can reach. Without PostgreSQL or Redis they are skipped with the
reason, except under CI (CI=true), where that is a failure.
"""

import os
import uuid

import dj_database_url
import pytest

from scripts import servers

UNDER_CI = os.environ.get("CI", "").lower() == "true"
# A database number of their own, flushed by the tests.
TEST_REDIS_URL = os.environ.get("OPS_TEST_REDIS_URL", "redis://127.0.0.1:6379/13")
DEMO_ADMIN_PASSWORD = "ops-test-admin-password"


def unavailable(reason):
    if UNDER_CI:
        pytest.fail(f"{reason} (required under CI)")
    pytest.skip(reason)


def configured_postgres_server():
    """The PostgreSQL server of DATABASE_URL when it names one, else the local server."""
    database_url = os.environ.get("DATABASE_URL", "")
    if dj_database_url.parse(database_url or "sqlite://:memory:")["ENGINE"].endswith("postgresql"):
        return servers.database_url_for(database_url, "postgres")
    return os.environ.get("OPS_POSTGRES_URL", servers.DEFAULT_POSTGRES_URL)


def unique_name(purpose):
    return f"consortium_{purpose}_{os.getpid()}_{uuid.uuid4().hex[:6]}"


@pytest.fixture(scope="session")
def postgres_server():
    server_url = configured_postgres_server()
    if not servers.postgres_reachable(server_url):
        unavailable(f"PostgreSQL is not reachable at {server_url}")
    return server_url


@pytest.fixture(scope="session")
def redis_url():
    if not servers.redis_reachable(TEST_REDIS_URL):
        unavailable(f"Redis is not reachable at {TEST_REDIS_URL}")
    return TEST_REDIS_URL


@pytest.fixture(scope="session")
def demo_template_database(postgres_server, tmp_path_factory):
    """A migrated PostgreSQL database with the demonstration site, copied by each test."""
    name = unique_name("ops_template")
    database_url = servers.create_database(postgres_server, name)
    env = servers.production_environment(
        database_url,
        media_root=tmp_path_factory.mktemp("template-media"),
        DEMO_ADMIN_PASSWORD=DEMO_ADMIN_PASSWORD,
    )
    try:
        servers.manage("migrate", "--no-input", env=env)
        servers.manage("load_demo_site", env=env)
        yield name
    finally:
        servers.drop_database(postgres_server, name)


@pytest.fixture
def demo_database(postgres_server, demo_template_database):
    """A copy of the demonstration database for one test (CREATE DATABASE … TEMPLATE)."""
    name = unique_name("ops")
    database_url = servers.create_database(postgres_server, name, template=demo_template_database)
    yield database_url
    servers.drop_database(postgres_server, name)


@pytest.fixture(scope="session")
def production_static(tmp_path_factory):
    env = servers.production_environment(
        "sqlite://:memory:", media_root=tmp_path_factory.mktemp("static-media")
    )
    return servers.collected_static(env)
