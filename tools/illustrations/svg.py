"""The palette and the few SVG elements the pictures are made of.

Only plain shapes with presentation attributes (no CSS, text, markers, opacity or
gradients): the product embeds the files with svglib, which silently drops what it
does not understand. Colours are solid and differ in lightness, so a picture still
reads when a handout is printed in greyscale.
"""

from __future__ import annotations

from collections.abc import Iterable

from tools.illustrations.geometry import Point

WIDTH = 400
HEIGHT = 300
FLOOR_Y = 280.0  # the top of the floor in every picture

INK = "#27313b"  # the figure's near side
INK_FAR = "#7d8893"  # the far-side limbs: lighter, so depth reads at a glance
GHOST = "#cdd4db"  # the start position of a movement
PAPER = "#ffffff"  # outlines that lift near limbs off the body behind them
LINE = "#56616c"  # every prop's outline
FILL = "#e4e8ec"  # every prop's body
FLOOR = "#9aa5b1"
BAND = "#2f8f83"  # an elastic band: a colour of its own, never the arrow's
ACCENT = "#dd6b20"  # the one movement arrow


def fmt(v: float) -> str:
    """One decimal place, no trailing ``.0``: small files and stable output."""
    s = f"{v:.1f}".removesuffix(".0")
    return "0" if s == "-0" else s


def el(tag: str, **attrs: str | float) -> str:
    """One self-closing element; ``stroke_width`` becomes ``stroke-width``."""
    parts = [tag]
    for key, value in attrs.items():
        text = fmt(value) if isinstance(value, float | int) else value
        parts.append(f'{key.replace("_", "-")}="{text}"')
    return "<" + " ".join(parts) + "/>"


def group(items: Iterable[str], **attrs: str | float) -> list[str]:
    """Elements sharing presentation attributes (fill, stroke …) written once."""
    body = list(items)
    if not body:
        return []
    return [el("g", **attrs).removesuffix("/>") + ">", *body, "</g>"]


def pts(points: Iterable[Point]) -> str:
    """A ``points`` attribute value."""
    return " ".join(f"{fmt(x)},{fmt(y)}" for x, y in points)


def polygon(points: Iterable[Point], **attrs: str | float) -> str:
    """A closed shape; colours come from ``attrs`` or the enclosing group."""
    return el("polygon", points=pts(points), **attrs)


def circle(c: Point, r: float, **attrs: str | float) -> str:
    """A circle; colours come from ``attrs`` or the enclosing group."""
    return el("circle", cx=c[0], cy=c[1], r=r, **attrs)


def line(points: list[Point], colour: str, width: float) -> str:
    """A round-capped stroke through ``points`` (an arrow shaft, a band, a chair frame)."""
    if len(points) == 2:
        (x1, y1), (x2, y2) = points
        return el(
            "line", x1=x1, y1=y1, x2=x2, y2=y2, stroke=colour, stroke_width=width,
            stroke_linecap="round",
        )  # fmt: skip
    return el(
        "polyline", points=pts(points), fill="none", stroke=colour, stroke_width=width,
        stroke_linecap="round", stroke_linejoin="round",
    )  # fmt: skip


def document(body: list[str], mirror: bool = False) -> str:
    """The fixed 400 x 300 landscape root around ``body``; ``mirror`` flips it left-right."""
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" '
        f'viewBox="0 0 {WIDTH} {HEIGHT}">'
    )
    if mirror:
        body = group(body, transform=f"matrix(-1 0 0 1 {WIDTH} 0)")
    return "\n".join([head, *body, "</svg>"]) + "\n"
