"""``handouts init``: a starter clinic folder a clinic edits instead of writing from nothing.

The files come from ``assets/scaffold/`` (so they are plain files a maintainer
can read and ``handouts check`` keeps valid), plus the JSON Schemas their
``yaml-language-server`` lines point at.  An existing file is never replaced.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from handouts import resources
from handouts.errors import OutputError
from handouts.schema import MODELS, schema_text


@dataclass
class Scaffold:
    """What ``init`` wrote and what it left alone (paths relative to the folder)."""

    created: list[Path] = field(default_factory=list)
    skipped: list[Path] = field(default_factory=list)


def starter_files() -> dict[Path, bytes]:
    """Every file of a starter clinic folder, by its path inside the folder."""
    source = resources.scaffold_dir()
    files = {p.relative_to(source): p.read_bytes() for p in source.rglob("*") if p.is_file()}
    for kind in MODELS:
        files[Path("schemas") / f"{kind}.schema.json"] = schema_text(kind).encode("utf-8")
    return dict(sorted(files.items()))


def init_folder(folder: Path) -> Scaffold:
    """Write the starter files into ``folder``, skipping every file that already exists."""
    if folder.exists() and not folder.is_dir():
        raise OutputError(f"{folder}: is a file, not a folder")
    result = Scaffold()
    for relative, content in starter_files().items():
        target = folder / relative
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            # Why "xb": creating and checking in one step, so nothing is ever overwritten.
            with target.open("xb") as out:
                out.write(content)
        except FileExistsError:
            result.skipped.append(relative)
        except OSError as exc:
            raise OutputError(f"{target}: cannot be written ({exc.strerror})") from None
        else:
            result.created.append(relative)
    return result
