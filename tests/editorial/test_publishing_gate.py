"""One gate for publishing (cms/publishing.py): a page under the approval workflow goes live only
through its approval, whatever path an editor (or an attacker with an editor's account) takes.

The paths tried here, besides the page forms of test_no_bypass.py:
- wagtail-localize's "Update translations" with "Publish immediately":
  POST /admin/localize/update/<translation source id>/ (publish_translations=on);
- wagtail-localize's "Convert to alias": POST /admin/localize/page/<page id>/convert_to_alias/;
- wagtail-localize's translation editor's "Publish": POST /admin/pages/<page id>/edit/
  (action=publish), in test_no_bypass.py;
- the admin API's actions: POST /admin/api/main/pages/<page id>/action/publish/;
- the privacy and unscheduling of a report, which put nothing live, stay the approver's.
"""

import pytest
from django.utils import translation
from django.utils.translation import gettext
from wagtail.models import Page, PageLogEntry
from wagtail_localize.models import TranslationSource

from cms import publishing
from tests.editorial.helpers import approve
from tests.editorial.release_helpers import (
    ENGLISH_MARK,
    correct_translation,
    english_page,
    fresh,
    submit_report,
    translate,
    translate_release,
)
from tests.html import page_html

pytestmark = pytest.mark.django_db

CHANGED_TITLE = "EN: a title nobody approved"


@pytest.fixture
def released(editor, approver, release, english):
    """The report, its message and project, approved and live in French and English."""
    task_state = submit_report(editor, release["report"])
    translate_release(editor, release, english)
    approve(approver, release["report"], task_state)
    return {name: fresh(page) for name, page in release.items()}


def source_of(page):
    return TranslationSource.objects.get(object_id=page.translation_key, locale=page.locale)


def update_translations(client, page, publish=True):
    """wagtail-localize's "Update translations" of the French `page`."""
    data = {"publish_translations": "on"} if publish else {}
    return client.post(f"/admin/localize/update/{source_of(page).id}/", data)


def publications_by(user, page):
    return PageLogEntry.objects.filter(page=page, user=user, action="wagtail.publish").count()


@pytest.mark.parametrize("who", ["editor", "approver"])
def test_updating_translations_with_publish_is_refused(
    who, request, released, english, client, communications_user, direction_user
):
    browser = request.getfixturevalue(who)
    report = released["report"]
    english_report = english_page(report, english)
    user = communications_user if who == "editor" else direction_user
    publications = publications_by(user, english_report)
    correct_translation(browser, report, english, report.title, CHANGED_TITLE)

    response = update_translations(browser, report)

    assert response.status_code == 403
    with translation.override("fr"):
        assert gettext("Publishing needs approval") in page_html(response)
    assert fresh(english_report).title == f"{ENGLISH_MARK} {report.title}"
    assert CHANGED_TITLE not in page_html(client.get(english_report.url))
    assert publications_by(user, english_report) == publications


def test_updating_translations_without_publish_still_works(editor, released, english, client):
    report = released["report"]
    english_report = english_page(report, english)
    correct_translation(editor, report, english, report.title, CHANGED_TITLE)

    response = update_translations(editor, report, publish=False)

    assert response.status_code == 302
    assert CHANGED_TITLE not in page_html(client.get(english_report.url))


def test_updating_translations_of_any_page_needs_the_right_to_publish_it(
    editor, approver, public_site, english, client
):
    """Off the workflow, the gate is Wagtail's right to publish: communications has none."""
    about = public_site["about"]
    about_en = english_page(about, english)
    correct_translation(editor, about, english, about.title, CHANGED_TITLE)

    assert update_translations(editor, about).status_code == 403
    assert CHANGED_TITLE not in page_html(client.get(about_en.url))

    assert update_translations(approver, about).status_code == 302
    assert CHANGED_TITLE in page_html(client.get(about_en.url))


def test_converting_an_unpublished_translation_to_an_alias_does_not_publish_it(
    editor, released, english, client, superuser
):
    english_message = english_page(released["message"], english)
    english_message.unpublish(user=superuser)
    assert client.get(english_message.url).status_code == 404

    response = editor.post(f"/admin/localize/page/{english_message.id}/convert_to_alias/")

    assert response.status_code == 403
    page = fresh(english_message)
    assert not page.live and page.alias_of_id is None
    assert client.get(english_message.url).status_code == 404


def test_the_admin_api_does_not_publish_a_report(approver, editor, release):
    report = release["report"]

    response = approver.post(
        f"/admin/api/main/pages/{report.id}/action/publish/", content_type="application/json"
    )

    assert response.status_code == 403
    assert not fresh(report).live


def test_the_approver_keeps_privacy_and_unscheduling(direction_user, communications_user, release):
    report = release["report"]
    approver_rights = report.permissions_for_user(direction_user)
    assert not approver_rights.can_publish()
    assert approver_rights.can_publish_on_approval()
    assert approver_rights.can_set_view_restrictions() and approver_rights.can_unschedule()
    editor_rights = report.permissions_for_user(communications_user)
    assert not editor_rights.can_set_view_restrictions()


def test_an_english_page_is_governed_by_its_french_pages_workflow(released, english):
    english_message = english_page(released["message"], english)
    assert publishing.governing_workflow(english_message) is not None


def test_the_rest_of_the_site_is_not_governed(public_site):
    home = Page.objects.get(pk=public_site["home"].pk)
    assert publishing.governing_workflow(home) is None


def test_translating_a_live_report_shown_through_its_alias_is_not_refused(
    editor, approver, release, english, client
):
    report = release["report"]
    approve(approver, report, submit_report(editor, report))
    alias = english_page(report, english)
    assert alias.live and alias.alias_of_id

    translate(editor, report, english)

    english_report = fresh(alias)
    assert english_report.alias_of_id is None
    assert client.get(english_report.url).status_code == 200
