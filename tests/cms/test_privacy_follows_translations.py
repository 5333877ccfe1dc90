"""A page made private in one language is private in every language (cms/privacy.py).

The same report reaches visitors at each of these addresses; once the French or the English
report is private, none of them serves or lists it, in either language:

- the report page: /fr/rapports-annuels/2021-2022/ and /en/annual-reports/2021-2022/
- its PDF: <report url>pdf/
- its data, block by block: <report url>data/<block id>.csv
- Wagtail's API, the list: /api/v2/pages/?type=report.ReportYearPage&locale=en (and fr)
- Wagtail's API, the detail: /api/v2/pages/<id>/
- search: /fr/recherche/?q=… and /en/search/?q=…
- the sitemap: /sitemap.xml

An administrator or the direction sets the privacy of either page with the admin's "Privacy"
dialog, /admin/pages/<id>/privacy/ (Wagtail's `PageViewRestriction`).
"""

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from wagtail.models import Page, PageLogEntry, PageViewRestriction

from report import opendata
from report.models import ReportYearPage
from tests.editorial.helpers import publish_through_approval, sitemap
from tests.editorial.release_helpers import translate
from tests.factories import StandardPageFactory, UserFactory
from tests.html import page_html

pytestmark = pytest.mark.django_db

# Words of the demonstration report's theme, in each language.
THEME_WORD = {"fr": "audace", "en": "daring"}
SEARCH = {"fr": "/fr/recherche/", "en": "/en/search/"}


@pytest.fixture
def reports(demo_content, db):
    return {
        language: ReportYearPage.objects.get(locale__language_code=language, slug="2021-2022")
        for language in ("fr", "en")
    }


@pytest.fixture
def administrator(demo_content, db):
    """The demonstration's administrator, logged in as in the browser."""
    browser = Client()
    assert browser.login(username="admin", password="consortium-demo")
    return browser


def set_privacy(browser, page, restriction_type, password="", groups=()):
    """The admin's "Privacy" dialog of `page`, saved."""
    response = browser.post(
        f"/admin/pages/{page.id}/privacy/",
        {"restriction_type": restriction_type, "password": password, "groups": list(groups)},
    )
    assert response.status_code == 200
    assert response.json()["step"] == "set_privacy_done", response.json()


def csv_url(report):
    block = next(child for child in report.body if opendata.offers_csv(child))
    return f"{report.url}{opendata.block_data_path(block.id)}"


def served(client, report):
    """The status of each address that serves the report's content to `client`."""
    return {
        "page": client.get(report.url).status_code,
        "pdf": client.get(f"{report.url}pdf/").status_code,
        "csv": client.get(csv_url(report)).status_code,
        "api detail": client.get(f"/api/v2/pages/{report.id}/").status_code,
    }


def listed(client, report):
    """Where `client` finds the report listed."""
    language = report.locale.language_code
    api = client.get("/api/v2/pages/", {"type": "report.ReportYearPage", "locale": language}).json()
    results = page_html(client.get(SEARCH[language], {"q": THEME_WORD[language]}))
    return {
        "api list": report.id in [item["id"] for item in api["items"]],
        "search": f'href="{report.url}"' in results,
        "sitemap": report.url in sitemap(client),
    }


PRIVATE = {"page": 302, "pdf": 404, "csv": 404, "api detail": 404}
UNLISTED = {"api list": False, "search": False, "sitemap": False}
LISTED = {"api list": True, "search": True, "sitemap": True}


def assert_private(client, report):
    assert served(client, report) == PRIVATE
    assert client.get(report.url)["Location"].endswith(f"?next={report.url}")
    assert listed(client, report) == UNLISTED


def restriction_of(page):
    """The page's one restriction (Wagtail's dialog gives a page at most one), or None."""
    restrictions = list(PageViewRestriction.objects.filter(page=page))
    assert len(restrictions) <= 1, restrictions
    return restrictions[0] if restrictions else None


# The demonstration report, translated with wagtail-localize


def test_a_private_french_report_is_private_in_english(administrator, reports, client):
    assert client.get(reports["en"].url).status_code == 200
    assert listed(client, reports["en"]) == LISTED

    set_privacy(administrator, reports["fr"], PageViewRestriction.LOGIN)

    assert_private(client, reports["fr"])
    assert_private(client, reports["en"])


def test_a_private_english_report_is_private_in_french(administrator, reports, client):
    set_privacy(administrator, reports["en"], PageViewRestriction.LOGIN)

    assert_private(client, reports["en"])
    assert_private(client, reports["fr"])


@pytest.mark.parametrize("where_removed", ["fr", "en"])
def test_removing_the_restriction_makes_both_public_again(
    where_removed, administrator, reports, client
):
    set_privacy(administrator, reports["fr"], PageViewRestriction.LOGIN)

    set_privacy(administrator, reports[where_removed], PageViewRestriction.NONE)

    for report in reports.values():
        assert restriction_of(report) is None
        assert client.get(report.url).status_code == 200
        assert client.get(csv_url(report)).status_code == 200
        assert client.get(f"/api/v2/pages/{report.id}/").status_code == 200
        assert listed(client, report) == LISTED


