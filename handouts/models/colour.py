"""Colour maths for readable print: WCAG 2 contrast, tints, and the text colours
a handout derives from a clinic's brand colours.

Why derive text colours rather than print the brand colours as given: a clinic
picks its colours for its logo, not for reading.  A pale yellow makes a fine band
or rule but an unreadable heading, and body text below 4.5:1 (WCAG 2, level AA)
is hard to read for the older and low-vision patients who most need a handout.
So the brand colour stays for bands, rules and tinted boxes, and text prints in
the nearest shade of it (same hue) that reaches 4.5:1 on everything it sits on.

Why here, in ``models``: the renderer prints with these colours and ``handouts
check`` reports on them; both import this one module, so they always agree.
Colours are ``#rrggbb`` strings, as the clinic model holds them.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

from handouts.errors import Notice
from handouts.models.clinic import Colours

MIN_RATIO = 4.5  # WCAG 2, level AA, for body text
WHITE = "#ffffff"
BLACK = "#000000"
# Labels, details and page furniture: a grey of our own, not a brand colour.
MUTED = "#5b6470"
# The least a tinted box's fill is lightened from a brand colour (the renderer's
# boxes use 0.86 to 0.95): text readable on this is readable on every such box.
BOX_TINT = 0.85


def _channels(colour: str) -> tuple[float, float, float]:
    """``#rrggbb`` as three values from 0 to 1."""
    return (int(colour[1:3], 16) / 255, int(colour[3:5], 16) / 255, int(colour[5:7], 16) / 255)


def _hex(channels: tuple[float, float, float], rounding: str = "nearest") -> str:
    """Three values from 0 to 1 as ``#rrggbb``.

    ``rounding`` "down" (darker) or "up" (lighter) keeps a shade found to reach a
    contrast on the right side of it; the small nudge absorbs float error (0.2 * 255).
    """

    def byte(value: float) -> int:
        if rounding == "down":
            return math.floor(value * 255 + 1e-6)
        if rounding == "up":
            return math.ceil(value * 255 - 1e-6)
        return round(value * 255)

    return "#" + "".join(f"{min(255, max(0, byte(c))):02x}" for c in channels)


