"""Constrained field types shared by the models, with messages a clinician understands.

Why: pydantic's own messages ("Input should be a valid integer, unable to parse
string as an integer") are written for programmers.  These validators say what
is expected in plain words and quote what was given.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable
from typing import Annotated

from pydantic import AfterValidator, BeforeValidator, StringConstraints

from handouts.errors import shown

ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"


def whole_number(low: int, high: int) -> Callable[[object], int]:
    """A validator for an int between ``low`` and ``high``: "3" is accepted, "three" is not.

    Use as ``Annotated[int, BeforeValidator(whole_number(1, 20)), Field(ge=1, le=20)]``;
    the Field bounds feed the JSON Schema.
    """

    def check(value: object) -> int:
        text = str(value).strip()
        if isinstance(value, bool) or not re.fullmatch(r"[+-]?\d+", text):
            raise ValueError(f"expected a whole number from {low} to {high}, got {shown(value)}")
        number = int(text)
        if not low <= number <= high:
            raise ValueError(f"expected a whole number from {low} to {high}, got {number}")
        return number

    return check


def _no_nan(value: float) -> float:
    if not math.isfinite(value):
        raise ValueError("expected a finite number")
    return value


FiniteFloat = Annotated[float, AfterValidator(_no_nan)]

Id = Annotated[str, StringConstraints(pattern=ID_PATTERN, max_length=80)]

# Text a person typed or a library author wrote: bounded so one field cannot blow
# up a handout, stripped because YAML block scalars end in a newline.
ShortText = Annotated[str, StringConstraints(strip_whitespace=True, max_length=300)]
LongText = Annotated[str, StringConstraints(strip_whitespace=True, max_length=20_000)]
NonEmptyShortText = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=300)
]


def _strip_padding(value: object) -> object:
    return value.strip(" \t") if isinstance(value, str) else value


# An email address as typed: only spaces and tabs around it are dropped.  Why not
# strip_whitespace: that also removes a trailing line separator, vertical tab or
# form feed, quietly turning a corrupt cell into a valid-looking address; those
# must reach the address check (deliver/address.py) and fail the row.
EmailText = Annotated[str, BeforeValidator(_strip_padding), StringConstraints(max_length=300)]


def _https_url(value: str) -> str:
    if not re.fullmatch(r"https://[^\s/?#]+\.[^\s/?#]+(?:[/?#]\S*)?", value):
        raise ValueError(f"expected a link starting with https://, got {shown(value)}")
    return value


HttpsUrl = Annotated[
    str, StringConstraints(strip_whitespace=True, max_length=500), AfterValidator(_https_url)
]


# "2026-12-15", "2026-12-15 18:00" or "2026-12-15T18:00" (seconds allowed, not printed).
_APPOINTMENT = re.compile(r"(\d{4}-\d{2}-\d{2})(?:[ T](\d{1,2}:\d{2})(?::\d{2})?)?")


def appointment_time(text: str) -> dt.datetime | dt.date | None:
    """The date (and time) of an appointment written as ``2026-12-15 18:00``, else None.

    Raises ValueError for a date or time that does not exist ("2026-02-30", "25:00").
    """
    found = _APPOINTMENT.fullmatch(text.strip())
    if found is None:
        return None
    day, time = found.groups()
    if time is None:
        return dt.date.fromisoformat(day)
    hours, minutes = (int(n) for n in time.split(":"))
    return dt.datetime.combine(dt.date.fromisoformat(day), dt.time(hours, minutes))


def _appointment_as_text(value: object) -> object:
    # YAML, or a program calling the library, may hand over a date or datetime.
    if isinstance(value, dt.datetime):
        return f"{value:%Y-%m-%d %H:%M}"
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _real_appointment(text: str) -> str:
    try:
        appointment_time(text)
    except ValueError:
        raise ValueError(
            "expected a date and time that exist, like 2026-12-15 18:00, or any text"
        ) from None
    return text


# The next appointment: a date (and time), printed in words, or free text printed as typed.
Appointment = Annotated[
    str,
    BeforeValidator(_appointment_as_text, json_schema_input_type=str),
    StringConstraints(strip_whitespace=True, max_length=300),
    AfterValidator(_real_appointment),
]


# BCP-47 as clinics write it: a language ("es"), optionally a region or script ("es-MX").
LANGUAGE_CODE = r"[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*"
LanguageCode = Annotated[
    str, StringConstraints(strip_whitespace=True, pattern=f"^{LANGUAGE_CODE}$")
]
