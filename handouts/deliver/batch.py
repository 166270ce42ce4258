"""Batch: one handout per row of a patient list, on every core, resumable.

The unit of work, ``make_one``, is a pure function from one row and the shared
settings to one file (plus a small outcome record), so it can run in a process
pool here and on other machines later.  Memory stays flat: each worker imports
the PDF stack and loads the clinic and library once, rows travel as a few short
strings, and outcomes are handed back one at a time and never collected.

Resuming: a row's file name depends only on the row (patient name, date, and
how many rows before it had the same name), so running the same command again
finds the handouts already written and skips them.  Files are written
atomically and exclusively, so an interrupted run leaves whole files or none.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os
import signal
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from handouts.compose.initials import initials
from handouts.deliver.filenames import safe_stem
from handouts.deliver.patients import PatientRow, column_for, read_patients
from handouts.deliver.protect import PasswordSource
from handouts.errors import HandoutError, OutputError, ValidationError
from handouts.load.plan import COMMAND_LINE
from handouts.models.clinic import Clinic
from handouts.models.library import Library
from handouts.models.plan import Patient, Plan, Practitioner

CHUNKSIZE = 4


@dataclass(frozen=True)
class BatchSettings:
    """What every row shares: the plan, where files go, and how they are written."""

    csv_folder: Path
    out_dir: Path
    plan: Path | None = None
    clinic: Path | None = None
    force: bool = False
    password: PasswordSource | None = None


@dataclass(frozen=True)
class RowTask:
    """One row to make, with the number of earlier rows that had the same name."""

    row: PatientRow
    occurrence: int = 1


@dataclass
class RowOutcome:
    """What happened to one row.  ``status``: written, exists or failed."""

    number: int
    status: str
    name: str = ""
    path: Path | None = None
    reason: str = ""
    patient: Patient | None = None
    practitioner: Practitioner | None = None
    email: str = ""  # what happened by email, filled in by the caller
    email_failed: bool = False

    @property
    def failed(self) -> bool:
        """True if the handout, or its requested email, did not happen."""
        return self.status == "failed" or self.email_failed


def make_one(task: RowTask, settings: BatchSettings) -> RowOutcome:
    """Make the handout for one row; never raises for a problem with the row itself."""
    row = task.row
    name = row.values.get("name", "")
    if row.problem:
        return RowOutcome(row.number, "failed", name, reason=row.problem)
    try:
        from handouts import api

        plan_file = _plan_file(row, settings)
        plan = api.load_plan(plan_file, row.overrides())
        name = api.printed_name(plan)  # the report honours initials-only mode too
        stem = file_stem(name, plan.date)
        target = output_path(settings.out_dir, stem, task.occurrence)
        done = RowOutcome(
            row.number,
            "exists",
            name,
            target,
            patient=plan.patient,
            practitioner=plan.practitioner,
        )
        if not settings.force and is_complete(target):
            return done
        if target.exists() and not settings.force:
            raise HandoutError(f"{target}: exists but is incomplete (use --force to replace it)")
        clinic, library = _clinic_and_library(_clinic_path(plan, settings))
        handout = api.build_handout(plan, library, clinic)
        password = (
            settings.password.password_for(plan.patient.date_of_birth)
            if settings.password
            else None
        )
        api.render_pdf(handout, target, overwrite=settings.force, password=password)
    except ValidationError as exc:
        # A value from the row itself: name its column, not the "command line".
        reason = f"{column_for(exc.field or '')}: {exc.reason}" if exc.path == COMMAND_LINE else ""
        return RowOutcome(row.number, "failed", name, reason=reason or exc.message)
    except HandoutError as exc:
        return RowOutcome(row.number, "failed", name, reason=exc.message)
    done.status = "written"
    return done


def file_stem(printed_name: str, day: dt.date) -> str:
    """``jane-doe-2026-11-24`` (``j-d-2026-11-24`` when the plan prints initials only)."""
    return f"{safe_stem(printed_name)}-{day.isoformat()}"


def output_path(folder: Path, stem: str, occurrence: int) -> Path:
    """``jane-doe-2026-11-24.pdf``; the second row with that stem gets ``…-2.pdf``."""
    return folder / (f"{stem}.pdf" if occurrence == 1 else f"{stem}-{occurrence}.pdf")


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


def _plan_file(row: PatientRow, settings: BatchSettings) -> Path | None:
    """The row's plan file, else the shared one; None when the row's programme is enough."""
    if row.plan:
        return settings.csv_folder / row.plan
    if settings.plan is None and not row.values.get("programme"):
        raise HandoutError("no plan: give --plan PLAN.yaml, or fill the plan or programme column")
    return settings.plan


def _clinic_path(plan: Plan, settings: BatchSettings) -> Path | None:
    if settings.clinic is not None:
        return settings.clinic.resolve()
    if plan.clinic:
        base = plan.source.parent if plan.source else Path.cwd()
        return (base / plan.clinic).resolve()
    return None


@cache
def _clinic_and_library(clinic_path: Path | None) -> tuple[Clinic, Library]:
    # Loaded once per worker process and clinic: the library's pictures are the
    # slow part of a small handout.
    from handouts import api

    clinic = api.load_clinic(clinic_path)
    return clinic, api.library_for(clinic)


def tasks(csv_path: Path, settings: BatchSettings) -> Iterator[RowTask]:
    """The rows of ``csv_path`` as tasks, numbering rows whose files would share a name.

    Why here, in order, and from the same stem the worker computes: two Jane
    Does on one date (or two "J. D."s in initials mode) must get distinct
    files, and the same ones on every run, or a resumed batch would skip a
    patient as "already done".
    """
    seen: dict[str, int] = {}
    facts = cache(plan_facts)  # each plan file is read once per run
    for row in read_patients(csv_path):
        name = row.values.get("name", "")
        try:
            initials_only, day = facts(_plan_file(row, settings))
            key = file_stem(initials(name) if initials_only else name, day)
        except HandoutError:
            key = safe_stem(name)  # this row fails in its worker, with the reason
        seen[key] = seen.get(key, 0) + 1
        yield RowTask(row, seen[key])


def plan_facts(path: Path | None) -> tuple[bool, dt.date]:
    """What a plan file says about file names: initials only?, and the date.

    A batch plan needs no patient of its own (the rows are the patients).
    """
    from handouts import api

    plan = api.load_plan(path, {"patient": {"name": "placeholder"}})
    return plan.options.initials, plan.date


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


_SETTINGS: BatchSettings | None = None


def _init_worker(settings: BatchSettings) -> None:
    global _SETTINGS
    _SETTINGS = settings
    # Ctrl-C is the parent's to handle: it stops the pool, and every file is
    # either whole or absent, so a worker need not (and must not) print a traceback.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # Import the PDF stack once per worker, not once per row.
    import handouts.render.pdf  # noqa: F401


def _work(task: RowTask) -> RowOutcome:
    assert _SETTINGS is not None
    return make_one(task, _SETTINGS)


def run(
    csv_path: Path, settings: BatchSettings, jobs: int | None = None, rows: int | None = None
) -> Iterator[RowOutcome]:
    """Outcomes of every row of ``csv_path``, in row order, made by up to ``jobs`` processes.

    One process (``jobs=1``, or a list of one ``rows``) works here, without a pool.
    """
    jobs = min(jobs or os.cpu_count() or 1, rows or sys.maxsize)
    if jobs <= 1:
        for task in tasks(csv_path, settings):
            yield make_one(task, settings)
        return
    # forkserver (spawn on Windows): workers start from a clean process that has
    # imported the PDF stack once, never from a copy of a threaded parent.
    context = multiprocessing.get_context("spawn" if os.name == "nt" else "forkserver")
    if os.name != "nt":
        context.set_forkserver_preload(["handouts.render.pdf", "handouts.deliver.batch"])
    with context.Pool(jobs, initializer=_init_worker, initargs=(settings,)) as pool:
        yield from pool.imap(_work, tasks(csv_path, settings), chunksize=CHUNKSIZE)
