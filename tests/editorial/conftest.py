import importlib

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from django.test import Client
from wagtail_localize.models import LocaleSynchronization

from editorial.localization import publish_translation
from tests.editorial.helpers import approve
from tests.editorial.release_helpers import (
    changed_body,
    compose_report,
    digits,
    english_page,
    fresh,
    page_html_of,
    resubmit_report,
    submit_report,
    translate_release,
)
from tests.factories import PersonFactory, ReportIndexPageFactory, UserFactory

PASSWORD = "a-long-test-password"

roles_migration = importlib.import_module("report.migrations.0002_editorial_roles_and_workflow")
readership_migration = importlib.import_module(
    "readership.migrations.0002_readership_for_communications_and_direction"
)


@pytest.fixture
def roles(db):
    """The groups and the workflow of the data migrations (and the readership they may read).

    Migrations created them in the test database; running the migration's function again (it
    is idempotent) restores them after a test that emptied the database.
    """
    roles_migration.create_roles_and_workflow(apps, None)
    readership_migration.grant(apps, None)
    return {
        "communications": Group.objects.get(name=roles_migration.COMMUNICATIONS),
        "direction": Group.objects.get(name=roles_migration.DIRECTION),
    }


def logged_in_client(user):
    client = Client()
    assert client.login(username=user.username, password=PASSWORD)
    return client


@pytest.fixture
def communications_user(roles):
    user = UserFactory(username="camille", password=PASSWORD)
    user.groups.add(roles["communications"])
    return user


@pytest.fixture
def direction_user(roles):
    user = UserFactory(username="dominique", password=PASSWORD)
    user.groups.add(roles["direction"])
    return user


@pytest.fixture
def editor(communications_user):
    """The browser of an editor of the communications team, logged in."""
    return logged_in_client(communications_user)


@pytest.fixture
def approver(direction_user):
    """The browser of the direction's approver, logged in."""
    return logged_in_client(direction_user)


@pytest.fixture
def report_index(roles, public_site, french, english):
    """The published annual reports index in French and English; new French pages get an
    English alias (the demo site's locale synchronisation)."""
    index = ReportIndexPageFactory(parent=public_site["home"], show_in_menus=True)
    index.save_revision().publish()
    publish_translation(
        index, english, {"Rapports annuels": "Annual reports", "rapports-annuels": "annual-reports"}
    )
    LocaleSynchronization.objects.get_or_create(locale=english, defaults={"sync_from": french})
    index.refresh_from_db()
    return index


@pytest.fixture
def author(db):
    return PersonFactory(first_name="Hélène", last_name="Tremblay")


@pytest.fixture
def release(editor, report_index, author):
    """The editor's draft report with a message and a project under it."""
    report, message, project = compose_report(editor, report_index, author)
    return {"report": report, "message": message, "project": project}


@pytest.fixture
def corrected(editor, approver, release, english):
    """Released in both languages, then the figure and a sentence changed and approved once."""
    report = release["report"]
    approve(approver, report, submit_report(editor, report))
    translate_release(editor, release, english)
    approve(approver, report, resubmit_report(editor, report))
    assert "70125" not in digits(page_html_of(english_page(report, english)))

    approve(approver, report, resubmit_report(editor, report, body=changed_body()))
    return fresh(report), english_page(report, english)
