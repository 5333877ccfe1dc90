"""The public privacy page, /fr/confidentialite/ and /en/privacy/, linked from every page's footer:
it says what is counted, what is never kept, what is not counted, and for how long."""

import pytest

from tests.html import page_html

pytestmark = pytest.mark.django_db


def test_the_privacy_page_says_what_is_counted_in_french(client, public_site):
    response = client.get("/fr/confidentialite/")

    assert response.status_code == 200
    html = page_html(response)
    assert "<h1>Confidentialité</h1>" in html
    for text in [
        "sans témoins",
        "Des totaux par jour, par page et par langue",
        "par son nom seulement",
        "Votre adresse IP",
        "Global Privacy Control ou Do Not Track",
        "Les robots",
        "connectées à l’administration du site",
        "conservés 25 mois",
    ]:
        assert text in html, text


def test_the_privacy_page_says_what_is_counted_in_english(client, public_site, settings):
    settings.READERSHIP_RETENTION_MONTHS = 13

    response = client.get("/en/privacy/")

    assert response.status_code == 200
    html = page_html(response)
    assert "<h1>Privacy</h1>" in html
    assert "without cookies and without personal information" in html
    assert "Daily totals are kept for 13 months" in html
    assert 'href="/fr/confidentialite/"' in html  # The language switcher.


@pytest.mark.parametrize(
    ("address", "link"),
    [("/fr/a-propos/", "/fr/confidentialite/"), ("/en/about/", "/en/privacy/")],
)
def test_every_page_links_to_the_privacy_page_in_its_language(client, public_site, address, link):
    html = page_html(client.get(address))

    footer = html[html.index('<footer class="site-footer">') :]
    assert f'<a href="{link}">' in footer
