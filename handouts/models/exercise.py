"""An exercise from the library: what to do, how much, and how to stay safe."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from handouts.models.fields import HttpsUrl, Id, NonEmptyShortText, ShortText
from handouts.models.prescription import Prescription
from handouts.models.rich import Rich


class Level(StrEnum):
    """How demanding an exercise is."""

    BEGINNER = "beginner"
    INTERMEDIATE = "intermediate"
    ADVANCED = "advanced"


class ExerciseFrontMatter(BaseModel):
    """The YAML front matter of an exercise file (see docs/library-format.md)."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    id: Id = Field(description="Stable id used by plans, e.g. hip-flexor-stretch.")
    title: NonEmptyShortText = Field(description="Name shown on the exercise card.")
    illustrations: list[ShortText] = Field(
        min_length=1, max_length=4, description="SVG/PNG/JPEG files, relative to this file."
    )
    # Why one text for all the pictures: a card shows its pictures side by side as
    # one figure, and a patient who cannot see them needs one description of the
    # movement, not a caption per frame.
    alt: NonEmptyShortText | None = Field(
        None,
        description="The pictures in words, for a patient who cannot see them: what the "
        "person does, their position, equipment and side. Plain text, one or two sentences.",
    )
    body_areas: list[ShortText] = Field(default_factory=list, description="Body area tags.")
    tags: list[ShortText] = Field(
        default_factory=list,
        description="What kind of exercise it is, for `handouts list --tag`: stretch, "
        "strength, mobility, balance, self-massage … (body areas are tags too).",
    )
    level: Level = Field(description="beginner, intermediate or advanced.")
    equipment: list[ShortText] = Field(
        default_factory=list, description="What the patient needs; empty for nothing."
    )
    prescription: Prescription = Field(description="The default dose.")
    video: HttpsUrl | None = Field(None, description="Optional https link to a video.")
    safety: NonEmptyShortText = Field(description="A short safety note.")


@dataclass(frozen=True)
class ExerciseText:
    """An exercise's words as read from its Markdown: what a card prints."""

    title: Rich
    steps: tuple[Rich, ...]
    tips: tuple[Rich, ...]
    safety: Rich
    alt: str | None = None  # the pictures described: plain text, one line; None when not given


class Exercise(ExerciseFrontMatter):
    """A loaded exercise: its front matter plus the steps and tips from its body."""

    steps: list[str] = Field(description="Numbered instruction steps (Markdown inline text).")
    tips: list[str] = Field(default_factory=list, description="Optional tips.")
    text: ExerciseText = Field(description="Title, steps, tips and safety note, read.")
    source: Path = Field(description="The file it was loaded from.")
    illustration_paths: list[Path] = Field(description="Resolved illustration files.")
