"""Flowables for illustrations, logos and QR codes, sized to a box.

Illustrations and logos are untrusted files; they are always loaded through
``handouts.images`` (strict SVG parsing, Pillow re-encoding for photos).
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import groupby
from pathlib import Path

from reportlab.graphics import renderPDF
from reportlab.graphics.barcode.qrencoder import QRCode, QRErrorCorrectLevel
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Image

from handouts.errors import AssetError, debugging
from handouts.images import RasterImage, load_image
from handouts.render.fonts import register_fonts
from handouts.render.greyscale import grey_raster
from handouts.render.script import SAFE_LINK, draw_text, text_width
from handouts.render.theme import GREY


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
    """A QR code ``size`` points square (quiet zone included), drawn as one filled path,
    with its address printed underneath and a link over both.

    Why the address as text too: a patient reading the PDF on the phone that
    would scan it cannot scan it (the link annotation serves them), and one
    without a camera can type what is printed.  It wraps at the address's own
    break points (after "/", before "." or "-"), within the width the code is
    given, and is shortened with "…" only beyond ``LINK_LINES`` lines.

    Why not ReportLab's QrCodeWidget: it builds and validates a shape object per
    module on every draw, which made the two QR codes of the demo handout cost more
    than everything else on their pages, and writes each module as its own
    rectangle with its own colour.
    """

    def __init__(self, url: str, size: float, style: ParagraphStyle | None = None) -> None:
        super().__init__()
        self.url = url
        self.modules = _qr_modules(url)
        self.size = size
        self.font = style.fontName if style is not None else register_fonts()
        self.font_size = style.fontSize if style is not None else LINK_SIZE
        self.leading = style.leading if style is not None else LINK_SIZE * 1.2
        self.colour = style.textColor if style is not None else GREY
        self.lines: list[str] = []
        self.width = self.height = size

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        # The text may be wider than the code, never wider than the space it is given.
        room = max(self.size, min(avail_width, qr_width(self.size)))
        self.lines = link_lines(short_link(self.url), self.font, self.font_size, room)
        widest = max(text_width(line, self.font, self.font_size) for line in self.lines)
        self.width = max(self.size, widest)
        self.height = self.size + _LINK_GAP + self.leading * len(self.lines) + _LINK_GAP * 2
        return self.width, self.height

    def draw(self) -> None:
        count = len(self.modules)
        box = self.size / (count + 2 * _QR_QUIET_ZONE)
        # Drawn in module units (whole numbers) and scaled once: shorter page code.
        path = self.canv.beginPath()
        for row, dark_runs in enumerate(self.modules):
            y = count - 1 - row + _QR_QUIET_ZONE
            for column, length in dark_runs:
                path.rect(column + _QR_QUIET_ZONE, y, length, 1)
        self.canv.saveState()
        self.canv.translate((self.width - self.size) / 2, self.height - self.size)
        self.canv.scale(box, box)
        self.canv.setFillColor(colors.black)
        self.canv.drawPath(path, stroke=0, fill=1)
        self.canv.restoreState()
        self.canv.saveState()
        self.canv.setFillColor(self.colour)
        # The first line's baseline: a font size (about its ascent) under the gap.
        baseline = self.height - self.size - _LINK_GAP - self.font_size
        for line in self.lines:
            x = (self.width - text_width(line, self.font, self.font_size)) / 2
            draw_text(self.canv, x, baseline, line, self.font, self.font_size)
            baseline -= self.leading
        self.canv.restoreState()
        if SAFE_LINK.fullmatch(self.url):
            self.canv.linkURL(self.url, (0, 0, self.width, self.height), relative=1, thickness=0)


# The address under a code: small, as a caption is, and never more lines than this.
LINK_SIZE = 7.0
LINK_LINES = 3
_LINK_GAP = 1.0  # points above the address (the code has its quiet zone), twice that below
# Where an address may break: after a slash, before a dot, hyphen, underscore,
# query or fragment (a reader then sees the break is not part of the address).
_LINK_BREAK = re.compile(r"(?<=/)(?!/)|(?=[.\-_?#&=])")


def short_link(url: str) -> str:
    """``url`` as printed under its code: without "https://" and a trailing slash."""
    return url.removeprefix("https://").removesuffix("/")


def link_lines(text: str, font: str, size: float, width: float) -> list[str]:
    """``text`` in lines no wider than ``width``, broken where an address may break.

    The lines are balanced (as narrow as their number allows), so a break falls
    after "videos/" rather than before the last word.  A piece too long for a
    line on its own is cut where it reaches the edge.  Beyond ``LINK_LINES``
    lines, the last line ends in "…".
    """
    lines = _greedy(text, font, size, width)
    if len(lines) > LINK_LINES:
        last = lines[LINK_LINES - 1]
        while last and text_width(last + "…", font, size) > width:
            last = last[:-1]
        return [*lines[: LINK_LINES - 1], last + "…"]
    narrower = max(text_width(line, font, size) for line in lines) - 1
    while narrower > 0 and len(tighter := _greedy(text, font, size, narrower)) == len(lines):
        lines, narrower = tighter, narrower - 1
    return lines


def _greedy(text: str, font: str, size: float, width: float) -> list[str]:
    """``text`` filled into lines of ``width``, breaking only at ``_LINK_BREAK``."""
    lines: list[str] = []
    line = ""
    for piece in _LINK_BREAK.split(text):
        while piece:
            if text_width(line + piece, font, size) <= width:
                line, piece = line + piece, ""
            elif line:
                lines.append(line)
                line = ""
            else:  # alone and still too wide: as much of it as fits
                cut = _fitting(piece, font, size, width)
                lines.append(piece[:cut])
                piece = piece[cut:]
    return [*lines, line] if line else lines


def _fitting(text: str, font: str, size: float, width: float) -> int:
    """How many leading characters of ``text`` fit ``width`` (at least one)."""
    count = 1
    while count < len(text) and text_width(text[: count + 1], font, size) <= width:
        count += 1
    return count


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


def qr_width(size: float) -> float:
    """The most a QR code ``size`` wide takes with its address: give it this, and a
    typical address wraps onto two or three lines."""
    return size * 2.2


def qr_code(url: str, size: float, style: ParagraphStyle | None = None) -> Flowable:
    """A QR code for ``url``, ``size`` points square, its address printed underneath
    (in ``style``'s font, size and colour; a 7 pt grey caption without one) and a
    link to it over both."""
    return QrCode(url, size, style)
