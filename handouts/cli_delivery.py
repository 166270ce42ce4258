"""The delivery commands (``batch``, ``send``, ``print``): thin Click layers over the library.

Kept apart from ``cli.py`` so the file-making commands and the delivery
commands can change independently; ``cli.py`` registers these on ``main``.
As there, library imports stay inside the commands so ``--help`` is fast.
"""

from __future__ import annotations

import contextlib
import signal
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import click

# Shared by every command (cli.py and cli_clinic.py import it from here).
CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


def delivery_options(func: Any) -> Any:
    """``--eml``, ``--resend`` and ``--password-from``, shared by ``make`` and ``batch``."""
    func = click.option(
        "--password-from",
        "password_from",
        metavar="dob|prompt|env:VAR",
        help="Encrypt the PDF (AES-256) with the patient's date of birth as DDMMYYYY, "
        "a password typed at a prompt (once per run), or one from an environment variable.",
    )(func)
    func = click.option(
        "--resend", is_flag=True, help="Email again even if the sent log says it was sent."
    )(func)
    return click.option(
        "--eml", is_flag=True, help="Write an email draft (.eml) beside the PDF instead of sending."
    )(func)


def password_from_option(spec: str | None) -> Any:
    """The ``--password-from`` value as a password source; ``prompt`` asks here, hidden, twice."""
    if spec is None:
        return None
    from handouts.api import password_source

    def ask() -> str:
        return str(click.prompt("Password for the PDF", hide_input=True, confirmation_prompt=True))

    return password_source(spec, ask)


