"""What the admin's page chooser offers an editor whose rights cover only part of the tree.

Wagtail's chooser lists every page of the tree, by its latest (draft) title, to anyone who may
use the admin. A page that was never published and that the editor may not edit is someone
else's unpublished work: the chooser leaves it out. Published pages stay choosable (an editor
links to any page visitors can read), shown by title only: no view of the admin opens a page's
content, revisions or history to a user without rights on it (Wagtail's own checks, proved by
tests/security/test_permissions.py).
"""

from django.db.models import Q
from wagtail.permission_policies.pages import PagePermissionPolicy


def pages_offered_by_chooser(pages, user):
    if user.is_superuser:
        return pages
    editable = PagePermissionPolicy().instances_user_has_any_permission_for(
        user, {"add", "change", "publish"}
    )
    return pages.filter(Q(live=True) | Q(pk__in=editable.values("pk")))
