import json
from unittest import mock

import pytest
from django.db import InterfaceError, OperationalError, connection
from wagtail.models import Site

pytestmark = pytest.mark.django_db


def test_health_answers_ok_when_database_and_cache_work(client):
    response = client.get("/health/")

    assert response.status_code == 200
    body = json.loads(response.content)
    assert body["status"] == "ok"
    assert body["failed"] == []
    assert body["checks"]["database"]["ok"] is True
    assert body["checks"]["cache"]["ok"] is True
    assert "no-cache" in response["Cache-Control"]


def test_health_answers_503_naming_the_database_when_it_is_unreachable(client, caplog):
    refusal = 'connection to server at "10.0.0.5", port 5432 failed: Connection refused'
    with mock.patch.object(connection, "cursor", side_effect=OperationalError(refusal)):
        response = client.get("/health/")

    assert response.status_code == 503
    body = json.loads(response.content)
    assert body["status"] == "unavailable"
    assert body["failed"] == ["database"]
    assert body["checks"]["database"] == {"ok": False}
    # The internal address is for the operators' log only.
    assert "10.0.0.5" not in response.content.decode()
    assert "10.0.0.5" in caplog.text


def test_health_reports_a_lost_cache_without_failing_the_server(client):
    with mock.patch("web.health.cache.get", return_value=None):
        response = client.get("/health/")

    assert response.status_code == 200
    body = json.loads(response.content)
    assert body["status"] == "degraded"
    assert body["failed"] == ["cache"]


def test_health_is_outside_the_language_prefixes(client):
    assert client.get("/fr/health/").status_code == 404


@pytest.mark.parametrize("error", [OperationalError, InterfaceError])
def test_public_page_answers_the_503_page_while_the_database_is_unreachable(
    client, public_site, error
):
    with mock.patch.object(
        Site, "find_for_request", side_effect=error("server closed the connection")
    ):
        response = client.get("/fr/a-propos/")

    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert response["Cache-Control"] == "no-store"
    assert [template.name for template in response.templates] == [
        "503.html",
        "error_standalone.html",
    ]


def test_other_errors_still_reach_the_500_handler(client, public_site):
    client.raise_request_exception = False
    with mock.patch.object(Site, "find_for_request", side_effect=ValueError("a bug")):
        response = client.get("/fr/a-propos/")

    assert response.status_code == 500


def test_a_page_answers_again_once_the_database_is_back(client, public_site):
    with mock.patch.object(Site, "find_for_request", side_effect=OperationalError("restarting")):
        assert client.get("/fr/a-propos/").status_code == 503

    assert client.get("/fr/a-propos/").status_code == 200


def test_an_outage_met_by_a_middleware_answers_503_too(client, public_site):
    """Saving the session happens in a middleware, after the view: still the 503 page."""
    client.raise_request_exception = False
    with mock.patch(
        "django.contrib.sessions.middleware.SessionMiddleware.process_response",
        side_effect=OperationalError("server closed the connection"),
    ):
        response = client.get("/fr/a-propos/")

    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "503.html" in [template.name for template in response.templates]
