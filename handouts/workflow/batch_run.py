"""A whole batch run: make every row's handout, record it, email it, report it.

Emails go out from this (the parent) process, one connection per clinic for
the whole batch, while the workers go on making PDFs; a failed email never
removes the PDF.  Each row is emailed through the clinic its own plan names,
so clinic B's handout never leaves from clinic A's address.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from contextlib import ExitStack
from dataclasses import replace
from pathlib import Path

from handouts.deliver.address import checked_address
from handouts.deliver.outbox import Outbox
from handouts.deliver.patients import patient_columns
from handouts.deliver.protect import PasswordSource
from handouts.errors import HandoutError
from handouts.load.clinic import load_clinic
from handouts.load.plan import load_plan
from handouts.load.resolve import ClinicChoice
from handouts.resources import example_clinic
from handouts.workflow.batch import (
    PLACEHOLDER,
    BatchSettings,
    RowOutcome,
    RowStatus,
    Survey,
    prepare_out_dir,
    run,
    survey,
)
from handouts.workflow.report import BatchReport
from handouts.workflow.state import StateLog, read_state


def start_batch(
    csv_path: Path,
    *,
    plan: Path | None,
    out_dir: Path,
    clinic: Path | None = None,
    force: bool = False,
    password: PasswordSource | None = None,
) -> tuple[BatchSettings, Survey]:
    """Check everything that would fail every row, then ready the output folder.

    Nothing is created until the list, the shared plan and the rows' identities
    have passed.
    """
    if plan is None and not {"plan", "programme"} & set(patient_columns(csv_path)):
        raise HandoutError(
            f"{csv_path}: no plan: give --plan PLAN.yaml, or a 'plan' or 'programme' column"
        )
    if plan is not None:
        load_plan(plan, PLACEHOLDER)  # a bad shared plan would fail every row
    settings = BatchSettings(
        csv_folder=csv_path.resolve().parent,
        out_dir=out_dir,
        plan=plan.resolve() if plan else None,
        clinic=clinic.resolve() if clinic else None,
        force=force,
        password=password,
    )
    found = survey(csv_path, settings)
    ready = prepare_out_dir(out_dir)
    return replace(settings, out_dir=ready, done=read_state(ready)), found


def open_outboxes(
    clinics: Iterable[ClinicChoice], stack: ExitStack, *, drafts: bool, resend: bool
) -> dict[ClinicChoice, Outbox]:
    """One outbox per clinic the rows use, each checked (mail settings, sender) up front."""
    boxes: dict[ClinicChoice, Outbox] = {}
    for choice in sorted(clinics, key=lambda c: str(c.path)):
        if choice.is_sample:
            raise HandoutError(
                "not emailing sample handouts: name your clinic (--clinic clinic.yaml, the "
                "plan's clinic:, HANDOUTS_CLINIC, or a clinic.yaml in this folder)"
            )
        clinic = load_clinic(choice.path or example_clinic())
        boxes[choice] = stack.enter_context(Outbox(clinic, drafts=drafts, resend=resend))
    return boxes


def run_batch(
    csv_path: Path,
    settings: BatchSettings,
    report: BatchReport,
    *,
    jobs: int | None = None,
    rows: int | None = None,
    outboxes: Mapping[ClinicChoice, Outbox] | None = None,
    debug: bool = False,
) -> Iterator[RowOutcome]:
    """Make (and with ``outboxes``, email) one handout per CSV row; yield each row's outcome."""
    with StateLog(settings.out_dir) as state:
        for outcome in run(csv_path, settings, jobs, rows, debug=debug):
            if outcome.status is RowStatus.WRITTEN and outcome.path is not None:
                state.record(outcome.path, outcome.identity, outcome.fingerprint)
            if outboxes is not None and outcome.status is not RowStatus.FAILED:
                _email(outcome, outboxes, settings)
            report.add(outcome)
            yield outcome


def _email(
    outcome: RowOutcome, outboxes: Mapping[ClinicChoice, Outbox], settings: BatchSettings
) -> None:
    address = outcome.patient.email if outcome.patient else None
    outbox = outboxes.get(outcome.clinic) if outcome.clinic else None
    if not address:
        outcome.email_error = "not emailed: no email address"
    elif outbox is None or outcome.path is None:
        outcome.email_error = "not emailed: its clinic was not ready for email"
    else:
        try:
            outcome.delivery = outbox.deliver(
                outcome.path,
                checked_address(address),
                patient=outcome.patient,
                practitioner=outcome.practitioner,
                protected=settings.password.kind if settings.password else "",
                identity=outcome.identity,
                fingerprint=outcome.fingerprint,
            )
        except HandoutError as exc:
            outcome.email_error = f"not emailed: {exc.message}"
