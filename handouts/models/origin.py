"""Where a loaded value came from: its file and the line of every value in it.

Why a value of its own: errors name ``file:line: field``, and a plan's relative
paths (its ``clinic:``) resolve against its file.  Carrying both as one typed
value that loaders hand over explicitly means a plan that is copied, expanded
or built in code keeps them, or visibly has none.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType

Loc = tuple[str | int, ...]


@dataclass(frozen=True)
class Origin:
    """A source file (None: typed on the command line or built in code) and its line map."""

    path: Path | None = None
    lines: Mapping[Loc, int] = field(default_factory=lambda: MappingProxyType({}))

    def line_of(self, *loc: str | int) -> int | None:
        """The line where ``loc`` (e.g. "exercises", 2) was written, if known."""
        return self.lines.get(tuple(loc))

    def without(self, tops: Iterable[str]) -> Origin:
        """The same file, forgetting the lines of the given top-level keys.

        Why: after flags replace a value, or a programme rewrites a list, the old
        line would point at text that no longer says what the value is.
        """
        gone = set(tops)
        kept = {loc: n for loc, n in self.lines.items() if not loc or loc[0] not in gone}
        return Origin(self.path, MappingProxyType(kept))
