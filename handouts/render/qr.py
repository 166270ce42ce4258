"""QR codes with their address printed as text, and a link to it in the PDF.

Why the address as text too: a patient reading the PDF on the phone that would
scan the code cannot scan it (the link serves them), and one without a camera
can type what is printed.  The address drops "https://" and wraps at its own
break points (after "/", before "." or "-"), in lines as even as their number
allows; only beyond ``LINK_LINES`` lines is it shortened with "…".

A code prints its address under it (``qr_code``), or, where a card sets its
caption beside the code, without it (``address=False``), and the card puts
``address`` beside the code, under its caption.
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import groupby

from reportlab.graphics.barcode.qrencoder import QRCode, QRErrorCorrectLevel
from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable

from handouts.render.fonts import register_fonts
from handouts.render.script import SAFE_LINK, draw_text, text_width
from handouts.render.tagging import Marked, leaf
from handouts.render.theme import GREY

# The address's size without a style: small, as a caption is.
LINK_SIZE = 7.0
LINK_LINES = 3  # never more lines than this
_GAP = 1.0  # points above the address (the code has its quiet zone), twice that below
# Where an address may break: after a slash, before a dot, hyphen, underscore,
# query or fragment (a reader then sees the break is not part of the address).
_BREAK = re.compile(r"(?<=/)(?!/)|(?=[.\-_?#&=])")
# Four modules of white around the code, as the QR standard asks.
_QUIET_ZONE = 4


def qr_code(
    url: str, size: float, style: ParagraphStyle | None = None, *, address: bool = True
) -> Flowable:
    """A QR code for ``url``, ``size`` points square, linked to it.

    With ``address``, the address is printed centred under the code, in
    ``style``'s font, size and colour (a 7 pt grey caption without one), and the
    link covers both.
    """
    under = Address(url, style, centred=True, linked=False) if address else None
    return QrCode(url, size, under)


def address(url: str, style: ParagraphStyle | None = None) -> Flowable:
    """``url``'s address as printed beside its code: left-aligned, wrapped, linked."""
    return Address(url, style, centred=False, linked=True)


def qr_width(size: float) -> float:
    """The most a QR code ``size`` wide takes with its address under it: give it this,
    and a typical address wraps onto two or three lines."""
    return size * 2.2


class Address(Marked, Flowable):  # type: ignore[misc]
    """An address in lines broken where an address may break, linked to it."""

    def __init__(
        self, url: str, style: ParagraphStyle | None, *, centred: bool, linked: bool
    ) -> None:
        super().__init__()
        self.url = url
        self.centred = centred
        self.linked = linked  # False under a code: the code's link covers it
        self.font = style.fontName if style is not None else register_fonts()
        self.size = style.fontSize if style is not None else LINK_SIZE
        self.leading = style.leading if style is not None else LINK_SIZE * 1.2
        self.colour = style.textColor if style is not None else GREY
        self.lines: list[str] = []
        self.tag = leaf("P")  # under its code it is drawn as part of the code's figure

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.lines = link_lines(short_link(self.url), self.font, self.size, avail_width) or [""]
        self.width = max(text_width(line, self.font, self.size) for line in self.lines)
        self.height = _GAP + self.leading * len(self.lines) + 2 * _GAP
        return self.width, self.height

    def draw(self) -> None:
        self.canv.saveState()
        self.canv.setFillColor(self.colour)
        # The first line's baseline: a font size (about its ascent) under the gap.
        baseline = self.height - _GAP - self.size
        for line in self.lines:
            x = (self.width - text_width(line, self.font, self.size)) / 2 if self.centred else 0
            draw_text(self.canv, x, baseline, line, self.font, self.size)
            baseline -= self.leading
        self.canv.restoreState()
        if self.linked:
            link(self.canv, self.url, self.width, self.height)


