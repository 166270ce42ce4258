"""Flowables for illustrations, logos and QR codes, sized to a box.

Illustrations and logos are untrusted files; they are always loaded through
``handouts.images`` (strict SVG parsing, Pillow re-encoding for photos).
"""

from __future__ import annotations

from functools import lru_cache
from itertools import groupby
from pathlib import Path

from reportlab.graphics import renderPDF
from reportlab.graphics.barcode.qrencoder import QRCode, QRErrorCorrectLevel
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.platypus import Flowable, Image

from handouts.errors import AssetError, debugging
from handouts.images import RasterImage, load_image
from handouts.render.fonts import register_fonts
from handouts.render.greyscale import grey_raster


class ScaledDrawing(Flowable):  # type: ignore[misc]
    """A vector drawing scaled to fit ``max_width`` × ``max_height``, aspect kept.

    Why not scale the Drawing itself: parsed drawings are cached and shared
    between handouts in one process; drawing through a canvas transform leaves
    the cached object untouched.
    """

    def __init__(
        self, drawing: Drawing, max_width: float, max_height: float, source: Path | None = None
    ) -> None:
        super().__init__()
        self.source = source
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
        try:
            renderPDF.draw(self.drawing, self.canv, 0, 0)
        except _DRAW_ERRORS as exc:
            if self.source is None or debugging():
                raise
            # Why: otherwise the handout fails with "internal error in ReportLab" and
            # nobody learns which picture to fix.  The detail is not quoted: it may
            # hold the SVG's text.
            raise AssetError(
                self.source, f"SVG could not be drawn ({type(exc).__name__} in ReportLab)"
            ) from None
        self.canv.restoreState()


# What ReportLab raises for values it cannot write (the loader refuses the known ones).
_DRAW_ERRORS = (ValueError, TypeError, ArithmeticError, AttributeError, KeyError)


def picture(
    path: Path,
    max_width: float,
    max_height: float,
    *,
    greyscale: bool = False,
    named_in: Path | None = None,
    line: int | None = None,
    field: str | None = None,
) -> Flowable:
    """An illustration or logo file as a flowable no larger than the box.

    ``greyscale`` re-encodes photos in grey; vector drawings are turned grey as
    they are drawn (see ``handouts.render.greyscale``).

    A picture that cannot be used raises ``AssetError`` naming the picture file.
    Given ``named_in`` (the plan, library or clinic file that names the picture)
    and its ``line``/``field``, the error names that file first:
    ``exercises/squat.md:4: illustrations[0]: <picture>: <reason>``.
    """
    try:
        loaded = load_image(path, max_width, max_height)
    except AssetError as exc:
        if named_in is None:
            raise
        raise AssetError(named_in, f"{exc.path}: {exc.reason}", line, field) from None
    if isinstance(loaded, RasterImage):
        if greyscale:
            loaded = grey_raster(loaded)
        scale = min(max_width / loaded.width, max_height / loaded.height)
        return Image(loaded.stream(), loaded.width * scale, loaded.height * scale)
    return ScaledDrawing(loaded, max_width, max_height, source=path)


class QrCode(Flowable):  # type: ignore[misc]
    """A QR code ``size`` points square (quiet zone included), drawn as one filled path.

    Why not ReportLab's QrCodeWidget: it builds and validates a shape object per
    module on every draw, which made the two QR codes of the demo handout cost more
    than everything else on their pages, and writes each module as its own
    rectangle with its own colour.
    """

    def __init__(self, url: str, size: float) -> None:
        super().__init__()
        self.modules = _qr_modules(url)
        self.width = self.height = size

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        count = len(self.modules)
        box = self.width / (count + 2 * _QR_QUIET_ZONE)
        # Drawn in module units (whole numbers) and scaled once: shorter page code.
        path = self.canv.beginPath()
        for row, dark_runs in enumerate(self.modules):
            y = count - 1 - row + _QR_QUIET_ZONE
            for column, length in dark_runs:
                path.rect(column + _QR_QUIET_ZONE, y, length, 1)
        self.canv.saveState()
        self.canv.scale(box, box)
        self.canv.setFillColor(colors.black)
        self.canv.drawPath(path, stroke=0, fill=1)
        self.canv.restoreState()


# Four modules of white around the code, as the QR standard asks.
_QR_QUIET_ZONE = 4


@lru_cache(maxsize=256)
def _qr_modules(url: str) -> tuple[tuple[tuple[int, int], ...], ...]:
    """The dark runs (start column, length) of each row of ``url``'s QR code, level M."""
    code = QRCode(None, QRErrorCorrectLevel.M)
    code.addData(url)
    code.make()
    rows = []
    for modules in code.modules:
        runs, column = [], 0
        for dark, group in groupby(bool(m) for m in modules):
            length = len(list(group))
            if dark:
                runs.append((column, length))
            column += length
        rows.append(tuple(runs))
    return tuple(rows)


def qr_code(url: str, size: float) -> Flowable:
    """A QR code for ``url``, ``size`` points square."""
    return QrCode(url, size)
