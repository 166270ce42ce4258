"""The one family of errors a user may see.

Why: every problem with a user's input (a plan, a clinic profile, a library file,
an image, an output path) must end as one clear line naming the file and field,
with a non-zero exit and no traceback.  Subclassing ``click.ClickException`` lets
the CLI print them without any try/except of its own, while genuine bugs stay
ordinary exceptions and keep their tracebacks.  Library code raises these and
never calls ``sys.exit``.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

import click


class HandoutError(click.ClickException):
    """A problem the user can fix; shown as ``Error: <message>`` and exit code 1."""

    exit_code = 1

    def __init__(self, message: str) -> None:
        # One line, always: a newline in a message would break scripts reading stderr.
        super().__init__(" ".join(message.split()))


def shown(value: object) -> str:
    """``value`` quoted for a message if it is short, plain printable text.

    Why: a date typed as "02/03/1980" helps when shown back; a long value, or
    one holding control or invisible characters, is likely pasted patient text
    and is never echoed (on a terminal, in a log or in a batch report).
    """
    text = value if isinstance(value, str) else repr(value)
    if len(text) <= 40 and text.isascii() and text.isprintable():
        return repr(value)
    return "a value not shown here"


def where(path: Path | str | None, line: int | None = None, field: str | None = None) -> str:
    """Format the ``file:line: field`` prefix shared by every input error."""
    parts = []
    if path is not None:
        parts.append(f"{path}:{line}" if line else str(path))
    if field:
        parts.append(field)
    return ": ".join(parts)


# Where a value sits, in words: ``exercises[1].sets`` is "exercise 2 (step-ups), sets".
# Keys of mappings stay as typed and dotted (``patient.date_of_birth``), so the user
# can find them in the file; an item of a list is counted from 1 and, in a list of
# library ids, named by its id (an id is the library's word, never patient text).
_ITEM_NOUNS = {
    "exercises": "exercise",
    "sections": "section",
    "illustrations": "illustration",
    "image_folders": "image folder",
    "steps": "step",
    "tips": "tip",
    "tags": "tag",
    "body_areas": "body area",
}
_LISTS_OF_IDS = {"exercises", "sections", "remove"}
_LIBRARY_ID = re.compile(r"[a-z0-9][a-z0-9-]{0,59}(?:/[a-z0-9][a-z0-9-]{0,59})?")
_KEY_NAME = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_-]{0,39}")
Loc = tuple[str | int, ...]


def key_label(key: str) -> str:
    """A key as typed if it looks like a key name; a placeholder if it may be someone's text."""
    return key if _KEY_NAME.fullmatch(key) else "(a key not shown)"


def item_label(key: str, index: int, item_id: object = None) -> str:
    """Item ``index`` (from 0) of list ``key``, in words: ``exercise 2 (step-ups)``."""
    noun = _ITEM_NOUNS.get(key)
    label = f"{noun} {index + 1}" if noun else f"{key_label(key)}, item {index + 1}"
    if key in _LISTS_OF_IDS and isinstance(item_id, str) and _LIBRARY_ID.fullmatch(item_id):
        label += f" ({item_id})"
    return label


def field_path(loc: Loc, data: Any = None) -> str:
    """``("exercises", 1, "sets")`` → ``exercise 2 (step-ups), sets`` (ids from ``data``)."""
    segments: list[str] = []
    keys: list[str] = []
    node = data
    for part in loc:
        if isinstance(part, int):
            item = node[part] if isinstance(node, list) and 0 <= part < len(node) else None
            owner = keys.pop() if keys else ""
            if keys:
                segments.append(".".join(keys))
            item_id = item.get("id") if isinstance(item, dict) else item
            segments.append(item_label(owner, part, item_id) if owner else f"item {part + 1}")
            keys, node = [], item
        else:
            keys.append(key_label(part))
            node = node.get(part) if isinstance(node, dict) else None
    if keys:
        segments.append(".".join(keys))
    return ", ".join(segments)


class InputFileError(HandoutError):
    """A file could not be read or parsed (missing, unreadable, bad YAML or Markdown)."""

    def __init__(
        self, path: Path | str, reason: str, line: int | None = None, field: str | None = None
    ) -> None:
        self.path = Path(path)
        self.line = line
        self.field = field
        self.reason = reason
        super().__init__(f"{where(path, line, field)}: {reason}")


class ValidationError(InputFileError):
    """A value in an input file (or a flag) is out of range, of the wrong kind, or unknown."""

    def each(self) -> tuple[ValidationError, ...]:
        """Every problem this error stands for (itself; several for ``ProblemsError``)."""
        return (self,)


class ProblemsError(ValidationError):
    """Several problems found in one go, shown one per line as ``file:line: field: message``.

    Why: a clinic fixing a plan wants every problem at once (as ``handouts check``
    lists them), not one per run.  The first problem fills ``path``, ``line``,
    ``field`` and ``reason``, so code that reads one error still works; ``message``
    joins them all on one line for a batch report or a log.
    """

    def __init__(self, errors: Sequence[ValidationError]) -> None:
        self.errors = tuple(e for error in errors for e in error.each())
        first = self.errors[0]
        HandoutError.__init__(self, "; ".join(e.message for e in self.errors))
        self.path, self.line, self.field, self.reason = (
            first.path,
            first.line,
            first.field,
            first.reason,
        )

    def each(self) -> tuple[ValidationError, ...]:
        """The problems, in the order they are shown."""
        return self.errors

    def show(self, file: IO[Any] | None = None) -> None:
        """One ``Error:`` line per problem."""
        for error in self.errors:
            error.show(file)


def all_of(errors: Sequence[ValidationError]) -> ValidationError:
    """The one error to raise for ``errors``: itself if alone, else ``ProblemsError``."""
    return errors[0] if len(errors) == 1 else ProblemsError(errors)


class UnknownIdError(ValidationError):
    """A plan names an exercise, section or programme the library does not have."""


class AssetError(InputFileError):
    """An image, logo or font is missing, unreadable, unsafe or not what it claims to be."""


class TemplateError(HandoutError):
    """A Jinja2 template (bundled or a clinic's override) failed to load or render."""


class OutputError(HandoutError):
    """The handout could not be written where it was asked for."""


def debugging() -> bool:
    """``HANDOUTS_DEBUG=1`` (or ``handouts --debug``): show our own bugs' full tracebacks.

    Why: a few places turn unexpected exceptions into one-line errors so that
    patient text never reaches a terminal; a developer chasing a bug report
    needs the traceback, and can ask for it.
    """
    return os.environ.get("HANDOUTS_DEBUG", "") not in {"", "0"}


@dataclass(frozen=True)
class Notice:
    """A warning about an input that was used anyway: file, line, field, and what was done.

    Like every message, it never quotes the value (it may be patient text).
    """

    path: Path
    line: int | None
    field: str
    message: str

    def __str__(self) -> str:
        return f"{where(self.path, self.line, self.field or None)}: {self.message}"
