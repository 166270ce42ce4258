"""WCAG 2 contrast between the brand colours a handout prints on top of each other.

Why: a clinic picks its colours for its logo, not for reading.  Body text at
a contrast below 4.5:1 (WCAG 2, level AA) is hard to read for the older and
low-vision patients who most need a handout.
"""

from __future__ import annotations

from pydantic import TypeAdapter
from pydantic import ValidationError as PydanticError

from handouts.models.clinic import Colour, Colours

MIN_RATIO = 4.5
WHITE = "#ffffff"
# How much of the brand colour is left in the tinted boxes (see render/theme.py tint()):
# the dose box is the accent at 14 %, the goals and closing boxes the primary at 8–10 %.
_DOSE_BOX_TINT = 0.86
_PRIMARY_BOX_TINT = 0.9

_COLOUR = TypeAdapter(Colour)


def relative_luminance(colour: str) -> float:
    """WCAG relative luminance of ``#rrggbb``."""
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_ratio(one: str, other: str) -> float:
    """WCAG contrast ratio of two ``#rrggbb`` colours, from 1.0 to 21.0."""
    high, low = sorted((relative_luminance(one), relative_luminance(other)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def tint(colour: str, amount: float) -> str:
    """``colour`` mixed with white (amount 1 is white), as the renderer does it."""
    channels = [int(colour[i : i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(c + (255 - c) * amount):02x}" for c in channels)


def parse_colours(raw: object) -> dict[str, str]:
    """The colours given in a clinic file's ``colours:`` mapping that are valid, plus defaults.

    An invalid colour is left at its default here: it is reported as an error
    elsewhere, and guessing its contrast would report the same fault twice.
    """
    given = raw if isinstance(raw, dict) else {}
    out: dict[str, str] = {}
    for name, info in Colours.model_fields.items():
        try:
            out[name] = _COLOUR.validate_python(given.get(name, info.default))
        except PydanticError:
            out[name] = str(info.default)
    return out


def low_contrast(colours: dict[str, str]) -> dict[str, str]:
    """For each colour that reads poorly where it is used, why (one message per colour)."""
    text, primary, accent = colours["text"], colours["primary"], colours["accent"]
    # Each colour is reported once, at its worst pairing, so one bad choice is one line.
    uses = {
        "text": [
            ("body text on white paper", WHITE),
            ("text in the dose box", tint(accent, _DOSE_BOX_TINT)),
            ("text in the goals and questions boxes", tint(primary, _PRIMARY_BOX_TINT)),
        ],
        "primary": [("headings on white paper and white table headings on it", WHITE)],
    }
    found: dict[str, str] = {}
    for name, pairs in uses.items():
        fg = {"text": text, "primary": primary}[name]
        ratio, what = min((contrast_ratio(fg, bg), what) for what, bg in pairs)
        if ratio < MIN_RATIO:
            found[name] = (
                f"contrast {ratio:.1f}:1 for {what} is below {MIN_RATIO}:1 (WCAG AA); "
                "choose a darker colour"
            )
    return found
