"""JSON Schemas of the files a clinic writes, for autocompletion in their editor.

Why generated from the models: the models are what ``handouts`` accepts, so a
schema written by hand would drift.  The committed copies in ``schemas/`` are
checked against these by a test (regenerate with ``handouts schema KIND``).
"""

from __future__ import annotations

import json
from typing import Any

import pydantic

from handouts.models.clinic import ClinicProfile
from handouts.models.exercise import ExerciseFrontMatter
from handouts.models.plan import Plan
from handouts.models.programme import ProgrammeFile

MODELS: dict[str, type[pydantic.BaseModel]] = {
    "plan": Plan,
    "clinic": ClinicProfile,
    "exercise": ExerciseFrontMatter,
    "programme": ProgrammeFile,
}

TITLES = {
    "plan": "handouts plan (one patient's handout)",
    "clinic": "handouts clinic profile (clinic.yaml)",
    "exercise": "handouts exercise front matter (library/exercises/*.md)",
    "programme": "handouts programme (library/programmes/*.yaml)",
}


def schema(kind: str) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) for ``kind``: plan, clinic, exercise or programme."""
    body = MODELS[kind].model_json_schema(mode="validation")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        **body,
        "title": TITLES[kind],
    }


def schema_text(kind: str) -> str:
    """The schema as the text committed in ``schemas/<kind>.schema.json``."""
    return json.dumps(schema(kind), indent=2, ensure_ascii=False) + "\n"
