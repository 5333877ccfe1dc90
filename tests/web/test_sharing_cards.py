"""Sharing cards: the 1200x630 image a social network shows with a link (home/sharing_cards.py).

Every address that reaches a card, or the title a card shows:
- a live, public page, `/fr/…/` and `/en/…/`: `og:image`, `twitter:image` (the card's address),
  `og:image:alt`, `twitter:image:alt` (its text: the page's title) and, on a report, the
  JSON-LD's "image";
- `/sharing-card/<page id>/<fingerprint>.png`: the card itself, for the current fingerprint of a
  live, public page of the site asked; every other id or fingerprint (a draft, a private page,
  another site's page, an earlier revision, unknown, huge or malformed parts) is a 404.
A preview, search results and error pages have no card (they share the logo, if any).
"""

import html as html_module
import io
import json
import re
from unittest import mock

import pytest
import wagtail_factories
from django.core.files.storage import default_storage
from PIL import Image, ImageDraw
from wagtail.models import Page, PageViewRestriction, Site

from cms.typography import typeset
from home import cover_art, sharing_card_drawing, sharing_cards
from home.models import HomePage, SiteSettings
from report.models import MessagePage, ReportYearPage
from tests.factories import HomePageFactory, SiteSettingsFactory, StandardPageFactory

pytestmark = pytest.mark.django_db

CARD_ADDRESS = re.compile(r"^http://testserver/sharing-card/(\d+)/([0-9a-f]{16})\.png$")
GREEN = (0, 200, 0)


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Cards and images in a folder of this test: a card stored by another run is never served."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def drawings():
    """Counts the cards drawn, and draws them."""
    with mock.patch("home.sharing_cards.draw_card", wraps=sharing_card_drawing.draw_card) as spy:
        yield spy


