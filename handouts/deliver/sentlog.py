"""The sent log: what was emailed to whom and when, so nothing is sent twice.

Why a CSV next to the PDFs: a clinician can open it in a spreadsheet to answer
"did Jane get her sheet?", and it travels with the handouts it describes.  It
holds no clinical content and no names beyond the file name: a time, a state,
an address, the file name, the opaque identity and fingerprint digests of the
row that made the file, the file's SHA-256 and the message id.

Why two lines per message: an "intent" line is written (and forced to disk)
after the server accepted the recipient and before the message text goes;
a "sent" line after the server confirmed it (or "refused" if it definitely
did not take it).  A crash, a dropped connection or a timeout in between
leaves an intent with no outcome, which means "may already have been sent":
it is never sent again by itself, so a patient gets at most one copy.

Logs written before intents existed (columns sent_at,to,file,sha256,message_id)
are read as sent, and rewritten in today's columns on the first new line.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
from dataclasses import dataclass
from enum import Enum, StrEnum
from pathlib import Path

from handouts.deliver.write import write_atomically
from handouts.errors import OutputError

FILE_NAME = "sent-log.csv"
COLUMNS = ["time", "state", "to", "file", "identity", "fingerprint", "sha256", "message_id"]
OLD_COLUMNS = ["sent_at", "to", "file", "sha256", "message_id"]


class State(StrEnum):
    """The ``state`` column: the words a clinician sees in the log."""

    INTENT = "intent"  # about to hand the message to the server
    SENT = "sent"  # the server confirmed it
    REFUSED = "refused"  # the server said no after an intent: not sent


class Standing(Enum):
    """What the log says about one file and one address."""

    NOT_SENT = "not sent"
    SENT = "sent"
    UNCONFIRMED = "unconfirmed"  # an intent with no outcome: it may have been delivered


@dataclass(frozen=True)
class Entry:
    """One message as the log records it (the state and time are added per line)."""

    to: str
    file: str
    identity: str
    fingerprint: str
    sha256: str
    message_id: str


def sent_log_for(pdf: Path) -> Path:
    """The sent log that covers ``pdf``: ``sent-log.csv`` in the PDF's folder."""
    return pdf.resolve().parent / FILE_NAME


def _key(file_name: str, address: str) -> tuple[str, str]:
    return file_name, address.strip().lower()


