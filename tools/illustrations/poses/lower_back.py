"""The lower-back starter exercises: on the back, on hands and knees, face down, on the side.

Why some pictures carry extra body shapes: the body model draws a straight torso seen
from the side. A cat-camel needs a rounded or sagging back, a press-up an arched low
back, the knee rolls a view from above and the side plank a view from the front (no
profile nose). Those few shapes are drawn here and ride on the mat prop (every exercise
here lists a mat), because :class:`~tools.illustrations.Pose` has no other slot for
them: ``back`` shapes sit behind the figures, ``front`` shapes on top of the solid one
(or, with ``ghost=True``, on top of the ghost only).
"""

from __future__ import annotations

import math
from dataclasses import replace
from itertools import pairwise

from tools.illustrations import (
    ANKLE_HEIGHT,
    BODY,
    ON_MAT,
    Arm,
    Arrow,
    Figure,
    Leg,
    Point,
    Pose,
    Prop,
    angle,
    arc_arrow,
    arm_to,
    arrow,
    leg_points,
    leg_to,
    lying_face_down,
    lying_on_back,
    mat,
    on_all_fours,
    shoulder_of,
    toward,
)
from tools.illustrations.body import TORSO_PROFILE
from tools.illustrations.geometry import capsule, reach
from tools.illustrations.svg import (
    FILL,
    FLOOR_Y,
    GHOST,
    INK,
    PAPER,
    WIDTH,
    circle,
    el,
    group,
    polygon,
)
from tools.illustrations.views import HIP_HALF, SHOULDER_HALF, FrontFigure

BED = mat(30, 370)  # the mat every side view here lies on


def _overlay(shapes: list[str], ghost: bool = False, behind: bool = False) -> Prop:
    """Extra body shapes drawn with the figures (see the module docstring)."""
    if behind:
        return Prop("mat", back=tuple(shapes))
    return Prop("mat", front=tuple(shapes), ghost=ghost)


def _one_arrow(*parts: Arrow) -> Arrow:
    """Two short arrows that make one mark (two limbs moving at once)."""
    return Arrow(tuple(s for p in parts for s in p.shapes))


def _half_width(t: float, back: bool) -> float:
    """The torso's half-width ``t`` of the way from hip to shoulder (front or back side)."""
    for (t0, f0, b0), (t1, f1, b1) in pairwise(TORSO_PROFILE):
        if t0 <= t <= t1:
            a, b = (b0, b1) if back else (f0, f1)
            return a + (b - a) * (t - t0) / (t1 - t0)
    return 0.0


def _spine_curve(fig: Figure, depth: float, back: bool, colour: str) -> list[str]:
    """A bulge of ``depth`` on the back (``back=True``) or belly side of the torso: drawn
    over the straight torso it bends the spine (a rounded back, a sagging belly)."""
    side = fig.torso + (90 if back else -90)
    outer, inner = [], []
    for i in range(11):
        t = 0.08 + 0.84 * i / 10
        p = toward(fig.hip, BODY.torso * t, fig.torso)
        w = _half_width(t, back)
        u = (t - 0.08) / 0.84
        outer.append(toward(p, w + depth * math.sin(math.pi * u ** (1.0 if back else 1.2)), side))
        inner.append(toward(p, w - 4, side))
    return group(
        [polygon(outer + inner[::-1])],
        fill=colour,
        stroke=colour,
        stroke_width=1.5,
        stroke_linejoin="round",
    )


def _plain_head(fig: Figure, colour: str, background: str) -> list[str]:
    """Cover the profile nose and redraw the head: a face seen from the front or above."""
    centre = fig.head_centre
    nose = toward(centre, BODY.head_r - 0.5, angle(fig.shoulder, centre) - 95)
    return [
        circle(nose, 4.2, fill=background),
        circle(centre, BODY.head_r + 0.75, fill=colour),
    ]


# --- on the back --------------------------------------------------------------------------


