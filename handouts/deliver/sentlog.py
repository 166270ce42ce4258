"""The sent log: what was emailed to whom and when, so nothing is sent twice.

Why a CSV next to the PDFs: a clinician can open it in a spreadsheet to answer
"did Jane get her sheet?", and it travels with the handouts it describes.  It
holds no clinical content: a time, an address, a file name, the file's SHA-256
and the message id.  One line is appended (and flushed to disk) per message,
after the server accepted it, so a crash can at worst lose the last line.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import os
from pathlib import Path

from handouts.errors import OutputError

FILE_NAME = "sent-log.csv"
COLUMNS = ["sent_at", "to", "file", "sha256", "message_id"]


def sent_log_for(pdf: Path) -> Path:
    """The sent log that covers ``pdf``: ``sent-log.csv`` in the PDF's folder."""
    return pdf.resolve().parent / FILE_NAME


def _key(pdf_name: str, address: str) -> tuple[str, str]:
    return pdf_name, address.strip().lower()


class SentLog:
    """The set of (file, address) pairs already sent, and an appender for new ones."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._sent: set[tuple[str, str]] = set()
        if path.exists():
            try:
                with path.open(newline="", encoding="utf-8") as handle:
                    for row in csv.DictReader(handle):
                        self._sent.add(_key(row.get("file") or "", row.get("to") or ""))
            except (OSError, UnicodeDecodeError, csv.Error) as exc:
                raise OutputError(f"{path}: cannot read the sent log ({exc})") from None

    def already_sent(self, pdf: Path, address: str) -> bool:
        """True if ``pdf`` (by file name) was sent to ``address`` before."""
        return _key(pdf.name, address) in self._sent

    def record(self, pdf: Path, address: str, message_id: str) -> None:
        """Append one line for a message the server accepted."""
        new = not self.path.exists()
        digest = hashlib.sha256(pdf.read_bytes()).hexdigest()
        now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        try:
            with self.path.open("a", newline="", encoding="utf-8") as handle:
                writer = csv.writer(handle)
                if new:
                    writer.writerow(COLUMNS)
                writer.writerow([now, address, pdf.name, digest, message_id])
                handle.flush()
                os.fsync(handle.fileno())
        except OSError as exc:
            raise OutputError(f"{self.path}: cannot write the sent log ({exc.strerror})") from None
        self._sent.add(_key(pdf.name, address))
