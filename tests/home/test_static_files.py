"""Static files as production serves them: collected, fingerprinted, compressed, cached for ever.

The test settings serve static files straight from the apps; these tests switch to the
production storage, run collectstatic into a temporary directory and ask whitenoise.
"""

import re

import pytest
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.management import call_command
from django.http import HttpResponseNotFound
from django.test import RequestFactory
from whitenoise.middleware import WhiteNoiseMiddleware

FOREVER = "max-age=315360000, public, immutable"
HASHED_NAME = re.compile(r"\.[0-9a-f]{12}\.(css|js|svg)$")


@pytest.fixture
def collected_static(settings, tmp_path):
    """The project's static files collected as in production (the apps' own, such as the
    admin's, are left out: they take a minute and are not what the public pages load)."""
    settings.STATIC_ROOT = tmp_path
    settings.STATICFILES_FINDERS = ["django.contrib.staticfiles.finders.FileSystemFinder"]
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    settings.WHITENOISE_USE_FINDERS = False
    settings.WHITENOISE_AUTOREFRESH = False
    call_command("collectstatic", interactive=False, verbosity=0)
    return tmp_path


def served_by_whitenoise(path, accept_encoding=""):
    middleware = WhiteNoiseMiddleware(lambda request: HttpResponseNotFound())
    request = RequestFactory().get(path, HTTP_ACCEPT_ENCODING=accept_encoding)
    return middleware(request)


@pytest.mark.parametrize("name", ["css/site.css", "js/report-nav.js"])
def test_collectstatic_fingerprints_and_compresses_each_file(collected_static, name):
    hashed_path = staticfiles_storage.url(name)
    hashed_name = hashed_path.removeprefix("/static/")

    assert HASHED_NAME.search(hashed_name), hashed_path
    for suffix in ["", ".br", ".gz"]:
        assert (collected_static / f"{hashed_name}{suffix}").is_file(), f"{hashed_name}{suffix}"


@pytest.mark.parametrize(
    ("accept_encoding", "content_encoding"), [("gzip, deflate, br", "br"), ("gzip", "gzip")]
)
def test_fingerprinted_file_is_served_compressed_and_cached_for_ever(
    collected_static, accept_encoding, content_encoding
):
    response = served_by_whitenoise(staticfiles_storage.url("css/site.css"), accept_encoding)

    assert response.status_code == 200
    assert response["Cache-Control"] == FOREVER
    assert response["Content-Encoding"] == content_encoding
    assert "Accept-Encoding" in response["Vary"]
    assert response["Content-Type"].startswith("text/css")


def test_unfingerprinted_name_is_not_cached_for_ever(collected_static):
    """Its content changes with the next release under the same name."""
    response = served_by_whitenoise("/static/css/site.css", "br")

    assert response.status_code == 200
    assert "immutable" not in response["Cache-Control"]


def test_public_pages_link_the_fingerprinted_files(collected_static, client, public_site):
    """A {% static %} name missing from the manifest would be a 500 in production."""
    html = client.get("/fr/").content.decode()

    stylesheets = re.findall(r'<link rel="stylesheet" href="([^"]+)"', html)
    # Without an icon, browsers ask for /favicon.ico: a 404 in the console, on every page.
    icons = re.findall(r'<link rel="icon"\s+href="([^"]+)"', html)
    assert stylesheets and len(icons) == 1
    for href in stylesheets + icons:
        assert HASHED_NAME.search(href), href
        assert served_by_whitenoise(href, "br")["Cache-Control"] == FOREVER
