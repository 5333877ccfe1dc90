"""The site's pages (home, standard, contact, search results) render with a fixed number of
SQL queries that does not grow with their content: blocks, images, menu items, results."""

import pytest

from home.models import ContactPage, HomePage, StandardPage
from tests.query_budget import (
    add_demo_images,
    add_image_blocks,
    copy_live_children,
    double_the_body,
    queries_to_render,
)

pytestmark = pytest.mark.django_db

# Queries of a request by an anonymous visitor with every cache empty (pages, renditions, the
# site's root paths), with the demonstration content and images, or with twice as much. Of these,
# Wagtail takes 7 to 9 to find the page and check its privacy, and each image 2 (the image and
# its renditions): the site's logo, the home page's hero, the body's image blocks.
BUDGETS = {
    "home": 18,
    "standard page": 15,
    "contact page": 13,
    "search results": 15,
}


@pytest.fixture
def demo_site_with_images(demo_content, db):
    add_demo_images()
    for page in StandardPage.objects.all():
        add_image_blocks(page)


SEARCH_URL = "/fr/recherche/?q=propos"


def french_urls():
    return {
        "home": HomePage.objects.get(locale__language_code="fr").url,
        "standard page": StandardPage.objects.filter(locale__language_code="fr").first().url,
        "contact page": ContactPage.objects.get(locale__language_code="fr").url,
    }


def search_results_count(html):
    results = html.partition('<ol class="search-results"')[2].partition("</ol>")[0]
    return results.count("<li")


def double_the_content():
    """Every block of the home and standard pages twice (new images for the image blocks),
    and twice the pages under the home page: the menu's items and the search results."""
    for page in [*HomePage.objects.all(), *StandardPage.objects.all()]:
        double_the_body(page)
    for home in HomePage.objects.all():
        copy_live_children(home)


def test_site_pages_queries_stay_within_budget_and_do_not_grow(client, demo_site_with_images):
    urls = french_urls()
    with_demo_content = {name: queries_to_render(client, url)[0] for name, url in urls.items()}

    double_the_content()
    home_html = client.get(urls["home"]).content.decode()
    assert home_html.count("<picture>") >= 2 * 2 + 1  # the hero and the body's images
    assert home_html.count("(bis)") >= 2  # the menu lists the copies of the pages
    with_twice_the_content = {name: queries_to_render(client, url)[0] for name, url in urls.items()}

    pages_budgets = {name: BUDGETS[name] for name in urls}
    assert with_demo_content == pages_budgets
    assert with_twice_the_content == pages_budgets


def test_search_results_stay_within_budget(client, demo_site_with_images):
    queries, html = queries_to_render(client, SEARCH_URL)

    assert search_results_count(html) > 0
    assert queries == BUDGETS["search results"]


def test_search_results_queries_do_not_grow_with_pages_without_images(
    client, demo_site_with_images
):
    for page in StandardPage.objects.all():
        page.body = [block for block in page.body.raw_data if block["type"] != "image"]
        page.save_revision().publish()
    before, html = queries_to_render(client, SEARCH_URL)
    results_before = search_results_count(html)

    for home in HomePage.objects.all():
        copy_live_children(home)
    after, html = queries_to_render(client, SEARCH_URL)

    assert search_results_count(html) == 2 * results_before > 0
    assert after == before


def test_search_results_queries_do_not_grow_with_pages_with_images(client, demo_site_with_images):
    before, html = queries_to_render(client, SEARCH_URL)
    results_before = search_results_count(html)

    for home in HomePage.objects.all():
        copy_live_children(home)
    after, html = queries_to_render(client, SEARCH_URL)

    assert search_results_count(html) == 2 * results_before > 0
    assert after == before
