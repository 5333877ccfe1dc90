"""An editor without rights on a page gets nothing of it; private pages and documents stay private.

The editor of these tests may use the admin and edit the "À propos" section only. Outside it,
a page never published and a published page with unpublished changes, both holding words found
nowhere else, must not show those words through any view of the admin (edit, preview, draft
view, revisions, compare, history, copy, translation, choosers, admin search, admin API) nor
through the public API.

The boundary of the page chooser (cms/page_access.py): it lists published pages by title, as
any editor may link to what visitors read, and leaves out unpublished pages the editor may not
edit. No chooser shows a page's content; a published page with an unpublished change of title
is listed under that latest title (Wagtail's display title), nothing else of the change.
"""

import json

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.files.base import ContentFile
from django.test import Client
from wagtail.documents import get_document_model
from wagtail.models import (
    Collection,
    CollectionViewRestriction,
    GroupPagePermission,
    Page,
    PageViewRestriction,
)

from report.models import ReportYearPage
from tests.editorial.helpers import REPORT_BODY
from tests.factories import (
    ReportIndexPageFactory,
    ReportYearPageFactory,
    StandardPageFactory,
    UserFactory,
)
from tests.html import page_html

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-test-password"
DRAFT_TITLE = "Plan stratégique confidentiel"
DRAFT_WORD = "ornithorynque"
PENDING_TITLE = "Nous joindre autrement"
PENDING_WORD = "hippocampe"
SECRETS = [DRAFT_TITLE, DRAFT_WORD, PENDING_TITLE, PENDING_WORD]
# How the admin refuses: back to the dashboard (Wagtail's PermissionDenied), 403, 404 or 405.
REFUSED = {302, 403, 404, 405}


@pytest.fixture
def section_editor(public_site):
    """A logged-in editor who may add and edit pages under "À propos" only."""
    group = Group.objects.create(name="Équipe de la section À propos")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    for codename in ["add_page", "change_page"]:
        GroupPagePermission.objects.create(
            group=group,
            page=public_site["about"],
            permission=Permission.objects.get(
                content_type__app_label="wagtailcore", codename=codename
            ),
        )
    user = UserFactory(username="section", password=PASSWORD)
    user.groups.add(group)
    browser = Client()
    browser.force_login(user)
    return browser


@pytest.fixture
def outside_pages(public_site):
    """Outside the editor's section: a never-published page with two revisions, and the
    published contact page with a saved, unpublished change."""
    draft = StandardPageFactory(
        parent=public_site["home"],
        slug="plan-strategique",
        title=DRAFT_TITLE,
        live=False,
        body=[("text", f"<p>Première version : {DRAFT_WORD}.</p>")],
    )
    first = draft.save_revision()
    draft.body = [("text", f"<p>Deuxième version : {DRAFT_WORD}.</p>")]
    second = draft.save_revision()

    contact = Page.objects.get(pk=public_site["contact"].pk).specific
    contact.title = PENDING_TITLE
    contact.introduction = f"Une modification pas encore publiée : {PENDING_WORD}."
    pending = contact.save_revision()
    return {
        "draft": (draft, first, second),
        "pending": (contact, contact.live_revision or pending, pending),
    }


def page_views(page, first, second):
    """Every admin view of one page, and of its revisions."""
    return [
        f"/admin/pages/{page.id}/edit/",
        f"/admin/pages/{page.id}/edit/preview/",
        f"/admin/pages/{page.id}/view_draft/",
        f"/admin/pages/{page.id}/revisions/",
        f"/admin/pages/{page.id}/revisions/{first.id}/view/",
        f"/admin/pages/{page.id}/revisions/{second.id}/view/",
        f"/admin/pages/{page.id}/revisions/compare/{first.id}...{second.id}/",
        f"/admin/pages/{page.id}/revisions/compare/earliest...latest/",
        f"/admin/pages/{page.id}/revisions/compare/live...latest/",
        f"/admin/pages/{page.id}/history/",
        f"/admin/pages/{page.id}/history/results/",
        f"/admin/pages/{page.id}/workflow_history/",
        f"/admin/pages/{page.id}/usage/",
        f"/admin/pages/{page.id}/copy/",
        f"/admin/pages/{page.id}/move/",
        f"/admin/pages/{page.id}/delete/",
        f"/admin/pages/{page.id}/unpublish/",
        f"/admin/pages/{page.id}/privacy/",
        f"/admin/pages/{page.id}/add_subpage/",
        f"/admin/pages/{page.id}/",
        f"/admin/localize/submit/page/{page.id}/",
        f"/admin/localize/page/{page.id}/convert_to_alias/",
        f"/admin/api/main/pages/{page.id}/",
    ]


