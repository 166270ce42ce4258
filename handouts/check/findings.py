"""One line of ``handouts check`` output: an error or a warning about one place."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from handouts.errors import InputFileError, where
from handouts.load.validate import Problem


class Severity(StrEnum):
    """Errors stop a handout from being made; warnings are advice (errors with --strict)."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Finding:
    """A problem at ``path:line`` in ``field``."""

    severity: Severity
    path: Path
    line: int | None
    field: str | None
    message: str

    @classmethod
    def from_error(cls, error: InputFileError) -> Finding:
        """The error a loader raised, as a finding."""
        return cls(Severity.ERROR, error.path, error.line, error.field, error.reason)

    @classmethod
    def from_problem(cls, problem: Problem) -> Finding:
        """A field problem pydantic found, as a finding."""
        return cls(
            Severity.ERROR, problem.path, problem.line, problem.field or None, problem.message
        )

    @classmethod
    def error(cls, path: Path, line: int | None, field: str | None, message: str) -> Finding:
        """An error."""
        return cls(Severity.ERROR, path, line, field, message)

    @classmethod
    def warning(cls, path: Path, line: int | None, field: str | None, message: str) -> Finding:
        """A warning."""
        return cls(Severity.WARNING, path, line, field, message)

    def format(self, relative_to: Path | None = None) -> str:
        """``file:line: field: message``, with ``warning:`` before a warning's message."""
        shown: Path | str = self.path
        if relative_to is not None and self.path.is_relative_to(relative_to):
            shown = self.path.relative_to(relative_to)
        prefix = "warning: " if self.severity is Severity.WARNING else ""
        return f"{where(shown, self.line, self.field)}: {prefix}{self.message}"
