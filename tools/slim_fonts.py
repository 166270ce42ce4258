"""Make the bundled "Handout Sans" fonts: DejaVu Sans, slimmed once, at build time.

    pip install fonttools
    python tools/slim_fonts.py [--source /usr/share/fonts/truetype/dejavu]

Why: ReportLab embeds a subset of each font in every PDF, but copies the font's
hinting programs (fpgm, prep, cvt, per-glyph instructions) and its whole name
table (DejaVu's holds the full licence) into each subset.  Paper does not need
hinting, so dropping it here, once, makes every handout smaller.  Every character
of DejaVu Sans is kept (Latin, Greek, Cyrillic, Arabic presentation forms, Hebrew,
symbols); ReportLab subsets it per document as before.  OpenType layout tables
go: ReportLab does not apply them (Arabic is shaped before it reaches ReportLab).

Licence: DejaVu's Bitstream Vera licence allows modified fonts only under a name
without "Bitstream" or "Vera", so the family is renamed "Handout Sans"; the
copyright and trademark notices stay in the font, and assets/fonts/LICENSE-DejaVu.txt
ships beside it (with a note on this modification).

Source: DejaVu Sans 2.37, e.g. Debian's fonts-dejavu-core (the default folder).
fontTools is only needed to run this script, so it is not a project dependency.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont

OUT = Path(__file__).resolve().parent.parent / "assets" / "fonts"
FAMILY = "Handout Sans"

# source file -> (output file, subfamily name)
FACES = {
    "DejaVuSans.ttf": ("HandoutSans.ttf", "Book"),
    "DejaVuSans-Bold.ttf": ("HandoutSans-Bold.ttf", "Bold"),
    "DejaVuSans-Oblique.ttf": ("HandoutSans-Oblique.ttf", "Oblique"),
    "DejaVuSans-BoldOblique.ttf": ("HandoutSans-BoldOblique.ttf", "Bold Oblique"),
}

# Name records kept: 0 copyright, 1-2 family/subfamily, 3 unique id, 4 full name,
# 5 version, 6 PostScript name, 7 trademark.  Dropped: the long licence text (13),
# its URL (14) and the rest; the licence ships as a file beside the fonts.
NAME_IDS = [0, 1, 2, 3, 4, 5, 6, 7]


def slim(source: Path, target: Path, style: str) -> None:
    """Write ``source`` to ``target`` without hinting and extra tables, renamed."""
    options = subset.Options()
    options.hinting = False
    options.layout_features = []
    options.drop_tables += ["GSUB", "GPOS", "GDEF", "kern", "FFTM", "gasp", "hdmx", "LTSH", "MATH"]
    options.name_IDs = NAME_IDS
    options.name_languages = [0x409]
    options.name_legacy = False
    options.glyph_names = False
    options.notdef_outline = True
    font = TTFont(source)
    subsetter = subset.Subsetter(options)
    # Every character the font maps: the fallback chain (render/script.py) reads
    # coverage from the cmap, and Arabic arrives as presentation forms that are in it.
    subsetter.populate(unicodes=font.getBestCmap().keys())
    subsetter.subset(font)
    rename(font, style)
    font.save(target)


def rename(font: TTFont, style: str) -> None:
    """Give the font the "Handout Sans" names required of a modified Vera/DejaVu font."""
    name = font["name"]
    postscript = f"HandoutSans-{style.replace(' ', '')}" if style != "Book" else "HandoutSans"
    version = name.getDebugName(5) or "Version 2.37"
    names = {
        1: FAMILY,
        2: style,
        3: f"{postscript}; slimmed from DejaVu Sans 2.37",
        4: f"{FAMILY} {style}" if style != "Book" else FAMILY,
        5: f"{version}; hinting removed",
        6: postscript,
    }
    for record in list(name.names):
        if record.nameID in names:
            name.removeNames(nameID=record.nameID)
    for name_id, text in names.items():
        name.setName(text, name_id, 3, 1, 0x409)
    leftover = [r.toUnicode() for r in name.names if r.nameID in (1, 3, 4, 6, 16, 17)]
    assert not any("Vera" in t or "Bitstream" in t for t in leftover), leftover


def main() -> None:
    """Slim every face from ``--source`` into assets/fonts."""
    parser = argparse.ArgumentParser(description="Slim DejaVu Sans into Handout Sans.")
    parser.add_argument("--source", type=Path, default=Path("/usr/share/fonts/truetype/dejavu"))
    source = parser.parse_args().source
    for filename, (target, style) in FACES.items():
        slim(source / filename, OUT / target, style)
        before, after = (source / filename).stat().st_size, (OUT / target).stat().st_size
        print(f"{target}: {before // 1024} KB -> {after // 1024} KB")


if __name__ == "__main__":
    main()