def test_a_changed_restriction_is_changed_in_every_language(administrator, reports, client):
    direction = Group.objects.get(name="Direction")
    member = UserFactory(username="membre")
    set_privacy(administrator, reports["fr"], PageViewRestriction.PASSWORD, password="un-secret")
    assert restriction_of(reports["en"]).password == "un-secret"

    set_privacy(administrator, reports["en"], PageViewRestriction.GROUPS, groups=[direction.pk])

    for report in reports.values():
        restriction = restriction_of(report)
        assert restriction.restriction_type == PageViewRestriction.GROUPS
        assert list(restriction.groups.all()) == [direction]
    client.force_login(member)
    assert client.get(reports["fr"].url).status_code == 302
    member.groups.add(direction)
    assert client.get(reports["fr"].url).status_code == 200
    assert client.get(reports["en"].url).status_code == 200


def test_deleting_a_translation_leaves_the_others_private(administrator, reports, client):
    set_privacy(administrator, reports["fr"], PageViewRestriction.LOGIN)

    reports["en"].delete()

    assert restriction_of(reports["fr"]).restriction_type == PageViewRestriction.LOGIN
    assert served(client, reports["fr"]) == PRIVATE


def test_each_page_history_says_who_made_it_private(administrator, reports):
    set_privacy(administrator, reports["fr"], PageViewRestriction.LOGIN)

    for report in reports.values():
        entry = PageLogEntry.objects.get(page=report, action="wagtail.view_restriction.create")
        assert entry.user.username == "admin"


# Translations made in the admin


@pytest.fixture
def live_report(editor, approver, report_index):
    """A report approved by the direction; the locale synchronisation gave it an English alias."""
    return publish_through_approval(editor, approver, report_index)


def test_the_english_alias_of_a_private_report_is_private(superuser_client, live_report, english):
    client = Client()
    alias = live_report.get_translation(english)
    assert alias.alias_of_id == live_report.id
    assert alias.url in sitemap(client)

    set_privacy(superuser_client, live_report, PageViewRestriction.LOGIN)

    assert restriction_of(alias).restriction_type == PageViewRestriction.LOGIN
    assert client.get(alias.url).status_code == 302
    assert alias.url not in sitemap(client)
    api = client.get("/api/v2/pages/", {"locale": "en", "limit": 20}).json()
    assert alias.id not in [item["id"] for item in api["items"]]


def test_a_translation_made_after_the_restriction_starts_private(
    superuser_client, public_site, english
):
    page = StandardPageFactory(parent=public_site["home"], title="Espace membres", slug="membres")
    set_privacy(superuser_client, page, PageViewRestriction.LOGIN)

    translate(superuser_client, page, english)

    translation = page.get_translation(english)
    assert restriction_of(translation).restriction_type == PageViewRestriction.LOGIN
    translation.get_latest_revision().publish()
    assert Client().get(Page.objects.get(pk=translation.pk).url).status_code == 302


def test_a_translation_made_inside_a_private_section_stays_private_when_it_opens(
    superuser_client, public_site, english
):
    """Translating a page whose parent is not translated gives the parent an English alias;
    Wagtail copies the parent's own restriction to that alias only when the alias's section is
    public. The alias must keep it when the section opens later."""
    about = public_site["about"]
    english_about = about.get_translation(english)
    members = StandardPageFactory(parent=about, title="Espace membres", slug="membres")
    minutes = StandardPageFactory(parent=members, title="Procès-verbaux", slug="proces-verbaux")
    set_privacy(superuser_client, members, PageViewRestriction.LOGIN)
    set_privacy(superuser_client, english_about, PageViewRestriction.LOGIN)

    translate(superuser_client, minutes, english)
    set_privacy(superuser_client, english_about, PageViewRestriction.NONE)

    english_members = members.get_translation(english)
    assert english_members.alias_of_id == members.id
    assert restriction_of(about) is None
    assert restriction_of(english_about) is None
    assert restriction_of(english_members).restriction_type == PageViewRestriction.LOGIN


def test_a_restriction_set_before_the_rule_is_given_to_the_translations(public_site, english):
    """home/migrations/0005: a page private before privacy followed translations."""
    import importlib

    from django.apps import apps

    migration = importlib.import_module(
        "home.migrations.0005_view_restrictions_follow_translations"
    )
    about = public_site["about"]
    # Saved without signals, as the restriction of an older version of the site was.
    PageViewRestriction.objects.bulk_create(
        [PageViewRestriction(page=about, restriction_type=PageViewRestriction.LOGIN)]
    )
    about_en = about.get_translation(english)
    assert not PageViewRestriction.objects.filter(page=about_en).exists()

    migration.copy_restrictions_to_translations(apps, None)

    copy = PageViewRestriction.objects.get(page=about_en)
    assert copy.restriction_type == PageViewRestriction.LOGIN
