"""Ids a plan or a programme names that the library does not have, as located errors.

Why in models, below both ``compose`` and ``check``: ``make`` stops at the first
of these and ``check`` lists them all; both must judge by the same rules, so
the rules live in one place that both may import.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from pathlib import Path

from handouts.errors import UnknownIdError, ValidationError, item_label
from handouts.models.library import Library, suggest
from handouts.models.plan import Plan
from handouts.models.programme import Programme


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
                        item_label("exercises", i, choice.id),
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
                        item_label("remove", i, item),
                    )
                )
    for i, choice in enumerate(plan.exercises):
        if choice.id in plan.remove:
            found.append(
                ValidationError(
                    where,
                    f"{choice.id!r} is both listed and in remove; keep one",
                    plan.line_of("exercises", i),
                    item_label("exercises", i, choice.id),
                )
            )
    found += _unknown_ids(where, plan.line_of, plan, library, broken)
    return found


def _unknown_ids(
    where: Path | str,
    line_of: Callable[..., int | None],
    item: Plan | Programme,
    library: Library,
    broken: Collection[str],
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
                    item_label("exercises", i, choice.id),
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
                    item_label("sections", i, section_id),
                )
            )
    return found
