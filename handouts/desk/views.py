"""The desk's pages and pickers: the form, its chosen lists, the preview and pictures.

Every view is thin: read the form (``form.read_form``), ask the library, and
render a template.  htmx swaps the fragments these return into the page.
"""

from __future__ import annotations

import datetime as dt
import mimetypes
from typing import Any

from flask import Blueprint, Response, abort, current_app, render_template, request, send_file

from handouts.api import Plan, load_plan, programme_contents
from handouts.desk.form import (
    DOSE_FIELDS,
    OPTION_CHOICES,
    OPTION_FLAGS,
    TEXT_KEYS,
    Chosen,
    FormState,
    exercise_dose,
    field_errors,
    missing_values,
    plan_values,
    read_form,
)
from handouts.desk.preview import Previews
from handouts.desk.security import PICTURE_CSP
from handouts.desk.state import Desk
from handouts.errors import HandoutError

pages = Blueprint("pages", __name__)
REFRESH = "desk-refresh"  # the event that asks the preview to update


def desk() -> Desk:
    """This launch's desk."""
    found: Desk = current_app.extensions["handouts_desk"]
    return found


def previews() -> Previews:
    found: Previews = current_app.extensions["handouts_previews"]
    return found


def posted() -> FormState:
    """The state of the posted form."""
    return read_form(request.form, desk().catalogue.defaults)


def error_slots(state: FormState, *, with_password: bool = False) -> list[str]:
    """Every form key with an error slot on the page, for clearing and filling them at once.

    The password's slot only with ``with_password``: only making a handout
    checks it, so a preview must not clear what "Make handout" said about it.
    """
    keys = [*TEXT_KEYS, *OPTION_FLAGS, *OPTION_CHOICES, "language", "second_language"]
    keys += ["password"] if with_password else []
    keys += [f"dose.{c.id}.{name}" for c in state.exercises for name in DOSE_FIELDS]
    return keys


def render_form(
    state: FormState, errors: dict[str, str] | None = None, *, cleared: bool = False
) -> str:
    """The inside of the form, filled from ``state``; ``cleared`` also empties the result box."""
    return render_template(
        "desk/form.html", state=state, errors=errors or {}, cleared=cleared, **_context()
    )


def _context() -> dict[str, Any]:
    d = desk()
    return {
        "catalogue": d.catalogue,
        "desk": d,
        "saved_since": _since_label,
        "languages": d.languages,
    }


def _since_label(file_name: str) -> str:
    """ "Jane Doe, 2 December 2026" for a saved plan's file name, or the name."""
    plan = since_plan(file_name)
    if plan is None:
        return file_name
    return f"{plan.patient.name}, {plan.date.day} {plan.date:%B %Y}"


def since_plan(file_name: str) -> Plan | None:
    """The saved plan ``file_name`` names, if it is one of this desk's plans."""
    if not file_name or "/" in file_name or "\\" in file_name or not file_name.endswith(".yaml"):
        return None
    path = desk().plans_folder / file_name
    if not path.is_file():
        return None
    try:
        return load_plan(path)
    except HandoutError:
        return None


def blank_state() -> FormState:
    """A new patient's form: today's date and the clinic's practitioner, the rest empty."""
    fields = dict.fromkeys(TEXT_KEYS, "") | {"date": dt.date.today().isoformat()}
    practitioner = desk().found.clinic.practitioner
    if practitioner is not None:
        fields["practitioner.name"] = practitioner.name
        fields["practitioner.role"] = practitioner.role or ""
    return FormState(fields=fields)


@pages.get("/")
def index() -> str:
    return render_template("desk/page.html", form_html=render_form(blank_state()), **_context())


@pages.post("/chosen/<kind>")
def chosen(kind: str) -> Response:
    """The chosen sections or exercises, in order, after a tick or a move."""
    if kind not in ("sections", "exercises"):
        abort(404)
    state = posted()
    html = render_template(f"desk/chosen_{kind}.html", state=state, errors={}, **_context())
    response = Response(html)
    response.headers["HX-Trigger-After-Swap"] = REFRESH
    return response


@pages.post("/preview")
def preview() -> str:
    """The handout's pages as images, and every field's error slot (filled or cleared)."""
    state = posted()
    d = desk()
    messages: list[str] = []
    result = None
    errors = missing_values(state, d.catalogue.defaults)
    if state.value("patient.name") and not errors:
        try:
            since = since_plan(state.since) if state.since else None
            values = plan_values(state, d.catalogue.defaults)
            result = previews().make(values, d.found, since, "en" if state.fallback else None)
        except HandoutError as error:
            errors, messages = field_errors(error)
    return render_template(
        "desk/preview.html",
        preview=result,
        named=bool(state.value("patient.name")),
        errors=errors,
        messages=messages,
        slots=error_slots(state),
    )


@pages.get("/preview/<key>/<int:number>.png")
def preview_page(key: str, number: int) -> Response:
    png = previews().page_png(key, number)
    if png is None:
        abort(404)
    return Response(png, mimetype="image/png")


@pages.get("/picture/<exercise_id>")
def picture(exercise_id: str) -> Response:
    """An exercise's first illustration, for its card in the grid."""
    item = desk().catalogue.exercises.get(exercise_id)
    if item is None or item.picture is None or not item.picture.is_file():
        abort(404)
    kind = mimetypes.guess_type(item.picture.name)[0]
    if kind not in ("image/svg+xml", "image/png", "image/jpeg"):
        abort(404)
    response = send_file(item.picture, mimetype=kind)
    response.headers["Content-Security-Policy"] = PICTURE_CSP
    return response


@pages.post("/start")
def start() -> Response | str:
    """The form with a programme's sections and exercises (and doses) in place of the chosen."""
    state = posted()
    programme = request.form.get("programme", "")
    d = desk()
    if programme not in d.found.library.programmes:
        return render_form(state, {"programme": "choose a programme from the list"})
    sections, exercises = programme_contents(d.found.library, programme)
    state.sections = sections
    state.exercises = [
        Chosen(c.id, exercise_dose(c, d.catalogue.defaults.get(c.id, {}))) for c in exercises
    ]
    state.programme = programme
    response = Response(render_form(state, cleared=True))
    response.headers["HX-Trigger-After-Swap"] = REFRESH
    return response
