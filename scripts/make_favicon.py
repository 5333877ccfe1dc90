"""Writes web/root_files/favicon.ico from the drawing of static/images/favicon.svg.

Browsers and crawlers ask /favicon.ico before reading a page's `<link rel="icon">` (the SVG);
Pillow cannot read SVG, so the same two shapes (a rounded square, an open ring) are drawn here,
four times larger and reduced, at the sizes an ICO holds. Run it after changing the SVG:
`.venv/bin/python scripts/make_favicon.py`.
"""

import math
from pathlib import Path

from PIL import Image, ImageDraw

PROJECT = Path(__file__).resolve().parent.parent
TARGET = PROJECT / "web" / "root_files" / "favicon.ico"
# As in favicon.svg: viewBox 32, rx 6, fill #0b5d7a; the ring: radius 7.5 around (16, 16),
# open on the right (from 10.6 to 21.4: about ±46°), stroke 3.4, white.
BACKGROUND = "#0b5d7a"
SCALE = 16  # drawn at 512 px
SIZES = [(16, 16), (32, 32), (48, 48)]


def drawing():
    size = 32 * SCALE
    image = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle((0, 0, size - 1, size - 1), radius=6 * SCALE, fill=BACKGROUND)
    radius, stroke = 7.5 * SCALE, 3.4 * SCALE
    centre = 16 * SCALE
    # Pillow draws a wide arc inside its box: the box reaches half a stroke beyond the ring.
    outer = radius + stroke / 2
    box = (centre - outer, centre - outer, centre + outer, centre + outer)
    draw.arc(box, start=46, end=314, fill="white", width=round(stroke))
    for angle in (46, 314):  # the stroke's round caps
        x = centre + radius * math.cos(math.radians(angle))
        y = centre + radius * math.sin(math.radians(angle))
        cap = stroke / 2
        draw.ellipse((x - cap, y - cap, x + cap, y + cap), fill="white")
    return image


def main():
    TARGET.parent.mkdir(parents=True, exist_ok=True)
    drawing().save(TARGET, sizes=SIZES)
    print(f"Wrote {TARGET.relative_to(PROJECT)} ({TARGET.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
