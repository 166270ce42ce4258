"""Flowables for illustrations, logos and QR codes, sized to a box.

Illustrations and logos are untrusted files; they are always loaded through
``handouts.images`` (strict SVG parsing, Pillow re-encoding for photos).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from reportlab.graphics import renderPDF
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.platypus import Flowable, Image

from handouts.images import RasterImage, load_image
from handouts.render.fonts import register_fonts
from handouts.render.greyscale import grey_raster


class ScaledDrawing(Flowable):  # type: ignore[misc]
    """A vector drawing scaled to fit ``max_width`` × ``max_height``, aspect kept.

    Why not scale the Drawing itself: parsed drawings are cached and shared
    between handouts in one process; drawing through a canvas transform leaves
    the cached object untouched.
    """

    def __init__(self, drawing: Drawing, max_width: float, max_height: float) -> None:
        super().__init__()
        # Same reason as the page's initial font: no unembedded Helvetica.
        drawing.initialFontName = register_fonts()
        self.drawing = drawing
        scale = min(max_width / drawing.width, max_height / drawing.height)
        self.scale = scale
        self.width = drawing.width * scale
        self.height = drawing.height * scale

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        self.canv.saveState()
        self.canv.scale(self.scale, self.scale)
        renderPDF.draw(self.drawing, self.canv, 0, 0)
        self.canv.restoreState()


def picture(
    path: Path, max_width: float, max_height: float, *, greyscale: bool = False
) -> Flowable:
    """An illustration or logo file as a flowable no larger than the box.

    ``greyscale`` re-encodes photos in grey; vector drawings are turned grey as
    they are drawn (see ``handouts.render.greyscale``).
    """
    loaded = load_image(path, max_width, max_height)
    if isinstance(loaded, RasterImage):
        if greyscale:
            loaded = grey_raster(loaded)
        scale = min(max_width / loaded.width, max_height / loaded.height)
        return Image(loaded.stream(), loaded.width * scale, loaded.height * scale)
    return ScaledDrawing(loaded, max_width, max_height)


def qr_code(url: str, size: float) -> Any:
    """A QR code for ``url``, ``size`` points square."""
    widget = QrCodeWidget(url, barLevel="M")
    x0, y0, x1, y1 = widget.getBounds()
    width, height = x1 - x0, y1 - y0
    drawing: Any = Drawing(size, size, transform=[size / width, 0, 0, size / height, 0, 0])
    drawing.initialFontName = register_fonts()
    drawing.add(widget)
    return drawing
