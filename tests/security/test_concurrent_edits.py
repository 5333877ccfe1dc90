"""Two editors saving the same page from the same starting form: both revisions are kept.

Camille and Sacha open the "À propos" page at the same revision. Camille saves first; Sacha
saves next from the form she loaded before Camille's save. Nothing is lost: both revisions
are in the page's history, with their own text and author, and Camille's can be restored.
Wagtail 8's autosave cannot overwrite the other's revision either.
"""

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from wagtail.models import Page, PageLogEntry

from tests.editorial.conftest import roles  # noqa: F401 (fixture)
from tests.factories import UserFactory
from tests.security.test_bad_input import about_form

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-test-password"
CAMILLE_TEXT = "<p>La version de Camille : les services partagés.</p>"
SACHA_TEXT = "<p>La version de Sacha : la vie associative.</p>"


def communications_editor(username, roles):  # noqa: F811
    user = UserFactory(username=username, password=PASSWORD)
    user.groups.add(Group.objects.get(pk=roles["communications"].pk))
    browser = Client()
    browser.force_login(user)
    return browser


@pytest.fixture
def two_editors(roles):  # noqa: F811
    return communications_editor("camille", roles), communications_editor("sacha", roles)


@pytest.fixture
def about(public_site):
    """The "À propos" page, with the revision both editors start from."""
    page = Page.objects.get(pk=public_site["about"].pk).specific
    page.save_revision()
    return page


def edit_form(page, loaded_revision, text, **fields):
    """The editing form as posted by a browser that loaded `loaded_revision`."""
    return {
        **about_form([("text", text)], **fields),
        "loaded_revision_id": str(loaded_revision.pk),
        "loaded_revision_created_at": loaded_revision.created_at.isoformat(),
    }


def revision_texts(page):
    return [
        (revision.user.username if revision.user else None, str(revision.as_object().body))
        for revision in page.revisions.order_by("created_at", "pk")
    ]


def test_both_editors_saves_are_kept_as_revisions(two_editors, about):
    camille_browser, sacha_browser = two_editors
    start = about.latest_revision
    revisions_before = about.revisions.count()

    first = camille_browser.post(
        f"/admin/pages/{about.id}/edit/", edit_form(about, start, CAMILLE_TEXT)
    )
    second = sacha_browser.post(
        f"/admin/pages/{about.id}/edit/", edit_form(about, start, SACHA_TEXT)
    )

    assert first.status_code == 302
    assert second.status_code == 302
    about.refresh_from_db()
    assert about.revisions.count() == revisions_before + 2
    saved = revision_texts(about)[-2:]
    assert saved[0][0] == "camille" and "La version de Camille" in saved[0][1]
    assert saved[1][0] == "sacha" and "La version de Sacha" in saved[1][1]
    assert "La version de Sacha" in str(about.get_latest_revision_as_object().body)
    # Each save is in the page's history, under its author.
    edits = PageLogEntry.objects.filter(page=about, action="wagtail.edit").order_by("timestamp")
    assert [entry.user.username for entry in edits][-2:] == ["camille", "sacha"]


def test_the_earlier_revision_can_be_read_and_restored(two_editors, about, superuser_client):
    camille_browser, sacha_browser = two_editors
    start = about.latest_revision
    camille_browser.post(f"/admin/pages/{about.id}/edit/", edit_form(about, start, CAMILLE_TEXT))
    camilles = about.revisions.order_by("-created_at", "-pk").first()
    sacha_browser.post(f"/admin/pages/{about.id}/edit/", edit_form(about, start, SACHA_TEXT))

    shown = superuser_client.get(f"/admin/pages/{about.id}/revisions/{camilles.id}/view/")
    revert = superuser_client.get(f"/admin/pages/{about.id}/revisions/{camilles.id}/revert/")

    assert "La version de Camille" in shown.content.decode()
    assert revert.status_code == 200
    assert "La version de Camille" in revert.content.decode()


def test_a_stale_autosave_does_not_overwrite_the_other_editors_revision(two_editors, about):
    camille_browser, sacha_browser = two_editors
    start = about.latest_revision
    camille_browser.post(f"/admin/pages/{about.id}/edit/", edit_form(about, start, CAMILLE_TEXT))
    camilles = about.revisions.order_by("-created_at", "-pk").first()
    count = about.revisions.count()

    stale_autosave = sacha_browser.post(
        f"/admin/pages/{about.id}/edit/",
        edit_form(about, start, SACHA_TEXT),
        HTTP_ACCEPT="application/json",
    )
    overwrite = sacha_browser.post(
        f"/admin/pages/{about.id}/edit/",
        {**edit_form(about, camilles, SACHA_TEXT), "overwrite_revision_id": str(camilles.pk)},
        HTTP_ACCEPT="application/json",
    )

    assert stale_autosave.status_code == 400
    assert stale_autosave.json()["error_code"] == "invalid_revision"
    assert overwrite.status_code == 400
    assert not overwrite.json()["success"]
    camilles.refresh_from_db()
    assert "La version de Camille" in str(camilles.as_object().body)
    assert about.revisions.count() == count


def test_an_editor_keeps_autosaving_over_her_own_revision_only(two_editors, about):
    """Autosave replaces the editor's own latest revision (Wagtail 8): nothing of anyone else's."""
    camille_browser, _sacha_browser = two_editors
    start = about.latest_revision
    first = camille_browser.post(
        f"/admin/pages/{about.id}/edit/",
        edit_form(about, start, CAMILLE_TEXT),
        HTTP_ACCEPT="application/json",
    )
    assert first.status_code == 200, first.content
    own = about.revisions.order_by("-created_at", "-pk").first()
    count = about.revisions.count()

    again = camille_browser.post(
        f"/admin/pages/{about.id}/edit/",
        {
            **edit_form(about, own, "<p>La version de Camille, corrigée.</p>"),
            "overwrite_revision_id": str(own.pk),
        },
        HTTP_ACCEPT="application/json",
    )

    assert again.status_code == 200, again.content
    assert about.revisions.count() == count
    assert start.pk in about.revisions.values_list("pk", flat=True)
