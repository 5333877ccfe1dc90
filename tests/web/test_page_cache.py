"""Whole pages cached for anonymous visitors (web/caching.py): who gets them, how browsers and
CDNs revalidate them, every change that makes them stale, and the generation that tells
(web/generation.py). tests/web/test_page_cache_invalidation.py tries what editors do in the admin.

Addresses: /fr/a-propos/, /en/about/, /fr/, /fr/nous-joindre/, /sitemap.xml, /admin/login/,
/api/v2/pages/, a page's preview, and addresses no page has.
"""

import gzip
import time

import pytest
from django.contrib.auth import SESSION_KEY
from django.core.cache import cache
from django.core.management import call_command
from django.db import DatabaseError
from django.test import Client
from django.utils import timezone
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import PageViewRestriction
from wagtail.test.utils.form_data import nested_form_data

from editorial.localization import publish_translation
from home.models import ContactSubmission, SiteSettings, StandardPage
from tests.admin_forms import block_form_data
from tests.factories import StandardPageFactory
from tests.html import page_html
from web import caching, generation
from web.models import PageCacheGeneration

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache_on")]

ABOUT = "/fr/a-propos/"


def cache_state(response):
    return response.headers.get("X-Page-Cache")


def visit(client, url, **headers):
    response = client.get(url, headers=headers)
    assert response.status_code in (200, 304), url
    return response


# Who gets a cached page


def test_second_anonymous_visit_is_served_from_the_cache_without_a_query(
    client, public_site, django_assert_num_queries
):
    first = visit(client, ABOUT)
    with django_assert_num_queries(0):
        second = visit(client, ABOUT)

    assert (cache_state(first), cache_state(second)) == ("miss", "hit")
    assert second.content == first.content
    assert "<h1>À propos</h1>" in page_html(second)
    assert second["Content-Type"] == "text/html; charset=utf-8"


@pytest.mark.parametrize(
    "address", ["/fr/" + "é" * 3000 + "/", "/fr/%00%01%7f/", "/fr/a-propos/%20espace/"]
)
def test_any_address_makes_a_key_every_cache_takes(client, public_site, address, recwarn):
    """Thousands of characters or control characters: a 404, and no key that memcached would
    refuse (Django warns of such keys)."""
    assert client.get(address).status_code == 404
    assert not [warning for warning in recwarn if "CacheKeyWarning" in str(warning.category)]
    assert caching.cache_key(client.get(ABOUT).wsgi_request).startswith("page-cache:page:")


def test_cached_page_keeps_the_security_headers_of_the_page(client, public_site):
    first, second = visit(client, ABOUT), visit(client, ABOUT)

    assert cache_state(second) == "hit"
    for header in ("Content-Security-Policy", "X-Frame-Options", "Content-Language"):
        assert second[header] == first[header], header


def test_each_language_is_cached_at_its_own_address(client, public_site):
    visit(client, ABOUT)

    english = visit(client, "/en/about/")

    assert cache_state(english) == "miss"
    assert "<h1>About</h1>" in page_html(english)
    assert "<h1>About</h1>" in page_html(visit(client, "/en/about/"))


def test_logged_in_editor_never_gets_nor_fills_the_cached_page(superuser_client, public_site):
    visitor = Client()
    visit(visitor, ABOUT)

    editor_view = visit(superuser_client, ABOUT)
    assert cache_state(editor_view) is None
    assert "public" not in editor_view.get("Cache-Control", "")

    caching.page_cache().clear()
    visit(superuser_client, ABOUT)
    assert cache_state(visit(visitor, ABOUT)) == "miss"


def test_a_page_with_the_editors_userbar_is_private(superuser_client, public_site):
    response = visit(superuser_client, ABOUT)

    assert "wagtail-userbar" in response.content.decode()
    assert "private" in response["Cache-Control"]
    assert "public" not in response["Cache-Control"]
    assert "Cookie" in response["Vary"]


def test_a_page_for_anonymous_visitors_is_public(client, public_site):
    for response in (visit(client, ABOUT), visit(client, ABOUT)):
        assert response["Cache-Control"].startswith("public")
        assert "wagtail-userbar" not in response.content.decode()


def test_a_page_with_a_notice_for_one_visitor_is_private(client, public_site):
    client.cookies["messages"] = "a-message-for-this-visitor"

    assert "private" in visit(client, ABOUT)["Cache-Control"]


