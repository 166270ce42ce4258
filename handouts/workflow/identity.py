"""Who a batch row is, and what exactly its handout was made from.

Why: file names used to be numbered by order among namesakes, so deleting
one "Jane Doe" row from a list gave the next Jane the first Jane's file, and
a re-run emailed it to her.  Now a row's file name comes from the row's own
identity, and "already done" also needs the same fingerprint of everything
that went into the PDF, so an edited row is remade, never matched to another
patient's file.
"""

from __future__ import annotations

import hashlib
import json
import unicodedata
from collections.abc import Mapping
from pathlib import Path

from handouts import __version__
from handouts.models.plan import Plan

ID_LENGTH = 8  # hex digits in a file name: enough to tell a clinic's namesakes apart


def _normal(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).casefold().split())


def row_identity(values: Mapping[str, str]) -> str:
    """A stable id for the patient of a row: the reference, else name + date of birth,
    else name + the whole row (a row edited without either is a new patient)."""
    reference = _normal(values.get("reference", ""))
    if reference:
        key = ["reference", reference]
    elif values.get("date_of_birth", "").strip():
        key = ["name+dob", _normal(values.get("name", "")), values["date_of_birth"].strip()]
    else:
        key = ["row", *(f"{k}={_normal(v)}" for k, v in sorted(values.items()))]
    return hashlib.sha256(json.dumps(key).encode()).hexdigest()


def patient_identity(plan: Plan) -> str:
    """The identity of a plan's patient, by the same rule as a batch row's."""
    patient = plan.patient
    dob = patient.date_of_birth.isoformat() if patient.date_of_birth else ""
    return row_identity(
        {"name": patient.name, "reference": patient.reference or "", "date_of_birth": dob}
    )


def identity_kind(values: Mapping[str, str]) -> str:
    """What the identity rests on, in words for an error message (no values)."""
    if values.get("reference", "").strip():
        return "reference"
    if values.get("date_of_birth", "").strip():
        return "name and date of birth"
    return "row content"


def fingerprint(plan: Plan, clinic: Path | None, protection: str) -> str:
    """A digest of everything that decides the PDF: the plan with the row's values,
    the clinic profile used, the protection asked for, and this version."""
    facts = {
        "plan": plan.model_dump(mode="json"),
        "clinic": str(clinic) if clinic else "bundled example",
        "protection": protection,
        "version": __version__,
    }
    return hashlib.sha256(json.dumps(facts, sort_keys=True).encode()).hexdigest()
