"""Flowables for illustrations and logos, sized to a box (QR codes: ``render.qr``).

Illustrations and logos are untrusted files; they are always loaded through
``handouts.images`` (strict SVG parsing, Pillow re-encoding for photos).
"""

from __future__ import annotations

from pathlib import Path

from reportlab.graphics import renderPDF
from reportlab.graphics.shapes import Drawing
from reportlab.platypus import Flowable, Image

from handouts.errors import AssetError, debugging
from handouts.images import RasterImage, load_image
from handouts.render.drawing_forms import SvgForm, svg_form
from handouts.render.fonts import register_fonts
from handouts.render.greyscale import grey_raster
from handouts.render.tagging import Marked, leaf


class _Scaled(Marked, Flowable):  # type: ignore[misc]
    """A picture ``width`` × ``height`` points scaled to fit ``max_width`` ×
    ``max_height``, aspect kept."""

    def __init__(self, width: float, height: float, max_width: float, max_height: float) -> None:
        super().__init__()
        self.scale = min(max_width / width, max_height / height)
        self.width = width * self.scale
        self.height = height * self.scale

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.width, self.height


class FormDrawing(_Scaled):
    """An SVG picture as the form made of it (``drawing_forms.svg_form``): stored once
    in a handout however often it is drawn, and drawn without loading the drawing.
    Greyscale printing is in the form (it was made through the grey hook)."""

    def __init__(self, found: SvgForm, max_width: float, max_height: float) -> None:
        super().__init__(found.width, found.height, max_width, max_height)
        assert found.form is not None
        self.form = found.form

    def draw(self) -> None:
        canv, form = self.canv, self.form
        canv.saveState()
        canv.scale(self.scale, self.scale)
        if not canv.hasForm(form.name):
            canv.beginForm(form.name, *form.bbox)
            canv.addLiteral(form.ops)
            canv.endForm()
        canv.doForm(form.name)
        canv.restoreState()


class ScaledDrawing(_Scaled):
    """A vector drawing that has no form (one with text, whose font subset is chosen
    per document, or one the compactor leaves), drawn through ReportLab's
    ``renderPDF`` on the page; greyscale printing greys it through the canvas's hook.

    Why not scale the Drawing itself: parsed drawings are cached and shared
    between handouts in one process; drawing through a canvas transform leaves
    the cached object untouched.
    """

    def __init__(
        self, drawing: Drawing, max_width: float, max_height: float, source: Path | None = None
    ) -> None:
        super().__init__(drawing.width, drawing.height, max_width, max_height)
        self.source = source
        # Same reason as the page's initial font: no unembedded Helvetica.
        drawing.initialFontName = register_fonts()
        self.drawing = drawing

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
    return ScaledDrawing(loaded, max_width, max_height, source=path)


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
