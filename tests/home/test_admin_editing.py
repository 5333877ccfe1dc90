import pytest
from wagtail.models import Page
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from editorial.localization import publish_translation
from home.models import StandardPage
from tests.html import page_html

pytestmark = pytest.mark.django_db


def test_admin_login_page_and_dashboard(client, superuser):
    assert client.get("/admin/login/").status_code == 200
    assert (
        client.post(
            "/admin/login/", {"username": "admin", "password": "a-long-test-password"}
        ).status_code
        == 302
    )
    assert client.get("/admin/").status_code == 200


def test_anonymous_visitor_is_sent_to_the_admin_login(client, public_site):
    response = client.get("/admin/")

    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def create_standard_page(superuser_client, parent, title, slug):
    data = nested_form_data(
        {
            "title": title,
            "slug": slug,
            "introduction": "Nos services.",
            "body": streamfield([("text", rich_text("<p>Des services spécialisés.</p>"))]),
            "action-publish": "publish",
        }
    )
    return superuser_client.post(f"/admin/pages/add/home/standardpage/{parent.id}/", data)


def test_editor_creates_a_standard_page_and_visitors_see_it(superuser_client, client, public_site):
    response = create_standard_page(superuser_client, public_site["home"], "Services", "services")

    assert response.status_code == 302
    page = StandardPage.objects.get(slug="services")
    assert page.live
    html = page_html(client.get("/fr/services/"))
    assert "<h1>Services</h1>" in html
    assert "Des services spécialisés." in html


def test_editor_translates_a_new_page_into_english_with_wagtail_localize(
    superuser_client, client, public_site, english
):
    create_standard_page(superuser_client, public_site["home"], "Services", "services")
    page = StandardPage.objects.get(slug="services", locale__language_code="fr")

    response = superuser_client.post(
        f"/admin/localize/submit/page/{page.id}/", {"locales": [english.id]}
    )

    assert response.status_code == 302
    draft = page.get_translation(english)
    edit = superuser_client.get(f"/admin/pages/{draft.id}/edit/")
    assert edit.status_code == 200
    assert "Des services sp" in page_html(edit)

    publish_translation(
        page,
        english,
        {
            "Services": "Services",
            "services": "services",
            "Nos services.": "Our services.",
            "Des services spécialisés.": "Specialised services.",
        },
    )
    html = page_html(client.get("/en/services/"))
    assert "Specialised services." in html
    assert '<a href="/fr/services/" hreflang="fr" lang="fr">Français</a>' in html


def test_page_types_only_fit_the_designed_tree():
    from home.models import ContactPage, HomePage
    from report.models import ReportIndexPage, ReportYearPage

    assert HomePage.allowed_parent_page_models() == [Page]
    assert ContactPage in HomePage.allowed_subpage_models()
    assert ReportIndexPage in HomePage.allowed_subpage_models()
    assert ReportYearPage not in HomePage.allowed_subpage_models()
    assert ContactPage.allowed_subpage_models() == []
