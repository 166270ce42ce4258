"""Greyscale printing: every colour the PDF sets becomes a grey of the same lightness.

Why ReportLab's ``enforceColorSpace`` hook on the canvas: the page furniture,
tables, paragraph text and svglib drawings all set colours through the canvas or
its text objects, and both pass every colour through this hook.  Illustrations
are drawn once per process onto a scratch canvas with the same hook
(``handouts.render.drawing_forms``: a grey form apart from the colour one), so
the drawings cached by ``handouts.images`` (shared by every handout in the
process) are never touched.  Photos are re-encoded in grey by ``grey_raster``,
since their pixels do not pass through the hook.
"""

from __future__ import annotations

import io

from PIL import Image
from reportlab.lib import colors

from handouts.images import RasterImage


def to_grey(colour: object) -> colors.Color:
    """The grey with the lightness of ``colour`` (Rec. 709 luma), alpha kept."""
    if isinstance(colour, colors.CMYKColor):
        r, g, b = colour.rgb()
        alpha = colour.alpha
    elif isinstance(colour, colors.Color):
        r, g, b, alpha = colour.red, colour.green, colour.blue, colour.alpha
    elif isinstance(colour, tuple | list) and len(colour) == 4:  # a CMYK tuple
        c, m, y, k = colour
        r, g, b, alpha = (1 - c) * (1 - k), (1 - m) * (1 - k), (1 - y) * (1 - k), 1
    else:
        converted = colors.toColor(colour)
        r, g, b, alpha = converted.red, converted.green, converted.blue, converted.alpha
    luma = round(0.2126 * r + 0.7152 * g + 0.0722 * b, 4)
    return colors.Color(luma, luma, luma, alpha=alpha)


def grey_raster(image: RasterImage) -> RasterImage:
    """A photo or logo re-encoded as greyscale PNG (transparency kept)."""
    with Image.open(io.BytesIO(image.data)) as opened:
        has_alpha = "A" in opened.getbands() or "transparency" in opened.info
        grey = opened.convert("LA" if has_alpha else "L")
    out = io.BytesIO()
    grey.save(out, format="PNG")
    return RasterImage(out.getvalue(), "PNG", image.width, image.height)
