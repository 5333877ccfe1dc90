"""Writes home/fonts/: the typeface of the sharing cards (home/sharing_card_drawing.py).

The cards are drawn on the server with Pillow, which must find the same glyphs on every machine
with no system font installed. Pillow's own default font (Aileron) has no accented letters (é is
drawn as an empty box), so the project ships Inter, in two weights, from the npm package
@fontsource/inter (SIL Open Font License 1.1, copied to home/fonts/OFL.txt). That package splits
each weight into Unicode subsets; this script merges its Latin and Latin Extended subsets into one
WOFF file per weight (French, English and the names of most European languages), which
FreeType reads with zlib alone. Run it again to change the typeface or its version:

    cd /tmp && npm pack @fontsource/inter@5.3.0 && tar xzf fontsource-inter-5.3.0.tgz
    .venv/bin/python scripts/make_sharing_card_fonts.py /tmp/package

fontTools comes with WeasyPrint (the report's PDF).
"""

import shutil
import sys
import tempfile
from pathlib import Path

from fontTools.merge import Merger
from fontTools.ttLib import TTFont

PROJECT = Path(__file__).resolve().parent.parent
TARGET = PROJECT / "home" / "fonts"
WEIGHTS = {"regular": 400, "bold": 700}
SUBSETS = ("latin", "latin-ext")


def merged_weight(package, weight, work_directory):
    parts = []
    for subset in SUBSETS:
        font = TTFont(package / "files" / f"inter-{subset}-{weight}-normal.woff2")
        font.flavor = None  # The merger reads plain TrueType files.
        part = work_directory / f"{subset}-{weight}.ttf"
        font.save(part)
        parts.append(str(part))
    merged = Merger().merge(parts)
    merged.flavor = "woff"
    return merged


def main(package):
    TARGET.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as work_directory:
        for name, weight in WEIGHTS.items():
            merged_weight(package, weight, Path(work_directory)).save(TARGET / f"inter-{name}.woff")
    shutil.copyfile(package / "LICENSE", TARGET / "OFL.txt")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
