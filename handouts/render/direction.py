"""Which way a handout runs: left to right, or (Arabic, Hebrew …) right to left as a whole.

A right-to-left handout is the mirror of the usual one: text right-aligned,
lists numbered on the right, the card's picture on the right of its steps, a
table's first column on the right (the diary's days run right to left), the
logo and clinic name at the top right.  Each part asks ``right_to_left()``
while it is built; ``laid_out`` sets it around one render (like ReportLab's
settings, never process-wide).

Table styles are mirrored by column: column ``c`` becomes ``-1 - c`` (the
first is the last, counted from the end, and back), so a command needs no
count of columns; "LEFT" and "RIGHT", "LINEBEFORE" and "LINEAFTER", and the
left and right paddings swap.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from handouts.compose.language import is_rtl_language as is_rtl_language

_RTL: ContextVar[bool] = ContextVar("handouts_right_to_left", default=False)
_SWAPPED = {
    "LEFT": "RIGHT",
    "RIGHT": "LEFT",
    "LINEBEFORE": "LINEAFTER",
    "LINEAFTER": "LINEBEFORE",
    "LEFTPADDING": "RIGHTPADDING",
    "RIGHTPADDING": "LEFTPADDING",
}


def right_to_left() -> bool:
    """True while a right-to-left handout is being built and drawn."""
    return _RTL.get()


@contextmanager
def laid_out(rtl: bool) -> Iterator[None]:
    """Within the block, parts are built for a handout running right to left (or not)."""
    token = _RTL.set(rtl)
    try:
        yield
    finally:
        _RTL.reset(token)


def mirrored_cell(cell: tuple[int, int]) -> tuple[int, int]:
    """A table cell address (column, row) with its column counted from the other side."""
    column, row = cell
    return (-1 - column, row)


def mirrored_command(command: Sequence[Any]) -> tuple[Any, ...]:
    """A TableStyle command for the table with its columns in the other order."""
    name, *rest = command
    if len(rest) >= 2 and isinstance(rest[0], tuple) and isinstance(rest[1], tuple):
        start, end = mirrored_cell(rest[0]), mirrored_cell(rest[1])
        # The same range, written from its new left to its new right.
        first, last = (end[0], start[1]), (start[0], end[1])
        rest = [first, last, *rest[2:]]
    name = _SWAPPED.get(name, name)
    if name == "ALIGN" and rest:
        rest = [*rest[:-1], _SWAPPED.get(str(rest[-1]).upper(), rest[-1])]
    return (name, *rest)


def mirrored_row(row: Sequence[Any]) -> list[Any]:
    return list(reversed(row))
