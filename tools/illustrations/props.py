"""The one small set of props every picture draws from: one family of line drawings.

Each function returns a :class:`Prop` carrying its name (one of :data:`PROP_NAMES`)
and its SVG shapes, so a pose cannot draw a prop without declaring it: the test
compares those names with the exercise's ``equipment`` and the supports its steps name.
All props share one outline colour and weight (:data:`LINE`, 3 units) and one light
fill; only the elastic band has a colour of its own.
"""

from __future__ import annotations

from dataclasses import dataclass

from tools.illustrations.geometry import Point, angle, toward
from tools.illustrations.svg import (
    BAND,
    FILL,
    FLOOR_Y,
    GHOST,
    LINE,
    PAPER,
    circle,
    el,
    group,
    line,
    polygon,
)

PROP_NAMES = (
    "mat",
    "chair",
    "wall",
    "step",
    "band",
    "foam-roller",
    "spiky-ball",
    "dumbbell",
    "towel",
)

OUTLINE = 3.0  # every prop's line weight
MAT_H = 6.0  # a mat's thickness: a lying figure rests on FLOOR_Y - MAT_H
SEAT_H = 64.0  # a chair seat's height above the floor (a seated thigh rests on it)
SEAT_DEPTH = 46.0


@dataclass(frozen=True)
class Prop:
    """A drawn prop: its name, the shapes behind the figure and those in front of it."""

    name: str
    back: tuple[str, ...] = ()
    front: tuple[str, ...] = ()
    ghost: bool = False  # part of the start position: drawn with the ghost figure

    def __post_init__(self) -> None:
        """Only the fixed set: every picture stays one family, and the check knows them."""
        if self.name not in PROP_NAMES:
            raise ValueError(f"unknown prop {self.name!r}; use one of {', '.join(PROP_NAMES)}")


def _outlined(shapes: list[str]) -> tuple[str, ...]:
    return tuple(group(shapes, fill=FILL, stroke=LINE, stroke_width=OUTLINE))


def mat(x1: float, x2: float, thickness: float = MAT_H, base: float = FLOOR_Y) -> Prop:
    """An exercise mat on the floor from ``x1`` to ``x2`` (thicker: a folded mat or cushion)."""
    rect = el("rect", x=x1, y=base - thickness, width=x2 - x1, height=thickness, rx=2.5)
    return Prop("mat", back=_outlined([rect]))


def chair(front: float, facing: int = 1) -> Prop:
    """A sturdy chair seen from the side, its seat's front edge at ``front``.

    ``facing=1``: the seat's front points right and the backrest stands at the left
    (where a figure facing right sits); ``-1`` turns it round. The seat's top is at
    ``FLOOR_Y - SEAT_H``; use :func:`seat_hip` to sit a figure on it.
    """
    top = FLOOR_Y - SEAT_H
    back_x = front - facing * SEAT_DEPTH
    frame = [
        line([(front, top + 4), (front, FLOOR_Y)], LINE, 4),
        line([(back_x, FLOOR_Y), (back_x, top - 60)], LINE, 4),
    ]
    seat = el(
        "rect", x=min(front, back_x) - 3, y=top, width=SEAT_DEPTH + 6, height=7, rx=2.5,
        fill=FILL, stroke=LINE, stroke_width=OUTLINE,
    )  # fmt: skip
    rest = el(
        "rect", x=back_x - 4, y=top - 58, width=8, height=30, rx=3,
        fill=FILL, stroke=LINE, stroke_width=OUTLINE,
    )  # fmt: skip
    return Prop("chair", back=(*frame, seat, rest))


def seat_hip(front: float, depth: float = 0.4) -> Point:
    """The hip point of a figure sitting on :func:`chair` ``(front)``; ``depth`` is how far
    back on the seat (0 = the front edge, 1 = against the backrest)."""
    return (front - SEAT_DEPTH * depth, FLOOR_Y - SEAT_H - 8.0)


def chair_back_top(front: float, facing: int = 1) -> Point:
    """The top of the backrest: where a hand holds the chair for balance."""
    return (front - facing * SEAT_DEPTH, FLOOR_Y - SEAT_H - 58)


