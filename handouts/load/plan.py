"""Load a plan from a YAML file and/or command-line flags."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from handouts.errors import ValidationError
from handouts.load.validate import problems
from handouts.load.yamlfile import YamlDoc, read_yaml
from handouts.models.origin import Origin
from handouts.models.plan import Plan

COMMAND_LINE = Path("command line")


def load_plan(path: Path | None = None, overrides: dict[str, Any] | None = None) -> Plan:
    """Read a plan file; ``overrides`` (from flags) replace its values key by key.

    ``patient``, ``practitioner`` and ``options`` are merged field by field, so
    ``--patient "Jane Doe"`` keeps the plan's date of birth; lists such as
    ``exercises`` are replaced whole.
    """
    doc = read_yaml(path) if path is not None else YamlDoc(path=COMMAND_LINE, data={})
    data = doc.data if doc.data is not None else {}
    if not isinstance(data, dict):
        raise ValidationError(doc.path, "expected a mapping of fields (key: value)")
    merged, from_flags = _merge(data, overrides or {})
    for problem in problems(Plan, doc, merged):
        if problem.field.split(".")[0].split("[")[0] in from_flags:
            raise ValidationError(COMMAND_LINE, problem.message, field=problem.field)
        raise problem.error()
    origin = Origin(path.resolve() if path is not None else None, doc.lines)
    # Lines of values a flag replaced would point at the wrong text: drop them.
    return Plan.model_validate(merged).located(origin.without(from_flags))


def _merge(data: dict[str, Any], overrides: dict[str, Any]) -> tuple[dict[str, Any], set[str]]:
    merged = dict(data)
    for key, value in overrides.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = {**merged[key], **value}
        else:
            merged[key] = value
    return merged, set(overrides)