@click.command(context_settings=CONTEXT)
@click.argument("patients", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--plan",
    type=click.Path(dir_okay=False, path_type=Path),
    help="The plan every row shares (rows may name their own in a 'plan' column).",
)
@click.option(
    "--out-dir",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path(),
    show_default=True,
    help="Folder for the PDFs, the report and the sent log.",
)
@click.option(
    "--clinic",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Clinic profile for every row (default: the plan's).",
)
@click.option(
    "--report",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Where to write the outcome of every row (default: OUT_DIR/batch-report.csv).",
)
@click.option("--jobs", type=click.IntRange(1, 256), help="Worker processes (default: all cores).")
@click.option("--force", is_flag=True, help="Make every handout again, replacing existing files.")
@click.option("--email", "--send", "send", is_flag=True, help="Email each PDF to the row's email.")
@click.option(
    "--language",
    metavar="CODE",
    help="Handout language for rows whose 'language' column and plan name none (e.g. es).",
)
@click.option(
    "--fallback",
    type=click.Choice(["en"]),
    help="Print untranslated items in English, marked (English), instead of failing the row.",
)
@delivery_options
def batch(
    patients: Path,
    plan: Path | None,
    out_dir: Path,
    clinic: Path | None,
    report: Path | None,
    jobs: int | None,
    force: bool,
    send: bool,
    eml: bool,
    resend: bool,
    password_from: str | None,
    language: str | None,
    fallback: str | None,
) -> None:
    """Make one handout per row of a PATIENTS list (CSV), using every core.

    Columns: name, email, date_of_birth (or dob), reference, practitioner,
    notes, programme, language, plan.  Running the same command again skips handouts already made,
    so an interrupted batch simply finishes.

    \b
    Examples:
      handouts batch examples/patients.csv --plan examples/beginner-psoas.yaml --out-dir out
      handouts batch patients.csv --plan plan.yaml --out-dir out --password-from dob --email
    """
    from handouts import api
    from handouts.errors import debugging

    settings, found = api.start_batch(
        patients,
        plan=plan,
        out_dir=out_dir,
        clinic=clinic,
        force=force,
        password=password_from_option(password_from),
        language=language,
        fallback=fallback,
    )
    encoding = api.csv_encoding(patients)
    if not encoding.startswith("UTF-8"):  # say so: a wrong guess would show in every name
        click.echo(f"{patients.name}: read as {encoding}", err=True)
    for choice in found.clinics:
        note = api.sample_warning(choice)
        if note:
            click.echo(f"Warning: {note}", err=True)
        for notice in api.colour_warnings(choice):
            click.echo(f"Warning: {notice}", err=True)
    with (
        api.BatchReport(report or settings.out_dir / "batch-report.csv") as log,
        contextlib.ExitStack() as stack,
    ):
        boxes = (
            api.open_outboxes(found.clinics, stack, drafts=eml, resend=resend)
            if send or eml
            else None
        )
        outcomes = api.run_batch(
            patients, settings, log, jobs=jobs, rows=found.rows, outboxes=boxes, debug=debugging()
        )
        try:
            with _sigterm_as_interrupt():
                _show_progress(outcomes, found.rows)
        except KeyboardInterrupt:
            click.echo(f"\nInterrupted: {log.summary()}", err=True)
            click.echo("Run the same command again to finish the rest.", err=True)
            raise click.exceptions.Exit(130) from None
    click.echo(log.summary())
    click.echo(f"Report: {log.path}")
    if log.failed_rows:
        raise click.exceptions.Exit(1)


@contextlib.contextmanager
def _sigterm_as_interrupt() -> Iterator[None]:
    """SIGTERM (a service stop, ``kill``) stops a batch the way Ctrl-C does."""

    def stop(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _show_progress(outcomes: Any, total: int) -> None:
    """A progress bar on a terminal; one plain line per row otherwise (logs, pipes)."""
    if sys.stdout.isatty():
        with click.progressbar(
            outcomes, length=total, label="Making handouts", show_pos=True, show_eta=True
        ) as bar:
            for outcome in bar:
                if outcome.failed:
                    click.echo(f"\nrow {outcome.number}: {_said(outcome)}", err=True)
                _warn(outcome, "\n")
        return
    for outcome in outcomes:
        click.echo(f"row {outcome.number}: {_said(outcome)}", err=outcome.failed)
        _warn(outcome)


def _warn(outcome: Any, before: str = "") -> None:
    for notice in outcome.notices:
        click.echo(f"{before}row {outcome.number}: warning: {notice}", err=True)


def _said(outcome: Any) -> str:
    what = {"written": "wrote", "exists": "already done", "failed": "FAILED"}[outcome.status]
    parts = [what]
    if outcome.path is not None:
        parts.append(str(outcome.path.name))
    if outcome.reason:
        parts.append(f"({outcome.reason})")
    email = outcome.email_error or (outcome.delivery.describe() if outcome.delivery else "")
    if email:
        parts.append(f"– {email}")
    return " ".join(parts)


@click.command(context_settings=CONTEXT)
@click.argument("handout", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--to", "to", required=True, metavar="ADDRESS", help="Recipient's email address.")
@click.option("--patient", help="Patient's name, for the greeting (default: 'Hello,').")
@click.option(
    "--clinic",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Clinic profile with the smtp settings (default: the bundled example clinic).",
)
@click.option("--eml", is_flag=True, help="Write an email draft (.eml) beside the PDF instead.")
@click.option("--resend", is_flag=True, help="Send again even if the sent log says it was sent.")
@click.option(
    "--protected",
    type=click.Choice(["dob", "other"]),
    help="Say in the email that the PDF is password protected (and how).",
)
def send(
    handout: Path,
    to: str,
    patient: str | None,
    clinic: Path | None,
    eml: bool,
    resend: bool,
    protected: str | None,
) -> None:
    """Email a HANDOUT PDF through the clinic's mail server (or write a draft).

    The password comes from HANDOUTS_SMTP_PASSWORD (or the variable the clinic
    profile names) or the system keyring, never from a file.  A handout is not
    sent to the same address twice unless --resend (see sent-log.csv).

    \b
    Examples:
      handouts send jane-doe-2026-11-24.pdf --to jane@example.org --clinic clinic.yaml
      handouts send jane-doe-2026-11-24.pdf --to jane@example.org --eml
    """
    from handouts import api

    delivery = api.send_file(
        handout, to, patient=patient, clinic=clinic, drafts=eml, resend=resend, protected=protected
    )
    click.echo(delivery.describe())
    if not delivery.settled:  # may have been sent: a person must look
        raise click.exceptions.Exit(1)


@click.command("print", context_settings=CONTEXT)
@click.argument(
    "handouts", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path)
)
@click.option("--printer", metavar="NAME", help="Printer name (default: the system's default).")
@click.option("--copies", type=click.IntRange(1, 100), default=1, show_default=True)
@click.option("--duplex", is_flag=True, help="Print on both sides of the paper.")
def print_(handouts: tuple[Path, ...], printer: str | None, copies: int, duplex: bool) -> None:
    """Print HANDOUTS (PDF files) through the system's print service.

    \b
    Examples:
      handouts print jane-doe-2026-11-24.pdf
      handouts print out/*.pdf --printer Reception --duplex --copies 2
    """
    from handouts.api import print_files

    reply = print_files(list(handouts), printer=printer, copies=copies, duplex=duplex)
    click.echo(reply or f"Sent {len(handouts)} file(s) to the printer")
