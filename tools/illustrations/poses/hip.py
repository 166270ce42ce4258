"""The nine original exercises (hip flexors and lower back: the psoas programme)."""

from __future__ import annotations

import math
from dataclasses import replace

from tools.illustrations import (
    ANKLE_HEIGHT,
    BODY,
    FLOOR_Y,
    ON_MAT,
    Arm,
    Figure,
    Leg,
    Point,
    Pose,
    angle,
    arc_arrow,
    arm_to,
    arrow,
    band_loop,
    chair,
    chair_back_top,
    foam_roller,
    leg_points,
    leg_to,
    lying_face_down,
    lying_on_back,
    mat,
    rail,
    shoulder_of,
    sitting,
    spiky_ball,
    standing,
    step,
    step_top,
    toward,
)


def _on_thigh(hip: Point, leg: Leg, along: float) -> Point:
    """A point resting on top of a thigh, ``along`` the way from hip to knee."""
    knee = leg_points(hip, leg).knee
    mid = (hip[0] + (knee[0] - hip[0]) * along, hip[1] + (knee[1] - hip[1]) * along)
    return (mid[0], mid[1] - 8)


# --- kneeling: the right (near) knee down on a mat, the left foot flat in front --------

KNEE: Point = (150.0, ON_MAT - BODY.r_knee)
FRONT_ANKLE: Point = (KNEE[0] + 96, ON_MAT - ANKLE_HEIGHT)
SHIN_ON_MAT = Leg(0, 180, 200)  # thigh filled in below; shin and foot resting on the mat


def _kneeling(lean: float, front_ankle: Point = FRONT_ANKLE) -> Figure:
    """Kneeling upright on the near knee, hips ``lean`` degrees forward of the knee."""
    hip = toward(KNEE, BODY.thigh, 90 - lean)
    back = replace(SHIN_ON_MAT, thigh=angle(hip, KNEE))
    front = leg_to(hip, front_ankle, 0)
    shoulder = shoulder_of(hip, 90)
    near_hand = _on_thigh(hip, front, 0.55)
    far_hand = _on_thigh(hip, front, 0.8)
    return Figure(hip, 90, back, front, arm_to(shoulder, near_hand), arm_to(shoulder, far_hand), 92)


def hip_flexor_stretch() -> Pose:
    """Kneeling lunge, hands on the front thigh: the hips move forward (ghost: upright)."""
    start, end = _kneeling(0), _kneeling(22)
    y = end.hip[1] - 4
    return Pose(
        end,
        props=(mat(60, 330),),
        start=start,
        arrow=arrow((start.hip[0] - 62, y), (end.hip[0] - 24, y)),
        not_drawn={"chair": "the safety note offers a chair only if balance is poor"},
    )


def hip_flexor_quad_stretch() -> Pose:
    """Kneeling lunge; the right hand draws the right heel up, the left hand on a chair."""
    front_ankle = (KNEE[0] + 70, ON_MAT - ANKLE_HEIGHT)
    start = _kneeling(6, front_ankle)
    hip = start.hip
    shin = 116.0  # the heel drawn up behind, towards the buttock
    back = Leg(angle(hip, KNEE), shin, shin + 95)
    shoulder = shoulder_of(hip, 90)
    ankle = leg_points(hip, back).ankle
    near_arm = arm_to(shoulder, toward(ankle, 3, shin - 90), bend=-1, hand_dir=-120)
    chair_front = hip[0] + 128
    far_arm = arm_to(shoulder, chair_back_top(chair_front), bend=-1, hand_dir=0)
    end = replace(start, near_leg=back, near_arm=near_arm, far_arm=far_arm)
    start = replace(start, far_arm=far_arm)
    return Pose(
        end,
        props=(mat(60, 260), chair(chair_front)),
        start=start,
        arrow=arc_arrow(KNEE, 76, 170, 124),
    )


# --- lying on the back on a mat ---------------------------------------------------------


