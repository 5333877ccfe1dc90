"""What a visit adds to the readership counts, through the real URLs, with each store.

Every URL that can feed a counter (readership/counting.py):
- a public Wagtail page served with a 200 to a GET, from the page cache or not: /fr/a-propos/,
  /en/about/, /fr/, a report — a view, and the other site it came from (Referer, host only);
- a report's downloads: <report>/pdf/, <report>/data/<block id>.csv and .xlsx;
- the search page: /fr/recherche/?q=…, /en/search/?q=… (tests/readership/test_searches.py);
- the beacon: POST /readership/sections/ (tests/readership/test_beacon.py).
Tried here and counting nothing: a 304, a HEAD, 404s, the admin, the API, documents, media and
static files, /favicon.ico, robots.txt, the sitemap, sharing cards, the privacy page, /health/, a
preview, a page behind a password; robots, Global Privacy Control, Do Not Track, a signed-in
editor.
"""

import pytest
from django.test import Client
from wagtail.models import PageViewRestriction

from readership.counting import MARKER_HEADER
from tests.readership.conftest import FIREFOX, counted

pytestmark = pytest.mark.django_db

ABOUT = "/fr/a-propos/"


@pytest.fixture
def page_cache_on(settings):
    """Switching it on empties it (web/caching.py, `page_cache_setting_changed`)."""
    settings.PAGE_CACHE_ENABLED = True


def view(page, language="fr"):
    return (page.pk, language, "view", "")


def test_a_cached_page_and_an_uncached_one_are_each_counted_once_per_view(
    reader, public_site, english, page_cache_on, store
):
    about, home = public_site["about"], public_site["home"]
    first, second = reader.get(ABOUT), reader.get(ABOUT)
    with_query = reader.get(ABOUT, {"page": "2"})  # A query string: never cached.

    assert (first["X-Page-Cache"], second["X-Page-Cache"]) == ("miss", "hit")
    assert "X-Page-Cache" not in with_query
    assert counted() == {view(about): 3}

    assert reader.get("/en/about/").status_code == 200
    reader.get("/fr/")

    english_about = about.get_translation(english)
    assert counted() == {view(about): 3, view(english_about, "en"): 1, view(home): 1}


def test_the_mark_never_leaves_the_server(reader, public_site, page_cache_on):
    for response in (reader.get(ABOUT), reader.get(ABOUT), reader.head(ABOUT)):
        assert response.status_code == 200
        assert MARKER_HEADER not in response


def test_a_browser_revalidating_its_copy_is_not_counted_again(reader, public_site, page_cache_on):
    """Browsers keep a page a minute, then ask whether it changed: a 304 sends no page, and the
    view was counted when the page was sent."""
    etag = reader.get(ABOUT)["ETag"]
    revalidated = reader.get(ABOUT, headers={"If-None-Match": etag})

    assert revalidated.status_code == 304
    assert counted() == {view(public_site["about"]): 1}


def test_no_cookie_is_set(reader, public_site, page_cache_on):
    for response in (reader.get(ABOUT), reader.get(ABOUT), reader.get("/fr/recherche/?q=x")):
        assert not response.cookies


@pytest.mark.parametrize(
    "address",
    [
        "/fr/nulle-part/",
        "/nulle-part/",
        "/admin/login/",
        "/admin/",
        "/api/v2/pages/",
        "/static/css/site.css",
        "/favicon.ico",
        "/robots.txt",
        "/sitemap.xml",
        "/fr/confidentialite/",
        "/health/",
        "/documents/1/nothing.pdf",
        "/media/original_images/nothing.jpg",
        "/sharing-card/1/0123456789abcdef.png",
    ],
)
def test_what_is_not_a_public_page_is_never_counted(reader, public_site, address, page_cache_on):
    reader.get(address)
    reader.get(address)

    assert counted() == {}


def test_a_head_request_is_not_counted(reader, public_site, page_cache_on):
    assert reader.head(ABOUT).status_code == 200
    assert counted() == {}