def test_a_form_with_the_visitors_csrf_token_is_private(client, public_site):
    response = visit(client, "/fr/nous-joindre/")

    assert "csrftoken" in response.cookies
    assert "private" in response["Cache-Control"]


def test_the_admin_stays_private_and_unstored(superuser_client, public_site):
    cache_control = superuser_client.get("/admin/")["Cache-Control"]

    assert {"private", "no-store", "no-cache"} <= {
        directive.strip() for directive in cache_control.split(",")
    }


def test_a_session_cookie_skips_the_cache(client, public_site):
    visit(client, ABOUT)
    client.cookies["sessionid"] = "not-a-session"

    response = visit(client, ABOUT)

    assert cache_state(response) is None


def test_query_string_skips_the_cache_but_tracking_parameters_do_not(client, public_site):
    visit(client, ABOUT)

    assert cache_state(visit(client, f"{ABOUT}?page=2")) is None
    assert cache_state(visit(client, f"{ABOUT}?utm_source=infolettre&fbclid=abc")) == "hit"


def test_contact_page_with_its_form_is_never_cached(client, public_site):
    # Its CSRF token sets a cookie: a page that sets a cookie is never kept.
    first = visit(client, "/fr/nous-joindre/")
    second = Client().get("/fr/nous-joindre/")

    assert "csrftoken" in first.cookies
    assert (cache_state(first), cache_state(second)) == (None, None)


def test_a_page_after_the_contact_form_is_sent_is_not_the_cached_one(client, public_site):
    visit(client, ABOUT)
    client.cookies["messages"] = "a-message-for-this-visitor"

    assert cache_state(visit(client, ABOUT)) is None


def test_post_is_never_answered_from_the_cache(client, public_site):
    visit(client, "/fr/")

    response = client.post("/fr/", {})

    assert cache_state(response) is None


def test_admin_and_api_are_never_cached(client, public_site):
    for url in ("/admin/login/", "/api/v2/pages/"):
        client.get(url)
        assert cache_state(client.get(url)) is None, url


def test_response_chosen_by_the_visitors_languages_is_not_cached(client, public_site):
    client.get("/sitemap.xml")

    response = client.get("/sitemap.xml", headers={"Accept-Language": "en"})

    assert "Accept-Language" in response["Vary"]
    assert cache_state(response) is None


def test_not_found_is_not_cached(client, public_site):
    client.get("/fr/nulle-part/")

    response = client.get("/fr/nulle-part/")

    assert response.status_code == 404
    assert cache_state(response) is None


def test_private_page_is_never_cached(client, public_site):
    PageViewRestriction.objects.create(
        page=public_site["about"], restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )

    first, second = client.get(ABOUT), client.get(ABOUT)

    assert "<h1>À propos</h1>" not in page_html(second)
    assert (cache_state(first), cache_state(second)) == (None, None)


def test_preview_is_never_served_nor_kept(superuser_client, public_site):
    client = Client()
    about = public_site["about"]
    visit(client, ABOUT)
    preview_url = f"/admin/pages/{about.id}/edit/preview/"
    form = nested_form_data(
        {
            "title": "Brouillon jamais publié",
            "slug": about.slug,
            "introduction": about.introduction,
            "body": block_form_data(StandardPage.body.field.stream_block, []),
        }
    )

    assert superuser_client.post(preview_url, form).json()["is_valid"] is True
    preview = superuser_client.get(preview_url)

    assert "Brouillon jamais publié" in page_html(preview)
    assert "public" not in preview.get("Cache-Control", "")
    visitor = visit(client, ABOUT)
    assert cache_state(visitor) == "hit"
    assert "Brouillon jamais publié" not in page_html(visitor)


# What browsers and CDNs are told


def test_cached_page_tells_browsers_and_cdns_how_long_and_how_to_revalidate(
    client, public_site, settings
):
    settings.PAGE_CACHE_CDN_MAX_AGE = 600

    response = visit(client, ABOUT)

    assert response["Cache-Control"] == "public, max-age=60, s-maxage=600"
    assert response["ETag"].startswith('W/"')
    assert response["Last-Modified"].endswith(" GMT")
    assert visit(client, ABOUT)["ETag"] == response["ETag"]


def test_revalidation_with_the_etag_answers_304_without_the_page(client, public_site):
    etag = visit(client, ABOUT)["ETag"]

    response = client.get(ABOUT, headers={"If-None-Match": etag})

    assert response.status_code == 304
    assert response.content == b""
    assert response["ETag"] == etag


