"""The one body model every picture uses: proportions, joints and how a figure is drawn.

A :class:`Figure` is a whole person seen from the side, facing right, given as a hip
position and segment directions (degrees, see :mod:`tools.illustrations.geometry`).
Seen from that side the person's **right** limbs are nearest ("near", drawn dark, in
front of the body) and the left limbs are behind ("far", drawn lighter). A pose that
needs the left side nearest mirrors the whole picture (``Pose(mirror=True)``).
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise

from tools.illustrations.geometry import Point, angle, capsule, reach, toward
from tools.illustrations.svg import GHOST, INK, INK_FAR, PAPER, circle, group, polygon


@dataclass(frozen=True)
class Body:
    """Segment lengths and joint radii in SVG user units (the same in every picture)."""

    head_r: float = 14.0
    neck: float = 23.0  # shoulder point to head centre
    torso: float = 66.0  # hip point to shoulder point
    upper_arm: float = 40.0
    forearm: float = 35.0  # elbow to wrist
    hand: float = 12.0  # wrist to fingertips
    thigh: float = 57.0
    shin: float = 54.0
    foot: float = 20.0  # ankle to toes, along the sole
    heel: float = 6.0  # how far the heel sticks out behind the ankle
    r_shoulder: float = 7.0
    r_elbow: float = 4.8
    r_wrist: float = 3.4
    r_palm: float = 4.8
    r_hip: float = 8.5
    r_knee: float = 6.0
    r_ankle: float = 4.2
    r_heel: float = 4.6
    r_toe: float = 3.0
    r_neck: float = 4.4


BODY = Body()
# The ankle's height above whatever the foot stands on, with the sole flat (foot angle
# 0 facing right): put an ankle at (x, FLOOR_Y - ANKLE_HEIGHT) for a foot on the floor.
ANKLE_HEIGHT = 8.0
# How far the body's middle line sits above what a lying figure rests on.
LYING_HEIGHT = 10.0


@dataclass(frozen=True)
class Leg:
    """Segment directions: hip→knee, knee→ankle, ankle→toe (0 = a foot flat, facing right)."""

    thigh: float
    shin: float
    foot: float = 0.0


@dataclass(frozen=True)
class Arm:
    """Segment directions: shoulder→elbow, elbow→wrist, and the hand (default: in line).

    ``fore_len`` shortens the forearm as seen from the side, only for a forearm that
    points partly towards the viewer (e.g. wrapped round the front of the shins).
    """

    upper: float
    fore: float
    hand: float | None = None
    fore_len: float = BODY.forearm


@dataclass(frozen=True)
class LegPoints:
    """Where one leg's joints are: for placing props (a band round the foot, a step)."""

    hip: Point
    knee: Point
    ankle: Point
    heel: Point
    toe: Point


@dataclass(frozen=True)
class ArmPoints:
    """Where one arm's joints are; ``hand`` is the middle of the palm (what holds things)."""

    shoulder: Point
    elbow: Point
    wrist: Point
    hand: Point
    tip: Point


@dataclass(frozen=True)
class Figure:
    """A whole person seen from the side, facing right.

    ``torso`` is the hip→shoulder direction (90 standing, 180 lying on the back with
    the head to the left, 0 lying face down with the head to the right); ``head`` is
    the shoulder→head direction, ``None`` for in line with the torso.
    """

    hip: Point
    torso: float
    near_leg: Leg
    far_leg: Leg
    near_arm: Arm
    far_arm: Arm
    head: float | None = None

    @property
    def shoulder(self) -> Point:
        """Where the arms attach."""
        return shoulder_of(self.hip, self.torso)

    @property
    def head_centre(self) -> Point:
        """The middle of the head."""
        return toward(self.shoulder, BODY.neck, self.torso if self.head is None else self.head)

    @property
    def arm_root(self) -> Point:
        """Where the arms hang from: the shoulder (a figure that moves its shoulders
        against its chest says otherwise)."""
        return self.shoulder

    @property
    def near(self) -> tuple[LegPoints, ArmPoints]:
        """The near (right) leg's and arm's joints."""
        return leg_points(self.hip, self.near_leg), arm_points(self.arm_root, self.near_arm)

    @property
    def far(self) -> tuple[LegPoints, ArmPoints]:
        """The far (left) leg's and arm's joints."""
        return leg_points(self.hip, self.far_leg), arm_points(self.arm_root, self.far_arm)


def shoulder_of(hip: Point, torso: float) -> Point:
    """Shoulder position for a hip and torso direction (to pose arms before the Figure)."""
    return toward(hip, BODY.torso, torso)


def leg_to(hip: Point, ankle: Point, foot: float = 0.0, bend: int = 1) -> Leg:
    """A leg whose ankle lands on ``ankle``; ``bend=1`` puts the knee in front for a leg
    pointing down (a standing or sitting figure facing right)."""
    thigh, shin = reach(hip, ankle, BODY.thigh, BODY.shin, bend)
    return Leg(thigh, shin, foot)


def arm_to(shoulder: Point, hand: Point, bend: int = -1, hand_dir: float | None = None) -> Arm:
    """An arm whose palm lands on ``hand``; ``bend=-1`` points the elbow back and down
    for a hand reaching forward."""
    palm = BODY.hand * 0.45
    upper, fore = reach(shoulder, hand, BODY.upper_arm, BODY.forearm + palm, bend)
    return Arm(upper, fore, hand_dir)


