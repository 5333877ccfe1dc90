"""Two application servers sharing one PostgreSQL database and one Redis, as in docs/deploy.md.

Each is gunicorn with the production settings on its own port. An editor publishes through
server A's admin; server B, which had cached the page, serves the new version; a visitor's
session made on one server is honoured by the other. While Redis refuses writes (made a replica
of a server that does not exist) and the CDN does not answer, the administrator unpublishes a
page: both servers stop serving it within seconds (the generation lives in the database,
web/generation.py), and the admin warns that the CDN may still show it.

Addresses: /fr/a-propos/, /admin/login/, /admin/pages/<id>/edit/, /admin/pages/<id>/unpublish/,
/admin/, /admin/logout/.
"""

import contextlib
import json
import shutil
import subprocess
import time

import psycopg
import pytest
import redis
import requests
from bs4 import BeautifulSoup

from scripts import servers
from tests.ops.conftest import DEMO_ADMIN_PASSWORD, unavailable
from web import generation

ABOUT_PAGE = "/fr/a-propos/"
OLD_TITLE = "À propos"
NEW_TITLE = "Qui sommes-nous"


class Visitor:
    """A browser's cookies, sent to whichever server answers (as behind a load balancer)."""

    def __init__(self):
        self.cookies = {}

    def request(self, method, url, **options):
        response = requests.request(
            method, url, cookies=self.cookies, allow_redirects=False, timeout=30, **options
        )
        self.cookies.update(response.cookies.get_dict())
        return response

    def get(self, url, **options):
        return self.request("GET", url, **options)

    def post(self, url, data, **options):
        return self.request("POST", url, data=data, **options)


def form_data(html, form_selector):
    """What a browser sends for the form, without running any script."""
    form = BeautifulSoup(html, "html.parser").select_one(form_selector)
    assert form is not None, f"no {form_selector} in the page"
    data = []
    for field in form.find_all(["input", "textarea", "select"]):
        name = field.get("name")
        kind = field.get("type", "text")
        if not name or field.has_attr("disabled") or kind in {"submit", "button", "file"}:
            continue
        if kind in {"checkbox", "radio"}:
            if field.has_attr("checked"):
                data.append((name, field.get("value", "on")))
        elif field.name == "textarea":
            data.append((name, field.text))
        elif field.name == "select":
            chosen = field.find("option", selected=True)
            if chosen is not None:
                data.append((name, chosen.get("value", chosen.text)))
        else:
            data.append((name, field.get("value", "")))
    return data


def without_body(data):
    return [(name, value) for name, value in data if not name.startswith("body")]


def replaced(data, name, value):
    return [(key, value if key == name else old) for key, old in data]


def log_in(visitor, server):
    login_page = visitor.get(f"{server.url}/admin/login/")
    data = replaced(
        replaced(form_data(login_page.text, "form.login-form"), "username", "admin"),
        "password",
        DEMO_ADMIN_PASSWORD,
    )
    response = visitor.post(f"{server.url}/admin/login/", data)
    assert response.status_code == 302, response.text[:2000]


def page_id(database_url, url_path_end):
    with psycopg.connect(database_url.replace("postgres://", "postgresql://", 1)) as connection:
        row = connection.execute(
            "SELECT id FROM wagtailcore_page WHERE url_path LIKE %s", [f"%{url_path_end}"]
        ).fetchone()
    return row[0]


def body_form_data(env, page_id):
    """The StreamField's fields, which the admin's scripts add to the form (admin_body_data.py)."""
    code = f"from tests.ops.admin_body_data import print_body_form_data as p; p({page_id})"
    return list(json.loads(servers.manage("shell", "--no-imports", "-c", code, env=env)).items())


def page_cache_keys(redis_url):
    return [key for key in redis.Redis.from_url(redis_url).keys("*") if b"page-cache:page" in key]


@contextlib.contextmanager
def started_servers(database_url, redis_url, static_root, tmp_path, **environment):
    env = servers.production_environment(
        database_url,
        media_root=tmp_path / "media",
        static_root=static_root,
        redis_url=redis_url,
        **environment,
    )
    server_a = servers.Gunicorn(env, workers=2, log_path=tmp_path / "a.log")
    server_b = servers.Gunicorn(env, workers=2, log_path=tmp_path / "b.log")
    with server_a, server_b:
        yield server_a, server_b, env


@pytest.fixture
def two_servers(redis_url, postgres_server, demo_database, production_static, tmp_path):
    servers.flush_redis(redis_url)
    with started_servers(demo_database, redis_url, production_static, tmp_path) as started:
        yield started
    servers.flush_redis(redis_url)


