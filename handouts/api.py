"""The library API: what the CLI calls, and what other programs can call.

    plan = load_plan(Path("jane.yaml"))
    clinic = clinic_for(plan)
    handout = build_handout(plan, library_for(clinic), clinic)
    render_pdf(handout, Path("jane.pdf"))

``make_handout`` does those steps in one call.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from handouts.compose.build import build_handout
from handouts.compose.handout import Handout
from handouts.errors import HandoutError
from handouts.load.clinic import load_clinic
from handouts.load.library import load_library
from handouts.load.plan import load_plan
from handouts.models.clinic import Clinic
from handouts.models.library import Library
from handouts.models.plan import Plan

if TYPE_CHECKING:
    from handouts.deliver.batch import BatchSettings, RowOutcome
    from handouts.deliver.outbox import Outbox
    from handouts.deliver.report import BatchReport

__all__ = [
    "Handout",
    "build_handout",
    "clinic_for",
    "library_for",
    "load_clinic",
    "load_library",
    "load_plan",
    "make_handout",
    "render_pdf",
    "run_batch",
    "uncovered_characters",
]


def clinic_for(plan: Plan, override: Path | None = None) -> Clinic:
    """The clinic a plan names (relative to the plan file), or the bundled example."""
    if override is not None:
        return load_clinic(override)
    if plan.clinic:
        base = plan.source.parent if plan.source else Path.cwd()
        return load_clinic(base / plan.clinic)
    return load_clinic()


def library_for(clinic: Clinic, extra: Iterable[Path] = ()) -> Library:
    """The bundled library overlaid by the clinic's own and then by ``extra`` folders."""
    folders = [clinic.library_path] if clinic.library_path else []
    return load_library([*folders, *extra], clinic.image_folder_paths)


def printed_name(plan: Plan) -> str:
    """The patient's name as the handout prints it: initials in initials-only mode.

    The default file name uses it too, so no full name is left on a USB stick.
    """
    if plan.options.initials:
        from handouts.compose.initials import initials

        return initials(plan.patient.name)
    return plan.patient.name


def render_pdf(
    handout: Handout, out_path: Path, *, overwrite: bool = False, password: str | None = None
) -> Path:
    """Render ``handout`` to ``out_path`` atomically (imports the PDF stack on first use).

    With ``password`` the file is AES-256 encrypted and opens only with it.
    """
    if password is not None:
        from handouts.deliver.protect import encrypt_pdf
        from handouts.deliver.write import write_atomically
        from handouts.render.pdf import render_pdf_bytes

        data = encrypt_pdf(render_pdf_bytes(handout), password)
        return write_atomically(out_path, data, overwrite=overwrite)
    from handouts.render.pdf import render_pdf as _render

    return _render(handout, out_path, overwrite=overwrite)


def uncovered_characters(handout: Handout) -> list[str]:
    """Characters in ``handout`` that no bundled font draws; they print as "\ufffd"."""
    from handouts.render.script import handout_uncovered

    return handout_uncovered(handout)


def replacement_warning(chars: list[str]) -> str:
    """The one-line warning for characters printed as the fallback sign."""
    shown = ", ".join(f"{c} (U+{ord(c):04X})" for c in chars[:10])
    more = f" and {len(chars) - 10} more" if len(chars) > 10 else ""
    return f"{len(chars)} character(s) no bundled font covers print as \ufffd: {shown}{more}"


def make_handout(plan: Plan, out_path: Path, *, overwrite: bool = False) -> Path:
    """Plan in, PDF file out, with the plan's clinic and library."""
    clinic = clinic_for(plan)
    handout = build_handout(plan, library_for(clinic), clinic)
    return render_pdf(handout, out_path, overwrite=overwrite)


def run_batch(
    csv_path: Path,
    settings: BatchSettings,
    report: BatchReport,
    *,
    jobs: int | None = None,
    rows: int | None = None,
    outbox: Outbox | None = None,
) -> Iterator[RowOutcome]:
    """Make (and with ``outbox``, email) one handout per CSV row; yield each row's outcome.

    ``rows`` (the count, if known) avoids starting more workers than rows.
    Emails go out from this process, one connection for the whole batch, while
    the workers go on making PDFs; a failed email never removes the PDF.
    """
    from handouts.deliver.batch import run

    protected = settings.password.kind if settings.password else ""
    for outcome in run(csv_path, settings, jobs, rows):
        if outbox is not None and outcome.status != "failed" and outcome.path is not None:
            address = outcome.patient.email if outcome.patient else None
            if not address:
                outcome.email, outcome.email_failed = "not emailed: no email address", True
            else:
                try:
                    outcome.email = outbox.deliver(
                        outcome.path,
                        address,
                        patient=outcome.patient,
                        practitioner=outcome.practitioner,
                        protected=protected,
                    )
                except HandoutError as exc:
                    outcome.email, outcome.email_failed = f"not emailed: {exc.message}", True
        report.add(outcome)
        yield outcome
