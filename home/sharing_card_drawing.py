"""The drawing of a sharing card: a 1200x630 PNG in the organisation's colours.

The organisation's primary colour fills the card, with a geometric motif in its accent colour
(circles and rings, nothing that looks like a photograph). When the page has a cover image, the
image fills the card's right part and the text stays on the coloured panel at its left. The text
is white: both colours have 4.5:1 against white (home/brand_colours.py). From top to bottom: the
logo on a white tile (when the settings have one), the fiscal year (a report), the page's title
(shrunk to fit, at most three lines, an ellipsis after the last whole word that fits) and the
organisation's name.

The typeface is Inter, shipped in home/fonts/ (scripts/make_sharing_card_fonts.py), laid out by
FreeType alone (Pillow's basic layout, not Raqm, which not every machine has): a card is drawn the
same everywhere, with no system font. `drawing_digest()` changes with this module and the fonts,
so that a card drawn differently gets a new address (home/sharing_cards.py).
"""

import functools
import hashlib
import io
import re
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont, ImageOps

WIDTH, HEIGHT = 1200, 630
MARGIN = 72
WHITE = (255, 255, 255)
FONT_DIRECTORY = Path(__file__).resolve().parent / "fonts"
BOLD_FONT = FONT_DIRECTORY / "inter-bold.woff"
REGULAR_FONT = FONT_DIRECTORY / "inter-regular.woff"

# With a cover, the panel of text is at the left and the image fills the rest.
PANEL_WITH_COVER = 640
COVER_SIZE = (WIDTH - PANEL_WITH_COVER, HEIGHT)
# Without a cover, the motif takes the bottom right of the card: the text stops before it.
TEXT_WIDTH_WITHOUT_COVER = 680

TITLE_SIZES = range(72, 39, -4)
TITLE_MAX_LINES = 3
TITLE_LINE_HEIGHT = 1.14
KICKER_SIZE = 30
ORGANISATION_SIZE = 28
ORGANISATION_MAX_LINES = 2
LOGO_BOX = (280, 80)
LOGO_PADDING = 14

ELLIPSIS = "…"
# The narrow no-break space that French typography puts before ; ! ? (cms/typography.py) is not
# in Inter: the thin space looks the same, and the lines are broken only at ordinary spaces.
MISSING_CHARACTERS = str.maketrans({"\u202f": "\u2009"})
BREAKABLE_SPACES = re.compile(r"[ \t\r\n]+")


@dataclass(frozen=True)
class CardText:
    title: str
    kicker: str = ""  # The fiscal year of a report.
    organisation: str = ""


@dataclass(frozen=True)
class CardColours:
    brand: str
    accent: str


@functools.cache
def drawing_digest():
    """A digest of how cards are drawn: this module's code, the reports' generated covers
    (home/cover_art.py) and the fonts."""
    digest = hashlib.sha256(Path(__file__).read_bytes())
    digest.update((Path(__file__).parent / "cover_art.py").read_bytes())
    for font in (BOLD_FONT, REGULAR_FONT):
        digest.update(font.read_bytes())
    return digest.hexdigest()


@functools.lru_cache(maxsize=32)
def font(path, size):
    return ImageFont.truetype(str(path), size, layout_engine=ImageFont.Layout.BASIC)


def draw_card(text, colours, cover=None, logo=None, cover_is_art=False):
    """The card as PNG bytes. `cover` and `logo` are Pillow images (or None); `cover_is_art`:
    the cover is a report's generated composition, already a motif of its own."""
    card = Image.new("RGB", (WIDTH, HEIGHT), colours.brand)
    draw = ImageDraw.Draw(card)
    if cover is not None:
        if not cover_is_art:
            draw_motif_beside_cover(draw, colours.accent)
        card.paste(ImageOps.fit(cover.convert("RGB"), COVER_SIZE), (PANEL_WITH_COVER, 0))
        text_width = PANEL_WITH_COVER - 2 * MARGIN
    else:
        draw_motif(draw, colours)
        text_width = TEXT_WIDTH_WITHOUT_COVER
    top = MARGIN
    if logo is not None:
        top = paste_logo(card, logo) + 40
    bottom = HEIGHT - MARGIN
    if text.organisation:
        bottom = draw_organisation(draw, text.organisation, text_width, bottom) - 40
    draw_title_block(draw, text, text_width, top, bottom)
    output = io.BytesIO()
    card.save(output, "PNG", optimize=True)
    return output.getvalue()


# The motif


def draw_motif(draw, colours):
    """An accent disc in the bottom right corner with rings around it, clear of the text."""
    for ring in (300, 370, 440):
        draw.ellipse(circle(WIDTH, HEIGHT, ring), outline=colours.accent, width=14)
    draw.ellipse(circle(WIDTH, HEIGHT, 230), fill=colours.accent)
    # A small disc at the top right balances the large one.
    draw.ellipse(circle(1092, 108, 34), fill=colours.accent)


def draw_motif_beside_cover(draw, accent):
    """An accent band along the image, and rings leaving the panel at its top right."""
    for ring in (120, 180, 240):
        draw.ellipse(circle(PANEL_WITH_COVER, 0, ring), outline=accent, width=12)
    draw.rectangle((PANEL_WITH_COVER - 16, 0, PANEL_WITH_COVER, HEIGHT), fill=accent)


