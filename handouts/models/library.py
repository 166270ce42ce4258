"""The content library: every exercise and article section that can be selected."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from functools import cached_property

from handouts.models.article import Article, Section
from handouts.models.exercise import Exercise
from handouts.models.programme import Programme
from handouts.models.translation import Translations


@dataclass(frozen=True)
class Library:
    """Exercises and articles by id; later folders have already overridden earlier ones."""

    exercises: dict[str, Exercise] = field(default_factory=dict)
    articles: dict[str, Article] = field(default_factory=dict)
    programmes: dict[str, Programme] = field(default_factory=dict)
    translations: Translations = field(default_factory=Translations)

    @cached_property
    def sections(self) -> dict[str, Section]:
        """Every selectable section by its full id (``psoas/what-it-does``).

        Cached: a batch composes thousands of handouts from one library, and
        every selected section looks this up.
        """
        return {s.id: s for a in self.articles.values() for s in a.sections}

    def article_of(self, section_id: str) -> Article:
        """The article a section id belongs to."""
        return self.articles[section_id.split("/", 1)[0]]


def suggest(wanted: str, known: list[str]) -> str:
    """A ' (did you mean …?)' hint for a mistyped id, or ''."""
    close = difflib.get_close_matches(wanted, known, n=1, cutoff=0.5)
    return f" (did you mean {close[0]!r}?)" if close else ""