def assert_nothing_shown(response, url):
    content = response.content.decode(errors="replace")
    for secret in SECRETS:
        # As text, or inside JSON (the choosers and APIs), where "é" is written \u00e9.
        for written in {secret, json.dumps(secret)[1:-1]}:
            assert written not in content, f"{url} shows {secret!r}"


@pytest.mark.parametrize("which", ["draft", "pending"])
def test_no_admin_view_shows_a_page_outside_the_editors_rights(
    which, section_editor, outside_pages, superuser_client
):
    page, first, second = outside_pages[which]
    secret = DRAFT_WORD if which == "draft" else PENDING_WORD
    # The views do show the page to someone with rights on it: the test can fail.
    assert (
        secret
        in superuser_client.get(
            f"/admin/pages/{page.id}/revisions/{second.id}/view/"
        ).content.decode()
    )

    for url in page_views(page, first, second):
        response = section_editor.get(url, follow=True)
        if response.redirect_chain:
            # Refused: to the dashboard with Wagtail's "permission denied", or to the section.
            assert not response.redirect_chain[-1][0].startswith(f"/admin/pages/{page.id}/"), url
        else:
            assert response.status_code in REFUSED, url
        assert_nothing_shown(response, url)
    # The public API: the published version of a published page, nothing of a draft.
    api = section_editor.get(f"/api/v2/pages/{page.id}/")
    assert api.status_code == (404 if which == "draft" else 200)
    assert_nothing_shown(api, "API")


def test_posting_to_a_page_outside_the_editors_rights_changes_and_creates_nothing(
    section_editor, outside_pages, public_site, english
):
    draft, _first, _second = outside_pages["draft"]
    about = public_site["about"]
    pages_before = Page.objects.count()
    revisions_before = draft.revisions.count()

    posts = {
        f"/admin/pages/{draft.id}/copy/": {
            "new_title": "Copie",
            "new_slug": "copie",
            "new_parent_page": about.id,
        },
        f"/admin/pages/{draft.id}/edit/preview/": {"title": "x", "slug": "x"},
        f"/admin/pages/{draft.id}/edit/": {"title": "x", "slug": "x"},
        f"/admin/localize/submit/page/{draft.id}/": {"locales": [english.id]},
        f"/admin/pages/{draft.id}/lock/": {},
        f"/admin/pages/{draft.id}/delete/": {},
    }
    for url, data in posts.items():
        response = section_editor.post(url, data)
        assert response.status_code in REFUSED, url
        assert_nothing_shown(response, url)

    assert Page.objects.count() == pages_before
    assert draft.revisions.count() == revisions_before
    assert draft.get_translation_or_none(english) is None
    assert not Page.objects.get(pk=draft.pk).locked


def test_the_editor_still_works_inside_the_section(section_editor, public_site):
    about = public_site["about"]

    assert section_editor.get(f"/admin/pages/{about.id}/edit/").status_code == 200
    assert section_editor.get(f"/admin/pages/{about.id}/revisions/").status_code in {200, 302}
    assert section_editor.get(f"/admin/pages/{about.id}/history/").status_code == 200


def test_admin_search_and_listings_do_not_show_the_page(section_editor, outside_pages, public_site):
    draft = outside_pages["draft"][0]
    home = public_site["home"]

    for url in [
        "/admin/pages/search/results/?q=strategique",
        "/admin/pages/search/results/?q=Plan",
        f"/admin/api/main/pages/?child_of={home.id}",
        "/admin/api/main/pages/?search=Plan",
        "/admin/reports/site-history/results/",
        "/admin/reports/aging-pages/",
        "/admin/",
    ]:
        response = section_editor.get(url)
        assert response.status_code in REFUSED | {200}, url
        assert f"/admin/pages/{draft.id}/" not in response.content.decode(), url
        assert_nothing_shown(response, url)


def test_the_chooser_offers_published_pages_not_others_unpublished_pages(
    section_editor, outside_pages, public_site, superuser_client
):
    draft = outside_pages["draft"][0]
    home = public_site["home"]
    browse = f"/admin/choose-page/{home.id}/"
    # Wagtail's chooser would list the draft: the test can fail.
    assert json.dumps(DRAFT_TITLE)[1:-1] in superuser_client.get(browse).content.decode()

    for url in [browse, "/admin/choose-page/search/?q=Plan", "/admin/choose-page/search/?q=str"]:
        response = section_editor.get(url)
        assert response.status_code == 200, url
        content = response.content.decode()
        # The boundary: a published page is listed by its latest title (PENDING_TITLE), as
        # Wagtail shows it; nothing else of its unpublished change, nothing of the draft page.
        for secret in [DRAFT_TITLE, DRAFT_WORD, PENDING_WORD]:
            assert json.dumps(secret)[1:-1] not in content, url
    listing = section_editor.get(browse).content.decode()
    assert json.dumps("À propos")[1:-1] in listing
    assert f'data-id="{draft.id}"' not in listing