def wall(x: float, side: int = 1, top: float = 20.0) -> Prop:
    """A wall seen edge-on: its face at ``x``, its thickness on ``side`` (+1 right)."""
    x1 = x if side > 0 else x - 14
    rect = el("rect", x=x1, y=top, width=14, height=FLOOR_Y - top)
    return Prop("wall", back=_outlined([rect]))


def rail(x1: float, x2: float, height: float = 100.0) -> Prop:
    """A handrail (or worktop edge) along the far side of the figure, ``height`` above
    the floor: a wall-side support for balance. Its name is ``wall``."""
    y = FLOOR_Y - height
    posts = [line([(x, y), (x, FLOOR_Y)], LINE, 2.5) for x in (x1 + 12, x2 - 12)]
    feet = [line([(x - 6, FLOOR_Y), (x + 6, FLOOR_Y)], LINE, 3) for x in (x1 + 12, x2 - 12)]
    return Prop("wall", back=(*posts, *feet, line([(x1, y), (x2, y)], LINE, 5)))


def step(x1: float, x2: float, height: float = 40.0) -> Prop:
    """An exercise step or the bottom stair: a box with its tread edge marked."""
    top = FLOOR_Y - height
    box = el("rect", x=x1, y=top, width=x2 - x1, height=height, rx=3)
    tread = line([(x1 + 6, top + 7), (x2 - 6, top + 7)], LINE, 2)
    return Prop("step", back=(*_outlined([box]), tread))


def step_top(height: float = 40.0) -> float:
    """The y of a :func:`step`'s top (stand a foot on it with ``- ANKLE_HEIGHT``)."""
    return FLOOR_Y - height


def band(points: list[Point], ghost: bool = False) -> Prop:
    """An elastic band along ``points`` (a loop: pass it there and back, or use
    :func:`band_loop`). ``ghost=True`` draws where it was at the start."""
    shape = line(points, GHOST if ghost else BAND, 3.5)
    return Prop("band", front=(shape,), ghost=ghost)


def band_loop(a: Point, b: Point, ghost: bool = False) -> Prop:
    """A band looped between ``a`` and ``b``: two strands a little apart."""
    d = angle(a, b)
    return band(
        [toward(a, 3, d + 90), toward(b, 3, d + 90), toward(b, 3, d - 90), toward(a, 3, d - 90)],
        ghost,
    )


def foam_roller(cx: float, r: float = 19.0, base: float = FLOOR_Y) -> Prop:
    """A foam roller seen end-on, resting on ``base``: a circle with its hollow core."""
    c = (cx, base - r)
    return Prop("foam-roller", back=_outlined([circle(c, r), circle(c, r * 0.35, fill=PAPER)]))


def spiky_ball(cx: float, r: float = 10.0, base: float = FLOOR_Y) -> Prop:
    """A spiky massage ball resting on ``base``: a star of short spikes round a circle."""
    c = (cx, base - r - 3)
    spikes = 16
    star = [toward(c, r + (3.5 if i % 2 == 0 else 0), i * 180 / spikes) for i in range(2 * spikes)]
    return Prop("spiky-ball", back=_outlined([polygon(star, stroke_linejoin="round")]))


def dumbbell(centre: Point, deg: float = 0.0) -> Prop:
    """A hand weight held at ``centre`` (a palm), its handle along direction ``deg``."""
    ends = [toward(centre, 10, deg), toward(centre, 10, deg + 180)]
    plates = []
    for e in ends:
        top, bottom = toward(e, 6, deg + 90), toward(e, 6, deg - 90)
        corners = [toward(top, 4, deg), toward(top, 4, deg + 180)]
        corners += [toward(bottom, 4, deg + 180), toward(bottom, 4, deg)]
        plates.append(polygon(corners))
    return Prop("dumbbell", front=(line(ends, LINE, 4), *_outlined(plates)))


def towel(points: list[Point], ghost: bool = False) -> Prop:
    """A rolled towel or strap along ``points`` (e.g. from the hands round a foot)."""
    colour = GHOST if ghost else LINE
    shapes = (line(points, colour, 8), line(points, PAPER if ghost else FILL, 3.5))
    return Prop("towel", front=shapes, ghost=ghost)
