"""Check a library folder file by file, collecting every problem instead of stopping."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import pydantic

from handouts.check.findings import Finding
from handouts.check.videos import placeholder_host
from handouts.errors import AssetError, InputFileError
from handouts.load.frontmatter import read_front_matter
from handouts.load.library import load_article, load_exercise, load_library, programme_files
from handouts.load.programme import load_programme
from handouts.load.translations import (
    is_sibling,
    load_article_translation,
    load_exercise_translation,
    load_programme_translation,
    sibling_files,
)
from handouts.load.validate import problems
from handouts.load.yamlfile import YamlDoc, read_yaml
from handouts.models.article import Article, ArticleFrontMatter
from handouts.models.exercise import Exercise, ExerciseFrontMatter
from handouts.models.library import Library
from handouts.models.programme import Programme, ProgrammeFile
from handouts.models.rich import plain, reading_text, scrub
from handouts.models.translation import (
    article_fingerprint,
    exercise_fingerprint,
    programme_fingerprint,
)

_Item = TypeVar("_Item", Exercise, Article, Programme)
# Names reserved for examples and tests (RFC 2606, RFC 6761): never a real website.
# Size of the box an illustration is test-loaded for (points); only parsing matters here.
_PROBE_BOX = 200.0


@dataclass(frozen=True)
class PatientText:
    """Text a patient reads, with where it came from (for readability and font checks)."""

    path: Path
    line: int | None
    field: str
    text: str


@dataclass
class LibraryCheck:
    """What loaded, which ids exist but failed to load, and every problem found."""

    exercises: dict[str, Exercise] = field(default_factory=dict)
    articles: dict[str, Article] = field(default_factory=dict)
    programmes: dict[str, Programme] = field(default_factory=dict)
    broken: set[str] = field(default_factory=set)
    findings: list[Finding] = field(default_factory=list)
    texts: list[PatientText] = field(default_factory=list)
    docs: dict[Path, YamlDoc] = field(default_factory=dict)


def check_library(folder: Path, image_folders: list[Path] | None = None) -> LibraryCheck:
    """Every problem in the library ``folder`` (exercises, articles, programmes).

    ``image_folders`` are the clinic profile's extra picture folders.
    """
    result = LibraryCheck()
    loader = _exercise_loader(folder, image_folders or [])
    for path in _base_files(folder / "exercises"):
        exercise = _load(result, path, _front_matter, ExerciseFrontMatter, loader)
        if exercise is not None:
            _check_illustrations(result, exercise)
            _check_alt(result, exercise)
            _check_video(result, exercise)
            _check_characters(result, exercise)
            _add(result, result.exercises, exercise)
    for path in _base_files(folder / "articles"):
        article = _load(result, path, _front_matter, ArticleFrontMatter, load_article)
        if article is not None:
            for s in article.sections:
                _note_removed(result, path, s.line, f"section {s.id}", s.heading, s.body)
            result.texts += [
                PatientText(path, s.line, f"section {s.id}", reading_text(s.blocks))
                for s in article.sections
            ]
            _add(result, result.articles, article)
    for path in programme_files(folder):
        programme = _load(result, path, read_yaml, ProgrammeFile, load_programme)
        if programme is not None:
            _add(result, result.programmes, programme)
    _check_translations(result, folder)
    return result


def _base_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.glob("*.md") if not is_sibling(p))


def _check_translations(result: LibraryCheck, folder: Path) -> None:
    """Each sibling file loads, translates an item that exists, and is not stale.

    Stale: its ``translated_from`` is not the fingerprint of the base file's
    words as they are now, so the base changed after it was translated (or it
    never said what it was translated from).
    """
    bundled: Library | None = None
    for kind in ("exercises", "articles", "programmes"):
        found: dict[str, Any] = getattr(result, kind)
        for path, item_id, language in sibling_files(folder / kind):
            base = found.get(item_id)
            if base is None and item_id not in result.broken:
                bundled = bundled or load_library()
                base = getattr(bundled, kind).get(item_id)
            if base is None:
                if item_id not in result.broken:
                    message = f"a translation of {item_id!r}, which this library does not define"
                    result.findings.append(Finding.error(path, None, "id", message))
                continue
            try:
                made_from, now = _translation_state(path, base)
            except InputFileError as exc:
                result.findings.append(Finding.from_error(exc))
                continue
            if made_from != now:
                said = "no translated_from" if made_from is None else "an older version"
                result.findings.append(
                    Finding.warning(
                        path,
                        None,
                        "translated_from",
                        f"stale {language} translation: it has {said} of {base.source.name}'s "
                        f"words; update it, then set translated_from: {now}",
                    )
                )


def _translation_state(path: Path, base: Exercise | Article | Programme) -> tuple[str | None, str]:
    """(what the sibling says it was made from, what the base's words are now)."""
    if isinstance(base, Exercise):
        return load_exercise_translation(path).translated_from, exercise_fingerprint(base)
    if isinstance(base, Article):
        return load_article_translation(path, base).translated_from, article_fingerprint(base)
    return load_programme_translation(path, base).translated_from, programme_fingerprint(base)


def _front_matter(path: Path) -> YamlDoc:
    return read_front_matter(path)[0]


def _exercise_loader(folder: Path, image_folders: list[Path]) -> Callable[[Path], Exercise]:
    return lambda path: load_exercise(path, folder, image_folders)


def _load(
    result: LibraryCheck,
    path: Path,
    read: Callable[[Path], YamlDoc],
    front: type[pydantic.BaseModel],
    load: Callable[[Path], _Item],
) -> _Item | None:
    """Parse, then report every field problem; only a file whose fields are right is loaded."""
    try:
        doc = read(path)
    except InputFileError as exc:
        result.findings.append(Finding.from_error(exc))
        return None
    raw_id = doc.data.get("id") if isinstance(doc.data, dict) else None
    result.docs[path] = doc
    found = [Finding.from_problem(p) for p in problems(front, doc)]
    item: _Item | None = None
    if not found:
        try:
            item = load(path)
        except InputFileError as exc:
            found.append(Finding.from_error(exc))
    result.findings += found
    if item is None and isinstance(raw_id, str):
        result.broken.add(raw_id)
    if isinstance(item, Exercise):
        _add_exercise_text(result, item)
    return item


def _add_exercise_text(result: LibraryCheck, exercise: Exercise) -> None:
    # Graded together, as a patient reads them on the card.
    words = exercise.text
    text = "\n".join(plain(p) for p in [*words.steps, words.safety, *words.tips])
    body_line = read_front_matter(exercise.source)[2]
    result.texts.append(PatientText(exercise.source, body_line, "steps", text))


def _check_characters(result: LibraryCheck, exercise: Exercise) -> None:
    """Warn where an exercise's text holds characters that are removed before printing."""
    doc = result.docs[exercise.source]
    for name in ("title", "safety", "alt"):
        text = getattr(exercise, name)
        if text:
            _note_removed(result, exercise.source, doc.line_of((name,)), name, text)
    body_line = read_front_matter(exercise.source)[2]
    _note_removed(result, exercise.source, body_line, "steps", *exercise.steps, *exercise.tips)


def _note_removed(
    result: LibraryCheck, path: Path, line: int | None, field: str, *texts: str
) -> None:
    kinds = sorted({kind for text in texts for kind in scrub(text)[1]})
    if kinds:
        what = " and ".join(kinds)
        result.findings.append(
            Finding.warning(path, line, field, f"{what} are removed before printing")
        )


def _check_illustrations(result: LibraryCheck, exercise: Exercise) -> None:
    from handouts.images import image_notices, load_image  # imports ReportLab: only when checking

    for i, path in enumerate(exercise.illustration_paths):
        line = result.docs[exercise.source].line_of(("illustrations", i))
        try:
            load_image(path, _PROBE_BOX, _PROBE_BOX)
            notices = image_notices(path)
        except AssetError as exc:
            result.findings.append(
                Finding.error(
                    exercise.source,
                    line,
                    f"illustrations[{i}]",
                    f"{exercise.illustrations[i]} cannot be used: {exc.reason}",
                )
            )
            continue
        result.findings += [
            Finding.warning(
                exercise.source, line, f"illustrations[{i}]", f"{exercise.illustrations[i]}: {n}"
            )
            for n in notices
        ]


def _check_alt(result: LibraryCheck, exercise: Exercise) -> None:
    """Warn when the pictures have no description for a patient who cannot see them.

    A warning, not an error: the card still says "Illustration:" and the title.
    """
    if exercise.text.alt:
        return
    result.findings.append(
        Finding.warning(
            exercise.source,
            result.docs[exercise.source].line_of(("illustrations",)),
            "alt",
            'no alt text for the picture, so a screen reader says only "Illustration" and '
            "the title; add an alt: line saying what the person in it does "
            "(position, equipment, side)",
        )
    )


def _check_video(result: LibraryCheck, exercise: Exercise) -> None:
    """Warn when the exercise's QR code would point at a placeholder, not the clinic's videos."""
    host = placeholder_host(exercise.video) if exercise.video else None
    if host is None:
        return
    result.findings.append(
        Finding.warning(
            exercise.source,
            result.docs[exercise.source].line_of(("video",)),
            "video",
            f"the QR code would point to {host}, an example address with no videos; "
            "give your clinic's own video address, or remove the line",
        )
    )


def _add(result: LibraryCheck, found: dict[str, Any], item: _Item) -> None:
    if item.id in found:
        other = found[item.id].source.name
        result.findings.append(
            Finding.error(
                item.source,
                result.docs[item.source].line_of(("id",)),
                "id",
                f"id {item.id!r} is also used by {other}",
            )
        )
        return
    found[item.id] = item
