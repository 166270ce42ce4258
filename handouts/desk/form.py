"""The desk's form, as data: what was typed and chosen, and the plan it stands for.

Why a model of the form rather than reading ``request.form`` in each view: the
same values go four ways (the page shows them again, the preview and "Make
handout" turn them into a plan, "Save plan" writes them, and an opened plan
or programme fills them), and each way must agree with the others.  Nothing
here knows Flask; views pass a ``MultiDict`` (anything with ``get`` and
``getlist``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

from handouts.api import ExerciseChoice, Plan
from handouts.errors import HandoutError, ValidationError

# (form key, label): the text fields, in the order the page shows them.
PATIENT_FIELDS = (
    ("patient.name", "Patient name"),
    ("patient.date_of_birth", "Date of birth"),
    ("patient.email", "Email"),
    ("patient.reference", "Reference"),
)
VISIT_FIELDS = (
    ("practitioner.name", "Practitioner"),
    ("practitioner.role", "Role"),
    ("date", "Date of handout"),
    ("next_appointment", "Next appointment"),
    ("goals", "Goals"),
    ("notes", "Notes for the patient"),
)
TEXT_KEYS = tuple(key for key, _ in PATIENT_FIELDS + VISIT_FIELDS)
# Option checkboxes and their defaults in a plan (a plan file names only what differs).
OPTION_FLAGS = {
    "options.large_print": False,
    "options.greyscale": False,
    "options.diary": False,
    "options.initials": False,
    "options.at_a_glance": True,
    "options.pain_guidance": True,
}
OPTION_CHOICES = {
    "options.page_size": ("", "A4", "Letter"),
    "options.layout": ("standard", "compact"),
}
PROTECTIONS = ("", "dob", "password")
# A chosen exercise's dose, as its editor shows it: how often is one number and
# "a day" or "a week" (a plan's per_day and per_week, of which a dose has one).
DOSE_FIELDS = ("sets", "reps", "hold_seconds", "times", "every", "side", "load", "notes")
EVERY = ("day", "week")
# What a plan's dose keys are called in the editor, for errors about them.
_EDITOR_KEY = {"per_day": "times", "per_week": "times"}
# Values the library's dose may have that a plan can change but never remove.
_KEPT = ("sets", "reps", "hold_seconds", "times", "side", "load")


class FormData(Protocol):
    """What the desk reads a posted form through (werkzeug's ``MultiDict`` is one)."""

    def get(self, key: str) -> str | None: ...
    def getlist(self, key: str) -> list[str]: ...


@dataclass
class Chosen:
    """An exercise on the plan, with its dose as the editor holds it (text, as typed)."""

    id: str
    dose: dict[str, str]


@dataclass
class FormState:
    """Everything the form holds.

    ``since`` is the file name of a saved plan of this patient's, which the
    handout is compared with ("since last visit"); ``protect`` is "", "dob" or
    "password" (the password itself is never kept in a state that is rendered).
    """

    fields: dict[str, str] = field(default_factory=dict)
    options: dict[str, bool] = field(default_factory=lambda: dict(OPTION_FLAGS))
    choices: dict[str, str] = field(
        default_factory=lambda: {"options.page_size": "", "options.layout": "standard"}
    )
    sections: list[str] = field(default_factory=list)
    exercises: list[Chosen] = field(default_factory=list)
    since: str = ""
    protect: str = ""
    language: str = ""  # "" is the clinic's language
    second_language: str = ""  # "" for none: each section and card also in it, beneath
    fallback: bool = False  # print untranslated items in English, marked
    programme: str = ""  # the programme last used to fill the lists, shown as chosen

    def value(self, key: str) -> str:
        """A text field's value, or ""."""
        return self.fields.get(key, "")

    @property
    def exercise_ids(self) -> list[str]:
        return [c.id for c in self.exercises]


def _text(form: FormData, key: str) -> str:
    value = form.get(key)
    return value.strip() if isinstance(value, str) else ""


def _ordered(order: list[str], checked: list[str]) -> list[str]:
    """The checked ids: those already listed keep their order, new ones come after."""
    ticked = dict.fromkeys(checked)
    kept = [i for i in dict.fromkeys(order) if i in ticked]
    return kept + [i for i in ticked if i not in kept]


def _moved(ids: list[str], move: str, kind: str) -> list[str]:
    """``ids`` with one moved, for ``move`` = ``"<kind>:up:<id>"`` or ``"<kind>:down:<id>"``."""
    which, _, rest = move.partition(":")
    direction, _, item = rest.partition(":")
    if which != kind or item not in ids:
        return ids
    i = ids.index(item)
    j = i - 1 if direction == "up" else i + 1 if direction == "down" else i
    if 0 <= j < len(ids):
        ids = ids.copy()
        ids[i], ids[j] = ids[j], ids[i]
    return ids


def read_form(form: FormData, defaults: Mapping[str, Mapping[str, str]]) -> FormState:
    """The state of a posted form; ``defaults`` is each exercise's library dose, as text.

    A newly ticked exercise gets its default dose; one already on the plan keeps
    what its editor holds.  A ``move`` value (from an up/down button) reorders.
    """
    move = _text(form, "move")
    sections = _moved(
        _ordered(form.getlist("section_order"), form.getlist("section")), move, "section"
    )
    ids = _moved(
        _ordered(form.getlist("exercise_order"), form.getlist("exercise")), move, "exercise"
    )
    exercises = []
    for exercise_id in ids:
        # A field the form does not carry (a newly ticked exercise has no editor yet)
        # takes the library's value; a field sent empty was emptied by the clinician.
        base = defaults.get(exercise_id, {})
        dose = {}
        for name in DOSE_FIELDS:
            sent = form.get(f"dose.{exercise_id}.{name}")
            dose[name] = sent.strip() if sent is not None else base.get(name, "")
        exercises.append(Chosen(exercise_id, dose))
    page_size = _text(form, "options.page_size")
    layout = _text(form, "options.layout")
    protect = _text(form, "protect")
    return FormState(
        fields={key: _text(form, key) for key in TEXT_KEYS},
        options={key: form.get(key) is not None for key in OPTION_FLAGS},
        choices={
            "options.page_size": page_size
            if page_size in OPTION_CHOICES["options.page_size"]
            else "",
            "options.layout": layout if layout in OPTION_CHOICES["options.layout"] else "standard",
        },
        sections=sections,
        exercises=exercises,
        since=_text(form, "since"),
        protect=protect if protect in PROTECTIONS else "",
        language=_text(form, "language"),
        second_language=_text(form, "second_language"),
        fallback=form.get("fallback") is not None,
    )


def plan_values(state: FormState, defaults: Mapping[str, Mapping[str, str]]) -> dict[str, Any]:
    """The plan the form stands for, shaped like a plan file: only what was given.

    A dose value equal to the library's default is left out, so a saved plan
    says what the practitioner changed for this patient and nothing more.
    """
    given = {key: value for key, value in state.fields.items() if value}
    values: dict[str, Any] = {"patient": {"name": state.value("patient.name")}}
    for key, value in given.items():
        head, _, tail = key.partition(".")
        if tail:
            values.setdefault(head, {})[tail] = value
        elif key != "patient.name":
            values[key] = value
    if state.sections:
        values["sections"] = list(state.sections)
    if state.exercises:
        values["exercises"] = [_exercise_value(c, defaults.get(c.id, {})) for c in state.exercises]
    options: dict[str, Any] = {
        key.removeprefix("options."): on
        for key, on in state.options.items()
        if on != OPTION_FLAGS[key]
    }
    if state.choices["options.page_size"]:
        options["page_size"] = state.choices["options.page_size"]
    if state.choices["options.layout"] != "standard":
        options["layout"] = state.choices["options.layout"]
    if options:
        values["options"] = options
    if state.language:
        values["language"] = state.language
    if state.second_language:
        values["second_language"] = state.second_language
    return values


def _exercise_value(chosen: Chosen, default: Mapping[str, str]) -> str | dict[str, str]:
    editor = {k: v for k, v in chosen.dose.items() if v and v != default.get(k, "")}
    changed = {k: v for k, v in editor.items() if k not in ("times", "every")}
    if "times" in editor or ("every" in editor and chosen.dose.get("times")):
        changed[f"per_{chosen.dose.get('every') or 'day'}"] = chosen.dose["times"]
    return {"id": chosen.id, **changed} if changed else chosen.id


def dose_text(value: object) -> str:
    """A dose value as the editor shows it: ``8-12``, ``30``, ``left``."""
    return "" if value is None else str(value)


def editor_dose(dose: Mapping[str, Any]) -> dict[str, str]:
    """A dose in a plan's terms (``per_day``, ``per_week`` …) as the editor shows it."""
    shown = {name: dose_text(dose.get(name)) for name in DOSE_FIELDS}
    every = "week" if dose.get("per_week") is not None else "day"
    shown["times"] = dose_text(dose.get(f"per_{every}"))
    shown["every"] = every
    return shown


def exercise_dose(choice: ExerciseChoice, default: Mapping[str, str]) -> dict[str, str]:
    """The editor's values for ``choice``: the library default with the choice's changes."""
    changes = choice.model_dump(mode="json", exclude_none=True)
    dose = {name: default.get(name, "") for name in DOSE_FIELDS}
    mine = editor_dose(changes)
    dose.update({k: v for k, v in mine.items() if v and k not in ("times", "every")})
    if mine["times"]:
        dose["times"], dose["every"] = mine["times"], mine["every"]
    return dose


def missing_values(state: FormState, defaults: Mapping[str, Mapping[str, str]]) -> dict[str, str]:
    """Dose fields left empty where the library's dose has a value, by form key.

    Why an error: a plan can change the library's dose but not remove part of
    it, so an empty box would print the library's value while the editor shows
    nothing; the clinician types the value they want instead.
    """
    problems = {}
    for chosen in state.exercises:
        default = defaults.get(chosen.id, {})
        for name in _KEPT:
            if default.get(name) and not chosen.dose.get(name):
                problems[f"dose.{chosen.id}.{name}"] = (
                    f"needs a value (this exercise's usual dose: {default[name]})"
                )
    return problems


def from_plan(
    plan: Plan, defaults: Mapping[str, Mapping[str, str]], *, since: str = ""
) -> FormState:
    """The form filled from a plan (its programme already expanded into its lists)."""
    data = plan.model_dump(mode="json", exclude_none=True)
    fields = {}
    for key in TEXT_KEYS:
        head, _, tail = key.partition(".")
        value = data.get(head, {}).get(tail) if tail else data.get(head)
        fields[key] = "" if value is None else str(value)
    options = data.get("options", {})
    return FormState(
        fields=fields,
        options={
            key: bool(options.get(key.removeprefix("options."), d))
            for key, d in OPTION_FLAGS.items()
        },
        choices={
            "options.page_size": str(options.get("page_size") or ""),
            "options.layout": str(options.get("layout") or "standard"),
        },
        sections=list(plan.sections),
        exercises=[Chosen(c.id, exercise_dose(c, defaults.get(c.id, {}))) for c in plan.exercises],
        since=since,
        language=plan.language or "",
        second_language=plan.second_language or "",
    )


# An error's field as the library words it → the form key whose slot shows it.
_EXERCISE_FIELD = re.compile(r"exercise \d+ \(([a-z0-9-]+)\), ([a-z_]+)")


def error_key(error: HandoutError) -> str | None:
    """The form key an error belongs beside, or None for the messages at the top."""
    name = getattr(error, "field", None)
    if not isinstance(name, str):
        return None
    if name in TEXT_KEYS or name in OPTION_FLAGS or name in OPTION_CHOICES:
        return name
    if name in ("language", "--language"):
        return "language"
    if name in ("second_language", "--second-language"):
        return "second_language"
    if name == "options":
        return "options.large_print"  # the one rule across options: large print vs layout
    found = _EXERCISE_FIELD.fullmatch(name)
    if found:
        editor = _EDITOR_KEY.get(found[2], found[2])
        if editor in DOSE_FIELDS:
            return f"dose.{found[1]}.{editor}"
    return None


def field_errors(error: HandoutError) -> tuple[dict[str, str], list[str]]:
    """Each problem of ``error`` by form key (its reason, as the CLI words it), and the rest."""
    by_key: dict[str, str] = {}
    general: list[str] = []
    problems = error.each() if isinstance(error, ValidationError) else (error,)
    for problem in problems:
        key = error_key(problem)
        if key is not None and isinstance(problem, ValidationError):
            by_key.setdefault(key, problem.reason)
        else:
            general.append(_without_origin(problem))
    return by_key, general


def _without_origin(error: HandoutError) -> str:
    """The message without the "command line: " a flag's error starts with (there are none here)."""
    return error.message.removeprefix("command line: ")
