"""Bad input gets a 4xx or a form error, never a 500, and nothing already saved is lost.

Covered elsewhere, not repeated here: non-numeric, enormous, NaN and Infinity amounts and a
timeline date that is not a date in the report's blocks (tests/report/test_report_admin.py,
test_key_figures.py, test_financial_table.py, test_chart_block.py, test_spreadsheet.py); the
contact form's bad fields and its POST without CSRF (tests/home/test_contact.py); odd search
queries (tests/home/test_search.py, and tests/security/test_search_fuzz.py).
"""

import pytest
from django.test import Client
from django.utils import translation
from django.utils.translation import gettext
from wagtail.models import Page
from wagtail.test.utils.form_data import nested_form_data

from home.models import StandardPage
from tests import admin_forms
from tests.admin_forms import block_form_data
from tests.html import page_html
from tests.report.conftest import publish, report, report_index  # noqa: F401 (fixtures)
from web.middleware import could_be_a_page

pytestmark = pytest.mark.django_db

ABOUT_BODY = [("text", "<p>Une coopérative de services partagés.</p>")]
NOT_READ = "The form could not be read"
# The French admin's "The page could not be saved due to validation errors".
FORM_NOT_SAVED = "erreurs de validation"


def about_form(body=ABOUT_BODY, **fields):
    """The editing form of the "À propos" page as the editor's browser posts it."""
    data = {
        "title": "À propos",
        "slug": "a-propos",
        "introduction": "Qui nous sommes.",
        "body": block_form_data(StandardPage.body.field.stream_block, body),
        **fields,
    }
    return nested_form_data(data)


def report_form(body, **fields):
    return admin_forms.report_form(body, **{"slug": "rapport-2021", **fields})


def saved_state(page):
    """What is saved of a page: its revisions and its live title, introduction and body."""
    page = Page.objects.get(pk=page.pk).specific
    latest = page.get_latest_revision_as_object()
    return {
        "revisions": page.revisions.count(),
        "live": (page.title, page.introduction, page.body.get_prep_value()),
        "latest": (latest.title, latest.body.get_prep_value()),
    }


# Malformed StreamField posts: refused whole with 400, nothing saved.


def without(data, *prefixes):
    return {key: value for key, value in data.items() if not key.startswith(prefixes)}


MALFORMED_BODIES = {
    "count not a number": lambda form: {**form, "body-count": "abc"},
    "count missing": lambda form: without(form, "body-count"),
    "count larger than the blocks sent": lambda form: {**form, "body-count": "1000000"},
    "count enormous": lambda form: {**form, "body-count": "9" * 40},
    "block order not a number": lambda form: {**form, "body-0-order": "premier"},
    "block type missing": lambda form: without(form, "body-0-type"),
    "block deleted flag missing": lambda form: without(form, "body-0-deleted"),
    "unknown block type": lambda form: {**form, "body-0-type": "script"},
}


@pytest.mark.parametrize("damage", MALFORMED_BODIES.values(), ids=MALFORMED_BODIES.keys())
def test_malformed_body_of_a_page_is_refused_and_nothing_is_saved(
    damage, superuser_client, public_site
):
    about = public_site["about"]
    before = saved_state(about)
    form = damage(about_form(title="Titre qui ne doit pas être enregistré"))

    response = superuser_client.post(f"/admin/pages/{about.id}/edit/", form)

    assert response.status_code == 400
    with translation.override("fr"):
        assert gettext(NOT_READ) in page_html(response)
    # The way back: the editing screen, which shows the last saved version.
    assert f'href="/admin/pages/{about.id}/edit/"' in page_html(response)
    assert saved_state(about) == before


def test_malformed_body_of_a_new_page_creates_nothing(superuser_client, public_site):
    home = public_site["home"]
    form = {**about_form(slug="nouvelle-page"), "body-count": "abc"}

    response = superuser_client.post(f"/admin/pages/add/home/standardpage/{home.id}/", form)

    assert response.status_code == 400
    assert not StandardPage.objects.filter(slug="nouvelle-page").exists()


