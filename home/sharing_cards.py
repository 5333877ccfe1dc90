"""Sharing cards: the 1200x630 image that social networks show beside a link to a page.

Every live, public page has one (templates/includes/seo.html points `og:image` and
`twitter:image` to it): the page's title, a report's fiscal year, the organisation's name and
logo, in its colours, with the page's cover image (a report's cover, the home page's hero image)
when it has one (home/sharing_card_drawing.py draws it).

Its address, /sharing-card/<page id>/<fingerprint>.png, changes with what the card shows: the
fingerprint is a digest of the page's live revision, its title, language and fiscal year, the
site settings it uses (name, colours, logo), its cover image's file and focal point, and the
drawing's code and fonts. A card is drawn on its first request, kept in the default storage
(`sharing-cards/<page id>/<fingerprint>.png`, the page's older cards removed) and served from
there with a one-year, immutable `Cache-Control`: a card never changes at its address.
Publishing the page or changing the settings gives the page's HTML a new address (the page cache
makes the page again, web/caching.py), and the old one answers 404.

Only the card of a live page, outside any view restriction, on the site asked, at its current
fingerprint, is served: anything else (a draft, a private page, another site's page, an old
fingerprint that would tell an earlier title, an unknown or huge id) is a 404.
"""

import hashlib
import logging
import posixpath
from dataclasses import dataclass
from functools import cached_property

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.http import Http404, StreamingHttpResponse
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from django.views.decorators.http import require_safe
from PIL import Image
from wagtail.models import Page, Site

from cms.typography import typeset
from cms.visibility import public
from home import cover_art
from home.models import SiteSettings
from home.sharing_card_drawing import (
    COVER_SIZE,
    HEIGHT,
    WIDTH,
    CardColours,
    CardText,
    draw_card,
    drawing_digest,
)
from home.templatetags.brand_tags import colour_or_default

logger = logging.getLogger(__name__)

CARD_DIRECTORY = "sharing-cards"
# The page's own image, where its model has one: a report's cover, the home page's hero.
COVER_FIELDS = ("cover_image", "hero_image")
# Wagtail crops the cover around its focal point; PNG so that Pillow reads any source format.
COVER_FILTER = f"fill-{COVER_SIZE[0]}x{COVER_SIZE[1]}|format-png"
LOGO_FILTER = "max-560x160|format-png"
IMMUTABLE = "public, max-age=31536000, immutable"
# A card drawn without an image that could not be read: not kept, asked again soon.
INCOMPLETE = "public, max-age=300"
# Page ids are 32-bit integers in the database: a larger one is refused before any query.
LARGEST_PAGE_ID = 2**31 - 1


@dataclass
class SharingCard:
    page: Page
    language: str
    text: CardText
    colours: CardColours
    cover: object = None  # A Wagtail image, or None.
    logo: object = None
    # A report without a cover image shows its generated cover (home/cover_art.py), as its page
    # does: the year that chooses the composition. None for other pages.
    cover_art_year: int | None = None

    width = WIDTH
    height = HEIGHT

    @classmethod
    def for_page(cls, page, site_settings, language):
        """The card as the page and the settings are now, its text in `language`."""
        with translation.override(language):
            return cls(
                page=page,
                language=language,
                text=card_text(page, site_settings, language),
                colours=CardColours(
                    brand=colour_or_default(site_settings, "brand_colour"),
                    accent=colour_or_default(site_settings, "accent_colour"),
                ),
                cover=drawable_image(cover_image(page)),
                logo=drawable_image(site_settings.logo if site_settings.logo_id else None),
                cover_art_year=cover_art_year(page),
            )

    @cached_property
    def fingerprint(self):
        parts = [
            drawing_digest(),
            self.page.pk,
            self.page.live_revision_id,
            self.language,
            *vars(self.text).values(),
            *vars(self.colours).values(),
            image_signature(self.cover),
            image_signature(self.logo),
            self.cover_art_year,
        ]
        return hashlib.sha256("\x1f".join(map(str, parts)).encode()).hexdigest()[:16]

    @property
    def path(self):
        return reverse(
            "sharing_card", kwargs={"page_id": self.page.pk, "fingerprint": self.fingerprint}
        )

    @property
    def storage_name(self):
        return f"{CARD_DIRECTORY}/{self.page.pk}/{self.fingerprint}.png"

    @property
    def alt(self):
        """What the card shows, in words, in the active language."""
        if not self.text.organisation:  # The home page, named after the organisation.
            return self.text.title
        values = {"title": self.text.title, "organisation": self.text.organisation}
        if self.text.kicker and self.fiscal_year not in self.text.title:
            # Translators: the text of a report's sharing image whose title does not name its
            # year, e.g. "Bilan – Exercice 2021-2022 – Consortium …".
            return gettext("%(title)s – %(year)s – %(organisation)s") % {
                **values,
                "year": self.text.kicker,
            }
        # Translators: the text of a page's sharing image: its title and the organisation's
        # name, e.g. "Rapport annuel 2021-2022 – Consortium …".
        return gettext("%(title)s – %(organisation)s") % values

    @property
    def fiscal_year(self):
        return getattr(self.page, "fiscal_year_label", "")

    def draw(self):
        """(PNG bytes, whether every image was read): a card missing an image is not kept."""
        cover, logo = opened(self.cover, COVER_FILTER), opened(self.logo, LOGO_FILTER)
        complete = (cover is None) == (self.cover is None) and (logo is None) == (self.logo is None)
        if self.cover is None and self.cover_art_year is not None:
            art = cover_art.pillow_image(self.cover_art_year, self.colours, COVER_SIZE)
            return draw_card(self.text, self.colours, art, logo, cover_is_art=True), complete
        return draw_card(self.text, self.colours, cover=cover, logo=logo), complete


