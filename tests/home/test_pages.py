import pytest
from django.utils import translation

from tests.html import page_html

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("url", "heading"),
    [
        ("/fr/", "Consortium de ressources et d’expertises coopératives"),
        ("/en/", "Consortium de ressources et d’expertises coopératives"),
        ("/fr/a-propos/", "À propos"),
        ("/en/about/", "About"),
        ("/fr/nous-joindre/", "Nous joindre"),
        ("/en/contact-us/", "Contact us"),
    ],
)
def test_each_page_type_renders_for_anonymous_visitor_in_both_languages(
    client, public_site, url, heading
):
    response = client.get(url)

    assert response.status_code == 200
    html = page_html(response)
    assert f"<h1>{heading}</h1>" in html or f'<h1 id="hero-title">{heading}</h1>' in html
    assert f'<html lang="{url[1:3]}-CA">' in html


@pytest.mark.parametrize(("url", "language"), [("/fr/a-propos/", "fr"), ("/en/about/", "en")])
def test_footer_shows_organisation_name_and_phone_numbers(client, public_site, url, language):
    html = page_html(client.get(url))

    footer = html[html.index('<footer class="site-footer">') :]
    assert "Consortium de ressources et d’expertises coopératives" in footer
    assert '<a href="tel:+14186221001">418 622-1001</a>' in footer
    assert '<a href="tel:+18558379142">1 855 837-9142</a>' in footer


def test_opening_hours_are_written_in_the_visitors_language(client, public_site):
    french = page_html(client.get("/fr/nous-joindre/"))
    english = page_html(client.get("/en/contact-us/"))

    assert "du lundi au vendredi, de 8 h 30 à 16 h 30" in french  # (no-break spaces folded)
    assert "Monday to Friday, 8:30 a.m. to 4:30 p.m." in english


def test_language_switcher_links_to_the_translation_of_the_page(client, public_site):
    french = page_html(client.get("/fr/a-propos/"))
    english = page_html(client.get("/en/about/"))

    assert '<a href="/en/about/" hreflang="en" lang="en">English</a>' in french
    assert '<a href="/fr/a-propos/" hreflang="fr" lang="fr">Français</a>' in english
    assert '<link rel="alternate" hreflang="en" href="http://testserver/en/about/">' in french
    # Visitors of a language the site does not have: French, the default.
    for html in (french, english):
        assert (
            '<link rel="alternate" hreflang="x-default" href="http://testserver/fr/a-propos/">'
            in html
        )


def test_language_switcher_falls_back_to_the_other_home_page(client, public_site):
    untranslated = public_site["home"].add_child(
        instance=type(public_site["about"])(title="Seulement en français", slug="seulement")
    )
    untranslated.save_revision().publish()

    html = page_html(client.get("/fr/seulement/"))

    assert '<a href="/en/" hreflang="en" lang="en">English</a>' in html


def test_main_menu_lists_live_pages_shown_in_menus(client, public_site):
    hidden = public_site["home"].add_child(
        instance=type(public_site["about"])(title="Cachée", slug="cachee", show_in_menus=False)
    )
    hidden.save_revision().publish()
    draft = public_site["home"].add_child(
        instance=type(public_site["about"])(
            title="Brouillon", slug="brouillon", show_in_menus=True, live=False
        )
    )

    html = page_html(client.get("/fr/"))
    menu = html[
        html.index('<nav class="main-menu"') : html.index("</nav>", html.index("main-menu"))
    ]

    assert '<a href="/fr/a-propos/"' in menu
    assert '<a href="/fr/nous-joindre/"' in menu
    assert hidden.url not in menu
    assert "/fr/brouillon/" not in menu
    assert draft.live is False


def test_breadcrumbs_lead_back_home(client, public_site):
    html = page_html(client.get("/en/about/"))

    assert 'aria-label="Breadcrumbs"' in html
    assert '<a href="/en/">' in html


@pytest.mark.parametrize(
    ("accept_language", "expected"),
    [("en-CA,en;q=0.9", "/en/"), ("fr-CA,fr;q=0.9", "/fr/"), ("de-DE,de", "/fr/"), ("", "/fr/")],
)
def test_root_redirects_by_accept_language(client, public_site, accept_language, expected):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE=accept_language)

    assert response.status_code == 302
    assert response["Location"] == expected


def test_unknown_url_gives_the_404_page_in_the_visitors_language(client, public_site):
    french = client.get("/fr/cette-page-nexiste-pas/")
    english = client.get("/en/no-such-page/")

    assert french.status_code == 404
    assert "Page introuvable" in french.content.decode()
    assert english.status_code == 404
    assert "Page not found" in english.content.decode()


def test_server_error_page_is_translated():
    from web.errors import server_error

    with translation.override("fr"):
        response = server_error(None)

    assert response.status_code == 500
    assert "Désolé" in page_html(response)


def test_sitemap_lists_both_languages_with_hreflang_alternates(client, public_site):
    response = client.get("/sitemap.xml")

    xml = page_html(response)
    assert response.status_code == 200
    assert "<loc>http://testserver/fr/a-propos/</loc>" in xml
    assert "<loc>http://testserver/en/about/</loc>" in xml
    assert 'hreflang="en" href="http://testserver/en/about/"' in xml
    assert 'hreflang="fr" href="http://testserver/fr/a-propos/"' in xml
    assert 'hreflang="x-default" href="http://testserver/fr/a-propos/"' in xml
    assert xml.count('hreflang="x-default"') == xml.count("<loc>")


def test_sitemap_leaves_out_drafts(client, public_site):
    public_site["home"].add_child(
        instance=type(public_site["about"])(title="Brouillon", slug="brouillon", live=False)
    )

    assert "brouillon" not in page_html(client.get("/sitemap.xml"))


def test_robots_txt_points_to_the_sitemap(client, public_site):
    response = client.get("/robots.txt")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    assert "Sitemap: http://testserver/sitemap.xml" in page_html(response)
    assert "Disallow: /admin/" in page_html(response)


def test_every_page_has_a_skip_link_and_landmarks(client, public_site):
    html = page_html(client.get("/en/"))

    assert '<a class="skip-link" href="#main">Skip to content</a>' in html
    assert '<main id="main"' in html
    assert '<header class="site-header">' in html
    assert '<footer class="site-footer">' in html
