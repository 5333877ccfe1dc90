"""Sharing and search engines: canonical URL, Open Graph, Twitter card, JSON-LD organisation."""

import html as html_module
import json
import re

import pytest
import wagtail_factories
from wagtail.models import Site

from cms.typography import typeset
from home.models import SiteSettings

pytestmark = pytest.mark.django_db


def head(response):
    html = response.content.decode()
    return html[: html.index("</head>")]


def meta(html, name):
    """The content of every <meta property|name=name> of the page."""
    pattern = rf'<meta (?:property|name)="{re.escape(name)}"\s+content="([^"]*)"'
    return [html_module.unescape(value) for value in re.findall(pattern, html)]


def json_ld(html):
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return [json.loads(block) for block in blocks]


def organisation_of(html):
    (data,) = json_ld(html)
    return next(node for node in data["@graph"] if node["@type"] == "Organization")


def test_home_page_has_canonical_url_and_open_graph_tags(client, public_site):
    html = head(client.get("/fr/"))

    assert '<link rel="canonical" href="http://testserver/fr/">' in html
    assert meta(html, "og:url") == ["http://testserver/fr/"]
    assert meta(html, "og:type") == ["website"]
    assert meta(html, "og:locale") == ["fr_CA"]
    assert meta(html, "og:locale:alternate") == ["en_CA"]
    # As the page shows them: set in French typography (cms/typography.py).
    assert meta(html, "og:title") == [typeset(public_site["home"].title, "fr")]
    assert meta(html, "og:description") == [typeset(public_site["home"].introduction, "fr")]
    # Its sharing card (tests/web/test_sharing_cards.py), shown large.
    (image,) = meta(html, "og:image")
    assert image.startswith(f"http://testserver/sharing-card/{public_site['home'].pk}/")
    assert meta(html, "twitter:image") == [image]
    assert meta(html, "twitter:card") == ["summary_large_image"]


def test_english_page_has_english_locale_and_its_own_canonical_url(client, public_site):
    html = head(client.get("/en/about/"))

    assert '<link rel="canonical" href="http://testserver/en/about/">' in html
    assert meta(html, "og:locale") == ["en_CA"]
    assert meta(html, "og:locale:alternate") == ["fr_CA"]
    assert meta(html, "og:title") == ["About"]
    assert meta(html, "og:description") == ["Who we are."]


def test_search_description_is_preferred_to_the_introduction(client, public_site):
    about = public_site["about"]
    about.search_description = "Qui nous sommes, en bref."
    about.save_revision().publish()

    html = head(client.get("/fr/a-propos/"))

    assert meta(html, "og:description") == ["Qui nous sommes, en bref."]


def test_organisation_json_ld_is_on_every_page(client, public_site):
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings.linkedin_url = "https://www.linkedin.com/company/consortium"
    settings.facebook_url = "https://www.facebook.com/consortium"
    settings.save()

    for url in ["/fr/", "/en/about/", "/en/search/?q=about"]:
        organisation = organisation_of(head(client.get(url)))

        assert organisation["name"] == settings.organisation_name
        assert organisation["url"] == "http://testserver/"
        assert organisation["telephone"] == ["418 622-1001", "1 855 837-9142"]
        assert organisation["sameAs"] == [
            "https://www.linkedin.com/company/consortium",
            "https://www.facebook.com/consortium",
        ]
        assert "logo" not in organisation


def test_site_logo_is_the_organisations_logo_and_shared_by_what_is_not_a_page(client, public_site):
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings.logo = wagtail_factories.ImageFactory(title="Logo")
    settings.save()

    page_html = head(client.get("/fr/"))
    search_html = head(client.get("/fr/recherche/?q=propos"))

    assert organisation_of(page_html)["logo"].startswith("http://testserver/media/images/")
    # A page shares its card (which shows the logo); search results, the logo itself.
    assert meta(page_html, "og:image")[0].startswith("http://testserver/sharing-card/")
    (image,) = meta(search_html, "og:image")
    assert image.startswith("http://testserver/media/images/")
    assert meta(search_html, "og:image:alt") == ["Logo"]
    assert meta(search_html, "twitter:card") == ["summary_large_image"]


def test_json_ld_cannot_be_closed_by_the_content(client, public_site):
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings.organisation_name = 'Coop </script><script>alert("x")</script> & cie'
    settings.save()

    html = head(client.get("/fr/"))

    assert "<script>alert" not in html
    assert organisation_of(html)["name"] == settings.organisation_name


def test_pages_have_no_inline_script_other_than_json_ld(client, public_site):
    html = client.get("/fr/").content.decode()

    scripts = re.findall(r"<script([^>]*)>", html)
    assert scripts == [' type="application/ld+json"']
