"""Neck and shoulder exercises: chin tuck, neck turns and side bends, shoulder rolls,
the seated upper back arch, and the shoulder pendulum, wall slide, band rotation,
shoulder blade squeeze, sleeper and cross-body stretches.

Neck turns and side bends, the band rotation and the arm stretches read only from the
front: those use :class:`~tools.illustrations.views.FrontFigure`; the seated side views
that move the head, the shoulders or the upper back alone use
:class:`~tools.illustrations.views.SideFigure`.
"""

from __future__ import annotations

import math
from dataclasses import replace

from tools.illustrations import (
    ANKLE_HEIGHT,
    BODY,
    FLOOR_Y,
    ON_MAT,
    SEAT_H,
    Arm,
    Figure,
    Leg,
    Point,
    Pose,
    angle,
    arc_arrow,
    arm_to,
    arrow,
    band,
    chair,
    chair_back_top,
    leg_points,
    leg_to,
    mat,
    reach,
    seat_hip,
    shoulder_of,
    sitting,
    standing,
    toward,
    wall,
)
from tools.illustrations.views import (
    FRONT_ANKLE,
    HIP_HALF,
    SHOULDER_HALF,
    FrontFigure,
    SideFigure,
    ellipse_arrow,
    front_chair,
)

# --- helpers ---------------------------------------------------------------------------------


def _side(
    fig: Figure,
    head: float,
    face: float | None = None,
    bend: float = 0.0,
    bend_at: float = 0.7,
    shoulder_shift: Point = (0.0, 0.0),
) -> SideFigure:
    """A standard side-view figure as a :class:`SideFigure` with its extras."""
    limbs = fig.near_leg, fig.far_leg, fig.near_arm, fig.far_arm
    return SideFigure(fig.hip, fig.torso, *limbs, head, bend, bend_at, shoulder_shift, face)


def _hands_on_thighs(fig: Figure) -> Figure:
    """A seated side-view figure with both hands resting on top of the thighs."""
    knee = leg_points(fig.hip, fig.near_leg).knee
    hand = (fig.hip[0] + (knee[0] - fig.hip[0]) * 0.62, fig.hip[1] - 9)
    near = arm_to(fig.shoulder, hand, bend=-1, hand_dir=-10)
    far = arm_to(fig.shoulder, (hand[0] + 4, hand[1]), bend=-1, hand_dir=-10)
    return replace(fig, near_arm=near, far_arm=far)


CX = 200.0  # the middle of a figure facing the viewer
SEATED_HIP: Point = (CX, FLOOR_Y - SEAT_H - 8)


def _front_arm(shoulder: Point, hand: Point, right: bool, upper: float = BODY.upper_arm) -> Arm:
    """An arm of a :class:`FrontFigure` whose palm lands on ``hand``, elbow outwards."""
    first, second = reach(
        shoulder, hand, upper, BODY.forearm + BODY.hand * 0.45, -1 if right else 1
    )
    return Arm(first, second)


def _front_seated(head: float = 90, turn: float = 0.0) -> FrontFigure:
    """Sitting tall on a chair facing the viewer, feet flat, hands resting on the thighs."""
    hip = SEATED_HIP
    thigh = 8.0
    shin = (FLOOR_Y - FRONT_ANKLE) - (hip[1] + thigh)
    legs = Leg(-105, -92, -95), Leg(-75, -88, -85)
    fig = FrontFigure(
        hip, 90, *legs, Arm(-90, -90), Arm(-90, -90), head, turn, thigh=thigh, shin=shin
    )
    shoulder = fig.shoulder
    arms = []
    for right in (True, False):
        side = 1 if right else -1
        s = (shoulder[0] - side * SHOULDER_HALF, shoulder[1])
        hand = (hip[0] - side * (HIP_HALF + 5), hip[1] + 6)
        arms.append(_front_arm(s, hand, right))
    return replace(fig, near_arm=arms[0], far_arm=arms[1])


