import os
import subprocess
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent


def import_settings(module, **environment):
    env = {key: value for key, value in os.environ.items() if key != "SECRET_KEY"}
    env.update(environment)
    return subprocess.run(
        [sys.executable, "-c", f"import {module} as s; print(s.DEBUG, s.SECRET_KEY != '')"],
        cwd=PROJECT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def test_production_refuses_to_start_without_secret_key():
    result = import_settings("config.settings.production")

    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_runs_without_debug_with_a_secret_key():
    result = import_settings("config.settings.production", SECRET_KEY="x" * 50)

    assert result.returncode == 0
    assert result.stdout.strip() == "False True"


def test_database_url_chooses_the_database():
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import config.settings.dev as s; print(s.DATABASES['default']['ENGINE'])",
        ],
        cwd=PROJECT,
        env={**os.environ, "DATABASE_URL": "postgres://user@127.0.0.1:5432/site"},
        capture_output=True,
        text=True,
        check=True,
    )

    assert result.stdout.strip() == "django.db.backends.postgresql"


def database_options(**environment):
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import config.settings.dev as s; print(s.DATABASES['default'].get('OPTIONS', {}))",
        ],
        cwd=PROJECT,
        env={**os.environ, **environment},
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.strip()


def test_postgresql_prepares_repeated_queries_unless_told_not_to():
    postgres = "postgres://user@127.0.0.1:5432/site"

    assert database_options(DATABASE_URL=postgres) == (
        "{'server_side_binding': True, 'prepare_threshold': 5}"
    )
    assert database_options(DATABASE_URL=postgres, DATABASE_PREPARE_THRESHOLD="") == "{}"
    assert database_options(DATABASE_URL="sqlite:///site.sqlite3") == "{}"


def default_task_backend(**environment):
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import config.settings.production as s; t = s.TASKS['default'];"
            " print(t['BACKEND'], sorted(t.get('OPTIONS', {})))",
        ],
        cwd=PROJECT,
        env={**os.environ, "SECRET_KEY": "x" * 50, **environment},
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.strip()


def test_wagtails_tasks_leave_the_request_on_postgresql_only():
    assert default_task_backend(DATABASE_URL="postgres://user@127.0.0.1:5432/site") == (
        "web.background.ThreadBackend ['AFTER_COMMIT', 'COALESCE', 'MAX_PENDING', 'RUN_WHEN_FULL']"
    )
    assert default_task_backend(DATABASE_URL="sqlite:///site.sqlite3") == (
        "django_tasks.backends.immediate.ImmediateBackend []"
    )
