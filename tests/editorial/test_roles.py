"""The groups, their permissions and the approval workflow created by the data migration."""

import pytest
from django.apps import apps
from django.core.management import call_command
from wagtail.models import (
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Workflow,
    WorkflowPage,
)
from wagtail.users.models import UserProfile

from tests.editorial.conftest import roles_migration
from tests.factories import ReportIndexPageFactory, StandardPageFactory

pytestmark = pytest.mark.django_db

MEMBERS_MODELS = [
    "boardmandate",
    "boardmeeting",
    "boardrole",
    "memberorganisation",
    "membershipcategory",
    "person",
]
SHARED_PERMISSIONS = {
    ("wagtailadmin", "access_admin"),
    ("wagtail_localize", "submit_translation"),
    ("home", "view_contactsubmission"),
    # The "Lectorat" admin report (readership/migrations/0002).
    ("readership", "view_readershipcount"),
    *{
        ("members", f"{action}_{model}")
        for model in MEMBERS_MODELS
        for action in ["add", "change", "delete"]
    },
}
COLLECTION_PERMISSIONS = {
    "add_image",
    "change_image",
    "choose_image",
    "add_document",
    "change_document",
    "choose_document",
}


def group_permissions(group):
    return set(group.permissions.values_list("content_type__app_label", "codename"))


def page_permissions(group):
    return set(
        GroupPagePermission.objects.filter(group=group).values_list(
            "page__depth", "permission__codename"
        )
    )


def collection_permissions(group):
    return set(
        GroupCollectionPermission.objects.filter(group=group, collection__depth=1).values_list(
            "permission__codename", flat=True
        )
    )


def test_communications_composes_but_does_not_publish(roles):
    group = roles["communications"]

    assert group_permissions(group) == SHARED_PERMISSIONS
    assert page_permissions(group) == {(1, "add_page"), (1, "change_page")}
    assert collection_permissions(group) == COLLECTION_PERMISSIONS


def test_direction_also_publishes_locks_and_unlocks(roles):
    group = roles["direction"]

    assert group_permissions(group) == SHARED_PERMISSIONS
    assert page_permissions(group) == {
        (1, "add_page"),
        (1, "change_page"),
        (1, "publish_page"),
        (1, "lock_page"),
        (1, "unlock_page"),
    }
    assert collection_permissions(group) == COLLECTION_PERMISSIONS


def test_the_workflow_has_one_task_approved_by_direction(roles):
    workflow = Workflow.objects.get(name=roles_migration.WORKFLOW_NAME)

    tasks = [task.specific for task in workflow.tasks]
    assert workflow.active
    assert [task.name for task in tasks] == [roles_migration.TASK_NAME]
    assert isinstance(tasks[0], GroupApprovalTask)
    assert list(tasks[0].groups.all()) == [roles["direction"]]


def test_running_the_migration_again_changes_nothing(roles):
    counts = [GroupPagePermission.objects.count(), Workflow.objects.count()]

    roles_migration.create_roles_and_workflow(apps, None)

    assert [GroupPagePermission.objects.count(), Workflow.objects.count()] == counts


def test_report_indexes_created_later_get_the_workflow_in_both_languages(report_index, english):
    english_index = report_index.get_translation(english)

    for index in [report_index, english_index]:
        assert WorkflowPage.objects.get(page=index).workflow.name == roles_migration.WORKFLOW_NAME
        assert index.get_workflow().name == roles_migration.WORKFLOW_NAME


def test_the_rest_of_the_site_has_no_workflow(report_index, public_site):
    page = StandardPageFactory(parent=public_site["home"], slug="autre")

    assert not WorkflowPage.objects.filter(page__depth=1).exists()
    for other in [public_site["home"], public_site["about"], page]:
        assert other.get_workflow() is None


def test_a_workflow_renamed_by_an_administrator_is_still_assigned(report_index, home_page):
    Workflow.objects.filter(name=roles_migration.WORKFLOW_NAME).update(name="Approbation")
    other_home = Page.objects.get(pk=home_page.pk).copy(
        update_attrs={"slug": "accueil-2", "title": "Autre"}, copy_revisions=False
    )

    index = ReportIndexPageFactory(parent=other_home, slug="rapports")

    assert index.get_workflow().name == "Approbation"


@pytest.mark.parametrize(
    "url",
    [
        "/admin/",
        "/admin/images/",
        "/admin/images/multiple/add/",
        "/admin/documents/",
        "/admin/documents/multiple/add/",
        "/admin/snippets/members/person/",
        "/admin/snippets/members/person/add/",
        "/admin/snippets/members/memberorganisation/",
        "/admin/snippets/members/boardmandate/add/",
        "/admin/contact_messages/",
    ],
)
def test_communications_reaches_what_it_maintains(editor, url):
    assert editor.get(url).status_code == 200, url


def test_communications_has_no_settings_or_users(editor):
    for url in ["/admin/users/", "/admin/groups/", "/admin/workflows/list/"]:
        assert editor.get(url).status_code in {302, 403}, url


def test_demo_site_creates_one_user_of_each_role_with_a_french_admin(demo_site, client):
    for username, group, password in [
        ("communications", roles_migration.COMMUNICATIONS, "consortium-communications"),
        ("direction", roles_migration.DIRECTION, "consortium-direction"),
    ]:
        assert client.login(username=username, password=password), username
        user = client.get("/admin/").wsgi_request.user
        assert [g.name for g in user.groups.all()] == [group]
        assert UserProfile.get_for_user(user).preferred_language == "fr"
        assert not user.is_superuser
        client.logout()
    assert client.login(username="admin", password="consortium-demo")


def test_demo_editor_passwords_can_be_chosen(db, monkeypatch, client):
    monkeypatch.setenv("DEMO_COMMUNICATIONS_PASSWORD", "autre-mot-de-passe-long")

    call_command("load_demo_site", stdout=None)

    assert client.login(username="communications", password="autre-mot-de-passe-long")
    assert client.login(username="direction", password="consortium-direction")


def test_demo_editors_are_not_created_twice(demo_site):
    from django.contrib.auth import get_user_model

    call_command("load_demo_site", stdout=None)

    assert (
        get_user_model().objects.filter(username__in=["communications", "direction"]).count() == 2
    )


def test_communications_submits_translations(editor, public_site, english):
    page = StandardPageFactory(parent=public_site["home"], slug="nouvelle-page")

    response = editor.post(f"/admin/localize/submit/page/{page.id}/", {"locales": [english.id]})

    assert response.status_code == 302
    assert page.get_translation_or_none(english) is not None
