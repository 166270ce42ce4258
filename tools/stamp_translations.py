"""Mark translations as up to date: set ``translated_from:`` in each sibling file.

    python -m tools.stamp_translations [LIBRARY_FOLDER ...]   (default: the bundled library)

Run it after translating (or re-checking a translation against) its base file;
``handouts check`` then stops calling that translation stale until the base
file's words change again.  Only the ``translated_from:`` line is written.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from handouts import resources
from handouts.load.library import load_library
from handouts.load.translations import sibling_files
from handouts.models.translation import (
    article_fingerprint,
    exercise_fingerprint,
    programme_fingerprint,
)

_LINE = re.compile(r"^translated_from:.*$", re.MULTILINE)


def stamp(path: Path, fingerprint: str) -> bool:
    """Write ``translated_from: <fingerprint>`` into ``path``'s front matter; True if changed."""
    text = path.read_text(encoding="utf-8")
    line = f"translated_from: {fingerprint}"
    if _LINE.search(text):
        new = _LINE.sub(line, text, count=1)
    elif path.suffix == ".md":  # into the front matter
        head, sep, rest = text.partition("---\n")
        new = f"{head}{sep}{line}\n{rest}"
    else:  # a programme's YAML
        new = text.rstrip("\n") + f"\n{line}\n"
    if new == text:
        return False
    path.write_text(new, encoding="utf-8")
    return True


def main(folders: list[Path]) -> None:
    extra = [f for f in folders if f.resolve() != resources.library_dir().resolve()]
    library = load_library(extra)
    for folder in folders:
        for path, item_id, _ in sibling_files(folder / "exercises"):
            if stamp(path, exercise_fingerprint(library.exercises[item_id])):
                print(f"stamped {path}")
        for path, item_id, _ in sibling_files(folder / "articles"):
            if stamp(path, article_fingerprint(library.articles[item_id])):
                print(f"stamped {path}")
        for path, item_id, _ in sibling_files(folder / "programmes"):
            if stamp(path, programme_fingerprint(library.programmes[item_id])):
                print(f"stamped {path}")


if __name__ == "__main__":
    main([Path(a) for a in sys.argv[1:]] or [resources.library_dir()])
