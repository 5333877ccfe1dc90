"""Direction may publish, but a page under the approval workflow (a report, its messages and
projects, in either language) goes live only through the workflow: no "Publish" button, and a
forged publication is refused with nothing saved. The administrator and the rest of the site
keep direct publishing."""

import pytest
from django.test import Client
from django.utils import translation
from django.utils.translation import gettext
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from home.models import StandardPage
from tests.editorial.helpers import (
    REPORT_TITLE,
    create_draft,
    publish_through_approval,
    report_form,
)
from tests.editorial.release_helpers import fresh, translate
from tests.html import page_html

pytestmark = pytest.mark.django_db

PUBLISH_BUTTON = 'name="action-publish"'


def refusal():
    """The heading of the refusal, in the language of the approver's admin."""
    with translation.override("fr"):
        return gettext("Publishing needs approval")


@pytest.fixture
def draft(editor, report_index):
    return create_draft(editor, report_index)


def edit_url(page):
    return f"/admin/pages/{page.id}/edit/"


def test_the_approver_has_no_publish_button_on_a_report(approver, draft):
    html = page_html(approver.get(edit_url(draft)))

    assert PUBLISH_BUTTON not in html
    assert 'name="action-submit"' in html


def test_the_approver_has_no_publish_button_when_adding_a_report(approver, report_index):
    html = page_html(approver.get(f"/admin/pages/add/report/reportyearpage/{report_index.id}/"))

    assert PUBLISH_BUTTON not in html


def test_a_forged_publication_of_a_report_is_refused_and_saves_nothing(approver, draft, client):
    revisions = draft.revisions.count()

    response = approver.post(
        edit_url(draft),
        report_form(slug=draft.slug, title="Titre changé", **{"action-publish": "action-publish"}),
    )

    assert response.status_code == 403
    assert refusal() in page_html(response)
    page = fresh(draft)
    assert not page.live
    assert page.revisions.count() == revisions
    assert page.get_latest_revision_as_object().title == REPORT_TITLE
    assert client.get(page.url).status_code == 404


def test_a_forged_publication_of_a_live_reports_changes_is_refused(
    editor, approver, report_index, client
):
    report = publish_through_approval(editor, approver, report_index)

    response = approver.post(
        edit_url(report),
        report_form(slug=report.slug, theme="Changé", **{"action-publish": "action-publish"}),
    )

    assert response.status_code == 403
    assert fresh(report).theme == "Ensemble plus loin"
    assert "Changé" not in page_html(client.get(report.url))


def test_the_translation_editors_publish_is_refused(editor, approver, draft, english):
    translate(editor, draft, english)
    english_report = draft.get_translation(english)

    response = approver.post(edit_url(english_report), {"action": "publish"})

    assert response.status_code == 403
    assert not fresh(english_report).live


def test_bulk_publishing_a_report_is_refused(approver, draft):
    url = f"/admin/bulk/wagtailcore/page/publish/?id={draft.id}"
    # Wagtail asks the page permission tester: the report is among the pages not to publish.
    confirmation = page_html(approver.get(url))
    assert draft.title in confirmation.split("permission")[-1]

    approver.post(url)

    assert not fresh(draft).live


def test_publishing_copies_of_a_report_is_refused(editor, approver, report_index):
    report = publish_through_approval(editor, approver, report_index)

    response = approver.post(
        f"/admin/pages/{report.id}/copy/",
        {
            "new_title": "Copie",
            "new_slug": "copie",
            "new_parent_page": report_index.id,
            "publish_copies": "on",
        },
    )

    assert response.status_code == 403
    assert not report_index.get_children().filter(slug="copie").exists()


def test_the_administrator_still_publishes_directly(superuser, draft):
    administrator = Client()
    administrator.force_login(superuser)
    assert PUBLISH_BUTTON in page_html(administrator.get(edit_url(draft)))

    response = administrator.post(
        edit_url(draft), report_form(slug=draft.slug, **{"action-publish": "action-publish"})
    )

    assert response.status_code == 302
    assert fresh(draft).live


def test_direction_publishes_the_rest_of_the_site_directly(approver, public_site, client):
    parent = public_site["home"]
    add_url = f"/admin/pages/add/home/standardpage/{parent.id}/"
    assert PUBLISH_BUTTON in page_html(approver.get(add_url))

    response = approver.post(
        add_url,
        nested_form_data(
            {
                "title": "Services",
                "slug": "services",
                "introduction": "Nos services.",
                "body": streamfield([("text", rich_text("<p>Des services.</p>"))]),
                "action-publish": "publish",
            }
        ),
    )

    assert response.status_code == 302
    page = StandardPage.objects.get(slug="services")
    assert page.live
    assert PUBLISH_BUTTON in page_html(approver.get(edit_url(page)))
    assert client.get(page.url).status_code == 200
