"""The numbers of a dose as a clinician writes them: "10", "8-12", "30s", "1 min", "1:30".

Why a type of its own: a prescription is often a range ("8–12 repetitions",
"hold 20–30 seconds") and a time is written with its unit.  ``Amount`` keeps
both ends as whole numbers (seconds for times), prints as "8–12" or "10", and
compares equal to an int when it is a single number, so a clinic's template
written for plain numbers (``rx.sets == 1``) keeps working.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Any

from pydantic import GetCoreSchemaHandler, GetJsonSchemaHandler, SerializationInfo
from pydantic_core import core_schema

from handouts.errors import shown


class Amount:
    """A whole number, or a range ``low``–``high`` (``low == high`` for a single number).

    Why not a dataclass: pydantic turns dataclasses into dicts when it dumps a
    model, and a plan's exercises are merged through such dumps.
    """

    __slots__ = ("high", "low")

    def __init__(self, low: int, high: int) -> None:
        self.low = low
        self.high = high

    @property
    def is_range(self) -> bool:
        """True for "8–12", False for "10"."""
        return self.low != self.high

    @property
    def count(self) -> int:
        """The number a language's plural form is chosen by: the higher end, and a range
        counts as several however small ("1–2 sets"; Arabic's dual is for exactly two)."""
        return max(self.high, 3) if self.is_range else self.high

    def __str__(self) -> str:
        return f"{self.low}\u2013{self.high}" if self.is_range else str(self.low)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Amount):
            return (self.low, self.high) == (other.low, other.high)
        if isinstance(other, int) and not isinstance(other, bool):
            return self.low == self.high == other
        return NotImplemented

    def __repr__(self) -> str:
        return f"Amount({self.low}, {self.high})"

    def __hash__(self) -> int:
        return hash((self.low, self.high)) if self.is_range else hash(self.low)

    def as_written(self) -> int | str:
        """As a plan file would write it: ``10`` or ``"8-12"``."""
        return f"{self.low}-{self.high}" if self.is_range else self.low


# Between the ends of a range: a hyphen, an en or em dash, or "to".
_BETWEEN = r"\s*(?:-|\u2013|\u2014|to)\s*"
_COUNT = re.compile(rf"\s*(\d+)(?:{_BETWEEN}(\d+))?\s*", re.IGNORECASE)
# One time: "30", "30s", "1.5 min", "1:30"; the unit is checked separately.
_TIME = r"\d+(?::\d\d|\.\d+)?\s*[a-z]*"
_TIMES = re.compile(rf"\s*({_TIME})(?:{_BETWEEN}({_TIME}))?\s*", re.IGNORECASE)
_TIME_PARTS = re.compile(r"(\d+)(?::(\d\d)|(\.\d+))?\s*([a-z]*)", re.IGNORECASE)
_SECOND_WORDS = ("s", "sec", "secs", "second", "seconds")
_UNITS = {
    **dict.fromkeys(("", *_SECOND_WORDS), 1),
    **dict.fromkeys(("m", "min", "mins", "minute", "minutes"), 60),
}


def _seconds_in_words(seconds: int) -> str:
    if seconds and seconds % 60 == 0:
        minutes = seconds // 60
        return "1 minute" if minutes == 1 else f"{minutes} minutes"
    return "1 second" if seconds == 1 else f"{seconds} seconds"


def _ordered(low: int, high: int, value: object, example: str) -> Amount:
    if low >= high:
        raise ValueError(
            f"expected a range from a smaller to a larger number, like {example}, "
            f"got {shown(value)}"
        )
    return Amount(low, high)


def parse_count(value: object, low: int, high: int, example: str) -> Amount:
    """``10``, ``"10"``, ``"8-12"``, ``"8–12"`` or ``"8 to 12"``; each end ``low`` to ``high``."""
    if isinstance(value, Amount):
        return value
    found = _COUNT.fullmatch(value) if isinstance(value, str) else None
    if found is not None:
        ends = [int(n) for n in found.groups() if n]
    elif isinstance(value, int) and not isinstance(value, bool):
        ends = [value]
    else:
        raise ValueError(
            f"expected a whole number from {low} to {high}, or a range like {example}, "
            f"got {shown(value)}"
        )
    for number in ends:
        if not low <= number <= high:
            raise ValueError(f"expected a whole number from {low} to {high}, got {number}")
    return _ordered(ends[0], ends[-1], value, example) if len(ends) == 2 else Amount(*ends * 2)


