"""Brand colours too light to print text in, as ``handouts check`` reports them.

Why a warning and not an error: the handout stays readable whatever the clinic
chose, since text prints in a darker shade of a colour that is too light (see
``handouts.models.colour``).  The clinic learns which shade, and can choose its
own.  The maths is shared with the renderer, so check and make always agree.
"""

from __future__ import annotations

from pydantic import TypeAdapter
from pydantic import ValidationError as PydanticError

from handouts.models.clinic import Colour, Colours
from handouts.models.colour import MIN_RATIO, adjustments, contrast_ratio

__all__ = ["contrast_ratio", "low_contrast", "parse_colours"]

_COLOUR = TypeAdapter(Colour)


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
    """For each colour that is too light for its text, why and what prints instead (one
    message per colour, at its worst pairing)."""
    return {
        found.field: (
            f"contrast {found.ratio:.1f}:1 for {found.role} {found.where} is below "
            f"{MIN_RATIO}:1 (WCAG AA); handouts print {found.role} in {found.used} instead "
            "(choose a darker colour to print your own)"
        )
        for found in adjustments(colours["primary"], colours["accent"], colours["text"])
    }
