"""Refuse a handout whose pictures would take too long or too much memory to render.

Why a budget per handout, on top of the per-file caps in ``handouts.images``:
one handout must never take more than 10 s or 1 GiB, whatever a shared library
holds.  Each file is capped (2 MB / 20,000 elements per SVG, a declared-size cap per
photo), but forty exercises with four maximal pictures each would still take
minutes (svglib converts a 20,000-element SVG in about 4.5 s; Pillow decodes a
40-megapixel PNG in about 0.9 s).  So the pictures one handout uses are added
up from cheap facts (an element count, an image header) before any of them is
converted.  Text is bounded by the plan model (``MAX_PLAN_TEXT``).  The largest
handout these limits allow is timed by ``bench/worst_case.py``.
"""

from __future__ import annotations

from pathlib import Path

from reportlab.lib.units import mm

from handouts.cache import cached
from handouts.compose.handout import Handout
from handouts.errors import HandoutError
from handouts.images.raster import decode_cost
from handouts.images.svg import MAX_SVG_BYTES as MAX_SVG_FILE_BYTES
from handouts.render.page import LOGO_HEIGHT

MAX_PICTURES = 60  # distinct picture files in one handout
MAX_SVG_ELEMENTS = 20_000  # all distinct SVG files together: one maximal file
# All distinct photos together, in megapixels of decoding work for print
# (``images.raster.decode_cost``): a PNG or WebP counts its pixels; a JPEG,
# decoded straight at a reduced size (``draft``), counts the pixels it is decoded
# to plus an eighth of its declared size (the entropy decoding every JPEG needs).
# Nine 12-megapixel phone photos count about 40; two 200-megapixel ones about 56.
MAX_MEGAPIXELS = 60
# The largest box a picture is drawn in: a card's picture (stacked, large print)
# and the header's logo.  Counting the largest keeps the budget an upper bound.
_PICTURE_BOX = (180 * mm, 120 * mm)
_LOGO_BOX = (40 * mm, LOGO_HEIGHT)


def check_budget(handout: Handout) -> None:
    """Raise ``HandoutError`` if the handout's pictures exceed the budget (see module doc)."""
    paths = list(dict.fromkeys([handout.brand.logo, *_illustrations(handout)]))
    if len(paths) > MAX_PICTURES:
        raise HandoutError(
            f"this handout uses {len(paths)} different pictures; the limit is {MAX_PICTURES}"
        )
    elements = sum(_elements(p) for p in paths if p.suffix.lower() == ".svg")
    if elements > MAX_SVG_ELEMENTS:
        raise HandoutError(
            f"the SVG pictures in this handout have {elements:,} elements together; "
            f"the limit is {MAX_SVG_ELEMENTS:,} (use simpler drawings)"
        )
    photos = [p for p in paths if p.suffix.lower() != ".svg"]
    box = dict.fromkeys(photos, _PICTURE_BOX) | {handout.brand.logo: _LOGO_BOX}
    pixels = sum(decode_cost(p, *box[p]) for p in photos)
    if pixels > MAX_MEGAPIXELS * 1_000_000:
        raise HandoutError(
            f"the photos in this handout add up to {pixels / 1e6:.0f} megapixels "
            f"to decode for print; the limit is {MAX_MEGAPIXELS} (use smaller photos)"
        )


def _illustrations(handout: Handout) -> list[Path]:
    return [path for card in handout.cards for path in card.illustrations]


def _elements(path: Path) -> int:
    """How many elements an SVG has, counted by a streaming parse (no DTD, no entities).

    Counting stops just past the budget; a file that does not parse counts as 0,
    because its loader rejects it with a message naming the file.  Kept in the disk
    cache (``handouts.cache``) while the file is unchanged, like its drawing.
    """
    # The limit is in the key: counting stops just past it.
    key = f"{path.resolve()}\0{MAX_SVG_ELEMENTS}"
    return cached("svg-elements", key, lambda: (_count(path, MAX_SVG_ELEMENTS), [path]))


def _count(path: Path, limit: int) -> int:
    from lxml import etree  # type: ignore[import-untyped]  # ~30 ms, only on a cache miss

    count = 0
    try:
        if not path.is_file() or path.stat().st_size > MAX_SVG_FILE_BYTES:
            return 0
        # Why our own file handle: stopping early leaves iterparse's own file open.
        with path.open("rb") as stream:
            events = etree.iterparse(
                stream,
                events=("start",),
                resolve_entities=False,
                no_network=True,
                load_dtd=False,
                huge_tree=False,
            )
            for _ in events:
                count += 1
                if count > limit:
                    break
    except (OSError, etree.XMLSyntaxError):
        return 0
    return count
