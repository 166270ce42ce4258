"""Library content as terminal text, for ``handouts list`` and ``handouts show``.

Both read a catalogue: every row ``list`` can print and every text ``show`` can
print, built from the library the clinic sees and kept in the disk cache
(``handouts.cache``) while the clinic profile, its library, its templates and
the code are unchanged.  Why: reading and validating the library takes a few
tenths of a second; with the catalogue cached, ``list`` and ``show`` import
neither the models nor Markdown, YAML or Jinja2.
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from handouts.cache import cached
from handouts.errors import UnknownIdError
from handouts.load.choice import ClinicChoice, choose_clinic, sample_warning

COMMAND = "command line"

if TYPE_CHECKING:
    from handouts.compose.wording import Wording
    from handouts.models.library import Library


@dataclass(frozen=True)
class Catalogue:
    """What ``list`` and ``show`` print for one clinic and language, as plain strings."""

    # id, title, level, equipment ("-" for none), tags and body areas (lower case)
    exercises: tuple[tuple[str, str, str, str, tuple[str, ...]], ...] = ()
    # id, heading, article title, the article's tags (lower case)
    sections: tuple[tuple[str, str, str, tuple[str, ...]], ...] = ()
    # id, title, number of exercises, number of sections
    programmes: tuple[tuple[str, str, str, str], ...] = ()
    # ``show`` text by id: exercises first, then sections, then programmes
    texts: dict[str, str] = field(default_factory=dict)


def catalogue(clinic_path: Path | None, language: str | None) -> Catalogue:
    """The catalogue of the library ``make`` would use with this clinic (its own items too)."""
    choice = choose_clinic(clinic_path)
    key = repr((str(choice.path), language))
    return cached("catalogue", key, lambda: _build(choice, language))


def _build(choice: ClinicChoice, language: str | None) -> tuple[Catalogue, list[Path]]:
    from handouts import resources
    from handouts.load.resolve import load_choice
    from handouts.models.rich import plain

    found = load_choice(choice)
    library = found.library
    if language is not None:
        from handouts.compose.language import checked_language, translated_library

        library = translated_library(library, checked_language(language, COMMAND, "--language"))
    templates = found.clinic.templates_path
    exercises = tuple(
        (
            ex.id,
            ex.title,
            ex.level.value,
            ", ".join(ex.equipment) or "-",
            tuple(t.lower() for t in (*ex.body_areas, *ex.tags)),
        )
        for ex in sorted(library.exercises.values(), key=lambda e: e.id)
    )
    sections = tuple(
        (s.id, plain(s.title), article.title, tuple(t.lower() for t in article.tags))
        for article in library.articles.values()
        for s in article.sections
    )
    programmes = tuple(
        (p.id, p.title, str(len(p.exercises)), str(len(p.sections)))
        for p in sorted(library.programmes.values(), key=lambda p: p.id)
    )
    texts: dict[str, str] = {}
    for item_id in [*library.exercises, *library.sections, *library.programmes]:
        texts.setdefault(item_id, _show_one(library, item_id, templates, language))
    clinic = found.clinic
    sources = [
        clinic.source,
        resources.library_dir(),
        *([clinic.library_path] if clinic.library_path else []),
        *clinic.image_folder_paths,
        *([templates] if templates else []),
    ]
    return Catalogue(exercises, sections, programmes, texts), sources


def _matches(words: str | None, *texts: str) -> bool:
    haystack = " ".join(texts).lower()
    return not words or all(w in haystack for w in words.lower().split())


def list_rows(
    kind: str,
    tag: str | None,
    search: str | None,
    clinic: Path | None,
    language: str | None = None,
) -> Iterator[str]:
    """One aligned line per exercise, section or programme, filtered by tag and search words.

    With ``language``, titles are in that language (marked "(English)" where untranslated).
    """
    found = catalogue(clinic, language)
    wanted = tag.lower() if tag is not None else None
    rows: list[tuple[str, ...]]
    header: tuple[str, ...]
    if kind == "exercises":
        rows = [
            (ex_id, title, level, equipment)
            for ex_id, title, level, equipment, tags in found.exercises
            if (wanted is None or wanted in tags) and _matches(search, ex_id, title)
        ]
        header = ("ID", "TITLE", "LEVEL", "EQUIPMENT")
    elif kind == "programmes":
        rows = [row for row in found.programmes if _matches(search, row[0], row[1])]
        header = ("ID", "TITLE", "EXERCISES", "SECTIONS")
    else:
        rows = [
            (section_id, heading, article)
            for section_id, heading, article, tags in found.sections
            if (wanted is None or wanted in tags) and _matches(search, section_id, heading)
        ]
        header = ("ID", "HEADING", "ARTICLE")
    if not rows:
        yield f"No {kind} match."
        return
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    for row in [header, *rows]:
        yield "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip()


def show_text(item_id: str, clinic: Path | None, language: str | None = None) -> str:
    """An exercise (with its default dose), a section or a programme, as plain text."""
    texts = catalogue(clinic, language).texts
    if item_id in texts:
        return texts[item_id]
    from handouts.models.library import suggest

    hint = suggest(item_id, list(texts))
    raise UnknownIdError(COMMAND, f"no exercise or section {item_id!r}{hint}", field="ID")


def _show_one(library: Library, item_id: str, templates: Path | None, language: str | None) -> str:
    """``show``'s text of one item of ``library``."""
    from handouts.compose.text import strip_markup
    from handouts.models.rich import plain

    if item_id in library.exercises:
        ex = library.exercises[item_id]
        dose = strip_markup(
            _wording(templates, language).render("prescription.j2", rx=ex.prescription)
        )
        lines = [
            ex.title,
            "=" * len(ex.title),
            f"Level: {ex.level.value}    Equipment: {', '.join(ex.equipment) or 'none'}",
            f"Default dose: {dose}",
            "",
        ]
        text = ex.text
        lines += [_wrap(f"{n}. {plain(step)}", "   ") for n, step in enumerate(text.steps, 1)]
        if text.tips:
            lines += ["", "Tips:"] + [_wrap(f"- {plain(t)}", "  ") for t in text.tips]
        lines += ["", _wrap(f"Safety: {plain(text.safety)}", "  ")]
        if ex.video:
            lines.append(f"Video: {ex.video}")
        return "\n".join(lines)
    sections = library.sections
    if item_id in sections:
        s = sections[item_id]
        heading = plain(s.title)
        lines = [heading, "=" * len(heading)]
        for block in s.blocks:
            lines.append("")
            for n, item in enumerate(block.items, 1):
                prefix = {"ul": "- ", "ol": f"{n}. "}.get(block.kind, "")
                lines.append(_wrap(prefix + plain(item), " " * len(prefix)))
        return "\n".join(lines)
    return _programme_text(library, item_id, templates, language)


