"""An exercise file's words, or its translation's: 3–6 numbered steps, ``## Tips``, alt text."""

from __future__ import annotations

from pathlib import Path

from handouts.errors import ValidationError
from handouts.load.markdown import list_items, rich, split_sections
from handouts.models.exercise import ExerciseText
from handouts.models.rich import clean

MIN_STEPS, MAX_STEPS = 3, 6


def steps_and_tips(path: Path, body: str, body_line: int) -> tuple[list[str], list[str]]:
    """The numbered steps and the optional tips of an exercise's Markdown ``body``."""
    intro, sections = split_sections(body)
    steps = list_items(intro, ordered=True)
    if not MIN_STEPS <= len(steps) <= MAX_STEPS:
        raise ValidationError(
            path,
            f"expected {MIN_STEPS} to {MAX_STEPS} numbered steps, found {len(steps)}",
            line=body_line,
            field="steps",
        )
    tips: list[str] = []
    for section in sections:
        if section.slug != "tips":
            raise ValidationError(
                path,
                f"unexpected heading {section.text!r} (only '## Tips' is allowed)",
                line=body_line + section.line - 1,
                field="body",
            )
        tips = list_items(section.body, ordered=False)
    return steps, tips


def alt_text(alt: str | None) -> str | None:
    """The pictures' description as a screen reader gets it: plain text on one line.

    Why not Markdown like the title: a description is read aloud, never printed,
    so ``*`` and ``<b>`` are kept as the characters they are.  What the title
    loses (control, direction and invisible characters) it loses too.
    """
    text = " ".join(clean(alt).split()) if alt else ""
    return text or None


def exercise_text(
    title: str, steps: list[str], tips: list[str], safety: str, alt: str | None
) -> ExerciseText:
    """An exercise's words as a card prints them (Markdown read), from its file or a translation."""
    return ExerciseText(
        title=rich(title),
        steps=tuple(rich(step) for step in steps),
        tips=tuple(rich(tip) for tip in tips),
        safety=rich(safety),
        alt=alt_text(alt),
    )
