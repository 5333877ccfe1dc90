"""The organisation's colours: set in the site settings, checked for contrast, shown by every
page through one inline <style> that the Content-Security-Policy allows by its hash."""

import re

import pytest
from django.core.exceptions import ValidationError
from django.template import Context, Template
from django.test import RequestFactory
from django.utils import translation

from home.brand_colours import contrast_ratio, validate_brand_colour
from home.models import SiteSettings
from tests.html import page_html
from web.csp import csp_hash, inline_hashes

pytestmark = pytest.mark.django_db

SETTINGS_FORM = {
    "organisation_name": "Consortium de ressources et d'expertises coopératives",
    "short_name": "Consortium",
    "province": "QC",
    "phone_local": "418 622-1001",
    "opening_first_day": "0",
    "opening_last_day": "4",
    "opens_at": "08:30",
    "closes_at": "16:30",
}


def test_contrast_ratio_is_wcags():
    assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21)
    assert contrast_ratio("#ffffff", "#ffffff") == pytest.approx(1)
    # The site's own colours, and the grey that just passes AA.
    assert contrast_ratio("#0b5d7a", "#ffffff") == pytest.approx(7.34, abs=0.01)
    assert contrast_ratio("#b3401b", "#ffffff") == pytest.approx(5.73, abs=0.01)
    assert contrast_ratio("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)


@pytest.mark.parametrize("colour", ["#0b5d7a", "#B3401B", "#767676", "#000000"])
def test_dark_enough_colours_are_accepted(colour):
    validate_brand_colour(colour)


@pytest.mark.parametrize("colour", ["blue", "0b5d7a", "#fff", "#0b5d7g", "#0b5d7a;}", "rgb(0,0,0)"])
def test_what_is_not_a_hex_colour_is_refused(colour):
    # The message is read while English is active: it is translated when read.
    with translation.override("en"):
        with pytest.raises(ValidationError) as error:
            validate_brand_colour(colour)
        messages = " ".join(error.value.messages)
    assert error.value.code == "invalid_colour"
    assert "six hexadecimal digits" in messages


@pytest.mark.parametrize(
    ("colour", "ratio"), [("#ffcc00", "1.5"), ("#777777", "4.4"), ("#ffffff", "1.0")]
)
def test_colours_too_light_for_white_text_are_refused_with_their_contrast(colour, ratio):
    with translation.override("en"):
        with pytest.raises(ValidationError) as error:
            validate_brand_colour(colour)
        [message] = error.value.messages

    assert error.value.code == "low_contrast"
    # 4.48:1 reads 4.4, never a rounded 4.5 that would seem to pass.
    assert f"{colour} is too light" in message
    assert f"{ratio}:1" in message
    assert "4.5:1" in message


def settings_url():
    return f"/admin/settings/home/sitesettings/{SiteSettings.objects.get().site_id}/"


def test_colours_saved_in_the_admin_colour_every_page(superuser_client, public_site):
    form = {**SETTINGS_FORM, "brand_colour": "#2d4a22", "accent_colour": "#7a1f5c"}

    response = superuser_client.post(settings_url(), form)

    assert response.status_code == 302
    for url in ["/fr/", "/en/about/"]:
        response = superuser_client.get(url)
        css = ":root{--brand:#2d4a22;--accent:#7a1f5c}"
        assert f"<style>{css}</style>" in response.content.decode()
        # Allowed by its hash, the page's only inline style.
        policy = response["Content-Security-Policy"]
        style_src = re.search(r"style-src ([^;]*)", policy).group(1).split()
        assert csp_hash(css) in style_src
        assert "unsafe-inline" not in policy


def test_a_light_colour_is_refused_in_the_admin_and_nothing_changes(superuser_client, public_site):
    form = {**SETTINGS_FORM, "brand_colour": "#9ecae1", "accent_colour": "#b3401b"}

    with translation.override("en"):
        response = superuser_client.post(settings_url(), form, HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 200
    html = page_html(response)
    assert "#9ecae1 is too light" in html
    assert SiteSettings.objects.get().brand_colour == "#0b5d7a"


def test_empty_colours_mean_the_sites_own(superuser_client, public_site):
    form = {**SETTINGS_FORM, "brand_colour": "", "accent_colour": ""}

    assert superuser_client.post(settings_url(), form).status_code == 302

    html = superuser_client.get("/fr/").content.decode()
    assert "<style>:root{--brand:#0b5d7a;--accent:#b3401b}</style>" in html


def test_a_value_that_never_went_through_validation_cannot_reach_the_page(public_site):
    # Seven characters, as the column holds: CSS that would end the rule and start another.
    SiteSettings.objects.update(brand_colour="red}a{b")
    request = RequestFactory().get("/fr/")

    html = Template("{% load brand_tags %}{% brand_style %}").render(Context({"request": request}))

    css = ":root{--brand:#0b5d7a;--accent:#b3401b}"
    assert html == f"<style>{css}</style>"
    assert inline_hashes(request, "style-src") == [csp_hash(css)]


def test_without_a_request_no_style(public_site):
    assert Template("{% load brand_tags %}{% brand_style %}").render(Context({})) == ""


@pytest.mark.parametrize("url", ["/fr/", "/en/about/", "/fr/nous-joindre/", "/fr/recherche/?q=x"])
def test_each_page_waits_on_one_stylesheet(client, public_site, url):
    html = client.get(url).content.decode()

    links = re.findall(r"<link[^>]+rel=\"stylesheet\"[^>]*>", html)
    screen = [link for link in links if 'media="print"' not in link]
    assert [re.search(r'href="([^"]+)"', link).group(1) for link in screen] == [
        "/static/css/site.css"
    ]
    assert not re.search(r"\sstyle=\"", html)
