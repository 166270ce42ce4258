"""Apply a plan's programme: the programme's content, changed for one patient.

A plan that says ``programme: psoas-starter`` gets the programme's sections and
exercises with the programme's doses.  Then, for this patient, the plan can
``remove`` exercises or sections, re-dose an exercise by listing its id again
with new values (only the values given change), and add exercises or sections
the programme lacks (they come after the programme's, in the plan's order).
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from handouts.errors import UnknownIdError, ValidationError
from handouts.models.library import Library, suggest
from handouts.models.plan import ExerciseChoice, Plan
from handouts.models.programme import Programme

_FREQUENCY = ("per_day", "per_week")


def apply_programme(plan: Plan, library: Library) -> Plan:
    """The plan with its programme expanded into plain sections and exercises."""
    if plan.programme is None and not plan.remove:
        return plan
    for problem in plan_id_problems(plan, library):
        raise problem
    programme = library.programmes[str(plan.programme)]
    for problem in programme_id_problems(programme, library):
        raise problem
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
    return expanded.located(plan.origin.without(["exercises", "sections"]))


def merge_choice(base: ExerciseChoice, change: ExerciseChoice) -> ExerciseChoice:
    """``base`` with the values ``change`` sets; setting per_day clears per_week and back."""
    values: dict[str, Any] = base.model_dump(exclude_none=True)
    changes = change.model_dump(exclude_none=True)
    if any(f in changes for f in _FREQUENCY):
        for f in _FREQUENCY:
            values.pop(f, None)
    return ExerciseChoice.model_validate({**values, **changes})


def programme_id_problems(
    programme: Programme, library: Library, broken: Collection[str] = ()
) -> list[ValidationError]:
    """Every exercise or section id in ``programme`` the library does not have.

    ``broken``: ids of library files that exist but failed to load (``handouts
    check`` reports those files; naming them here again would report one fault twice).
    """
    return _unknown_ids(programme.source, programme.line_of, programme, library, broken)


def plan_id_problems(
    plan: Plan, library: Library, broken: Collection[str] = ()
) -> list[ValidationError]:
    """Every id in ``plan`` that the library or the plan's programme does not have."""
    where = plan.source or "command line"
    found: list[ValidationError] = []
    programme = library.programmes.get(plan.programme) if plan.programme else None
    if plan.programme is None and plan.remove:
        line = plan.line_of("remove")
        found.append(ValidationError(where, "remove only works with a programme", line, "remove"))
    elif plan.programme and programme is None and plan.programme not in broken:
        hint = suggest(plan.programme, list(library.programmes))
        found.append(
            UnknownIdError(
                where,
                f"unknown programme {plan.programme!r}{hint}",
                plan.line_of("programme"),
                "programme",
            )
        )
    if programme is not None:
        in_programme = {c.id for c in programme.exercises} | set(programme.sections)
        seen: set[str] = set()
        for i, choice in enumerate(plan.exercises):
            if choice.id in seen and choice.id in in_programme:
                found.append(
                    ValidationError(
                        where,
                        f"{choice.id!r} is listed twice; give its changes once",
                        plan.line_of("exercises", i),
                        f"exercises[{i}]",
                    )
                )
            seen.add(choice.id)
        for i, item in enumerate(plan.remove):
            if item not in in_programme:
                hint = suggest(item, sorted(in_programme))
                found.append(
                    UnknownIdError(
                        where,
                        f"{item!r} is not in programme {programme.id!r}{hint}",
                        plan.line_of("remove", i),
                        f"remove[{i}]",
                    )
                )
    for i, choice in enumerate(plan.exercises):
        if choice.id in plan.remove:
            found.append(
                ValidationError(
                    where,
                    f"{choice.id!r} is both listed and in remove; keep one",
                    plan.line_of("exercises", i),
                    f"exercises[{i}]",
                )
            )
    found += _unknown_ids(where, plan.line_of, plan, library, broken)
    return found


def _unknown_ids(
    where: Any, line_of: Any, item: Plan | Programme, library: Library, broken: Collection[str]
) -> list[ValidationError]:
    found: list[ValidationError] = []
    for i, choice in enumerate(item.exercises):
        if choice.id not in library.exercises and choice.id not in broken:
            hint = suggest(choice.id, list(library.exercises))
            found.append(
                UnknownIdError(
                    where,
                    f"unknown exercise {choice.id!r}{hint}; "
                    "'handouts list exercises' shows them all",
                    line_of("exercises", i),
                    f"exercises[{i}]",
                )
            )
    for i, section_id in enumerate(item.sections):
        article_id = section_id.split("/", 1)[0]
        if section_id not in library.sections and article_id not in broken:
            hint = suggest(section_id, list(library.sections))
            found.append(
                UnknownIdError(
                    where,
                    f"unknown section {section_id!r}{hint}; "
                    "'handouts list sections' shows them all",
                    line_of("sections", i),
                    f"sections[{i}]",
                )
            )
    return found