def _one_time(text: str) -> tuple[float, int | None]:
    """A number and its unit, if written: "1:30" → (90, 1), "2 min" → (2, 60), "30" → (30, None).

    Raises a bare ValueError: the caller words the message.
    """
    found = _TIME_PARTS.fullmatch(text)
    if found is None:
        raise ValueError
    whole, clock_seconds, fraction, unit = found.groups()
    unit = unit.lower()
    if unit not in _UNITS:
        raise ValueError
    if clock_seconds is not None:  # minutes:seconds, never with a unit of seconds
        if int(clock_seconds) >= 60 or unit in _SECOND_WORDS:
            raise ValueError
        return int(whole) * 60 + int(clock_seconds), 1
    return float(whole + (fraction or "")), _UNITS[unit] if unit else None


def parse_seconds(value: object, low: int, high: int) -> Amount:
    """A time in seconds: ``30``, ``"30s"``, ``"1 min"``, ``"1:30"``, ``"20-30"``, ``"1-2 min"``.

    A number without a unit is seconds; in a range, the low end takes the
    high end's unit unless it has its own ("1-2 min", "45 s - 1 min").
    """
    if isinstance(value, Amount):
        return value
    bounds = f"a time from {_seconds_in_words(low)} to {_seconds_in_words(high)}"
    wrong = ValueError(
        f"expected {bounds}, like 30, 30s, 1 min, 1:30 or 20-30s, got {shown(value)}"
    )
    if isinstance(value, int) and not isinstance(value, bool):
        ends = [float(value)]
    else:
        found = _TIMES.fullmatch(value) if isinstance(value, str) else None
        if found is None:
            raise wrong
        try:
            parts = [_one_time(part.strip()) for part in found.groups() if part]
        except ValueError:
            raise wrong from None
        last_unit = parts[-1][1] or 1
        ends = [number * (unit or last_unit) for number, unit in parts]
    if not all(math.isfinite(n) and n == int(n) for n in ends):
        raise ValueError(f"expected whole seconds, got {shown(value)}")
    seconds = [int(n) for n in ends]
    for number in seconds:
        if not low <= number <= high:
            raise ValueError(f"expected {bounds}, got {_seconds_in_words(number)}")
    if len(seconds) == 2:
        return _ordered(seconds[0], seconds[1], value, "20-30s")
    return Amount(seconds[0], seconds[0])


def _written(amount: Amount, info: SerializationInfo) -> Any:
    # Python dumps keep the Amount (a plan is copied and merged through them);
    # JSON dumps write it as a plan file would.
    return amount.as_written() if info.mode_is_json() else amount


_SERIALISER = core_schema.plain_serializer_function_ser_schema(_written, info_arg=True)


@dataclass(frozen=True)
class Counted:
    """Marks a count that may be a range: ``Annotated[Amount, Counted(1, 100, "8-12")]``."""

    low: int
    high: int
    example: str  # a range within the bounds, shown in the error message

    def __get_pydantic_core_schema__(self, source: Any, handler: GetCoreSchemaHandler) -> Any:
        return core_schema.no_info_plain_validator_function(
            lambda v: parse_count(v, self.low, self.high, self.example),
            serialization=_SERIALISER,
        )

    def __get_pydantic_json_schema__(self, schema: Any, handler: GetJsonSchemaHandler) -> Any:
        between = r"^\s*\d+\s*(-|\u2013|\u2014|to)\s*\d+\s*$"
        return {
            "anyOf": [
                {"type": "integer", "minimum": self.low, "maximum": self.high},
                {"type": "string", "pattern": between},
            ]
        }


@dataclass(frozen=True)
class Timed:
    """Marks a time in whole seconds, with or without a unit, or a range of times."""

    low: int
    high: int

    def __get_pydantic_core_schema__(self, source: Any, handler: GetCoreSchemaHandler) -> Any:
        return core_schema.no_info_plain_validator_function(
            lambda v: parse_seconds(v, self.low, self.high), serialization=_SERIALISER
        )

    def __get_pydantic_json_schema__(self, schema: Any, handler: GetJsonSchemaHandler) -> Any:
        return {
            "anyOf": [
                {"type": "integer", "minimum": self.low, "maximum": self.high},
                {"type": "string", "minLength": 1, "maxLength": 40},
            ]
        }