def test_the_chooser_offers_the_editors_own_unpublished_pages(section_editor, public_site):
    own_draft = StandardPageFactory(
        parent=public_site["about"], slug="mon-brouillon", title="Mon brouillon", live=False
    )

    html = section_editor.get(f"/admin/choose-page/{public_site['about'].id}/").content.decode()

    assert own_draft.title in html


def test_the_public_api_lists_only_live_public_pages(client, outside_pages, public_site):
    listing = client.get("/api/v2/pages/", {"limit": 20})

    assert listing.status_code == 200
    assert_nothing_shown(listing, "/api/v2/pages/")
    assert client.get("/api/v2/pages/", {"search": DRAFT_WORD}).json()["items"] == []


# Private pages and documents


def restrict(page, restriction_type):
    return PageViewRestriction.objects.create(
        page=page, restriction_type=restriction_type, password="mot-de-passe-secret"
    )


@pytest.fixture
def live_report(public_site):
    index = ReportIndexPageFactory(parent=public_site["home"])
    index.save_revision().publish()
    report = ReportYearPageFactory(parent=index, body=REPORT_BODY)
    report.save_revision().publish()
    return ReportYearPage.objects.get(pk=report.pk)


@pytest.mark.parametrize(
    "restriction_type", [PageViewRestriction.PASSWORD, PageViewRestriction.LOGIN]
)
def test_a_private_reports_pdf_csv_and_api_entry_are_not_served(
    restriction_type, client, live_report
):
    figures = next(child for child in live_report.body if child.block_type == "key_figures")
    csv_url = f"{live_report.url}data/{figures.id}.csv"
    api_url = f"/api/v2/pages/{live_report.id}/"
    assert client.get(csv_url).status_code == 200
    assert client.get(api_url).status_code == 200

    restrict(live_report, restriction_type)

    for url in [csv_url, f"{live_report.url}pdf/", api_url]:
        response = client.get(url)
        assert response.status_code == 404, url
        assert "Heures de services" not in response.content.decode(), url
    listing = client.get("/api/v2/pages/", {"type": "report.ReportYearPage", "fields": "figures"})
    assert listing.json()["items"] == []
    assert "Heures de services" not in client.get("/fr/recherche/?q=Heures").content.decode()


def test_a_private_report_stays_private_to_a_signed_in_editor_through_the_api(
    section_editor, live_report
):
    restrict(live_report, PageViewRestriction.LOGIN)

    assert section_editor.get(f"/api/v2/pages/{live_report.id}/").status_code == 404


@pytest.fixture
def board_document(db):
    collection = Collection.get_first_root_node().add_child(name="Documents du conseil")
    document = get_document_model().objects.create(
        title="Procès-verbal confidentiel",
        file=ContentFile(b"%PDF-1.4 proces-verbal " + DRAFT_WORD.encode(), name="pv.pdf"),
        collection=collection,
    )
    return document


def downloaded(response):
    if hasattr(response, "streaming_content"):
        return b"".join(response.streaming_content)
    return response.content


@pytest.mark.parametrize(
    "restriction_type",
    [CollectionViewRestriction.PASSWORD, CollectionViewRestriction.LOGIN],
)
def test_a_document_of_a_private_collection_is_not_served_to_visitors(
    restriction_type, client, board_document
):
    assert DRAFT_WORD.encode() in downloaded(client.get(board_document.url))

    CollectionViewRestriction.objects.create(
        collection=board_document.collection,
        restriction_type=restriction_type,
        password="mot-de-passe-secret",
    )

    response = client.get(board_document.url)
    assert DRAFT_WORD.encode() not in downloaded(response)
    if restriction_type == CollectionViewRestriction.LOGIN:
        assert response.status_code == 302
        assert "login" in response["Location"]
    else:
        assert 'name="password"' in page_html(response)


def test_the_document_chooser_shows_no_document_to_an_editor_without_document_rights(
    section_editor, board_document, superuser_client
):
    title = json.dumps(board_document.title)[1:-1]
    assert title in superuser_client.get("/admin/documents/chooser/").content.decode()

    response = section_editor.get("/admin/documents/chooser/")

    assert response.status_code in REFUSED | {200}
    assert title not in response.content.decode()
