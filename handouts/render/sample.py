"""The sample mark: a sheet made with an example clinic says so on every page.

Why on every page, and drawn over the content: a page of a sample handout may
be printed or forwarded on its own, and a card's tinted box would hide a mark
drawn underneath.  Light, translucent grey keeps the content readable through it.
"""

from __future__ import annotations

import math

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from handouts.render.fonts import bold
from handouts.render.script import draw_text, text_width

SAMPLE_MARK = "SAMPLE: example clinic, not for patients"
_WATERMARK = colors.Color(0.55, 0.55, 0.55, alpha=0.22)
_HEADER = colors.Color(0.45, 0.45, 0.45)
_LARGEST = 40.0  # points: the diagonal line's size when the page is roomy enough


def draw_sample_mark(canv: Canvas, width: float, height: float, font: str) -> None:
    """Mark the current page: a small line at the top edge, a large one across the body.

    Why not a form, as the header is: a form's resources cannot carry the
    transparency (ReportLab writes it into the page's), so the mark is drawn
    on each page; it is two lines of text.
    """
    _draw(canv, width, height, font)


def _draw(canv: Canvas, width: float, height: float, font: str) -> None:
    canv.saveState()
    canv.setFillColor(_HEADER)
    size = 7.5
    draw_text(
        canv,
        (width - text_width(SAMPLE_MARK, font, size)) / 2,
        height - 5 * mm,
        SAMPLE_MARK,
        font,
        size,
    )
    heavy = bold(font)
    diagonal = math.hypot(width, height)
    size = min(_LARGEST, 0.7 * diagonal / text_width(SAMPLE_MARK, heavy, 1))
    canv.setFillColor(_WATERMARK)
    canv.translate(width / 2, height / 2)
    canv.rotate(math.degrees(math.atan2(height, width)))
    draw_text(canv, -text_width(SAMPLE_MARK, heavy, size) / 2, -size / 3, SAMPLE_MARK, heavy, size)
    canv.restoreState()
