"""Flowables for illustrations and logos, sized to a box (QR codes: ``render.qr``).

Illustrations and logos are untrusted files; they are always loaded through
``handouts.images`` (strict SVG parsing, Pillow re-encoding for photos).
"""

from __future__ import annotations

from pathlib import Path

from reportlab.graphics import renderPDF
from reportlab.graphics.shapes import Drawing
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Image

from handouts.errors import AssetError, debugging
from handouts.images import RasterImage, load_image
from handouts.render.drawing_forms import DrawingForm, SvgForm, drawing_form, svg_form
from handouts.render.fonts import register_fonts
from handouts.render.greyscale import grey_raster
from handouts.render.tagging import Marked, leaf


class ScaledDrawing(Marked, Flowable):  # type: ignore[misc]
    """A vector drawing scaled to fit ``max_width`` × ``max_height``, aspect kept.

    Drawn as a form XObject made once per process (``drawing_forms``): a picture
    used twice in a handout is stored once and drawn twice.  A drawing with text
    is drawn through ReportLab's ``renderPDF`` on the page, as before.
    ``greyscale`` must match the canvas's greyscale printing: the form's colours
    are turned grey when it is made, not by the canvas.

    Why not scale the Drawing itself: parsed drawings are cached and shared
    between handouts in one process; drawing through a canvas transform leaves
    the cached object untouched.
    """

    def __init__(
        self,
        drawing: Drawing,
        max_width: float,
        max_height: float,
        source: Path | None = None,
        *,
        greyscale: bool = False,
    ) -> None:
        super().__init__()
        self.source = source
        self.greyscale = greyscale
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
        canv = self.canv
        try:
            form = drawing_form(self.drawing, greyscale=self.greyscale)
            canv.saveState()
            canv.scale(self.scale, self.scale)
            if form is None:
                renderPDF.draw(self.drawing, canv, 0, 0)
            else:
                place_form(canv, form)
        except _DRAW_ERRORS as exc:
            if self.source is None or debugging():
                raise
            # Why: otherwise the handout fails with "internal error in ReportLab" and
            # nobody learns which picture to fix.  The detail is not quoted: it may
            # hold the SVG's text.
            raise AssetError(
                self.source, f"SVG could not be drawn ({type(exc).__name__} in ReportLab)"
            ) from None
        canv.restoreState()


class FormDrawing(Marked, Flowable):  # type: ignore[misc]
    """An SVG picture made into a form earlier (``drawing_forms.svg_form``), scaled to
    fit ``max_width`` × ``max_height``, aspect kept: drawn without its drawing."""

    def __init__(self, found: SvgForm, max_width: float, max_height: float) -> None:
        super().__init__()
        assert found.form is not None
        self.form = found.form
        self.scale = min(max_width / found.width, max_height / found.height)
        self.width = found.width * self.scale
        self.height = found.height * self.scale

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        self.canv.saveState()
        self.canv.scale(self.scale, self.scale)
        place_form(self.canv, self.form)
        self.canv.restoreState()


def place_form(canv: Canvas, form: DrawingForm) -> None:
    """Draw ``form`` at the origin, adding it to the document the first time."""
    if not canv.hasForm(form.name):
        canv.beginForm(form.name, *form.bbox)
        canv.addLiteral(form.ops)
        canv.endForm()
    canv.doForm(form.name)


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

    ``greyscale`` re-encodes photos in grey and draws vector drawings in grey
    (see ``handouts.render.greyscale``).

    A picture that cannot be used raises ``AssetError`` naming the picture file.
    Given ``named_in`` (the plan, library or clinic file that names the picture)
    and its ``line``/``field``, the error names that file first:
    ``exercises/squat.md:4: illustrations[0]: <picture>: <reason>``.
    """
    try:
        if path.suffix.lower() == ".svg":
            found = svg_form(path, greyscale=greyscale)
            if found.form is not None:
                return FormDrawing(found, max_width, max_height)
        loaded = load_image(path, max_width, max_height)
    except AssetError as exc:
        if named_in is None:
            raise
        raise AssetError(named_in, f"{exc.path}: {exc.reason}", line, field) from None
    if isinstance(loaded, RasterImage):
        if greyscale:
            loaded = grey_raster(loaded)
        scale = min(max_width / loaded.width, max_height / loaded.height)
        return Picture(loaded.stream(), loaded.width * scale, loaded.height * scale)
    return ScaledDrawing(loaded, max_width, max_height, source=path, greyscale=greyscale)


class Picture(Marked, Image):  # type: ignore[misc]
    """A photo (PNG or JPEG), drawn as one figure of the structure."""


def figure(flowable: Flowable, alt: str) -> Flowable:
    """``flowable``, an exercise's picture, as a Figure of the handout's structure,
    described by ``alt`` for whoever cannot see it, and read right after the
    card's title (``tagging.card_order``)."""
    flowable.tag = leaf("Figure", alt)
    if flowable.tag is not None:
        flowable.tag.lead = True
    return flowable