def published_seconds_ago(seconds):
    """As if the content had last changed `seconds` ago (the generation is about then)."""
    PageCacheGeneration.objects.update(value=time.time_ns() - seconds * 1_000_000_000)
    generation.forget()


def test_revalidation_by_date_answers_304_until_the_content_changes(client, public_site):
    published_seconds_ago(5)
    last_modified = visit(client, ABOUT)["Last-Modified"]

    assert client.get(ABOUT, headers={"If-Modified-Since": last_modified}).status_code == 304

    publish_new_title(public_site["about"], "À propos de nous")
    response = client.get(ABOUT, headers={"If-Modified-Since": last_modified})
    assert response.status_code == 200
    assert "<h1>À propos de nous</h1>" in page_html(response)


def test_etag_tells_apart_two_versions_of_the_same_second(client, public_site):
    """Last-Modified counts whole seconds; browsers send the ETag with it, and it prevails."""
    first = visit(client, ABOUT)

    publish_new_title(public_site["about"], "À propos de nous")
    response = client.get(
        ABOUT,
        headers={"If-None-Match": first["ETag"], "If-Modified-Since": first["Last-Modified"]},
    )

    assert response.status_code == 200
    assert "<h1>À propos de nous</h1>" in page_html(response)


def test_first_revalidation_of_a_page_not_yet_cached_also_answers_304(client, public_site):
    etag = visit(client, ABOUT)["ETag"]
    caching.page_cache().clear()

    response = client.get(ABOUT, headers={"If-None-Match": etag})

    assert (response.status_code, cache_state(response)) == (304, "miss")