def head(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    html = response.content.decode()
    return html[: html.index("</head>")]


def meta(html, name):
    pattern = rf'<meta (?:property|name)="{re.escape(name)}"\s+content="([^"]*)"'
    return [html_module.unescape(value) for value in re.findall(pattern, html)]


def card_address(client, page_url):
    (address,) = meta(head(client, page_url), "og:image")
    assert CARD_ADDRESS.match(address), address
    return address


def card_path(address):
    return address.removeprefix("http://testserver")


def get_card(client, address, **headers):
    response = client.get(card_path(address), **headers)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    content = b"".join(response.streaming_content)
    assert int(response["Content-Length"]) == len(content)
    image = Image.open(io.BytesIO(content))
    assert image.format == "PNG"
    return response, image.convert("RGB")


def stored_cards(page):
    directory = f"{sharing_cards.CARD_DIRECTORY}/{page.pk}"
    if not default_storage.exists(directory):
        return []
    return sorted(default_storage.listdir(directory)[1])


def average_colour(image, box):
    region = image.crop(box).resize((1, 1), Image.Resampling.BOX)
    return region.getpixel((0, 0))


def white_pixels(image, box):
    return sum(image.crop(box).convert("L").histogram()[231:])


def current_card_path(page):
    """The card's address as the page's HTML would give it (even for a page with none)."""
    site_settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    page = Page.objects.get(pk=page.pk).specific
    return sharing_cards.SharingCard.for_page(page, site_settings, "fr").path


def colour_of(hex_value):
    return tuple(int(hex_value[index : index + 2], 16) for index in (1, 3, 5))


# A page of the site (public_site: home, about, contact in French and English)


def test_a_page_shares_its_card_with_size_and_text(client, public_site):
    html = head(client, "/fr/a-propos/")

    (address,) = meta(html, "og:image")
    assert CARD_ADDRESS.match(address)
    assert meta(html, "twitter:image") == [address]
    assert meta(html, "og:image:width") == ["1200"]
    assert meta(html, "og:image:height") == ["630"]
    assert meta(html, "twitter:card") == ["summary_large_image"]
    site_settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    alt = f"À propos – {typeset(site_settings.display_name, 'fr')}"
    assert meta(html, "og:image:alt") == [alt]
    assert meta(html, "twitter:image:alt") == [alt]


def test_the_card_is_a_1200_by_630_png_kept_a_year(client, public_site):
    response, image = get_card(client, card_address(client, "/fr/a-propos/"))

    assert image.size == (1200, 630)
    assert response["Cache-Control"] == "public, max-age=31536000, immutable"
    assert response["Cross-Origin-Resource-Policy"] == "cross-origin"
    # The organisation's colour fills it.
    assert image.getpixel((8, 8)) == colour_of("#0b5d7a")


def test_a_card_is_drawn_once_then_served_from_the_storage(client, public_site, drawings):
    address = card_address(client, "/fr/a-propos/")

    _response, first = get_card(client, address)
    _response, second = get_card(client, address)

    assert drawings.call_count == 1
    assert first.tobytes() == second.tobytes()
    assert stored_cards(public_site["about"]) == [f"{CARD_ADDRESS.match(address)[2]}.png"]


def test_the_page_cache_keeps_neither_the_card_nor_its_cache_control(
    client, public_site, page_cache_on
):
    address = card_address(client, "/fr/a-propos/")

    for _request in range(2):
        response, _image = get_card(client, address)

        assert response["Cache-Control"] == "public, max-age=31536000, immutable"
        assert "X-Page-Cache" not in response


def test_publishing_the_page_gives_a_new_card_and_the_old_one_is_gone(client, public_site):
    about = public_site["about"]
    old_address = card_address(client, "/fr/a-propos/")
    get_card(client, old_address)

    about.title = "Qui sommes-nous"
    about.save_revision().publish()
    new_address = card_address(client, "/fr/a-propos/")
    get_card(client, new_address)

    assert new_address != old_address
    # The old address would tell the old title: nobody gets it any more.
    assert client.get(card_path(old_address)).status_code == 404
    assert stored_cards(about) == [f"{CARD_ADDRESS.match(new_address)[2]}.png"]


def test_a_new_revision_with_the_same_title_changes_the_address(client, public_site):
    old_address = card_address(client, "/fr/a-propos/")

    public_site["about"].save_revision().publish()

    assert card_address(client, "/fr/a-propos/") != old_address
    assert client.get(card_path(old_address)).status_code == 404


def test_changing_the_brand_colour_changes_the_card(client, public_site):
    old_address = card_address(client, "/fr/a-propos/")
    site_settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    site_settings.brand_colour = "#5a2d82"
    site_settings.save()

    new_address = card_address(client, "/fr/a-propos/")
    _response, image = get_card(client, new_address)

    assert new_address != old_address
    assert image.getpixel((8, 8)) == colour_of("#5a2d82")
    assert client.get(card_path(old_address)).status_code == 404


def test_the_english_page_has_its_own_card(client, public_site):
    french = card_address(client, "/fr/a-propos/")
    english_html = head(client, "/en/about/")

    (english,) = meta(english_html, "og:image")
    assert english != french
    assert meta(english_html, "og:image:alt")[0].startswith("About – ")
    get_card(client, english)


def test_the_cover_image_fills_the_right_of_the_card(client, public_site):
    home = public_site["home"]
    _response, without_cover = get_card(client, card_address(client, "/fr/"))
    home.hero_image = wagtail_factories.ImageFactory(
        title="Accueil", file__width=800, file__height=600, file__color=GREEN
    )
    home.save_revision().publish()

    _response, with_cover = get_card(client, card_address(client, "/fr/"))

    image_box = (sharing_card_drawing.PANEL_WITH_COVER + 10, 10, 1190, 620)
    assert average_colour(with_cover, image_box) == GREEN
    assert average_colour(without_cover, image_box) != GREEN
    # The text stays on the coloured panel at the left.
    assert with_cover.getpixel((8, 8)) == colour_of("#0b5d7a")


def test_the_logo_is_on_the_card(client, public_site):
    site_settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    logo_box = (sharing_card_drawing.MARGIN + 20, sharing_card_drawing.MARGIN + 20, 200, 100)
    _response, without_logo = get_card(client, card_address(client, "/fr/a-propos/"))
    site_settings.logo = wagtail_factories.ImageFactory(
        title="Logo", file__width=400, file__height=120, file__color=GREEN
    )
    site_settings.save()

    _response, with_logo = get_card(client, card_address(client, "/fr/a-propos/"))

    assert average_colour(with_logo, logo_box) == GREEN
    assert average_colour(without_logo, logo_box) != GREEN


def test_a_title_with_french_accents_and_punctuation_is_drawn(client, public_site):
    about = public_site["about"]
    about.title = "L’été des « coopératives » : élan, fierté et entraide à Québec!"
    about.save_revision().publish()

    _response, image = get_card(client, card_address(client, "/fr/a-propos/"))

    title_area = (sharing_card_drawing.MARGIN, 150, 900, 450)
    assert white_pixels(image, title_area) > 5000


def test_accented_letters_and_french_punctuation_have_glyphs():
    """No empty box (the glyph of a missing character): Pillow's own font has no é."""
    for font_file in (sharing_card_drawing.BOLD_FONT, sharing_card_drawing.REGULAR_FONT):
        typeface = sharing_card_drawing.font(font_file, 48)
        missing = glyph(typeface, "\u4e2d")  # A character Inter does not have here.
        for character in "éèêàâçôîûùëïœÉÈÀÇŒ’«»–—…\u00a0\u2009":
            assert glyph(typeface, character) != missing, (font_file.name, character)


def glyph(typeface, character):
    image = Image.new("L", (100, 100))
    ImageDraw.Draw(image).text((20, 20), character, font=typeface, fill=255)
    return image.tobytes()


def test_a_long_title_is_cut_after_a_whole_word_with_an_ellipsis():
    title = "Le rapport des activités de coopération et de développement régional " * 4
    words = title.split()
    bold = sharing_card_drawing.BOLD_FONT

    size, lines = sharing_card_drawing.title_lines(title, 496, 400)

    assert size == min(sharing_card_drawing.TITLE_SIZES)
    assert len(lines) == 3
    assert lines[-1].endswith("…")
    assert all(word in words for word in " ".join(lines).removesuffix("…").split())
    typeface = sharing_card_drawing.font(bold, size)
    assert all(typeface.getlength(line) <= 496 for line in lines)


def test_a_short_title_is_drawn_large_on_one_line():
    size, lines = sharing_card_drawing.title_lines("Nous joindre", 840, 300)

    assert size == max(sharing_card_drawing.TITLE_SIZES)
    assert lines == ["Nous joindre"]


def test_french_no_break_spaces_hold_words_together():
    typeface = sharing_card_drawing.font(sharing_card_drawing.BOLD_FONT, 40)
    text = typeset("Pourquoi coopérer ? « Ensemble »", "fr")

    lines = sharing_card_drawing.wrapped(text, typeface, 230)

    assert not any(line.startswith(("?", "»")) for line in lines)


# What has no card, or whose card is not served


def test_a_draft_has_no_card(client, public_site, drawings):
    draft = StandardPageFactory(parent=public_site["home"], slug="brouillon", live=False)
    draft.save_revision()

    assert client.get(current_card_path(draft)).status_code == 404
    assert drawings.call_count == 0


def test_a_private_page_has_no_card(client, public_site, drawings):
    about = public_site["about"]
    path = current_card_path(about)
    PageViewRestriction.objects.create(page=about, restriction_type="password", password="x")

    assert client.get(path).status_code == 404
    assert drawings.call_count == 0


def test_a_page_under_a_private_page_has_no_card(client, public_site):
    child = StandardPageFactory(parent=public_site["about"], slug="equipe")
    PageViewRestriction.objects.create(
        page=public_site["about"], restriction_type="password", password="x"
    )

    assert client.get(current_card_path(child)).status_code == 404


def test_the_card_of_another_sites_page_is_served_only_on_that_site(client, public_site):
    other_home = HomePageFactory(parent=Page.get_first_root_node(), slug="autre-site")
    other_site = Site.objects.create(hostname="localhost", port=80, root_page=other_home)
    SiteSettingsFactory(site=other_site, organisation_name="Autre coopérative")
    page = StandardPageFactory(parent=other_home, slug="nouvelles")
    page = Page.objects.get(pk=page.pk).specific
    path = sharing_cards.SharingCard.for_page(page, SiteSettings.for_site(other_site), "fr").path

    assert client.get(path).status_code == 404
    assert client.get(path, HTTP_HOST="localhost").status_code == 200


@pytest.mark.parametrize(
    "path",
    [
        "/sharing-card/999999/0123456789abcdef.png",
        "/sharing-card/9999999999/0123456789abcdef.png",
        "/sharing-card/99999999999999999999999/0123456789abcdef.png",
        "/sharing-card/0/0123456789abcdef.png",
        "/sharing-card/1/0123456789ABCDEF.png",
        "/sharing-card/1/0123456789abcdef0.png",
        "/sharing-card/1/%00.png",
        "/sharing-card/abc/0123456789abcdef.png",
        "/sharing-card/1/../../etc/passwd.png",
        "/sharing-card/" + "9" * 5000 + "/x.png",
    ],
)
def test_unknown_or_malformed_addresses_are_not_found(client, public_site, path):
    assert client.get(path).status_code == 404


def test_an_unknown_fingerprint_is_not_found(client, public_site, drawings):
    about = public_site["about"]

    response = client.get(f"/sharing-card/{about.pk}/0123456789abcdef.png")

    assert response.status_code == 404
    assert drawings.call_count == 0


def test_a_card_is_only_read(client, public_site):
    path = current_card_path(public_site["about"])

    assert client.post(path).status_code == 405


def test_search_results_share_no_card(client, public_site):
    html = head(client, "/fr/recherche/?q=propos")

    assert meta(html, "og:image") == []
    assert meta(html, "twitter:card") == ["summary"]


# The demonstration site and report, in French and English


@pytest.fixture
def demo(demo_content, db):
    return {
        "report": ReportYearPage.objects.get(locale__language_code="fr"),
        "english report": ReportYearPage.objects.get(locale__language_code="en"),
    }


def report_graph(html):
    (block,) = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return {node["@type"]: node for node in json.loads(block)["@graph"]}


@pytest.mark.parametrize(
    ("language", "alt"),
    [
        ("fr", "Rapport annuel 2021-2022 – Consortium de ressources et d’expertises coopératives"),
        ("en", "Annual report 2021-2022 – Consortium de ressources et d’expertises coopératives"),
    ],
)
def test_the_demo_report_shares_its_card(client, demo, language, alt):
    report = demo["report" if language == "fr" else "english report"]
    html = head(client, report.url)

    (address,) = meta(html, "og:image")
    assert CARD_ADDRESS.match(address)[1] == str(report.pk)
    assert meta(html, "og:image:alt") == [alt]
    assert meta(html, "twitter:image") == [address]
    assert meta(html, "twitter:image:alt") == [alt]
    assert meta(html, "twitter:card") == ["summary_large_image"]
    assert report_graph(html)["Report"]["image"] == address
    _response, image = get_card(client, address)
    assert image.size == (1200, 630)


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_demo_home_and_message_share_their_cards(client, demo, language):
    home = HomePage.objects.get(locale__language_code=language)
    message = MessagePage.objects.filter(locale__language_code=language).live().first()

    home_html = head(client, home.url)
    message_html = head(client, message.url)

    # The home page is named after the organisation: its card says the name once.
    assert meta(home_html, "og:image:alt") == [typeset(home.title, language)]
    assert meta(message_html, "og:image:alt") == [
        f"{typeset(message.title, language)} – Consortium de ressources et d’expertises "
        "coopératives"
    ]
    for html, page in [(home_html, home), (message_html, message)]:
        (address,) = meta(html, "og:image")
        assert CARD_ADDRESS.match(address)[1] == str(page.pk)
        _response, image = get_card(client, address)
        assert image.size == (1200, 630)


def test_the_report_card_shows_its_cover(client, demo):
    report = demo["report"]
    _response, without_cover = get_card(client, card_address(client, report.url))
    report.cover_image = wagtail_factories.ImageFactory(
        title="Couverture", file__width=1000, file__height=1000, file__color=GREEN
    )
    report.save_revision().publish()

    _response, with_cover = get_card(client, card_address(client, report.url))

    image_box = (sharing_card_drawing.PANEL_WITH_COVER + 10, 10, 1190, 620)
    assert average_colour(with_cover, image_box) == GREEN
    assert average_colour(without_cover, image_box) != GREEN


def test_a_report_without_a_cover_image_shares_its_generated_cover(client, demo):
    """The card shows the composition that the report's page and PDF show (home/cover_art.py),
    in the site's colours: every tone of the year's tiles is painted in the cover's panel."""
    report = demo["report"]
    site_settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))

    _response, card = get_card(client, card_address(client, report.url))

    panel = card.crop((sharing_card_drawing.PANEL_WITH_COVER, 0, 1200, 630))
    painted = {"#{:02x}{:02x}{:02x}".format(*pixel) for _count, pixel in panel.getcolors(100_000)}
    colours = cover_art.palette(site_settings)
    tones = {colours[tile.tone] for tile in cover_art.composition(report.fiscal_year_start.year)}
    assert tones <= painted
    # The home page is not a report: its card keeps the rings, with no dark tone of the art.
    home = HomePage.objects.get(locale__language_code="fr")
    _response, home_card = get_card(client, card_address(client, home.url))
    home_colours = {"#{:02x}{:02x}{:02x}".format(*p) for _c, p in home_card.getcolors(100_000)}
    assert colours["dark"] not in home_colours