def _front_standing() -> FrontFigure:
    """Standing tall facing the viewer, feet hip-width apart, arms by the sides."""
    hip = (CX, FLOOR_Y - FRONT_ANKLE - BODY.thigh - BODY.shin)
    return FrontFigure(
        hip, 90, Leg(-92, -91, -95), Leg(-88, -89, -85), Arm(-95, -91), Arm(-85, -89), 90
    )


# --- sitting, seen from the side -------------------------------------------------------------

CHAIR_FRONT = 232.0


def chin_tuck() -> Pose:
    """Sitting tall, hands on the thighs; the head slides straight back (ghost: poked
    forward), the face level throughout."""
    seated = _hands_on_thighs(sitting(CHAIR_FRONT))
    start = _side(seated, head=64.0, face=-6.0)
    end = _side(seated, head=97.0, face=-3.0)
    chin = end.head_centre
    y = chin[1] + 20
    return Pose(
        end,
        props=(chair(CHAIR_FRONT),),
        start=start,
        arrow=arrow((chin[0] + 52, y), (chin[0] + 20, y)),
    )


def shoulder_rolls() -> Pose:
    """Sitting tall, arms hanging loose; the shoulders circle up, back and down (ghost:
    shrugged up and forward)."""
    seated = sitting(CHAIR_FRONT)
    hang = Arm(-93, -90, -90)
    seated = replace(seated, near_arm=hang, far_arm=Arm(-91, -88, -88))
    start = _side(seated, shoulder_shift=(4.0, -8.0), head=90.0)
    end = _side(seated, shoulder_shift=(-4.0, 2.0), bend=3.0, head=93.0)
    return Pose(
        end,
        props=(chair(CHAIR_FRONT),),
        start=start,
        arrow=arc_arrow(end.arm_root, 18, -50, 235),
    )


def seated_thoracic_extension() -> Pose:
    """Bottom at the back of the seat, hands behind the head, elbows forward; the upper
    back arches back over the top of the backrest (ghost: sitting tall)."""
    front = 250.0
    hip = seat_hip(front, 0.8)
    legs = (
        leg_to(hip, (front + 18, FLOOR_Y - ANKLE_HEIGHT)),
        leg_to(hip, (front + 14, FLOOR_Y - ANKLE_HEIGHT)),
    )
    rest_top = chair_back_top(front)[1]
    bend_at = (hip[1] - rest_top) / BODY.torso

    def hands_behind_head(fig: SideFigure) -> SideFigure:
        head = fig.head if fig.head is not None else fig.torso
        centre = fig.head_centre
        hand = toward(centre, BODY.head_r - 2, head + 90)  # the back of the head
        s = fig.shoulder
        return replace(
            fig,
            near_arm=arm_to(s, hand, bend=-1, hand_dir=head + 150),
            far_arm=arm_to(s, toward(hand, 3, head + 90), bend=-1, hand_dir=head + 150),
        )

    still = Arm(-90, -90)
    upright = SideFigure(hip, 90, *legs, still, still, 90, bend_at=bend_at, face=-2)
    arched = replace(upright, bend=26.0, head=122.0, face=12.0)
    start, end = hands_behind_head(upright), hands_behind_head(arched)
    pivot = end.spine(bend_at)[0]
    return Pose(
        end,
        props=(chair(front),),
        start=start,
        arrow=arc_arrow(pivot, 78, 100, 130),
    )


# --- sitting, facing the viewer --------------------------------------------------------------


def neck_rotation_stretch() -> Pose:
    """Sitting tall facing the viewer, hands on the thighs; the head turns to look over
    the right shoulder (ghost: facing ahead)."""
    start = _front_seated()
    end = replace(start, turn=65.0)
    top = toward(end.head_centre, BODY.head_r + 12, 90)
    return Pose(
        end,
        props=(front_chair(CX),),
        start=start,
        arrow=ellipse_arrow(top, 30, 9, -25, -160),
    )


