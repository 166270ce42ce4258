"""Points and angles in the drawing convention every pose uses.

Angles are in degrees in the usual maths sense: 0 points right (forward, for a figure
facing right), 90 points up. SVG's y axis points down; :func:`toward` hides that, so a
pose reads like a diagram on paper.
"""

from __future__ import annotations

import math

Point = tuple[float, float]


def toward(p: Point, length: float, deg: float) -> Point:
    """The point ``length`` away from ``p`` in direction ``deg`` (0 = right, 90 = up)."""
    rad = math.radians(deg)
    return (p[0] + length * math.cos(rad), p[1] - length * math.sin(rad))


def angle(a: Point, b: Point) -> float:
    """Direction from ``a`` to ``b`` in the same convention as :func:`toward`."""
    return math.degrees(math.atan2(a[1] - b[1], b[0] - a[0]))


def reach(root: Point, target: Point, l1: float, l2: float, bend: int) -> tuple[float, float]:
    """Two-bone inverse kinematics: the two segment angles that put a chain's end on ``target``.

    Lets a pose say "foot flat on the step here" or "hand on the knee" instead of
    guessing angles. ``bend`` (+1 or -1) picks which way the middle joint points: +1
    bends it counter-clockwise of the root-target line (a knee forward when the leg
    points down and the figure faces right; an elbow backward when the arm hangs down).
    Out-of-reach targets straighten the limb towards them.
    """
    d = max(1e-6, min(math.dist(root, target), l1 + l2 - 1e-6))
    base = angle(root, target)
    cos_a = (l1 * l1 + d * d - l2 * l2) / (2 * l1 * d)
    a = math.degrees(math.acos(max(-1.0, min(1.0, cos_a))))
    first = base + bend * a
    mid = toward(root, l1, first)
    return first, angle(mid, target)


def capsule(a: Point, ra: float, b: Point, rb: float) -> list[Point]:
    """The four corners of the tapered band joining a circle at ``a`` to one at ``b``.

    The sides are the two outer tangents of the circles, so the band meets each circle
    smoothly: a limb segment is this polygon plus round joints at both ends.
    """
    d = math.dist(a, b)
    if d <= abs(ra - rb):
        return []  # one circle swallows the other: the joints alone draw the segment
    base = angle(a, b)
    off = math.degrees(math.acos((ra - rb) / d))
    return [
        toward(a, ra, base + off),
        toward(b, rb, base + off),
        toward(b, rb, base - off),
        toward(a, ra, base - off),
    ]
