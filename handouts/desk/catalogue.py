"""The library as the desk's pickers show it: plain values for the templates."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from handouts.api import Library
from handouts.desk.form import editor_dose
from handouts.models.rich import plain, reading_text

PREVIEW_CHARS = 160


@dataclass(frozen=True)
class ExerciseItem:
    """One card of the exercise grid."""

    id: str
    title: str
    level: str
    equipment: str  # "" for none
    areas: tuple[str, ...]
    tags: tuple[str, ...]
    picture: Path | None  # the first illustration, for the thumbnail

    @property
    def search_text(self) -> str:
        """What the search box matches: id, title, areas and tags, lower case."""
        return " ".join((self.id, self.title, *self.areas, *self.tags)).lower()


@dataclass(frozen=True)
class SectionItem:
    """One section of an article, with the start of its text."""

    id: str
    title: str
    preview: str


@dataclass(frozen=True)
class ArticleGroup:
    title: str
    sections: tuple[SectionItem, ...]


@dataclass(frozen=True)
class Catalogue:
    """What can be picked, and each exercise's default dose as the dose editor shows it."""

    exercises: dict[str, ExerciseItem]
    articles: tuple[ArticleGroup, ...]
    sections: dict[str, SectionItem]
    programmes: tuple[tuple[str, str], ...]  # (id, title)
    defaults: dict[str, dict[str, str]]

    @property
    def areas(self) -> list[str]:
        return sorted({a for e in self.exercises.values() for a in e.areas})

    @property
    def tags(self) -> list[str]:
        return sorted({t for e in self.exercises.values() for t in e.tags})


def _preview(text: str) -> str:
    flat = " ".join(text.split())
    if len(flat) <= PREVIEW_CHARS:
        return flat
    return flat[:PREVIEW_CHARS].rsplit(" ", 1)[0] + "…"


def catalogue(library: Library) -> Catalogue:
    """The pickers' view of ``library``: exercises by title, articles in library order."""
    exercises = {
        e.id: ExerciseItem(
            id=e.id,
            title=e.title,
            level=e.level.value,
            equipment=", ".join(e.equipment),
            areas=tuple(a.lower() for a in e.body_areas),
            tags=tuple(t.lower() for t in e.tags),
            picture=e.illustration_paths[0] if e.illustration_paths else None,
        )
        for e in sorted(library.exercises.values(), key=lambda e: e.title.lower())
    }
    groups = []
    for article in library.articles.values():
        items = tuple(
            SectionItem(s.id, plain(s.title), _preview(reading_text(s.blocks)))
            for s in article.sections
        )
        groups.append(ArticleGroup(article.title, items))
    defaults = {
        e.id: editor_dose(e.prescription.model_dump(mode="json", exclude_none=True))
        for e in library.exercises.values()
    }
    return Catalogue(
        exercises=exercises,
        articles=tuple(groups),
        sections={s.id: s for g in groups for s in g.sections},
        programmes=tuple(
            (p.id, p.title) for p in sorted(library.programmes.values(), key=lambda p: p.title)
        ),
        defaults=defaults,
    )
