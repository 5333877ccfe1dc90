"""The report's first view, measured in the browser: its cover (generated art in the site's
colours beside its words), the download at hand on a phone, the index's covers and figures.

With SCREENSHOT_DIR set (`make screenshots`), the README's screenshots are saved there: the report
on a desk and on a phone in French and English, the report index, and the PDF's cover.
"""

import os
import shutil
import subprocess
import urllib.request
from pathlib import Path

import pytest

from tests.browser.site_pages import PATHS, open_page

pytestmark = pytest.mark.browser


def save_screenshot(page, name, full_page=False):
    directory = os.environ.get("SCREENSHOT_DIR")
    if directory:
        page.evaluate("() => window.scrollTo(0, 0)")
        page.screenshot(
            path=str(Path(directory) / name), animations="disabled", full_page=full_page
        )


def save_pdf_cover(pdf_url):
    """The PDF's first page, with pdftoppm (Debian's poppler-utils) when it is installed."""
    directory = os.environ.get("SCREENSHOT_DIR")
    if not directory or not shutil.which("pdftoppm"):
        return
    with urllib.request.urlopen(pdf_url) as response:
        pdf = response.read()
    output = Path(directory) / "report-pdf-cover"
    command = ["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile", "-", output]
    subprocess.run(command, input=pdf, check=True)


@pytest.mark.parametrize("language", ["fr", "en"])
def test_on_a_desk_the_report_opens_on_its_cover_art_beside_its_words(
    desktop_page, site_url, language
):
    page = desktop_page
    open_page(page, site_url, "report", language)

    words = page.locator(".report-cover__text").bounding_box()
    art = page.locator(".report-cover__art").bounding_box()
    window = page.viewport_size

    assert art["x"] >= words["x"] + words["width"], (words, art)
    assert art["y"] + art["height"] <= window["height"], "the art is in the first view"
    assert art["width"] >= 300 and art["height"] >= 300, art
    save_screenshot(page, f"report-desktop-{language}.png")
    if language == "fr":
        save_pdf_cover(site_url + PATHS["report"]["fr"] + "pdf/")


@pytest.mark.parametrize("language", ["fr", "en"])
def test_on_a_phone_the_download_is_in_the_first_view(pages, site_url, language):
    page = pages["phone"]
    open_page(page, site_url, "report", language)

    download = page.locator(".report-downloads a").bounding_box()

    assert download["y"] + download["height"] <= page.viewport_size["height"], download
    save_screenshot(page, f"report-phone-{language}.png")


def test_the_index_shows_each_report_by_its_cover_and_figures(desktop_page, site_url):
    page = desktop_page
    open_page(page, site_url, "report-index", "fr")

    cover = page.locator(".report-entry__art").first.bounding_box()
    figure = page.locator(".headline-figure").first.bounding_box()

    assert cover["width"] > 200 and figure["y"] < page.viewport_size["height"], (cover, figure)
    save_screenshot(page, "report-index.png")
