"""Initials-only mode: "Jane Doe" becomes "J. D." everywhere a handout names the patient.

The date of birth and the clinic reference go too: with them, initials would
still identify the patient to anyone who finds the sheet.

Why replace the patient in the plan rather than in each place it is printed: the
header, the patient block, the PDF metadata, the ``--summary`` text and any
clinic template that uses ``patient.name`` or ``patient.date_of_birth`` all read
the same fields, so none of them can be missed.
"""

from __future__ import annotations

from handouts.compose.text import clean
from handouts.models.plan import Plan


def initials(name: str) -> str:
    """ "Jane Doe" → "J. D."; "Jean-Luc Picard" → "J.-L. P."; "Zoë Łukasiewicz" → "Z. Ł."."""
    words = clean(name).split()
    return " ".join("-".join(f"{part[0].upper()}." for part in w.split("-") if part) for w in words)


def with_initials(plan: Plan) -> Plan:
    """The plan with the patient's name as initials, and no date of birth or reference."""
    patient = plan.patient.model_copy(
        update={"name": initials(plan.patient.name), "date_of_birth": None, "reference": None}
    )
    return plan.model_copy(update={"patient": patient})