@pytest.fixture
def own_redis(tmp_path):
    """A Redis of this test's own: it is made read-only, which the machine's shared one must
    never be (other test runs use it)."""
    if not shutil.which("redis-server"):
        unavailable("redis-server is not installed")
    port = servers.free_port()
    nothing_on_disk = ["--save", "", "--appendonly", "no", "--dir", str(tmp_path)]
    process = subprocess.Popen(
        ["redis-server", "--port", str(port), "--bind", "127.0.0.1", *nothing_on_disk],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"redis://127.0.0.1:{port}/0"
    try:
        deadline = time.monotonic() + 10
        while not servers.redis_reachable(url):
            assert time.monotonic() < deadline, "redis-server did not start"
            time.sleep(0.05)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_a_page_published_through_one_server_is_served_fresh_by_the_other(
    two_servers, demo_database, redis_url
):
    server_a, server_b, env = two_servers
    # Server B serves the page to anonymous visitors and keeps it in the shared cache.
    for _ in range(2):
        before = requests.get(f"{server_b.url}{ABOUT_PAGE}", timeout=30)
        assert before.status_code == 200, server_b.log_tail()
        assert f"<h1>{OLD_TITLE}</h1>" in before.text
    assert page_cache_keys(redis_url), "server B did not cache the page"

    editor = Visitor()
    log_in(editor, server_a)
    about_id = page_id(demo_database, "/a-propos/")
    edit_url = f"{server_a.url}/admin/pages/{about_id}/edit/"
    edit_form = form_data(editor.get(edit_url).text, "form#page-edit-form")
    published = editor.post(
        edit_url,
        [
            *replaced(
                [(k, v) for k, v in edit_form if not k.startswith("body")], "title", NEW_TITLE
            ),
            *body_form_data(env, about_id),
            ("action-publish", "action-publish"),
        ],
    )
    assert published.status_code == 302, published.text[:2000]

    for server in (server_b, server_a):
        after = requests.get(f"{server.url}{ABOUT_PAGE}", timeout=30)
        assert after.status_code == 200, server.log_tail()
        assert f"<h1>{NEW_TITLE}</h1>" in after.text
        assert f"<h1>{OLD_TITLE}</h1>" not in after.text


def test_a_session_made_on_one_server_is_honoured_by_the_other(two_servers):
    server_a, server_b, _env = two_servers
    visitor = Visitor()
    assert visitor.get(f"{server_b.url}/admin/").status_code == 302

    log_in(visitor, server_a)

    assert visitor.get(f"{server_b.url}/admin/").status_code == 200
    assert visitor.get(f"{server_a.url}/admin/").status_code == 200

    # Signing out on B ends the session on A too (the admin's menu posts the CSRF token).
    logout = {"csrfmiddlewaretoken": visitor.cookies["csrftoken"]}
    assert visitor.post(f"{server_b.url}/admin/logout/", logout).status_code == 302
    assert visitor.get(f"{server_a.url}/admin/").status_code == 302


def unpublish(editor, server, page_id):
    """The administrator's "Unpublish", as the confirmation form posts it."""
    url = f"{server.url}/admin/pages/{page_id}/unpublish/"
    assert editor.get(url).status_code == 200
    response = editor.post(url, {"csrfmiddlewaretoken": editor.cookies["csrftoken"]})
    assert response.status_code == 302, response.text[:2000]
    return editor.get(f"{server.url}{response.headers['Location']}")


def gone_within(seconds, url):
    """Whether visitors stop getting the page at `url` within `seconds`, and what they got."""
    deadline = time.monotonic() + seconds
    while True:
        response = requests.get(url, timeout=30)
        if response.status_code == 404 or time.monotonic() > deadline:
            return response.status_code == 404, response
        time.sleep(0.1)


def test_an_unpublished_page_goes_from_both_servers_while_redis_refuses_writes(
    own_redis, postgres_server, demo_database, production_static, tmp_path
):
    # The CDN in front does not answer either: nothing listens there.
    cdn = f"http://127.0.0.1:{servers.free_port()}"
    with started_servers(
        demo_database, own_redis, production_static, tmp_path, FRONTEND_CACHE_PURGE_URL=cdn
    ) as (server_a, server_b, _env):
        for server in (server_a, server_b):
            for _ in range(2):
                cached = requests.get(f"{server.url}{ABOUT_PAGE}", timeout=30)
            assert cached.headers.get("X-Page-Cache") == "hit", server.log_tail()
        editor = Visitor()
        log_in(editor, server_a)
        shared_redis = redis.Redis.from_url(own_redis)
        # A replica of a server that does not exist: Redis refuses every write.
        shared_redis.execute_command("REPLICAOF", "127.0.0.1", str(servers.free_port()))
        with pytest.raises(redis.exceptions.ReadOnlyError):
            shared_redis.set("probe", "refused")

        after = unpublish(editor, server_a, page_id(demo_database, "/a-propos/"))

        assert "Les visiteurs peuvent encore voir la version précédente" in after.text
        for server in (server_a, server_b):
            gone, response = gone_within(5, f"{server.url}{ABOUT_PAGE}")
            assert gone, (response.status_code, response.headers, server.log_tail())
        shared_redis.execute_command("REPLICAOF", "NO", "ONE")
        # The first 404 came from one of a server's two workers; the other reads the generation
        # within its check interval (a second), then the page stays gone, Redis writable or not.
        time.sleep(generation.DEFAULT_CHECK_SECONDS + 0.5)
        for server in (server_a, server_b):
            for _ in range(4):
                response = requests.get(f"{server.url}{ABOUT_PAGE}", timeout=30)
                assert response.status_code == 404
                assert response.headers.get("X-Page-Cache") is None
