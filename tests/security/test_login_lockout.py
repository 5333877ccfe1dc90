"""Guessing an admin password: a few failures lock the username out, from that address only."""

import pytest
from axes.models import AccessAttempt
from django.core.management import call_command

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-test-password"
LOCKOUT_TEXT = "Too many failed sign-in attempts."


@pytest.fixture(autouse=True)
def lockout_on(settings):
    # Test settings switch django-axes off (the test client's login() has no request).
    settings.AXES_ENABLED = True
    return settings


@pytest.fixture
def editor(db):
    return UserFactory(username="camille", password=PASSWORD, is_superuser=True)


def sign_in(client, password, address="203.0.113.7", language="en"):
    return client.post(
        "/admin/login/",
        {"username": "camille", "password": password},
        REMOTE_ADDR=address,
        HTTP_ACCEPT_LANGUAGE=language,
    )


def fail_five_times(client, address="203.0.113.7"):
    return [sign_in(client, "wrong-guess", address).status_code for _ in range(5)]


def test_four_failures_still_let_the_right_password_in(client, editor):
    for _ in range(4):
        response = sign_in(client, "wrong-guess")
        assert response.status_code == 200
        assert LOCKOUT_TEXT not in response.content.decode()

    assert sign_in(client, PASSWORD).status_code == 302


def test_the_fifth_failure_locks_out_even_the_right_password(client, editor):
    statuses = fail_five_times(client)

    assert statuses == [200, 200, 200, 200, 429]
    response = sign_in(client, PASSWORD)
    html = response.content.decode()
    assert response.status_code == 429
    assert LOCKOUT_TEXT in html
    assert "blocked for 15 minutes" in html
    assert 'role="alert"' in html
    # Still Wagtail's sign-in page, not a bare error.
    assert 'class="login-form"' in html
    assert "_auth_user_id" not in client.session


def test_the_lockout_page_is_in_the_visitors_language(client, editor):
    fail_five_times(client)

    response = sign_in(client, PASSWORD, language="fr")

    assert response.status_code == 429
    assert '<html lang="fr"' in response.content.decode()


def test_the_same_username_from_another_address_is_not_locked_out(client, editor):
    fail_five_times(client, address="203.0.113.7")

    assert sign_in(client, PASSWORD, address="198.51.100.20").status_code == 302


def test_an_operator_unlocks_the_username_with_axes_reset_username(client, editor):
    fail_five_times(client)
    assert AccessAttempt.objects.filter(username="camille").exists()

    call_command("axes_reset_username", "camille", stdout=None)

    assert sign_in(client, PASSWORD).status_code == 302


def test_behind_a_trusted_proxy_the_visitors_address_counts(client, editor, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    for _ in range(5):
        client.post(
            "/admin/login/",
            {"username": "camille", "password": "wrong-guess"},
            REMOTE_ADDR="10.0.0.2",
            # The first entry is whatever the client sent; the load balancer appended the last.
            HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.7",
        )

    attempt = AccessAttempt.objects.get(username="camille")
    assert attempt.ip_address == "203.0.113.7"
    assert attempt.failures_since_start == 5
