"""Who may open the site settings in the admin: the form for those with the permission, Wagtail's
refusal for the others, never a 500.

URLs tried: /admin/settings/home/sitesettings/ (Wagtail sends the user on to the settings of a
site they may edit) and /admin/settings/home/sitesettings/<site_id>/ (the form).

Wagtail refuses in the admin by sending the user back to the dashboard with a message (one
redirect, no loop), and with a 403 to a script's request (X-Requested-With). On PostgreSQL,
Wagtail 8.0.1 answered 500 to every non-superuser without the global permission
(home/wagtail_hooks.py, `SiteSettingsPermissionPolicy`): run these tests there too.
"""

import pytest
from django.contrib import messages
from django.contrib.auth.models import Group, Permission
from wagtail.models import GroupSitePermission, Site
from wagtail.permissions import policy_registry

from home.models import SiteSettings
from home.wagtail_hooks import SiteSettingsPermissionPolicy
from tests.editorial.conftest import (  # noqa: F401 (fixtures)
    PASSWORD,
    communications_user,
    direction_user,
    logged_in_client,
    roles,
)
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

SETTINGS = "/admin/settings/home/sitesettings/"
DASHBOARD = "/admin/"
FORM = {
    "organisation_name": "Consortium de ressources et d'expertises coopératives",
    "short_name": "Consortium",
    "street_address": "",
    "city": "Québec",
    "province": "QC",
    "postal_code": "",
    "phone_local": "418 622-1001",
    "phone_toll_free": "",
    "email": "bonjour@example.org",
    "opening_first_day": "0",
    "opening_last_day": "4",
    "opens_at": "08:30",
    "closes_at": "16:30",
    "linkedin_url": "",
    "facebook_url": "",
    "instagram_url": "",
    "youtube_url": "",
    "brand_colour": "#0b5d7a",
    "accent_colour": "#b3401b",
}


def settings_form_url():
    return f"{SETTINGS}{Site.objects.get(is_default_site=True).pk}/"


def admin_user(*permissions):
    """A user who may use the admin, with the given global permissions ("home.change_…")."""
    user = UserFactory(password=PASSWORD)
    codenames = ["access_admin", *(name.split(".")[1] for name in permissions)]
    user.user_permissions.add(*Permission.objects.filter(codename__in=codenames))
    return user


def group_member_for_the_site():
    """A user whose group may change the settings of the default site only (the "Site
    permissions" that Wagtail's group editor gives per site)."""
    group = Group.objects.create(name="Site settings of the default site")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    GroupSitePermission.objects.create(
        group=group,
        site=Site.objects.get(is_default_site=True),
        permission=Permission.objects.get(codename="change_sitesettings"),
    )
    user = UserFactory(password=PASSWORD)
    user.groups.add(group)
    return user


def assert_refused(client, url):
    response = client.get(url, follow=True)

    assert response.redirect_chain == [(DASHBOARD, 302)]
    assert response.status_code == 200
    # "Sorry, you do not have permission to access this area.", in the user's language.
    assert [message.level for message in response.context["messages"]] == [messages.ERROR]
    script_request = client.get(url, headers={"x-requested-with": "XMLHttpRequest"})
    assert script_request.status_code == 403


def assert_gets_the_form_and_saves_it(client):
    response = client.get(SETTINGS, follow=True)

    assert response.redirect_chain == [(settings_form_url(), 302)]
    assert response.status_code == 200
    assert 'name="organisation_name"' in response.text

    saved = client.post(settings_form_url(), FORM)

    assert saved.status_code == 302
    assert SiteSettings.objects.get().email == "bonjour@example.org"


def test_the_site_settings_use_the_projects_permission_policy():
    # Fails loudly if Wagtail stops asking the policy registry, or `register_setting` replaces
    # the policy after the hooks ran.
    assert isinstance(policy_registry.get_by_type(SiteSettings), SiteSettingsPermissionPolicy)


@pytest.mark.parametrize("url", [SETTINGS, "form"])
def test_an_editor_without_the_permission_is_refused(home_page, url):
    client = logged_in_client(admin_user())

    assert_refused(client, settings_form_url() if url == "form" else url)


def test_an_editor_without_the_permission_saves_nothing(home_page):
    client = logged_in_client(admin_user())

    response = client.post(settings_form_url(), {**FORM, "email": "pirate@example.org"})

    assert response.status_code == 302
    assert SiteSettings.objects.get().email == ""


def test_an_editor_with_the_permission_gets_the_form_and_saves_it(home_page):
    client = logged_in_client(admin_user("home.change_sitesettings"))

    assert_gets_the_form_and_saves_it(client)


def test_a_group_with_the_permission_for_the_site_gets_the_form_and_saves_it(home_page):
    client = logged_in_client(group_member_for_the_site())

    assert_gets_the_form_and_saves_it(client)


def test_sites_a_group_may_edit_are_listed_by_name(home_page):
    other = Site.objects.create(hostname="autre.example.org", root_page=home_page, site_name="B")
    Site.objects.filter(is_default_site=True).update(site_name="A")
    user = group_member_for_the_site()
    GroupSitePermission.objects.create(
        group=user.groups.get(),
        site=other,
        permission=Permission.objects.get(codename="change_sitesettings"),
    )
    policy = policy_registry.get_by_type(SiteSettings)

    sites = policy.sites_user_has_permission_for(user, "change")

    assert [site.site_name for site in sites] == ["A", "B"]
    assert not policy.sites_user_has_permission_for(admin_user(), "change").exists()


@pytest.mark.parametrize("role", ["communications_user", "direction_user"])
def test_the_demo_roles_get_the_form_or_a_refusal(home_page, role, request):
    # Their permissions are the data migration's (report/migrations/0002_…): whatever they
    # are, the settings open or are refused, never a 500.
    user = request.getfixturevalue(role)
    client = logged_in_client(user)

    if policy_registry.get_by_type(SiteSettings).user_has_permission(user, "change"):
        assert client.get(settings_form_url()).status_code == 200
    else:
        assert_refused(client, SETTINGS)
        assert_refused(client, settings_form_url())