def test_malformed_body_in_a_preview_is_refused(superuser_client, public_site):
    about = public_site["about"]

    response = superuser_client.post(
        f"/admin/pages/{about.id}/edit/preview/", {**about_form(), "body-count": "abc"}
    )

    assert response.status_code == 400


@pytest.mark.parametrize(
    "damage",
    [
        {"body-0-value-figures-count": "abc"},
        {"body-0-value-figures-0-order": "x"},
        {"body-0-value-figures-count": "5"},
    ],
    ids=["list count not a number", "list order not a number", "list count too large"],
)
def test_malformed_list_inside_a_report_block_is_refused(damage, superuser_client, report):  # noqa: F811
    before = saved_state(report)
    key_figures = {
        "heading": "Services aux membres",
        "figures": [{"value": "68577", "unit": "hours", "qualifier": "", "label": "Heures"}],
        "notes": [],
    }
    form = {**report_form([("key_figures", key_figures)]), **damage}

    response = superuser_client.post(f"/admin/pages/{report.id}/edit/", form)

    assert response.status_code == 400
    assert saved_state(report) == before


def test_a_well_formed_post_still_saves(superuser_client, public_site):
    """The guard refuses only what cannot be read: the same form, undamaged, is saved."""
    about = public_site["about"]
    body = [("text", "<p>Texte corrigé.</p>")]

    response = superuser_client.post(f"/admin/pages/{about.id}/edit/", about_form(body))

    assert response.status_code == 302
    latest = Page.objects.get(pk=about.pk).specific.get_latest_revision_as_object()
    assert "Texte corrigé." in str(latest.body)


def test_a_deleted_block_of_an_unknown_type_is_ignored(superuser_client, public_site):
    about = public_site["about"]
    form = about_form([*ABOUT_BODY, ("text", "<p>Supprimé</p>")])
    form.update({"body-1-type": "ancien-type", "body-1-deleted": "1"})

    response = superuser_client.post(f"/admin/pages/{about.id}/edit/", form)

    assert response.status_code == 302


# Dates, titles and slugs: form errors, nothing saved.


@pytest.mark.parametrize(
    "fields",
    [
        {"fiscal_year_start": "pas une date"},
        {"fiscal_year_end": "2022-02-30"},
        {"general_assembly_date": "37 octobre 2022"},
        {"fiscal_year_start": "9" * 60},
    ],
)
def test_a_page_date_that_is_not_a_date_is_a_form_error(fields, superuser_client, report):  # noqa: F811
    before = saved_state(report)

    response = superuser_client.post(
        f"/admin/pages/{report.id}/edit/",
        report_form([("text", "<p>Le Consortium a repris sa croissance.</p>")], **fields),
    )

    assert response.status_code == 200
    assert FORM_NOT_SAVED in page_html(response)
    assert saved_state(report) == before


@pytest.mark.parametrize(
    "fields",
    [
        {"title": "T" * 300},
        {"slug": "s" * 300},
        {"slug": "pas un slug !"},
        {"slug": "<script>"},
        {"introduction": "x" * 601},
        {"title": ""},
    ],
    ids=["long title", "long slug", "slug with spaces", "slug with markup", "long intro", "empty"],
)
def test_overlong_or_bad_titles_and_slugs_are_form_errors(fields, superuser_client, public_site):
    about = public_site["about"]
    before = saved_state(about)

    response = superuser_client.post(f"/admin/pages/{about.id}/edit/", about_form(**fields))

    assert response.status_code == 200
    assert FORM_NOT_SAVED in page_html(response)
    assert saved_state(about) == before


def test_an_overlong_title_of_a_new_page_creates_nothing(superuser_client, public_site):
    home = public_site["home"]

    response = superuser_client.post(
        f"/admin/pages/add/home/standardpage/{home.id}/",
        about_form(title="T" * 300, slug="nouvelle-page"),
    )

    assert response.status_code == 200
    assert not StandardPage.objects.filter(slug="nouvelle-page").exists()


# Addresses and headers


@pytest.mark.parametrize("path", ["/de/", "/xx/", "/pt-br/a-propos/", "/zz/rapports-annuels/"])
def test_unknown_language_prefix_is_not_found(path, client, public_site):
    response = client.get(path)

    assert response.status_code == 404


