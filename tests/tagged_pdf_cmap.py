"""A font's /ToUnicode CMap (ISO 32000-1, 9.10.3): character codes to Unicode text.

Why our own: pikepdf gives a text-showing operator's string as raw bytes; for a
Type0 font (Identity-H, two-byte codes) or a subset TrueType font those bytes are
glyph codes, and only the font's ToUnicode CMap says which characters they are.
This reads the parts of a CMap that a ToUnicode map uses: ``codespacerange``
(how many bytes a code has), ``bfchar`` and both forms of ``bfrange``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# The tokens a ToUnicode CMap's mapping sections are made of; the PostScript
# around them (dictionaries, /CIDSystemInfo, def, usecmap …) is skipped.
_TOKEN = re.compile(rb"<([0-9A-Fa-f\s]*)>|(\[)|(\])|([A-Za-z]+)")
_SECTIONS = {b"begincodespacerange", b"beginbfchar", b"beginbfrange"}


def _utf16(code: bytes) -> str:
    """A destination string (UTF-16BE, surrogate pairs allowed); U+0000 means no text."""
    return code.decode("utf-16-be", errors="replace").replace("\x00", "")


@dataclass
class ToUnicode:
    """Codes to text for one font: decode a shown string with ``decode``."""

    # (lowest, highest) code of each codespace range, by code length in bytes.
    spaces: dict[int, list[tuple[int, int]]] = field(default_factory=dict)
    single: dict[bytes, str] = field(default_factory=dict)
    # bfrange entries kept as ranges (one can span 65,536 codes): (length, lo, hi, first
    # destination code units, or one destination per code).
    ranges: list[tuple[int, int, int, bytes | list[str]]] = field(default_factory=list)

    def code_length(self, data: bytes, at: int) -> int:
        """How many bytes the code starting at ``data[at]`` has (9.7.6.2)."""
        for length in sorted(self.spaces):
            value = int.from_bytes(data[at : at + length], "big")
            if any(lo <= value <= hi for lo, hi in self.spaces[length]):
                return length
        # Not in any range: the shortest length, as a reader would consume it.
        return min(self.spaces, default=1)

    def lookup(self, code: bytes) -> str:
        """The text of one code; U+FFFD when the CMap does not map it."""
        text = self.single.get(code)
        if text is not None:
            return text
        value = int.from_bytes(code, "big")
        for length, lo, hi, destination in self.ranges:
            if length == len(code) and lo <= value <= hi:
                if isinstance(destination, list):
                    offset = value - lo
                    text = destination[offset] if offset < len(destination) else "\ufffd"
                else:
                    # The last code unit of the destination counts up from lo.
                    last = int.from_bytes(destination[-2:], "big") + value - lo
                    text = _utf16(destination[:-2] + (last & 0xFFFF).to_bytes(2, "big"))
                self.single[code] = text
                return text
        return "\ufffd"

    def decode(self, data: bytes) -> str:
        """The text of a whole shown string."""
        out: list[str] = []
        at = 0
        while at < len(data):
            length = self.code_length(data, at)
            out.append(self.lookup(data[at : at + length]))
            at += length
        return "".join(out)


def parse_tounicode(data: bytes) -> ToUnicode:
    """Read a ToUnicode CMap stream's decoded bytes."""
    cmap = ToUnicode()
    section: bytes | None = None
    operands: list[bytes | list[bytes]] = []
    array: list[bytes] | None = None
    for match in _TOKEN.finditer(data):
        hexdigits, opening, closing, word = match.groups()
        if hexdigits is not None:
            digits = re.sub(rb"\s", b"", hexdigits).decode("ascii")
            value = bytes.fromhex(digits + "0" * (len(digits) % 2))  # odd: a final 0 (7.3.4.3)
            if array is not None:
                array.append(value)
            else:
                operands.append(value)
        elif opening:
            array = []
        elif closing:
            operands.append(array or [])
            array = None
        elif word in _SECTIONS:
            section, operands = word, []
        elif word is not None and word.startswith(b"end"):
            section = None
        if section is not None:
            operands = _take(cmap, section, operands)
    return cmap


def _take(
    cmap: ToUnicode, section: bytes, operands: list[bytes | list[bytes]]
) -> list[bytes | list[bytes]]:
    """Add the complete entries of ``section`` found in ``operands``; return the rest."""
    size = 3 if section == b"beginbfrange" else 2
    if len(operands) < size:
        return operands
    entry = operands[:size]
    low = entry[0]
    if not isinstance(low, bytes):
        return []  # malformed: drop it, the codes then read as U+FFFD
    if section == b"begincodespacerange":
        high = entry[1]
        if isinstance(high, bytes):
            bounds = (int.from_bytes(low, "big"), int.from_bytes(high, "big"))
            cmap.spaces.setdefault(len(low), []).append(bounds)
    elif section == b"beginbfchar":
        if isinstance(entry[1], bytes):
            cmap.single[low] = _utf16(entry[1])
    else:
        high, destination = entry[1], entry[2]
        if isinstance(high, bytes):
            lo, hi = int.from_bytes(low, "big"), int.from_bytes(high, "big")
            target = destination if isinstance(destination, bytes) else [*map(_utf16, destination)]
            cmap.ranges.append((len(low), lo, hi, target))
    return []
