"""Plans a clinician saves from a front end, and the list of them to open again.

Why a plan file rather than a database: a saved plan is the same YAML the CLI
reads (``handouts make plans/jane-doe-2026-12-02.yaml``, ``--since``), lives in
the clinic's folder beside its profile, and is the only thing about a patient
that is kept, by the clinician's choice.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from handouts.deliver.filenames import safe_stem
from handouts.deliver.write import write_atomically
from handouts.errors import HandoutError, OutputError
from handouts.load.plan import load_plan, load_plan_noting
from handouts.models.plan import Plan

PLANS_FOLDER = "plans"
_HEADER = "# A handout plan, saved by handouts desk. Make it again: handouts make {name}\n"


@dataclass(frozen=True)
class SavedPlan:
    """A plan file in a plans folder, as a list of them shows it."""

    path: Path
    patient: str
    date: dt.date


class PlanExistsError(OutputError):
    """The plan's file name is taken; saving again with ``overwrite`` replaces it."""

    def __init__(self, path: Path) -> None:
        self.path = path
        super().__init__(f"{path}: already exists")


def plan_path(folder: Path, plan: Plan, *, free: bool = False) -> Path:
    """``jane-doe-2026-12-02.yaml`` in ``folder``: the patient and the plan's date.

    A name with no letters to spell (emoji only, say) gets a short hash of
    itself, so two such patients never share a file.  ``free``: ``-2``, ``-3``
    … when the name is taken (two patients of one name on one day).
    """
    stem = f"{safe_stem(plan.patient.name)}-{plan.date.isoformat()}"
    target, n = folder / f"{stem}.yaml", 2
    while free and (target.exists() or target.is_symlink()):
        target, n = folder / f"{stem}-{n}.yaml", n + 1
    return target


def save_plan(
    values: Mapping[str, Any], folder: Path, *, overwrite: bool = False, as_new: bool = False
) -> Path:
    """Check ``values`` (shaped like a plan file) make a plan, and write them to ``folder``.

    Raises ``ValidationError`` naming the field when they don't, and
    ``PlanExistsError`` when the file is there and neither ``overwrite`` (replace
    it) nor ``as_new`` (save beside it under the next free name) is given.
    """
    plan, _ = load_plan_noting(None, dict(values))
    target = plan_path(folder, plan, free=as_new)
    if (target.exists() or target.is_symlink()) and not overwrite:
        raise PlanExistsError(target)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"{folder}: cannot be created ({exc.strerror})") from None
    text = _HEADER.format(name=f"{folder.name}/{target.name}") + yaml.safe_dump(
        dict(values), sort_keys=False, allow_unicode=True, default_flow_style=False
    )
    return write_atomically(target, text.encode("utf-8"), overwrite=overwrite)


def saved_plans(folder: Path, search: str = "") -> list[SavedPlan]:
    """The plans in ``folder`` whose patient's name holds every word of ``search``, newest first.

    A file that is not a readable plan is left out: the list is for opening
    plans, and ``handouts check`` is where a broken file is reported.
    """
    words = search.casefold().split()
    found = []
    for path in sorted(folder.glob("*.yaml")) if folder.is_dir() else ():
        try:
            plan = load_plan(path)
        except HandoutError:
            continue
        name = plan.patient.name.casefold()
        if all(word in name for word in words):
            found.append(SavedPlan(path, plan.patient.name, plan.date))
    return sorted(found, key=lambda p: (p.date, p.path.name), reverse=True)
