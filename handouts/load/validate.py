"""Turn parsed YAML into a model, or into plain errors naming file, line and field.

Every problem is listed at once, each as ``file:line: field: message``, with the
field in words ("exercise 2 (step-ups), sets") and a "did you mean" for a
misspelt key.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import pydantic

from handouts.errors import Loc, ValidationError, all_of, field_path, shown
from handouts.load.yamlfile import YamlDoc

M = TypeVar("M", bound=pydantic.BaseModel)
_LIBRARY_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)+")  # hyphenated, like step-ups


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input file."""

    path: Path
    line: int | None
    field: str
    message: str
    loc: Loc = ()

    def error(self) -> ValidationError:
        """This problem as the exception the CLI prints."""
        return ValidationError(self.path, self.message, line=self.line, field=self.field or None)


def field_name(loc: Loc, data: Any = None) -> str:
    """``("exercises", 1, "sets")`` → ``exercise 2 (step-ups), sets`` (ids read from ``data``)."""
    return field_path(loc, data)


def problems(model: type[pydantic.BaseModel], doc: YamlDoc, data: Any = None) -> Iterator[Problem]:
    """Every validation problem of ``data`` (default: the document's data) against ``model``.

    In the order of the file's lines, each (field, message) once.
    """
    payload = doc.data if data is None else data
    try:
        model.model_validate(payload)
    except pydantic.ValidationError as exc:
        found: dict[tuple[str, str], Problem] = {}
        for err in exc.errors(include_url=False):
            loc = tuple(p for p in err["loc"] if isinstance(p, int | str))
            field = field_name(loc, payload)
            message = _message(model, err, loc)
            found.setdefault(
                (field, message), Problem(doc.path, doc.line_of(loc), field, message, loc)
            )
        yield from sorted(found.values(), key=lambda p: p.line or 0)


def validate(model: type[M], doc: YamlDoc, data: Any = None, **extra: Any) -> M:
    """Validate, raising every problem at once (one ``file:line: field: message`` each)."""
    payload = doc.data if data is None else data
    if not isinstance(payload, dict):
        kind = "empty" if payload is None else f"a {type(payload).__name__}"
        raise ValidationError(doc.path, f"expected a mapping of fields (key: value), got {kind}")
    try:
        return model.model_validate({**payload, **extra})
    except pydantic.ValidationError:
        pass
    raise all_of([p.error() for p in problems(model, doc, {**payload, **extra})])


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
    if kind == "extra_forbidden":  # about the key, whatever its value
        return _unknown_field(model, loc)
    if personal and isinstance(given, str):
        return _free_text_message(kind, err)
    if kind == "value_error":
        return str(err["ctx"]["error"])
    if kind == "missing":
        return "required field is missing"
    if kind == "enum":
        return f"expected one of {err['ctx']['expected']}, got {shown(given)}"
    if kind in {"model_type", "dict_type", "model_attributes_type"}:
        return f"expected a mapping of fields (key: value), got {_kind(given)}{_colon_hint(given)}"
    if kind == "list_type":
        return f"expected a list, got {_kind(given)}{_dash_hint(given)}"
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
        return f"expected a mapping of fields (key: value), got text{_colon_hint(err['input'])}"
    return "not valid text here"


def _colon_hint(given: object) -> str:
    """``name:Jane`` is one piece of text to YAML: a key needs a space after its ':'."""
    if isinstance(given, str) and re.match(r"[A-Za-z_][A-Za-z0-9_]*:\S", given):
        return "; write a space after each key's ':' (name: Jane)"
    return ""


def _dash_hint(given: object) -> str:
    """``-step-ups`` is text to YAML, not a list item: the '-' needs a space after it."""
    if isinstance(given, str) and re.match(r"-[^\s-]", given):
        return "; write a space after each '-' (- step-ups)"
    return ""


def _unknown_field(model: type[pydantic.BaseModel], loc: Loc) -> str:
    """An unknown key: where it belongs, else the known key it resembles, else the choices.

    Where it belongs comes first: a ``name`` left at the top of a plan is the
    patient's, not a misspelt ``notes``.
    """
    key = loc[-1] if loc else ""
    known = _known_fields(model, loc[:-1])
    if isinstance(key, str):
        homes = _homes(model, loc[:-1], key)
        if homes:
            return f"not a field here: it belongs under {' or '.join(homes)}, indented"
        close = difflib.get_close_matches(key.lower(), known, n=1, cutoff=0.6)
        if close:
            return f"unknown field: did you mean {close[0]}?"
        if "id" in known and _LIBRARY_ID.fullmatch(key):
            # "- step-ups: 3 sets": the ': ' made the id a key of its own.
            return (
                f"unknown field: to give {key} a dose, write - id: {key} "
                "with the dose below it (like sets: 3)"
            )
    return f"unknown field (known fields: {', '.join(known)})" if known else "unknown field"


def _homes(model: type[pydantic.BaseModel], loc: Loc, key: str) -> list[str]:
    """The keys right below ``loc`` whose mappings accept ``key`` (``name``: patient, …)."""
    current = _model_at(model, loc)
    found = []
    for name, field in getattr(current, "model_fields", {}).items():
        inner = _model_in(field.annotation)
        if inner is not None and key in inner.model_fields:
            is_list = getattr(field.annotation, "__origin__", None) is list
            found.append(f"each item of {name}" if is_list else name)
    return found


def _kind(value: object) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, str):
        return shown(value)
    return {"list": "a list", "dict": "a mapping"}.get(type(value).__name__, repr(value))


def _known_fields(model: type[pydantic.BaseModel], loc: Loc) -> list[str]:
    """The field names a nested model at ``loc`` accepts, for "unknown field" messages.

    Read from the models at run time, so a field added to a model is known here too.
    """
    return list(getattr(_model_at(model, loc), "model_fields", {}))


def _model_at(model: type[pydantic.BaseModel], loc: Loc) -> Any:
    """The nested model that validates the mapping at ``loc`` (None if there is none)."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        field = getattr(current, "model_fields", {}).get(part)
        if field is None:
            return None
        current = _model_in(field.annotation)
        if current is None:
            return None
    return current


def _model_in(annotation: Any) -> Any:
    if isinstance(annotation, type) and issubclass(annotation, pydantic.BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()):
        found = _model_in(arg)
        if found is not None:
            return found
    metadata = getattr(annotation, "__origin__", None)
    return _model_in(metadata) if metadata is not None and metadata is not annotation else None
