"""Nothing a visitor may not read leaks: private pages, draft changes of live pages, previews."""

import pytest
from wagtail.models import PageViewRestriction

from tests.editorial.helpers import (
    EVERYWHERE,
    NOWHERE,
    SECRET_WORD,
    publish_through_approval,
    report_form,
    search_results,
    sitemap,
    submit,
    visitor_sees,
    where_listed,
    workflow_action_url,
)
from tests.factories import StandardPageFactory, UserFactory
from tests.html import page_html

pytestmark = pytest.mark.django_db

DRAFT_WORD = "hippocampe"
DRAFT_TEXT = f"<p>Une correction pas encore approuvée : {DRAFT_WORD}.</p>"
DRAFT_TITLE = "Rapport annuel 2022-2023 (version corrigée)"


def make_private(approver, page, restriction_type, password=""):
    """The approver's "Privacy" dialog of the page."""
    response = approver.post(
        f"/admin/pages/{page.id}/privacy/",
        {"restriction_type": restriction_type, "password": password, "groups": []},
    )
    assert response.status_code == 200
    assert response.json()["step"] == "set_privacy_done"
    return PageViewRestriction.objects.get(page=page)


@pytest.fixture
def live_report(editor, approver, report_index):
    return publish_through_approval(editor, approver, report_index)


# Private pages


@pytest.mark.parametrize(
    "restriction_type", [PageViewRestriction.PASSWORD, PageViewRestriction.LOGIN]
)
def test_private_report_is_not_listed_for_visitors(
    restriction_type, approver, live_report, report_index, client
):
    assert where_listed(client, live_report, report_index.url) == EVERYWHERE

    make_private(approver, live_report, restriction_type, password="mot-de-passe-secret")

    # The password form is served at its address (200), without the report.
    served = restriction_type == PageViewRestriction.PASSWORD
    assert where_listed(client, live_report, report_index.url) == {**NOWHERE, "page": served}
    response = client.get(live_report.url)
    assert SECRET_WORD not in response.content.decode()
    if restriction_type == PageViewRestriction.LOGIN:
        assert response.status_code == 302
    else:
        assert 'name="password"' in page_html(response)


@pytest.mark.parametrize(
    "restriction_type", [PageViewRestriction.PASSWORD, PageViewRestriction.LOGIN]
)
def test_private_page_is_not_in_menus_search_or_sitemap(
    restriction_type, approver, public_site, client
):
    page = StandardPageFactory(
        parent=public_site["home"],
        title="Espace des administrateurs",
        slug="espace-administrateurs",
        show_in_menus=True,
        body=[("text", f"<p>Documents du conseil : {SECRET_WORD}.</p>")],
    )
    assert page.url in visitor_sees(client, "/fr/")

    make_private(approver, page, restriction_type, password="mot-de-passe-secret")

    assert page.url not in visitor_sees(client, "/fr/")
    assert page.url not in visitor_sees(client, public_site["about"].url)
    assert page.url not in search_results(client, SECRET_WORD)
    assert page.url not in sitemap(client)
    assert SECRET_WORD not in client.get(page.url).content.decode()


# Draft changes of a live report


@pytest.mark.parametrize("step", ["saved", "submitted", "rejected"])
def test_visitors_see_the_live_revision_not_the_draft_changes(
    step, editor, approver, live_report, report_index, client, english
):
    body = [("text", DRAFT_TEXT)]
    response = editor.post(
        f"/admin/pages/{live_report.id}/edit/",
        report_form(body=body, slug=live_report.slug, title=DRAFT_TITLE),
    )
    assert response.status_code == 302, page_html(response)[:3000]
    if step in {"submitted", "rejected"}:
        task_state = submit(editor, live_report, body=body, title=DRAFT_TITLE)
    if step == "rejected":
        approver.post(workflow_action_url(live_report, "reject", task_state), {"comment": "Non."})

    live_report.refresh_from_db()
    assert live_report.live
    assert live_report.has_unpublished_changes
    assert live_report.get_latest_revision_as_object().title == DRAFT_TITLE
    html = visitor_sees(client, live_report.url)
    assert DRAFT_WORD not in html
    assert DRAFT_TITLE not in html
    assert f"Une année marquée par l’{SECRET_WORD} du Consortium." in html
    for listing in [
        visitor_sees(client, report_index.url),
        visitor_sees(client, "/fr/"),
        sitemap(client),
    ]:
        assert DRAFT_TITLE not in listing
        assert DRAFT_WORD not in listing
    assert live_report.url not in search_results(client, DRAFT_WORD)
    assert live_report.url in search_results(client, SECRET_WORD)
    alias = live_report.get_translation(english)
    assert DRAFT_WORD not in visitor_sees(client, alias.url)


def test_editor_previews_the_draft_changes_visitors_do_not_see(editor, live_report, client):
    form = report_form(body=[("text", DRAFT_TEXT)], slug=live_report.slug, title=DRAFT_TITLE)
    editor.post(f"/admin/pages/{live_report.id}/edit/", form)
    preview_url = f"/admin/pages/{live_report.id}/edit/preview/"

    editor.post(preview_url, form)

    assert DRAFT_WORD in page_html(editor.get(preview_url))
    assert DRAFT_WORD not in visitor_sees(client, live_report.url)


def test_approval_publishes_the_draft_changes(editor, approver, live_report, client):
    task_state = submit(editor, live_report, body=[("text", DRAFT_TEXT)], title=DRAFT_TITLE)
    approver.post(workflow_action_url(live_report, "approve", task_state), {"comment": ""})

    html = visitor_sees(client, live_report.url)

    assert DRAFT_WORD in html
    assert DRAFT_TITLE in html
    assert live_report.url in search_results(client, DRAFT_WORD)


# Previews are for signed-in editors only


@pytest.fixture
def preview_urls(editor, live_report, report_index):
    """The admin's views of a report's drafts, each of which shows it to the editor."""
    next_year = {
        "slug": "2023-2024",
        "fiscal_year_start": "2023-04-01",
        "fiscal_year_end": "2024-03-31",
    }
    forms = {
        f"/admin/pages/{live_report.id}/edit/preview/": report_form(slug=live_report.slug),
        f"/admin/pages/add/report/reportyearpage/{report_index.id}/preview/": report_form(
            **next_year
        ),
        f"/admin/pages/{live_report.id}/revisions/{live_report.latest_revision_id}/view/": None,
    }
    for url, form in forms.items():
        if form is not None:
            assert editor.post(url, form).json()["is_valid"], url
        assert SECRET_WORD in editor.get(url).content.decode(), url
    return list(forms)


def test_preview_requires_login(client, preview_urls):
    for url in preview_urls:
        for response in [client.get(url), client.post(url, report_form(slug="2022-2023"))]:
            assert response.status_code == 302, url
            assert response["Location"].startswith("/admin/login/?next="), url
            assert SECRET_WORD not in response.content.decode()


def test_preview_is_refused_to_users_without_admin_access(client, preview_urls):
    client.force_login(UserFactory(username="membre"))

    for url in preview_urls:
        response = client.get(url)
        assert response.status_code in {302, 403}, url
        assert SECRET_WORD not in response.content.decode(), url
