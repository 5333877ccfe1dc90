"""The report's PDF for anonymous visitors: made once, then served from the page cache like a
static file (no query, no rendering, not compressed again), and made anew when republished."""

from unittest import mock

import pytest
from django.core.cache import cache
from wagtail.contrib.frontend_cache.backends.base import BaseBackend

from report import pdf

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache(settings, tmp_path):
    settings.PAGE_CACHE_ENABLED = True
    settings.PAGE_CACHE_STAMP_FILE = tmp_path / "page-cache.stamp"
    settings.MEDIA_ROOT = tmp_path / "media"
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def render_pdf():
    with mock.patch("report.pdf.render_pdf", wraps=pdf.render_pdf) as spy:
        yield spy


def get_pdf(client, report):
    response = client.get(f"{report.url}pdf/", headers={"Accept-Encoding": "gzip"})
    assert response.status_code == 200
    return response, b"".join(response) if response.streaming else response.content


def test_cached_pdf_is_served_without_a_query_nor_rendering(
    client, report, render_pdf, django_assert_num_queries
):
    first, made = get_pdf(client, report)
    with django_assert_num_queries(0):
        second, served = get_pdf(client, report)

    assert served == made and made.startswith(b"%PDF")
    assert render_pdf.call_count == 1
    assert (first["X-Page-Cache"], second["X-Page-Cache"]) == ("miss", "hit")
    assert second["Content-Type"] == "application/pdf"
    assert second["Content-Disposition"] == first["Content-Disposition"]
    assert "Content-Encoding" not in second
    assert int(second["Content-Length"]) == len(served)


def test_republished_report_gets_a_new_pdf(client, report, render_pdf):
    get_pdf(client, report)

    report.theme = "Un thème republié"
    report.save_revision().publish()
    response, _content = get_pdf(client, report)

    assert response["X-Page-Cache"] == "miss"
    assert render_pdf.call_count == 2


class RecordingBackend(BaseBackend):
    purged = []

    def purge(self, url):
        self.purged.append(url)


def test_cdn_is_purged_of_the_report_and_its_pdf_when_it_is_republished(
    report, settings, django_capture_on_commit_callbacks
):
    settings.WAGTAILFRONTENDCACHE = {"recording": {"BACKEND": f"{__name__}.RecordingBackend"}}
    RecordingBackend.purged.clear()

    with django_capture_on_commit_callbacks(execute=True):
        report.save_revision().publish()

    report_url = report.get_full_url()
    assert {report_url, f"{report_url}pdf/"} <= set(RecordingBackend.purged)


def test_pdf_is_not_compressed_again_when_not_cached(client, report, settings):
    settings.PAGE_CACHE_ENABLED = False

    response, content = get_pdf(client, report)

    assert "Content-Encoding" not in response
    assert content.startswith(b"%PDF")
