"""Load a clinic profile (clinic.yaml) and resolve the files it names."""

from __future__ import annotations

from pathlib import Path

from handouts import resources
from handouts.errors import InputFileError
from handouts.load.paths import resolve_inside
from handouts.load.validate import validate
from handouts.load.yamlfile import read_yaml
from handouts.models.clinic import Clinic, ClinicProfile


def load_clinic(path: Path | None = None) -> Clinic:
    """The clinic profile at ``path`` (default: the bundled example clinic)."""
    path = (path or resources.example_clinic()).resolve()
    doc = read_yaml(path)
    profile = validate(ClinicProfile, doc)
    folder = path.parent
    logo = resolve_inside(profile.logo, path, folder, "logo", doc.line_of(("logo",)))
    library = _folder(profile.library, path, "library", doc.line_of(("library",)))
    templates = _folder(profile.templates, path, "templates", doc.line_of(("templates",)))
    images = [
        _folder(name, path, f"image_folders[{i}]", doc.line_of(("image_folders", i)))
        for i, name in enumerate(profile.image_folders)
    ]
    return Clinic(
        **profile.model_dump(),
        source=path,
        logo_path=logo,
        library_path=library,
        templates_path=templates,
        image_folder_paths=[p for p in images if p is not None],
    )


def _folder(name: str | None, named_in: Path, field: str, line: int | None) -> Path | None:
    if not name:
        return None
    folder = (named_in.parent / name).resolve()
    if not folder.is_dir():
        raise InputFileError(named_in, f"folder not found: {name}", line=line, field=field)
    return folder
