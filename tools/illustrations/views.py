"""Two kinds of figure the side-view body model cannot draw, in the same family style.

- :class:`FrontFigure`: a person facing the viewer (a neck turn or side bend, an arm
  moved across the chest, a forearm swung out to the side), standing, sitting or lying
  on one side.
- :class:`SideFigure`: the usual side view with three extras: an upper back that
  bends at a point along the spine (arching over a chair's backrest), shoulders moved
  against the chest (shrugged up, drawn back) and a face that stays level while the
  head slides forward or back (a chin tuck).

Both are :class:`DrawnFigure`: :func:`tools.illustrations.pose.render` lets a figure
with a ``draw`` method draw itself, and draws every other with the side-view model.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from itertools import pairwise

import tools.illustrations.pose as _pose
from tools.illustrations.body import (
    BODY,
    TORSO_PROFILE,
    Arm,
    ArmPoints,
    Figure,
    LegPoints,
    arm_chain,
    leg_chain,
)
from tools.illustrations.geometry import Point, angle, capsule, toward
from tools.illustrations.pose import Arrow
from tools.illustrations.props import OUTLINE, SEAT_H, Prop
from tools.illustrations.svg import (
    ACCENT,
    FILL,
    FLOOR_Y,
    GHOST,
    INK,
    INK_FAR,
    LINE,
    PAPER,
    circle,
    el,
    group,
    line,
    polygon,
)

Chain = list[tuple[Point, float]]


def _chain_shapes(chain: Chain) -> list[str]:
    """Tapered segments between consecutive joints, and the round joints."""
    out = []
    for (a, ra), (b, rb) in pairwise(chain):
        corners = capsule(a, ra, b, rb)
        if corners:
            out.append(polygon(corners))
    return out + [circle(p, r) for p, r in chain]


@dataclass(frozen=True)
class DrawnFigure(Figure):
    """A figure that draws itself (``pose.render`` asks it to)."""

    def draw(self, ghost: bool = False) -> list[str]:
        """The figure's shapes; ``ghost`` for the light start position."""
        raise NotImplementedError


# --- facing the viewer ------------------------------------------------------------------

SHOULDER_HALF = 21.0  # the shoulder joints' distance from the middle line
HIP_HALF = 10.0  # the hip joints' distance from the middle line
FRONT_ANKLE = 10.0  # ankle height above the floor for a foot seen from the front
# Front torso: (fraction from hip to neck base, half-width): hips, waist, chest, shoulders.
FRONT_PROFILE = (
    (-0.12, 14.0),
    (0.02, 18.0),
    (0.32, 15.0),
    (0.6, 16.5),
    (0.85, 20.5),
    (0.98, 21.5),
    (1.06, 14.0),
    (1.1, 6.0),
)