@pytest.mark.parametrize(
    "path",
    [
        "/admin/nonexistent/",
        "/documents/999999/rapport.pdf",
        "/api/nothing/",
        "/static/nothing.css",
        "/media/nothing.png",
        "/apple-touch-icon.png",
        "/wp-login.php",
    ],
)
def test_addresses_that_are_not_pages_get_their_own_404(path, superuser_client, public_site):
    response = superuser_client.get(path)

    assert response.status_code == 404


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/", "/fr/"),
        ("/a-propos/", "/fr/a-propos/"),
        ("/rapports-annuels/2021-2022/", "/fr/rapports-annuels/2021-2022/"),
    ],
)
def test_unprefixed_page_addresses_are_still_sent_to_the_language(
    path, expected, client, public_site
):
    response = client.get(path, HTTP_ACCEPT_LANGUAGE="fr-CA")

    assert response.status_code == 302
    assert response["Location"] == expected


@pytest.mark.parametrize(
    ("path", "page"),
    [
        ("/a-propos/", True),
        ("/faq/", True),
        ("/rapports-annuels/2021-2022/", True),
        ("/de/", False),
        ("/pt-br/a-propos/", False),
        ("/admin/pages/", False),
        ("/static/css/site.css", False),
        ("/wp-login.php", False),
    ],
)
def test_only_addresses_that_may_be_pages_are_sent_to_a_language(path, page):
    assert could_be_a_page(path) is page


@pytest.mark.parametrize(
    "accept_language",
    [
        "x" * 10_000,
        "en;q=0.5," * 2_000,
        "fr-CA-" + "a" * 5_000,
        "en;q=abc, fr;q=-1, *;q=1e400",
        "\u00e9\u00e8;q=1",
    ],
    ids=["10000 characters", "2000 entries", "long tag", "bad weights", "non-ASCII"],
)
def test_a_very_long_or_odd_accept_language_is_no_error(accept_language, client, public_site):
    root = client.get("/", HTTP_ACCEPT_LANGUAGE=accept_language)
    page = client.get("/fr/a-propos/", HTTP_ACCEPT_LANGUAGE=accept_language)

    assert root.status_code == 302
    assert root["Location"] in {"/fr/", "/en/"}
    assert page.status_code == 200


def test_a_forged_host_header_is_refused(client, public_site):
    for path in ["/fr/", "/admin/login/", "/fr/nous-joindre/"]:
        assert client.get(path, HTTP_HOST="evil.example").status_code == 400
    response = client.post("/admin/password_reset/", {"email": "a@example.org"}, HTTP_HOST="x.y")
    assert response.status_code == 400


# Sign-in: no redirect outside the site, no POST without CSRF


@pytest.mark.parametrize(
    "next_url",
    [
        "https://evil.example/",
        "//evil.example/",
        "/\\evil.example/",
        "https:evil.example",
        "javascript:alert(1)",
        " https://evil.example/",
    ],
)
def test_the_admin_login_redirects_only_inside_the_site(next_url, client, superuser):
    form = client.get("/admin/login/", {"next": next_url})
    assert "evil.example" not in form.get("Location", "")

    response = client.post(
        "/admin/login/",
        {"username": "admin", "password": "a-long-test-password", "next": next_url},
    )

    assert response.status_code == 302
    location = response["Location"]
    assert location.startswith("/") and not location.startswith(("//", "/\\"))
    assert "evil.example" not in location
    assert "javascript" not in location


def test_the_admin_login_follows_a_next_inside_the_site(client, superuser):
    response = client.post(
        "/admin/login/",
        {"username": "admin", "password": "a-long-test-password", "next": "/admin/pages/"},
    )

    assert response["Location"] == "/admin/pages/"


def test_an_admin_post_without_csrf_token_is_refused(superuser, public_site):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(superuser)
    about = public_site["about"]
    before = saved_state(about)

    edit = browser.post(f"/admin/pages/{about.id}/edit/", about_form(title="Sans jeton"))
    login = Client(enforce_csrf_checks=True).post(
        "/admin/login/", {"username": "admin", "password": "a-long-test-password"}
    )

    assert edit.status_code == 403
    assert login.status_code == 403
    assert saved_state(about) == before
