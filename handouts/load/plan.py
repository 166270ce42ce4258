"""Load a plan from a YAML file and/or command-line flags."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from handouts.errors import Loc, Notice, ValidationError, all_of
from handouts.load.validate import Problem, field_name, problems
from handouts.load.yamlfile import YamlDoc, read_yaml
from handouts.models.origin import Origin
from handouts.models.plan import Plan
from handouts.models.rich import Removed, scrub

COMMAND_LINE = Path("command line")
UNSCRUBBED = ("patient", "email")


def load_plan(path: Path | None = None, overrides: dict[str, Any] | None = None) -> Plan:
    """Read a plan file; ``overrides`` (from flags) replace its values key by key.

    ``patient``, ``practitioner`` and ``options`` are merged field by field, so
    ``--patient "Jane Doe"`` keeps the plan's date of birth; lists such as
    ``exercises`` are replaced whole.  ``load_plan_noting`` also says what was
    removed from the text on the way.
    """
    return load_plan_noting(path, overrides)[0]


def load_plan_noting(
    path: Path | None = None, overrides: dict[str, Any] | None = None
) -> tuple[Plan, tuple[Notice, ...]]:
    """``load_plan``, and a notice for each field whose text had characters removed.

    Why before validation: a name of nothing but zero-width spaces must fail
    as empty, and no control, direction or invisible character may reach a
    page, a file name or a message (see ``models.rich.scrub``).
    """
    doc = read_yaml(path) if path is not None else YamlDoc(path=COMMAND_LINE, data={})
    data = doc.data if doc.data is not None else {}
    if not isinstance(data, dict):
        raise ValidationError(doc.path, "expected a mapping of fields (key: value)")
    overrides = overrides or {}
    merged, from_flags = _merge(data, overrides)
    merged, scrubbed = _scrubbed(merged, ())
    found = [_error(problem, overrides) for problem in problems(Plan, doc, merged)]
    if found:
        # Every problem at once, the flags' first (they have no line), then the file's.
        found.sort(key=lambda e: (e.path != COMMAND_LINE, e.line or 0))
        raise all_of(found)
    origin = Origin(path.resolve() if path is not None else None, doc.lines)
    notices = tuple(
        Notice(
            COMMAND_LINE if _from_flag(loc, overrides) else doc.path,
            None if _from_flag(loc, overrides) else doc.lines.get(loc),
            field_name(loc, merged),
            "removed " + " and ".join(sorted(kinds)),
        )
        for loc, kinds in scrubbed
    )
    # Lines of values a flag replaced would point at the wrong text: drop them.
    return Plan.model_validate(merged).located(origin.without(from_flags)), notices


def _from_flag(loc: Loc, overrides: dict[str, Any]) -> bool:
    """True if the value at ``loc`` came from a flag (or a batch row), not the plan file.

    ``patient``, ``practitioner`` and ``options`` are merged key by key, so
    ``--dob`` owns ``patient.date_of_birth`` while the file still owns the name.
    """
    if not loc or loc[0] not in overrides:
        return False
    given = overrides[loc[0]]
    return not isinstance(given, dict) or len(loc) < 2 or loc[1] in given


def _error(problem: Problem, overrides: dict[str, Any]) -> ValidationError:
    """A problem as an error naming the plan file and line, or the command line."""
    if _from_flag(problem.loc, overrides):
        return ValidationError(COMMAND_LINE, problem.message, field=problem.field)
    return problem.error()


def _scrubbed(value: Any, loc: Loc) -> tuple[Any, list[tuple[Loc, frozenset[Removed]]]]:
    """``value`` with every text in it scrubbed, and where something was removed.

    The email address is left as typed: it is never printed, and a corrupt one
    must fail the address check rather than be quietly repaired and sent.
    """
    if loc == UNSCRUBBED:
        return value, []
    if isinstance(value, str):
        text, kinds = scrub(value)
        return text, [(loc, kinds)] if kinds else []
    found: list[tuple[Loc, frozenset[Removed]]] = []
    if isinstance(value, dict):
        out: dict[str, Any] = {}
        for key, item in value.items():
            out[key], more = _scrubbed(item, (*loc, key))
            found += more
        return out, found
    if isinstance(value, list):
        items = []
        for i, item in enumerate(value):
            clean_item, more = _scrubbed(item, (*loc, i))
            items.append(clean_item)
            found += more
        return items, found
    return value, found


def _merge(data: dict[str, Any], overrides: dict[str, Any]) -> tuple[dict[str, Any], set[str]]:
    merged = dict(data)
    for key, value in overrides.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = {**merged[key], **value}
        else:
            merged[key] = value
    return merged, set(overrides)
