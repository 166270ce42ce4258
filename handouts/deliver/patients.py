"""Read a patient list (CSV) into small rows of plan overrides, one at a time.

Why streaming and plain dicts: a batch may hold thousands of rows, and each row
is pickled to a worker process, so a row stays a few short strings.

Encodings: spreadsheets save CSV as UTF-8 (with or without a byte-order mark),
as UTF-16 with a byte-order mark (Excel's "Unicode text"), or in the computer's
legacy code page (Excel on Windows: Windows-1252 in Western Europe and the
Americas).  The file is read once as bytes (at most ``MAX_CSV_BYTES``) and its
encoding decided once for the whole file (``csv_encoding`` says which):

* valid UTF-8, or mostly UTF-8: UTF-8.  A row whose cells hold bytes that are not
  UTF-8 fails alone (its column named, never its value); the rest are made.
* otherwise the best guess of ``charset-normalizer`` among ``LEGACY_ENCODINGS``,
  preferring Windows-1252 when it reads the file as well as the guess does.

A file with no valid UTF-8 beyond ASCII but some other bytes is taken as a legacy
code page, not as UTF-8 with errors: that is what Excel's plain "CSV" writes.
Mac Roman and ISO-8859 are not guessed: they decode any bytes at all, so on short
files they are picked for Windows files and would quietly garble names.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

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
    "language": ("language",),  # the row's handout language (en, es …)
    "plan": (),  # a per-row plan file, relative to the CSV
}
_PATIENT_FIELDS = [target[1] for target in COLUMNS.values() if target[:1] == ("patient",)]
CELL_PADDING = " \t\u00a0"  # what a spreadsheet pads a cell with
MAX_CSV_BYTES = 50 * 1024 * 1024  # far above any clinic's list; bounds memory and time
SAVE_AS_UTF8 = "in your spreadsheet choose 'CSV UTF-8' when saving"
# Legacy code pages charset-normalizer may choose from, most likely first (ties go
# to the earlier one), with the words the CLI shows for each encoding.
LEGACY_ENCODINGS = {"cp1252": "Windows-1252", "cp1250": "Windows-1250", "cp1251": "Windows-1251"}
CHAOS_TIE = 0.01  # guesses this close to the best one read the file as cleanly
ENCODING_NAMES = {
    "utf_8": "UTF-8",
    "utf_8_sig": "UTF-8 with BOM",
    "utf_16": "UTF-16",
    **LEGACY_ENCODINGS,
}
# Invalid UTF-8 bytes decode ("surrogateescape") to these, which valid text never holds.
_UNDECODED = re.compile("[\udc80-\udcff]")
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


def _read(path: Path) -> bytes:
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_CSV_BYTES + 1)
    except OSError as exc:
        raise InputFileError(path, f"cannot read ({exc.strerror})") from None
    if len(data) > MAX_CSV_BYTES:
        raise InputFileError(
            path, f"is larger than {MAX_CSV_BYTES // 2**20} MB; split it into smaller lists"
        )
    return data


def _encoding(path: Path, data: bytes) -> str:
    """The codec (a key of ``ENCODING_NAMES``) that ``data`` is decoded with."""
    if data.startswith(codecs.BOM_UTF8):
        return "utf_8_sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf_16"
    if _mostly_utf8(data):
        return "utf_8"
    from charset_normalizer import from_bytes  # only for a CSV that is not UTF-8

    matches = from_bytes(data, cp_isolation=list(LEGACY_ENCODINGS))
    best = matches.best()
    if best is not None:
        # Short lists give the guesser little to go on: any code page that reads the
        # file as cleanly as its pick may be the one, so take the most likely of those.
        tied = {
            codec
            for match in matches
            if match.chaos <= best.chaos + CHAOS_TIE
            for codec in match.could_be_from_charset
        }
        for codec in LEGACY_ENCODINGS:
            if codec in tied and _decodes(data, codec):
                return codec
    raise InputFileError(path, f"cannot tell which text encoding this file uses; {SAVE_AS_UTF8}")


def _mostly_utf8(data: bytes) -> bool:
    """True if ``data`` is UTF-8, perhaps with a few corrupt lines.

    UTF-8 when at least as many lines hold valid non-ASCII UTF-8 as hold bytes that
    are not UTF-8: legacy code pages almost never make valid UTF-8 by chance.
    """
    if _decodes(data, "utf_8"):
        return True
    valid = invalid = 0
    for line in data.splitlines():
        if not line.isascii():
            if _decodes(line, "utf_8"):
                valid += 1
            else:
                invalid += 1
    return 0 < invalid <= valid


def _decodes(data: bytes, codec: str) -> bool:
    try:
        data.decode(codec)
    except UnicodeDecodeError:
        return False
    return True


def csv_encoding(path: Path) -> str:
    """How ``path`` is read, in words: ``UTF-8``, ``UTF-8 with BOM``, ``Windows-1252`` …"""
    return ENCODING_NAMES[_encoding(path, _read(path))]


def _text(path: Path) -> io.StringIO:
    """``path``'s text, lines split as ``open(newline="")`` splits them.

    Bytes that are not UTF-8 in a mostly UTF-8 file become lone surrogates, which
    ``read_patients`` finds to fail just the rows that hold them.
    """
    data = _read(path)
    codec = _encoding(path, data)
    errors = "surrogateescape" if codec == "utf_8" else "strict"
    try:
        text = data.decode(codec, errors)
    except UnicodeDecodeError:  # a UTF-16 file with a broken character
        reason = f"is not valid {ENCODING_NAMES[codec]} text; {SAVE_AS_UTF8}"
        raise InputFileError(path, reason) from None
    return io.StringIO(text, newline="")


def _header(path: Path, handle: io.StringIO) -> tuple[type[csv.Dialect], list[str]]:
    """The dialect (comma, semicolon or tab, as spreadsheets save) and columns."""
    first = handle.readline()
    if _UNDECODED.search(first):
        raise InputFileError(path, f"the header is not valid UTF-8 text; {SAVE_AS_UTF8}", line=1)
    dialect = max(
        (csv.excel, _Semicolon, _Tab), key=lambda d: first.count(d.delimiter)
    )  # the first wins a tie: a one-column header is comma-separated
    header = next(csv.reader([first], dialect=dialect), [])
    columns = [_canonical(h) for h in header]
    _check_header(path, header, columns)
    return dialect, columns


class _Semicolon(csv.excel):
    delimiter = ";"


class _Tab(csv.excel):
    delimiter = "\t"  # Excel's "Unicode text" (UTF-16)


def patient_columns(path: Path) -> list[str]:
    """The (canonical) column names in ``path``'s header, checked."""
    with _text(path) as handle:
        return _decoded(path, lambda: _header(path, handle)[1])


def read_patients(path: Path) -> Iterator[PatientRow]:
    """Rows of ``path``; header problems raise before the first row is yielded.

    An unreadable or malformed file raises ``InputFileError`` where it is met,
    so callers count the rows once (``count_patients``) before starting work.
    A row with cells that are not UTF-8 (in a UTF-8 file) comes with a ``problem``.
    """
    with _text(path) as handle:
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
            undecoded = next((c for c, v in values.items() if _UNDECODED.search(v)), None)
            if undecoded is not None:
                # Only the column: the value is neither text nor safe to print.
                yield PatientRow(number, {}, f"{undecoded}: not valid UTF-8 text; {SAVE_AS_UTF8}")
                continue
            yield PatientRow(number, values)


T = TypeVar("T")


def _decoded(path: Path, step: Callable[[], T]) -> T:
    try:
        return step()
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
