"""A picture's description: the figure, its props, the start position and one arrow.

:func:`render` turns a :class:`Pose` into the SVG text written to
``assets/library/illustrations/<id>.svg``; nothing else decides what a picture shows.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from tools.illustrations.body import Figure, draw_figure
from tools.illustrations.geometry import Point, angle, toward
from tools.illustrations.props import Prop
from tools.illustrations.svg import ACCENT, FLOOR, FLOOR_Y, document, line, polygon

ARROW_W = 5.0


@dataclass(frozen=True)
class Arrow:
    """The one movement arrow's shapes (make it with :func:`arrow` or :func:`arc_arrow`)."""

    shapes: tuple[str, ...]


def _head(tip: Point, deg: float, size: float = 13.0) -> str:
    back = toward(tip, size, deg + 180)
    return polygon(
        [tip, toward(back, size * 0.6, deg + 90), toward(back, size * 0.6, deg - 90)], fill=ACCENT
    )


def arrow(start: Point, end: Point, both: bool = False) -> Arrow:
    """A straight arrow from ``start`` to ``end``; ``both`` for a back-and-forth movement."""
    deg = angle(start, end)
    a = toward(start, 9, deg) if both else start
    shaft = line([a, toward(end, 9, deg + 180)], ACCENT, ARROW_W)
    heads = [_head(end, deg)] + ([_head(start, deg + 180)] if both else [])
    return Arrow((shaft, *heads))


def arc_arrow(centre: Point, radius: float, start_deg: float, end_deg: float) -> Arrow:
    """A curved arrow round ``centre`` (e.g. a joint), from ``start_deg`` to its head at
    ``end_deg``; drawn as short chords so every renderer gives the same curve."""
    sweep = end_deg - start_deg
    head_gap = math.degrees(9 / radius) * (1 if sweep > 0 else -1)
    steps = max(4, int(abs(sweep) / 6))
    chord = [
        toward(centre, radius, start_deg + (sweep - head_gap) * i / steps) for i in range(steps + 1)
    ]
    tip = toward(centre, radius, end_deg)
    tangent = end_deg + (90 if sweep > 0 else -90) - head_gap / 2
    return Arrow((line(chord, ACCENT, ARROW_W), _head(tip, tangent)))


@dataclass(frozen=True)
class Pose:
    """What one exercise's picture shows.

    ``figure`` is the end (or held) position, drawn solid; ``start`` the start position,
    drawn light behind it; ``arrow`` the one movement arrow. ``props`` are every piece
    of equipment and support drawn (see :mod:`tools.illustrations.props`). ``not_drawn``
    names a support the steps or safety note mention that the picture leaves out on
    purpose, with the reason (e.g. ``{"chair": "only if balance is poor"}``).
    ``mirror`` flips the picture so the figure faces left and its LEFT side is nearest.
    """

    figure: Figure
    props: tuple[Prop, ...] = ()
    start: Figure | None = None
    arrow: Arrow | None = None
    mirror: bool = False
    not_drawn: Mapping[str, str] = field(default_factory=dict)

    @property
    def prop_names(self) -> frozenset[str]:
        """The names of the props drawn (what the equipment check compares)."""
        return frozenset(p.name for p in self.props)


def _drawn(fig: Figure, ghost: bool = False) -> list[str]:
    """A figure's shapes: a figure that draws itself (another view, such as
    ``views.FrontFigure``) does; any other is drawn by the side-view body model."""
    own: Callable[[bool], list[str]] | None = getattr(fig, "draw", None)
    return own(ghost) if own is not None else draw_figure(fig, ghost)


def render(pose: Pose) -> str:
    """The SVG text: floor, props behind, the ghost, the figure, props in front, the arrow."""
    body = [line([(12, FLOOR_Y + 2), (388, FLOOR_Y + 2)], FLOOR, 4)]
    for p in pose.props:
        body += p.back
    if pose.start is not None:
        body += _drawn(pose.start, ghost=True)
    for p in pose.props:
        if p.ghost:
            body += p.front
    body += _drawn(pose.figure)
    for p in pose.props:
        if not p.ghost:
            body += p.front
    if pose.arrow is not None:
        body += pose.arrow.shapes
    return document(body, pose.mirror)
