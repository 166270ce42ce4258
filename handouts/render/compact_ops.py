"""Compact the PDF operators ReportLab writes for a vector drawing.

svglib turns every SVG shape into a group of its own, so ReportLab's
``renderPDF`` writes each shape as ``q … Q`` restating the whole graphics state
(``1 w 0 J 0 j [] 0 d``, both colours) and an identity ``1 0 0 1 0 0 cm``, with
numbers such as ``183.3222``.  ``compact`` reads that stream, works out which
settings each painting operator actually depends on, and writes the same picture
again with only those settings, set only when they change:

* a fill (``f``) needs the fill colour only; a stroke (``S``) the stroke colour,
  width, caps, joins, dash and miter limit; ``B`` both;
* ``q``/``Q`` are kept only around a transformation (``cm``) or a clipping path,
  or where a setting must be undone because later shapes rely on the state the
  drawing started with (unknown: the state the picture is drawn in);
* identity ``cm``, groups that paint nothing, and the no-op ``n`` before each
  path are dropped;
* numbers are rounded to what prints: coordinates, widths and dashes to
  1/20,000 of the picture's larger side (at most a hundredth of a millimetre on
  a picture 20 cm wide, well below a 2,400 dpi printer's dot), colours to
  three decimals (exact for 8-bit colour: 0.0005 is an eighth of a step).

Only the operators ReportLab writes for paths are understood; anything else
(text, images, transparency, shadings) makes ``compact`` return None, and the
caller draws the picture as before.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

from reportlab.graphics.shapes import mmult

# Operators that set one graphics-state parameter, and how many operands they take
# (None: a dash array and its phase).
_SETTERS: dict[str, tuple[str, int | None]] = {
    "RG": ("stroke", 3),
    "G": ("stroke", 1),
    "K": ("stroke", 4),
    "rg": ("fill", 3),
    "g": ("fill", 1),
    "k": ("fill", 4),
    "w": ("width", 1),
    "J": ("cap", 1),
    "j": ("join", 1),
    "M": ("miter", 1),
    "d": ("dash", None),
}
_COLOURS = frozenset({"RG", "G", "K", "rg", "g", "k"})
_STROKE_NEEDS = ("stroke", "width", "cap", "join", "miter", "dash")
_PAINT_NEEDS: dict[str, tuple[str, ...]] = {
    "f": ("fill",),
    "F": ("fill",),
    "f*": ("fill",),
    "S": _STROKE_NEEDS,
    "s": _STROKE_NEEDS,
    "B": ("fill", *_STROKE_NEEDS),
    "B*": ("fill", *_STROKE_NEEDS),
    "b": ("fill", *_STROKE_NEEDS),
    "b*": ("fill", *_STROKE_NEEDS),
    "n": (),
}
_DOT_NEEDS = ("stroke", "width", "cap", "dash")
_PATH_OPERANDS = {"m": 2, "l": 2, "c": 6, "v": 4, "y": 4, "re": 4, "h": 0}
_FILLS_CLOSE = frozenset({"f", "F", "f*", "n"})  # these close an open subpath themselves
_NUMBER = re.compile(r"[-+]?(?:\d+\.?\d*|\.\d+)")
_TOKEN = re.compile(r"\s*([-+]?(?:\d+\.?\d*|\.\d+)|[A-Za-z*]+|\[|\]|\S)")
_UNKNOWN = "?"  # a parameter the drawing did not set: whatever the page had
_IDENTITY = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)

Matrix = tuple[float, float, float, float, float, float]


class _UnsupportedError(Exception):
    """An operator or operand this module does not rewrite."""


@dataclass
class _Paint:
    """One painting operator, its path, and the settings it depends on."""

    op: str
    path: list[str]  # already formatted: "12 282 m", ...
    needs: dict[str, str]  # parameter -> its setting operator, formatted
    clip: str = ""  # "W" or "W*" before the painting operator


@dataclass
class _Block:
    """A ``q … Q`` of the original stream."""

    items: list[_Paint | _Block | str] = field(default_factory=list)  # str: a "cm"
    sets: set[str] = field(default_factory=set)  # parameters set directly inside
    fixed: bool = False  # holds a cm or a clip: its q/Q must stay
    paints: bool = False  # paints something, itself or inside


@dataclass(frozen=True)
class Compacted:
    """A drawing's compacted operators and the box they paint in (its own units)."""

    ops: str
    bbox: tuple[float, float, float, float]


