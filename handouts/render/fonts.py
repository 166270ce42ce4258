"""Register the bundled Unicode font family with ReportLab, once per process.

Why a bundled TTF: ReportLab's standard fonts cover Latin-1 only, so "Łukasiewicz"
or "Сергей" would print as black boxes.  DejaVu Sans covers Latin, Greek and
Cyrillic, and its licence allows redistribution (assets/fonts/LICENSE-DejaVu.txt).
ReportLab embeds a subset of each TTF, so the PDF shows the same on every machine.
"""

from __future__ import annotations

from functools import cache

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError, TTFont

from handouts import resources
from handouts.errors import AssetError

FAMILY = "HandoutSans"
_FILES = {
    FAMILY: "DejaVuSans.ttf",
    f"{FAMILY}-Bold": "DejaVuSans-Bold.ttf",
    f"{FAMILY}-Italic": "DejaVuSans-Oblique.ttf",
    f"{FAMILY}-BoldItalic": "DejaVuSans-BoldOblique.ttf",
}


@cache
def register_fonts() -> str:
    """Register the family (regular, bold, italic, bold italic) and return its name."""
    for name, filename in _FILES.items():
        path = resources.fonts_dir() / filename
        try:
            pdfmetrics.registerFont(TTFont(name, str(path)))
        except (OSError, TTFError) as exc:
            raise AssetError(path, f"font cannot be loaded ({exc})") from None
    addMapping(FAMILY, 0, 0, FAMILY)
    addMapping(FAMILY, 1, 0, f"{FAMILY}-Bold")
    addMapping(FAMILY, 0, 1, f"{FAMILY}-Italic")
    addMapping(FAMILY, 1, 1, f"{FAMILY}-BoldItalic")
    return FAMILY


def bold(family: str) -> str:
    """The bold face of a registered family."""
    return f"{family}-Bold"
