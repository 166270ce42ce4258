"""The bundled sans faces, registered with ReportLab, and the font map SVG text uses.

Why here and not in ``handouts.render.fonts``: SVG text is converted (and measured
with ``stringWidth``) while the SVG is loaded, so the faces must be registered
before ``handouts.images`` hands the tree to svglib, and ``images`` sits below
``render``.  ``render.fonts`` builds its fallback chain on top of these faces.

Why a font map of our own: svglib's default map guesses a ``.ttf`` file name in
the working directory and then asks fontconfig (``fc-match``) for a system font,
so an SVG naming "Arial" would read files on this machine and print differently
on every machine.  ``BundledFontMap`` is passed to each ``SvgRenderer`` (svglib's
global map is never touched) and answers every family, weight and style with one
of the four bundled faces, so nothing is ever looked up.
"""

from __future__ import annotations

from functools import cache

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError, TTFont

from handouts import resources
from handouts.errors import AssetError

FAMILY = "HandoutSans"
BOLD = f"{FAMILY}-Bold"
ITALIC = f"{FAMILY}-Italic"
BOLD_ITALIC = f"{FAMILY}-BoldItalic"
FACES = frozenset({FAMILY, BOLD, ITALIC, BOLD_ITALIC})
_FILES = {
    FAMILY: "HandoutSans.ttf",
    BOLD: "HandoutSans-Bold.ttf",
    ITALIC: "HandoutSans-Oblique.ttf",
    BOLD_ITALIC: "HandoutSans-BoldOblique.ttf",
}
# CSS: 600 ("semi-bold") and above are drawn bold; "bolder" from a normal parent is 700.
_BOLD_FROM = 600


def load_font(name: str, filename: str, **kwargs: int) -> TTFont:
    """Register the bundled font file ``filename`` as ``name`` (AssetError if unusable)."""
    path = resources.fonts_dir() / filename
    try:
        font = TTFont(name, str(path), **kwargs)
    except (OSError, TTFError) as exc:
        raise AssetError(path, f"font cannot be loaded ({exc})") from None
    pdfmetrics.registerFont(font)
    return font


@cache
def register_faces() -> str:
    """Register the four bundled sans faces as one family; return the family's name."""
    for name, filename in _FILES.items():
        load_font(name, filename)
    addMapping(FAMILY, 0, 0, FAMILY)
    addMapping(FAMILY, 1, 0, BOLD)
    addMapping(FAMILY, 0, 1, ITALIC)
    addMapping(FAMILY, 1, 1, BOLD_ITALIC)
    return FAMILY


def face(weight: object = "normal", style: object = "normal") -> str:
    """The bundled face for a CSS ``font-weight`` and ``font-style`` (any family)."""
    text = str(weight).strip().lower()
    bold = text in ("bold", "bolder") or (text.isdigit() and int(text[:4]) >= _BOLD_FROM)
    sloped = str(style).strip().lower().startswith(("italic", "oblique"))
    return {
        (False, False): FAMILY,
        (True, False): BOLD,
        (False, True): ITALIC,
        (True, True): BOLD_ITALIC,
    }[(bold, sloped)]


class BundledFontMap:
    """What svglib asks for a font: every family maps to a bundled face, exactly.

    Implements the one method svglib's ``Svg2RlgAttributeConverter`` calls on its
    ``font_map``.  "Exact" so svglib stops at the first family of a list.
    """

    def __init__(self) -> None:
        register_faces()

    def find_font(
        self, font_name: str, weight: object = "normal", style: object = "normal"
    ) -> tuple[str, bool]:
        return face(weight, style), True
