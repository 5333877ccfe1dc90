"""Content images as visitors' browsers receive them: AVIF or WebP with a JPEG fallback, sized
for the screen (srcset, sizes), with their width and height (no layout shift), lazy below the
fold, cropped around their focal point, and made once."""

import html as html_module
import re

import pytest
import wagtail_factories
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.images import get_image_model
from wagtail.images.models import Filter
from wagtail.models import Site

from cms.typography import typeset
from home.models import SiteSettings
from tests.report.conftest import publish

Rendition = get_image_model().get_rendition_model()


def photo(title, width=1600, height=1200):
    return wagtail_factories.ImageFactory(
        title=title, file__width=width, file__height=height, file__color="teal"
    )


def pictures(html):
    return re.findall(r"<picture>.*?</picture>", html, flags=re.DOTALL)


def picture_with_class(html, css_class):
    (picture,) = [found for found in pictures(html) if f'class="{css_class}"' in found]
    return picture


def img_attributes(picture):
    img = re.search(r"<img [^>]*>", picture).group(0)
    return {
        name: html_module.unescape(value) for name, value in re.findall(r'(\w+)="([^"]*)"', img)
    }


def assert_responsive(picture, sizes_in_srcset=2):
    """AVIF and WebP sources, then a JPEG <img> with srcset, sizes, width and height."""
    assert '<source sizes="' in picture
    assert 'type="image/avif"' in picture and 'type="image/webp"' in picture
    assert picture.index("image/avif") < picture.index("image/webp")  # best format first
    img = img_attributes(picture)
    assert img["src"].endswith(".jpg")
    assert img["srcset"].count(".jpg ") == sizes_in_srcset
    assert img["sizes"]
    assert int(img["width"]) > 0 and int(img["height"]) > 0
    return img


@pytest.fixture
def cover_report(report):
    report.cover_image = photo("Couverture")
    return publish(report)


def test_report_cover_is_a_responsive_picture_loaded_first(client, cover_report):
    html = client.get(cover_report.url).content.decode()

    img = assert_responsive(picture_with_class(html, "report-cover__image"), sizes_in_srcset=3)
    assert img["fetchpriority"] == "high"
    assert "loading" not in img  # above the fold: never lazy
    assert img["alt"] == ""  # decorative: the title says what the report is
    assert (int(img["width"]), int(img["height"])) == (960, 640)


def test_image_blocks_are_lazy_responsive_pictures_with_their_alt_text(client, report):
    report.body = [
        *report.body.raw_data,
        {
            "type": "image",
            "value": {
                "image": photo("Équipe").pk,
                "alt_text": "L'équipe du Consortium",
                "decorative": False,
                "caption": "",
            },
        },
    ]
    publish(report)

    html = client.get(report.url).content.decode()

    (picture,) = pictures(html)
    img = assert_responsive(picture)
    assert img["alt"] == "L’équipe du Consortium"  # in French typography (cms/typography.py)
    assert img["loading"] == "lazy" and img["decoding"] == "async"
    assert (int(img["width"]), int(img["height"])) == (1200, 900)


def test_message_portrait_is_a_lazy_picture(client, message):
    message.portrait = photo("Portrait", 600, 800)
    publish(message)

    html = client.get(message.url).content.decode()

    img = assert_responsive(picture_with_class(html, "report-message__portrait"))
    assert img["loading"] == "lazy"
    assert (int(img["width"]), int(img["height"])) == (80, 80)


def test_home_hero_is_a_responsive_picture_loaded_first(client, home_page):
    home_page.hero_image = photo("Accueil")
    publish(home_page)

    html = client.get(home_page.url).content.decode()

    img = assert_responsive(picture_with_class(html, "hero__image"), sizes_in_srcset=3)
    assert img["fetchpriority"] == "high"
    assert "loading" not in img


def test_logo_keeps_a_png_fallback_for_its_transparency(client, home_page):
    site_settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    site_settings.logo = photo("Logo", 400, 200)
    site_settings.save()

    html = client.get(home_page.url).content.decode()

    picture = picture_with_class(html, "site-header__logo")
    assert 'type="image/avif"' in picture and 'type="image/webp"' in picture
    img = img_attributes(picture)
    assert img["src"].endswith(".png")
    assert img["alt"] == typeset(site_settings.display_name, "fr")
    assert (img["width"], img["height"]) == ("192", "96")


def test_renditions_are_made_once_and_reused(client, cover_report):
    client.get(cover_report.url)
    made = Rendition.objects.count()
    assert made >= 3 * 3  # three widths of the cover in three formats, and its sharing image

    with CaptureQueriesContext(connection) as queries:
        client.get(cover_report.url)

    assert Rendition.objects.count() == made
    assert not [query for query in queries if "INSERT" in query["sql"]]


def test_cover_is_cropped_around_its_focal_point(client, cover_report):
    image = cover_report.cover_image
    fill = Filter("format-avif|fill-960x640")  # as the template's {% picture %} names it
    without_focal_point = fill.get_cache_key(image)
    image.focal_point_x, image.focal_point_y = 1400, 600
    image.focal_point_width, image.focal_point_height = 200, 200
    image.save()

    client.get(cover_report.url)

    rendition = Rendition.objects.get(image=image, filter_spec=fill.spec)
    assert rendition.focal_point_key == fill.get_cache_key(image) != without_focal_point
