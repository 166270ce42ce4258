"""The reference engines: the same psoas handout made by plain Platypus and by typst.

They live outside the repository (``../shared/bench-reference`` beside the
checkout, or ``--reference DIR``) and are only run, never copied or imported:
each is a script, ``python ENGINE.py OUT.pdf`` for one document in a whole
process, ``python ENGINE.py --batch N OUTDIR`` for N documents in one process
(it prints one JSON line of timings).  See that folder's README.

Why whole processes: that is how the references are meant to be timed, and it
keeps their imports (typst, their own ReportLab set-up) out of the bench process.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DIR = ROOT.parent / "shared" / "bench-reference"


@dataclass(frozen=True)
class Engine:
    """One reference engine script."""

    name: str  # the key in results.json: "platypus" or "typst"
    label: str  # for the table
    script: Path
    needs: str | None  # a module the script imports that handouts does not depend on

    def command(self, out_pdf: Path) -> list[str]:
        """One document, a whole process."""
        return [sys.executable, str(self.script), str(out_pdf)]

    def batch(self, documents: int, out_dir: Path) -> dict[str, Any]:
        """``documents`` in one process: its JSON line (total_s, first_doc_s, steady_docs_per_s)."""
        done = subprocess.run(
            [sys.executable, str(self.script), "--batch", str(documents), str(out_dir)],
            capture_output=True,
            text=True,
            check=True,
            env=environment(),
        )
        line = done.stdout.strip().splitlines()[-1]
        result: dict[str, Any] = json.loads(line)
        return result


ENGINES = (
    ("platypus", "Platypus reference", "rl_platypus.py", None),
    ("typst", "typst reference", "typst_engine.py", "typst"),
)


def environment() -> dict[str, str]:
    """The bench's environment without the checkout on the import path: they need none of it."""
    return {key: value for key, value in os.environ.items() if key != "PYTHONPATH"}


def find_engines(directory: Path, work: Path) -> tuple[list[Engine], list[str]]:
    """The engines in ``directory`` that run here, and one skip line for each that does not.

    Each engine is probed by making one document into ``work``, which also warms
    the OS file cache before anything is timed.
    """
    if not directory.is_dir():
        return [], [f"reference engines skipped: no folder {directory} (--reference DIR)"]
    engines, skipped = [], []
    for name, label, script, needs in ENGINES:
        engine = Engine(name, label, directory / script, needs)
        why = _why_not(engine, work)
        if why:
            skipped.append(f"{label} skipped: {why}")
        else:
            engines.append(engine)
    return engines, skipped


def _why_not(engine: Engine, work: Path) -> str | None:
    if not engine.script.is_file():
        return f"no {engine.script}"
    if engine.needs:
        probe = [sys.executable, "-c", f"import {engine.needs}"]
        if subprocess.run(probe, capture_output=True, check=False, env=environment()).returncode:
            return f"`{engine.needs}` is not importable (pip install {engine.needs})"
    done = subprocess.run(
        engine.command(work / f"probe-{engine.name}.pdf"),
        capture_output=True,
        text=True,
        check=False,
        env=environment(),
    )
    if done.returncode:
        last = done.stderr.strip().splitlines()[-1:] or ["(no message)"]
        return f"{engine.script.name} exited {done.returncode}: {last[0]}"
    return None
