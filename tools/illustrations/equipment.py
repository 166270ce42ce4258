"""Which props an exercise's words call for, and whether a pose draws exactly those.

The words are matched with small patterns (``rail`` counts as ``wall``, ``bottom
stair`` as ``step``, ``cushion`` as ``mat``, ``strap`` or ``belt`` as ``towel``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from tools.illustrations.pose import Pose
from tools.illustrations.props import PROP_NAMES

_STEP_VERB = r"(?! (?:back|forward|up|down|out|in|to|away|with|toward|towards|sideways|over)\b)"
PROP_WORDS: dict[str, tuple[str, ...]] = {
    "mat": (r"\bmats?\b", r"\bcushions?\b"),
    "chair": (r"\bchairs?\b", r"\bstools?\b"),
    "wall": (r"\bwalls?\b", r"\b(?:hand)?rails?\b", r"\bbanisters?\b", r"\bworktops?\b",
             r"\bcounters?\b"),
    "step": (r"\bstairs?\b",
             r"\b(?:a|the|low|firm|bottom|sturdy|your|exercise) steps?\b" + _STEP_VERB),
    "band": (r"\bbands?\b",),
    "foam-roller": (r"\bfoam rollers?\b", r"\brollers?\b"),
    "spiky-ball": (r"\bspiky\b", r"\bmassage balls?\b", r"\btennis balls?\b"),
    "dumbbell": (r"\bdumbbells?\b", r"\bhand weights?\b"),
    "towel": (r"\btowels?\b", r"\bstraps?\b", r"\bbelts?\b"),
}  # fmt: skip
assert set(PROP_WORDS) == set(PROP_NAMES)


def props_named(text: str) -> set[str]:
    """The props a piece of text names."""
    low = text.lower()
    return {
        name for name, patterns in PROP_WORDS.items() if any(re.search(p, low) for p in patterns)
    }


def problems(
    equipment: Iterable[str], texts: Iterable[str], pose: Pose, alt: str | None = None
) -> list[str]:
    """Every way a pose's props disagree with its exercise (empty when they agree).

    - each ``equipment`` item names a prop, and one of its alternatives is drawn
      ("chair or wall for balance": a chair or a wall);
    - every drawn prop is listed in ``equipment``;
    - every prop the steps or safety note (``texts``) name is drawn, is an alternative
      of a drawn item, or is in the pose's ``not_drawn`` with a reason;
    - every prop the alt text names is drawn (alt describes this picture);
    - ``not_drawn`` names only props the text mentions and the picture leaves out.
    """
    drawn = pose.prop_names
    out: list[str] = []
    listed: set[str] = set()
    alternatives: set[str] = set()
    for item in equipment:
        names = props_named(item)
        listed |= names
        if not names:
            out.append(f"equipment {item!r} is none of the props ({', '.join(PROP_NAMES)})")
        elif not names & drawn:
            out.append(f"equipment {item!r} is not drawn (draw: {' or '.join(sorted(names))})")
        else:
            alternatives |= names
    out += [
        f"the picture draws a {name} but equipment does not list one"
        for name in sorted(drawn - listed)
    ]
    mentioned = set().union(*(props_named(t) for t in texts))
    for name in sorted(mentioned - drawn - alternatives):
        if not pose.not_drawn.get(name, "").strip():
            out.append(
                f"the steps or safety note mention a {name}: draw it, or give the reason in "
                "not_drawn"
            )
    for name in sorted(props_named(alt or "") - drawn):
        out.append(f"the alt text mentions a {name} the picture does not draw")
    for name in sorted(pose.not_drawn):
        if name not in mentioned or name in drawn:
            out.append(f"not_drawn names {name}, which the text does not mention or is drawn")
    return out
