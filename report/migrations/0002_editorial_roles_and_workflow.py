"""The editorial roles and the annual report's approval workflow.

- "Communications": composes and edits pages (add, change; no publish), images and documents of
  the root collection (add, change, choose), every members snippet (add, change, delete),
  submits translations, reads contact messages.
- "Direction": everything Communications may do, plus publish, lock and unlock pages.
- Workflow "Approbation du rapport annuel", one task "Approbation par la direction" (group
  Direction), assigned to every annual reports index page (report/workflow.py assigns it to those
  created later).

Page permissions are given on the tree's root (depth 1), so that both locales are covered.
Wagtail's own first migrations assign a "Moderators approval" workflow to that root, which would
put every page of the site through moderation: it is unassigned from the root here, since only
the annual reports go through approval.

`create_roles_and_workflow` is idempotent; the tests run it again with the project's models to
rebuild the groups after a test that empties the database.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

COMMUNICATIONS = "Communications"
DIRECTION = "Direction"
WORKFLOW_NAME = "Approbation du rapport annuel"
TASK_NAME = "Approbation par la direction"
WAGTAIL_DEFAULT_WORKFLOW_NAME = "Moderators approval"

COMMUNICATIONS_PAGE_PERMISSIONS = ["add_page", "change_page"]
DIRECTION_PAGE_PERMISSIONS = [
    *COMMUNICATIONS_PAGE_PERMISSIONS,
    "publish_page",
    "lock_page",
    "unlock_page",
]
COLLECTION_PERMISSIONS = {
    "wagtailimages": ["add_image", "change_image", "choose_image"],
    "wagtaildocs": ["add_document", "change_document", "choose_document"],
}
# (app label, model, codename, name) of permissions that no model of the app defines.
SPECIAL_PERMISSIONS = [
    ("wagtailadmin", "admin", "access_admin", "Can access Wagtail admin"),
    ("wagtail_localize", "translation", "submit_translation", "Can submit translations"),
]
MODEL_PERMISSION_APPS = ["wagtailcore", "wagtailimages", "wagtaildocs", "members", "home"]


def ensure_model_permissions(apps, using):
    """Permissions are normally created after every migration has run: create those needed now."""
    for label in MODEL_PERMISSION_APPS:
        app_config = apps.get_app_config(label)
        # create_permissions() skips an app without models module, as the migration state's are.
        models_module = getattr(app_config, "models_module", None)
        app_config.models_module = models_module or True
        try:
            create_permissions(app_config, verbosity=0, using=using, apps=apps)
        finally:
            app_config.models_module = models_module


def get_permission(apps, app_label, codename):
    Permission = apps.get_model("auth", "Permission")
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def global_permissions(apps):
    """Permissions given to both groups, outside pages and collections."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    permissions = []
    for app_label, model, codename, name in SPECIAL_PERMISSIONS:
        content_type, _created = ContentType.objects.get_or_create(app_label=app_label, model=model)
        permission, _created = Permission.objects.get_or_create(
            content_type=content_type, codename=codename, defaults={"name": name}
        )
        permissions.append(permission)
    for model in apps.get_app_config("members").get_models():
        model_name = model._meta.model_name
        for action in ["add", "change", "delete"]:
            permissions.append(get_permission(apps, "members", f"{action}_{model_name}"))
    permissions.append(get_permission(apps, "home", "view_contactsubmission"))
    return permissions


def create_group(apps, name, page_codenames, permissions):
    Group = apps.get_model("auth", "Group")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")

    group, _created = Group.objects.get_or_create(name=name)
    group.permissions.add(*permissions)
    for root in Page.objects.filter(depth=1):
        for codename in page_codenames:
            GroupPagePermission.objects.get_or_create(
                group=group, page=root, permission=get_permission(apps, "wagtailcore", codename)
            )
    for collection in Collection.objects.filter(depth=1):
        for app_label, codenames in COLLECTION_PERMISSIONS.items():
            for codename in codenames:
                GroupCollectionPermission.objects.get_or_create(
                    group=group,
                    collection=collection,
                    permission=get_permission(apps, app_label, codename),
                )
    return group


def create_workflow(apps, approvers):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")

    task_type, _created = ContentType.objects.get_or_create(
        app_label="wagtailcore", model="groupapprovaltask"
    )
    task, _created = GroupApprovalTask.objects.get_or_create(
        name=TASK_NAME, defaults={"content_type": task_type, "active": True}
    )
    task.groups.add(approvers)
    workflow, _created = Workflow.objects.get_or_create(
        name=WORKFLOW_NAME, defaults={"active": True}
    )
    if not WorkflowTask.objects.filter(workflow=workflow).exists():
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    return workflow


def assign_workflow(apps, workflow):
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    ReportIndexPage = apps.get_model("report", "ReportIndexPage")
    for index in ReportIndexPage.objects.all():
        WorkflowPage.objects.get_or_create(page_id=index.pk, defaults={"workflow": workflow})
    # Only the annual reports go through approval: not the whole tree.
    WorkflowPage.objects.filter(
        page__depth=1, workflow__name=WAGTAIL_DEFAULT_WORKFLOW_NAME
    ).delete()


def create_roles_and_workflow(apps, schema_editor):
    using = schema_editor.connection.alias if schema_editor is not None else "default"
    ensure_model_permissions(apps, using)
    permissions = global_permissions(apps)
    create_group(apps, COMMUNICATIONS, COMMUNICATIONS_PAGE_PERMISSIONS, permissions)
    direction = create_group(apps, DIRECTION, DIRECTION_PAGE_PERMISSIONS, permissions)
    assign_workflow(apps, create_workflow(apps, direction))


def remove_roles_and_workflow(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    Task = apps.get_model("wagtailcore", "Task")
    Workflow.objects.filter(name=WORKFLOW_NAME).delete()
    Task.objects.filter(name=TASK_NAME).delete()
    Group.objects.filter(name__in=[COMMUNICATIONS, DIRECTION]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("report", "0001_initial"),
        ("home", "0001_initial"),
        ("members", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtail_localize", "0016_rename_page_revision_translationlog_revision"),
    ]

    operations = [
        migrations.RunPython(create_roles_and_workflow, remove_roles_and_workflow),
    ]
