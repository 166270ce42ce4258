"""A disk cache of what was built from library files, used while those files are unchanged.

Why: every command used to parse and validate the whole library (about 200 Markdown
and YAML files with the translations) before doing anything: about a quarter of a
second, every time, for files that change a few times a year.  A cache entry records
the files it was built from; it is used only while every one of them, and the code
of ``handouts`` itself, is exactly as it was (inode, size, modification and change
times of each file, found by walking each folder).

Safe by construction:

- Nothing about a patient is ever stored: only the library, clinic profiles and
  what ``list`` and ``show`` print from them.
- A file changed less than ``SETTLE_SECONDS`` before the entry would be written
  is not trusted to have a distinct timestamp (file systems record times in
  steps of a few milliseconds), so nothing is stored; the next run stores it.
- An entry that cannot be read for any reason is ignored and rebuilt; a cache
  folder that cannot be written only costs the time saved.
- Entries are read only from a folder owned by this user that no one else can
  write to (they are Python pickles, which run code when read).

``HANDOUTS_CACHE`` names the folder, or ``off`` turns the cache off; the default
is ``$XDG_CACHE_HOME/handouts`` or ``~/.cache/handouts``.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import stat
import sys
import tempfile
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator
from functools import cache
from pathlib import Path
from typing import Generic, TypeVar

ENV_VAR = "HANDOUTS_CACHE"
SETTLE_SECONDS = 2.0
# Bump when the layout of an entry changes.
FORMAT = 1
# Entries of one kind kept side by side (one per clinic and language in use).
KEEP_PER_KIND = 16

_PACKAGE_DIR = Path(__file__).resolve().parent.parent

T = TypeVar("T")
K = TypeVar("K")
V = TypeVar("V")

# What one path looked like: (relative name, inode, size, mtime_ns, ctime_ns), or a
# marker for a missing path.
_Stamp = tuple[tuple[str, int, int, int, int], ...]


def cached(kind: str, key: str, build: Callable[[], tuple[T, Iterable[Path]]]) -> T:
    """The value ``build`` returns, from the cache while the files it read are unchanged.

    ``build`` returns the value and every file or folder it was built from (folders
    are walked: a file added, removed or edited anywhere inside counts).  ``key``
    tells apart values of the same ``kind`` built from different choices (which
    clinic, which language).  Errors raised by ``build`` are never cached.
    """
    folder = cache_dir()
    if folder is None:
        return build()[0]
    entry = folder / f"{kind}-{_digest(kind, key, code_stamp())}.pickle"
    # Why also in memory: a warm process (a batch worker, the desk) asks for the same
    # pictures' entries in every handout; checking their files is enough then.
    found = _in_memory.get(entry) or _read(entry)
    if found is not None:
        depends, stamps, value = found
        if _stamps(depends) == stamps:
            _in_memory.put(entry, found)
            return value  # type: ignore[return-value]
    value, sources = build()
    depends = tuple(Path(p) for p in sources)
    _write(folder, entry, kind, (depends, _stamps(depends), value))
    return value


def private_folder(name: str) -> Path | None:
    """A folder of the cache for another tool's own entries (Jinja2's compiled
    templates), made if needed; None when the cache is off or not private."""
    folder = cache_dir()
    if folder is None:
        return None
    try:
        (folder / name).mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError:
        return None
    return folder / name if _private(folder) and _private(folder / name) else None


def cache_dir() -> Path | None:
    """The cache folder, or None when the cache is off."""
    named = os.environ.get(ENV_VAR, "").strip()
    if named.lower() == "off":
        return None
    if named:
        return Path(named)
    base = os.environ.get("XDG_CACHE_HOME", "").strip()
    if base:
        return Path(base) / "handouts"
    try:
        return Path.home() / ".cache" / "handouts"
    except RuntimeError:  # no home folder
        return None


@cache
def code_stamp() -> str:
    """A digest of this installation of ``handouts``: its version and every file of it.

    Why the files and not only the version: in a checkout or an editable install the
    code changes without a new version, and an entry built by other code must not
    be used.
    """
    from handouts import __version__
    from handouts.resources import data_root

    roots = [_PACKAGE_DIR, data_root() / "templates"]
    stamps = [str(_stamp(root)) for root in roots]
    return _digest(__version__, sys.version, *stamps)


def _digest(*parts: str) -> str:
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()[:24]


def _stamps(paths: Iterable[Path]) -> tuple[_Stamp, ...]:
    return tuple(_stamp(p) for p in paths)


def _stamp(path: Path) -> _Stamp:
    """Every file under ``path`` (or ``path`` itself) as name, inode, size and times."""
    try:
        top = path.stat()
    except OSError:
        return (("<missing>", 0, 0, 0, 0),)
    if not stat.S_ISDIR(top.st_mode):
        return ((".", top.st_ino, top.st_size, top.st_mtime_ns, top.st_ctime_ns),)
    return tuple(sorted(_walk(str(path), "", {(top.st_dev, top.st_ino)})))


def _walk(
    folder: str, prefix: str, seen: set[tuple[int, int]]
) -> Iterator[tuple[str, int, int, int, int]]:
    """The files under ``folder``; ``seen`` stops a folder linked into itself."""
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return
    for item in entries:
        if item.name == "__pycache__":
            continue
        name = prefix + item.name
        try:
            info = item.stat(follow_symlinks=True)
        except OSError:
            yield (name, 0, 0, 0, 0)
            continue
        if stat.S_ISDIR(info.st_mode):
            yield (name + "/", info.st_ino, 0, 0, 0)
            if (info.st_dev, info.st_ino) not in seen:
                seen.add((info.st_dev, info.st_ino))
                yield from _walk(item.path, name + "/", seen)
        else:
            yield (name, info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns)


def _read(entry: Path) -> tuple[tuple[Path, ...], tuple[_Stamp, ...], object] | None:
    if not _private(entry.parent):
        return None
    try:
        with entry.open("rb") as fh:
            if not _owned_by_me(os.fstat(fh.fileno())):
                return None
            stored = pickle.load(fh)
    except Exception:
        return None
    if not (isinstance(stored, tuple) and len(stored) == 4 and stored[0] == FORMAT):
        return None
    return stored[1], stored[2], stored[3]


def _write(folder: Path, entry: Path, kind: str, content: tuple[object, ...]) -> None:
    stamps = content[1]
    if _too_recent(stamps):  # type: ignore[arg-type]
        return
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        if not _private(folder):
            return
        data = pickle.dumps((FORMAT, *content), protocol=pickle.HIGHEST_PROTOCOL)
        fd, temp = tempfile.mkstemp(dir=folder, prefix=f".{kind}-", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            Path(temp).replace(entry)
        except BaseException:
            Path(temp).unlink()
            raise
        _prune(folder, kind)
    except (OSError, pickle.PicklingError, TypeError, AttributeError, RecursionError):
        return  # only the time saved is lost


def _too_recent(stamps: Iterable[_Stamp]) -> bool:
    """True when a file changed so recently that a further change could share its time."""
    newest = max((max(s[3], s[4]) for stamp in stamps for s in stamp), default=0)
    return newest / 1e9 > time.time() - SETTLE_SECONDS


def _private(folder: Path) -> bool:
    try:
        info = folder.stat()
    except OSError:
        return False
    return stat.S_ISDIR(info.st_mode) and _owned_by_me(info)


def _owned_by_me(info: os.stat_result) -> bool:
    if not hasattr(os, "getuid"):  # Windows: the user's own profile folder
        return True
    return info.st_uid == os.getuid() and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def _prune(folder: Path, kind: str) -> None:
    """Keep the ``KEEP_PER_KIND`` newest entries of ``kind``; old code leaves old ones."""
    entries = sorted(folder.glob(f"{kind}-*.pickle"), key=lambda p: p.stat().st_mtime)
    for old in entries[:-KEEP_PER_KIND]:
        old.unlink(missing_ok=True)


class Lru(Generic[K, V]):
    """A small thread-safe least-recently-used map, for what one process keeps in memory
    (converted drawings, their forms): the desk serves previews from several threads."""

    def __init__(self, maxsize: int) -> None:
        self._maxsize = maxsize
        self._items: OrderedDict[K, V] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: K) -> V | None:
        with self._lock:
            value = self._items.get(key)
            if value is not None:
                self._items.move_to_end(key)
            return value

    def put(self, key: K, value: V) -> None:
        with self._lock:
            self._items[key] = value
            self._items.move_to_end(key)
            while len(self._items) > self._maxsize:
                self._items.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._items.clear()


# Entries this process has read or checked, by file: (files, their stamps, value).
_in_memory: Lru[Path, tuple[tuple[Path, ...], tuple[_Stamp, ...], object]] = Lru(512)
