import pytest
from django.contrib.auth.models import Group
from django.test import Client
from wagtail.users.models import UserProfile

from tests.factories import UserFactory


@pytest.fixture
def editor(db):
    """An editor of the site's pages (Wagtail's “Editors” group) with no members permissions."""
    user = UserFactory(username="editor")
    user.groups.add(Group.objects.get(name="Editors"))
    return user


@pytest.fixture
def editor_client(editor):
    client = Client()
    client.force_login(editor)
    return client


@pytest.fixture
def admin(superuser_client, superuser):
    """The superuser's admin in English, so that messages are asserted as written in the code.

    Their French wording comes from the lead's catalogue and may change without breaking tests.
    """
    profile = UserProfile.get_for_user(superuser)
    profile.preferred_language = "en"
    profile.save()
    return superuser_client
