"""What a batch already made: file, patient identity and fingerprint, one line per file.

Why a file of its own beside the PDFs: a finished PDF alone cannot say which
patient and which inputs it was made for (an encrypted one cannot even be
read), and "already done" must mean "made for this patient from these exact
inputs".  Lines are appended and flushed as each handout is written; the last
line for a file wins; a file with no line is simply made again.
"""

from __future__ import annotations

import csv
import os
from pathlib import Path
from typing import IO

from handouts.errors import OutputError

FILE_NAME = "batch-state.csv"
COLUMNS = ["file", "identity", "fingerprint"]


def read_state(folder: Path) -> dict[str, tuple[str, str]]:
    """``file name → (identity, fingerprint)`` of what earlier runs made in ``folder``."""
    path = folder / FILE_NAME
    if not path.exists():
        return {}
    try:
        with path.open(newline="", encoding="utf-8") as handle:
            return {
                row["file"]: (row["identity"], row["fingerprint"])
                for row in csv.DictReader(handle)
                if row.get("file") and row.get("identity") and row.get("fingerprint")
            }
    except (OSError, UnicodeDecodeError, csv.Error, KeyError) as exc:
        raise OutputError(f"{path}: cannot read the batch state ({type(exc).__name__})") from None


class StateLog:
    """Appends one line per handout written; use as a context manager."""

    def __init__(self, folder: Path) -> None:
        self.path = folder / FILE_NAME
        new = not self.path.exists()
        try:
            fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
            self._handle: IO[str] = open(fd, "a", newline="", encoding="utf-8")  # noqa: PTH123, SIM115 - closed in __exit__
        except OSError as exc:
            raise OutputError(f"{self.path}: cannot write ({exc.strerror})") from None
        self._writer = csv.writer(self._handle)
        if new:
            self._writer.writerow(COLUMNS)

    def __enter__(self) -> StateLog:
        return self

    def __exit__(self, *exc: object) -> None:
        self._handle.close()

    def record(self, file: Path, identity: str, fingerprint: str) -> None:
        """Remember that ``file`` was made for ``identity`` from ``fingerprint``."""
        self._writer.writerow([file.name, identity, fingerprint])
        self._handle.flush()
        os.fsync(self._handle.fileno())
