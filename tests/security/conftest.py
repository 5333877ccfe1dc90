import pytest

# The report's pages and their fixtures (a published 2021-2022 report, a message, a project).
from tests.report.conftest import (  # noqa: F401
    message,
    president,
    project,
    report,
    report_index,
)


@pytest.fixture
def production_headers(settings, monkeypatch):
    """The security settings of config/settings/production.py, on the test database."""
    import importlib

    # production.py refuses to load without a secret key (read from the environment by base).
    monkeypatch.setattr("config.settings.base.SECRET_KEY", "s" * 50)
    production = importlib.import_module("config.settings.production")
    prefixes = ("SECURE_", "SESSION_COOKIE_", "CSRF_COOKIE_", "CSP_", "X_FRAME_OPTIONS")
    for name in dir(production):
        if name.startswith(prefixes):
            setattr(settings, name, getattr(production, name))
    return settings
