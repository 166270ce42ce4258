"""Refuse a handout whose pictures would take too long or too much memory to render.

Why a budget per handout, on top of the per-file caps in ``handouts.images``:
one handout must never take more than 10 s or 1 GiB, whatever a shared library
holds.  Each file is capped (2 MB / 20,000 elements per SVG, 40 megapixels per
photo), but forty exercises with four maximal pictures each would still take
minutes (svglib converts a 20,000-element SVG in about 4 s; Pillow decodes a
40-megapixel PNG in about 1 s).  So the pictures one handout uses are added up
from cheap facts (file size, image header) before any of them is converted.
Text is bounded by the plan model (``MAX_PLAN_TEXT``).
"""

from __future__ import annotations

import warnings
from pathlib import Path

from PIL import Image

from handouts.compose.handout import Handout
from handouts.errors import HandoutError

MAX_PICTURES = 60  # distinct picture files in one handout
MAX_SVG_BYTES = 2 * 1024 * 1024  # all distinct SVG files together
MAX_MEGAPIXELS = 120  # all distinct photos together (e.g. nine 12-megapixel phone photos)


def check_budget(handout: Handout) -> None:
    """Raise ``HandoutError`` if the handout's pictures exceed the budget (see module doc)."""
    paths = list(dict.fromkeys([handout.brand.logo, *_illustrations(handout)]))
    if len(paths) > MAX_PICTURES:
        raise HandoutError(
            f"this handout uses {len(paths)} different pictures; the limit is {MAX_PICTURES}"
        )
    svg_bytes = sum(_size(p) for p in paths if p.suffix.lower() == ".svg")
    if svg_bytes > MAX_SVG_BYTES:
        raise HandoutError(
            f"the SVG pictures in this handout add up to {svg_bytes / 2**20:.1f} MB; "
            f"the limit is {MAX_SVG_BYTES // 2**20} MB (use simpler drawings)"
        )
    pixels = sum(_pixels(p) for p in paths if p.suffix.lower() != ".svg")
    if pixels > MAX_MEGAPIXELS * 1_000_000:
        raise HandoutError(
            f"the photos in this handout add up to {pixels / 1e6:.0f} megapixels; "
            f"the limit is {MAX_MEGAPIXELS} (use smaller photos)"
        )


def _illustrations(handout: Handout) -> list[Path]:
    return [path for card in handout.cards for path in card.illustrations]


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0  # the loader reports a missing or unreadable file, naming it


def _pixels(path: Path) -> int:
    """Width × height from the image header only (no pixels decoded)."""
    try:
        with warnings.catch_warnings():
            # A decompression-bomb warning is the loader's to report, as an error.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(path) as image:
                width, height = image.size
    except (OSError, ValueError, Image.DecompressionBombError):
        return 0  # not an image Pillow reads: the loader rejects it, naming the file
    return int(width) * int(height)
