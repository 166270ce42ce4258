"""Load a content library (articles and exercises) from one or more folders."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TypeVar

from handouts import resources
from handouts.cache import cached
from handouts.errors import InputFileError, ValidationError
from handouts.load.exercise_body import exercise_text, steps_and_tips
from handouts.load.frontmatter import read_front_matter
from handouts.load.markdown import rich, rich_blocks, split_sections
from handouts.load.paths import resolve_inside
from handouts.load.programme import load_programme
from handouts.load.translations import is_sibling, load_translations
from handouts.load.validate import validate
from handouts.models.article import Article, ArticleFrontMatter, Section
from handouts.models.exercise import Exercise, ExerciseFrontMatter
from handouts.models.library import Library
from handouts.models.programme import Programme

_Item = TypeVar("_Item", Exercise, Article, Programme)


def load_library(extra_folders: Iterable[Path] = (), image_folders: Iterable[Path] = ()) -> Library:
    """The bundled library overlaid by each of ``extra_folders`` in turn (same id: later wins).

    Pictures must be inside the library folder that names them, or in one of
    ``image_folders`` (a clinic profile's ``image_folders``).  Read from the disk
    cache (``handouts.cache``) while none of these folders has changed.
    """
    folders = [resources.library_dir(), *extra_folders]
    images = list(image_folders)
    # Both spellings: a relative folder gives relative paths in what is loaded.
    key = repr([(str(p), str(p.resolve())) for p in folders] + [(str(p), "") for p in images])
    return cached("library", key, lambda: (_read_library(folders, images), [*folders, *images]))


def _read_library(folders: list[Path], image_folders: list[Path]) -> Library:
    exercises: dict[str, Exercise] = {}
    articles: dict[str, Article] = {}
    programmes: dict[str, Programme] = {}
    for folder in folders:
        if not folder.is_dir():
            raise InputFileError(folder, "library folder not found")
        files = _md_files(folder, "exercises")
        exercises.update(_unique(load_exercise(p, folder, image_folders) for p in files))
        articles.update(_unique(load_article(p) for p in _md_files(folder, "articles")))
        programmes.update(_unique(load_programme(p) for p in programme_files(folder)))
    # After every base file: a clinic may translate a bundled exercise, or translate its own.
    translations = load_translations(folders, exercises, articles, programmes)
    return Library(
        exercises=exercises, articles=articles, programmes=programmes, translations=translations
    )


def _md_files(folder: Path, kind: str) -> list[Path]:
    """The base files of ``folder/kind``; translations (``step-ups.es.md``) are siblings."""
    return sorted(p for p in (folder / kind).glob("*.md") if not is_sibling(p))


def programme_files(folder: Path) -> list[Path]:
    """The programme files of a library folder (``programmes/*.yaml`` or ``*.yml``)."""
    return sorted(
        p
        for p in (folder / "programmes").glob("*.y*ml")
        if p.suffix in {".yaml", ".yml"} and not is_sibling(p)
    )


def _unique(items: Iterable[_Item]) -> dict[str, _Item]:
    found: dict[str, _Item] = {}
    for item in items:
        if item.id in found:
            other = found[item.id].source.name
            raise ValidationError(
                item.source, f"id {item.id!r} is also used by {other}", field="id"
            )
        found[item.id] = item
    return found


def load_exercise(path: Path, root: Path, image_folders: Iterable[Path] = ()) -> Exercise:
    """One exercise file: validated front matter, 3–6 steps, optional tips."""
    doc, body, body_line = read_front_matter(path)
    front = validate(ExerciseFrontMatter, doc)
    steps, tips = steps_and_tips(path, body, body_line)
    illustrations = [
        resolve_inside(
            name,
            path,
            root,
            f"illustrations[{i}]",
            doc.line_of(("illustrations", i)),
            also=image_folders,
        )
        for i, name in enumerate(front.illustrations)
    ]
    text = exercise_text(front.title, steps, tips, front.safety, front.alt)
    return Exercise(
        **front.model_dump(),
        steps=steps,
        tips=tips,
        text=text,
        source=path,
        illustration_paths=illustrations,
    )


def load_article(path: Path) -> Article:
    """One article file, split into its ``##`` sections."""
    doc, body, body_line = read_front_matter(path)
    front = validate(ArticleFrontMatter, doc)
    _, headings = split_sections(body)
    if not headings:
        raise ValidationError(path, "an article needs at least one '## ' section", field="body")
    sections: list[Section] = []
    for h in headings:
        section_id = f"{front.id}/{h.slug}"
        line = body_line + h.line - 1
        if any(s.id == section_id for s in sections):
            raise ValidationError(path, f"section id {section_id!r} is used twice", line, "body")
        if not h.body:
            raise ValidationError(path, f"section {h.text!r} is empty", line, "body")
        sections.append(
            Section(
                id=section_id,
                heading=h.text,
                body=h.body,
                title=rich(h.text),
                blocks=rich_blocks(h.body),
                line=line,
            )
        )
    return Article(**front.model_dump(), sections=sections, source=path)
