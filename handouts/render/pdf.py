"""render_pdf: a composed Handout to PDF bytes or an atomically written file."""

from __future__ import annotations

import io
from pathlib import Path

from reportlab.platypus.doctemplate import LayoutError

from handouts.compose.handout import Handout
from handouts.deliver.write import write_atomically
from handouts.errors import HandoutError
from handouts.render.page import MARGIN, HandoutDocument, numbered_canvas
from handouts.render.story import build_story
from handouts.render.theme import theme_for


def render_pdf_bytes(handout: Handout) -> bytes:
    """The handout as PDF bytes."""
    buffer = io.BytesIO()
    theme = theme_for(handout.brand, handout.look)
    doc = HandoutDocument(buffer, handout, theme)
    story = build_story(handout, theme, doc.pagesize[0] - 2 * MARGIN, doc.height)
    try:
        doc.build(story, canvasmaker=numbered_canvas(handout.page_label))
    except LayoutError:
        # ReportLab's message quotes the whole flowable, which may hold clinical
        # notes: never let that reach a terminal or a log.
        raise HandoutError(
            "the handout could not be laid out: an item is too large "
            "for one page (shorten the longest note)"
        ) from None
    return buffer.getvalue()


def render_pdf(handout: Handout, out_path: Path, *, overwrite: bool = False) -> Path:
    """Render and write atomically to ``out_path``; never leaves a half-written file."""
    return write_atomically(out_path, render_pdf_bytes(handout), overwrite=overwrite)