def circle(centre_x, centre_y, radius):
    return (centre_x - radius, centre_y - radius, centre_x + radius, centre_y + radius)


# The logo


def paste_logo(card, logo):
    """The logo at the top left on a white tile (a logo is drawn for a white page); returns
    the tile's bottom."""
    logo = ImageOps.contain(logo.convert("RGBA"), LOGO_BOX)
    tile = (
        MARGIN,
        MARGIN,
        MARGIN + logo.width + 2 * LOGO_PADDING,
        MARGIN + logo.height + 2 * LOGO_PADDING,
    )
    ImageDraw.Draw(card).rounded_rectangle(tile, radius=12, fill=WHITE)
    card.paste(logo, (MARGIN + LOGO_PADDING, MARGIN + LOGO_PADDING), logo)
    return tile[3]


# The text


def draw_organisation(draw, name, width, bottom):
    """The organisation's name above `bottom`, in at most two lines; returns its top."""
    typeface = font(REGULAR_FONT, ORGANISATION_SIZE)
    lines = fit_lines(name, typeface, width, ORGANISATION_MAX_LINES)
    line_height = round(ORGANISATION_SIZE * 1.3)
    top = bottom - line_height * len(lines)
    for number, line in enumerate(lines):
        draw.text((MARGIN, top + number * line_height), line, font=typeface, fill=WHITE)
    return top


def draw_title_block(draw, text, width, top, bottom):
    """The kicker and the title, centred between `top` and `bottom`."""
    kicker_height = round(KICKER_SIZE * 1.6) if text.kicker else 0
    size, lines = title_lines(text.title, width, bottom - top - kicker_height)
    line_height = round(size * TITLE_LINE_HEIGHT)
    y = top + max(0, (bottom - top - kicker_height - line_height * len(lines)) // 2)
    if text.kicker:
        kicker_font = font(REGULAR_FONT, KICKER_SIZE)
        kicker = fit_lines(text.kicker, kicker_font, width, 1)[0]
        draw.text((MARGIN, y), kicker, font=kicker_font, fill=WHITE)
        y += kicker_height
    title_font = font(BOLD_FONT, size)
    for number, line in enumerate(lines):
        draw.text((MARGIN, y + number * line_height), line, font=title_font, fill=WHITE)


def title_lines(title, width, height):
    """(font size, lines): the largest size at which the title fits in three lines and the
    height; the smallest size, with an ellipsis, for a title too long for that."""
    for size in TITLE_SIZES:
        typeface = font(BOLD_FONT, size)
        lines = wrapped(title, typeface, width)
        fits_height = len(lines) * round(size * TITLE_LINE_HEIGHT) <= height
        if len(lines) <= TITLE_MAX_LINES and fits_height:
            return size, lines
    size = TITLE_SIZES[-1]
    return size, fit_lines(title, font(BOLD_FONT, size), width, TITLE_MAX_LINES)


def fit_lines(text, typeface, width, max_lines):
    """`text` in at most `max_lines` lines of `width`, the last ending in an ellipsis if the
    text goes on."""
    lines = wrapped(text, typeface, width)
    if len(lines) <= max_lines:
        return lines
    kept = lines[: max_lines - 1]
    return [*kept, with_ellipsis(lines[max_lines - 1], typeface, width)]


def wrapped(text, typeface, width):
    """The words of `text` in lines no wider than `width`, broken at ordinary spaces only (the
    no-break spaces of typography hold); a word wider than a line alone is cut."""
    words = [word for word in BREAKABLE_SPACES.split(drawable(text)) if word]
    lines = []
    current = ""
    for word in words:
        candidate = f"{current} {word}" if current else word
        if typeface.getlength(candidate) <= width:
            current = candidate
            continue
        if current:
            lines.append(current)
        pieces = cut_word(word, typeface, width)
        lines.extend(pieces[:-1])
        current = pieces[-1]
    if current:
        lines.append(current)
    return lines or [""]


def cut_word(word, typeface, width):
    """A word too wide for a line, cut where it must be (one piece if it fits)."""
    pieces = []
    while typeface.getlength(word) > width and len(word) > 1:
        end = len(word) - 1
        while end > 1 and typeface.getlength(word[:end]) > width:
            end -= 1
        pieces.append(word[:end])
        word = word[end:]
    return [*pieces, word]


def with_ellipsis(line, typeface, width):
    """The line's first words that fit with an ellipsis after them, without the punctuation
    that would precede it; a single word too long is cut."""
    words = line.split(" ")
    while len(words) > 1 and typeface.getlength(joined_with_ellipsis(words)) > width:
        words.pop()
    shortened = joined_with_ellipsis(words)
    while len(shortened) > 1 and typeface.getlength(shortened) > width:
        shortened = shortened[:-2] + ELLIPSIS
    return shortened


def joined_with_ellipsis(words):
    return " ".join(words).rstrip(" ,;:.–—-\u00a0\u2009") + ELLIPSIS


def drawable(text):
    return text.translate(MISSING_CHARACTERS)