@dataclass(frozen=True)
class FrontFigure(DrawnFigure):
    """A person facing the viewer. The fields keep :class:`Figure`'s meaning in the
    picture plane: ``hip`` is the middle of the pelvis, ``torso`` the pelvis→neck
    direction (90 upright, 180 lying on the right side with the head to the left),
    ``head`` the neck's direction (tip it for a side bend). ``near_*`` is the person's
    RIGHT side (the viewer's left when upright, drawn dark), ``far_*`` the left (lighter).

    Limbs pointing towards the viewer look shorter: ``near_upper``/``far_upper`` and
    ``Arm.fore_len`` shorten the arm segments, ``thigh``/``shin`` the legs (a seated
    thigh seen end-on). ``turn`` turns the face to the person's right (degrees; 90 is
    full profile), shown by the eyes and the nose.

    ``start_near_arm``/``start_far_arm``: an arm's start position drawn light ON TOP of
    the body (the ghost figure is drawn behind the body, so an arm that starts in front
    of the chest would not show); use them with the same arms as the ``start`` figure.
    ``near_thigh``/``near_shin``: the right leg's own lengths when it is foreshortened
    differently from the left (one knee lifting towards the ceiling in a side-lying view).
    """

    turn: float = 0.0
    near_upper: float = BODY.upper_arm
    far_upper: float = BODY.upper_arm
    thigh: float = BODY.thigh
    shin: float = BODY.shin
    start_near_arm: Arm | None = None
    start_far_arm: Arm | None = None
    near_thigh: float | None = None
    near_shin: float | None = None

    def _side(self, point: Point, half: float, right: bool) -> Point:
        return toward(point, half, self.torso + (90 if right else -90))

    def _leg(self, right: bool) -> LegPoints:
        leg = self.near_leg if right else self.far_leg
        hip = self._side(self.hip, HIP_HALF, right)
        thigh = self.near_thigh if right and self.near_thigh is not None else self.thigh
        shin = self.near_shin if right and self.near_shin is not None else self.shin
        knee = toward(hip, thigh, leg.thigh)
        ankle = toward(knee, shin, leg.shin)
        toe = toward(ankle, 4.5, leg.foot)
        return LegPoints(hip, knee, ankle, ankle, toe)

    def _arm(self, right: bool, arm: Arm | None = None) -> ArmPoints:
        if arm is None:
            arm = self.near_arm if right else self.far_arm
        shoulder = self._side(self.shoulder, SHOULDER_HALF, right)
        elbow = toward(shoulder, self.near_upper if right else self.far_upper, arm.upper)
        wrist = toward(elbow, arm.fore_len, arm.fore)
        d = arm.fore if arm.hand is None else arm.hand
        return ArmPoints(
            shoulder, elbow, wrist, toward(wrist, BODY.hand * 0.45, d), toward(wrist, BODY.hand, d)
        )

    @property
    def near(self) -> tuple[LegPoints, ArmPoints]:
        """The right leg's and arm's joints (for placing props)."""
        return self._leg(True), self._arm(True)

    @property
    def far(self) -> tuple[LegPoints, ArmPoints]:
        """The left leg's and arm's joints."""
        return self._leg(False), self._arm(False)

    def _leg_chain(self, right: bool) -> Chain:
        p = self._leg(right)
        return [
            (p.hip, BODY.r_hip),
            (p.knee, BODY.r_knee),
            (p.ankle, BODY.r_ankle),
            (p.toe, 5.5),
        ]

    def _arm_chain(self, right: bool, start: float = 0.0, arm: Arm | None = None) -> Chain:
        p = self._arm(right, arm)
        root = (
            p.shoulder[0] + (p.elbow[0] - p.shoulder[0]) * start,
            p.shoulder[1] + (p.elbow[1] - p.shoulder[1]) * start,
        )
        return [
            (root, BODY.r_shoulder + (BODY.r_elbow - BODY.r_shoulder) * start),
            (p.elbow, BODY.r_elbow),
            (p.wrist, BODY.r_wrist),
            (p.hand, BODY.r_palm),
            (p.tip, BODY.r_wrist * 0.9),
        ]

    def _torso(self) -> list[Point]:
        axis = [(toward(self.hip, BODY.torso * t, self.torso), w) for t, w in FRONT_PROFILE]
        right = [self._side(p, w, True) for p, w in axis]
        left = [self._side(p, w, False) for p, w in reversed(axis)]
        return right + left

    def _head(self, ghost: bool) -> tuple[list[str], list[str]]:
        """The neck and head (one tone), and the face's light features."""
        up = self.torso if self.head is None else self.head
        base = self.shoulder
        centre = toward(base, BODY.neck, up)
        neck_top = toward(centre, BODY.head_r * 0.5, up + 180)
        shapes = _chain_shapes([(base, 6.5), (neck_top, 5.5)])
        shapes.append(circle(centre, BODY.head_r))
        right = up + 90  # towards the person's right
        nose = toward(toward(centre, 3.5, up - 180), 14 * math.sin(math.radians(self.turn)), right)
        shapes.append(circle(nose, 3.2))
        eyes = []
        if not ghost:
            for offset in (-30.0, 30.0):
                yaw = math.radians(self.turn + offset)
                if math.cos(yaw) > 0.25:
                    eye = toward(toward(centre, 2.0, up), 11 * math.sin(yaw), right)
                    eyes.append(circle(eye, 2.1))
        return shapes, eyes

    def draw(self, ghost: bool = False) -> list[str]:
        """Legs, torso, head, then the right arm and the left arm on top (each lifted
        off the body by a thin paper outline); the right side dark, the left lighter."""
        near, far = (GHOST, GHOST) if ghost else (INK, INK_FAR)
        out = group(_chain_shapes(self._leg_chain(False)), fill=far)
        out += group(_chain_shapes(self._leg_chain(True)), fill=near)
        head, eyes = self._head(ghost)
        core = [polygon(self._torso()), *head]
        out += group(core, fill=near, stroke=near, stroke_width=1.5, stroke_linejoin="round")
        out += group(eyes, fill=PAPER)
        if not ghost:
            for right, arm in ((True, self.start_near_arm), (False, self.start_far_arm)):
                if arm is not None:
                    out += group(_chain_shapes(self._arm_chain(right, arm=arm)), fill=GHOST)
        for right, tone in ((True, near), (False, far)):
            if not ghost:
                halo = _chain_shapes(self._arm_chain(right, 0.35))
                out += group(halo, fill=PAPER, stroke=PAPER, stroke_width=3.5)
            out += group(_chain_shapes(self._arm_chain(right)), fill=tone)
        return out


