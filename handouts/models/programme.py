"""A programme: a named, reusable set of sections and exercises with default doses."""

from __future__ import annotations

from pathlib import Path
from typing import Self

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr

from handouts.models.fields import Id, LongText, NonEmptyShortText, ShortText
from handouts.models.origin import Origin
from handouts.models.plan import ListedExercise

MAX_EXERCISES = 12  # more than this on one sheet and patients stop doing any of them


class ProgrammeFile(BaseModel):
    """A ``programmes/<id>.yaml`` file as written."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    id: Id = Field(description="Programme id a plan names, e.g. psoas-starter.")
    title: NonEmptyShortText = Field(description="What the programme is, for practitioners.")
    description: LongText = Field("", description="When to use it; not printed on the handout.")
    sections: list[ShortText] = Field(
        default_factory=list, max_length=50, description="Article section ids, in order."
    )
    exercises: list[ListedExercise] = Field(
        default_factory=list,
        max_length=40,
        description="Exercise ids, in order, with this programme's dose where it differs.",
    )


class Programme(ProgrammeFile):
    """A loaded programme."""

    source: Path = Field(description="The file it was loaded from.")
    # Line of every value in the file, for errors about ids the library lacks.
    # Set only through ``located`` (the loader calls it).
    _origin: Origin = PrivateAttr(default_factory=Origin)

    def located(self, origin: Origin) -> Self:
        """This programme, remembering the lines of its file."""
        copy = self.model_copy()
        copy._origin = origin
        return copy

    def line_of(self, *loc: str | int) -> int | None:
        """The line in the programme file where ``loc`` (e.g. "exercises", 2) was written."""
        return self._origin.line_of(*loc)
