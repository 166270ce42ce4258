"""Library content as terminal text, for ``handouts list`` and ``handouts show``."""

from __future__ import annotations

import textwrap
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from handouts.compose.text import strip_markup
from handouts.errors import UnknownIdError
from handouts.load.resolve import choose_clinic, resolve, sample_warning
from handouts.models.library import Library, suggest
from handouts.models.rich import plain

COMMAND = "command line"

if TYPE_CHECKING:
    from handouts.compose.wording import Wording


def _library(clinic_path: Path | None, language: str | None) -> tuple[Library, Path | None]:
    # The same clinic and library ``make`` would use: its own exercises and pictures too.
    found = resolve(clinic_path)
    library = found.library
    if language is not None:
        from handouts.compose.language import checked_language, translated_library

        library = translated_library(library, checked_language(language, COMMAND, "--language"))
    return library, found.clinic.templates_path


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
    library, _ = _library(clinic, language)
    rows: list[tuple[str, ...]] = []
    header: tuple[str, ...]
    if kind == "exercises":
        for ex in sorted(library.exercises.values(), key=lambda e: e.id):
            tags = [t.lower() for t in (*ex.body_areas, *ex.tags)]
            if (tag is None or tag.lower() in tags) and _matches(search, ex.id, ex.title):
                rows.append((ex.id, ex.title, ex.level.value, ", ".join(ex.equipment) or "-"))
        header = ("ID", "TITLE", "LEVEL", "EQUIPMENT")
    elif kind == "programmes":
        for p in sorted(library.programmes.values(), key=lambda p: p.id):
            if _matches(search, p.id, p.title):
                rows.append((p.id, p.title, str(len(p.exercises)), str(len(p.sections))))
        header = ("ID", "TITLE", "EXERCISES", "SECTIONS")
    else:
        for article in library.articles.values():
            tags = [t.lower() for t in article.tags]
            for s in article.sections:
                if (tag is None or tag.lower() in tags) and _matches(search, s.id, s.heading):
                    rows.append((s.id, plain(s.title), article.title))
        header = ("ID", "HEADING", "ARTICLE")
    if not rows:
        yield f"No {kind} match."
        return
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    for row in [header, *rows]:
        yield "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip()


def show_text(item_id: str, clinic: Path | None, language: str | None = None) -> str:
    """An exercise (with its default dose), a section or a programme, as plain text."""
    library, templates = _library(clinic, language)
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
    if item_id in library.programmes:
        return _programme_text(library, item_id, templates, language)
    hint = suggest(item_id, [*library.exercises, *sections, *library.programmes])
    raise UnknownIdError(COMMAND, f"no exercise or section {item_id!r}{hint}", field="ID")


def _programme_text(
    library: Library, programme_id: str, templates: Path | None, language: str | None = None
) -> str:
    """A programme: what it is for, its sections, and each exercise with its dose."""
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