def compact(code: str, width: float, height: float) -> Compacted | None:
    """The operators ``code`` for a ``width`` x ``height`` picture, compacted.

    None when ``code`` holds an operator other than paths, their settings,
    ``q``/``Q``, ``cm`` and clipping.
    """
    try:
        parser = _Parser(max(width, height), dots=True)
        root = parser.parse(code)
        if parser.made_dots and parser.unknown_needed & set(_DOT_NEEDS):
            # A shape relies on a stroke setting the page made: a dot's settings
            # could reach it, so no dots (rare: ReportLab sets them all first).
            parser = _Parser(max(width, height), dots=False)
            root = parser.parse(code)
    except _UnsupportedError:
        return None
    _mark_painting(root)
    out: list[str] = []
    _Writer(out, parser.unknown_needed).block(root, {}, top=True)
    bbox = parser.bbox(width, height)
    return Compacted("\n".join(out), bbox)


def _number(value: float, decimals: int) -> str:
    """``value`` with at most ``decimals`` decimals, as short as PDF allows."""
    text = f"{value:.{decimals}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    if text in ("-0", ""):
        return "0"
    if text.startswith("0."):
        return text[1:]
    if text.startswith("-0."):
        return "-" + text[2:]
    return text


class _Parser:
    """Reads the stream into blocks, simulating the graphics state as a PDF reader does."""

    def __init__(self, size: float, *, dots: bool) -> None:
        self.dots = dots
        self.made_dots = False
        # Rounding step: 1/20,000 of the picture's larger side, in the picture's units.
        self.tolerance = size / 20_000 if size > 0 else 0.001
        self.unknown_needed: set[str] = set()
        self.bounds = [math.inf, math.inf, -math.inf, -math.inf]
        self.reach = 0.0  # how far a stroke may reach beyond its path (picture units)

    def parse(self, code: str) -> _Block:
        tokens = [m.group(1) for m in _TOKEN.finditer(code)]
        root = _Block(fixed=True)
        blocks = [root]
        states: list[dict[str, str]] = [{}]
        ctms: list[Matrix] = [_IDENTITY]
        operands: list[str] = []
        path: list[str] = []
        shape: list[tuple[str, list[float]]] = []  # the path's operators, unrounded
        points: list[tuple[float, float]] = []
        clip = ""
        index = 0
        while index < len(tokens):
            token = tokens[index]
            index += 1
            if token == "[":
                if "]" not in tokens[index:]:
                    raise _UnsupportedError(token)
                end = tokens.index("]", index)
                operands.append("[" + " ".join(tokens[index:end]) + "]")
                index = end + 1
                continue
            if _is_number(token):
                operands.append(token)
                continue
            op = token
            block, state, ctm = blocks[-1], states[-1], ctms[-1]
            if op == "q":
                self._expect(operands, 0)
                child = _Block()
                block.items.append(child)
                blocks.append(child)
                states.append(dict(state))
                ctms.append(ctm)
            elif op == "Q":
                self._expect(operands, 0)
                if len(blocks) == 1 or path:
                    raise _UnsupportedError(op)
                blocks.pop()
                states.pop()
                ctms.pop()
            elif op == "cm":
                written = " ".join(operands) + " cm"
                matrix = self._numbers(operands, 6)
                if path:
                    raise _UnsupportedError(op)
                a, b, c, d, e, f = matrix
                if (a, b, c, d, e, f) != _IDENTITY:
                    block.items.append(written)
                    block.fixed = True
                    # ``cm`` applies its matrix first, then the current one.
                    ctms[-1] = mmult(ctm, (a, b, c, d, e, f))
            elif op in _SETTERS:
                if path:
                    raise _UnsupportedError(op)
                name, _ = _SETTERS[op]
                state[name] = self._setting(op, operands, ctm)
                block.sets.add(name)
            elif op in _PATH_OPERANDS:
                values = self._numbers(operands, _PATH_OPERANDS[op])
                decimals = self._decimals(ctm)
                path.append(" ".join([*(_number(v, decimals) for v in values), op]))
                shape.append((op, values))
                if op == "re":
                    x, y, w, h = values
                    points += [(x, y), (x + w, y + h)]
                else:
                    points += list(zip(values[::2], values[1::2], strict=True))
            elif op in ("W", "W*"):
                self._expect(operands, 0)
                clip = op
            elif op in _PAINT_NEEDS:
                self._expect(operands, 0)
                if op == "n" and not clip:
                    path, points, shape = [], [], []  # ends a path, paints nothing
                    continue
                if op in _FILLS_CLOSE and path and path[-1] == "h":
                    path.pop()
                dots = None if clip else self._dots(op, shape, state, ctm)
                if dots is not None:
                    block.items.extend(dots)
                else:
                    needs: dict[str, str] = {}
                    for name in _PAINT_NEEDS[op]:
                        needs[name] = state.get(name, _UNKNOWN)
                        if needs[name] == _UNKNOWN:
                            self.unknown_needed.add(name)
                    block.items.append(_Paint(op, path, needs, clip))
                if clip:
                    block.fixed = True
                self._extend(points, ctm, state if op not in ("f", "F", "f*", "n") else None)
                path, points, shape, clip = [], [], [], ""
            else:
                raise _UnsupportedError(op)
        if len(blocks) != 1 or path or operands:
            raise _UnsupportedError("unbalanced")
        return root

    def _dots(
        self, op: str, shape: list[tuple[str, list[float]]], state: dict[str, str], ctm: Matrix
    ) -> list[_Paint] | None:
        """A filled circle as a dot: a very short line with round caps, the circle's
        diameter wide (ISO 32000-1 8.5.3.3: a round cap is a half disc).

        Why: ReportLab writes a circle as four Bézier curves, about 130 bytes;
        the dot is about 30, and the illustrations' joints are hundreds of circles.
        The line is one rounding step long rather than of length zero, so no
        viewer can treat it as a degenerate path.  An outlined circle (``B``) is
        two dots: the outline's colour, the outline's width wider, then the fill
        inside it.  None when the shape is not a circle or a setting is unknown.
        """
        # Even-odd or nonzero: the same for one circle.
        if not self.dots or op not in ("f", "f*", "B", "B*"):
            return None
        circle = _circle(shape)
        fill = state.get("fill", _UNKNOWN)
        if circle is None or fill == _UNKNOWN:
            return None
        x, y, radius = circle
        inside = _as_stroke(fill)
        decimals = self._decimals(ctm)
        self.made_dots = True
        if op in ("f", "f*"):
            return [_dot(x, y, 2 * radius, inside, decimals)]
        stroke, width = state.get("stroke", _UNKNOWN), state.get("width", _UNKNOWN)
        if _UNKNOWN in (stroke, width) or state.get("dash") != "[] 0 d":
            return None
        outline = float(width.split()[0])
        dots = [_dot(x, y, 2 * radius + outline, stroke, decimals)]
        if outline < 2 * radius and inside != stroke:
            dots.append(_dot(x, y, 2 * radius - outline, inside, decimals))
        return dots

    def _expect(self, operands: list[str], count: int) -> None:
        if len(operands) != count:
            raise _UnsupportedError("operands")
        operands.clear()

    def _numbers(self, operands: list[str], count: int) -> list[float]:
        if len(operands) != count or any(not _is_number(o) for o in operands):
            raise _UnsupportedError("operands")
        values = [float(o) for o in operands]
        if not all(math.isfinite(v) for v in values):
            raise _UnsupportedError("number")
        operands.clear()
        return values

    def _scale(self, ctm: Matrix) -> float:
        a, b, c, d, _, _ = ctm
        return max(math.hypot(a, b), math.hypot(c, d)) or 1.0

    def _decimals(self, ctm: Matrix) -> int:
        """Decimals that keep a rounded coordinate within the tolerance, under ``ctm``."""
        step = 2 * self.tolerance / self._scale(ctm)
        return min(max(math.ceil(-math.log10(step)), 0), 6)

    def _setting(self, op: str, operands: list[str], ctm: Matrix) -> str:
        """The setting operator, formatted (and rounded) for comparison and output."""
        count = _SETTERS[op][1]
        if count is None:  # dash: an array and a phase
            if len(operands) != 2 or not operands[0].startswith("["):
                raise _UnsupportedError(op)
            array, phase = operands[0][1:-1].split(), operands[1]
            values = [float(v) for v in [*array, phase] if _is_number(v)]
            if len(values) != len(array) + 1:
                raise _UnsupportedError(op)
            decimals = self._decimals(ctm)
            dashes = " ".join(_number(v, decimals) for v in values[:-1])
            operands.clear()
            return f"[{dashes}] {_number(values[-1], decimals)} d"
        values = self._numbers(operands, count)
        if op in _COLOURS:
            return " ".join([*(_number(v, 3) for v in values), op])
        if op == "w":
            self.reach = max(self.reach, values[0] * self._scale(ctm))
            return f"{_number(values[0], self._decimals(ctm))} w"
        return f"{_number(values[0], 3)} {op}"

    def _extend(
        self, points: list[tuple[float, float]], ctm: Matrix, stroked: dict[str, str] | None
    ) -> None:
        """Grow the painted box by ``points`` (a Bézier lies within its control points)."""
        a, b, c, d, e, f = ctm
        for x, y in points:
            px, py = a * x + c * y + e, b * x + d * y + f
            self.bounds[0] = min(self.bounds[0], px)
            self.bounds[1] = min(self.bounds[1], py)
            self.bounds[2] = max(self.bounds[2], px)
            self.bounds[3] = max(self.bounds[3], py)
        if stroked is not None and "width" not in stroked:
            self.reach = max(self.reach, 1.0)  # the page's width, unknown: assume 1

    def bbox(self, width: float, height: float) -> tuple[float, float, float, float]:
        """The picture's box, grown to hold everything painted.

        Why grow it: a form clips to its box, and the drawing as ReportLab drew it
        before was never clipped.  A stroke reaches half its width beyond the path,
        a mitred corner up to five widths (at the default miter limit of 10).
        """
        pad = 5 * self.reach + 1
        x0, y0, x1, y1 = self.bounds
        if x0 > x1:  # nothing painted
            return (0.0, 0.0, width, height)
        return (
            math.floor(min(0.0, x0 - pad)),
            math.floor(min(0.0, y0 - pad)),
            math.ceil(max(width, x1 + pad)),
            math.ceil(max(height, y1 + pad)),
        )


