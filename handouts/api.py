"""The library API: what the CLI calls, and what other programs can call.

One call makes a handout the way ``handouts make`` does::

    made = make(MakeRequest(plan_file=Path("jane.yaml"), output=Path("jane.pdf")))

The steps are public too, for programs that want them one by one::

    plan = load_plan(Path("jane.yaml"))
    found = resolve(plan=plan)              # which clinic, which library
    handout = build_handout(plan, found.library, found.clinic)
    render_pdf(handout, Path("jane.pdf"))
"""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import TYPE_CHECKING

from handouts import resources
from handouts.compose.handout import Handout
from handouts.compose.programme import apply_programme
from handouts.deliver.filenames import free_name
from handouts.deliver.protect import PasswordSource, password_source
from handouts.errors import HandoutError, Notice
from handouts.load.choice import ClinicChoice, choose_clinic
from handouts.load.choice import sample_warning as sample_warning
from handouts.load.clinic import load_clinic
from handouts.load.library import load_library
from handouts.load.plan import load_plan
from handouts.load.resolve import Resolved, clinic_of, library_for, load_choice, resolve
from handouts.models.clinic import Clinic
from handouts.models.colour import colour_notices
from handouts.models.library import Library
from handouts.models.plan import ExerciseChoice, Patient, Plan
from handouts.workflow.flags import plan_values
from handouts.workflow.make import email_handout, handout_for, make, recipient, write_pdf
from handouts.workflow.request import Made, MakeRequest, Send

if TYPE_CHECKING:
    from handouts.compose.build import build_handout
    from handouts.deliver.patients import csv_encoding
    from handouts.deliver.printing import print_files
    from handouts.render.pdf import render_pdf_bytes
    from handouts.workflow.batch import BatchSettings, RowOutcome, RowStatus
    from handouts.workflow.batch_run import open_outboxes, run_batch, start_batch
    from handouts.workflow.plans import (
        PLANS_FOLDER,
        PlanExistsError,
        SavedPlan,
        save_plan,
        saved_plans,
    )
    from handouts.workflow.report import BatchReport
    from handouts.workflow.send import send_file

# Imported on first use (PEP 562): batches, printing, sending and saved plans,
# because ``handouts make`` imports this module and never needs them (about 80 ms
# of start-up: multiprocessing, SMTP, TLS and the email package); and the PDF
# stack, because a batch's parent process imports this module and only its
# workers render (about 25 MB less in the parent).
_ON_FIRST_USE = {
    "render_pdf_bytes": "handouts.render.pdf",
    "build_handout": "handouts.compose.build",
    "csv_encoding": "handouts.deliver.patients",
    "print_files": "handouts.deliver.printing",
    "BatchSettings": "handouts.workflow.batch",
    "RowOutcome": "handouts.workflow.batch",
    "RowStatus": "handouts.workflow.batch",
    "open_outboxes": "handouts.workflow.batch_run",
    "run_batch": "handouts.workflow.batch_run",
    "start_batch": "handouts.workflow.batch_run",
    "PLANS_FOLDER": "handouts.workflow.plans",
    "PlanExistsError": "handouts.workflow.plans",
    "SavedPlan": "handouts.workflow.plans",
    "save_plan": "handouts.workflow.plans",
    "saved_plans": "handouts.workflow.plans",
    "BatchReport": "handouts.workflow.report",
    "send_file": "handouts.workflow.send",
}


def __getattr__(name: str) -> object:
    module = _ON_FIRST_USE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


__all__ = [
    "PLANS_FOLDER",
    "BatchReport",
    "BatchSettings",
    "ClinicChoice",
    "ExerciseChoice",
    "Handout",
    "Library",
    "Made",
    "MakeRequest",
    "PasswordSource",
    "Plan",
    "PlanExistsError",
    "Resolved",
    "RowOutcome",
    "RowStatus",
    "SavedPlan",
    "Send",
    "apply_programme",
    "build_handout",
    "choose_clinic",
    "clinic_for",
    "colour_warnings",
    "csv_encoding",
    "demo",
    "email_handout",
    "handout_for",
    "library_for",
    "load_choice",
    "load_clinic",
    "load_library",
    "load_plan",
    "make",
    "make_handout",
    "open_outboxes",
    "password_source",
    "plan_values",
    "print_files",
    "programme_contents",
    "recipient",
    "render_pdf",
    "render_pdf_bytes",
    "replacement_warning",
    "resolve",
    "run_batch",
    "sample_warning",
    "save_plan",
    "saved_plans",
    "send_file",
    "start_batch",
    "uncovered_characters",
]


def clinic_for(plan: Plan, override: Path | None = None) -> Clinic:
    """The clinic ``plan`` is made for (see ``resolve`` for the order of choice)."""
    return resolve(override, plan).clinic


def render_pdf(
    handout: Handout, out_path: Path, *, overwrite: bool = False, password: str | None = None
) -> Path:
    """Render ``handout`` to ``out_path`` atomically; with ``password``, AES-256 encrypted."""
    return write_pdf(handout, out_path, password, overwrite=overwrite)


def make_handout(plan: Plan, out_path: Path, *, overwrite: bool = False) -> Path:
    """Plan in, PDF file out, with the plan's clinic and library."""
    return write_pdf(handout_for(plan, resolve(plan=plan)), out_path, None, overwrite=overwrite)


def demo(output: Path | None = None, *, overwrite: bool = False) -> Made:
    """The bundled example plan with the example clinic, for a first try (no sample mark).

    Written to ``output``, or ``handouts-demo.pdf`` here (``-2``, ``-3`` … if taken).
    """
    return make(
        MakeRequest(
            plan_file=resources.demo_plan(),
            clinic=resources.example_clinic(),
            output=output or free_name(Path.cwd(), "handouts-demo"),
            overwrite=overwrite,
        )
    )


def colour_warnings(choice: ClinicChoice) -> tuple[Notice, ...]:
    """The chosen clinic's colours that print as darker shades so text reads (as ``make``
    warns), for a batch to say once per clinic rather than on every row.

    A clinic that does not load says nothing here: each of its rows fails with the reason.
    """
    try:
        clinic = clinic_of(choice)
    except HandoutError:
        return ()
    return colour_notices(clinic.colours, clinic.source)


def uncovered_characters(handout: Handout) -> list[str]:
    """Characters in ``handout`` that no bundled font draws; they print as "\ufffd"."""
    from handouts.render.script import handout_uncovered

    return handout_uncovered(handout)


def replacement_warning(chars: tuple[str, ...] | list[str]) -> str:
    """The one-line warning for characters printed as the fallback sign."""
    shown = ", ".join(f"{c} (U+{ord(c):04X})" for c in chars[:10])
    more = f" and {len(chars) - 10} more" if len(chars) > 10 else ""
    return f"{len(chars)} character(s) no bundled font covers print as \ufffd: {shown}{more}"


def programme_contents(
    library: Library, programme_id: str
) -> tuple[list[str], list[ExerciseChoice]]:
    """A programme's sections and exercises (with its doses), as a plan naming it gets them."""
    plan = apply_programme(Plan(patient=Patient(name="-"), programme=programme_id), library)
    return list(plan.sections), list(plan.exercises)