def _programme_text(
    library: Library, programme_id: str, templates: Path | None, language: str | None = None
) -> str:
    """A programme: what it is for, its sections, and each exercise with its dose."""
    from handouts.compose.text import strip_markup

    p = library.programmes[programme_id]
    words = _wording(templates, language)
    lines = [p.title, "=" * len(p.title)]
    if p.description:
        lines += [_wrap(p.description, ""), ""]
    lines += ["Sections:"] + [f"- {s}" for s in p.sections] + ["", "Exercises:"]
    for choice in p.exercises:
        ex = library.exercises.get(choice.id)
        if ex is None:  # reported by 'handouts check'; still show what the file says
            lines.append(f"- {choice.id} (not in the library)")
            continue
        rx = ex.prescription.with_overrides(choice)
        dose = strip_markup(words.render("prescription.j2", rx=rx))
        lines.append(_wrap(f"- {choice.id}: {dose}", "  "))
    return "\n".join(lines)


def _wording(templates: Path | None, language: str | None = None) -> Wording:
    # Imported here: Jinja2 costs ~30 ms of start-up that `handouts list` never needs.
    from handouts.compose.wording import Wording

    return Wording(templates, language or "en")


def _wrap(text: str, indent: str) -> str:
    return textwrap.fill(text, width=88, subsequent_indent=indent)


def sample_note(clinic: Path | None) -> str | None:
    """The one-line warning when no clinic is named or found (the bundled example is used)."""
    return sample_warning(choose_clinic(clinic))
