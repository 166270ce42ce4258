"""Knee and ankle exercises (issue 16): thigh squeezes, leg raises, squats, calf work."""

from __future__ import annotations

import math
from dataclasses import replace

from tools.illustrations import (
    ANKLE_HEIGHT,
    BODY,
    FLOOR_Y,
    ON_MAT,
    Arm,
    Arrow,
    Figure,
    Leg,
    Point,
    Pose,
    angle,
    arc_arrow,
    arm_to,
    arrow,
    chair,
    chair_back_top,
    leg_points,
    leg_to,
    lying_on_back,
    mat,
    reach,
    seat_hip,
    shoulder_of,
    sitting,
    standing,
    toward,
    towel,
    wall,
)
from tools.illustrations.pose import ARROW_W
from tools.illustrations.svg import ACCENT, line, polygon
from tools.illustrations.views import HIP_HALF, SHOULDER_HALF, FrontFigure

SIT_HIP_Y = ON_MAT - 12.0  # hip point of a person sitting on a mat
STRAIGHT = Leg(-1, -1, 88)  # a leg long on the mat, toes up (lying or long sitting)


def _leg_via(hip: Point, knee_y: float, ankle_y: float, foot: float, ahead: int = 1) -> Leg:
    """A leg reaching forward (right) whose knee sits at height ``knee_y`` and ankle at
    ``ankle_y``: for a knee resting on a towel or a leg lifted off the mat."""
    kx = hip[0] + ahead * math.sqrt(max(0.0, BODY.thigh**2 - (knee_y - hip[1]) ** 2))
    knee = (kx, knee_y)
    ax = kx + ahead * math.sqrt(max(0.0, BODY.shin**2 - (ankle_y - knee_y) ** 2))
    return Leg(angle(hip, knee), angle(knee, (ax, ankle_y)), foot)


def _ring(c: Point, r: float) -> list[Point]:
    """A closed ring of points: a rolled towel seen end-on (with :func:`towel`)."""
    return [toward(c, r, i * 30) for i in range(13)]


def _tip(tip: Point, deg: float, size: float = 13.0) -> str:
    """An arrow head like the shared one, for a hand-drawn arrow path."""
    back = toward(tip, size, deg + 180)
    return polygon(
        [tip, toward(back, size * 0.6, deg + 90), toward(back, size * 0.6, deg - 90)], fill=ACCENT
    )


def _path_arrow(points: list[Point]) -> Arrow:
    """An arrow along a free path (e.g. a letter traced in the air), its head at the end."""
    tip = points[-1]
    deg = angle(points[-2], tip)
    shaft = [*points[:-1], toward(tip, 9, deg + 180)]
    return Arrow((line(shaft, ACCENT, ARROW_W), _tip(tip, deg)))


# --- sitting on a mat, legs long --------------------------------------------------------


def _long_sitting(hip_x: float, torso: float, near_leg: Leg, hands: Point | None) -> Figure:
    """Sitting on the mat with the legs out in front; ``hands`` on the mat behind (leaning
    back on them) or ``None`` to place the arms afterwards."""
    hip = (hip_x, SIT_HIP_Y)
    shoulder = shoulder_of(hip, torso)
    arm = Arm(-100, -90) if hands is None else arm_to(shoulder, hands, bend=-1, hand_dir=185)
    far = replace(arm, upper=arm.upper - 3)
    return Figure(hip, torso, near_leg, STRAIGHT, arm, far, head=torso - 14)


def quad_set() -> Pose:
    """Leaning back on the hands, a rolled towel under the right knee; the knee presses
    down into it, the leg straightens and the heel lifts just off the mat."""
    hip_x = 140.0
    hip = (hip_x, SIT_HIP_Y)
    roll_c = (hip_x + 55, ON_MAT - 10)
    bent = _leg_via(hip, ON_MAT - 27, ON_MAT - 6, 80)
    pressed_knee = toward(hip, BODY.thigh, angle(hip, (hip_x + 55, ON_MAT - 24)))
    straight = Leg(angle(hip, pressed_knee), angle(hip, pressed_knee), 96)
    hands = (hip_x - 44, ON_MAT - 5)
    start = _long_sitting(hip_x, 112, bent, hands)
    end = replace(start, near_leg=straight)
    knee = leg_points(hip, straight).knee
    return Pose(
        end,
        props=(mat(40, 330), towel(_ring(roll_c, 6))),
        start=start,
        arrow=arrow((knee[0], knee[1] - 52), (knee[0], knee[1] - 14)),
    )