def card_text(page, site_settings, language):
    """The title and organisation set in the language's typography, as the page shows them."""
    title = typeset(page.title, language)
    organisation = typeset(site_settings.display_name, language)
    fiscal_year = getattr(page, "fiscal_year_label", "")
    kicker = gettext("Fiscal year %(year)s") % {"year": fiscal_year} if fiscal_year else ""
    # The home page is often named after the organisation: its name once is enough.
    return CardText(title, kicker, "" if organisation == title else organisation)


def cover_art_year(page):
    """The year of a report's generated cover, if the page is a report without a cover image."""
    start = getattr(page, "fiscal_year_start", None)
    if start is None or cover_image(page) is not None:
        return None
    return start.year


def cover_image(page):
    for field_name in COVER_FIELDS:
        if getattr(page, f"{field_name}_id", None):
            return getattr(page, field_name)
    return None


def drawable_image(image):
    """Pillow cannot draw an SVG: a card goes without it."""
    return None if image is None or image.is_svg() else image


def image_signature(image):
    """What the card takes from an image: its file and where its focal point is."""
    if image is None:
        return ""
    focal_point = (
        image.focal_point_x,
        image.focal_point_y,
        image.focal_point_width,
        image.focal_point_height,
    )
    return f"{image.pk}:{image.file.name}:{image.file_hash}:{focal_point}"


def opened(image, filter_spec):
    """The image's rendition as a Pillow image; None (logged) if it cannot be read."""
    if image is None:
        return None
    try:
        rendition = image.get_rendition(filter_spec)
        with rendition.file.open("rb") as file:
            picture = Image.open(file)
            picture.load()
        return picture
    except (OSError, ValueError, Image.DecompressionBombError):
        logger.warning("The sharing card goes without image %s: unreadable", image.pk)
        return None


# The card of a page, from its id


def current_card(request, page_id):
    """The card of a live, public page of the request's site, or None."""
    if page_id > LARGEST_PAGE_ID:
        return None
    site = Site.find_for_request(request)
    if site is None:
        return None
    page = public(Page.objects.live().filter(pk=page_id)).specific().first()
    if page is None or not is_on_site(page, site, request):
        return None
    return SharingCard.for_page(page, SiteSettings.for_site(site), page.locale.language_code)


def is_on_site(page, site, request):
    url_parts = page.get_url_parts(request)
    return url_parts is not None and url_parts[0] == site.pk


# Storage


def card_png(card):
    """(PNG bytes, whether to keep it a year): the stored card, drawn and stored first if new."""
    name = card.storage_name
    if default_storage.exists(name):
        with default_storage.open(name) as file:
            return file.read(), True
    png, complete = card.draw()
    if not complete:
        return png, False
    if not default_storage.exists(name):  # Not stored meanwhile by another request.
        saved = default_storage.save(name, ContentFile(png))
        if saved != name:
            default_storage.delete(saved)
        else:
            remove_older_cards(card.page.pk, keep=name)
    return png, True


def remove_older_cards(page_id, keep):
    """The page's cards of earlier revisions or settings are no longer served."""
    directory = f"{CARD_DIRECTORY}/{page_id}"
    try:
        _directories, files = default_storage.listdir(directory)
    except (NotImplementedError, OSError):
        return
    for file in files:
        if file != posixpath.basename(keep):
            try:
                default_storage.delete(f"{directory}/{file}")
            except OSError:
                logger.warning("Could not remove the old sharing card %s/%s", directory, file)


# The view


@require_safe
def serve_sharing_card(request, page_id, fingerprint):
    card = current_card(request, int(page_id))
    if card is None or card.fingerprint != fingerprint:
        raise Http404
    png, keep = card_png(card)
    # A stream, which the page cache never keeps (web/caching.py): it would answer with its
    # own one-minute Cache-Control, where a card never changes at its address.
    response = StreamingHttpResponse([png], content_type="image/png")
    response["Content-Length"] = str(len(png))
    response["Cache-Control"] = IMMUTABLE if keep else INCOMPLETE
    # Shown by other sites (the social networks' previews), unlike the site's other resources.
    response["Cross-Origin-Resource-Policy"] = "cross-origin"
    return response