# ReportLab's quarter circle: control points at 0.5523 of the radius.
_KAPPA = 0.5522847498


def _circle(shape: list[tuple[str, list[float]]]) -> tuple[float, float, float] | None:
    """Centre and radius if ``shape`` is a circle as ReportLab writes it (a move and
    four quarter arcs, perhaps closed), within 0.2% of its radius; else None."""
    if shape and shape[-1][0] == "h":
        shape = shape[:-1]
    if [op for op, _ in shape] != ["m", "c", "c", "c", "c"]:
        return None
    ends = [(shape[0][1][0], shape[0][1][1])] + [(v[4], v[5]) for _, v in shape[1:]]
    cx, cy = (ends[0][0] + ends[2][0]) / 2, (ends[0][1] + ends[2][1]) / 2
    radius = math.dist(ends[0], (cx, cy))
    if radius <= 0:
        return None
    tolerance = radius * 2e-3
    for index, (_, values) in enumerate(shape[1:]):
        (ax, ay), (bx, by) = ends[index], ends[index + 1]
        if abs(math.dist((bx, by), (cx, cy)) - radius) > tolerance:
            return None
        first = (ax + _KAPPA * (bx - cx), ay + _KAPPA * (by - cy))
        second = (bx + _KAPPA * (ax - cx), by + _KAPPA * (ay - cy))
        if (
            math.dist(first, (values[0], values[1])) > tolerance
            or math.dist(second, (values[2], values[3])) > tolerance
        ):
            return None
    # A quarter turn each: the end points are a radius apart along perpendiculars.
    if abs((ends[1][0] - cx) * (ends[0][0] - cx) + (ends[1][1] - cy) * (ends[0][1] - cy)) > (
        tolerance * radius
    ):
        return None
    return cx, cy, radius