def _knees_bent(hip: Point, ankle_x: float) -> Leg:
    """Knee up, foot flat on the mat at ``ankle_x`` (lying on the back, head left)."""
    return leg_to(hip, (ankle_x, ON_MAT - ANKLE_HEIGHT), 0, bend=1)


def pelvic_tilt() -> Pose:
    """Knees bent, feet flat; the ghost's low back arches up off the mat, the solid one
    lies flat with the pelvis tipped back (the arrow presses the low back down)."""
    lying = lying_on_back(215)
    hip = lying.hip
    flat = replace(lying, near_leg=_knees_bent(hip, hip[0] + 78), head=178)
    flat = replace(flat, far_leg=flat.near_leg)
    arched = replace(flat, near_leg=_knees_bent(hip, hip[0] + 80), torso=184)
    arched = replace(arched, far_leg=arched.near_leg, head=182)
    arch = _spine_curve(arched, 16, back=False, colour=GHOST)
    low_back = toward(hip, BODY.torso * 0.35, 180)
    return Pose(
        flat,
        props=(BED, _overlay(arch, ghost=True)),
        start=arched,
        arrow=arrow((low_back[0], low_back[1] - 58), (low_back[0], low_back[1] - 20)),
    )


def glute_bridge() -> Pose:
    """Feet flat, arms by the sides; the hips lift until shoulders, hips and knees line up."""
    lying = lying_on_back(200)
    shoulder = lying.shoulder
    slope = 26.0  # the line shoulder-hip-knee, above the horizontal
    hip = toward(shoulder, BODY.torso, slope)
    knee = toward(hip, BODY.thigh, slope)
    ankle = (knee[0] + 6, ON_MAT - ANKLE_HEIGHT)
    arms = Arm(-2, 0, 0)
    start = replace(
        lying,
        near_leg=_knees_bent(lying.hip, ankle[0]),
        near_arm=arms,
        far_arm=arms,
        head=178,
    )
    start = replace(start, far_leg=start.near_leg)
    lifted = leg_to(hip, ankle, 0, bend=1)
    end = replace(start, hip=hip, torso=180 + slope, near_leg=lifted, far_leg=lifted)
    x = hip[0] + 4
    return Pose(
        end,
        props=(BED,),
        start=start,
        arrow=arrow((x, hip[1] - 14), (x, hip[1] - 58)),
    )


def dead_bug() -> Pose:
    """Arms up, hips and knees at right angles (ghost); the right arm goes back past the
    head and the left leg straightens out just above the mat."""
    lying = lying_on_back(205)
    up, tabletop = Arm(90, 90, 90), Leg(90, 0, 75)
    start = replace(lying, near_leg=tabletop, far_leg=tabletop, near_arm=up, far_arm=up, head=178)
    end = replace(start, near_arm=Arm(169, 170, 170), far_leg=Leg(6, 5, 70))
    s, h = start.shoulder, start.hip
    return Pose(
        end,
        props=(BED,),
        start=start,
        arrow=_one_arrow(arc_arrow(s, 100, 98, 150), arc_arrow(h, 118, 66, 22)),
    )


# --- on hands and knees ---------------------------------------------------------------------


def cat_camel() -> Pose:
    """Hands and knees: from a sagging back, head up (ghost) to a back rounded up toward
    the ceiling, head down (solid)."""
    base = on_all_fours(180)
    sag = replace(base, head=base.torso + 40)
    hump = replace(base, head=base.torso - 62)
    mid = toward(base.hip, BODY.torso * 0.45, base.torso)
    top = toward(mid, 50, base.torso + 90)
    return Pose(
        hump,
        props=(
            BED,
            _overlay(_spine_curve(sag, 13, back=False, colour=GHOST), ghost=True),
            _overlay(_spine_curve(hump, 16, back=True, colour=INK)),
        ),
        start=sag,
        arrow=arc_arrow((top[0] - 30, top[1] + 8), 30, -50, 30),
    )


