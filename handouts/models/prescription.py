"""How much of an exercise to do: the dose a practitioner prescribes."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Self

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    model_validator,
)

from handouts.errors import shown
from handouts.models.amount import Amount, Counted, Timed
from handouts.models.fields import ShortText, whole_number

# Counts and times may be ranges ("8-12", "20-30s"); times take units ("30s", "1 min", "1:30").
Sets = Annotated[Amount, Counted(1, 20, "2-3")]
Reps = Annotated[Amount, Counted(1, 100, "8-12")]
Seconds = Annotated[Amount, Timed(1, 600)]
Tempo = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=40)]
PerDay = Annotated[int, BeforeValidator(whole_number(1, 10)), Field(ge=1, le=10)]
PerWeek = Annotated[int, BeforeValidator(whole_number(1, 7)), Field(ge=1, le=7)]


class Side(StrEnum):
    """Which side of the body the exercise is done on."""

    LEFT = "left"
    RIGHT = "right"
    BOTH = "both"
    NONE = "none"


# What clinicians write for a side, in any case: "Left", "LEFT", "each side", "both sides".
_SIDE_WORDS = {
    **dict.fromkeys(("left", "left side", "left only", "left side only"), Side.LEFT),
    **dict.fromkeys(("right", "right side", "right only", "right side only"), Side.RIGHT),
    **dict.fromkeys(("both", "both sides", "each", "each side", "each leg"), Side.BOTH),
    **dict.fromkeys(("none", "neither", "no side"), Side.NONE),
}


def _side(value: object) -> object:
    if not isinstance(value, str):
        return value
    found = _SIDE_WORDS.get(" ".join(value.lower().split()))
    if found is None:
        raise ValueError(f"expected left, right, both (each side) or none, got {shown(value)}")
    return found


class _Dose(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    sets: Sets | None = Field(None, description='Number of sets (1–20), or a range like "2-3".')
    reps: Reps | None = Field(
        None, description='Repetitions per set (1–100), or a range like "8-12".'
    )
    hold_seconds: Seconds | None = Field(
        None,
        description='How long to hold each stretch or position, up to 10 minutes: 30, "30s", '
        '"1 min", "1:30", or a range like "20-30s".',
    )
    rest_seconds: Seconds | None = Field(
        None, description='Rest between sets (or holds), up to 10 minutes: 60, "60s", "1 min".'
    )
    tempo: Tempo | None = Field(
        None, description='How fast to move, e.g. "3-1-1" (seconds down, pause, up) or "slow".'
    )
    per_day: PerDay | None = Field(None, description="Times a day (1–10). Not with per_week.")
    per_week: PerWeek | None = Field(None, description="Times a week (1–7). Not with per_day.")
    side: Annotated[Side, BeforeValidator(_side)] | None = Field(
        None, description="left, right, both (each side) or none; any case."
    )
    load: ShortText | None = Field(
        None, description='Weight or resistance, e.g. "light band" or "2 kg".'
    )

    @model_validator(mode="after")
    def _one_frequency(self) -> Self:
        if self.per_day is not None and self.per_week is not None:
            raise ValueError("give per_day or per_week, not both")
        return self


class Prescription(_Dose):
    """An exercise's default dose, from the library."""

    @model_validator(mode="after")
    def _has_amount(self) -> Self:
        if self.reps is None and self.hold_seconds is None:
            raise ValueError("give reps or hold_seconds (or both)")
        return self

    def with_overrides(self, override: PrescriptionOverride) -> Prescription:
        """This dose with the fields a plan sets replaced (per_day/per_week swap cleanly)."""
        changes = override.model_dump(exclude_none=True, exclude={"notes"})
        # Decide from the override alone: setting one frequency clears the other.
        if override.per_day is not None:
            changes["per_week"] = None
        if override.per_week is not None:
            changes["per_day"] = None
        return self.model_copy(update=changes)


class PrescriptionOverride(_Dose):
    """What a plan changes about an exercise's default dose for one patient."""

    notes: str | None = Field(
        None, max_length=20_000, description="The practitioner's note for this patient."
    )
