"""Draw the bundled exercise illustrations as small SVG files, from pose descriptions.

Why pictures from code rather than hand-drawn files: every picture uses one body model
(same proportions, joints and tones), one set of props and one arrow, so they look
like one family; a pose is corrected by moving a joint, and the props a picture draws
are data the tests compare with the exercise's equipment and steps.

- ``python -m tools.illustrations`` (or ``python tools/draw_illustrations.py``) rewrites
  every ``assets/library/illustrations/<id>.svg`` and the contact sheet
  ``docs/illustrations.png``, byte-for-byte the same each run.
- Poses live in ``poses/<area>.py`` modules, each exporting ``POSES: dict[str, Pose]``;
  they are collected automatically. How to add one: ``POSES.md`` beside this file.

The output uses only plain SVG shapes with presentation attributes (no CSS, text,
markers, opacity or gradients), because the product embeds the files with svglib,
which silently drops what it does not understand. Colours are solid and differ in
lightness, so the pictures still read when printed in greyscale.
"""

from tools.illustrations.body import (
    ANKLE_HEIGHT,
    BODY,
    LYING_HEIGHT,
    Arm,
    Figure,
    Leg,
    arm_points,
    arm_to,
    leg_points,
    leg_to,
    shoulder_of,
)
from tools.illustrations.geometry import Point, angle, reach, toward
from tools.illustrations.pose import Arrow, Pose, arc_arrow, arrow, render
from tools.illustrations.props import (
    MAT_H,
    PROP_NAMES,
    SEAT_H,
    Prop,
    band,
    band_loop,
    chair,
    chair_back_top,
    dumbbell,
    foam_roller,
    mat,
    rail,
    seat_hip,
    spiky_ball,
    step,
    step_top,
    towel,
    wall,
)
from tools.illustrations.stances import (
    ON_MAT,
    lying_face_down,
    lying_on_back,
    on_all_fours,
    sitting,
    standing,
)
from tools.illustrations.svg import FLOOR_Y, HEIGHT, WIDTH

__all__ = [
    "ANKLE_HEIGHT",
    "BODY",
    "FLOOR_Y",
    "HEIGHT",
    "LYING_HEIGHT",
    "MAT_H",
    "ON_MAT",
    "PROP_NAMES",
    "SEAT_H",
    "WIDTH",
    "Arm",
    "Arrow",
    "Figure",
    "Leg",
    "Point",
    "Pose",
    "Prop",
    "angle",
    "arc_arrow",
    "arm_points",
    "arm_to",
    "arrow",
    "band",
    "band_loop",
    "chair",
    "chair_back_top",
    "dumbbell",
    "foam_roller",
    "leg_points",
    "leg_to",
    "lying_face_down",
    "lying_on_back",
    "mat",
    "on_all_fours",
    "rail",
    "reach",
    "render",
    "seat_hip",
    "shoulder_of",
    "sitting",
    "spiky_ball",
    "standing",
    "step",
    "step_top",
    "toward",
    "towel",
    "wall",
]