def leg_points(hip: Point, leg: Leg) -> LegPoints:
    """Joint positions of one leg."""
    knee = toward(hip, BODY.thigh, leg.thigh)
    ankle = toward(knee, BODY.shin, leg.shin)
    sole = leg.foot - 90  # the sole faces "down" relative to the foot
    heel = toward(toward(ankle, BODY.heel, leg.foot + 180), ANKLE_HEIGHT - BODY.r_heel, sole)
    toe = toward(toward(ankle, BODY.foot, leg.foot), ANKLE_HEIGHT - BODY.r_toe, sole)
    return LegPoints(hip, knee, ankle, heel, toe)


def arm_points(shoulder: Point, arm: Arm) -> ArmPoints:
    """Joint positions of one arm."""
    elbow = toward(shoulder, BODY.upper_arm, arm.upper)
    wrist = toward(elbow, arm.fore_len, arm.fore)
    direction = arm.fore if arm.hand is None else arm.hand
    return ArmPoints(
        shoulder,
        elbow,
        wrist,
        toward(wrist, BODY.hand * 0.45, direction),
        toward(wrist, BODY.hand, direction),
    )


# --- drawing --------------------------------------------------------------------------

Chain = list[tuple[Point, float]]  # joint centres with their radii, along one limb


def _chain_shapes(chain: Chain) -> list[str]:
    """Tapered solid segments between consecutive joints, and the round joints."""
    out = []
    for (a, ra), (b, rb) in pairwise(chain):
        corners = capsule(a, ra, b, rb)
        if corners:
            out.append(polygon(corners))
    out += [circle(p, r) for p, r in chain]
    return out


def leg_chain(hip: Point, leg: Leg, from_hip: float = 0.0) -> Chain:
    """A leg as joints with radii; ``from_hip`` starts that fraction down the thigh."""
    p = leg_points(hip, leg)
    start = toward(hip, BODY.thigh * from_hip, leg.thigh)
    r_start = BODY.r_hip + (BODY.r_knee - BODY.r_hip) * from_hip
    foot = [(p.heel, BODY.r_heel), (p.toe, BODY.r_toe)]
    return [(start, r_start), (p.knee, BODY.r_knee), (p.ankle, BODY.r_ankle), *foot]


def arm_chain(shoulder: Point, arm: Arm, from_shoulder: float = 0.0) -> Chain:
    """An arm as joints with radii (the hand a small mitten)."""
    p = arm_points(shoulder, arm)
    start = toward(shoulder, BODY.upper_arm * from_shoulder, arm.upper)
    r_start = BODY.r_shoulder + (BODY.r_elbow - BODY.r_shoulder) * from_shoulder
    return [
        (start, r_start),
        (p.elbow, BODY.r_elbow),
        (p.wrist, BODY.r_wrist),
        (p.hand, BODY.r_palm),
        (p.tip, BODY.r_wrist * 0.9),
    ]


# Torso profile: (fraction from hip to shoulder, front half-width, back half-width).
# Buttocks behind the hip, a slim waist, a fuller chest, rounded shoulders.
TORSO_PROFILE = (
    (-0.14, 4.0, 7.0),
    (0.0, 8.5, 11.5),
    (0.25, 9.0, 8.5),
    (0.5, 9.5, 8.0),
    (0.75, 11.0, 9.0),
    (0.95, 9.0, 9.0),
    (1.1, 4.0, 6.0),
)


def torso_outline(hip: Point, torso: float) -> list[Point]:
    """The torso as one polygon: up the front, back down the back."""
    axis = [(toward(hip, BODY.torso * t, torso), f, b) for t, f, b in TORSO_PROFILE]
    front = [toward(p, f, torso - 90) for p, f, _ in axis]
    back = [toward(p, b, torso + 90) for p, _, b in reversed(axis)]
    return front + back


def head_shapes(fig: Figure) -> list[str]:
    """Neck, head and a small nose that shows which way the face looks."""
    shoulder, centre = fig.shoulder, fig.head_centre
    neck_dir = angle(shoulder, centre)
    neck_top = toward(centre, BODY.head_r * 0.5, neck_dir + 180)
    out = _chain_shapes([(shoulder, BODY.r_neck + 1), (neck_top, BODY.r_neck)])
    out.append(circle(centre, BODY.head_r))
    out.append(circle(toward(centre, BODY.head_r - 0.5, neck_dir - 95), 3.2))
    return out


def draw_figure(fig: Figure, ghost: bool = False) -> list[str]:
    """The whole person: far limbs, torso and head, then the near limbs on top.

    The near limbs get a thin paper-coloured outline so they stand out where they cross
    the body. A ghost (a start position) is one flat light tone with no outlines, so it
    stays in the background behind the solid figure.
    """
    near, far = (GHOST, GHOST) if ghost else (INK, INK_FAR)
    s = fig.shoulder
    far_shapes = _chain_shapes(arm_chain(s, fig.far_arm)) + _chain_shapes(
        leg_chain(fig.hip, fig.far_leg)
    )
    core = [polygon(torso_outline(fig.hip, fig.torso)), *head_shapes(fig)]
    near_leg = leg_chain(fig.hip, fig.near_leg)
    near_arm = arm_chain(s, fig.near_arm)
    out = group(far_shapes, fill=far)
    out += group(core, fill=near, stroke=near, stroke_width=1.5, stroke_linejoin="round")
    for chain, halo_chain in (
        (near_leg, leg_chain(fig.hip, fig.near_leg, 0.45)),
        (near_arm, arm_chain(s, fig.near_arm, 0.4)),
    ):
        if not ghost:
            out += group(_chain_shapes(halo_chain), fill=PAPER, stroke=PAPER, stroke_width=3.5)
        out += group(_chain_shapes(chain), fill=near)
    return out
