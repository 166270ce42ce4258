"""Batch: one handout per row of a patient list, on every core, resumable.

The unit of work, ``make_one``, is a pure function from one row and the shared
settings to one file (plus a small outcome record), so it can run in a process
pool.  Memory stays flat: each worker imports the PDF stack and loads each
clinic and library once, rows travel as a few short strings, and outcomes are
handed back one at a time and never collected.

Resuming: a row's file name comes from the patient's identity (see
``identity.py``), never from its place in the list, and a file counts as done
only when ``batch-state.csv`` says it was made for that identity from the
same inputs.  Files are written atomically, so an interrupted run leaves whole
files or none.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import sys
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cache
from pathlib import Path

from handouts.deliver.filenames import safe_stem
from handouts.deliver.outbox import Delivery
from handouts.deliver.patients import PatientRow, column_for, read_patients
from handouts.deliver.protect import PasswordSource
from handouts.errors import HandoutError, Notice, OutputError, ValidationError
from handouts.load.choice import ClinicChoice, choose_clinic
from handouts.load.plan import COMMAND_LINE, load_plan_noting
from handouts.load.resolve import Resolved, load_choice
from handouts.models.clinic import Practitioner
from handouts.models.plan import Patient, Plan
from handouts.workflow.identity import ID_LENGTH, fingerprint, row_identity
from handouts.workflow.make import handout_for, handout_language, recipient, write_pdf

CHUNKSIZE = 4
# The rows are the patients: a shared batch plan needs no patient of its own.
PLACEHOLDER = {"patient": {"name": "placeholder"}}


@dataclass(frozen=True)
class BatchSettings:
    """What every row shares: the plan, where files go, how they are written, what is done."""

    csv_folder: Path
    out_dir: Path
    plan: Path | None = None
    clinic: Path | None = None
    force: bool = False
    password: PasswordSource | None = None
    language: str | None = None  # --language: for rows whose plan and column name none
    fallback: str | None = None  # --fallback en
    # file name → (identity, fingerprint) of handouts earlier runs made
    done: Mapping[str, tuple[str, str]] = field(default_factory=dict)


@dataclass(frozen=True)
class RowTask:
    """One row to make, with its patient identity."""

    row: PatientRow
    identity: str


class RowStatus(StrEnum):
    """What happened to a row's handout; the values are the report's words."""

    WRITTEN = "written"
    EXISTS = "exists"
    FAILED = "failed"


@dataclass
class RowOutcome:
    """What happened to one row (the email fields are filled in by the parent)."""

    number: int
    status: RowStatus
    name: str = ""
    path: Path | None = None
    reason: str = ""
    patient: Patient | None = None
    practitioner: Practitioner | None = None
    identity: str = ""
    fingerprint: str = ""
    clinic: ClinicChoice | None = None
    delivery: Delivery | None = None
    email_error: str = ""
    notices: tuple[str, ...] = ()  # warnings about the row's input, never its text
    language: str = "en"  # the handout's, for its email

    @property
    def failed(self) -> bool:
        """True if the handout, or its requested email, did not happen (or may not have)."""
        unsettled = self.delivery is not None and not self.delivery.settled
        return self.status is RowStatus.FAILED or bool(self.email_error) or unsettled


def make_one(task: RowTask, settings: BatchSettings) -> RowOutcome:
    """Make the handout for one row; never raises for a problem with the row itself."""
    row = task.row
    name = row.values.get("name", "")
    if row.problem:
        return RowOutcome(row.number, RowStatus.FAILED, name, reason=row.problem)
    try:
        plan, notices = load_plan_noting(plan_file(row, settings), row.overrides())
        if settings.language and not plan.language:
            plan = plan.model_copy(update={"language": settings.language})
        found = _resolved(choose_clinic(settings.clinic, plan))
        patient = recipient(plan)  # initials only, in initials mode: report and file name too
        protection = settings.password.kind if settings.password else ""
        outcome = RowOutcome(
            row.number,
            RowStatus.EXISTS,
            patient.name,
            output_path(settings.out_dir, patient.name, plan, task.identity),
            patient=patient,
            practitioner=plan.practitioner,
            identity=task.identity,
            fingerprint=fingerprint(plan, found.choice.path, protection),
            clinic=found.choice,
            notices=tuple(_row_notice(n) for n in notices),
            language=handout_language(plan, found.clinic),
        )
        assert outcome.path is not None
        made = settings.done.get(outcome.path.name)
        done = made == (task.identity, outcome.fingerprint) and is_complete(outcome.path)
        if done and not settings.force:
            return outcome
        if made is not None and made[0] != task.identity:
            raise OutputError(f"{outcome.path.name}: made for another patient; not replaced")
        password = (
            settings.password.password_for(plan.patient.date_of_birth)
            if settings.password
            else None
        )
        # Same identity: this patient's own earlier file, remade from new inputs.
        handout = handout_for(plan, found, fallback=settings.fallback)
        write_pdf(handout, outcome.path, password, overwrite=True)
    except ValidationError as exc:
        # Every problem of the row; a value from the row itself names its column.
        reason = "; ".join(
            f"{column_for(e.field or '')}: {e.reason}" if e.path == COMMAND_LINE else e.message
            for e in exc.each()
        )
        return RowOutcome(row.number, RowStatus.FAILED, name, reason=reason)
    except HandoutError as exc:
        return RowOutcome(row.number, RowStatus.FAILED, name, reason=exc.message)
    outcome.status = RowStatus.WRITTEN
    return outcome


def _row_notice(notice: Notice) -> str:
    """A notice about a row's own value names its column, like a row's errors do."""
    if notice.path == COMMAND_LINE:
        return f"{column_for(notice.field)}: {notice.message}"
    return str(notice)


def output_path(folder: Path, printed_name: str, plan: Plan, identity: str) -> Path:
    """``jane-doe-2026-11-24-1a2b3c4d.pdf``: name, date and the patient's identity.

    The identity part keeps namesakes apart whatever their order in the list.
    """
    stem = f"{safe_stem(printed_name)}-{plan.date.isoformat()}-{identity[:ID_LENGTH]}"
    return folder / f"{stem}.pdf"


def is_complete(path: Path) -> bool:
    """True if ``path`` is a finished PDF (it ends with the ``%%EOF`` marker)."""
    try:
        with path.open("rb") as handle:
            if handle.read(5) != b"%PDF-":
                return False
            size = handle.seek(0, os.SEEK_END)
            handle.seek(max(0, size - 1024))
            return b"%%EOF" in handle.read()
    except OSError:
        return False


def plan_file(row: PatientRow, settings: BatchSettings) -> Path | None:
    """The row's plan file, else the shared one; None when the row's programme is enough."""
    if row.plan:
        return settings.csv_folder / row.plan
    if settings.plan is None and not row.values.get("programme"):
        raise HandoutError("no plan: give --plan PLAN.yaml, or fill the plan or programme column")
    return settings.plan


@cache
def _resolved(choice: ClinicChoice) -> Resolved:
    # Loaded once per worker process and clinic: the library's pictures are the
    # slow part of a small handout.
    return load_choice(choice)


def tasks(csv_path: Path) -> Iterator[RowTask]:
    """The rows of ``csv_path`` as tasks, each with its patient identity."""
    for row in read_patients(csv_path):
        yield RowTask(row, row_identity(row.values))


_SETTINGS: BatchSettings | None = None


def _init_worker(settings: BatchSettings, quiet: bool) -> None:
    global _SETTINGS
    _SETTINGS = settings
    # Ctrl-C and SIGTERM are the parent's to handle: it stops the pool, and every
    # file is either whole or absent, so a worker need not (and must not) print.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if quiet:
        # A worker orphaned by a killed parent fails to hand back its result;
        # that BrokenPipeError is noise, and row errors travel back as outcomes.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 2)
        os.close(devnull)
    # Import the PDF stack once per worker, not once per row.
    import handouts.render.pdf  # noqa: F401


def _work(task: RowTask) -> RowOutcome:
    assert _SETTINGS is not None
    return make_one(task, _SETTINGS)


def run(
    csv_path: Path,
    settings: BatchSettings,
    jobs: int | None = None,
    rows: int | None = None,
    *,
    debug: bool = False,
) -> Iterator[RowOutcome]:
    """Outcomes of every row of ``csv_path``, in row order, made by up to ``jobs`` processes.

    One process (``jobs=1``, or a list of one ``rows``) works here, without a pool.
    """
    jobs = min(jobs or os.cpu_count() or 1, rows or sys.maxsize)
    if jobs <= 1:
        for task in tasks(csv_path):
            yield make_one(task, settings)
        return
    # forkserver (spawn on Windows): workers start from a clean process that has
    # imported the PDF stack once, never from a copy of a threaded parent.
    context = multiprocessing.get_context("spawn" if os.name == "nt" else "forkserver")
    if os.name != "nt":
        context.set_forkserver_preload(["handouts.render.pdf", "handouts.workflow.batch"])
    with context.Pool(jobs, initializer=_init_worker, initargs=(settings, not debug)) as pool:
        yield from pool.imap(_work, tasks(csv_path), chunksize=CHUNKSIZE)
