"""A plain-text summary of what a handout prescribes, for the patient's clinical notes."""

from __future__ import annotations

from handouts.compose.dates import appointment
from handouts.compose.handout import Handout
from handouts.compose.initials import with_initials
from handouts.compose.text import strip_markup
from handouts.models.plan import Plan


def summary_text(plan: Plan, handout: Handout) -> str:
    """A few lines: who and when, the programme, the education given, each exercise and dose.

    Each dose is the card's one-line form ("hold 30 s, 3 times, twice a day, each side"):
    the clinical notes want it short.

    In initials-only mode the patient is named as the handout names them.
    """
    if plan.options.initials:
        plan = with_initials(plan)
    who = f"{plan.patient.name}, {plan.date:%Y-%m-%d}"
    by = [plan.practitioner.name] if plan.practitioner else []
    lines = [f"Home exercise programme for {who} ({', '.join([*by, handout.brand.name])})."]
    if plan.programme:
        without = f", without {', '.join(plan.remove)}" if plan.remove else ""
        lines.append(f"Programme: {plan.programme}{without}.")
    if handout.sections:
        headings = "; ".join(_one_line(s.heading) for s in handout.sections)
        lines.append(f"Education: {headings}.")
    if handout.cards:
        lines.append(f"Exercises ({len(handout.cards)}):")
        for card in handout.cards:
            note = f" Note: {_one_line(card.note)}" if card.note else ""
            lines.append(f"- {_one_line(card.title)}: {_one_line(card.dose_line)}.{note}")
    if plan.next_appointment:
        lines.append(f"Next appointment: {_one_line(appointment(plan.next_appointment))}")
    return "\n".join(lines)


def _one_line(markup: str) -> str:
    return " ".join(strip_markup(markup).split())
