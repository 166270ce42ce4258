"""Resolve a file named inside an input file, relative to that file, safely."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from handouts.errors import AssetError


def resolve_inside(
    name: str,
    named_in: Path,
    root: Path,
    field: str,
    line: int | None = None,
    also: Iterable[Path] = (),
) -> Path:
    """``name`` relative to the file ``named_in``; it must exist and stay inside ``root``
    (or one of the folders in ``also``, which a clinic profile allows explicitly).

    Why: library folders are shared between clinics, so a file in one must not be
    able to pull ``/etc/passwd`` or a URL into a PDF that is emailed out.
    Symbolic links are resolved first, so a link cannot lead outside either.
    """
    if "://" in name or name.startswith("//"):
        raise AssetError(named_in, f"links are not allowed here, got {name!r}", line, field)
    if "\0" in name:
        raise AssetError(named_in, "a file name cannot contain a NUL character", line, field)
    path = (named_in.parent / name).resolve()
    allowed = [root, *also]
    if not any(path.is_relative_to(folder.resolve()) for folder in allowed):
        raise AssetError(named_in, f"{name!r} is outside the folder {root}", line, field)
    if not path.is_file():
        raise AssetError(named_in, f"file not found: {name}", line, field)
    return path