def relative_luminance(colour: str) -> float:
    """WCAG relative luminance of ``#rrggbb``, from 0 (black) to 1 (white)."""
    linear = [
        c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in _channels(colour)
    ]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_ratio(one: str, other: str) -> float:
    """WCAG contrast ratio of two ``#rrggbb`` colours, from 1.0 to 21.0."""
    high, low = sorted((relative_luminance(one), relative_luminance(other)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def tint(colour: str, amount: float) -> str:
    """``colour`` mixed with white: amount 0 is the colour, 1 is white."""
    return _mix(colour, WHITE, amount)


def _mix(colour: str, other: str, amount: float, rounding: str = "nearest") -> str:
    pairs = zip(_channels(colour), _channels(other), strict=True)
    mixed = tuple(c + (o - c) * amount for c, o in pairs)
    return _hex((mixed[0], mixed[1], mixed[2]), rounding)


def readable_on(colour: str, background: str, ratio: float = MIN_RATIO) -> str:
    """``colour`` if it reaches ``ratio`` against ``background``, else the nearest shade
    of it that does: mixed with black on a light background, with white on a dark one.

    Mixing with black or white keeps the hue, so a yellow heading becomes a dark
    yellow (olive), not a different colour.  Either black or white reaches 4.5:1
    on any background, so there is always an answer.
    """
    if contrast_ratio(colour, background) >= ratio:
        return colour
    darken = contrast_ratio(BLACK, background) >= contrast_ratio(WHITE, background)
    extreme, rounding = (BLACK, "down") if darken else (WHITE, "up")
    # The least mix that reads: contrast only grows on the way to the extreme
    # once it is below ``ratio`` (it may first fall, for white text on a light box).
    low, high = 0.0, 1.0
    for _ in range(40):
        middle = (low + high) / 2
        if contrast_ratio(_mix(colour, extreme, middle, rounding), background) >= ratio:
            high = middle
        else:
            low = middle
    return _mix(colour, extreme, high, rounding)


def readable_on_all(colour: str, backgrounds: tuple[str, ...], ratio: float = MIN_RATIO) -> str:
    """``colour``, shaded as little as possible to reach ``ratio`` on every one of ``backgrounds``
    (all light, or all dark)."""
    for background in sorted(backgrounds, key=relative_luminance):
        colour = readable_on(colour, background, ratio)
    return colour


@dataclass(frozen=True)
class TextColours:
    """The colours a handout prints its text in, derived from the brand colours."""

    heading: str  # the primary colour as text: headings, the clinic's name, bullets
    body: str  # the text colour: body text on paper and in every tinted box
    muted: str  # labels, details, captions and the page furniture
    sign: str  # the accent colour as text: the ⚠ before a safety note
    on_primary: str  # text on a band of the primary colour: table heads, "New" banners


def text_colours(primary: str, accent: str, text: str) -> TextColours:
    """The readable text colours for a brand (see the module's docstring)."""
    # Headings sit on paper and in the boxes tinted with the primary colour;
    # other text anywhere, the boxes tinted with the accent included.
    headed = (WHITE, tint(primary, BOX_TINT))
    light = (*headed, tint(accent, BOX_TINT))
    # On the band: white if it reads, else the body text colour, darkened if needed.
    white_reads = contrast_ratio(WHITE, primary) >= MIN_RATIO
    return TextColours(
        heading=readable_on_all(primary, headed),
        body=readable_on_all(text, light),
        muted=readable_on_all(MUTED, light),
        sign=readable_on(accent, WHITE),  # the sign sits on paper
        on_primary=WHITE if white_reads else readable_on(text, primary),
    )


@dataclass(frozen=True)
class Adjustment:
    """A brand colour that prints as another shade of itself, so its text can be read."""

    field: str  # the key under ``colours:`` in clinic.yaml
    given: str
    used: str
    ratio: float  # the given colour's contrast where it reads worst
    role: str  # what prints in ``used``: "headings", "body text"
    where: str  # where it read worst: "on white paper"

    def warning(self) -> str:
        """One line for ``make``: what was too light, and what prints instead."""
        return (
            f"{self.given} is too light for text {self.where} (contrast {self.ratio:.1f}:1, "
            f"WCAG AA asks {MIN_RATIO}:1); printing {self.role} in {self.used} instead"
        )


def adjustments(primary: str, accent: str, text: str) -> list[Adjustment]:
    """The clinic's text colours that ``text_colours`` had to change, at most one each.

    Why only ``primary`` and ``text``: they are the colours a clinic chooses for
    text (headings, body).  The accent is a colour for boxes and highlights; the
    one character printed in it, the ⚠ sign, is shaded quietly (the example
    clinic's orange needs that too, and a warning on every handout would teach
    clinicians to ignore warnings).
    """
    derived = text_colours(primary, accent, text)
    found: list[Adjustment] = []
    for field, given, used, role in (
        ("primary", primary, derived.heading, "headings"),
        ("text", text, derived.body, "body text"),
    ):
        if used == given:
            continue
        # Named on white paper when it fails there (what a clinic pictures);
        # otherwise it failed only on a tinted box, at the box's contrast.
        on_white = contrast_ratio(given, WHITE)
        box = min(tint(primary, BOX_TINT), tint(accent, BOX_TINT), key=relative_luminance)
        ratio, where = (
            (on_white, "on white paper")
            if on_white < MIN_RATIO
            else (contrast_ratio(given, box), "in the tinted boxes")
        )
        found.append(Adjustment(field, given, used, ratio, role, where))
    return found


def colour_notices(colours: Colours, source: Path) -> tuple[Notice, ...]:
    """One warning for each of a clinic's colours that prints as a darker shade, naming
    the clinic file and the colour's field."""
    return tuple(
        Notice(source, None, f"colours.{found.field}", found.warning())
        for found in adjustments(colours.primary, colours.accent, colours.text)
    )
