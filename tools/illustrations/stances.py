"""Ready-made starting figures for the common positions; adjust them with
:func:`dataclasses.replace` (e.g. ``replace(fig, near_leg=leg_to(fig.hip, ankle))``).

Every stance faces right, rests on ``base`` (the floor, or ``FLOOR_Y - MAT_H`` on a
mat) and keeps the one body model, so all pictures share one scale.
"""

from __future__ import annotations

import math

from tools.illustrations.body import (
    ANKLE_HEIGHT,
    BODY,
    LYING_HEIGHT,
    Arm,
    Figure,
    Leg,
    arm_to,
    leg_to,
    shoulder_of,
)
from tools.illustrations.props import MAT_H, seat_hip
from tools.illustrations.svg import FLOOR_Y

ON_MAT = FLOOR_Y - MAT_H
ARMS_DOWN = Arm(-95, -92)  # hanging by the sides of a standing figure


def standing(x: float, base: float = FLOOR_Y) -> Figure:
    """Standing tall with the arms by the sides, the hip above ``x``."""
    hip = (x, base - ANKLE_HEIGHT - BODY.thigh - BODY.shin + 1)
    legs = [leg_to(hip, (x + dx, base - ANKLE_HEIGHT)) for dx in (2, -2)]
    return Figure(hip, 90, legs[0], legs[1], ARMS_DOWN, Arm(-88, -86), head=92)


def lying_on_back(hip_x: float, base: float = ON_MAT) -> Figure:
    """Lying face up, head to the left, legs long, arms by the sides."""
    hip = (hip_x, base - LYING_HEIGHT)
    flat = Leg(-1, -1, 88)
    return Figure(hip, 180, flat, flat, Arm(-2, 0), Arm(-2, 0), head=178)


def lying_face_down(hip_x: float, base: float = ON_MAT) -> Figure:
    """Lying face down, head to the right, legs long, arms by the sides."""
    hip = (hip_x, base - LYING_HEIGHT)
    flat = Leg(181, 180, 178)
    return Figure(hip, 0, flat, flat, Arm(182, 180), Arm(182, 180), head=-4)


def sitting(chair_front: float) -> Figure:
    """Sitting tall on :func:`~tools.illustrations.props.chair` ``(chair_front)``,
    feet flat under the knees, hands resting on the front of the seat."""
    hip = seat_hip(chair_front)
    feet_x = chair_front + 16
    near = leg_to(hip, (feet_x, FLOOR_Y - ANKLE_HEIGHT))
    far = leg_to(hip, (feet_x - 4, FLOOR_Y - ANKLE_HEIGHT))
    shoulder = shoulder_of(hip, 90)
    hand = (chair_front - 6, hip[1] - 8)
    return Figure(hip, 90, near, far, arm_to(shoulder, hand), arm_to(shoulder, hand), head=92)


def on_all_fours(hip_x: float, base: float = ON_MAT) -> Figure:
    """Hands and knees: knees under the hips, hands under the shoulders, head to the right."""
    knee_y = base - BODY.r_knee
    hip = (hip_x, knee_y - BODY.thigh)
    arm_len = BODY.upper_arm + BODY.forearm + BODY.hand * 0.45 - 2
    drop = (base - 5 - arm_len) - hip[1]  # how far the shoulder sits above the hip
    torso = math.degrees(math.asin(max(-1.0, min(1.0, -drop / BODY.torso))))
    shoulder = shoulder_of(hip, torso)
    arm = arm_to(shoulder, (shoulder[0], base - 5), bend=1, hand_dir=0)
    leg = Leg(-90, 180, 180)
    return Figure(hip, torso, leg, Leg(-91, 180, 180), arm, arm, head=torso + 8)
