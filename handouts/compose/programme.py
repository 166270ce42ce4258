"""Apply a plan's programme: the programme's content, changed for one patient.

A plan that says ``programme: psoas-starter`` gets the programme's sections and
exercises with the programme's doses.  Then, for this patient, the plan can
``remove`` exercises or sections, re-dose an exercise by listing its id again
with new values (only the values given change), and add exercises or sections
the programme lacks (they come after the programme's, in the plan's order).
"""

from __future__ import annotations

from typing import Any

from handouts.errors import UnknownIdError, ValidationError
from handouts.models.library import Library, suggest
from handouts.models.plan import ExerciseChoice, Plan
from handouts.models.programme import Programme

_FREQUENCY = ("per_day", "per_week")


def apply_programme(plan: Plan, library: Library) -> Plan:
    """The plan with its programme expanded into plain sections and exercises."""
    where = plan.source or "command line"
    if plan.programme is None:
        if plan.remove:
            raise ValidationError(
                where, "remove only works with a programme", plan.line_of("remove"), "remove"
            )
        return plan
    programme = library.programmes.get(plan.programme)
    if programme is None:
        hint = suggest(plan.programme, list(library.programmes))
        raise UnknownIdError(
            where,
            f"unknown programme {plan.programme!r}{hint}",
            plan.line_of("programme"),
            "programme",
        )
    check_programme_ids(programme, library)
    _check_plan_ids(plan, library, programme)
    removed = set(plan.remove)
    mine = {c.id: c for c in plan.exercises}
    exercises = [
        merge_choice(c, mine[c.id]) if c.id in mine else c
        for c in programme.exercises
        if c.id not in removed
    ]
    in_programme = {c.id for c in programme.exercises}
    exercises += [c for c in plan.exercises if c.id not in in_programme]
    sections = [s for s in programme.sections if s not in removed]
    sections += [s for s in plan.sections if s not in sections]
    expanded = plan.model_copy(update={"exercises": exercises, "sections": sections})
    # Lines of list items would now point at the wrong entries; every id is checked above.
    expanded._lines = {
        loc: n for loc, n in plan._lines.items() if loc[:1] not in {("exercises",), ("sections",)}
    }
    return expanded


def merge_choice(base: ExerciseChoice, change: ExerciseChoice) -> ExerciseChoice:
    """``base`` with the values ``change`` sets; setting per_day clears per_week and back."""
    values: dict[str, Any] = base.model_dump(exclude_none=True)
    changes = change.model_dump(exclude_none=True)
    if any(f in changes for f in _FREQUENCY):
        for f in _FREQUENCY:
            values.pop(f, None)
    return ExerciseChoice.model_validate({**values, **changes})


def check_programme_ids(programme: Programme, library: Library) -> None:
    """Raise for the first exercise or section id the library does not have."""
    for problem in programme_id_problems(programme, library):
        raise problem


def programme_id_problems(programme: Programme, library: Library) -> list[UnknownIdError]:
    """Every exercise or section id in ``programme`` the library does not have."""
    found: list[UnknownIdError] = []
    for i, choice in enumerate(programme.exercises):
        if choice.id not in library.exercises:
            hint = suggest(choice.id, list(library.exercises))
            found.append(
                UnknownIdError(
                    programme.source,
                    f"unknown exercise {choice.id!r}{hint}",
                    programme.line_of("exercises", i),
                    f"exercises[{i}]",
                )
            )
    for i, section_id in enumerate(programme.sections):
        if section_id not in library.sections:
            hint = suggest(section_id, list(library.sections))
            found.append(
                UnknownIdError(
                    programme.source,
                    f"unknown section {section_id!r}{hint}",
                    programme.line_of("sections", i),
                    f"sections[{i}]",
                )
            )
    return found


def _check_plan_ids(plan: Plan, library: Library, programme: Programme) -> None:
    where = plan.source or "command line"
    in_programme = {c.id for c in programme.exercises} | set(programme.sections)
    for i, item in enumerate(plan.remove):
        if item not in in_programme:
            hint = suggest(item, sorted(in_programme))
            raise UnknownIdError(
                where,
                f"{item!r} is not in programme {programme.id!r}{hint}",
                plan.line_of("remove", i),
                f"remove[{i}]",
            )
    for i, choice in enumerate(plan.exercises):
        if choice.id in plan.remove:
            raise ValidationError(
                where,
                f"{choice.id!r} is both listed and in remove; keep one",
                plan.line_of("exercises", i),
                f"exercises[{i}]",
            )
        if choice.id not in library.exercises:
            hint = suggest(choice.id, list(library.exercises))
            raise UnknownIdError(
                where,
                f"unknown exercise {choice.id!r}{hint}; 'handouts list exercises' shows them all",
                plan.line_of("exercises", i),
                f"exercises[{i}]",
            )
    for i, section_id in enumerate(plan.sections):
        if section_id not in library.sections:
            hint = suggest(section_id, list(library.sections))
            raise UnknownIdError(
                where,
                f"unknown section {section_id!r}{hint}; 'handouts list sections' shows them all",
                plan.line_of("sections", i),
                f"sections[{i}]",
            )
