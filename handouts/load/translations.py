"""Load the translations of a library: sibling files such as ``step-ups.es.md``.

A sibling sits beside its base file and holds only words: an exercise's title,
steps, tips, safety note and alt text; an article's title, summary and
sections under the base's section ids.  Everything else (pictures, dose,
equipment, tags) is read from the base file alone, so it cannot drift.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from handouts.errors import ValidationError
from handouts.load.exercise_body import exercise_text, steps_and_tips
from handouts.load.frontmatter import read_front_matter
from handouts.load.markdown import rich, rich_blocks, split_sections
from handouts.load.validate import validate
from handouts.load.yamlfile import read_yaml
from handouts.models.article import Article
from handouts.models.exercise import Exercise
from handouts.models.programme import Programme
from handouts.models.rich import clean
from handouts.models.translation import (
    ArticleTranslation,
    ArticleTranslationFile,
    ExerciseTranslation,
    ExerciseTranslationFile,
    ProgrammeTranslation,
    ProgrammeTranslationFile,
    SectionTranslation,
    Translations,
    base_language,
)

# ``<id>.<language>.md``: the language as BCP-47 writes it (``es``, ``pt-BR``).
SIBLING = re.compile(
    r"(?P<id>[a-z0-9][a-z0-9-]*)\.(?P<lang>[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*)\.(?:md|ya?ml)"
)


def is_sibling(path: Path) -> bool:
    """True for ``step-ups.es.md``, false for the base ``step-ups.md``."""
    return SIBLING.fullmatch(path.name) is not None


def sibling_files(folder: Path) -> list[tuple[Path, str, str]]:
    """(path, item id, base language) of each sibling file in ``folder``."""
    found = []
    for path in sorted(folder.glob("*.*.*")):
        match = SIBLING.fullmatch(path.name)
        if match:
            found.append((path, match["id"], base_language(match["lang"])))
    return found


def load_translations(
    folders: Iterable[Path],
    exercises: dict[str, Exercise],
    articles: dict[str, Article],
    programmes: dict[str, Programme],
) -> Translations:
    """Every sibling in the library ``folders`` (later folders win, as for base files)."""
    result = Translations()
    for folder in folders:
        for path, item_id, language in sibling_files(folder / "exercises"):
            base = exercises.get(item_id)
            if base is None:
                raise _orphan(path, item_id, "exercise", ".md")
            result.exercises.setdefault(language, {})[item_id] = load_exercise_translation(path)
        for path, item_id, language in sibling_files(folder / "articles"):
            article = articles.get(item_id)
            if article is None:
                raise _orphan(path, item_id, "article", ".md")
            translated = load_article_translation(path, article)
            result.articles.setdefault(language, {})[item_id] = translated
        for path, item_id, language in sibling_files(folder / "programmes"):
            programme = programmes.get(item_id)
            if programme is None:
                raise _orphan(path, item_id, "programme", ".yaml")
            notes = load_programme_translation(path, programme)
            result.programmes.setdefault(language, {})[item_id] = notes
    return result


def _orphan(path: Path, item_id: str, kind: str, suffix: str) -> ValidationError:
    return ValidationError(
        path, f"a translation of {kind} {item_id!r}, which no {item_id}{suffix} defines", field="id"
    )


def load_programme_translation(path: Path, base: Programme) -> ProgrammeTranslation:
    """A programme's sibling: its notes must be for exercises the programme lists."""
    doc = read_yaml(path)
    front = validate(ProgrammeTranslationFile, doc)
    listed = {c.id for c in base.exercises}
    for exercise_id in front.notes:
        if exercise_id not in listed:
            raise ValidationError(
                path,
                f"a note for {exercise_id!r}, which {base.source.name} does not list",
                doc.line_of(("notes", exercise_id)),
                "notes",
            )
    return ProgrammeTranslation(
        title=front.title,
        notes={k: " ".join(clean(v).split()) for k, v in front.notes.items()},
        source=path,
        translated_from=front.translated_from,
    )


def load_exercise_translation(path: Path) -> ExerciseTranslation:
    """An exercise's sibling: its front matter, 3–6 numbered steps and optional ``## Tips``."""
    doc, body, body_line = read_front_matter(path)
    front = validate(ExerciseTranslationFile, doc)
    steps, tips = steps_and_tips(path, body, body_line)
    text = exercise_text(front.title, steps, tips, front.safety, front.alt)
    return ExerciseTranslation(
        text=text, source=path, translated_from=front.translated_from, load=front.load
    )


def load_article_translation(path: Path, base: Article) -> ArticleTranslation:
    """An article's sibling: each ``## Heading {#id}`` must be one of the base's sections."""
    doc, body, body_line = read_front_matter(path)
    front = validate(ArticleTranslationFile, doc)
    _, headings = split_sections(body)
    known = {s.id for s in base.sections}
    sections: dict[str, SectionTranslation] = {}
    for h in headings:
        section_id = f"{base.id}/{h.slug}"
        line = body_line + h.line - 1
        if section_id not in known:
            raise ValidationError(
                path,
                f"section id {h.slug!r} is not a section of {base.source.name}; give each "
                "heading the base's id, as in '## Heading {#what-it-does}'",
                line,
                "body",
            )
        if section_id in sections:
            raise ValidationError(path, f"section id {h.slug!r} is used twice", line, "body")
        if not h.body:
            raise ValidationError(path, f"section {h.slug!r} is empty", line, "body")
        sections[section_id] = SectionTranslation(title=rich(h.text), blocks=rich_blocks(h.body))
    return ArticleTranslation(
        title=front.title, sections=sections, source=path, translated_from=front.translated_from
    )
