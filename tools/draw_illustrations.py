"""Draw the bundled exercise illustrations as small SVG files.

Why a script rather than hand-drawn files: every picture uses one shared body model
(same proportions, same line weights, same colours), so the nine drawings look like one
set, and a pose can be corrected by changing a few angles instead of redrawing by hand.
Running ``python tools/draw_illustrations.py`` rewrites every file in
``assets/library/illustrations/`` byte-for-byte the same each time.

The output deliberately uses only plain SVG shapes with presentation attributes (no CSS,
text, markers, opacity or gradients) because the product embeds the files with svglib,
which silently drops what it does not understand. Colours are solid and differ in
lightness, so the pictures still read when printed in greyscale.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

OUT_DIR = Path(__file__).resolve().parent.parent / "assets" / "library" / "illustrations"

# Colours: ink for the figure, a lighter ink for the far-side limbs (depth), a light grey
# for start positions and the floor, and one accent for arrows and the key equipment.
INK = "#2f3a45"
INK_FAR = "#5c6976"
GHOST = "#b4bec8"
FLOOR = "#9aa5b1"
MAT = "#dfe4e9"
ACCENT = "#e0782b"
PAPER = "#ffffff"

FLOOR_Y = 272.0  # top of the floor (or mat) in every picture

Point = tuple[float, float]


@dataclass(frozen=True)
class Body:
    """One shared body model: segment lengths and stroke widths in SVG user units."""

    head_r: float = 18.0
    neck: float = 29.0  # shoulder point to head centre
    torso: float = 80.0  # hip point to shoulder point
    upper_arm: float = 50.0
    forearm: float = 62.0  # elbow to the tip of the hand
    thigh: float = 70.0
    shin: float = 68.0
    foot: float = 27.0  # ankle to toes (the heel sticks out a little behind the ankle)
    heel: float = 7.0
    w_torso: float = 28.0
    w_neck: float = 11.0
    w_upper_arm: float = 12.0
    w_forearm: float = 11.0
    w_thigh: float = 17.0
    w_shin: float = 14.0
    w_foot: float = 10.0


BODY = Body()


# --- geometry -------------------------------------------------------------------------


def toward(p: Point, length: float, deg: float) -> Point:
    """Point ``length`` away from ``p`` in direction ``deg``: 0 = forward (right), 90 = up.

    Angles are in the usual maths sense, so poses read naturally; SVG's y axis points
    down, hence the minus sign.
    """
    rad = math.radians(deg)
    return (p[0] + length * math.cos(rad), p[1] - length * math.sin(rad))


def angle(a: Point, b: Point) -> float:
    """Direction from ``a`` to ``b`` in the same convention as :func:`toward`."""
    return math.degrees(math.atan2(a[1] - b[1], b[0] - a[0]))


def reach(root: Point, target: Point, l1: float, l2: float, bend: int) -> tuple[float, float]:
    """Two-bone inverse kinematics: segment angles that put the chain's end on ``target``.

    Lets a pose say "foot flat on the step here" or "hand on the knee" instead of
    guessing angles. ``bend`` (+1 or -1) picks which way the middle joint points:
    +1 bends it counter-clockwise of the root-target line (e.g. a knee forward when the
    leg points down and the figure faces right). Out-of-reach targets straighten the limb.
    """
    d = min(math.dist(root, target), l1 + l2 - 1e-6)
    base = angle(root, target)
    cos_a = (l1 * l1 + d * d - l2 * l2) / (2 * l1 * d)
    a = math.degrees(math.acos(max(-1.0, min(1.0, cos_a))))
    first = base + bend * a
    mid = toward(root, l1, first)
    return first, angle(mid, target)


# --- SVG helpers ----------------------------------------------------------------------


def fmt(v: float) -> str:
    """One decimal place, no trailing ``.0``: small files and stable output."""
    s = f"{v:.1f}"
    s = s.removesuffix(".0")
    return "0" if s == "-0" else s


def el(tag: str, **attrs: str | float) -> str:
    """One self-closing SVG element; ``stroke_width`` becomes ``stroke-width``."""
    parts = [tag]
    for key, value in attrs.items():
        text = fmt(value) if isinstance(value, float | int) else value
        parts.append(f'{key.replace("_", "-")}="{text}"')
    return "<" + " ".join(parts) + "/>"


def pts(points: list[Point]) -> str:
    """A ``points`` attribute value."""
    return " ".join(f"{fmt(x)},{fmt(y)}" for x, y in points)


def stroke(points: list[Point], colour: str, width: float) -> str:
    """A thick, round-capped stroke through ``points`` (a limb, an arrow shaft, a band)."""
    if len(points) == 2:
        (x1, y1), (x2, y2) = points
        return el(
            "line",
            x1=x1,
            y1=y1,
            x2=x2,
            y2=y2,
            stroke=colour,
            stroke_width=width,
            stroke_linecap="round",
        )
    return el(
        "polyline",
        points=pts(points),
        fill="none",
        stroke=colour,
        stroke_width=width,
        stroke_linecap="round",
        stroke_linejoin="round",
    )


def arrowhead(tip: Point, deg: float, size: float = 15.0) -> str:
    """A filled triangle pointing in direction ``deg`` (svglib has no markers)."""
    back = toward(tip, size, deg + 180)
    left = toward(back, size * 0.6, deg + 90)
    right = toward(back, size * 0.6, deg - 90)
    return el("polygon", points=pts([tip, left, right]), fill=ACCENT)


def arrow(start: Point, end: Point, both: bool = False) -> list[str]:
    """A straight accent arrow; ``both`` adds a second head for back-and-forth moves."""
    deg = angle(start, end)
    a = toward(start, 10, deg) if both else start
    b = toward(end, 10, deg + 180)
    out = [stroke([a, b], ACCENT, 6)]
    out.append(arrowhead(end, deg))
    if both:
        out.append(arrowhead(start, deg + 180))
    return out


def arc_arrow(centre: Point, radius: float, start_deg: float, end_deg: float) -> list[str]:
    """A curved accent arrow along a circle, head at ``end_deg``.

    Drawn as a polyline of short chords rather than an SVG arc so every renderer
    (and svglib) gives the same curve.
    """
    sweep = end_deg - start_deg
    head_gap = math.degrees(10 / radius) * (1 if sweep > 0 else -1)
    steps = max(4, int(abs(sweep) / 6))
    line = [
        toward(centre, radius, start_deg + (sweep - head_gap) * i / steps) for i in range(steps + 1)
    ]
    tip = toward(centre, radius, end_deg)
    tangent = end_deg + (90 if sweep > 0 else -90)
    return [stroke(line, ACCENT, 6), arrowhead(tip, tangent)]


# --- the figure -----------------------------------------------------------------------


@dataclass(frozen=True)
class Leg:
    """Segment directions (degrees, see :func:`toward`): hip→knee, knee→ankle, ankle→toe."""

    thigh: float
    shin: float
    foot: float


@dataclass(frozen=True)
class Arm:
    """Segment directions: shoulder→elbow, elbow→hand.

    ``fore_len`` is the forearm's length as seen from the side; it is shorter than
    ``BODY.forearm`` only when the forearm points partly towards the viewer (e.g. wrapped
    round the front of the shins).
    """

    upper: float
    fore: float
    fore_len: float = BODY.forearm


@dataclass(frozen=True)
class Pose:
    """A whole figure seen from the side. ``near`` limbs are drawn in front of the body."""

    hip: Point
    torso: float  # hip→shoulder direction
    head: float  # shoulder→head direction
    near_leg: Leg
    far_leg: Leg
    near_arm: Arm
    far_arm: Arm

    @property
    def shoulder(self) -> Point:
        """Where the arms attach."""
        return toward(self.hip, BODY.torso, self.torso)


def leg_to(hip: Point, ankle: Point, foot: float, bend: int = 1) -> Leg:
    """A leg whose ankle lands on ``ankle`` (knee direction from ``bend``)."""
    thigh, shin = reach(hip, ankle, BODY.thigh, BODY.shin, bend)
    return Leg(thigh, shin, foot)


def arm_to(shoulder: Point, hand: Point, bend: int = -1) -> Arm:
    """An arm whose hand lands on ``hand`` (elbow direction from ``bend``)."""
    upper, fore = reach(shoulder, hand, BODY.upper_arm, BODY.forearm, bend)
    return Arm(upper, fore)


def shoulder_of(hip: Point, torso: float) -> Point:
    """Shoulder position for a hip and torso angle, for posing arms before the Pose exists."""
    return toward(hip, BODY.torso, torso)


def leg_points(hip: Point, leg: Leg) -> tuple[list[Point], list[Point]]:
    """The hip-knee-ankle chain and the heel-toe foot line."""
    knee = toward(hip, BODY.thigh, leg.thigh)
    ankle = toward(knee, BODY.shin, leg.shin)
    heel = toward(ankle, BODY.heel, leg.foot + 180)
    toe = toward(ankle, BODY.foot, leg.foot)
    return [hip, knee, ankle], [heel, toe]


def arm_points(shoulder: Point, arm: Arm) -> list[Point]:
    """The shoulder-elbow-hand chain."""
    elbow = toward(shoulder, BODY.upper_arm, arm.upper)
    return [shoulder, elbow, toward(elbow, arm.fore_len, arm.fore)]


def draw_leg(hip: Point, leg: Leg, colour: str, halo: bool) -> list[str]:
    """Thigh, shin and foot; ``halo`` outlines them in paper colour to sit in front."""
    (h, k, a), foot = leg_points(hip, leg)
    out = []
    if halo:
        start = toward(h, BODY.thigh * 0.45, leg.thigh)
        out += [
            stroke([start, k], PAPER, BODY.w_thigh + 5),
            stroke([k, a], PAPER, BODY.w_shin + 5),
            stroke(foot, PAPER, BODY.w_foot + 5),
        ]
    out += [
        stroke([h, k], colour, BODY.w_thigh),
        stroke([k, a], colour, BODY.w_shin),
        stroke(foot, colour, BODY.w_foot),
    ]
    return out


def draw_arm(shoulder: Point, arm: Arm, colour: str, halo: bool) -> list[str]:
    """Upper arm and forearm (the round cap at the end reads as the hand)."""
    s, e, h = arm_points(shoulder, arm)
    out = []
    if halo:
        start = toward(s, BODY.upper_arm * 0.35, arm.upper)
        out += [
            stroke([start, e], PAPER, BODY.w_upper_arm + 5),
            stroke([e, h], PAPER, BODY.w_forearm + 5),
        ]
    out += [stroke([s, e], colour, BODY.w_upper_arm), stroke([e, h], colour, BODY.w_forearm)]
    return out


def figure(pose: Pose, ghost: bool = False) -> list[str]:
    """The whole person: far limbs, torso, head, then near limbs on top.

    A ghost (start position) is one flat light grey, with no outlines, so it stays in
    the background behind the main figure.
    """
    near = GHOST if ghost else INK
    far = GHOST if ghost else INK_FAR
    shoulder = pose.shoulder
    head = toward(shoulder, BODY.neck, pose.head)
    out = draw_arm(shoulder, pose.far_arm, far, False)
    out += draw_leg(pose.hip, pose.far_leg, far, False)
    out.append(stroke([pose.hip, shoulder], near, BODY.w_torso))
    out.append(stroke([shoulder, head], near, BODY.w_neck))
    out.append(el("circle", cx=head[0], cy=head[1], r=BODY.head_r, fill=near))
    out += draw_leg(pose.hip, pose.near_leg, near, not ghost)
    out += draw_arm(shoulder, pose.near_arm, near, not ghost)
    return out


# --- scenery --------------------------------------------------------------------------


def floor(x1: float = 15, x2: float = 385) -> list[str]:
    """A plain floor line."""
    return [stroke([(x1, FLOOR_Y + 2), (x2, FLOOR_Y + 2)], FLOOR, 4)]


def mat(x1: float = 15, x2: float = 385) -> list[str]:
    """An exercise mat lying on the floor (its top is the floor level)."""
    return [
        el(
            "rect",
            x=x1,
            y=FLOOR_Y,
            width=x2 - x1,
            height=10,
            rx=5,
            fill=MAT,
            stroke=FLOOR,
            stroke_width=2,
        )
    ]


def cushion(cx: float, width: float = 60, height: float = 16) -> list[str]:
    """A flat cushion on the floor, centred on ``cx``."""
    return [
        el(
            "rect",
            x=cx - width / 2,
            y=FLOOR_Y - height,
            width=width,
            height=height,
            rx=height / 2,
            fill=ACCENT,
            stroke=INK,
            stroke_width=3,
        )
    ]


def foam_roller(cx: float, r: float = 22) -> list[str]:
    """A foam roller seen end-on: a circle with its hollow core."""
    cy = FLOOR_Y - r
    return [
        el("circle", cx=cx, cy=cy, r=r, fill=ACCENT, stroke=INK, stroke_width=3),
        el("circle", cx=cx, cy=cy, r=r * 0.35, fill=PAPER, stroke=INK, stroke_width=2.5),
    ]


def spiky_ball(cx: float, r: float = 12) -> list[str]:
    """A massage ball: a star outline of short spikes round a circle."""
    cy = FLOOR_Y - r - 4
    spikes = 18
    star = [
        toward((cx, cy), r + (4.5 if i % 2 == 0 else 0.5), i * 180 / spikes)
        for i in range(2 * spikes)
    ]
    return [
        el(
            "polygon",
            points=pts(star),
            fill=ACCENT,
            stroke=INK,
            stroke_width=2,
            stroke_linejoin="round",
        )
    ]


def step_box(x1: float, x2: float, height: float) -> list[str]:
    """An exercise step: a box with a highlighted top edge where the foot goes."""
    top = FLOOR_Y - height
    return [
        el(
            "rect",
            x=x1,
            y=top,
            width=x2 - x1,
            height=height,
            rx=4,
            fill=MAT,
            stroke=INK,
            stroke_width=3,
        ),
        stroke([(x1 + 4, top + 4), (x2 - 4, top + 4)], ACCENT, 6),
    ]


# --- the nine pictures ----------------------------------------------------------------
# Each function returns the SVG body for one exercise id. Poses are written as segment
# angles, or as key joint positions solved with leg_to/arm_to where a hand or foot must
# land on something (the floor, a step, a knee).

KNEEL: Point = (150.0, FLOOR_Y - 16 - 8)  # back knee resting on the cushion


def lunge(hold_foot: bool) -> Pose:
    """Kneeling lunge facing right: back knee on a cushion, front knee over the ankle."""
    hip = toward(KNEEL, BODY.thigh, 72)  # hips pushed forward of the back knee
    shoulder = shoulder_of(hip, 90)
    front = leg_to(hip, (hip[0] + 74, FLOOR_Y - 9), 0, bend=1)
    front_knee = leg_points(hip, front)[0][1]
    far_arm = arm_to(shoulder, (front_knee[0] + 4, front_knee[1] - 10), bend=-1)
    if hold_foot:
        back = Leg(252, 125, 160)  # heel drawn up behind, towards the buttock
        ankle = leg_points(hip, back)[0][2]
        near_arm = arm_to(shoulder, toward(ankle, 5, 160), bend=1)
    else:
        back = Leg(252, 184, 182)  # shin and the top of the foot flat on the floor
        near_arm = arm_to(shoulder, (front_knee[0] - 2, front_knee[1] - 12), bend=-1)
    return Pose(hip, 90, 90, back, front, near_arm, far_arm)


def hip_flexor_stretch() -> list[str]:
    """Kneeling lunge with an arrow: push the hips forward."""
    pose = lunge(hold_foot=False)
    y = pose.hip[1] - 4
    return [
        *floor(),
        *cushion(KNEEL[0]),
        *figure(pose),
        *arrow((pose.hip[0] - 100, y), (pose.hip[0] - 34, y)),
    ]


def hip_flexor_quad_stretch() -> list[str]:
    """Kneeling lunge, the back-leg hand pulling the heel towards the buttock."""
    pose = lunge(hold_foot=True)
    return [*floor(), *cushion(KNEEL[0]), *figure(pose), *arc_arrow(KNEEL, 104, 152, 116)]


# Lying on the back: head to the left, so the torso points from the hip to the left (180).
SUPINE_TORSO = 180.0
SUPINE_HEAD = 171.0  # the head is a little wider than the torso, so it tips up to rest
FLAT_LEG = Leg(-2, -1, 85)
ARM_BY_SIDE = Arm(-3, -1)


def lower_back_stretch() -> list[str]:
    """Lying on the back hugging both knees to the chest.

    The thighs lean well past vertical so the knees sit over the chest, the shins fold
    back above the body towards the buttocks with the feet relaxed, and each arm runs up
    from its shoulder to the knees with the hand over the front of the shins just below
    them. Wrapped round the shins the forearm points mostly towards the viewer, so it is
    drawn foreshortened. The far foot hangs a little lower so both legs can be seen.
    """
    hip = (225.0, FLOOR_Y - 14)
    shoulder = shoulder_of(hip, SUPINE_TORSO)
    near_leg = Leg(142, -12, 40)
    far_leg = Leg(142, -12, 18)
    knee = leg_points(hip, near_leg)[0][1]
    upper = angle(shoulder, knee)  # the elbow covers the knee (it is just in front of it)
    elbow = toward(shoulder, BODY.upper_arm, upper)
    hand = toward(toward(knee, 20, near_leg.shin), 9, near_leg.shin + 90)  # on the shin's front
    hug = Arm(upper, angle(elbow, hand), math.dist(elbow, hand))
    pose = Pose(hip, SUPINE_TORSO, SUPINE_HEAD, near_leg, far_leg, hug, hug)
    return [*mat(40, 360), *figure(pose), *arc_arrow(hip, 90, 35, 130)]


def hip_flexion_lying() -> list[str]:
    """Lying on the back, one leg straight, the other knee drawn up towards the chest.

    Seen from the side, the working leg's flat start position lies exactly behind the
    straight leg, so a ghost would be invisible; the arrow rising from the floor shows it.
    """
    hip = (205.0, FLOOR_Y - 14)
    end = Pose(hip, SUPINE_TORSO, SUPINE_HEAD, Leg(112, -5, 80), FLAT_LEG, ARM_BY_SIDE, ARM_BY_SIDE)
    return [*mat(), *figure(end), *arc_arrow(hip, 125, 20, 88)]


def hip_flexion_band() -> list[str]:
    """As hip flexion lying, with a band from the foot to a fixed post beyond the feet.

    The band is anchored beyond the feet (not held in the hands) so it resists the knee
    coming up; its slack start position is drawn in grey.
    """
    hip = (180.0, FLOOR_Y - 14)
    start = Pose(hip, SUPINE_TORSO, SUPINE_HEAD, FLAT_LEG, FLAT_LEG, ARM_BY_SIDE, ARM_BY_SIDE)
    end = Pose(hip, SUPINE_TORSO, SUPINE_HEAD, Leg(108, -8, 80), FLAT_LEG, ARM_BY_SIDE, ARM_BY_SIDE)
    anchor = (362.0, FLOOR_Y - 30)
    post = [el("rect", x=anchor[0] - 5, y=FLOOR_Y - 72, width=22, height=72, rx=3, fill=INK_FAR)]
    knot = [el("circle", cx=anchor[0], cy=anchor[1], r=6, fill=ACCENT, stroke=INK, stroke_width=2)]

    def band(pose: Pose, colour: str) -> str:
        """Two strands from the knot round the arch of the foot."""
        (_, _, ankle), _ = leg_points(hip, pose.near_leg)
        loop = toward(ankle, 9, pose.near_leg.foot)
        strands = [
            toward(loop, 5, pose.near_leg.foot + 90),
            anchor,
            toward(loop, 5, pose.near_leg.foot - 90),
        ]
        return stroke(strands, colour, 5)

    return [
        *mat(15, 340),
        *post,
        band(start, GHOST),
        *figure(end),
        band(end, ACCENT),
        *knot,
        *arc_arrow(hip, 132, 32, 88),
    ]


def prone_on_forearms(hip: Point) -> Pose:
    """Face down facing right, propped on the forearms (elbows under the shoulders)."""
    elbow_y = FLOOR_Y - BODY.w_forearm / 2
    torso = angle(hip, (hip[0] + 76, elbow_y - BODY.upper_arm))
    shoulder = shoulder_of(hip, torso)
    upper = angle(shoulder, (shoulder[0] + 4, elbow_y))
    legs = [leg_to(hip, (hip[0] - dx, FLOOR_Y - 31), -100, bend=1) for dx in (134, 132)]
    return Pose(hip, torso, torso + 6, legs[0], legs[1], Arm(upper, 0), Arm(upper, 2))


def foam_roll_hip_flexor() -> list[str]:
    """Prone on the forearms with a foam roller under the front of the hip."""
    cx = 178.0
    pose = prone_on_forearms((cx + 4, FLOOR_Y - 44 - 13))
    y = pose.hip[1] - 48
    return [
        *floor(),
        *foam_roller(cx),
        *figure(pose),
        *arrow((cx - 50, y), (cx + 50, y), both=True),
    ]


def spiky_ball_hip_flexor() -> list[str]:
    """Prone on the forearms with a small spiky ball under the front of the hip."""
    cx = 178.0
    pose = prone_on_forearms((cx + 3, FLOOR_Y - 33 - 13))
    y = pose.hip[1] - 48
    return [*floor(), *spiky_ball(cx), *figure(pose), *arrow((cx - 42, y), (cx + 42, y), both=True)]


def floor_superman() -> list[str]:
    """Face down, arms forward and legs long, both lifted a little (flat start as ghost)."""
    hip = (182.0, FLOOR_Y - 14)
    flat = Pose(hip, 0, 0, Leg(180, 180, 200), Leg(180, 180, 200), Arm(0, 0), Arm(0, 0))
    lifted = Pose(hip, 8, 6, Leg(167, 166, 190), Leg(169, 168, 192), Arm(24, 24), Arm(26, 26))
    ankle = leg_points(hip, lifted.near_leg)[0][2]
    hand = arm_points(lifted.shoulder, lifted.near_arm)[2]
    return [
        *mat(),
        *figure(flat, ghost=True),
        *figure(lifted),
        *arrow((ankle[0] + 4, ankle[1] - 22), (ankle[0] + 4, ankle[1] - 66)),
        *arrow((hand[0] - 14, hand[1] - 22), (hand[0] - 14, hand[1] - 66)),
    ]


def step_ups() -> list[str]:
    """One foot flat on the step, the back leg pushing off the floor; arrow up."""
    step_h = 56.0
    hip = (176.0, 146.0)
    lead = leg_to(hip, (244, FLOOR_Y - step_h - 8), 0, bend=1)
    push = leg_to(hip, (120, FLOOR_Y - 17), -38, bend=1)
    pose = Pose(hip, 84, 86, lead, push, Arm(-108, -90), Arm(-66, -30))
    return [*floor(), *step_box(222, 365, step_h), *figure(pose), *arrow((322, 176), (322, 96))]


SCENES: dict[str, Callable[[], list[str]]] = {
    "hip-flexor-stretch": hip_flexor_stretch,
    "hip-flexor-quad-stretch": hip_flexor_quad_stretch,
    "lower-back-stretch": lower_back_stretch,
    "foam-roll-hip-flexor": foam_roll_hip_flexor,
    "spiky-ball-hip-flexor": spiky_ball_hip_flexor,
    "floor-superman": floor_superman,
    "hip-flexion-lying": hip_flexion_lying,
    "hip-flexion-band": hip_flexion_band,
    "step-ups": step_ups,
}


def svg(body: list[str]) -> str:
    """Wrap drawing elements in the fixed 400x300 landscape root."""
    head = '<svg xmlns="http://www.w3.org/2000/svg" width="400" height="300" viewBox="0 0 400 300">'
    return "\n".join([head, *body, "</svg>"]) + "\n"


def main() -> None:
    """Write every illustration; report each file and its size."""
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    for name, scene in SCENES.items():
        path = OUT_DIR / f"{name}.svg"
        path.write_text(svg(scene()), encoding="utf-8")
        print(f"{path.name}: {path.stat().st_size} bytes")


if __name__ == "__main__":
    main()
