"""A report approved for a later date goes live, and expires, only when publish_scheduled runs
after that time (the operator's cron job, README "Scheduled publishing")."""

import datetime

import pytest
from django.test import Client
from django.utils import timezone

from tests.editorial.helpers import (
    EVERYWHERE,
    NOWHERE,
    create_draft,
    submit,
    where_listed,
    workflow_action_url,
)
from tests.editorial.release_helpers import publish_scheduled

pytestmark = pytest.mark.django_db


def admin_datetime(moment):
    """A date and time as the admin's date-time picker posts it, in the site's time zone."""
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M")


@pytest.fixture
def schedule():
    now = timezone.now().replace(second=0, microsecond=0)
    return {
        "go_live_at": now + datetime.timedelta(days=1),
        "expire_at": now + datetime.timedelta(days=30),
    }


def approve_scheduled_report(editor, approver, index, schedule):
    """The editor composes a report for a date; the direction approves it."""
    dates = {name: admin_datetime(moment) for name, moment in schedule.items()}
    page = create_draft(editor, index, **dates)
    task_state = submit(editor, page, **dates)
    response = approver.post(workflow_action_url(page, "approve", task_state), {"comment": ""})
    assert response.status_code == 302
    page.refresh_from_db()
    return page


def publish_scheduled_report(administrator, index, schedule):
    """The administrator (a superuser, outside the workflow) publishes a report for a date."""
    dates = {name: admin_datetime(moment) for name, moment in schedule.items()}
    return create_draft(administrator, index, **{"action-publish": "action-publish", **dates})


@pytest.mark.parametrize("how", ["approved", "published by the administrator"])
def test_scheduled_report_goes_live_and_expires_when_the_command_runs(
    how, editor, approver, superuser, report_index, schedule, client
):
    if how == "approved":
        page = approve_scheduled_report(editor, approver, report_index, schedule)
    else:
        administrator = Client()
        administrator.force_login(superuser)
        page = publish_scheduled_report(administrator, report_index, schedule)

    # Approved and scheduled, but not live: the approved revision waits for its time.
    assert not page.live
    assert page.go_live_at == schedule["go_live_at"]
    assert page.get_latest_revision().approved_go_live_at == schedule["go_live_at"]
    assert where_listed(client, page, report_index.url) == NOWHERE

    # The command before the time publishes nothing.
    publish_scheduled()
    page.refresh_from_db()
    assert not page.live
    assert where_listed(client, page, report_index.url) == NOWHERE

    # The time has passed: the next run publishes it.
    publish_scheduled(at=schedule["go_live_at"] + datetime.timedelta(minutes=5))
    page.refresh_from_db()
    assert page.live
    assert where_listed(client, page, report_index.url) == EVERYWHERE

    # Until its expiry date, after which the next run unpublishes it.
    publish_scheduled(at=schedule["expire_at"] - datetime.timedelta(minutes=5))
    page.refresh_from_db()
    assert page.live
    publish_scheduled(at=schedule["expire_at"] + datetime.timedelta(minutes=5))
    page.refresh_from_db()
    assert not page.live
    assert page.expired
    assert where_listed(client, page, report_index.url) == NOWHERE


def test_approval_of_a_report_for_a_past_date_publishes_it_at_once(
    editor, approver, report_index, client
):
    page = approve_scheduled_report(
        editor,
        approver,
        report_index,
        {"go_live_at": timezone.now() - datetime.timedelta(hours=1)},
    )

    assert page.live
    assert where_listed(client, page, report_index.url) == EVERYWHERE