def towel_calf_stretch() -> Pose:
    """Sitting tall, a towel round the ball of the right foot held in both hands; the
    hands draw back and the toes come back toward the body."""
    hip_x = 120.0
    hip = (hip_x, SIT_HIP_Y)

    def fig(foot: float, hand: Point) -> tuple[Figure, list[Point]]:
        base = _long_sitting(hip_x, 94, replace(STRAIGHT, foot=foot), None)
        s = base.shoulder
        near = arm_to(s, hand, bend=-1, hand_dir=-10)
        far = arm_to(s, (hand[0] - 3, hand[1] + 2), bend=-1, hand_dir=-10)
        f = replace(base, near_arm=near, far_arm=far)
        leg = leg_points(hip, f.near_leg)
        ball = toward(leg.ankle, BODY.foot - 4, foot)
        top = toward(ball, 5, foot + 90)
        sole = toward(ball, 6, foot - 90)
        grip = f.near[1].hand
        return f, [grip, top, toward(ball, 8, foot), sole, (grip[0] + 2, grip[1] + 5)]

    start, start_towel = fig(62, (hip_x + 66, SIT_HIP_Y - 40))
    end, end_towel = fig(104, (hip_x + 52, SIT_HIP_Y - 42))
    ankle = leg_points(hip, end.near_leg).ankle
    return Pose(
        end,
        props=(mat(30, 330), towel(start_towel, ghost=True), towel(end_towel)),
        start=start,
        arrow=arc_arrow(ankle, 40, 40, 112),
    )


# --- lying on the back on a mat -----------------------------------------------------------


def straight_leg_raise() -> Pose:
    """Left knee bent with the foot flat; the straight right leg lifts to the height of
    the left knee (ghost: long on the mat)."""
    lying = lying_on_back(200)
    hip = lying.hip
    bent = leg_to(hip, (hip[0] + 80, ON_MAT - ANKLE_HEIGHT), 0, bend=1)
    knee_top = leg_points(hip, bent).knee[1] - BODY.r_knee
    start = replace(lying, near_leg=STRAIGHT, far_leg=bent)
    lift = math.degrees(math.asin((hip[1] - knee_top - 4) / (BODY.thigh + BODY.shin)))
    end = replace(start, near_leg=Leg(lift, lift, lift + 90))
    return Pose(end, props=(mat(40, 360),), start=start, arrow=arc_arrow(hip, 132, 6, lift + 2))


def heel_slide() -> Pose:
    """Both legs long; the right heel slides along the mat toward the bottom, bending the
    knee up (ghost: the right leg straight)."""
    lying = lying_on_back(190)
    hip = lying.hip
    bent = leg_to(hip, (hip[0] + 74, ON_MAT - ANKLE_HEIGHT), 12, bend=1)
    start = replace(lying, near_leg=STRAIGHT, far_leg=STRAIGHT)
    end = replace(start, near_leg=bent)
    y = ON_MAT - 44
    return Pose(
        end, props=(mat(40, 360),), start=start, arrow=arrow((hip[0] + 150, y), (hip[0] + 92, y))
    )


# --- standing against or facing a wall -----------------------------------------------------