def _as_stroke(fill: str) -> str:
    """The fill colour setting as the same stroke colour (``rg`` -> ``RG``)."""
    values, op = fill.rsplit(" ", 1)
    return f"{values} {op.upper()}"


def _dot(x: float, y: float, diameter: float, colour: str, decimals: int) -> _Paint:
    step = 10.0**-decimals
    x0, y0 = round(x, decimals), _number(y, decimals)
    path = [f"{_number(x0, decimals)} {y0} m", f"{_number(x0 + step, decimals)} {y0} l"]
    settings = (colour, f"{_number(diameter, decimals)} w", "1 J", "[] 0 d")
    return _Paint("S", path, dict(zip(_DOT_NEEDS, settings, strict=True)))


def _is_number(token: str) -> bool:
    return _NUMBER.fullmatch(token) is not None


class _Writer:
    """Writes blocks back, setting each parameter only where a painting needs it changed."""

    def __init__(self, out: list[str], unknown_needed: set[str]) -> None:
        self.out = out
        self.unknown_needed = unknown_needed

    def block(self, block: _Block, emitted: dict[str, str], *, top: bool = False) -> None:
        if not block.paints:
            return
        # Why the test on `unknown_needed`: a painting later on may rely on a
        # parameter the drawing never set (the page's own); a group that sets it
        # must then undo its change with Q.
        keep = not top and (block.fixed or bool(block.sets & self.unknown_needed))
        if keep:
            self.out.append("q")
            emitted = dict(emitted)
        for item in block.items:
            if isinstance(item, str):
                self.out.append(item)
            elif isinstance(item, _Block):
                self.block(item, emitted)
            else:
                self.paint(item, emitted)
        if keep:
            self.out.append("Q")

    def paint(self, paint: _Paint, emitted: dict[str, str]) -> None:
        for name, setting in paint.needs.items():
            if setting != emitted.get(name, _UNKNOWN):
                if setting == _UNKNOWN:  # cannot happen: see `block`
                    raise AssertionError(name)
                self.out.append(setting)
                emitted[name] = setting
        ending = f"{paint.clip} {paint.op}" if paint.clip else paint.op
        self.out.append(" ".join([*paint.path, ending]))


def _mark_painting(block: _Block) -> bool:
    # A list, not a generator: every child block must be marked (no short circuit).
    marks = [
        _mark_painting(item) if isinstance(item, _Block) else isinstance(item, _Paint)
        for item in block.items
    ]
    block.paints = any(marks)
    return block.paints
