"""The production configuration served on 127.0.0.1: databases, static files and gunicorn.

Shared by `make soak` (scripts/soak.py) and the two-server test (tests/ops/test_two_servers.py),
so that both exercise what docs/deploy.md describes: gunicorn with config.settings.production,
settings from the environment only.
"""

import contextlib
import hashlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import sysconfig
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg
from psycopg import sql

PROJECT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
DEFAULT_POSTGRES_URL = "postgres://postgres@127.0.0.1:5432/postgres"
DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/0"
# Variables of the calling shell that would change the servers' configuration.
INHERITED_SETTINGS = {
    "DJANGO_SETTINGS_MODULE",
    "DATABASE_URL",
    "REDIS_URL",
    "MEDIA_ROOT",
    "STATIC_ROOT",
    "AWS_STORAGE_BUCKET_NAME",
    "FRONTEND_CACHE_PURGE_URL",
    "CLOUDFLARE_API_TOKEN",
}


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def production_environment(database_url, *, media_root, static_root=None, redis_url="", **extra):
    """The environment of a production server, on plain HTTP at 127.0.0.1."""
    env = {key: value for key, value in os.environ.items() if key not in INHERITED_SETTINGS}
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        SECRET_KEY="local-production-check-" + "k" * 40,
        DATABASE_URL=database_url,
        ALLOWED_HOSTS="127.0.0.1,localhost",
        # No TLS in front of 127.0.0.1: the clients say https with X-Forwarded-Proto instead.
        SECURE_SSL_REDIRECT="false",
        MEDIA_ROOT=str(media_root),
        CONN_MAX_AGE="60",
        LOG_LEVEL="ERROR",
        PYTHONUNBUFFERED="1",
    )
    if static_root:
        env["STATIC_ROOT"] = str(static_root)
    if redis_url:
        env["REDIS_URL"] = redis_url
    env.update({key: str(value) for key, value in extra.items()})
    return env


def manage(*arguments, env, quiet=True):
    """Runs manage.py with `env`; raises with its output when it fails."""
    result = subprocess.run(
        [str(BIN / "python"), "manage.py", *arguments],
        cwd=PROJECT,
        env=env,
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        output = result.stdout[-3000:] + result.stderr[-3000:]
        raise RuntimeError(f"manage.py {' '.join(arguments)} failed:\n{output}")
    if not quiet:
        print(result.stdout, end="")
    return result.stdout


def collected_static(env):
    """A STATIC_ROOT collected for the production storage (hashed, compressed names).

    Collecting and compressing takes a minute or more: the result is kept in the temporary
    directory under a name that changes with the project's static files and the installed
    packages, so that the next run reuses it.
    """
    installed_packages = Path(sysconfig.get_paths()["purelib"])
    fingerprint = hashlib.sha256(str(installed_packages.stat().st_mtime_ns).encode())
    for path in sorted((PROJECT / "static").rglob("*")):
        if path.is_file():
            fingerprint.update(f"{path}:{path.stat().st_mtime_ns}:{path.stat().st_size}".encode())
    static_root = Path(tempfile.gettempdir()) / f"consortium-static-{fingerprint.hexdigest()[:16]}"
    if (static_root / "staticfiles.json").exists():
        return static_root
    # Collected beside, then renamed: a concurrent run never sees half a directory.
    partial = Path(tempfile.mkdtemp(prefix="consortium-static-partial-"))
    try:
        manage("collectstatic", "--no-input", env={**env, "STATIC_ROOT": str(partial)})
        with contextlib.suppress(OSError):
            partial.rename(static_root)
    finally:
        shutil.rmtree(partial, ignore_errors=True)
    remove_stale_static_roots(keep=static_root)
    return static_root


def remove_stale_static_roots(keep, older_than_seconds=3600):
    """Earlier collections (static files or packages changed since), unused for an hour."""
    for directory in keep.parent.glob("consortium-static-*"):
        if directory != keep and time.time() - directory.stat().st_mtime > older_than_seconds:
            shutil.rmtree(directory, ignore_errors=True)


# PostgreSQL


def database_url_for(server_url, database):
    parts = urlsplit(server_url)
    return urlunsplit((parts.scheme, parts.netloc, f"/{database}", parts.query, ""))


def maintenance_connection(server_url):
    return psycopg.connect(
        database_url_for(server_url, "postgres").replace("postgres://", "postgresql://", 1),
        autocommit=True,
        connect_timeout=3,
    )


def postgres_reachable(server_url):
    try:
        with maintenance_connection(server_url):
            return True
    except psycopg.OperationalError:
        return False


def database_exists(server_url, name):
    with maintenance_connection(server_url) as connection:
        found = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        return found.fetchone() is not None


def create_database(server_url, name, template=None):
    drop_database(server_url, name)
    statement = sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name))
    if template:
        statement += sql.SQL(" TEMPLATE {}").format(sql.Identifier(template))
    with maintenance_connection(server_url) as connection:
        connection.execute(statement)
    return database_url_for(server_url, name)


def drop_database(server_url, name):
    with maintenance_connection(server_url) as connection:
        connection.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )


# Redis


def redis_reachable(redis_url):
    import redis

    try:
        return bool(redis.Redis.from_url(redis_url, socket_connect_timeout=1).ping())
    except redis.RedisError:
        return False


def flush_redis(redis_url):
    import redis

    redis.Redis.from_url(redis_url, socket_connect_timeout=1).flushdb()


# gunicorn


def get(url, timeout=5):
    """Status and body of a GET; status 0 when nothing answered."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()
    except (OSError, urllib.error.URLError):
        return 0, b""


class Gunicorn:
    """One application server: a gunicorn master and its workers, in their own process group."""

    def __init__(self, env, *, workers=2, port=None, log_path=None):
        self.env = env
        self.workers = workers
        self.port = port or free_port()
        self.log_path = Path(log_path) if log_path else None
        self.process = None

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout=60):
        log = self.log_path.open("ab") if self.log_path else subprocess.DEVNULL
        self.process = subprocess.Popen(
            [
                str(BIN / "gunicorn"),
                "config.wsgi",
                f"--bind=127.0.0.1:{self.port}",
                f"--workers={self.workers}",
                # gunicorn 27's control socket is one per machine: several servers collide.
                "--no-control-socket",
                "--timeout=30",
                "--graceful-timeout=5",
            ],
            cwd=PROJECT,
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self.wait_until_healthy(timeout)
        return self

    def wait_until_healthy(self, timeout):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn on port {self.port} exited: {self.log_tail()}")
            if get(f"{self.url}/health/", timeout=2)[0] == 200:
                return
            time.sleep(0.2)
        raise RuntimeError(f"gunicorn on port {self.port} never became healthy: {self.log_tail()}")

    def log_tail(self):
        if self.log_path and self.log_path.exists():
            return self.log_path.read_text(errors="replace")[-3000:]
        return "(no log)"

    def worker_pids(self):
        """The workers' process ids (children of the master), read from /proc."""
        pids = []
        for stat in Path("/proc").glob("[0-9]*/stat"):
            with contextlib.suppress(OSError):
                fields = stat.read_text().rsplit(")", 1)[1].split()
                if int(fields[1]) == self.process.pid:
                    pids.append(int(stat.parent.name))
        return sorted(pids)

    def stop(self):
        if self.process is None or self.process.poll() is not None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc_info):
        self.stop()
