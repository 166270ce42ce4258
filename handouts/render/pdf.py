"""render_pdf: a composed Handout to PDF bytes or an atomically written file."""

from __future__ import annotations

import io
from pathlib import Path

from reportlab import rl_config
from reportlab.platypus.doctemplate import LayoutError

from handouts.compose.handout import Handout
from handouts.deliver.write import write_atomically
from handouts.errors import HandoutError
from handouts.render.budget import check_budget
from handouts.render.page import MARGIN, HandoutDocument, numbered_canvas
from handouts.render.story import build_story
from handouts.render.theme import theme_for

# Why: ReportLab wraps every compressed stream (pages, fonts, photos) in ASCII85 by
# default, a 7-bit-safe text encoding that makes each stream 25% larger.  PDF files
# are binary anyway (email attaches them base64), so the setting ReportLab documents
# for this is switched off for the process.
rl_config.useA85 = 0


def lock_down_reportlab() -> None:
    """Let ReportLab fetch nothing by URL, whatever RL_trustedHosts or a settings file say.

    Why: ReportLab reads ``RL_trustedHosts`` / ``RL_trustedSchemes`` from the
    environment (and ``~/.reportlab_settings``); widened, a picture reference
    could pull a remote or local file into a PDF that is emailed out.  Pictures
    only ever come in through ``handouts.images`` anyway.
    """
    rl_config.trustedHosts = None
    rl_config.trustedSchemes = []


def render_pdf_bytes(handout: Handout) -> bytes:
    """The handout as PDF bytes."""
    lock_down_reportlab()
    check_budget(handout)
    buffer = io.BytesIO()
    theme = theme_for(handout.brand, handout.look)
    doc = HandoutDocument(buffer, handout, theme)
    try:
        story = build_story(handout, theme, doc.pagesize[0] - 2 * MARGIN, doc.height)
        doc.build(story, canvasmaker=numbered_canvas(handout.page_label))
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
        raise HandoutError(
            f"the handout could not be rendered (internal {type(exc).__name__} in ReportLab); "
            "please report this as a bug"
        ) from None
    return buffer.getvalue()


def render_pdf(handout: Handout, out_path: Path, *, overwrite: bool = False) -> Path:
    """Render and write atomically to ``out_path``; never leaves a half-written file."""
    return write_atomically(out_path, render_pdf_bytes(handout), overwrite=overwrite)
