import pytest
from django.core.management import call_command
from wagtail.models import Page, Site

from editorial.localization import publish_translation
from tests.factories import (
    ContactPageFactory,
    HomePageFactory,
    SiteSettingsFactory,
    StandardPageFactory,
    SuperUserFactory,
    locale,
)


@pytest.fixture
def french(db):
    return locale("fr")


@pytest.fixture
def english(db):
    return locale("en")


@pytest.fixture
def home_page(french):
    """A French home page that is the root of the default site, with the organisation's details."""
    home = HomePageFactory(parent=Page.get_first_root_node(), locale=french)
    site = Site.objects.get(is_default_site=True)
    welcome_page = site.root_page
    site.hostname, site.port, site.root_page = "testserver", 80, home
    site.save()
    welcome_page.delete()
    SiteSettingsFactory(site=site)
    return home


@pytest.fixture
def public_site(home_page, english):
    """Home, about and contact pages in French, translated into English with wagtail-localize."""
    about = StandardPageFactory(parent=home_page, slug="a-propos")
    contact = ContactPageFactory(parent=home_page)
    english_strings = {
        home_page.title: "Consortium de ressources et d'expertises coopératives",
        home_page.slug: "home",
        home_page.introduction: "The shared-services centre of the social economy.",
        about.title: "About",
        about.slug: "about",
        about.introduction: "Who we are.",
        "Une coopérative de services partagés.": "A shared-services co-operative.",
        contact.title: "Contact us",
        contact.slug: "contact-us",
        contact.introduction: "Write to us.",
    }
    for page in [home_page, about, contact]:
        publish_translation(page, english, english_strings)
    return {"home": home_page, "about": about, "contact": contact}


@pytest.fixture
def superuser(db):
    return SuperUserFactory(username="admin")


@pytest.fixture
def superuser_client(client, superuser):
    client.force_login(superuser)
    return client


@pytest.fixture
def demo_site(db):
    call_command("load_demo_site", stdout=None)
    return Site.objects.get(is_default_site=True)
