"""Initials-only mode: "Jane Doe" becomes "J. D." everywhere a handout names the patient.

Why replace the name in the plan rather than in each place it is printed: the
header, the patient block, the PDF metadata and any clinic template that uses
``patient.name`` all read the same field, so none of them can be missed.
"""

from __future__ import annotations

from handouts.compose.text import clean
from handouts.models.plan import Plan


def initials(name: str) -> str:
    """ "Jane Doe" → "J. D."; "Jean-Luc Picard" → "J.-L. P."; "Zoë Łukasiewicz" → "Z. Ł."."""
    words = clean(name).split()
    return " ".join("-".join(f"{part[0].upper()}." for part in w.split("-") if part) for w in words)


def with_initials(plan: Plan) -> Plan:
    """The plan with the patient's name replaced by its initials."""
    patient = plan.patient.model_copy(update={"name": initials(plan.patient.name)})
    return plan.model_copy(update={"patient": patient})