class SentLog:
    """The log of one folder: what each (file, address) pair's standing is, and an appender."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._sent: set[tuple[str, str]] = set()  # confirmed at least once
        self._pending: set[tuple[str, str]] = set()  # the last line is an intent
        # Per message: its entry and last state, to know who a file may have gone to.
        self._messages: dict[str, tuple[Entry, State]] = {}
        self._old_rows: list[list[str]] | None = None  # an old-format log, to rewrite
        rows = self._read()
        for number, row in enumerate(rows):
            self._note(row, number)

    def _read(self) -> list[dict[str, str]]:
        if not self.path.exists():
            return []
        try:
            # utf-8-sig: a spreadsheet that saved the log may have added a BOM.
            with self.path.open(newline="", encoding="utf-8-sig") as handle:
                reader = csv.DictReader(handle)
                rows = list(reader)
                header = list(reader.fieldnames or [])
        except (OSError, UnicodeDecodeError, csv.Error) as exc:
            reason = exc.strerror if isinstance(exc, OSError) else type(exc).__name__
            raise OutputError(f"{self.path}: cannot read the sent log ({reason})") from None
        if header and header[: len(OLD_COLUMNS)] == OLD_COLUMNS:
            self._old_rows = [[row.get(c) or "" for c in OLD_COLUMNS] for row in rows]
        elif header and not {"to", "file", "state"} <= set(header):
            raise OutputError(
                f"{self.path}: not a sent log (expected the columns {','.join(COLUMNS)})"
            )
        return rows

    def _note(self, row: dict[str, str], number: int) -> None:
        key = _key(row.get("file") or "", row.get("to") or "")
        if self._old_rows is not None:
            self._sent.add(key)  # old logs wrote a line only once the server accepted
            return
        word = (row.get("state") or "").strip().lower()
        # Anything but a plain "intent" or "refused" (a hand edit, say) counts as sent:
        # when in doubt, the log must stop a second copy, not allow one.
        state = State(word) if word in (State.INTENT, State.REFUSED) else State.SENT
        entry = Entry(
            to=row.get("to") or "",
            file=row.get("file") or "",
            identity=row.get("identity") or "",
            fingerprint=row.get("fingerprint") or "",
            sha256=row.get("sha256") or "",
            message_id=row.get("message_id") or f"line {number + 2}",
        )
        self._track(key, entry, state)

    def _track(self, key: tuple[str, str], entry: Entry, state: State) -> None:
        if state is State.INTENT:
            self._pending.add(key)
        else:
            self._pending.discard(key)
        if state is State.SENT:
            self._sent.add(key)
        self._messages[entry.message_id] = (entry, state)

    def standing(self, pdf: Path, address: str) -> Standing:
        """Whether ``pdf`` (by file name) was sent to ``address``, or may have been."""
        key = _key(pdf.name, address)
        if key in self._pending:
            return Standing.UNCONFIRMED
        return Standing.SENT if key in self._sent else Standing.NOT_SENT

    def already_sent(self, pdf: Path, address: str) -> bool:
        """True if ``pdf`` was, or may have been, sent to ``address`` before."""
        return self.standing(pdf, address) is not Standing.NOT_SENT

    def earlier(self, pdf: Path) -> list[Entry]:
        """The messages of this file name that were, or may have been, delivered.

        Lines without a fingerprint (from old-format logs) are left out: they
        recorded nothing to compare.
        """
        return [
            entry
            for entry, state in self._messages.values()
            if entry.file == pdf.name and entry.fingerprint and state is not State.REFUSED
        ]

    def intent(self, entry: Entry) -> None:
        """Record, durably, that ``entry`` is about to be handed to the server."""
        self._append(entry, State.INTENT)

    def sent(self, entry: Entry) -> None:
        """Record that the server confirmed ``entry``."""
        self._append(entry, State.SENT)

    def refused(self, entry: Entry) -> None:
        """Record that the server definitely did not take ``entry`` (after its intent)."""
        self._append(entry, State.REFUSED)

    def _append(self, entry: Entry, state: State) -> None:
        if self._old_rows is not None:
            self._upgrade(self._old_rows)
            self._old_rows = None
        now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        line = [now, state.value, entry.to, entry.file, entry.identity, entry.fingerprint]
        line += [entry.sha256, entry.message_id]
        try:
            # Owner-only, like the PDFs: the log lists patients' addresses.
            fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
            with open(fd, "a", newline="", encoding="utf-8") as handle:  # noqa: PTH123 - from a descriptor
                new = handle.tell() == 0
                writer = csv.writer(handle)
                if new:
                    writer.writerow(COLUMNS)
                writer.writerow(line)
                handle.flush()
                os.fsync(handle.fileno())
            if new:
                _sync_folder(self.path.parent)
        except OSError as exc:
            raise OutputError(f"{self.path}: cannot write the sent log ({exc.strerror})") from None
        self._track(_key(entry.file, entry.to), entry, state)

    def _upgrade(self, old_rows: list[list[str]]) -> None:
        """Rewrite an old-format log in today's columns, every old line as ``sent``."""
        text = io.StringIO()
        writer = csv.writer(text)
        writer.writerow(COLUMNS)
        for sent_at, to, file, sha256, message_id in old_rows:
            writer.writerow([sent_at, State.SENT.value, to, file, "", "", sha256, message_id])
        # Atomic: a crash mid-rewrite must leave the old log, never half of it.
        write_atomically(self.path, text.getvalue().encode("utf-8"), overwrite=True)


def _sync_folder(folder: Path) -> None:
    """Force a new file's name to disk too (POSIX; elsewhere the file's own sync must do)."""
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
