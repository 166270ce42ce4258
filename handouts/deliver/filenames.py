"""Safe output file names from patient names, on Linux, macOS and Windows."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from pathlib import Path

MAX_STEM = 80
# File systems count bytes (255 on ext4, APFS and NTFS count differently): 80
# Chinese or emoji-free supplementary characters could pass 255 in UTF-8.
MAX_STEM_BYTES = 120
# Names Windows reserves for devices, whatever the extension.
# Windows also reserves COM¹…LPT³ (superscript digits count as digits there).
_RESERVED = {"con", "prn", "aux", "nul"} | {
    f"{p}{n}" for p in ("com", "lpt") for n in [*range(1, 10), "¹", "²", "³"]
}


def safe_stem(text: str) -> str:
    """A file-name stem: letters and digits of any script, joined by hyphens.

    No path separators, no dots (so no ``..``), no control characters, no lone
    surrogates, no reserved device names, at most 80 characters and 120 bytes.
    """
    text = unicodedata.normalize("NFC", text.encode("utf-8", "replace").decode("utf-8"))
    words = re.findall(r"[^\W_]+", text.lower())
    stem = "-".join(words)[:MAX_STEM]
    while len(stem.encode("utf-8")) > MAX_STEM_BYTES:
        stem = stem[:-1]
    stem = stem.strip("-")
    if not stem:
        return "handout"
    if stem.split("-")[0] in _RESERVED:
        stem = f"handout-{stem}"
    return stem


def default_output(folder: Path, patient_name: str, day: dt.date) -> Path:
    """``jane-doe-2026-11-24.pdf`` in ``folder``; ``-2``, ``-3`` … if that name is taken.

    Why not overwrite: two patients can share a name and a date, and a handout
    already printed or emailed must not silently change.
    """
    return free_name(folder, f"{safe_stem(patient_name)}-{day.isoformat()}")


def free_name(folder: Path, stem: str) -> Path:
    """``<stem>.pdf`` in ``folder``, or ``<stem>-2.pdf``, ``-3`` … whichever is free."""
    candidate = folder / f"{stem}.pdf"
    n = 2
    while candidate.exists() or candidate.is_symlink():
        candidate = folder / f"{stem}-{n}.pdf"
        n += 1
    return candidate
