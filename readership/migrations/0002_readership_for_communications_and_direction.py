"""The Communications and Direction groups may read the "Lectorat" admin report: Django's view
permission of the readership counts (readership/admin_views.py checks it). The groups are made
by report/migrations/0002; a database where they were removed gets them back, empty but for this.
"""

from django.db import migrations

GROUPS = ["Communications", "Direction"]
CODENAME = "view_readershipcount"


def view_permission(apps):
    """Permissions are created after every migration has run: this one is needed now."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _created = ContentType.objects.get_or_create(
        app_label="readership", model="readershipcount"
    )
    permission, _created = Permission.objects.get_or_create(
        content_type=content_type,
        codename=CODENAME,
        defaults={"name": "Can view readership count"},
    )
    return permission


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    permission = view_permission(apps)
    for name in GROUPS:
        group, _created = Group.objects.get_or_create(name=name)
        group.permissions.add(permission)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permission = Permission.objects.filter(
        content_type__app_label="readership", codename=CODENAME
    ).first()
    if permission is not None:
        for group in Group.objects.filter(name__in=GROUPS):
            group.permissions.remove(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("readership", "0001_readership_counts"),
        ("report", "0002_editorial_roles_and_workflow"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