def _feet_flat(hip: Point) -> Leg:
    """Knee bent up, foot flat on the mat (for a figure lying on its back, head left)."""
    return leg_to(hip, (hip[0] + 80, ON_MAT - ANKLE_HEIGHT), 0, bend=1)


def lower_back_stretch() -> Pose:
    """Both knees hugged to the chest, hands on the fronts of the knees (ghost: feet flat)."""
    lying = lying_on_back(225)
    hip = lying.hip
    bent = _feet_flat(hip)
    start = replace(lying, near_leg=bent, far_leg=bent)
    hug, hug_far = Leg(134, -14, 50), Leg(130, -18, 40)
    knee = leg_points(hip, hug).knee
    shoulder = lying.shoulder
    # The elbow sits just short of the knee and the forearm wraps round the front of the
    # shins, pointing partly at the viewer: drawn foreshortened.
    upper = angle(shoulder, knee)
    elbow = toward(shoulder, BODY.upper_arm, upper)
    hand = toward(toward(knee, 12, hug.shin), 8, hug.shin + 90)
    arm = Arm(upper, angle(elbow, hand), None, math.dist(elbow, hand) - 5)
    end = replace(lying, near_leg=hug, far_leg=hug_far, near_arm=arm, far_arm=arm)
    return Pose(end, props=(mat(50, 350),), start=start, arrow=arc_arrow(hip, 84, 40, 118))


def hip_flexion_lying() -> Pose:
    """Both knees bent, feet flat; the right knee comes up towards the chest.

    The right leg's start position is exactly behind the left leg (both feet flat), so
    the ghost hides there; the left leg shows the start and the arrow the lift.
    """
    lying = lying_on_back(205)
    bent = _feet_flat(lying.hip)
    start = replace(lying, near_leg=bent, far_leg=bent)
    end = replace(start, near_leg=Leg(114, 12, 62))
    return Pose(end, props=(mat(50, 350),), start=start, arrow=arc_arrow(lying.hip, 100, 40, 100))


# --- sitting on a chair ------------------------------------------------------------------


def hip_flexion_band() -> Pose:
    """Sitting tall on a chair, hands on the seat; the band runs from the top of the right
    foot to under the left foot, and the right knee lifts against it."""
    front = 205.0
    seated = sitting(front)
    hip = seated.hip
    on_seat = arm_to(seated.shoulder, (hip[0] + 6, hip[1] + 10), bend=-1)
    seated = replace(seated, near_arm=on_seat, far_arm=on_seat)
    far = leg_to(hip, (front + 4, FLOOR_Y - ANKLE_HEIGHT))
    start = replace(seated, far_leg=far, near_leg=leg_to(hip, (front + 30, FLOOR_Y - 8)))
    end = replace(start, near_leg=Leg(32, -74, -8))
    far_foot = leg_points(hip, far)
    under = ((far_foot.heel[0] + far_foot.toe[0]) / 2 + 2, FLOOR_Y - 1)

    def instep(fig: Figure) -> Point:
        p = leg_points(hip, fig.near_leg)
        foot = fig.near_leg.foot
        return toward(toward(p.ankle, 9, foot), 4, foot + 90)

    return Pose(
        end,
        props=(
            chair(front),
            band_loop(instep(start), under, ghost=True),
            band_loop(instep(end), under),
        ),
        start=start,
        arrow=arc_arrow(hip, 82, -14, 40),
    )


# --- face down ----------------------------------------------------------------------------


def _on_forearms(hip: Point, far_knee_out: bool = False) -> Figure:
    """Face down, propped on the forearms (elbows under the shoulders), toes tucked."""
    elbow_y = ON_MAT - BODY.r_elbow
    torso = angle(hip, (hip[0] + 62, elbow_y - BODY.upper_arm))
    shoulder = shoulder_of(hip, torso)
    upper = angle(shoulder, (shoulder[0] + 3, elbow_y))
    fore = Arm(upper, 0, 0)
    near_leg = leg_to(hip, (hip[0] - 106, ON_MAT - 18), -100, bend=1)
    far_leg = leg_to(hip, (hip[0] - 104, ON_MAT - 18), -100, bend=1)
    if far_knee_out:  # bent out to the side: seen from the side, the knee comes forward
        far_leg = Leg(-40, 196, 200)
    return Figure(hip, torso, near_leg, far_leg, fore, replace(fore, fore=2), head=torso + 8)