class QrCode(Marked, Flowable):  # type: ignore[misc]
    """A QR code ``size`` points square (quiet zone included), drawn as one filled path,
    with its ``address`` (if any) centred under it and a link over both.

    Why not ReportLab's QrCodeWidget: it builds and validates a shape object per
    module on every draw, which made the two QR codes of the demo handout cost more
    than everything else on their pages, and writes each module as its own
    rectangle with its own colour.
    """

    def __init__(self, url: str, size: float, address: Address | None = None) -> None:
        super().__init__()
        self.url = url
        self.modules = _qr_modules(url)
        self.size = size
        self.address = address
        self.width = self.height = size
        # A figure described by where it leads (its address is drawn in it).
        self.tag = leaf("Figure", url)

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = self.height = self.size
        if self.address is not None:
            # The address may be wider than the code, never wider than its space.
            room = max(self.size, min(avail_width, qr_width(self.size)))
            wide, text_height = self.address.wrap(room, avail_height)
            self.width = max(self.size, wide)
            self.height = self.size + text_height
        return self.width, self.height

    def draw(self) -> None:
        count = len(self.modules)
        box = self.size / (count + 2 * _QUIET_ZONE)
        # Drawn in module units (whole numbers) and scaled once: shorter page code.
        path = self.canv.beginPath()
        for row, dark_runs in enumerate(self.modules):
            y = count - 1 - row + _QUIET_ZONE
            for column, length in dark_runs:
                path.rect(column + _QUIET_ZONE, y, length, 1)
        self.canv.saveState()
        self.canv.translate((self.width - self.size) / 2, self.height - self.size)
        self.canv.scale(box, box)
        self.canv.setFillColor(colors.black)
        self.canv.drawPath(path, stroke=0, fill=1)
        self.canv.restoreState()
        if self.address is not None:
            self.address.drawOn(self.canv, (self.width - self.address.width) / 2, 0)
        link(self.canv, self.url, self.width, self.height)


def link(canv: Canvas, url: str, width: float, height: float) -> None:
    """A link to ``url`` over the ``width`` × ``height`` box at the current origin.

    Only the links paragraph markup may carry too (``https:``, ``mailto:``,
    ``tel:``): an exercise file's video address is checked to be https already.
    """
    if SAFE_LINK.fullmatch(url):
        canv.linkURL(url, (0, 0, width, height), relative=1, thickness=0)


def short_link(url: str) -> str:
    """``url`` as printed: without "https://" and a trailing slash."""
    return url.removeprefix("https://").removesuffix("/")


def link_lines(text: str, font: str, size: float, width: float) -> list[str]:
    """``text`` in lines no wider than ``width``, broken where an address may break.

    The lines are balanced (as narrow as their number allows), so a break falls
    after "videos/" rather than before the last word.  A piece too long for a
    line on its own is cut where it reaches the edge.  Beyond ``LINK_LINES``
    lines, the last line ends in "…".
    """
    return list(_link_lines(text, font, size, width))


# Why cached: balancing measures the address at every width down to the narrowest
# that keeps its line count (about 9% of a warm handout's time, measured), and the
# same addresses are wrapped at the same widths on every page and every handout.
@lru_cache(maxsize=1024)
def _link_lines(text: str, font: str, size: float, width: float) -> tuple[str, ...]:
    lines = _greedy(text, font, size, width)
    if len(lines) > LINK_LINES:
        last = lines[LINK_LINES - 1]
        while last and text_width(last + "…", font, size) > width:
            last = last[:-1]
        return (*lines[: LINK_LINES - 1], last + "…")
    narrower = max(text_width(line, font, size) for line in lines) - 1
    while narrower > 0 and len(tighter := _greedy(text, font, size, narrower)) == len(lines):
        lines, narrower = tighter, narrower - 1
    return tuple(lines)


def _greedy(text: str, font: str, size: float, width: float) -> list[str]:
    """``text`` filled into lines of ``width``, breaking only at ``_BREAK``."""
    lines: list[str] = []
    line = ""
    for piece in _BREAK.split(text):
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
