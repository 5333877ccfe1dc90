import pytest
from django.core.management import call_command
from wagtail.models import Page

from home.models import ContactPage, HomePage, StandardPage
from tests.html import page_html

pytestmark = pytest.mark.django_db


def test_demo_site_exists_in_french_and_english(client, demo_site):
    assert HomePage.objects.count() == 2
    assert StandardPage.objects.count() == 2
    assert ContactPage.objects.count() == 2
    for url in [
        "/fr/",
        "/en/",
        "/fr/a-propos/",
        "/en/about/",
        "/fr/nous-joindre/",
        "/en/contact-us/",
    ]:
        assert client.get(url).status_code == 200, url
    english_home = page_html(client.get("/en/"))
    assert "The shared-services centre of the social economy" in english_home
    assert "418 622-1001" in english_home


def test_demo_english_pages_are_wagtail_localize_translations(demo_site):
    from wagtail_localize.models import Translation

    assert Translation.objects.filter(target_locale__language_code="en").count() == 3


def test_demo_loader_is_idempotent(demo_site):
    pages_before = Page.objects.count()

    call_command("load_demo_site")

    assert Page.objects.count() == pages_before


def test_demo_creates_the_admin_account_of_the_readme(client, demo_site):
    assert client.login(username="admin", password="consortium-demo")


def test_demo_page_tree_is_consistent(demo_site):
    from io import StringIO

    output = StringIO()
    call_command("fixtree", stdout=output)

    assert "No problems found" in output.getvalue()