def foam_roll_hip_flexor() -> Pose:
    """On the forearms with a foam roller under the front of the right hip, the left knee
    bent out to the side; rolling back and forth."""
    cx, r = 176.0, 19.0
    hip = (cx + 2, ON_MAT - 2 * r - 8.5)
    fig = _on_forearms(hip, far_knee_out=True)
    y = hip[1] - 46
    return Pose(
        fig,
        props=(mat(30, 370), foam_roller(cx, r, base=ON_MAT)),
        arrow=arrow((cx - 44, y), (cx + 44, y), both=True),
    )


def spiky_ball_hip_flexor() -> Pose:
    """On the forearms with a spiky ball under the front of the right hip; the hip lowers
    onto it (ghost: held above it)."""
    cx, r = 176.0, 10.0
    hip = (cx + 2, ON_MAT - 2 * r - 6 - 8.5)
    end = _on_forearms(hip)
    start = _on_forearms((hip[0], hip[1] - 16))
    return Pose(
        end,
        props=(mat(30, 370), spiky_ball(cx, r, base=ON_MAT)),
        start=start,
        arrow=arrow((cx + 2, hip[1] - 72), (cx + 2, hip[1] - 36)),
    )


def floor_superman() -> Pose:
    """Face down, arms past the head, legs long; arms, head and legs lift together."""
    flat = lying_face_down(182)
    flat = replace(flat, near_arm=Arm(0, 0, 0), far_arm=Arm(1, 1, 1), head=0)
    lifted = Figure(
        flat.hip, 8, Leg(170, 168, 176), Leg(172, 170, 178), Arm(5, 7, 7), Arm(7, 9, 9), 40
    )
    hand = toward(lifted.shoulder, 86, 6)
    return Pose(
        lifted,
        props=(mat(20, 380),),
        start=flat,
        arrow=arrow((hand[0] - 8, hand[1] + 6), (hand[0] - 8, hand[1] - 40)),
        not_drawn={"towel": "step 2 offers a folded towel as an option under the forehead"},
    )


# --- standing ------------------------------------------------------------------------------


def step_ups() -> Pose:
    """From the right foot on the step (ghost) to standing on it; the left hand on a rail."""
    height = 40.0
    top = step_top(height)
    rail_y = FLOOR_Y - 126
    on_step = standing(292, base=top)
    shoulder = on_step.shoulder
    end = replace(on_step, far_arm=arm_to(shoulder, (shoulder[0] + 16, rail_y), bend=-1))
    hip = (196.0, 170.0)
    lead = leg_to(hip, (252, top - ANKLE_HEIGHT))
    push = leg_to(hip, (170, FLOOR_Y - ANKLE_HEIGHT - 4), -14)
    s = shoulder_of(hip, 86)
    start = Figure(hip, 86, lead, push, Arm(-100, -96), arm_to(s, (s[0] + 22, rail_y)), 88)
    return Pose(
        end,
        props=(step(232, 362, height), rail(110, 385, FLOOR_Y - rail_y)),
        start=start,
        arrow=arrow((346, 226), (346, 160)),
    )


POSES: dict[str, Pose] = {
    "floor-superman": floor_superman(),
    "foam-roll-hip-flexor": foam_roll_hip_flexor(),
    "hip-flexion-band": hip_flexion_band(),
    "hip-flexion-lying": hip_flexion_lying(),
    "hip-flexor-quad-stretch": hip_flexor_quad_stretch(),
    "hip-flexor-stretch": hip_flexor_stretch(),
    "lower-back-stretch": lower_back_stretch(),
    "spiky-ball-hip-flexor": spiky_ball_hip_flexor(),
    "step-ups": step_ups(),
}
