"""Load a programme file (``programmes/<id>.yaml`` in a library folder)."""

from __future__ import annotations

from pathlib import Path

from handouts.load.validate import validate
from handouts.load.yamlfile import read_yaml
from handouts.models.origin import Origin
from handouts.models.programme import Programme, ProgrammeFile


def load_programme(path: Path) -> Programme:
    """One programme file, validated; its ids are checked when a plan uses it."""
    doc = read_yaml(path)
    front = validate(ProgrammeFile, doc)
    programme = Programme(**front.model_dump(), source=path)
    return programme.located(Origin(path, doc.lines))
