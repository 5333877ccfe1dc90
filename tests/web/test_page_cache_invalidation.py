"""What editors do in the admin, and whether visitors' cached pages and the CDN follow
(web/caching.py, web/invalidation.py, web/cdn.py).

A draft saved, an autosave, a lock, a page submitted for approval: visitors see nothing new, so
every cached page stays cached and nothing is purged. A publication, an unpublication: the pages
are made again, and each address the change touched is purged once, after the commit, outside
the editor's request; a CDN that is slow, fails or cannot be asked never fails the publication,
and the editor is told that visitors may still see the previous version.

Addresses: /admin/pages/<id>/edit/ (draft, autosave, submit, publish), /admin/pages/<id>/lock/,
/admin/pages/<id>/unpublish/, and what visitors read: /fr/a-propos/, /fr/, /en/about/.
"""

import logging
import threading

import pytest
from django.contrib.auth.models import Group
from django.contrib.messages import get_messages
from django.test import Client
from django_tasks import task_backends
from wagtail.contrib.frontend_cache.backends.base import BaseBackend
from wagtail.models import GroupApprovalTask, Workflow, WorkflowPage, WorkflowTask
from wagtail.test.utils.form_data import nested_form_data
from wagtail.users.models import UserProfile

from home.models import StandardPage
from tests.admin_forms import block_form_data
from tests.factories import StandardPageFactory
from tests.html import page_html
from tests.web.conftest import background_tasks_done
from web import caching, generation
from web.background import TaskNotQueued

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache_on")]

ABOUT = "/fr/a-propos/"
# The admin speaks French to the editors (LANGUAGE_CODE).
STILL_SEEN = "Les visiteurs peuvent encore voir la version précédente"


@pytest.fixture
def visitor():
    """An anonymous visitor's browser (the editor's is another one)."""
    return Client()


def cache_state(response):
    return response.headers.get("X-Page-Cache")


def cached_for_visitors(visitor, *urls):
    """Each page served twice to anonymous visitors: the second from the cache."""
    for url in urls:
        visitor.get(url)
        assert cache_state(visitor.get(url)) == "hit", url


def edit_form(page, **fields):
    """The edit form of the "À propos" page as the editor's browser posts it."""
    data = {
        "title": page.title,
        "slug": page.slug,
        "introduction": page.introduction,
        "show_in_menus": "on",
        "body": block_form_data(
            StandardPage.body.field.stream_block,
            [("text", "<p>Une coopérative de services partagés.</p>")],
        ),
        **fields,
    }
    return nested_form_data(data)


def edit_url(page):
    return f"/admin/pages/{page.id}/edit/"