def test_a_page_behind_a_password_is_not_counted(reader, public_site):
    PageViewRestriction.objects.create(
        page=public_site["about"], restriction_type=PageViewRestriction.PASSWORD, password="x"
    )

    response = reader.get(ABOUT)

    assert response.status_code == 200  # Wagtail's password form.
    assert counted() == {}


def test_a_preview_is_not_counted(public_site, monkeypatch):
    """Wagtail previews through the middleware at the page's address (a made-up request): even
    from a visitor that may be counted, nothing is."""
    monkeypatch.setattr("readership.middleware.countable", lambda request: True)

    response = public_site["about"].make_preview_request()

    assert response.status_code == 200
    assert counted() == {}


@pytest.mark.parametrize(
    "user_agent",
    [
        "",
        "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
        "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
        "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)",
        "LinkedInBot/1.0 (compatible; Mozilla/5.0; Apache-HttpClient +http://www.linkedin.com)",
        "Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)",
        "WhatsApp/2.23.20.0",
        "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 HeadlessChrome/126.0 Safari/537.36",
        "Mozilla/5.0 (compatible; Yahoo! Slurp; http://help.yahoo.com/help/us/ysearch/slurp)",
        "curl/8.5.0",
        "Wget/1.21.3",
        "python-requests/2.32.3",
    ],
)
def test_robots_are_not_counted(client, public_site, user_agent, page_cache_on):
    client.get(ABOUT, headers={"User-Agent": user_agent})
    client.get(ABOUT, headers={"User-Agent": user_agent})

    assert counted() == {}


@pytest.mark.parametrize("header", [{"Sec-GPC": "1"}, {"DNT": "1"}])
def test_global_privacy_control_and_do_not_track_are_honoured(
    reader, public_site, header, page_cache_on
):
    reader.get(ABOUT, headers=header)
    reader.get(ABOUT, headers={**header, "Referer": "https://news.example.org/"})

    assert counted() == {}


def test_a_signed_in_editor_is_not_counted(public_site, superuser, page_cache_on):
    browser = Client(headers={"User-Agent": FIREFOX})
    browser.force_login(superuser)

    assert browser.get(ABOUT).status_code == 200
    assert counted() == {}


def test_the_referring_site_is_counted_by_its_host_only(reader, public_site, store):
    about = public_site["about"]
    reader.get(ABOUT, headers={"Referer": "https://News.Example.org/secret-path-9731?id=42#top"})
    reader.get(ABOUT, headers={"Referer": "https://news.example.org/another/"})
    reader.get(ABOUT, headers={"Referer": "http://testserver/fr/"})  # The site itself.
    reader.get(ABOUT, headers={"Referer": "https://localhost/fr/"})  # Another of its names.
    reader.get(ABOUT, headers={"Referer": "android-app://com.google.android.gm/"})
    reader.get(ABOUT, headers={"Referer": "not an address"})

    assert counted() == {
        view(about): 6,
        (about.pk, "fr", "referrer", "news.example.org"): 2,
    }


@pytest.fixture
def media_root(settings, tmp_path):
    """The PDF is kept in the media storage once made."""
    settings.MEDIA_ROOT = tmp_path / "media"


def test_downloads_of_the_pdf_and_the_data_are_counted(
    reader, data_report, store, page_cache_on, media_root
):
    [figures] = [child for child in data_report.body if child.block_type == "key_figures"]
    pdf = reader.get(f"{data_report.url}pdf/")
    cached_pdf = reader.get(f"{data_report.url}pdf/")
    csv = reader.get(f"{data_report.url}data/{figures.id}.csv")
    xlsx = reader.get(f"{data_report.url}data/{figures.id}.xlsx")
    reader.get(f"{data_report.url}data/{figures.id}.xlsx")
    missing = reader.get(f"{data_report.url}data/no-such-block.csv")

    assert [pdf.status_code, cached_pdf.status_code, csv.status_code, xlsx.status_code] == [200] * 4
    assert cached_pdf["X-Page-Cache"] == "hit"
    assert missing.status_code == 404
    assert counted() == {
        (data_report.pk, "fr", "pdf", ""): 2,
        (data_report.pk, "fr", "csv", figures.id): 1,
        (data_report.pk, "fr", "xlsx", figures.id): 2,
    }