def front_chair(cx: float) -> Prop:
    """A sturdy chair seen from the front, centred on ``cx``: seat, legs and backrest
    behind a seated :class:`FrontFigure` (its ``hip`` at ``(cx, FLOOR_Y - SEAT_H - 8)``)."""
    top = FLOOR_Y - SEAT_H
    legs = [line([(cx + dx, top + 4), (cx + dx, FLOOR_Y)], LINE, 4) for dx in (-27, 27)]
    posts = [line([(cx + dx, top), (cx + dx, top - 52)], LINE, 4) for dx in (-24, 24)]
    seat = el("rect", x=cx - 32, y=top, width=64, height=7, rx=2.5)
    rest = el("rect", x=cx - 28, y=top - 58, width=56, height=24, rx=3)
    boards = group([seat, rest], fill=FILL, stroke=LINE, stroke_width=OUTLINE)
    return Prop("chair", back=(*legs, *posts, *boards))


def ellipse_arrow(
    centre: Point, rx: float, ry: float, start_deg: float, end_deg: float, tilt: float = 0.0
) -> Arrow:
    """A curved arrow along an ellipse round ``centre`` (a circle seen at a slant, e.g.
    a hand swinging round, or a forearm swinging out level), tilted by ``tilt``."""

    def at(deg: float) -> Point:
        x, y = toward((0.0, 0.0), 1.0, deg)
        ex, ey = x * rx, y * ry
        c, s = math.cos(math.radians(tilt)), math.sin(math.radians(tilt))
        return (centre[0] + ex * c + ey * s, centre[1] - ex * s + ey * c)

    sweep = end_deg - start_deg
    steps = max(6, int(abs(sweep) / 8))
    points = [at(start_deg + sweep * i / steps) for i in range(steps + 1)]
    tip = points[-1]
    # Stop the shaft short of the tip, where the head's base is.
    back = len(points) - 1
    while back > 0 and math.dist(points[back], tip) < 9:
        back -= 1
    deg = angle(points[back], tip)
    size = 13.0
    base = toward(tip, size, deg + 180)
    head = polygon(
        [tip, toward(base, size * 0.6, deg + 90), toward(base, size * 0.6, deg - 90)], fill=ACCENT
    )
    shaft = [*points[: back + 1], toward(tip, 9, deg + 180)]
    return Arrow((line(shaft, ACCENT, _pose.ARROW_W), head))


