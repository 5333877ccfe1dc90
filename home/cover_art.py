"""The generated cover of a report that has no cover image: a composition of geometric tiles in
the organisation's colours (site settings), never a picture of anything.

Each report gets its own arrangement, chosen from its fiscal year, so that two years' covers
differ and a year's cover stays the same from one rendering to the next (the page, its PDF and
its sharing card show the same art). The tiles are plain shapes so that SVG (the page, the PDF)
and Pillow (the sharing card) draw them alike.
"""

import random
from dataclasses import dataclass

from PIL import Image, ImageDraw

from home.brand_colours import rgb_channels
from home.templatetags.brand_tags import colour_or_default

COLUMNS = 4
ROWS = 3
TILE = 100
# How often each shape is drawn: quarter and half discs carry the composition; a full square
# is rare, or the cover reads as a checkerboard.
SHAPE_WEIGHTS = {"quarter": 4, "half": 3, "circle": 2, "triangle": 2, "empty": 2, "square": 1}
# The accent is the organisation's second colour: drawn as often as the darker shade of the first.
TONES = {"accent": 3, "dark": 3, "light": 2}


@dataclass(frozen=True)
class Tile:
    shape: str
    tone: str
    column: int
    row: int
    # Quarter turns clockwise of the shape inside its tile (0 to 3).
    turns: int

    @property
    def x(self):
        return self.column * TILE

    @property
    def y(self):
        return self.row * TILE


def composition(year):
    """The tiles of `year`'s cover, left to right and top to bottom."""
    chooser = random.Random(f"cover-{year}")
    shapes = list(SHAPE_WEIGHTS)
    weights = list(SHAPE_WEIGHTS.values())
    tiles = []
    for row in range(ROWS):
        for column in range(COLUMNS):
            shape = chooser.choices(shapes, weights)[0]
            tone = chooser.choices(list(TONES), list(TONES.values()))[0]
            turns = chooser.randrange(4)
            if shape != "empty":
                tiles.append(Tile(shape, tone, column, row, turns))
    if not any(tile.tone == "accent" for tile in tiles) and tiles:
        # The accent colour is the organisation's second colour: a cover without it is not theirs.
        first = tiles[0]
        tiles[0] = Tile(first.shape, "accent", first.column, first.row, first.turns)
    return tiles


def mix(colour, other, share):
    """`colour` with `share` (0 to 1) of `other`, both #rrggbb."""
    channels = [
        round(own + (theirs - own) * share)
        for own, theirs in zip(rgb_channels(colour), rgb_channels(other), strict=True)
    ]
    return "#{:02x}{:02x}{:02x}".format(*channels)


def palette(site_settings):
    """The colours of the cover: the background and one per tone."""
    brand = colour_or_default(site_settings, "brand_colour")
    accent = colour_or_default(site_settings, "accent_colour")
    return colours_of(brand, accent)


def colours_of(brand, accent):
    return {
        "background": brand,
        "accent": accent,
        "dark": mix(brand, "#000000", 0.35),
        "light": mix(brand, "#ffffff", 0.78),
    }


def svg_path(tile):
    """The tile's outline as SVG path data, before its turns (drawn in a TILE-wide square)."""
    x, y, size = tile.x, tile.y, TILE
    half = size / 2
    if tile.shape == "square":
        return f"M{x} {y}h{size}v{size}h-{size}z"
    if tile.shape == "circle":
        return f"M{x} {y + half}a{half} {half} 0 1 0 {size} 0a{half} {half} 0 1 0 -{size} 0z"
    if tile.shape == "quarter":
        # A quarter disc centred on the tile's top left corner.
        return f"M{x} {y}h{size}a{size} {size} 0 0 1 -{size} {size}z"
    if tile.shape == "half":
        # A half disc hanging from the tile's top side.
        return f"M{x} {y}h{size}a{half} {half} 0 0 1 -{size} 0z"
    # "triangle": the tile's top left half.
    return f"M{x} {y}h{size}l-{size} {size}z"


def svg_shapes(year, site_settings):
    """What the cover's SVG template draws: (path data, fill, rotation transform) per tile."""
    colours = palette(site_settings)
    drawn = []
    for tile in composition(year):
        centre_x, centre_y = tile.x + TILE / 2, tile.y + TILE / 2
        rotation = f"rotate({tile.turns * 90} {centre_x:g} {centre_y:g})" if tile.turns else ""
        drawn.append({"path": svg_path(tile), "fill": colours[tile.tone], "transform": rotation})
    return {"background": colours["background"], "shapes": drawn}


def pillow_image(year, card_colours, size):
    """`year`'s cover as a Pillow image of `size` (the sharing card's cover panel), in the
    colours of `card_colours` (.brand, .accent)."""
    image = Image.new("RGB", size)
    colours = colours_of(card_colours.brand, card_colours.accent)
    pillow_draw(ImageDraw.Draw(image), year, colours, (0, 0, *size))
    return image


def pillow_draw(draw, year, colours, box):
    """Draw `year`'s cover on a Pillow ImageDraw inside `box` (left, top, right, bottom), scaled
    to cover it (the composition's 4:3 cropped to the box, centred), as the SVG's
    `preserveAspectRatio="xMidYMid slice"` does. `colours`: `palette()`'s."""
    left, top, right, bottom = box
    draw.rectangle(box, fill=colours["background"])
    scale = max((right - left) / (COLUMNS * TILE), (bottom - top) / (ROWS * TILE))
    offset_x = left + ((right - left) - COLUMNS * TILE * scale) / 2
    offset_y = top + ((bottom - top) - ROWS * TILE * scale) / 2
    size = TILE * scale
    for tile in composition(year):
        x0 = offset_x + tile.column * size
        y0 = offset_y + tile.row * size
        _draw_tile(draw, tile, (x0, y0, x0 + size, y0 + size), colours[tile.tone])


def _draw_tile(draw, tile, cell, fill):
    x0, y0, x1, y1 = cell
    size = x1 - x0
    turns = tile.turns % 4
    if tile.shape == "square":
        draw.rectangle(cell, fill=fill)
    elif tile.shape == "circle":
        draw.ellipse(cell, fill=fill)
    elif tile.shape == "quarter":
        # The corner the disc is centred on, turning clockwise from the top left.
        corners = [(x0, y0), (x1, y0), (x1, y1), (x0, y1)]
        centre_x, centre_y = corners[turns]
        start = (0, 90, 180, 270)[turns]
        bounds = (centre_x - size, centre_y - size, centre_x + size, centre_y + size)
        draw.pieslice(bounds, start, start + 90, fill=fill)
    elif tile.shape == "half":
        # The side the disc hangs from, turning clockwise from the top.
        half = size / 2
        centres = [(x0 + half, y0), (x1, y0 + half), (x0 + half, y1), (x0, y0 + half)]
        centre_x, centre_y = centres[turns]
        start = (0, 90, 180, 270)[turns]
        bounds = (centre_x - half, centre_y - half, centre_x + half, centre_y + half)
        draw.pieslice(bounds, start, start + 180, fill=fill)
    else:
        corners = [(x0, y0), (x1, y0), (x1, y1), (x0, y1)]
        # The right angle of the triangle, turning clockwise from the top left.
        draw.polygon(
            [corners[turns], corners[(turns + 1) % 4], corners[(turns + 3) % 4]], fill=fill
        )
