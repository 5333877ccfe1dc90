"""Production settings pass Django's deployment checklist, in a real-looking environment."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent.parent


# Set by the test run itself (the browser tests allow async-unsafe calls), never in production.
NOT_INHERITED = {"SECRET_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE"}


def run_manage(*arguments, **environment):
    env = {key: value for key, value in os.environ.items() if key not in NOT_INHERITED}
    env.update(environment)
    return subprocess.run(
        [sys.executable, "manage.py", *arguments],
        cwd=PROJECT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def production_environment(tmp_path):
    return {
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "www.example.org",
        "CSRF_TRUSTED_ORIGINS": "https://www.example.org",
        "WAGTAILADMIN_BASE_URL": "https://www.example.org",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'site.sqlite3'}",
        "MEDIA_ROOT": str(tmp_path / "media"),
    }


def test_production_settings_pass_check_deploy_with_no_warning(tmp_path):
    result = run_manage(
        "check", "--deploy", "--fail-level", "WARNING", **production_environment(tmp_path)
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_check_deploy_catches_a_weak_secret_key(tmp_path):
    """The check is not a formality: a short key fails it."""
    environment = {**production_environment(tmp_path), "SECRET_KEY": "short"}

    result = run_manage("check", "--deploy", "--fail-level", "WARNING", **environment)

    assert result.returncode != 0
    assert "security.W009" in result.stdout + result.stderr


def test_production_keeps_the_login_lockout_on(tmp_path):
    code = (
        "import django; django.setup(); from django.conf import settings; "
        "print(settings.AXES_ENABLED, settings.AXES_FAILURE_LIMIT, "
        "settings.AUTHENTICATION_BACKENDS[0], settings.MIDDLEWARE[-1])"
    )
    env = {**os.environ, **production_environment(tmp_path)}

    result = subprocess.run(
        [sys.executable, "-c", code], cwd=PROJECT, env=env, capture_output=True, text=True
    )

    assert result.stdout.split() == [
        "True",
        "5",
        "axes.backends.AxesStandaloneBackend",
        "axes.middleware.AxesMiddleware",
    ], result.stderr
