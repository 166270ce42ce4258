"""A plan: who the handout is for and what goes in it."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, Self

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PrivateAttr,
    WithJsonSchema,
    model_validator,
)

from handouts.models.clinic import PageSize, Practitioner
from handouts.models.fields import (
    Appointment,
    EmailText,
    Id,
    LanguageCode,
    LongText,
    NonEmptyShortText,
    ShortText,
)
from handouts.models.origin import Origin
from handouts.models.prescription import PrescriptionOverride

# All the free text of one plan (goals, notes, every exercise's note) together.
# Why: each field is capped at 20,000 characters, but forty exercises' notes
# would make a 400-page handout; this keeps one render well under its budget.
MAX_PLAN_TEXT = 100_000


class Patient(BaseModel):
    """The person the handout is for."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    name: NonEmptyShortText = Field(description="The patient's name, as they like it written.")
    date_of_birth: dt.date | None = Field(None, description="Optional, as YYYY-MM-DD.")
    email: EmailText | None = Field(None, description="Optional email address.")
    reference: ShortText | None = Field(None, description="Optional clinic reference number.")


def id_or_mapping(value: Any) -> Any:
    """A plan may list an exercise by id alone (``- step-ups``): make it ``{id: step-ups}``."""
    return {"id": value} if isinstance(value, str) else value


class ExerciseChoice(PrescriptionOverride):
    """An exercise picked for this patient, with optional dose overrides and a note."""

    id: Id = Field(description="The exercise id from the library.")


# An exercise as a plan or programme lists it: an id alone, or an id with overrides.
ListedExercise = Annotated[
    ExerciseChoice,
    BeforeValidator(id_or_mapping, json_schema_input_type=Id | ExerciseChoice),
]


class Layout(StrEnum):
    """How exercise cards are arranged on the page."""

    STANDARD = "standard"
    COMPACT = "compact"


def _diary_weeks(weeks: int) -> int:
    if weeks not in DIARY_WEEKS:
        raise ValueError(f"a diary is 1, 2 or 4 weeks long, not {weeks}")
    return weeks


# A diary covers whole weeks, two to a table; four is the longest we print.
DIARY_WEEKS = (1, 2, 4)
DiaryWeeks = Annotated[
    int,
    AfterValidator(_diary_weeks),
    WithJsonSchema({"type": "integer", "enum": list(DIARY_WEEKS)}),
]


class Options(BaseModel):
    """Layout options."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    page_size: PageSize | None = Field(None, description="A4 or Letter; default: the clinic's.")
    diary: bool = Field(False, description="Add a tick-box exercise diary at the end.")
    diary_weeks: DiaryWeeks = Field(
        2, description="How many weeks the diary covers: 1, 2 or 4 (with diary: true)."
    )
    diary_pain: bool = Field(
        False, description="Add a row to the diary for a daily pain score, 0 to 10."
    )
    at_a_glance: bool = Field(
        True, description="List every exercise with its dose in one line each, on page one."
    )
    pain_guidance: bool = Field(
        True,
        description="Print how much discomfort is fine, when to stop and when to call "
        "(templates/pain_guidance.j2).",
    )
    layout: Layout = Field(
        Layout.STANDARD,
        description="standard (one card per row) or compact (two cards per row, fewer pages).",
    )
    large_print: bool = Field(
        False, description="16 pt text, one exercise per row, bigger pictures (older patients)."
    )
    greyscale: bool = Field(False, description="No colour at all, for black-and-white printers.")
    initials: bool = Field(
        False, description='Print the patient\'s initials ("J. D.") instead of the full name.'
    )

    @model_validator(mode="after")
    def _large_print_is_one_per_row(self) -> Self:
        if self.large_print and self.layout is Layout.COMPACT:
            raise ValueError("large_print shows one exercise per row; use layout: standard with it")
        return self


class Plan(BaseModel):
    """Everything that makes one patient's handout."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    patient: Patient
    practitioner: Practitioner | None = None
    date: dt.date = Field(default_factory=dt.date.today, description="Default: today.")
    clinic: ShortText | None = Field(
        None, description="Path to the clinic profile; default: the bundled example clinic."
    )
    title: ShortText | None = Field(None, description="Handout title; default from templates.")
    language: LanguageCode | None = Field(
        None,
        description="The handout's language as a BCP-47 code (en, es …); default: the clinic's.",
    )
    second_language: LanguageCode | None = Field(
        None,
        description="Also print each section and exercise in this language, beneath"
        " (for a family member who helps); the dose prints once.",
    )
    sections: list[ShortText] = Field(
        default_factory=list, max_length=50, description="Section ids, in order."
    )
    exercises: list[ListedExercise] = Field(
        default_factory=list,
        max_length=40,
        description="Exercises, in order. With a programme: added, or re-dosed if it has them.",
    )
    programme: Id | None = Field(
        None, description="A programme id from the library; the plan adds to and changes it."
    )
    remove: list[ShortText] = Field(
        default_factory=list,
        max_length=50,
        description="Exercise or section ids to leave out of the programme for this patient.",
    )
    goals: LongText | None = Field(None, description="The practitioner's goals for the patient.")
    notes: LongText | None = Field(None, description="General notes for the patient.")
    next_appointment: Appointment | None = Field(
        None,
        description='"2026-12-08 10:30" or "2026-12-08" (printed as "Tuesday 8 December 2026, '
        '10:30"), or any text, printed as typed.',
    )
    options: Options = Field(default_factory=Options)

    @model_validator(mode="after")
    def _text_within_budget(self) -> Self:
        notes = [self.goals, self.notes, *(c.notes for c in self.exercises)]
        total = sum(len(n) for n in notes if n)
        if total > MAX_PLAN_TEXT:
            raise ValueError(
                f"goals and notes add up to {total:,} characters; "
                f"the limit for one handout is {MAX_PLAN_TEXT:,}"
            )
        return self

    # Where the plan came from, for resolving its paths and naming lines in errors.
    # Set only through ``located`` (loaders call it); a copy keeps it.
    _origin: Origin = PrivateAttr(default_factory=Origin)

    def located(self, origin: Origin) -> Self:
        """This plan, remembering that it came from ``origin``."""
        copy = self.model_copy()
        copy._origin = origin
        return copy

    @property
    def origin(self) -> Origin:
        """The plan's file and line map (an empty origin for a plan built in code)."""
        return self._origin

    @property
    def source(self) -> Path | None:
        """The plan file, or None for a plan made from command-line flags only."""
        return self._origin.path

    def line_of(self, *loc: str | int) -> int | None:
        """The line in the plan file where ``loc`` (e.g. "exercises", 2) was written."""
        return self._origin.line_of(*loc)
