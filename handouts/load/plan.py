"""Load a plan from a YAML file and/or command-line flags."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from handouts.errors import Notice, ValidationError
from handouts.load.validate import field_name, problems
from handouts.load.yamlfile import Loc, YamlDoc, read_yaml
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
    merged, from_flags = _merge(data, overrides or {})
    merged, scrubbed = _scrubbed(merged, ())
    for problem in problems(Plan, doc, merged):
        if problem.field.split(".")[0].split("[")[0] in from_flags:
            raise ValidationError(COMMAND_LINE, problem.message, field=problem.field)
        raise problem.error()
    origin = Origin(path.resolve() if path is not None else None, doc.lines)
    notices = tuple(
        Notice(
            COMMAND_LINE if loc[0] in from_flags else doc.path,
            None if loc[0] in from_flags else doc.lines.get(loc),
            field_name(loc),
            "removed " + " and ".join(sorted(kinds)),
        )
        for loc, kinds in scrubbed
    )
    # Lines of values a flag replaced would point at the wrong text: drop them.
    return Plan.model_validate(merged).located(origin.without(from_flags)), notices


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
