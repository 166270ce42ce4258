"""A whole batch run: make every row's handout, record it, email it, report it.

Emails go out from this (the parent) process, one connection per clinic for
the whole batch, while the workers go on making PDFs; a failed email never
removes the PDF.  Each row is emailed through the clinic its own plan names,
so clinic B's handout never leaves from clinic A's address.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from contextlib import ExitStack
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path

from handouts.compose.language import checked_fallback, checked_language
from handouts.deliver.address import checked_address
from handouts.deliver.outbox import Outbox
from handouts.deliver.patients import patient_columns
from handouts.deliver.protect import PasswordSource
from handouts.errors import HandoutError, InputFileError, OutputError
from handouts.load.choice import ClinicChoice, choose_clinic, refuse_to_email_a_sample
from handouts.load.plan import COMMAND_LINE, load_plan
from handouts.load.resolve import clinic_of
from handouts.models.plan import Plan
from handouts.workflow.batch import (
    PLACEHOLDER,
    BatchSettings,
    RowOutcome,
    RowStatus,
    plan_file,
    run,
    tasks,
)
from handouts.workflow.identity import identity_kind
from handouts.workflow.report import BatchReport
from handouts.workflow.state import StateLog, read_state


@dataclass(frozen=True)
class Survey:
    """What a whole patient list needs, found before any work: rows and clinics."""

    rows: int
    clinics: frozenset[ClinicChoice]


def survey(csv_path: Path, settings: BatchSettings) -> Survey:
    """Count the rows, refuse two rows for one patient, and find every row's clinic.

    Why before any work: two rows with one identity would write one file twice
    (and could email one patient's sheet to the other), and each clinic's mail
    settings must be checked before the first handout is sent.
    """
    first: dict[str, int] = {}
    clinics: set[ClinicChoice] = set()
    rows = 0
    plan_of = cache(_shared_plan)
    for task in tasks(csv_path):
        rows += 1
        number = task.row.number
        if task.row.problem:
            continue
        if task.identity in first:
            raise InputFileError(
                csv_path,
                f"rows {first[task.identity]} and {number} are the same patient (same "
                f"{identity_kind(task.row.values)}); remove one, or give each its reference",
                line=number,
            )
        first[task.identity] = number
        try:
            clinics.add(choose_clinic(settings.clinic, plan_of(plan_file(task.row, settings))))
        except HandoutError:
            continue  # this row fails in its worker, with the reason
    return Survey(rows, frozenset(clinics))


def _shared_plan(path: Path | None) -> Plan | None:
    return load_plan(path, PLACEHOLDER) if path is not None else None


def prepare_out_dir(folder: Path) -> Path:
    """Create ``folder`` if needed and remove what an interrupted run left in it.

    ``write_atomically`` names its temporary files ``.<file>.<random>.tmp``;
    they hold patient data and are never a finished file, so they go.
    """
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for tmp in folder.glob(".*.tmp"):
            if ".pdf." in tmp.name or ".eml." in tmp.name:
                tmp.unlink(missing_ok=True)
    except OSError as exc:
        raise OutputError(f"{folder}: cannot use this folder ({exc.strerror})") from None
    return folder.resolve()


def start_batch(
    csv_path: Path,
    *,
    plan: Path | None,
    out_dir: Path,
    clinic: Path | None = None,
    force: bool = False,
    password: PasswordSource | None = None,
    language: str | None = None,
    fallback: str | None = None,
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
    if language is not None:
        checked_language(language, COMMAND_LINE, "--language")
    settings = BatchSettings(
        csv_folder=csv_path.resolve().parent,
        out_dir=out_dir,
        plan=plan.resolve() if plan else None,
        clinic=clinic.resolve() if clinic else None,
        force=force,
        password=password,
        language=language,
        fallback=checked_fallback(fallback),
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
        refuse_to_email_a_sample(choice)
        outbox = Outbox(clinic_of(choice), drafts=drafts, resend=resend)
        boxes[choice] = stack.enter_context(outbox)
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
                language=outcome.language,
            )
        except HandoutError as exc:
            outcome.email_error = f"not emailed: {exc.message}"
