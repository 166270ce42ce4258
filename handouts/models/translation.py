"""Library text in another language: what a sibling file (``step-ups.es.md``) holds.

Why separate from the base items: the language-neutral parts of an exercise or
article (pictures, dose, equipment, tags, section ids) live once, in the base
file; a translation carries only the words, and says which version of the base
words it was made from (``translated_from``), so a stale one can be found.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from handouts.models.article import Article, Section
from handouts.models.exercise import Exercise, ExerciseText
from handouts.models.fields import Id, LongText, NonEmptyShortText, ShortText
from handouts.models.programme import Programme
from handouts.models.rich import Rich, RichBlock

Fingerprint = Annotated[str, StringConstraints(pattern=r"[0-9a-f]{12,64}")]


def base_language(code: str) -> str:
    """``es-MX`` → ``es``: the part that names a catalogue and a library translation."""
    return code.split("-", 1)[0].lower()


class ExerciseTranslationFile(BaseModel):
    """The front matter of an exercise's sibling file."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    title: NonEmptyShortText = Field(description="The exercise's name, translated.")
    alt: NonEmptyShortText | None = Field(None, description="The pictures in words, translated.")
    safety: NonEmptyShortText = Field(description="The safety note, translated.")
    load: ShortText | None = Field(
        None, description="The default dose's load (e.g. light band), translated, if it has one."
    )
    translated_from: Fingerprint | None = Field(
        None, description="The fingerprint of the base file's words this was translated from."
    )


class ArticleTranslationFile(BaseModel):
    """The front matter of an article's sibling file."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    title: NonEmptyShortText = Field(description="The article's title, translated.")
    summary: ShortText = Field("", description="The summary, translated.")
    translated_from: Fingerprint | None = Field(
        None, description="The fingerprint of the base file's words this was translated from."
    )


class ProgrammeTranslationFile(BaseModel):
    """A programme's sibling (``psoas-starter.es.yaml``): its title and its notes, translated."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    title: NonEmptyShortText = Field(description="The programme's title, translated.")
    notes: dict[Id, LongText] = Field(
        default_factory=dict,
        description="The programme's note for each exercise that has one, by exercise id.",
    )
    translated_from: Fingerprint | None = Field(
        None, description="The fingerprint of the base file's words this was translated from."
    )


@dataclass(frozen=True)
class ProgrammeTranslation:
    """A programme's notes in one language, by exercise id."""

    title: str
    notes: dict[str, str]
    source: Path
    translated_from: str | None


@dataclass(frozen=True)
class ExerciseTranslation:
    """An exercise's words in one language."""

    text: ExerciseText
    source: Path
    translated_from: str | None
    load: str | None = None  # the default dose's load, in the language


@dataclass(frozen=True)
class SectionTranslation:
    """One article section's words in one language (same id as the base's)."""

    title: Rich
    blocks: tuple[RichBlock, ...]


@dataclass(frozen=True)
class ArticleTranslation:
    """An article's words in one language: the sections it translates, by full id."""

    title: str
    sections: dict[str, SectionTranslation]
    source: Path
    translated_from: str | None


@dataclass(frozen=True)
class Translations:
    """Every translation of a library, by base language, then by item id."""

    exercises: dict[str, dict[str, ExerciseTranslation]] = field(default_factory=dict)
    articles: dict[str, dict[str, ArticleTranslation]] = field(default_factory=dict)
    programmes: dict[str, dict[str, ProgrammeTranslation]] = field(default_factory=dict)

    def programme(self, language: str, programme_id: str) -> ProgrammeTranslation | None:
        return self.programmes.get(base_language(language), {}).get(programme_id)

    def exercise(self, language: str, exercise_id: str) -> ExerciseTranslation | None:
        return self.exercises.get(base_language(language), {}).get(exercise_id)

    def section(self, language: str, section_id: str) -> SectionTranslation | None:
        article = self.articles.get(base_language(language), {}).get(section_id.split("/")[0])
        return article.sections.get(section_id) if article else None


def _digest(words: object) -> str:
    text = json.dumps(words, ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def exercise_fingerprint(exercise: Exercise) -> str:
    """What a translation of ``exercise`` is made from: its words, and nothing else."""
    words = [exercise.title, exercise.alt, exercise.safety, exercise.steps, exercise.tips]
    if exercise.prescription.load:  # printed words too, in every dose line
        words.append(exercise.prescription.load)
    return _digest(words)


def programme_fingerprint(programme: Programme) -> str:
    """What a translation of ``programme`` is made from: its title and its notes."""
    notes = {c.id: c.notes for c in programme.exercises if c.notes}
    return _digest([programme.title, notes])


def article_fingerprint(article: Article) -> str:
    """What a translation of ``article`` is made from: its title, summary and sections."""
    sections: list[Section] = article.sections
    return _digest([article.title, article.summary, [(s.id, s.heading, s.body) for s in sections]])