def test_cached_page_is_sent_compressed_to_who_accepts_it(client, public_site):
    plain = visit(client, ABOUT)

    compressed = visit(client, ABOUT, **{"Accept-Encoding": "gzip, deflate, br"})

    assert compressed["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in compressed["Vary"]
    assert gzip.decompress(compressed.content) == plain.content
    assert int(compressed["Content-Length"]) == len(compressed.content) < len(plain.content)
    assert "Content-Encoding" not in visit(client, ABOUT)


@pytest.mark.parametrize(
    "accept_encoding",
    ["gzip", "GZip", "gzip;q=0.5", "gzip ; q=1.000", "x-gzip", "*", "br, *;q=0.1", "br;q=1, gzip"],
)
def test_gzip_accepted_as_rfc_9110_reads_accept_encoding(client, public_site, accept_encoding):
    visit(client, ABOUT)

    response = visit(client, ABOUT, **{"Accept-Encoding": accept_encoding})

    assert response["Content-Encoding"] == "gzip"


@pytest.mark.parametrize(
    "accept_encoding",
    [
        "gzip;q=0",  # gzip refused
        "gzip; q=0.000, br",
        "nogzip",  # a coding that is not gzip
        "gzipped",
        "identity",
        "br, deflate",
        "*;q=0",
        "gzip;q=0, *",  # refused by name, whatever the others
        "gzip;q=2",  # not a q-value: taken as a refusal
        "gzip;q=yes",
        "",
    ],
)
def test_a_client_that_refuses_gzip_gets_the_page_as_it_is(client, public_site, accept_encoding):
    plain = visit(client, ABOUT)

    response = visit(client, ABOUT, **{"Accept-Encoding": accept_encoding})

    assert cache_state(response) == "hit"
    assert "Content-Encoding" not in response
    assert response.content == plain.content
    assert "Accept-Encoding" in response["Vary"]


def test_a_page_not_cached_is_not_compressed_for_who_refuses_gzip(superuser_client, public_site):
    response = superuser_client.get(ABOUT, headers={"Accept-Encoding": "gzip;q=0, identity"})

    assert "Content-Encoding" not in response
    assert "Accept-Encoding" in response["Vary"]
    assert "<h1>À propos</h1>" in page_html(response)


def test_head_is_answered_from_the_cache(client, public_site):
    visit(client, ABOUT)

    response = client.head(ABOUT)

    assert response.status_code == 200
    assert cache_state(response) == "hit"


# What makes cached pages stale


def publish_new_title(page, title):
    page.title = title
    page.save_revision().publish()


def test_publishing_a_page_shows_its_new_version(client, public_site):
    visit(client, ABOUT)

    publish_new_title(public_site["about"], "Qui sommes-nous")

    response = visit(client, ABOUT)
    assert cache_state(response) == "miss"
    assert "<h1>Qui sommes-nous</h1>" in page_html(response)


def test_publishing_a_page_renews_the_other_pages_that_list_it(client, public_site):
    home = page_html(visit(client, "/fr/"))
    assert "Qui sommes-nous" not in home

    publish_new_title(public_site["about"], "Qui sommes-nous")

    # The main menu of every page names it.
    assert "Qui sommes-nous" in page_html(visit(client, "/fr/"))


def test_publishing_a_new_page_shows_it_in_the_menu(client, public_site):
    visit(client, "/fr/")

    StandardPageFactory(parent=public_site["home"], title="Nos services", slug="services")

    assert "Nos services" in page_html(visit(client, "/fr/"))


def test_unpublishing_a_page_removes_it(client, public_site):
    visit(client, ABOUT)

    public_site["about"].unpublish()

    assert client.get(ABOUT).status_code == 404


def test_deleting_a_page_removes_it(client, public_site):
    visit(client, ABOUT)

    public_site["about"].delete()

    assert client.get(ABOUT).status_code == 404


def test_moving_a_page_serves_it_at_its_new_address(client, public_site):
    visit(client, ABOUT)
    parent = StandardPageFactory(
        parent=public_site["home"], title="Organisation", slug="organisation"
    )

    public_site["about"].move(parent, pos="last-child")

    # Wagtail keeps a redirect from the old address.
    assert client.get(ABOUT).url == "/fr/organisation/a-propos/"
    assert "<h1>À propos</h1>" in page_html(visit(client, "/fr/organisation/a-propos/"))


def test_changing_the_site_settings_renews_every_page(client, public_site):
    assert "418 622-1001" in page_html(visit(client, ABOUT))

    site_settings = SiteSettings.objects.get()
    site_settings.phone_local = "418 555-0199"
    site_settings.save()

    html = page_html(visit(client, ABOUT))
    assert "418 555-0199" in html
    assert "418 622-1001" not in html


def test_publishing_a_translation_renews_the_translated_page(client, public_site, english):
    assert "<h1>About</h1>" in page_html(visit(client, "/en/about/"))

    publish_translation(public_site["about"], english, {"À propos": "About the Consortium"})

    assert "<h1>About the Consortium</h1>" in page_html(visit(client, "/en/about/"))


def test_scheduled_publishing_command_renews_the_pages(client, public_site):
    visit(client, "/fr/")
    page = StandardPageFactory(
        parent=public_site["home"], title="Publication prévue", slug="prevue", live=False
    )
    revision = page.save_revision()
    revision.approved_go_live_at = timezone.now() - timezone.timedelta(minutes=1)
    revision.save()
    # A page that is not live yet shows nowhere: the cached pages stay.
    assert cache_state(visit(client, "/fr/")) == "hit"
    assert "Publication prévue" not in page_html(visit(client, "/fr/"))

    call_command("publish_scheduled", stdout=None)

    # The home page's menu names the new page.
    assert "Publication prévue" in page_html(visit(client, "/fr/"))


@pytest.mark.parametrize("change", ["save", "delete"])
def test_changing_an_image_renews_the_pages(client, public_site, change):
    image = get_image_model().objects.create(title="Logo", file=get_test_image_file())
    visit(client, ABOUT)

    getattr(image, change)()

    assert cache_state(visit(client, ABOUT)) == "miss"


def test_a_message_sent_through_the_contact_form_keeps_the_cache(client, public_site):
    visit(client, ABOUT)

    ContactSubmission.objects.create(
        page=public_site["contact"],
        name="Ana",
        email="ana@example.org",
        subject="Bonjour",
        message="Une question.",
    )

    assert cache_state(visit(client, ABOUT)) == "hit"


# The generation: in the database, in each process, and a copy in the cache


def another_process_renews_the_generation():
    """What another worker or server does on a change: the row renewed and committed, without
    this process knowing."""
    PageCacheGeneration.objects.update(value=time.time_ns() + 5_000_000_000)


def test_a_hit_reads_no_database_within_a_second_of_the_last_read(
    client, public_site, settings, django_assert_num_queries
):
    settings.PAGE_CACHE_GENERATION_CHECK_SECONDS = 60
    visit(client, ABOUT)
    another_process_renews_the_generation()

    with django_assert_num_queries(0):
        response = visit(client, ABOUT)

    assert cache_state(response) == "hit"


def test_a_change_made_by_another_process_is_seen_at_the_next_read(client, public_site, settings):
    visit(client, ABOUT)
    settings.PAGE_CACHE_GENERATION_CHECK_SECONDS = 0  # The second since the last read is over.
    another_process_renews_the_generation()

    assert cache_state(visit(client, ABOUT)) == "miss"


def test_a_new_copy_in_the_cache_makes_the_process_read_the_row_at_once(
    client, public_site, settings
):
    """Another server committed a change and wrote the copy: no waiting for the next second."""
    settings.PAGE_CACHE_GENERATION_CHECK_SECONDS = 60
    visit(client, ABOUT)
    another_process_renews_the_generation()

    caching.page_cache().set(caching.GENERATION_KEY, generation.stored_value(), timeout=None)

    assert cache_state(visit(client, ABOUT)) == "miss"


def test_after_a_commit_the_cache_holds_the_databases_generation(
    client, public_site, django_capture_on_commit_callbacks
):
    visit(client, ABOUT)
    before = generation.stored_value()

    with django_capture_on_commit_callbacks(execute=True):
        publish_new_title(public_site["about"], "Qui sommes-nous")

    assert generation.stored_value() > before
    assert caching.page_cache().get(caching.GENERATION_KEY) == generation.stored_value()


def test_generations_only_grow_whatever_the_clock_says(public_site):
    PageCacheGeneration.objects.update(value=time.time_ns() + 3600 * 1_000_000_000)
    ahead = generation.stored_value()

    assert generation.renew() == ahead + 1


def test_a_restored_database_serves_no_page_cached_since(client, public_site):
    """A backup brings back an older generation: a page is served only at the current one."""
    visit(client, ABOUT)

    published_seconds_ago(3600)

    assert cache_state(visit(client, ABOUT)) == "miss"


def test_cached_pages_are_served_while_the_database_cannot_be_read(
    client, public_site, settings, monkeypatch
):
    """The generation read before is kept (and read again a second later)."""
    visit(client, ABOUT)
    settings.PAGE_CACHE_GENERATION_CHECK_SECONDS = 0

    def unreachable():
        raise DatabaseError("the database is restarting")

    monkeypatch.setattr(generation, "stored_value", unreachable)

    assert cache_state(visit(client, ABOUT)) == "hit"


def test_a_migration_renews_the_generation(public_site, autocommit):
    before = generation.stored_value()

    call_command("migrate", "web", verbosity=0)

    assert generation.stored_value() > before


# Its own cache


def test_the_page_cache_is_a_cache_of_its_own(client, public_site):
    cache.set("kept", "in the default cache")
    visit(client, ABOUT)

    caching.page_cache().clear()

    assert cache.get("kept") == "in the default cache"
    assert cache_state(visit(client, ABOUT)) == "miss"


def test_emptying_the_page_cache_logs_nobody_out(client, superuser, settings):
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cache"  # Sessions in `default`.
    client.force_login(superuser)
    assert client.get("/admin/").status_code == 200

    caching.page_cache().clear()

    assert client.get("/admin/").status_code == 200
    assert client.session[SESSION_KEY] == str(superuser.pk)


# The benchmark's measurement


def test_server_timing_header_counts_queries_when_benchmarking(client, public_site, settings):
    settings.MIDDLEWARE = ["web.caching.ServerTimingMiddleware", *settings.MIDDLEWARE]

    miss, hit = visit(client, ABOUT), visit(client, ABOUT)

    assert miss["Server-Timing"].startswith("app;dur=")
    queries = int(miss["Server-Timing"].split('desc="')[1].rstrip('"'))
    assert queries > 0
    assert hit["Server-Timing"].endswith('desc="0"')


def test_no_server_timing_header_outside_the_benchmark(client, public_site):
    assert "Server-Timing" not in visit(client, ABOUT)


# Compression of the pages that are not cached


def test_page_for_an_editor_is_compressed_too(superuser_client, public_site):
    response = superuser_client.get(ABOUT, headers={"Accept-Encoding": "gzip"})

    assert cache_state(response) is None
    assert response["Content-Encoding"] == "gzip"
    assert "<h1>À propos</h1>" in " ".join(gzip.decompress(response.content).decode().split())


def test_preview_made_without_a_visitors_cookies_is_the_draft(public_site):
    """Wagtail previews through a made-up request at the page's address: never the cached page."""
    client = Client(headers={"Host": "testserver"})  # as browsers send it, and as the preview's
    visit(client, ABOUT)
    about = StandardPage.objects.get(pk=public_site["about"].pk)
    about.title = "Brouillon jamais publié"

    preview = about.make_preview_request()

    assert "<h1>Brouillon jamais publié</h1>" in page_html(preview)
    assert cache_state(visit(client, ABOUT)) == "hit"
