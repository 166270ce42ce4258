"""The body of an exercise file, or of its translation: 3–6 numbered steps, then ``## Tips``."""

from __future__ import annotations

from pathlib import Path

from handouts.errors import ValidationError
from handouts.load.markdown import list_items, split_sections

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
