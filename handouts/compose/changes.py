"""What changed since the last visit: compare two plans for the same patient.

Why compare effective doses (library default plus the plan's overrides) rather
than the plan files: a plan that lists "step-ups" bare and one that writes out
the library's default dose prescribe the same thing, and the patient should not
see "Changed" on a card where nothing changed.  Only the dose counts as a
change; a reworded practitioner's note does not.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from handouts.compose.handout import Change, SinceLastVisit
from handouts.compose.text import markup
from handouts.compose.wording import Wording
from handouts.errors import ValidationError
from handouts.models.library import Library
from handouts.models.plan import ExerciseChoice, Plan
from handouts.models.prescription import Prescription

# The parts of a dose the patient would notice, in the order they are reported.
PARTS = ("sets", "reps", "hold_seconds", "rest_seconds", "tempo", "frequency", "side", "load")


@dataclass(frozen=True)
class Comparison:
    """One ``Change`` (or None) per exercise of the current plan, and the summary box."""

    cards: tuple[Change | None, ...]
    summary: SinceLastVisit


def compare_plans(previous: Plan, current: Plan, library: Library, words: Wording) -> Comparison:
    """How ``current`` differs from ``previous``; both must be for the same patient."""
    check_same_patient(previous, current)
    before = {c.id: c for c in reversed(previous.exercises)}  # the first listing wins
    cards: list[Change | None] = []
    for choice in current.exercises:
        old = before.get(choice.id)
        now = _dose(library, choice)
        if old is None:
            cards.append(Change("new", words.render("change.j2", kind="new", now=now, was=None)))
            continue
        was = _dose(library, old)
        changed = [part for part in PARTS if _part(now, part) != _part(was, part)]
        if changed:
            text = words.render("change.j2", kind="changed", now=now, was=was, changed=changed)
            cards.append(Change("changed", text))
        else:
            cards.append(None)
    kept = {c.id for c in current.exercises}
    stopped = tuple(_title(library, c.id) for c in previous.exercises if c.id not in kept)
    summary = words.render(
        "since.j2",
        last_date=words.long_date(previous.date),
        new_count=sum(1 for c in cards if c and c.kind == "new"),
        changed_count=sum(1 for c in cards if c and c.kind == "changed"),
        unchanged_count=sum(1 for c in cards if c is None),
        stopped=list(dict.fromkeys(stopped)),
    )
    return Comparison(tuple(cards), SinceLastVisit(summary, tuple(dict.fromkeys(stopped))))


def check_same_patient(previous: Plan, current: Plan) -> None:
    """Refuse to compare sheets of two different patients, or a later sheet as "last visit"."""
    source = previous.source or "--since"
    if _same(previous.patient.name) != _same(current.patient.name):
        raise ValidationError(
            source,
            f"is for {previous.patient.name!r}, not {current.patient.name!r}; "
            "--since needs an earlier plan for the same patient",
            line=previous.line_of("patient", "name"),
            field="patient.name",
        )
    refs = (previous.patient.reference, current.patient.reference)
    if all(refs) and _same(refs[0] or "") != _same(refs[1] or ""):
        raise ValidationError(
            source,
            f"reference {refs[0]!r} differs from this plan's {refs[1]!r}; "
            "--since needs an earlier plan for the same patient",
            line=previous.line_of("patient", "reference"),
            field="patient.reference",
        )
    if previous.date > current.date:
        raise ValidationError(
            source,
            f"is dated {previous.date}, after this plan ({current.date}); "
            "--since needs the earlier plan",
            line=previous.line_of("date"),
            field="date",
        )


def _same(text: str) -> str:
    return " ".join(text.casefold().split())


def _dose(library: Library, choice: ExerciseChoice) -> Prescription | None:
    exercise = library.exercises.get(choice.id)
    return exercise.prescription.with_overrides(choice) if exercise else None


def _part(rx: Prescription | None, part: str) -> object:
    if rx is None:
        return None
    if part == "frequency":
        return (rx.per_day, rx.per_week)
    return getattr(rx, part)


def _title(library: Library, exercise_id: str) -> Markup:
    # An exercise since removed from the library is still listed, by its id:
    # the patient must not keep doing something that was stopped.
    exercise = library.exercises.get(exercise_id)
    return markup(exercise.text.title) if exercise else Markup.escape(exercise_id)
