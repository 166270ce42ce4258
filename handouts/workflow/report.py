"""The batch report (a CSV of every row's outcome) and the one-line summary.

Why every text cell is neutralised: names, file names and reasons come from the
patient list, and the report is opened in a spreadsheet.  A cell starting with
``=``, ``+``, ``-`` or ``@`` (or tab or CR, or their full-width forms) would run
as a formula there (CSV injection), so it gets a leading ``'`` as OWASP advises;
and terminal escape sequences, control characters (Unicode Cc, including tab,
CR and LF), format characters (Cf: bidi overrides and isolates, zero-width
characters, the BOM, soft hyphens), lone surrogates and line or paragraph
separators never reach it.  None of them is kept: whitespace ones become a
space, the rest are dropped.
"""

from __future__ import annotations

import csv
import os
import re
import unicodedata
from pathlib import Path
from typing import IO

from handouts.deliver.outbox import DeliveryStatus
from handouts.errors import OutputError
from handouts.workflow.batch import RowOutcome, RowStatus

COLUMNS = ["row", "name", "status", "file", "email", "reason"]
MAX_LISTED = 20
# Cells a spreadsheet reads as a formula (OWASP's list, and their full-width forms).
FORMULA_START = tuple("=+-@\t\r\uff1d\uff0b\uff0d\uff20")
# Terminal escape sequences, whole: CSI (ESC [ or U+009B), terminated OSC/DCS/APC/
# PM/SOS strings, and two-character ESC sequences (an unterminated string's text
# stays: it may be the rest of the name).
_ESCAPES = re.compile(
    r"(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]?"
    r"|(?:\x1b[]PX^_]|[\x90\x98\x9d-\x9f])[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)"
    r"|\x1b[ -~]?"
)
_UNSAFE = {"Cc", "Cf", "Cs", "Zl", "Zp"}  # control, format, lone surrogate, line/paragraph


def report_cell(text: str) -> str:
    """``text`` as safe to show in a spreadsheet or a terminal (see the module's docstring)."""
    text = _ESCAPES.sub("", text)
    text = "".join(_safe_char(c) for c in text)
    return f"'{text}" if text.lstrip().startswith(FORMULA_START) else text


def _safe_char(char: str) -> str:
    if unicodedata.category(char) not in _UNSAFE:
        return char
    return " " if char.isspace() else ""


class BatchReport:
    """Writes one line per row as it finishes, and counts for the summary.

    Why line by line, flushed: if the run is interrupted, the report still says
    truthfully what was done so far.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self.counts = {"written": 0, "exists": 0, "emailed": 0}
        self.failed_rows: list[int] = []
        try:
            # Owner-only, like the PDFs: the report lists patients' names.
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            self._handle: IO[str] = open(fd, "w", newline="", encoding="utf-8")  # noqa: PTH123, SIM115 - closed in __exit__
        except OSError as exc:
            raise OutputError(f"{path}: cannot write the report ({exc.strerror})") from None
        self._writer = csv.writer(self._handle)
        self._writer.writerow(COLUMNS)

    def __enter__(self) -> BatchReport:
        return self

    def __exit__(self, *exc: object) -> None:
        self._handle.close()

    def add(self, outcome: RowOutcome) -> None:
        """Record one row's outcome."""
        if outcome.status is not RowStatus.FAILED:
            self.counts[outcome.status.value] += 1
        if outcome.failed:
            self.failed_rows.append(outcome.number)
        if outcome.delivery is not None and outcome.delivery.status is DeliveryStatus.SENT:
            self.counts["emailed"] += 1
        file = str(outcome.path) if outcome.path else ""
        # Stable words for a spreadsheet ("emailed", "may already have been sent" …).
        email = outcome.email_error or (outcome.delivery.status.value if outcome.delivery else "")
        # A row made with warnings says so where a failed row says why.
        reason = outcome.reason or "; ".join(f"warning: {n}" for n in outcome.notices)
        cells = [outcome.name, outcome.status.value, file, email, reason]
        self._writer.writerow([outcome.number, *(report_cell(c) for c in cells)])
        self._handle.flush()

    def summary(self) -> str:
        """``998 written, 2 failed: rows 17, 233`` (and skipped and emailed counts if any)."""
        parts = [f"{self.counts['written']} written"]
        if self.counts["exists"]:
            parts.append(f"{self.counts['exists']} already done")
        if self.counts["emailed"]:
            parts.append(f"{self.counts['emailed']} emailed")
        failed = self.failed_rows
        if failed:
            listed = ", ".join(str(n) for n in failed[:MAX_LISTED])
            more = f" and {len(failed) - MAX_LISTED} more" if len(failed) > MAX_LISTED else ""
            word = "row" if len(failed) == 1 else "rows"
            parts.append(f"{len(failed)} failed: {word} {listed}{more}")
        else:
            parts.append("0 failed")
        return ", ".join(parts)
