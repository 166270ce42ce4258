"""Vector drawings as compact PDF operators, made once per process and reused.

Why: drawing an illustration through ReportLab's ``renderPDF`` walks every
shape of the svglib drawing (about a thousand per handout) and writes verbose
operators, for every handout, although the drawing never changes.  Here a
drawing is drawn once onto a scratch canvas, its operators are compacted
(``handouts.render.compact_ops``) and kept; each handout then holds them once,
as a form XObject that every use of the picture refers to.

What changes the operators is in the cache key: the drawing (its shared,
read-only content from ``handouts.images``), its size, and greyscale printing
(colours pass through ``greyscale.to_grey`` as the scratch canvas draws, as
they would on the handout's canvas).  Drawings with text are not made into
forms: a font's embedded subset is chosen per document, from the text each
document draws, so their text must be drawn on the handout's own canvas.
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass
from pathlib import Path

from reportlab.graphics import renderPDF
from reportlab.graphics.shapes import Drawing, String
from reportlab.pdfgen.canvas import Canvas

from handouts.cache import Lru, cached
from handouts.images import load_svg
from handouts.render.compact_ops import compact
from handouts.render.fonts import register_fonts
from handouts.render.greyscale import to_grey

# Why 128: as many as ``handouts.images`` keeps parsed drawings; a compacted
# illustration is about 10 kB of operators.
CACHE_SIZE = 128


@dataclass(frozen=True)
class DrawingForm:
    """A drawing's operators, in the drawing's own units, and the box they paint in."""

    name: str  # the form's name in a handout: from its operators, so equal forms share it
    ops: str
    bbox: tuple[float, float, float, float]


_Key = tuple[tuple[int, ...], float, float, bool]
# The drawing's children are kept with the entry: their ids are its key, and an
# id is unique only while its object lives.
_Entry = tuple[list[object], DrawingForm | None]


_cache: Lru[_Key, _Entry] = Lru(CACHE_SIZE)


def clear_form_cache() -> None:
    """Forget every compacted drawing (for tests and long-running processes)."""
    _cache.clear()


def drawing_form(drawing: Drawing, *, greyscale: bool) -> DrawingForm | None:
    """``drawing`` as a reusable form; None if it must be drawn on the page's canvas.

    ``drawing`` is one from ``handouts.images`` (its children are shared and never
    edited).  Raises what ReportLab raises for a drawing it cannot draw.
    """
    children = list(drawing.contents)
    key = (tuple(map(id, children)), float(drawing.width), float(drawing.height), greyscale)
    entry = _cache.get(key)
    if entry is not None:
        return entry[1]
    form = None
    if not _has_text(drawing):
        scratch = Canvas(io.BytesIO(), enforceColorSpace=to_grey if greyscale else None)
        renderPDF.draw(drawing, scratch, 0, 0)
        compacted = compact(scratch.getCurrentPageContent(), drawing.width, drawing.height)
        if compacted is not None:
            # Named by content, not by a counter: forms from the disk cache, made by
            # other processes, meet in one handout, and two pictures must never
            # share a name unless they are the same picture.
            digest = hashlib.sha256(f"{compacted.bbox}{compacted.ops}".encode()).hexdigest()
            form = DrawingForm(f"art{digest[:20]}", compacted.ops, compacted.bbox)
    _cache.put(key, (children, form))
    return form


def _has_text(drawing: Drawing) -> bool:
    stack: list[object] = [drawing]
    while stack:
        node = stack.pop()
        if isinstance(node, String):
            return True
        stack.extend(getattr(node, "contents", ()))
    return False


@dataclass(frozen=True)
class SvgForm:
    """An SVG file as drawn: its size in points, and its form (None: drawn on the page)."""

    width: float
    height: float
    form: DrawingForm | None


def svg_form(path: Path, *, greyscale: bool) -> SvgForm:
    """The SVG file at ``path`` as a form, from the disk cache while the file is unchanged.

    Why: converting the illustrations (svglib) and compacting their operators was
    most of the first handout's time in a process, and ``handouts make`` is a new
    process every time.  Raises ``AssetError`` as ``load_svg`` does; a drawing
    ReportLab cannot draw gets no form (it fails, naming the file, when drawn).
    """

    def build() -> tuple[SvgForm, list[Path]]:
        drawing = load_svg(path)
        drawing.initialFontName = register_fonts()  # as ScaledDrawing draws it
        try:
            form = drawing_form(drawing, greyscale=greyscale)
        except (ValueError, TypeError, ArithmeticError, AttributeError, KeyError):
            form = None
        return SvgForm(float(drawing.width), float(drawing.height), form), [path]

    return cached("svg-form", f"{path.resolve()}\0{greyscale}", build)
