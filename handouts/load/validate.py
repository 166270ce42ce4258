"""Turn parsed YAML into a model, or into one plain error naming file, line and field."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import pydantic

from handouts.errors import ValidationError, shown
from handouts.load.yamlfile import Loc, YamlDoc

M = TypeVar("M", bound=pydantic.BaseModel)


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input file."""

    path: Path
    line: int | None
    field: str
    message: str

    def error(self) -> ValidationError:
        """This problem as the exception the CLI prints."""
        return ValidationError(self.path, self.message, line=self.line, field=self.field or None)


def field_name(loc: Loc) -> str:
    """``("exercises", 2, "sets")`` → ``exercises[2].sets``."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


def problems(model: type[pydantic.BaseModel], doc: YamlDoc, data: Any = None) -> Iterator[Problem]:
    """Every validation problem of ``data`` (default: the document's data) against ``model``."""
    try:
        model.model_validate(doc.data if data is None else data)
    except pydantic.ValidationError as exc:
        for err in exc.errors(include_url=False):
            loc = tuple(p for p in err["loc"] if isinstance(p, int | str))
            yield Problem(doc.path, doc.line_of(loc), field_name(loc), _message(model, err, loc))


def validate(model: type[M], doc: YamlDoc, data: Any = None, **extra: Any) -> M:
    """Validate, raising the first problem as a one-line ``ValidationError``."""
    payload = doc.data if data is None else data
    if not isinstance(payload, dict):
        kind = "empty" if payload is None else f"a {type(payload).__name__}"
        raise ValidationError(doc.path, f"expected a mapping of fields (key: value), got {kind}")
    try:
        return model.model_validate({**payload, **extra})
    except pydantic.ValidationError:
        pass
    first = next(problems(model, doc, payload))
    raise first.error()


# Fields whose values are free text about a person: an error names the field and
# the problem, never the value (it may be a patient's name, address or notes and
# would otherwise reach a terminal, a log or a batch report).
FREE_TEXT = {"name", "email", "reference", "notes", "goals", "title", "next_appointment", "role"}
PERSONAL = {"patient", "practitioner"}  # every value about a person, a date of birth too


def _message(model: type[pydantic.BaseModel], err: Any, loc: Loc) -> str:
    kind = err["type"]
    given = err.get("input")
    names = [part for part in loc if isinstance(part, str)]
    personal = bool(names) and (names[0] in PERSONAL or names[-1] in FREE_TEXT)
    if personal and isinstance(given, str):
        return _free_text_message(kind, err)
    if kind == "value_error":
        return str(err["ctx"]["error"])
    if kind == "missing":
        return "required field is missing"
    if kind == "extra_forbidden":
        known = ", ".join(_known_fields(model, loc[:-1]))
        return f"unknown field (known fields: {known})" if known else "unknown field"
    if kind == "enum":
        return f"expected one of {err['ctx']['expected']}, got {shown(given)}"
    if kind in {"model_type", "dict_type", "model_attributes_type"}:
        return f"expected a mapping of fields (key: value), got {_kind(given)}"
    if kind == "list_type":
        return f"expected a list, got {_kind(given)}"
    if kind in {"string_too_long", "too_long"}:
        return f"text is too long (at most {err['ctx']['max_length']} characters)"
    if kind in {"string_too_short", "too_short"} and not given:
        return "must not be empty"
    if kind.startswith("date"):
        return f"expected a date as YYYY-MM-DD, got {shown(given)}"
    if kind.startswith("bool"):
        return f"expected true or false, got {shown(given)}"
    if kind == "string_pattern_mismatch":
        return (
            "expected lower-case letters, digits and hyphens (like hip-flexor-stretch), "
            f"got {shown(given)}"
        )
    if kind == "string_type":
        return f"expected text, got {_kind(given)}"
    return f"{err['msg']} (got {shown(given)})"


def _free_text_message(kind: str, err: Any) -> str:
    """What is wrong with a free-text value, without the value."""
    if kind in {"string_too_long", "too_long"}:
        return f"text is too long (at most {err['ctx']['max_length']} characters)"
    if kind in {"string_too_short", "too_short"}:
        return "must not be empty"
    if kind == "value_error":
        return str(err["ctx"]["error"])  # our own validators' words (they quote via shown())
    if kind.startswith("date"):
        return "expected a date as YYYY-MM-DD"
    if kind in {"model_type", "dict_type", "model_attributes_type"}:
        return "expected a mapping of fields (key: value), got text"
    return "not valid text here"


def _kind(value: object) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, str):
        return shown(value)
    return {"list": "a list", "dict": "a mapping"}.get(type(value).__name__, repr(value))


def _known_fields(model: type[pydantic.BaseModel], loc: Loc) -> list[str]:
    """The field names a nested model at ``loc`` accepts, for "unknown field" messages."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        field = getattr(current, "model_fields", {}).get(part)
        if field is None:
            return []
        current = _model_in(field.annotation)
        if current is None:
            return []
    return list(getattr(current, "model_fields", {}))


def _model_in(annotation: Any) -> Any:
    if isinstance(annotation, type) and issubclass(annotation, pydantic.BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()):
        found = _model_in(arg)
        if found is not None:
            return found
    metadata = getattr(annotation, "__origin__", None)
    return _model_in(metadata) if metadata is not None and metadata is not annotation else None