def bird_dog() -> Pose:
    """Hands and knees (ghost); the right arm reaches forward and the left leg back, both
    level with the back."""
    start = on_all_fours(175)
    t = start.torso
    level = t * 0.3  # the back rises a little toward the shoulders; keep the limbs near level
    reach = Arm(level, level, level)
    long_leg = Leg(180 + level, 180 + level, 196)
    end = replace(start, near_arm=reach, far_leg=long_leg, head=t - 4)
    start = replace(start, head=t - 4)
    hand = end.near[1].tip
    toe = end.far[0].toe
    return Pose(
        end,
        props=(BED,),
        start=start,
        arrow=_one_arrow(
            arrow((hand[0] - 44, hand[1] - 22), (hand[0] + 2, hand[1] - 22)),
            arrow((toe[0] + 44, toe[1] - 22), (toe[0] - 2, toe[1] - 22)),
        ),
    )


def childs_pose_stretch() -> Pose:
    """Hands and knees (ghost); the hips sit back toward the heels, the chest lowers to
    the thighs and the forehead rests on the mat; the hands stay where they were."""
    start = on_all_fours(150)
    knee = leg_points(start.hip, start.near_leg).knee
    hand = (start.shoulder[0] + 24, ON_MAT - 5)
    start = replace(
        start,
        near_arm=arm_to(start.shoulder, hand, bend=1, hand_dir=0),
        far_arm=arm_to(start.shoulder, hand, bend=1, hand_dir=0),
    )
    hip = toward(knee, BODY.thigh, 150)
    fold = Leg(angle(hip, knee), 180, 180)
    torso = -9.0
    shoulder = shoulder_of(hip, torso)
    head_drop = (ON_MAT - BODY.head_r - 1) - shoulder[1]
    head = -math.degrees(math.asin(max(-1.0, min(1.0, head_drop / BODY.neck))))
    arm = arm_to(shoulder, hand, bend=-1, hand_dir=0)
    end = Figure(hip, torso, fold, fold, arm, arm, head)
    return Pose(
        end,
        props=(BED,),
        start=start,
        arrow=arc_arrow(knee, 74, 80, 142),
    )


# --- face down --------------------------------------------------------------------------------


def prone_press_up() -> Pose:
    """Face down, hands under the shoulders (ghost); the arms straighten and lift the head
    and chest while the hips stay on the mat."""
    flat = lying_face_down(170)
    hip = flat.hip
    hand = (flat.shoulder[0] + 12, ON_MAT - 5)
    start = replace(flat, near_arm=arm_to(flat.shoulder, hand, bend=1, hand_dir=0))
    start = replace(start, far_arm=start.near_arm, head=-6)
    torso = 52.0
    shoulder = shoulder_of(hip, torso)
    arm = arm_to(shoulder, hand, bend=-1, hand_dir=0)
    end = replace(start, torso=torso, near_arm=arm, far_arm=arm, head=torso - 30)
    # the low back curves down to the pelvis, which rests on the mat
    belly = toward(hip, 30, 0)
    chest = toward(hip, 30, torso)
    lap = group(
        [polygon([hip, toward(belly, 9, 90), toward(chest, 6, torso - 90), chest])],
        fill=INK,
        stroke=INK,
        stroke_width=1.5,
        stroke_linejoin="round",
    )
    return Pose(
        end,
        props=(BED, _overlay(lap)),
        start=start,
        arrow=arc_arrow(hip, 110, 14, 50),
    )


# --- on the right side, seen from the front ----------------------------------------------------


