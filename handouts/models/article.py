"""An education article from the library, split into selectable sections."""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from handouts.models.fields import Id, NonEmptyShortText, ShortText
from handouts.models.rich import Rich, RichBlock


class ArticleFrontMatter(BaseModel):
    """The YAML front matter of an article file (see docs/library-format.md)."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    id: Id = Field(description="Article id; section ids are <article id>/<section slug>.")
    title: NonEmptyShortText = Field(description="The article's title.")
    summary: ShortText = Field("", description="One sentence on what the article covers.")
    tags: list[ShortText] = Field(default_factory=list, description="Topic tags.")


class Section(BaseModel):
    """One ``##`` section of an article: the unit a practitioner selects."""

    model_config = ConfigDict(frozen=True, defer_build=True)

    id: str = Field(description="Full section id, e.g. psoas/what-it-does.")
    heading: str = Field(description="The heading text.")
    body: str = Field(description="The section's Markdown body.")
    title: Rich = Field(description="The heading, read.")
    blocks: tuple[RichBlock, ...] = Field(description="The body, read: paragraphs and lists.")
    line: int = Field(description="Line of the heading in the source file.")


class Article(ArticleFrontMatter):
    """A loaded article with its sections in file order."""

    sections: list[Section]
    source: Path