def neck_side_stretch() -> Pose:
    """Sitting tall facing the viewer, the right hand holding the side of the seat; the
    head tips so the left ear moves toward the left shoulder (ghost: upright)."""
    start = _front_seated()
    right_shoulder = (start.shoulder[0] - SHOULDER_HALF, start.shoulder[1])
    seat_edge = (CX - 31, FLOOR_Y - SEAT_H + 3)
    start = replace(start, near_arm=_front_arm(right_shoulder, seat_edge, True))
    end = replace(start, head=55.0)
    return Pose(
        end,
        props=(front_chair(CX),),
        start=start,
        arrow=arc_arrow(start.shoulder, 47, 88, 42),
    )


# --- standing ---------------------------------------------------------------------------------


def shoulder_pendulum() -> Pose:
    """Bent forward at the hips, knees soft, the left hand on the chair back; the right
    arm hangs straight down and swings in small circles."""
    hip = (146.0, 170.0)
    torso = 25.0
    near = leg_to(hip, (160, FLOOR_Y - ANKLE_HEIGHT))
    far = leg_to(hip, (154, FLOOR_Y - ANKLE_HEIGHT))
    s = shoulder_of(hip, torso)
    chair_front = s[0] + 92
    hold = arm_to(s, chair_back_top(chair_front), bend=-1, hand_dir=-20)
    fig = Figure(hip, torso, near, far, Arm(-90, -90, -90), hold, head=18.0)
    hand = toward(s, BODY.upper_arm + BODY.forearm + BODY.hand * 0.45, -90)
    return Pose(
        fig,
        props=(chair(chair_front),),
        arrow=ellipse_arrow(hand, 22, 8, 200, 490),
    )


def wall_slide() -> Pose:
    """Facing a wall, forearms flat on it; the forearms slide up from hands at head height
    (ghost) to elbows above the head, the body leaning in a little."""
    face = 300.0
    fore_x = face - 4
    start = standing(fore_x - BODY.upper_arm)
    on_wall = Arm(0, 90, 90)
    start = replace(start, near_arm=on_wall, far_arm=Arm(1, 90, 90), head=90)
    hip = (start.hip[0] + 5, start.hip[1])
    elbow_y = start.shoulder[1] - 30
    # Lean in so the upper arm reaches the wall with the elbow high.
    torso = 84.0
    s = shoulder_of(hip, torso)
    wrist = (fore_x, elbow_y - BODY.forearm)
    arm = arm_to(s, (wrist[0], wrist[1] - BODY.hand * 0.45), bend=-1, hand_dir=90)
    legs = leg_to(hip, start.near[0].ankle), leg_to(hip, start.far[0].ankle)
    end = Figure(hip, torso, legs[0], legs[1], arm, arm, head=88.0)
    return Pose(
        end,
        props=(wall(face, side=1, top=4),),
        start=start,
        arrow=arrow((face + 7, start.shoulder[1] - 6), (face + 7, elbow_y - 40)),
    )


def band_external_rotation() -> Pose:
    """Facing the viewer, elbows bent and tucked in, a band between the hands; the right
    forearm swings out to the side (ghost: hands together in front of the belly)."""
    base = _front_standing()
    # Forearms pointing at the viewer look short and, seen from a little above, point down.
    fore_in = Arm(-93, -48, -48, 16)
    left = Arm(-87, -132, -132, 16)
    start = replace(base, near_arm=fore_in, far_arm=left)
    end = replace(start, near_arm=Arm(-93, 192, 192, 27), start_near_arm=fore_in)
    elbow = end.near[1].elbow
    return Pose(
        end,
        props=(band([end.near[1].hand, end.far[1].hand]),),
        start=start,
        arrow=ellipse_arrow((elbow[0], elbow[1] + 24), 30, 9, -45, -172),
    )