def side_plank_knees() -> Pose:
    """Seen from the front, lying on the right side, head left, propped on the right
    forearm (elbow under the shoulder, forearm on the mat towards the viewer) with the
    knees bent behind: the hips lift until knees, hips, shoulders and head make one line
    (ghost: hips on the mat). The left hand rests on the left hip."""
    elbow = (112.0, ON_MAT - BODY.r_elbow)
    low_shoulder = (elbow[0], elbow[1] - BODY.upper_arm)  # the right shoulder, on the elbow
    knee = (268.0, ON_MAT - BODY.r_knee)  # the right knee on the mat

    def figure(torso: float) -> FrontFigure:
        centre = toward(low_shoulder, SHOULDER_HALF, torso - 90)  # the neck's base
        hip = toward(centre, BODY.torso, torso + 180)
        low_hip = toward(hip, HIP_HALF, torso + 90)
        thigh = angle(low_hip, knee)
        folded = Leg(thigh, 62, 62)  # the shins go away behind: drawn short
        prop = Arm(-90, 186, 186, fore_len=22)
        fig = FrontFigure(
            hip, torso, folded, folded, prop, prop, torso,
            thigh=math.dist(low_hip, knee), shin=12,
        )  # fmt: skip
        top_s = toward(centre, SHOULDER_HALF, torso - 90)
        hand = toward(hip, 16, torso - 90)
        first, second = reach(top_s, hand, BODY.upper_arm, BODY.forearm + BODY.hand * 0.45, 1)
        return replace(fig, far_arm=Arm(first, second, second + 30))

    end = figure(angle(knee, low_shoulder) - 4)
    start = figure(angle(knee, low_shoulder) - 17)
    x = end.hip[0] + 6
    return Pose(
        end,
        props=(mat(40, 330),),
        start=start,
        arrow=arrow((x, ON_MAT - 4), (x, end.hip[1] + 6)),
    )


# --- on the back, seen from above ----------------------------------------------------------------

MID_Y = 150.0  # the body's middle line in the view from above


def _top_view_legs_up(hip: Point) -> list[str]:
    """Both knees bent and pointing up at the viewer: seen from above, short legs (a white
    edge keeps the light ghost apart from the mat)."""
    shapes = []
    for dy in (-5.0, 5.0):
        h = (hip[0], hip[1] + dy)
        knee = (h[0] + 38, h[1] + dy * 0.2)
        ankle = (h[0] + 70, h[1])
        toe = (ankle[0] + 17, ankle[1])
        chain = [(h, BODY.r_hip), (knee, BODY.r_knee + 1), (ankle, BODY.r_ankle), (toe, 3.0)]
        for (a, ra), (b, rb) in pairwise(chain):
            shapes.append(polygon(capsule(a, ra, b, rb)))
        shapes += [circle(p, r) for p, r in chain]
    return group(shapes, fill=PAPER, stroke=PAPER, stroke_width=3) + group(shapes, fill=GHOST)


def lower_trunk_rotation() -> Pose:
    """Seen from above, head left: lying on the back with the arms out to the sides; the
    knees, together, roll over to the right (down the page) from pointing up (ghost).

    A view from above has no floor line: a white band covers it, and the mat is a strip
    under the body with the arms reaching past its edges.
    """
    hip = (190.0, MID_Y)
    near_arm, far_arm = Arm(-90, -90, -90), Arm(90, 90, 90)
    feet = hip[0] + 76
    near_leg = leg_to(hip, (feet, MID_Y + 4), 0, bend=-1)
    far_leg = leg_to(hip, (feet + 6, MID_Y - 4), 0, bend=-1)
    fig = Figure(hip, 180, near_leg, far_leg, near_arm, far_arm, 180)
    no_floor = el("rect", x=0, y=FLOOR_Y - 4, width=WIDTH, height=12, fill=PAPER)
    knee = fig.near[0].knee
    return Pose(
        fig,
        props=(
            _overlay([no_floor], behind=True),
            mat(60, 340, thickness=112, base=MID_Y + 58),
            _overlay(_top_view_legs_up(hip), ghost=True),
            _overlay(_plain_head(fig, INK, FILL)),
        ),
        arrow=arc_arrow((knee[0] - 4, MID_Y + 2), 44, 20, -62),
    )


POSES: dict[str, Pose] = {
    "bird-dog": bird_dog(),
    "cat-camel": cat_camel(),
    "childs-pose-stretch": childs_pose_stretch(),
    "dead-bug": dead_bug(),
    "glute-bridge": glute_bridge(),
    "lower-trunk-rotation": lower_trunk_rotation(),
    "pelvic-tilt": pelvic_tilt(),
    "prone-press-up": prone_press_up(),
    "side-plank-knees": side_plank_knees(),
}
