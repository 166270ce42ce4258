"""How much of an exercise to do: the dose a practitioner prescribes."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Self

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, model_validator

from handouts.models.fields import ShortText, whole_number

Sets = Annotated[int, BeforeValidator(whole_number(1, 20)), Field(ge=1, le=20)]
Reps = Annotated[int, BeforeValidator(whole_number(1, 100)), Field(ge=1, le=100)]
HoldSeconds = Annotated[int, BeforeValidator(whole_number(1, 600)), Field(ge=1, le=600)]
PerDay = Annotated[int, BeforeValidator(whole_number(1, 10)), Field(ge=1, le=10)]
PerWeek = Annotated[int, BeforeValidator(whole_number(1, 7)), Field(ge=1, le=7)]


class Side(StrEnum):
    """Which side of the body the exercise is done on."""

    LEFT = "left"
    RIGHT = "right"
    BOTH = "both"
    NONE = "none"


class _Dose(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    sets: Sets | None = Field(None, description="Number of sets (1–20).")
    reps: Reps | None = Field(None, description="Repetitions per set (1–100).")
    hold_seconds: HoldSeconds | None = Field(
        None, description="Seconds to hold each stretch or position (1–600)."
    )
    per_day: PerDay | None = Field(None, description="Times a day (1–10). Not with per_week.")
    per_week: PerWeek | None = Field(None, description="Times a week (1–7). Not with per_day.")
    side: Side | None = Field(None, description="left, right, both (each side) or none.")
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
