"""Read a patient list (CSV) into small rows of plan overrides, one at a time.

Why streaming and plain dicts: a batch may hold thousands of rows, and each row
is pickled to a worker process, so a row stays a few short strings.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, TypeVar

from handouts.errors import InputFileError

# Column → where the value goes in a plan.  Headers are matched ignoring case,
# spaces, hyphens and underscores, so "Date of birth" and "date_of_birth" both work.
COLUMNS: dict[str, tuple[str, ...]] = {
    "name": ("patient", "name"),
    "email": ("patient", "email"),
    "date_of_birth": ("patient", "date_of_birth"),
    "reference": ("patient", "reference"),
    "practitioner": ("practitioner", "name"),
    "notes": ("notes",),
    "programme": ("programme",),  # a programme id from the library
    "plan": (),  # a per-row plan file, relative to the CSV
}
_PATIENT_FIELDS = [target[1] for target in COLUMNS.values() if target[:1] == ("patient",)]
CELL_PADDING = " \t\u00a0"  # what a spreadsheet pads a cell with
ALIASES = {
    "dob": "date_of_birth",
    "patient": "name",
    "patient_name": "name",
    "program": "programme",
}


@dataclass(frozen=True)
class PatientRow:
    """One data row: its spreadsheet row number (the header is row 1) and its values."""

    number: int
    values: dict[str, str]
    problem: str = ""  # set when the row cannot be used at all (e.g. too many cells)

    @property
    def plan(self) -> str:
        """The per-row plan file named in the ``plan`` column, or ``""``."""
        return self.values.get("plan", "")

    def overrides(self) -> dict[str, Any]:
        """The row as plan overrides (empty cells leave the plan's own values).

        The patient is the row's alone: a shared plan's example patient must
        never lend its email address or date of birth to a row that has none.
        """
        out: dict[str, Any] = {"patient": dict.fromkeys(_PATIENT_FIELDS)}
        for column, value in self.values.items():
            target = COLUMNS[column]
            if not target or not value:
                continue
            if len(target) == 1:
                out[target[0]] = value
            else:
                out.setdefault(target[0], {})[target[1]] = value
        return out


def column_for(field: str) -> str:
    """The column that fills a plan field: ``patient.date_of_birth`` → ``date_of_birth``."""
    target = tuple(field.split("."))
    return next((c for c, t in COLUMNS.items() if t and t == target[: len(t)]), field)


def _canonical(header: str) -> str:
    key = re.sub(r"[\s_\-]+", "_", header.strip().lower()).strip("_")
    return ALIASES.get(key, key)


def known_columns() -> str:
    """The accepted column names, for error messages and help."""
    return ", ".join(f"{c} (or dob)" if c == "date_of_birth" else c for c in COLUMNS)


def _open(path: Path) -> IO[str]:
    try:
        return path.open(newline="", encoding="utf-8-sig")
    except OSError as exc:
        raise InputFileError(path, f"cannot read ({exc.strerror})") from None


def _header(path: Path, handle: IO[str]) -> tuple[type[csv.Dialect], list[str]]:
    """The dialect (comma or semicolon, as spreadsheets in some countries save) and columns."""
    first = handle.readline()
    dialect = _Semicolon if first.count(";") > first.count(",") else csv.excel
    header = next(csv.reader([first], dialect=dialect), [])
    columns = [_canonical(h) for h in header]
    _check_header(path, header, columns)
    return dialect, columns


class _Semicolon(csv.excel):
    delimiter = ";"


def patient_columns(path: Path) -> list[str]:
    """The (canonical) column names in ``path``'s header, checked."""
    with _open(path) as handle:
        return _decoded(path, lambda: _header(path, handle)[1])


def read_patients(path: Path) -> Iterator[PatientRow]:
    """Rows of ``path``; header problems raise before the first row is yielded.

    An undecodable or malformed file raises ``InputFileError`` where it is met,
    so callers count the rows once (``count_patients``) before starting work.
    """
    with _open(path) as handle:
        dialect, columns = _decoded(path, lambda: _header(path, handle))
        reader = csv.reader(handle, dialect=dialect)
        number = 1
        while True:
            cells = _decoded(path, lambda: next(reader, None))
            if cells is None:
                return
            number += 1
            if not any(c.strip() for c in cells):
                continue  # blank line, often at the end of a spreadsheet export
            if len(cells) > len(columns):
                problem = f"{len(cells)} cells, but the header has {len(columns)} columns"
                yield PatientRow(number, {}, problem)
                continue
            # A short row (trailing empty cells dropped by the spreadsheet) is fine.
            # Spaces only: str.strip() would also drop a trailing line separator,
            # vertical tab or form feed, quietly turning a corrupt cell into a
            # valid-looking address; those must reach the checks and fail the row.
            values = {c: v.strip(CELL_PADDING) for c, v in zip(columns, cells, strict=False) if c}
            yield PatientRow(number, values)


T = TypeVar("T")


def _decoded(path: Path, step: Callable[[], T]) -> T:
    try:
        return step()
    except UnicodeDecodeError:
        raise InputFileError(
            path, "is not UTF-8 text; in your spreadsheet choose 'CSV UTF-8' when saving"
        ) from None
    except csv.Error as exc:
        raise InputFileError(path, f"not a valid CSV file ({exc})") from None


def _check_header(path: Path, header: list[str], columns: list[str]) -> None:
    if not header or not any(h.strip() for h in header):
        raise InputFileError(path, f"no header row; expected columns: {known_columns()}", line=1)
    for raw, column in zip(header, columns, strict=True):
        # An empty header cell is a spreadsheet's stray column: its cells are ignored.
        if column and column not in COLUMNS:
            raise InputFileError(
                path,
                f"unknown column {raw.strip()!r}; known columns: {known_columns()}",
                line=1,
            )
    repeated = {c for c in columns if c and columns.count(c) > 1}
    if repeated:
        raise InputFileError(path, f"column {sorted(repeated)[0]!r} appears twice", line=1)
    if "name" not in columns:
        raise InputFileError(path, f"no 'name' column; known columns: {known_columns()}", line=1)


def count_patients(path: Path) -> int:
    """How many rows ``path`` has, checking the whole file is readable on the way."""
    return sum(1 for _ in read_patients(path))
