"""render_pdf_bytes: a composed Handout to PDF bytes, the render stage's one entry.

Rendering writes no files: whoever asked for the PDF decides where the bytes go
(``handouts.deliver.write`` writes them atomically).
"""

from __future__ import annotations

import io

from reportlab.platypus.doctemplate import LayoutError

from handouts.compose.handout import Handout
from handouts.errors import HandoutError, debugging
from handouts.render.budget import check_budget
from handouts.render.direction import is_rtl_language, laid_out
from handouts.render.page import MARGIN, HandoutDocument, numbered_canvas
from handouts.render.settings import reportlab_settings
from handouts.render.story import build_story
from handouts.render.struct_tree import add_structure
from handouts.render.tagging import Structure, building
from handouts.render.theme import Theme, theme_for


def render_pdf_bytes(handout: Handout) -> bytes:
    """The handout as PDF bytes.

    ReportLab's process-wide settings are changed only while this runs (see
    ``handouts.render.settings``).
    """
    with laid_out(is_rtl_language(handout.language)):
        check_budget(handout)
        theme = theme_for(handout.brand, handout.look)
        with reportlab_settings(theme.font):
            return _render(handout, theme)


def _render(handout: Handout, theme: Theme) -> bytes:
    buffer = io.BytesIO()
    doc = HandoutDocument(buffer, handout, theme)
    structure = Structure()
    try:
        with building(structure):
            story = build_story(handout, theme, doc.pagesize[0] - 2 * MARGIN, doc.height)
            canvas = numbered_canvas(handout.page_label, theme.font, doc.pagesize[0], structure)
            doc.build(story, canvasmaker=canvas)
    except HandoutError:
        raise  # already a clean message (a bad picture, a layout problem)
    except LayoutError:
        # ReportLab's message quotes the whole flowable, which may hold clinical
        # notes: never let that reach a terminal or a log.
        raise HandoutError(
            "the handout could not be laid out: an item is too large "
            "for one page (shorten the longest note)"
        ) from None
    except Exception as exc:
        # Why a catch-all here only: ReportLab's exceptions quote the paragraph
        # being laid out, which may be a patient's notes, and a traceback would
        # print it to a terminal or a log.  Name the kind of failure, not the text.
        # HANDOUTS_DEBUG=1 (a developer with a bug report) gets the real traceback.
        if debugging():
            raise
        raise HandoutError(
            f"the handout could not be rendered (internal {type(exc).__name__} in ReportLab); "
            "please report this as a bug (HANDOUTS_DEBUG=1 shows the details)"
        ) from None
    # Tagged: reading order, headings, lists, figures with their descriptions.
    return add_structure(
        buffer.getvalue(), structure, title=handout.metadata.title, language=handout.language
    )
