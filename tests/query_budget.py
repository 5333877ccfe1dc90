"""Helpers of the query-budget tests: the demonstration site with images, made twice as big.

A page's budget is counted on an uncached request (no rendition nor site in the cache) of an
anonymous visitor, after a first request has made the renditions, as on a live site.
"""

import wagtail_factories
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Site

from home.models import HomePage, SiteSettings


def queries_to_render(client, url):
    """(number of queries, the page's HTML) for `url`, with every cache emptied first."""
    cache.clear()  # Nothing left by another test (the cache outlives their database).
    client.get(url)  # The first visitor makes the renditions.
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries), response.content.decode()


def image_block(title):
    image = wagtail_factories.ImageFactory(title=title)
    return {
        "type": "image",
        "value": {"image": image.pk, "alt_text": title, "decorative": False, "caption": title},
    }


def add_image_blocks(page, count=2):
    page.body = list(page.body.raw_data) + [
        image_block(f"{page.title} {number}") for number in range(count)
    ]
    page.save_revision().publish()


def add_demo_images():
    """A logo, a hero and body images on the demonstration site (`demo_content`)."""
    site_settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    site_settings.logo = wagtail_factories.ImageFactory(title="Logo")
    site_settings.save()
    for home in HomePage.objects.all():
        home.hero_image = wagtail_factories.ImageFactory(title="Accueil")
        add_image_blocks(home)


def doubled_stream(raw_blocks, anchor_suffix="-bis"):
    """Every block twice; sections get other anchors and image blocks other images."""
    copies = []
    for block in raw_blocks:
        value = block["value"]
        if block["type"] == "section":
            value = dict(value, anchor=value["anchor"] + anchor_suffix)
        elif block["type"] == "image":
            value = image_block(value["alt_text"] + anchor_suffix)["value"]
        copies.append({"type": block["type"], "value": value})
    return list(raw_blocks) + copies


def double_the_body(page):
    page.body = doubled_stream(page.body.raw_data)
    page.save_revision().publish()


def copy_live_children(page, parent=None):
    """A copy of each live child page of `page` (under `parent`), with other slugs."""
    for child in list(page.get_children().live().specific()):
        child.copy(
            to=parent,
            update_attrs={"slug": child.slug + "-bis", "title": child.title + " (bis)"},
            keep_live=True,
        )
