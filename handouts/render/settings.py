"""ReportLab's process-wide settings, applied around one render and then put back.

Why a context manager: ReportLab keeps its options in module globals
(``reportlab.rl_config`` and the graphics defaults).  A host program that
imports ``handouts`` as a library may have set them for its own PDFs, so a
render changes them only while it runs and restores them afterwards, also when
it fails.  Nothing is changed at import time.

Not thread-safe (nor is ReportLab): render one handout at a time per process.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from reportlab import rl_config
from reportlab.graphics import shapes

_RL_NAMES = ("useA85", "trustedHosts", "trustedSchemes", "canvas_basefontname")


@contextmanager
def reportlab_settings(font: str) -> Iterator[None]:
    """Within the block, ReportLab writes compact PDFs, fetches no URLs and defaults to ``font``.

    * ``useA85`` off: ReportLab wraps every compressed stream (pages, fonts,
      photos) in ASCII85 by default, a 7-bit-safe text encoding that makes each
      stream 25% larger.  PDF files are binary anyway (email attaches them base64).
    * ``trustedHosts`` / ``trustedSchemes`` emptied: ReportLab reads them from
      the environment (``RL_trustedHosts``) and ``~/.reportlab_settings``; widened,
      a picture reference could pull a remote or local file into a PDF that is
      emailed out.  Pictures only ever come in through ``handouts.images``.
    * The default font, ``font`` (an embedded, registered family) instead of
      Helvetica, which would be referenced unembedded: for new canvases
      (``canvas_basefontname``) and for vector drawings' text
      (``shapes.STATE_DEFAULTS``).  The document template takes it as
      ``initialFontName`` too (see ``handouts.render.page``).
    """
    saved = {name: getattr(rl_config, name) for name in _RL_NAMES}
    saved_drawing_font = shapes.STATE_DEFAULTS["fontName"]
    try:
        rl_config.useA85 = 0
        rl_config.trustedHosts = None
        rl_config.trustedSchemes = []
        rl_config.canvas_basefontname = font
        shapes.STATE_DEFAULTS["fontName"] = font
        yield
    finally:
        for name, value in saved.items():
            setattr(rl_config, name, value)
        shapes.STATE_DEFAULTS["fontName"] = saved_drawing_font