# --- side view extras ----------------------------------------------------------------------


@dataclass(frozen=True)
class SideFigure(DrawnFigure):
    """The usual side-view :class:`Figure` (facing right) with three extras.

    ``bend`` arches the spine: the torso runs along ``torso`` up to ``bend_at`` (a
    fraction of its length) and along ``torso + bend`` above it (positive: back).
    ``shoulder_shift`` moves the arms' root against the chest (``(0, -6)``: shrugged
    up; ``(-5, 2)``: drawn back and down). ``face`` is the nose's direction (``0``: level,
    looking ahead), or ``None`` for square to the neck as usual.
    """

    bend: float = 0.0
    bend_at: float = 0.7
    shoulder_shift: Point = (0.0, 0.0)
    face: float | None = None

    def spine(self, t: float) -> tuple[Point, float]:
        """The spine's point and direction at fraction ``t`` (rounded round the bend)."""
        soft = 0.12
        if t <= self.bend_at - soft:
            return toward(self.hip, BODY.torso * t, self.torso), self.torso
        steps = 8
        p = toward(self.hip, BODY.torso * (self.bend_at - soft), self.torso)
        t0, d = self.bend_at - soft, self.torso
        for i in range(1, steps + 1):
            t1 = (self.bend_at - soft) + (t - (self.bend_at - soft)) * i / steps
            k = min(1.0, max(0.0, ((t0 + t1) / 2 - (self.bend_at - soft)) / (2 * soft)))
            d = self.torso + self.bend * k
            p = toward(p, BODY.torso * (t1 - t0), d)
            t0 = t1
        return p, d

    @property
    def shoulder(self) -> Point:
        """The top of the (bent) spine: where the neck starts."""
        return self.spine(1.0)[0]

    @property
    def arm_root(self) -> Point:
        """Where the arms hang from (the shoulder, moved by ``shoulder_shift``)."""
        s = self.shoulder
        return (s[0] + self.shoulder_shift[0], s[1] + self.shoulder_shift[1])

    def _torso(self) -> list[Point]:
        front, back = [], []
        for t, f, b in TORSO_PROFILE:
            p, d = self.spine(t)
            front.append(toward(p, f, d - 90))
            back.append(toward(p, b, d + 90))
        return front + back[::-1]

    def _head(self) -> list[str]:
        s, centre = self.shoulder, self.head_centre
        neck_dir = angle(s, centre)
        neck_top = toward(centre, BODY.head_r * 0.5, neck_dir + 180)
        out = _chain_shapes([(s, BODY.r_neck + 1), (neck_top, BODY.r_neck)])
        out.append(circle(centre, BODY.head_r))
        face = neck_dir - 95 if self.face is None else self.face
        out.append(circle(toward(centre, BODY.head_r - 0.5, face), 3.2))
        return out

    def draw(self, ghost: bool = False) -> list[str]:
        """Drawn like :func:`~tools.illustrations.body.draw_figure`: far limbs, torso and
        head, then the near limbs with a thin paper outline."""
        near, far = (GHOST, GHOST) if ghost else (INK, INK_FAR)
        root = self.arm_root
        back = _chain_shapes(arm_chain(root, self.far_arm))
        back += _chain_shapes(leg_chain(self.hip, self.far_leg))
        out = group(back, fill=far)
        core = [polygon(self._torso()), *self._head()]
        out += group(core, fill=near, stroke=near, stroke_width=1.5, stroke_linejoin="round")
        for chain, halo in (
            (leg_chain(self.hip, self.near_leg), leg_chain(self.hip, self.near_leg, 0.45)),
            (arm_chain(root, self.near_arm), arm_chain(root, self.near_arm, 0.4)),
        ):
            if not ghost:
                out += group(_chain_shapes(halo), fill=PAPER, stroke=PAPER, stroke_width=3.5)
            out += group(_chain_shapes(chain), fill=near)
        return out
