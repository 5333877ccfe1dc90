import contextlib
from types import SimpleNamespace

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import transaction
from wagtail.models import Page, Site

from editorial.localization import publish_translation
from tests.commands import run_command
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


@contextlib.contextmanager
def rolled_back():
    """A transaction that is always rolled back: each test's own transaction nests in it."""
    with transaction.atomic():
        yield
        transaction.set_rollback(True)


@pytest.fixture(scope="module")
def demo_content(django_db_setup, django_db_blocker):
    """The demonstration site and report (French and English), loaded once for a module.

    Loading takes about two seconds; the tests of a module share one load inside a transaction
    that is rolled back after the module, and each test still runs in a transaction of its own
    (a savepoint), so that what one test changes the next never sees. A test that uses it also
    needs `db`. Tests of the module that do not use it run before those that do
    (`pytest_collection_modifyitems`), on an empty database as usual. Gives the commands'
    outputs (`.site`, `.report`: `output`, `errors`).
    """
    with django_db_blocker.unblock(), rolled_back():
        cache.clear()
        loaded = SimpleNamespace(
            site=run_command("load_demo_site"), report=run_command("load_demo_report")
        )
        yield loaded
    cache.clear()


@pytest.fixture(autouse=True)
def _clear_cache_between_demo_tests(request):
    """Caches (Wagtail's site root paths, say) outlive a test's rolled-back changes."""
    if uses_demo_content(request.node):
        cache.clear()


def uses_demo_content(item):
    return "demo_content" in getattr(item, "fixturenames", ())


def module_path(item):
    return item.nodeid.split("::")[0]


def xdist_group(item, demo_modules):
    path = module_path(item)
    if path.startswith(("tests/browser/", "tests/ops/")):
        return path.split("/")[1]
    if path in demo_modules:
        return path
    return None


def pytest_collection_modifyitems(config, items):
    """Each module's tests that use `demo_content` last, and the whole module on one worker under
    xdist (one load per module, never seen by its other tests); the browser tests on one worker
    (one live server and one browser), and the operations tests too (their servers share one
    Redis)."""
    module_position = {}
    for index, item in enumerate(items):
        module_position.setdefault(module_path(item), index)
    # A stable sort: the tests keep their order otherwise.
    items.sort(key=lambda item: (module_position[module_path(item)], uses_demo_content(item)))
    demo_modules = {module_path(item) for item in items if uses_demo_content(item)}
    for item in items:
        group = xdist_group(item, demo_modules)
        if group:
            item.add_marker(pytest.mark.xdist_group(group))
