"""What the desk does with a finished form: make the handout, email it, save and open plans.

Each action goes through the library API exactly as the CLI does, so every
rule holds here too: files are never overwritten without asking, emails go
at most once, to the address the handout was made for, and a promised
password is a real one.
"""

from __future__ import annotations

import datetime as dt

from flask import Blueprint, Response, abort, render_template, request, send_file

from handouts.api import (
    MakeRequest,
    PasswordSource,
    PlanExistsError,
    apply_programme,
    email_handout,
    make,
    replacement_warning,
    sample_warning,
    save_plan,
    saved_plans,
)
from handouts.desk.form import FormState, field_errors, from_plan, missing_values, plan_values
from handouts.desk.views import REFRESH, desk, error_slots, posted, render_form, since_plan
from handouts.errors import HandoutError

actions = Blueprint("actions", __name__)
NOT_MADE = "Not made yet: fix what is marked in red."
NOT_SAVED = "Not saved yet: fix what is marked in red."


def _problems(state: FormState, errors: dict[str, str], messages: list[str], headline: str) -> str:
    """The result box saying why nothing happened, and each field's error beside it."""
    if errors and not messages:
        messages = [headline]
    return render_template(
        "desk/result.html",
        outcome=None,
        errors=errors,
        messages=messages,
        slots=error_slots(state, with_password=True),
    )


def _password(state: FormState) -> PasswordSource | None:
    """The protection the clinician chose (a typed password is never kept or shown again)."""
    if state.protect == "dob":
        return PasswordSource(from_dob=True)
    if state.protect == "password":
        return PasswordSource(fixed=request.form.get("password", ""))
    return None


def _protection_problems(state: FormState, password: PasswordSource | None) -> dict[str, str]:
    """The protection chosen cannot be made: said beside the field that is missing."""
    if password is None:
        return {}
    if password.from_dob and not state.value("patient.date_of_birth"):
        return {"patient.date_of_birth": "password protection by date of birth needs it"}
    if password.fixed == "":
        return {"password": "type the password the patient will use, or choose no password"}
    return {}


@actions.post("/make")
def make_handout() -> str:
    """Write the handout into the clinic's handouts folder (a new name if taken)."""
    state = posted()
    d = desk()
    password = _password(state)
    errors = missing_values(state, d.catalogue.defaults) | _protection_problems(state, password)
    if errors:
        return _problems(state, errors, [], NOT_MADE)
    since = d.plans_folder / state.since if since_plan(state.since) is not None else None
    try:
        d.output_folder.mkdir(parents=True, exist_ok=True)
        with d.engine:
            made = make(
                MakeRequest(
                    overrides=plan_values(state, d.catalogue.defaults),
                    clinic=d.choice.path,
                    since=since,
                    folder=d.output_folder,
                    password=password,
                    fallback="en" if state.fallback else None,
                )
            )
    except HandoutError as error:
        errors, messages = field_errors(error)
        return _problems(state, errors, messages, NOT_MADE)
    except OSError as error:
        message = f"{d.output_folder}: cannot be written ({error.strerror})"
        return _problems(state, {}, [message], NOT_MADE)
    key = d.remember(made, password.kind if password else "")
    warnings = [str(n) for n in made.notices]
    sample = sample_warning(made.clinic)
    if sample:
        warnings.insert(0, sample)
    if made.uncovered:
        warnings.append(replacement_warning(made.uncovered))
    return render_template(
        "desk/result.html",
        outcome=made,
        key=key,
        warnings=warnings,
        email=_email_route(),
        errors={},
        messages=[],
        slots=error_slots(state, with_password=True),
    )


def _email_route() -> str:
    """How this clinic's handouts go out: "email", "draft" (no mail server) or "" (a sample)."""
    d = desk()
    if d.choice.is_sample:
        return ""
    return "email" if d.found.clinic.smtp is not None else "draft"


@actions.get("/made/<key>/<name>")
def made_file(key: str, name: str) -> Response:
    """A made handout: downloaded, or shown in the browser (to print) with ``?view=1``."""
    record = desk().made(key)
    if record is None or record.made.path.name != name or not record.made.path.is_file():
        abort(404)
    inline = request.args.get("view") == "1"
    return send_file(
        record.made.path,
        mimetype="application/pdf",
        as_attachment=not inline,
        download_name=record.made.path.name,
    )


@actions.post("/made/<key>/email")
def email_confirm(key: str) -> str:
    """Ask before sending: which file, to which address."""
    record = desk().made(key)
    if record is None:
        abort(404)
    return render_template(
        "desk/email.html", record=record, key=key, delivery=None, error=None, route=_email_route()
    )


@actions.post("/made/<key>/email/send")
def email_send(key: str) -> str:
    """Send the made handout to the address it was made for, at most once (or draft it)."""
    d = desk()
    record = d.made(key)
    route = _email_route()
    if record is None or not route:
        abort(404)
    resend = request.form.get("resend") == "1"
    try:
        with d.engine:
            delivery = email_handout(
                record.made.path,
                record.made.plan,
                record.made.clinic,
                protection=record.protection,
                resend=resend,
                drafts=route == "draft",
            )
    except HandoutError as error:
        return render_template(
            "desk/email.html",
            record=record,
            key=key,
            delivery=None,
            error=error.message,
            route=route,
        )
    return render_template(
        "desk/email.html", record=record, key=key, delivery=delivery, error=None, route=route
    )


@actions.post("/plans/save")
def save() -> Response | str:
    """Save the form as a plan in the clinic's plans folder; ask before replacing one."""
    state = posted()
    d = desk()
    errors = missing_values(state, d.catalogue.defaults)
    if errors:
        return _problems(state, errors, [], NOT_SAVED)
    values = plan_values(state, d.catalogue.defaults)
    choice = request.form.get("existing", "")  # "replace" or "new", once asked
    try:
        path = save_plan(
            values, d.plans_folder, overwrite=choice == "replace", as_new=choice == "new"
        )
    except PlanExistsError as exists:
        return render_template("desk/saved.html", path=None, exists=exists.path, state=state)
    except HandoutError as error:
        errors, messages = field_errors(error)
        return _problems(state, errors, messages, NOT_SAVED)
    response = Response(render_template("desk/saved.html", path=path, exists=None, state=state))
    response.headers["HX-Trigger-After-Swap"] = "plans-changed"
    return response


@actions.get("/plans")
def plans_list() -> str:
    """The saved plans whose patient matches the search words."""
    d = desk()
    search = request.args.get("q", "")[:200]
    return render_template("desk/plans.html", plans=saved_plans(d.plans_folder, search), desk=d)


@actions.post("/plans/open")
def open_plan() -> Response:
    """The form filled from a saved plan, dated today, marking changes since that plan.

    The result box is emptied: a handout made for the patient on screen
    before must not be offered beside another patient's details.
    """
    d = desk()
    name = request.form.get("file", "")
    plan = since_plan(name)
    if plan is None:
        abort(404)
    state = from_plan(apply_programme(plan, d.found.library), d.catalogue.defaults, since=name)
    state.fields["date"] = dt.date.today().isoformat()
    state.protect = posted().protect  # the clinician's protection choice stays
    response = Response(render_form(state, cleared=True))
    response.headers["HX-Trigger-After-Swap"] = REFRESH
    return response