def wall_squat() -> Pose:
    """Back flat on the wall, feet two foot-lengths out; sliding down into a half squat
    with the shins upright and the knees over the ankles (ghost: standing tall)."""
    hip_x = 112.0
    wall_x = hip_x - 13
    bend = 32.0  # thigh below level: a half squat, not a 90 degree sit
    ankle_x = hip_x + BODY.thigh * math.cos(math.radians(bend))
    ankle_y = FLOOR_Y - ANKLE_HEIGHT
    end_hip = (hip_x, ankle_y - BODY.shin - BODY.thigh * math.sin(math.radians(bend)))
    start_hip = (
        hip_x,
        ankle_y - math.sqrt((BODY.thigh + BODY.shin - 0.5) ** 2 - (ankle_x - hip_x) ** 2),
    )

    def fig(hip: Point) -> Figure:
        near = leg_to(hip, (ankle_x, ankle_y))
        far = leg_to(hip, (ankle_x - 4, ankle_y))
        return Figure(hip, 90, near, far, Arm(-88, -84), Arm(-86, -82), head=88)

    start, end = fig(start_hip), fig(end_hip)
    x = hip_x + 34
    top = start.shoulder[1] + 4
    return Pose(
        end,
        props=(wall(wall_x, side=-1),),
        start=start,
        arrow=arrow((x, top), (x, top + 36)),
    )


def wall_calf_stretch() -> Pose:
    """Facing the wall, hands flat on it at shoulder height; the left foot forward, the
    right foot a long stride back with the heel down. The left knee bends and the hips
    lean toward the wall (ghost: hips back, body upright)."""
    wall_x = 330.0
    back_ankle = (150.0, FLOOR_Y - ANKLE_HEIGHT)
    front_ankle = (262.0, FLOOR_Y - ANKLE_HEIGHT)

    def fig(hip: Point, torso: float) -> Figure:
        s = shoulder_of(hip, torso)
        hand = (wall_x - 6, s[1] + 2)
        near = arm_to(s, hand, bend=-1, hand_dir=90)
        far = arm_to(s, (hand[0], hand[1] - 3), bend=-1, hand_dir=90)
        back_leg = leg_to(hip, back_ankle, 0)
        front_leg = leg_to(hip, front_ankle, 0)
        return Figure(hip, torso, back_leg, front_leg, near, far, head=torso - 2)

    reach_back = BODY.thigh + BODY.shin - 1
    start_x, end_x = 215.0, 236.0
    start_y = back_ankle[1] - math.sqrt(reach_back**2 - (start_x - back_ankle[0]) ** 2)
    end_y = back_ankle[1] - math.sqrt(reach_back**2 - (end_x - back_ankle[0]) ** 2)
    start = fig((start_x, start_y), 90)
    end = fig((end_x, end_y), 76)
    y = end_y - 2
    return Pose(
        end,
        props=(wall(wall_x, side=1),),
        start=start,
        arrow=arrow((start_x - 60, y), (end_x - 26, y)),
    )


# --- a chair ------------------------------------------------------------------------------


def seated_hamstring_stretch() -> Pose:
    """On the front edge of a chair, the left foot flat, the right leg straight with the
    heel down and toes up, hands on the left thigh; leaning forward from the hips with
    a straight back (ghost: sitting tall)."""
    front = 150.0
    hip = seat_hip(front, 0.18)
    far = leg_to(hip, (hip[0] + 56, FLOOR_Y - ANKLE_HEIGHT), 0)
    near = leg_to(hip, (hip[0] + 120, FLOOR_Y - 11), 80)
    far_knee = leg_points(hip, far).knee

    def fig(torso: float, along: float) -> Figure:
        s = shoulder_of(hip, torso)
        on_thigh = (hip[0] + (far_knee[0] - hip[0]) * along, hip[1] - 9)
        near_arm = arm_to(s, on_thigh, bend=-1, hand_dir=-5)
        far_arm = arm_to(s, (on_thigh[0] - 8, on_thigh[1]), bend=-1, hand_dir=-5)
        return Figure(hip, torso, near, far, near_arm, far_arm, head=torso + 2)

    start, end = fig(92, 0.55), fig(60, 0.95)
    return Pose(
        end,
        props=(chair(front),),
        start=start,
        arrow=arc_arrow(hip, 112, 84, 52),
    )


