"""Plan values given one by one (command-line flags, a form), shaped like a plan file.

Why in the library: the CLI's flags and a web form name the same values; both
hand them here and get the overrides ``load_plan`` merges over a plan file.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from handouts.errors import ValidationError
from handouts.load.plan import COMMAND_LINE

_PATIENT = (("name", "patient"), ("date_of_birth", "dob"), ("email", "email"))
_PRACTITIONER = (("name", "practitioner"), ("role", "role"))
_PLAIN = ("date", "title", "goals", "notes", "next_appointment", "programme")
_OPTIONS = (
    "page_size",
    "diary",
    "diary_weeks",
    "diary_pain",
    "at_a_glance",
    "pain_guidance",
    "layout",
    "large_print",
    "greyscale",
    "initials",
)


def exercise_spec(text: str) -> dict[str, Any]:
    """``step-ups:sets=3,reps=12`` → ``{"id": "step-ups", "sets": "3", "reps": "12"}``."""
    exercise_id, _, rest = text.partition(":")
    spec: dict[str, Any] = {"id": exercise_id.strip()}
    for pair in filter(None, (p.strip() for p in rest.split(","))):
        key, sep, value = pair.partition("=")
        if not sep:
            raise ValidationError(
                COMMAND_LINE, f"expected key=value after ':', got {pair!r}", field="--exercise"
            )
        spec[key.strip()] = value.strip()
    return spec


def _given(values: dict[str, Any], pairs: Iterable[tuple[str, str]]) -> dict[str, Any]:
    return {field: values[name] for field, name in pairs if values.get(name) is not None}


def plan_values(**values: Any) -> dict[str, Any]:
    """The values that were given (None and empty lists are "not given"), as plan overrides."""
    out: dict[str, Any] = {}
    patient = _given(values, (*_PATIENT, ("reference", "reference")))
    if patient:
        out["patient"] = patient
    practitioner = _given(values, _PRACTITIONER)
    if practitioner:
        out["practitioner"] = practitioner
    out |= _given(values, ((key, key) for key in _PLAIN))
    for field, name in (("sections", "section"), ("remove", "remove")):
        if values.get(name):
            out[field] = list(values[name])
    if values.get("exercise"):
        out["exercises"] = [exercise_spec(e) for e in values["exercise"]]
    options = _given(values, ((key, key) for key in _OPTIONS))
    if options.get("diary_weeks") or options.get("diary_pain"):
        # Asking for a diary's length or its pain row is asking for a diary.
        options.setdefault("diary", True)
    if options:
        out["options"] = options
    return out