def warnings(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


# Nothing visitors see: nothing renewed, nothing purged


def test_a_draft_save_keeps_the_cached_pages_and_purges_nothing(
    visitor, superuser_client, public_site, cdn, autocommit
):
    about = public_site["about"]
    cached_for_visitors(visitor, ABOUT, "/fr/", "/en/about/")

    response = superuser_client.post(edit_url(about), edit_form(about, title="Brouillon"))

    assert response.status_code == 302
    about.refresh_from_db()
    assert about.has_unpublished_changes and about.draft_title == "Brouillon"
    for url in (ABOUT, "/fr/", "/en/about/"):
        assert cache_state(visitor.get(url)) == "hit", url
    assert "Brouillon" not in page_html(visitor.get(ABOUT))
    assert not cdn()


def test_an_autosave_keeps_the_cached_pages_and_purges_nothing(
    visitor, superuser_client, public_site, cdn, autocommit
):
    """Wagtail's autosave posts the edit form every few seconds while the editor types, asking
    for JSON (admin/views/pages/edit.py, `expects_json_response`)."""
    about = public_site["about"]
    cached_for_visitors(visitor, ABOUT, "/fr/")
    form = edit_form(about, title="En cours de frappe")

    for _ in range(3):
        response = superuser_client.post(
            edit_url(about), form, headers={"Accept": "application/json"}
        )
        assert response.status_code == 200 and response.json()["success"] is True
        form["overwrite_revision_id"] = response.json()["revision_id"]

    assert cache_state(visitor.get(ABOUT)) == "hit"
    assert cache_state(visitor.get("/fr/")) == "hit"
    assert not cdn()


def test_locking_a_page_keeps_the_cached_pages(visitor, superuser_client, public_site, autocommit):
    about = public_site["about"]
    cached_for_visitors(visitor, ABOUT)

    assert superuser_client.post(f"/admin/pages/{about.id}/lock/").status_code == 302

    about.refresh_from_db()
    assert about.locked
    assert cache_state(visitor.get(ABOUT)) == "hit"


def under_approval(page):
    """An approval workflow on the page (the site's is on the reports: tests/editorial)."""
    task = GroupApprovalTask.objects.create(name="Approbation")
    task.groups.set(Group.objects.filter(name="Moderators"))
    workflow = Workflow.objects.create(name="Approbation")
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    WorkflowPage.objects.update_or_create(page=page, defaults={"workflow": workflow})


def test_submitting_for_approval_keeps_the_cached_pages(
    visitor, superuser_client, public_site, cdn, autocommit
):
    about = public_site["about"]
    under_approval(about)
    cached_for_visitors(visitor, ABOUT)

    response = superuser_client.post(
        edit_url(about), {**edit_form(about, title="À approuver"), "action-submit": "1"}
    )

    assert response.status_code == 302
    about.refresh_from_db()
    assert about.workflow_in_progress
    assert cache_state(visitor.get(ABOUT)) == "hit"
    assert not cdn()


def test_a_page_that_was_never_live_keeps_the_cached_pages(visitor, public_site, autocommit):
    cached_for_visitors(visitor, "/fr/")

    StandardPageFactory(parent=public_site["home"], title="Pas encore", slug="pas", live=False)

    assert cache_state(visitor.get("/fr/")) == "hit"


# What visitors see: renewed, each address purged once


def publish(editor, page, **fields):
    return editor.post(edit_url(page), {**edit_form(page, **fields), "action-publish": "1"})


def test_publishing_renews_the_pages_and_purges_each_address_once(
    visitor, superuser_client, public_site, cdn, autocommit
):
    """The page is in the main menu, which every page shows: every live page is purged, each
    once (Wagtail's own purge on `page_published` is not connected beside the project's)."""
    cached_for_visitors(visitor, ABOUT, "/fr/")

    response = publish(superuser_client, public_site["about"], title="Qui sommes-nous")

    assert response.status_code == 302
    assert STILL_SEEN not in " ".join(warnings(response))
    assert "<h1>Qui sommes-nous</h1>" in page_html(visitor.get(ABOUT))
    assert "Qui sommes-nous" in page_html(visitor.get("/fr/"))
    purged = cdn()
    assert {
        "http://testserver/fr/",
        "http://testserver/fr/a-propos/",
        "http://testserver/fr/nous-joindre/",
        "http://testserver/en/",
        "http://testserver/en/about/",
        "http://testserver/en/contact-us/",
        "http://testserver/sitemap.xml",
    } <= set(purged)
    assert set(purged.values()) == {1}


def test_a_page_outside_the_menu_purges_itself_and_the_pages_that_show_it(
    visitor, public_site, cdn, django_capture_on_commit_callbacks
):
    team = StandardPageFactory(
        parent=public_site["about"], title="L’équipe", slug="equipe", show_in_menus=False
    )
    cached_for_visitors(visitor, "/fr/a-propos/equipe/")

    with django_capture_on_commit_callbacks(execute=True):
        team.title = "Notre équipe"
        team.save_revision().publish()

    purged = cdn()
    assert set(purged) == {
        "http://testserver/fr/a-propos/equipe/",
        "http://testserver/fr/a-propos/",  # Its parent lists it, and its breadcrumbs name it.
        "http://testserver/fr/",
        "http://testserver/sitemap.xml",
    }
    assert set(purged.values()) == {1}


def test_unpublishing_through_the_admin_removes_the_page_and_purges_it(
    visitor, superuser_client, public_site, cdn, autocommit
):
    about = public_site["about"]
    cached_for_visitors(visitor, ABOUT)

    response = superuser_client.post(f"/admin/pages/{about.id}/unpublish/")

    assert response.status_code == 302
    assert visitor.get(ABOUT).status_code == 404
    purged = cdn()
    assert purged["http://testserver/fr/a-propos/"] == 1
    assert set(purged.values()) == {1}


def test_one_purge_per_transaction_outside_a_request(
    public_site, cdn, django_capture_on_commit_callbacks
):
    """A command: what a transaction changed, purged once when it commits."""
    with django_capture_on_commit_callbacks(execute=True):
        about = public_site["about"]
        about.title = "Qui sommes-nous"
        about.save_revision().publish()
        about.save_revision().publish()

    purged = cdn()
    assert purged["http://testserver/fr/a-propos/"] == 1
    assert set(purged.values()) == {1}


# A CDN that is slow, fails, or cannot be asked


class SlowBackend(BaseBackend):
    started = threading.Event()
    release = threading.Event()
    purged = []

    def purge(self, url):
        self.started.set()
        self.release.wait(timeout=30)
        self.purged.append(url)


class FailingBackend(BaseBackend):
    def purge(self, url):
        # As Wagtail's backends do: they log the error, they do not raise it.
        logging.getLogger("wagtail.frontendcache").error("Couldn't purge '%s': timed out", url)


@pytest.fixture
def slow_cdn(settings):
    settings.WAGTAILFRONTENDCACHE = {"slow": {"BACKEND": f"{__name__}.SlowBackend"}}
    settings.PAGE_CACHE_PURGE_WAIT_SECONDS = 0.2
    SlowBackend.started.clear()
    SlowBackend.release.clear()
    SlowBackend.purged.clear()
    yield SlowBackend
    SlowBackend.release.set()
    assert background_tasks_done()


def test_a_slow_cdn_never_holds_the_editors_publication(
    visitor, superuser_client, public_site, slow_cdn, autocommit
):
    cached_for_visitors(visitor, ABOUT)

    response = publish(superuser_client, public_site["about"], title="Qui sommes-nous")

    # The publication answered while the CDN still had the purge in hand.
    assert response.status_code == 302
    assert slow_cdn.started.wait(timeout=10) and not slow_cdn.release.is_set()
    assert any(STILL_SEEN in message for message in warnings(response))
    assert "<h1>Qui sommes-nous</h1>" in page_html(visitor.get(ABOUT))

    slow_cdn.release.set()
    assert background_tasks_done()
    assert "http://testserver/fr/a-propos/" in slow_cdn.purged


def test_a_failing_cdn_fails_no_publication_and_the_editor_is_told(
    visitor, superuser_client, public_site, settings, autocommit
):
    settings.WAGTAILFRONTENDCACHE = {"failing": {"BACKEND": f"{__name__}.FailingBackend"}}
    settings.PAGE_CACHE_CDN_MAX_AGE = 3600

    response = publish(superuser_client, public_site["about"], title="Qui sommes-nous")

    assert response.status_code == 302
    assert any(
        f"{STILL_SEEN} des pages modifiées pendant au plus 60 minutes" in message
        for message in warnings(response)
    )
    assert "<h1>Qui sommes-nous</h1>" in page_html(visitor.get(ABOUT))


def test_the_warning_speaks_the_editors_language(
    superuser, superuser_client, public_site, settings, autocommit
):
    settings.WAGTAILFRONTENDCACHE = {"failing": {"BACKEND": f"{__name__}.FailingBackend"}}
    profile = UserProfile.get_for_user(superuser)
    profile.preferred_language = "en"
    profile.save()

    response = publish(superuser_client, public_site["about"], title="Qui sommes-nous")

    assert any(
        "Visitors may still see the previous version of the changed pages" in message
        for message in warnings(response)
    )


def test_a_purge_that_cannot_be_queued_fails_no_publication_and_the_editor_is_told(
    visitor, superuser_client, public_site, cdn, autocommit, monkeypatch
):
    def full(*args, **kwargs):
        raise TaskNotQueued("100 tasks are already waiting in this process")

    monkeypatch.setattr(task_backends["background"], "enqueue", full)

    response = publish(superuser_client, public_site["about"], title="Qui sommes-nous")

    assert response.status_code == 302
    assert any(STILL_SEEN in message for message in warnings(response))
    assert "<h1>Qui sommes-nous</h1>" in page_html(visitor.get(ABOUT))


def test_the_caches_copy_of_the_generation_waits_for_the_commit(visitor, public_site):
    """Renewed in the database with the change; until the commit (which a test never makes),
    this process reads it from there, and the other servers are not told a value that could
    still be rolled back."""
    cached_for_visitors(visitor, ABOUT)
    before = generation.stored_value()

    public_site["about"].unpublish()

    assert generation.stored_value() > before
    assert visitor.get(ABOUT).status_code == 404
    assert caching.page_cache().get(caching.GENERATION_KEY) != generation.stored_value()
