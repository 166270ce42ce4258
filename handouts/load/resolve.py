"""Which clinic, and which library: the choice (``load/choice.py``) loaded.

Why apart from the choice: choosing reads no file and imports no model, so
``handouts list`` and ``show`` can name the clinic, and find their cached
catalogue, without the cost of loading anything.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from handouts import resources
from handouts.load.choice import ClinicChoice, choose_clinic
from handouts.load.clinic import load_clinic
from handouts.load.library import load_library
from handouts.models.clinic import Clinic
from handouts.models.library import Library
from handouts.models.plan import Plan


@dataclass(frozen=True)
class Resolved:
    """A clinic, the library it sees, and how the clinic was chosen."""

    clinic: Clinic
    library: Library
    choice: ClinicChoice


def library_for(clinic: Clinic, extra: Iterable[Path] = ()) -> Library:
    """The bundled library, overlaid by the clinic's own, then by ``extra`` folders.

    Pictures may come from the library folder naming them or the clinic's
    ``image_folders``, for every command alike.
    """
    folders = [clinic.library_path] if clinic.library_path else []
    return load_library([*folders, *extra], clinic.image_folder_paths)


def resolve(
    option: Path | None = None,
    plan: Plan | None = None,
    extra_libraries: Iterable[Path] = (),
    *,
    environ: Mapping[str, str] | None = None,
    cwd: Path | None = None,
) -> Resolved:
    """Choose and load the clinic, and load the library it sees."""
    return load_choice(choose_clinic(option, plan, environ=environ, cwd=cwd), extra_libraries)


def load_choice(choice: ClinicChoice, extra_libraries: Iterable[Path] = ()) -> Resolved:
    """The chosen clinic's profile, and the library it sees."""
    clinic = clinic_of(choice)
    return Resolved(clinic, library_for(clinic, extra_libraries), choice)


def clinic_of(choice: ClinicChoice) -> Clinic:
    """The chosen clinic's profile (the bundled example when none was named or found)."""
    return load_clinic(choice.path or resources.example_clinic())
