"""Write a file so that an error never leaves a half-written PDF behind."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from handouts.errors import OutputError


def write_atomically(path: Path, data: bytes, *, overwrite: bool = False) -> Path:
    """Write ``data`` to ``path`` via a temporary file in the same folder, then rename.

    Why: a crash, a full disk or Ctrl-C mid-write leaves either the old file or
    none, never a truncated PDF a clinician might print.  The temporary file is
    created exclusively with owner-only permissions (patient data), and an
    existing file is replaced only with ``overwrite``.
    """
    path = Path(path)
    folder = path.parent if str(path.parent) else Path()
    if not folder.is_dir():
        raise OutputError(f"{path}: folder {folder} does not exist")
    if path.is_dir():
        raise OutputError(f"{path}: is a folder")
    if (path.exists() or path.is_symlink()) and not overwrite:
        raise OutputError(f"{path}: already exists (use --force to replace it)")
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name[:40]}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise OutputError(f"{path}: cannot write here ({exc.strerror})") from None
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if overwrite:
            tmp.replace(path)
        else:
            _publish_exclusively(tmp, path)
    except FileExistsError:
        tmp.unlink(missing_ok=True)
        raise OutputError(f"{path}: already exists (use --force to replace it)") from None
    except OSError as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise OutputError(f"{path}: cannot write ({exc.strerror})") from None
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    return path


def _publish_exclusively(tmp: Path, path: Path) -> None:
    """Give ``tmp`` the name ``path`` unless something already has that name.

    A hard link fails atomically if ``path`` appeared meanwhile (another batch
    worker, a user's copy); where a filesystem has no hard links (FAT, some
    network shares), fall back to check-then-rename.
    """
    try:
        os.link(tmp, path)
    except FileExistsError:
        raise
    except OSError:
        if path.exists() or path.is_symlink():
            raise FileExistsError(path) from None
        tmp.replace(path)
    else:
        tmp.unlink()
