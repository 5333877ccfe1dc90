"""The security headers of every kind of response a visitor or an editor gets."""

import re

import pytest
import wagtail_factories
from django.core.files.base import ContentFile
from django.http import HttpResponse
from django.test import RequestFactory
from django.utils import translation
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from web.csp import allow_inline, csp_hash
from web.database_outage import service_unavailable_response
from web.security import PERMISSIONS_POLICY, SecurityHeadersMiddleware

pytestmark = pytest.mark.django_db

PUBLIC_PAGES = [
    "/fr/",
    "/en/",
    "/fr/a-propos/",
    "/en/about/",
    "/fr/nous-joindre/",
    "/en/contact-us/",
    "/fr/rapports-annuels/",
    "/fr/rapports-annuels/rapport-2021/",
    "/fr/rapports-annuels/rapport-2021/mot-de-la-presidence/",
    "/fr/rapports-annuels/rapport-2021/transformation-numerique/",
    "/fr/recherche/?q=croissance",
    "/en/search/?q=growth",
    "/fr/page-qui-n-existe-pas/",
    "/sitemap.xml",
    "/robots.txt",
    "/api/v2/pages/",
]


def directives(response):
    """The response's Content-Security-Policy as {directive: [sources]}."""
    policy = response["Content-Security-Policy"]
    parsed = {}
    for part in policy.split(";"):
        name, *sources = part.split()
        assert name not in parsed, f"{name} given twice in {policy}"
        parsed[name] = sources
    return parsed


@pytest.fixture
def site_pages(public_site, report, message, project):
    return public_site


def assert_strict_public_policy(response):
    policy = directives(response)
    assert policy["default-src"] == ["'none'"]
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"][0] == "'self'"
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'none'"]
    assert policy["form-action"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert "unsafe-inline" not in response["Content-Security-Policy"]
    assert "unsafe-eval" not in response["Content-Security-Policy"]


def test_every_public_page_type_has_the_strict_headers(client, site_pages):
    for url in PUBLIC_PAGES:
        response = client.get(url)

        assert response.status_code in (200, 404), url
        assert_strict_public_policy(response)
        assert response["Permissions-Policy"] == PERMISSIONS_POLICY
        assert "camera=()" in response["Permissions-Policy"]
        assert response["Cross-Origin-Opener-Policy"] == "same-origin"
        assert response["Cross-Origin-Resource-Policy"] == "same-origin"
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
        assert response["X-Frame-Options"] == "DENY"


def test_the_report_data_as_csv_has_the_strict_headers(client, site_pages, report):
    block_id = next(block.id for block in report.body if block.block_type == "section")
    response = client.get(f"{report.url}data/{block_id}.csv")

    # A section has no data: what matters is the answer's headers, found or not.
    assert response.status_code in (200, 404)
    assert_strict_public_policy(response)


def test_what_pages_inline_is_allowed_by_its_hash_and_nothing_else_is(client, site_pages):
    """Inline <style> and <script> run only when their hash is in the page's policy (JSON-LD
    is data, never run); style attributes and event handlers would be blocked: there are none."""
    for url in PUBLIC_PAGES[:12]:
        response = client.get(url)
        html = response.content.decode()
        policy = directives(response)
        for style in re.findall(r"<style[^>]*>(.*?)</style>", html, flags=re.DOTALL):
            assert csp_hash(style) in policy["style-src"], (url, style)
        for attributes, script in re.findall(
            r"<script([^>]*)>(.*?)</script>", html, flags=re.DOTALL
        ):
            if "src=" in attributes or "application/ld+json" in attributes:
                continue
            assert csp_hash(script) in policy["script-src"], (url, script)
        assert not re.search(r"\sstyle=\"", html), url
        assert not re.search(r"\son[a-z]+=\"", html), url


def test_inline_code_registered_by_a_template_is_allowed_by_its_hash_only():
    style = ":root { --colour-brand: #00558c; }"

    def page_with_inline_style(request):
        allow_inline(request, "style-src", style)
        return HttpResponse(f"<style>{style}</style>")

    def page_without(request):
        return HttpResponse("<p>Rien en ligne.</p>")

    response = SecurityHeadersMiddleware(page_with_inline_style)(RequestFactory().get("/fr/"))
    other = SecurityHeadersMiddleware(page_without)(RequestFactory().get("/fr/"))

    assert directives(response)["style-src"] == ["'self'", csp_hash(style)]
    assert directives(response)["script-src"] == ["'self'"]
    assert directives(other)["style-src"] == ["'self'"]


def test_the_admin_gets_the_policy_it_runs_with_and_may_frame_itself(superuser_client, home_page):
    response = superuser_client.get("/admin/")

    assert response.status_code == 200
    policy = directives(response)
    assert policy["frame-ancestors"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert "'unsafe-eval'" not in policy["script-src"]


def test_the_preview_is_the_page_under_the_public_policy_framed_by_the_admin_only(
    superuser_client, public_site
):
    about = public_site["about"]
    preview_url = f"/admin/pages/{about.pk}/edit/preview/"
    form = nested_form_data(
        {
            "title": "À propos (brouillon)",
            "slug": about.slug,
            "introduction": "Qui nous sommes.",
            "body": streamfield([("text", rich_text("<p>Une page en cours.</p>"))]),
        }
    )
    state = superuser_client.post(preview_url, form)
    assert state.json() == {"is_valid": True, "is_available": True}

    response = superuser_client.get(preview_url)

    assert response.status_code == 200
    assert "Une page en cours." in response.content.decode()
    policy = directives(response)
    assert policy["frame-ancestors"] == ["'self'"]
    assert policy["default-src"] == ["'none'"]
    assert "unsafe-inline" not in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "SAMEORIGIN"


def test_documents_are_downloaded_never_opened_in_the_site(client, home_page, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    document = wagtail_factories.DocumentFactory(
        title="États financiers",
        file=ContentFile(b"%PDF-1.4\n%%EOF\n", name="etats-financiers.pdf"),
    )

    response = client.get(document.url)

    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "default-src 'none'"


def test_production_adds_hsts_secure_cookies_and_https_upgrades(
    client, site_pages, production_headers
):
    response = client.get("/fr/nous-joindre/", secure=True)

    assert response.status_code == 200
    hsts = response["Strict-Transport-Security"]
    assert hsts == "max-age=31536000; includeSubDomains; preload"
    assert "upgrade-insecure-requests" in directives(response)
    assert_strict_public_policy(response)
    csrf_cookie = response.cookies["csrftoken"]
    assert csrf_cookie["secure"] and csrf_cookie["httponly"]
    assert csrf_cookie["samesite"] == "Lax"


def test_production_sends_plain_http_to_https(client, site_pages, production_headers):
    response = client.get("/fr/")

    assert response.status_code == 301
    assert response["Location"] == "https://testserver/fr/"


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_maintenance_page_is_branded_and_reads_no_database(language, django_assert_num_queries):
    with translation.override(language), django_assert_num_queries(0):
        response = service_unavailable_response()

    html = response.content.decode()
    assert response.status_code == 503
    assert "Consortium de ressources et d’expertises coopératives" in html
    assert f'<html lang="{language}-CA">' in html
    assert 'href="/static/css/site.css"' in html