def ankle_alphabet() -> Pose:
    """Sitting tall on a chair, hands on the thighs, the right foot lifted a little with
    the knee part straightened; the big toe traces letters in the air (an S)."""
    front = 160.0
    seated = sitting(front)
    hip = seated.hip
    far = leg_to(hip, (hip[0] + 58, FLOOR_Y - ANKLE_HEIGHT), 0)
    near = Leg(-2, -52, -28)
    s = seated.shoulder
    knee = leg_points(hip, far).knee
    hand = (hip[0] + (knee[0] - hip[0]) * 0.6, hip[1] - 9)
    fig = replace(
        seated,
        near_leg=near,
        far_leg=far,
        near_arm=arm_to(s, hand, bend=-1, hand_dir=-5),
        far_arm=arm_to(s, (hand[0] - 6, hand[1]), bend=-1, hand_dir=-5),
    )
    toe = leg_points(hip, near).toe
    c = (toe[0] + 28, toe[1] - 20)
    r = 10.0
    upper = [toward((c[0], c[1] - r), r, a) for a in range(20, 271, 25)]
    lower = [toward((c[0], c[1] + r), r, a) for a in range(90, -181, -25)]
    return Pose(fig, props=(chair(front),), arrow=_path_arrow([*upper, *lower]))


def calf_raise() -> Pose:
    """Standing behind a chair, both hands on its back; rising onto the balls of both
    feet with the heels high (ghost: feet flat)."""
    flat = standing(150)
    back = flat.hip[0] + 42
    front = back + 46
    grip = chair_back_top(front)
    grip = (grip[0] - 2, grip[1] - 2)
    toes = [leg_points(flat.hip, leg).toe for leg in (flat.near_leg, flat.far_leg)]
    point = -38.0
    probe = leg_points((0, 0), Leg(-90, -90, point))
    lift_ankle = [
        (t[0] - probe.toe[0] + probe.ankle[0], FLOOR_Y - 3 - probe.toe[1] + probe.ankle[1])
        for t in toes
    ]
    rise = flat.near[0].ankle[1] - lift_ankle[0][1]
    hip = (flat.hip[0], flat.hip[1] - rise)

    def fig(h: Point, legs: tuple[Leg, Leg]) -> Figure:
        s = shoulder_of(h, 90)
        near = arm_to(s, grip, bend=-1, hand_dir=0)
        far = arm_to(s, (grip[0] - 2, grip[1] + 1), bend=-1, hand_dir=0)
        return Figure(h, 90, legs[0], legs[1], near, far, head=92)

    start = fig(flat.hip, (flat.near_leg, flat.far_leg))
    end = fig(hip, (leg_to(hip, lift_ankle[0], point), leg_to(hip, lift_ankle[1], point)))
    heel = leg_points(hip, end.near_leg).heel
    x = heel[0] - 16
    return Pose(
        end,
        props=(chair(front),),
        start=start,
        arrow=arrow((x, FLOOR_Y - 6), (x, FLOOR_Y - 40)),
    )


def single_leg_balance() -> Pose:
    """Standing tall on the right leg, knee soft, the left hand resting on the back of a
    chair at the left side; the left knee bends to lift the foot just off the floor."""
    hip = (170.0, FLOOR_Y - ANKLE_HEIGHT - BODY.thigh - BODY.shin + 3)
    stand = leg_to(hip, (hip[0] + 1, FLOOR_Y - ANKLE_HEIGHT), 0)
    lifted = leg_to(hip, (hip[0] - 20, FLOOR_Y - ANKLE_HEIGHT - 24), -20, bend=1)
    back_x = hip[0] + 22
    front = back_x - 46
    grip = chair_back_top(front, facing=-1)
    s = shoulder_of(hip, 90)
    far_arm = arm_to(s, (grip[0], grip[1] - 2), bend=-1, hand_dir=-10)
    fig = Figure(hip, 90, stand, lifted, Arm(-94, -90), far_arm, head=92)
    heel = leg_points(hip, lifted).heel
    return Pose(
        fig,
        props=(chair(front, facing=-1),),
        arrow=arrow((heel[0] - 2, FLOOR_Y - 2), (heel[0] - 2, heel[1] + 4)),
    )


