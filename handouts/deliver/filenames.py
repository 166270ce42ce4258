"""Safe output file names from patient names, on Linux, macOS and Windows.

Names are plain ASCII, ``[a-z0-9]`` runs joined by hyphens, whatever the script
of the patient's name: non-ASCII file names break email attachments, Windows
shares and some printers. anyascii transliterates every script ("Zoë
Łukasiewicz" → ``zoe-lukasiewicz``, "Сергей Иванов" → ``sergey-ivanov``, "王小明"
→ ``wangxiaoming``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import unicodedata
from pathlib import Path

# ASCII only, so characters == bytes: far below any file system's 255.
MAX_STEM = 80
MAX_STEM_BYTES = MAX_STEM
# Names Windows reserves for devices, whatever the extension. (COM¹…LPT³ are
# reserved too; transliteration turns them into com1…lpt3.) Some lists add
# COM0 and LPT0: prefixing them costs nothing.
_RESERVED = {"con", "prn", "aux", "nul"} | {f"{p}{n}" for p in ("com", "lpt") for n in range(10)}
# Terminal escape sequences pasted in from a spreadsheet or a shell: CSI
# (colours), OSC/DCS/PM/APC strings (titles, links), charset designations and
# ESC digit (save/restore cursor). ESC before a letter loses only the ESC: a
# letter of the name is likelier than a rare one-letter escape.
_ESCAPES = re.compile(
    r"(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]"
    r"|(?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f]).*?(?:\x07|\x1b\\|\x9c)"
    r"|\x1b[ -/]+[0-~]"
    r"|\x1b[0-9=>]",
    re.DOTALL,
)
_WORD = re.compile(r"[a-z0-9]+")


def safe_stem(text: str, fallback: str | None = None) -> str:
    """A file-name stem: ASCII ``[a-z0-9]`` runs joined by hyphens, never empty.

    No path separators, no dots (so no ``..``), nothing outside ``[a-z0-9-]``,
    no reserved device names, at most 80 characters. Invisible characters
    (zero-width space, word joiner, BOM, directional marks and bidi controls),
    other control characters and terminal escape sequences are removed before
    the text is split into words, so they never split one ("ja\\u200bne doe" →
    ``jane-doe``); whitespace separates words; symbols and emoji are dropped.

    When nothing is left (an emoji-only name, one in no script anyascii knows):
    ``fallback`` made safe the same way if the caller gives one (the patient's
    reference, say); else ``patient-`` and 6 hex digits of the SHA-256 of the
    visible text, so two such names rarely share a stem and the same name always
    gets the same one. ``handout`` only when the text has nothing visible at all.
    """
    visible = _visible(text)
    stem = _ascii_stem(visible)
    if not stem and fallback is not None:
        stem = _ascii_stem(_visible(fallback))
    if not stem:
        words = " ".join(visible.split())
        if not words:
            return "handout"
        stem = f"patient-{hashlib.sha256(words.encode('utf-8')).hexdigest()[:6]}"
    if stem.split("-")[0] in _RESERVED:
        stem = f"handout-{stem}"[:MAX_STEM].rstrip("-")
    return stem


def _visible(text: str) -> str:
    """``text`` without escape sequences, invisible or control characters; whitespace as spaces."""
    kept: list[str] = []
    for char in _ESCAPES.sub("", text):
        if char.isspace():
            kept.append(" ")
        elif unicodedata.category(char)[0] != "C":  # Cc, Cf (ZWSP, LRM, BOM …), Cs, Co, Cn
            kept.append(char)
    return unicodedata.normalize("NFC", "".join(kept))


def _ascii_stem(text: str) -> str:
    """Transliterated, lower-cased ``[a-z0-9]`` runs joined by hyphens, at most 80 characters.

    Symbols and emoji separate words instead: anyascii would spell 🌸 ``:cherry_blossom:``.
    """
    words = "".join(" " if unicodedata.category(c)[0] == "S" else c for c in text)
    from anyascii import anyascii  # its tables load on import: only when a name is needed

    return "-".join(_WORD.findall(anyascii(words).lower()))[:MAX_STEM].strip("-")


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