def scapular_squeeze() -> Pose:
    """Standing tall, elbows bent a little; the shoulders draw back and down and the
    elbows move back (ghost: shoulders rounded forward)."""
    base = standing(196)
    relaxed = replace(base, near_arm=Arm(-88, -70, -70), far_arm=Arm(-86, -68, -68))
    start = _side(relaxed, bend=-12.0, bend_at=0.6, shoulder_shift=(5.0, 1.0), head=70.0, face=-8.0)
    squeezed = replace(relaxed, near_arm=Arm(-105, -80, -80), far_arm=Arm(-103, -78, -78))
    end = _side(squeezed, bend=3.0, bend_at=0.6, shoulder_shift=(-5.0, 2.0), head=92.0, face=-2.0)
    s = end.arm_root
    y = s[1] + 6
    return Pose(end, start=start, arrow=arrow((s[0] - 12, y), (s[0] - 44, y)))


def cross_body_stretch() -> Pose:
    """Facing the viewer; the straight right arm comes across the chest at shoulder height,
    the left hand holding it just above the elbow (ghost: arms by the sides)."""
    start = _front_standing()
    s = start.shoulder
    right_s = (s[0] - SHOULDER_HALF, s[1])
    left_s = (s[0] + SHOULDER_HALF, s[1])
    across = Arm(-4, -4, -4, 25)
    upper = 30.0
    elbow = toward(right_s, upper, -4)
    grip = toward(elbow, 6, 176)  # just above the elbow, on the upper arm
    fore = 30.0
    first, second = reach(left_s, (grip[0], grip[1] + 2), 30, fore + BODY.hand * 0.45, 1)
    hold = Arm(first, second, second, fore)
    end = replace(start, near_arm=across, far_arm=hold, near_upper=upper, far_upper=30)
    return Pose(end, start=start, arrow=arc_arrow(right_s, 92, -97, -22))


# --- lying on the side -------------------------------------------------------------------------


def sleeper_stretch() -> Pose:
    """Lying on the right side facing the viewer, knees bent; the right upper arm out in
    front (end-on), elbow bent; the left hand on the right wrist eases the forearm down
    toward the mat in front of the belly (ghost: fingers pointing up)."""
    hip = (250.0, ON_MAT - 17)
    legs = Leg(-4, 8, 8), Leg(-12, 14, 14)
    fig = FrontFigure(
        hip, 172, *legs, Arm(-90, 90), Arm(-90, 90), 212.0, thigh=40, shin=44, near_upper=6
    )
    elbow = fig.near[1].elbow
    left_s = fig.far[1].shoulder
    start_arm, end_arm = Arm(-100, 90, 90), Arm(-100, 35, 35)
    wrist = toward(elbow, BODY.forearm, end_arm.fore)
    # The left hand presses the right wrist from above, its elbow pointing up.
    left_elbow = (wrist[0] + 5, wrist[1] - 36)
    grip = toward(wrist, 3, end_arm.fore + 90)
    fore = angle(left_elbow, grip)
    left = Arm(angle(left_s, left_elbow), fore, fore, math.dist(left_elbow, grip) - 5)
    end = replace(
        fig,
        near_arm=end_arm,
        far_arm=left,
        far_upper=math.dist(left_s, left_elbow),
        start_near_arm=start_arm,
    )
    start = replace(fig, near_arm=start_arm, far_arm=Arm(-10, -20, -20))
    return Pose(
        end,
        props=(mat(30, 370),),
        start=start,
        arrow=arc_arrow(elbow, 58, 96, 28),
    )


POSES: dict[str, Pose] = {
    "band-external-rotation": band_external_rotation(),
    "chin-tuck": chin_tuck(),
    "cross-body-stretch": cross_body_stretch(),
    "neck-rotation-stretch": neck_rotation_stretch(),
    "neck-side-stretch": neck_side_stretch(),
    "scapular-squeeze": scapular_squeeze(),
    "seated-thoracic-extension": seated_thoracic_extension(),
    "shoulder-pendulum": shoulder_pendulum(),
    "shoulder-rolls": shoulder_rolls(),
    "sleeper-stretch": sleeper_stretch(),
    "wall-slide": wall_slide(),
}