# --- side-lying, seen from the front -----------------------------------------------------


def clamshell() -> Pose:
    """Lying on the left side on a mat, seen from the front and a little above (head to the
    right, resting on the straight left arm), right hand on the right hip; hips and knees
    bent, the knees stacked and the feet together. The right knee lifts towards the ceiling
    like a shell opening while the feet stay touching (ghost: knees together)."""
    mid = ON_MAT - 25  # the body's middle line: the shoulders and hips stacked above the mat
    hip = (212.0, mid)
    tilt = math.sin(math.radians(20))  # the view from a little above: forward shows as down
    fwd = math.sqrt(0.5)  # hips bent 45° and knees 90°: each leg bone half forward, half down

    def vec(length: float, lift: float, forward: float) -> Point:
        """A leg bone pointing towards the feet (left), lifted up and/or forward."""
        return (-fwd * length, -lift + forward * tilt)

    def bone(v: Point) -> tuple[float, float]:
        return angle((0.0, 0.0), v), math.hypot(*v)

    t_deg, t_len = bone(vec(BODY.thigh, 0, fwd * BODY.thigh))
    s_deg, s_len = bone(vec(BODY.shin, 0, -fwd * BODY.shin))
    bottom = Leg(t_deg, s_deg, 185)
    top_hip = (hip[0], hip[1] - HIP_HALF)
    knee = (top_hip[0] - fwd * BODY.thigh, top_hip[1] + fwd * BODY.thigh * tilt)
    feet = (knee[0] - fwd * BODY.shin, hip[1] + HIP_HALF - 9)  # resting on the lower foot

    def top_leg(opening: float) -> tuple[Leg, float, float]:
        o = math.radians(opening)
        k = fwd * BODY.thigh
        v = vec(BODY.thigh, k * math.sin(o) * 0.9, k * math.cos(o))
        kn = (top_hip[0] + v[0], top_hip[1] + v[1])
        d, length = bone(v)
        sd, sl = angle(kn, feet), math.dist(kn, feet)
        return Leg(d, sd, 185), length, sl

    rest, rest_t, rest_s = top_leg(0)
    opened, open_t, open_s = top_leg(55)
    fig = FrontFigure(hip, 0, rest, bottom, Arm(0, 0), Arm(0, 0), -18.0, thigh=t_len, shin=s_len)
    s = fig.shoulder
    under_head = Arm(4, -2, -2)  # the lower arm long on the mat under the head
    right_s = (s[0], s[1] - SHOULDER_HALF)
    hand = (hip[0] - 4, hip[1] - 16)
    first, second = reach(right_s, hand, BODY.upper_arm, BODY.forearm + BODY.hand * 0.45, 1)
    on_hip = Arm(first, second, second - 20)
    start = replace(fig, near_arm=on_hip, far_arm=under_head, near_thigh=rest_t, near_shin=rest_s)
    end = replace(start, near_leg=opened, near_thigh=open_t, near_shin=open_s)
    rest_knee, open_knee = start.near[0].knee, end.near[0].knee
    from_deg = angle(top_hip, rest_knee) % 360  # both about 180: round past the left
    to_deg = angle(top_hip, open_knee) % 360
    return Pose(
        end,
        props=(mat(30, 370),),
        start=start,
        arrow=arc_arrow(
            top_hip,
            math.dist(top_hip, rest_knee) + 18,
            from_deg + 6,
            to_deg - 4,
        ),
    )


POSES: dict[str, Pose] = {
    "ankle-alphabet": ankle_alphabet(),
    "calf-raise": calf_raise(),
    "clamshell": clamshell(),
    "heel-slide": heel_slide(),
    "quad-set": quad_set(),
    "seated-hamstring-stretch": seated_hamstring_stretch(),
    "single-leg-balance": single_leg_balance(),
    "straight-leg-raise": straight_leg_raise(),
    "towel-calf-stretch": towel_calf_stretch(),
    "wall-calf-stretch": wall_calf_stretch(),
    "wall-squat": wall_squat(),
}
