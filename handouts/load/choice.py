"""Which clinic: the one answer every command uses (no file is read here).

Why one function: ``make``, ``batch``, ``send``, ``list``, ``show`` and
``check`` each used to answer this on their own, and their answers disagreed
(a plan ``check`` passed, ``make`` refused; a clinic's own exercises missing
from ``list``).  Worse, with no clinic named, a handout silently carried the
bundled example clinic's name and phone number.  Now the order is fixed:

1. ``--clinic`` on the command line (relative to the current folder);
2. the plan's ``clinic:`` (relative to the plan file);
3. the ``HANDOUTS_CLINIC`` environment variable;
4. a ``clinic.yaml`` in the current folder or the nearest parent folder,
   the way git finds ``.git``;
5. only then the bundled example clinic, which callers must flag as a sample.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

from handouts.errors import HandoutError

if TYPE_CHECKING:
    from handouts.models.plan import Plan

ENV_VAR = "HANDOUTS_CLINIC"
PROFILE_NAME = "clinic.yaml"
WHERE_TO_NAME_IT = (
    "--clinic clinic.yaml, the plan's clinic:, HANDOUTS_CLINIC, "
    "or a clinic.yaml here or in a parent folder"
)


class ClinicOrigin(StrEnum):
    """How the clinic was chosen; the words say it in a message."""

    OPTION = "--clinic"
    PLAN = "the plan's clinic:"
    ENVIRONMENT = ENV_VAR
    FOLDER = "clinic.yaml in this folder or a parent"
    BUNDLED = "the bundled example clinic"


@dataclass(frozen=True)
class ClinicChoice:
    """The clinic profile to use and why; ``path`` None means the bundled example."""

    path: Path | None
    origin: ClinicOrigin

    @property
    def is_sample(self) -> bool:
        """True when no clinic was named or found: the handout is only a sample."""
        return self.origin is ClinicOrigin.BUNDLED


def choose_clinic(
    option: Path | None = None,
    plan: Plan | None = None,
    *,
    environ: Mapping[str, str] | None = None,
    cwd: Path | None = None,
) -> ClinicChoice:
    """Which clinic profile applies, in the documented order (no file is read)."""
    cwd = (cwd or Path.cwd()).resolve()
    environ = os.environ if environ is None else environ
    if option is not None:
        return ClinicChoice((cwd / option).resolve(), ClinicOrigin.OPTION)
    if plan is not None and plan.clinic:
        base = plan.source.parent if plan.source else cwd
        return ClinicChoice((base / plan.clinic).resolve(), ClinicOrigin.PLAN)
    named = environ.get(ENV_VAR, "").strip()
    if named:
        return ClinicChoice((cwd / named).resolve(), ClinicOrigin.ENVIRONMENT)
    for folder in (cwd, *cwd.parents):
        profile = folder / PROFILE_NAME
        if profile.is_file():
            return ClinicChoice(profile, ClinicOrigin.FOLDER)
    return ClinicChoice(None, ClinicOrigin.BUNDLED)


def refuse_to_email_a_sample(choice: ClinicChoice) -> None:
    """Raise unless ``choice`` is a real clinic: a sample carries another clinic's phone."""
    if choice.is_sample:
        raise HandoutError(f"not emailing a sample: name your clinic ({WHERE_TO_NAME_IT})")


def sample_warning(choice: ClinicChoice) -> str | None:
    """The one line to print when a sheet carries the example clinic, else None."""
    if not choice.is_sample:
        return None
    return (
        f"no clinic named or found ({WHERE_TO_NAME_IT}): using the bundled example clinic; "
        "every page is marked SAMPLE"
    )
