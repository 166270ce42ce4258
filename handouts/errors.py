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
from dataclasses import dataclass
from pathlib import Path

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
