"""Loaders for untrusted pictures: SVG illustrations and logos, PNG/JPEG/WebP photos.

Why one package: every picture a handout shows comes from a file someone else made,
so all of them pass through these loaders and nothing else hands a path to svglib or
ReportLab.  ``svg`` parses strictly and converts with svglib; ``raster`` decodes with
Pillow and re-encodes without metadata.  Every problem is an ``AssetError`` naming
the file.
"""

from __future__ import annotations

from pathlib import Path

from reportlab.graphics.shapes import Drawing

from handouts.errors import AssetError
from handouts.images.raster import RASTER_SUFFIXES, RasterImage, load_raster
from handouts.images.svg import clear_svg_cache, load_svg, svg_notices

__all__ = [
    "RasterImage",
    "clear_svg_cache",
    "image_notices",
    "load_image",
    "load_raster",
    "load_svg",
    "svg_notices",
]

_SVG_SUFFIXES = (".svg",)
ALLOWED_SUFFIXES = _SVG_SUFFIXES + RASTER_SUFFIXES


def load_image(path: Path, max_width_pt: float, max_height_pt: float) -> Drawing | RasterImage:
    """Load an illustration or logo for a box of ``max_width_pt`` x ``max_height_pt``.

    ``.svg`` gives a vector ``Drawing``; ``.png``, ``.jpg``, ``.jpeg`` and ``.webp``
    give a ``RasterImage`` sized for 300 dpi in the box.  The kind is chosen by the
    file's suffix (case-insensitive); the loaders then check the content.
    """
    suffix = path.suffix.lower()
    if suffix in _SVG_SUFFIXES:
        return load_svg(path)
    if suffix in RASTER_SUFFIXES:
        return load_raster(path, max_width_pt, max_height_pt)
    kinds = ", ".join(ALLOWED_SUFFIXES)
    shown = f"'{path.suffix}'" if path.suffix else "(no suffix)"
    raise AssetError(path, f"unsupported image type {shown}; use one of {kinds}")


def image_notices(path: Path) -> list[str]:
    """Warnings about the picture at ``path``: what its loader removed (SVG scripts).

    Call after ``load_image`` succeeded (the SVG is then cached, so this is cheap);
    a file that cannot be used raises the same ``AssetError``.  Photos have none:
    their metadata is always dropped, which needs no warning.
    """
    if path.suffix.lower() in _SVG_SUFFIXES:
        return svg_notices(path)
    return []
