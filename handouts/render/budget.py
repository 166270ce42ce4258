"""Refuse a handout whose pictures would take too long or too much memory to render.

Why a budget per handout, on top of the per-file caps in ``handouts.images``:
one handout must never take more than 10 s or 1 GiB, whatever a shared library
holds.  Each file is capped (2 MB / 20,000 elements per SVG, 40 megapixels per
photo), but forty exercises with four maximal pictures each would still take
minutes (svglib converts a 20,000-element SVG in about 4.5 s; Pillow decodes a
40-megapixel PNG in about 0.9 s).  So the pictures one handout uses are added
up from cheap facts (an element count, an image header) before any of them is
converted.  Text is bounded by the plan model (``MAX_PLAN_TEXT``).  The largest
handout these limits allow is timed by ``bench/worst_case.py``.
"""

from __future__ import annotations

import warnings
from pathlib import Path

from lxml import etree  # type: ignore[import-untyped]
from PIL import Image

from handouts.compose.handout import Handout
from handouts.errors import HandoutError
from handouts.images.svg import MAX_SVG_BYTES as MAX_SVG_FILE_BYTES

MAX_PICTURES = 60  # distinct picture files in one handout
MAX_SVG_ELEMENTS = 20_000  # all distinct SVG files together: one maximal file
# All distinct photos together, in megapixels of full decoding.  A JPEG counts a
# quarter: Pillow decodes it straight at a reduced size (``draft``), about four
# times faster than a PNG or WebP of the same size.  Nine 12-megapixel phone
# photos (JPEG) count 27.
MAX_MEGAPIXELS = 60
_JPEG_WEIGHT = 0.25


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
    pixels = sum(_pixels(p) for p in paths if p.suffix.lower() != ".svg")
    if pixels > MAX_MEGAPIXELS * 1_000_000:
        raise HandoutError(
            f"the photos in this handout add up to {pixels / 1e6:.0f} megapixels "
            f"(JPEG counts a quarter); the limit is {MAX_MEGAPIXELS} (use smaller photos)"
        )


def _illustrations(handout: Handout) -> list[Path]:
    return [path for card in handout.cards for path in card.illustrations]


def _elements(path: Path) -> int:
    """How many elements an SVG has, counted by a streaming parse (no DTD, no entities).

    Counting stops just past the budget; a file that does not parse counts as 0,
    because its loader rejects it with a message naming the file.
    """
    count = 0
    try:
        if not path.is_file() or path.stat().st_size > MAX_SVG_FILE_BYTES:
            return 0
        events = etree.iterparse(
            str(path),
            events=("start",),
            resolve_entities=False,
            no_network=True,
            load_dtd=False,
            huge_tree=False,
        )
        for _ in events:
            count += 1
            if count > MAX_SVG_ELEMENTS:
                break
    except (OSError, etree.XMLSyntaxError):
        return 0
    return count


def _pixels(path: Path) -> int:
    """Weighted width × height from the image header only (no pixels decoded)."""
    try:
        with warnings.catch_warnings():
            # A decompression-bomb warning is the loader's to report, as an error.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(path) as image:
                width, height = image.size
                weight = _JPEG_WEIGHT if image.format == "JPEG" else 1.0
    except (OSError, ValueError, Image.DecompressionBombError):
        return 0  # not an image Pillow reads: the loader rejects it, naming the file
    return int(int(width) * int(height) * weight)
