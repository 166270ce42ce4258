"""Apply a plan's programme: the programme's content, changed for one patient.

A plan that says ``programme: psoas-starter`` gets the programme's sections and
exercises with the programme's doses.  Then, for this patient, the plan can
``remove`` exercises or sections, re-dose an exercise by listing its id again
with new values (only the values given change), and add exercises or sections
the programme lacks (they come after the programme's, in the plan's order).
"""

from __future__ import annotations

from typing import Any

from handouts.models.ids import plan_id_problems, programme_id_problems
from handouts.models.library import Library
from handouts.models.plan import ExerciseChoice, Plan

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
