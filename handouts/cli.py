"""The ``handouts`` command: a thin Click layer over ``handouts.api``.

Why the imports inside each command: ``handouts --help``, ``list`` and ``show``
must start fast, so nothing here imports ReportLab, and the library stack is
only imported by the command that needs it.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import click

from handouts import __version__
from handouts.cli_clinic import check, init, schema
from handouts.cli_delivery import (
    CONTEXT,
    batch,
    delivery_options,
    password_from_option,
    print_,
    send,
)


@click.group(context_settings=CONTEXT)
@click.version_option(__version__, "-V", "--version", prog_name="handouts")
@click.option(
    "--debug",
    is_flag=True,
    help="Show the full traceback of an unexpected error (same as HANDOUTS_DEBUG=1).",
)
def main(debug: bool) -> None:
    """Make printable, clinic-branded exercise handouts for patients.

    \b
    First try:   handouts demo
    In browser:  handouts desk
    Browse:      handouts list exercises
    Make one:    handouts make --patient "Jane Doe" --exercise hip-flexor-stretch -o jane.pdf
    Your clinic: handouts init my-clinic && handouts check my-clinic
    """
    if debug:
        # An environment variable, so batch workers (other processes) see it too.
        os.environ["HANDOUTS_DEBUG"] = "1"


for command in (batch, send, print_, schema, init, check):
    main.add_command(command)


def _output_options(func: Any) -> Any:
    func = click.option(
        "--open", "open_after", is_flag=True, help="Open the PDF in the system viewer afterwards."
    )(func)
    func = click.option("--force", is_flag=True, help="Replace the output file if it exists.")(func)
    return click.option(
        "-o",
        "--output",
        type=click.Path(dir_okay=False, path_type=Path),
        help="Where to write the PDF (default: a name from patient and date).",
    )(func)


@main.command(context_settings=CONTEXT)
@click.argument("plan", required=False, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--patient", help="Patient's name.")
@click.option("--dob", help="Patient's date of birth (YYYY-MM-DD).")
@click.option("--email", help="Patient's email address.")
@click.option("--reference", help="Clinic reference number.")
@click.option("--practitioner", help="Practitioner's name.")
@click.option("--role", help="Practitioner's role.")
@click.option("--date", help="Date of the handout (YYYY-MM-DD; default today).")
@click.option(
    "--clinic",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Clinic profile (clinic.yaml); default: the plan's, $HANDOUTS_CLINIC, or a "
    "clinic.yaml here or in a parent folder.",
)
@click.option("--title", help="Handout title.")
@click.option("--section", multiple=True, metavar="ID", help="Article section id (repeatable).")
@click.option(
    "--exercise",
    multiple=True,
    metavar="ID[:k=v,…]",
    help="Exercise id, optionally with dose overrides after a colon (repeatable). Keys: "
    "sets, reps, hold_seconds, rest_seconds, tempo, per_day, per_week, side, load, notes. "
    "Counts and times may be ranges (8-12, 20-30s); times take units (30s, 1 min, 1:30).",
)
@click.option("--programme", metavar="ID", help="Start from this programme (list programmes).")
@click.option(
    "--remove", multiple=True, metavar="ID", help="Leave this out of the programme (repeatable)."
)
@click.option("--goals", help="Goals for the patient.")
@click.option("--notes", help="General notes for the patient.")
@click.option(
    "--next-appointment",
    "next_appointment",
    help='Next appointment: "2026-12-08 10:30" (printed in words) or any text.',
)
@click.option("--page-size", "page_size", type=click.Choice(["A4", "Letter"]), help="Paper size.")
@click.option("--diary/--no-diary", default=None, help="Add a tick-box exercise diary at the end.")
@click.option(
    "--diary-weeks",
    "diary_weeks",
    type=click.Choice([1, 2, 4]),
    help="How many weeks the diary covers (default 2); implies --diary.",
)
@click.option(
    "--diary-pain/--no-diary-pain",
    "diary_pain",
    default=None,
    help="Add a daily pain score (0-10) row to the diary; implies --diary.",
)
@click.option(
    "--glance/--no-glance",
    "at_a_glance",
    default=None,
    help="List every exercise with its dose on page one (default: on).",
)
@click.option(
    "--pain-guidance/--no-pain-guidance",
    "pain_guidance",
    default=None,
    help="Print how much discomfort is fine and when to stop or call (default: on).",
)
@click.option(
    "--layout",
    type=click.Choice(["standard", "compact"]),
    help="One exercise per row (standard) or two (compact: fewer pages).",
)
@click.option(
    "--large-print/--no-large-print",
    "large_print",
    default=None,
    help="16 pt text and bigger pictures, one exercise per row.",
)
@click.option(
    "--greyscale/--colour", default=None, help="No colour at all, for black-and-white printers."
)
@click.option(
    "--initials/--full-name",
    default=None,
    help='Print the patient\'s initials ("J. D.") instead of the full name.',
)
@click.option(
    "--since",
    type=click.Path(dir_okay=False, path_type=Path),
    metavar="PLAN",
    help="The patient's previous plan: mark new and changed exercises, list stopped ones.",
)
@click.option(
    "--library",
    "libraries",
    multiple=True,
    metavar="DIR",
    type=click.Path(file_okay=False, path_type=Path),
    help="Extra library folder overlaying the clinic's (repeatable).",
)
@click.option(
    "--language",
    metavar="CODE",
    help="The handout's language, e.g. es (default: the plan's, else the clinic's, else en).",
)
@click.option(
    "--fallback",
    type=click.Choice(["en"]),
    help="Print items that have no translation in English, marked (English), instead of stopping.",
)
@click.option(
    "--second-language",
    "second_language",
    metavar="CODE",
    help="Also print each section and exercise in this language, beneath (e.g. en).",
)
@click.option(
    "--summary",
    is_flag=True,
    help="Also print a plain-text summary of what was prescribed, for clinical notes.",
)
@_output_options
@click.option("--send", is_flag=True, help="Email the PDF to the patient's address (see README).")
@delivery_options
def make(
    plan: Path | None,
    clinic: Path | None,
    output: Path | None,
    force: bool,
    open_after: bool,
    libraries: tuple[Path, ...],
    since: Path | None,
    language: str | None,
    fallback: str | None,
    second_language: str | None,
    summary: bool,
    send: bool,
    eml: bool,
    resend: bool,
    password_from: str | None,
    **flags: Any,
) -> None:
    """Make a handout PDF from a PLAN file and/or flags (flags win).

    \b
    Examples:
      handouts make examples/beginner-psoas.yaml
      handouts make plan.yaml --patient "Jane Doe" -o jane.pdf
      handouts make plan.yaml --since last-visit.yaml --large-print
      handouts make plan.yaml --summary >> notes.txt
      handouts make --patient "Jane Doe" --section psoas/what-it-does \\
          --exercise "hip-flexor-stretch:hold_seconds=20-30s" \\
          --exercise "step-ups:sets=3,reps=8-12,rest_seconds=1 min" -o jane.pdf
      handouts make plan.yaml --password-from dob --send
    """
    from handouts import api

    if plan is None and not flags["patient"]:
        raise click.UsageError("give a PLAN file or at least --patient NAME")
    request = api.MakeRequest(
        plan_file=plan,
        overrides=api.plan_values(**flags),
        clinic=clinic,
        libraries=libraries,
        since=since,
        output=output,
        overwrite=force,
        password=password_from_option(password_from),
        send=api.Send.DRAFT if eml else api.Send.EMAIL if send else api.Send.NOTHING,
        resend=resend,
        summary=summary,
        language=language,
        fallback=fallback,
        second_language=second_language,
    )
    # With --summary, stdout carries only the summary (ready to paste or redirect).
    _report(api.make(request), open_after, err=summary)


@main.command(context_settings=CONTEXT)
@_output_options
def demo(output: Path | None, force: bool, open_after: bool) -> None:
    """Render the bundled example plan, for a first try.

    Writes handouts-demo.pdf (or handouts-demo-2.pdf … if that exists).

    \b
    Examples:
      handouts demo
      handouts demo -o demo.pdf --open
    """
    from handouts import api

    _report(api.demo(output, overwrite=force), open_after)


def _report(made: Any, open_after: bool, *, err: bool = False) -> None:
    """Say what was made (and sent) in one line each; warnings go to stderr."""
    from handouts import api

    sample = api.sample_warning(made.clinic)
    if sample:
        click.echo(f"Warning: {sample}", err=True)
    for notice in made.notices:
        click.echo(f"Warning: {notice}", err=True)
    if made.uncovered:
        click.echo(f"Warning: {made.path}: {api.replacement_warning(made.uncovered)}", err=True)
    noun = "exercise" if made.exercises == 1 else "exercises"
    locked = ", password protected" if made.protected else ""
    click.echo(
        f"Wrote {made.path} ({made.exercises} {noun}, {made.size / 1024:.0f} KB{locked})", err=err
    )
    if made.summary is not None:
        click.echo(made.summary)
    if open_after:
        click.launch(str(made.path))
    if made.delivery is not None:
        click.echo(made.delivery.describe(), err=err)
        if not made.delivery.settled:  # may have been sent: a person must look
            raise click.exceptions.Exit(1)


@main.command(context_settings=CONTEXT)
@click.option(
    "--clinic",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Clinic profile (clinic.yaml); default: $HANDOUTS_CLINIC, or a clinic.yaml here "
    "or in a parent folder.",
)
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    default=0,
    help="Port on 127.0.0.1 (default: a free one).",
)
@click.option("--no-browser", is_flag=True, help="Do not open the desk in the web browser.")
def desk(clinic: Path | None, port: int, no_browser: bool) -> None:
    """Open the clinic desk: make, preview, print, email and save handouts in your browser.

    The desk runs on this computer only (127.0.0.1), behind a secret address
    printed below; patient details never leave the machine. Ctrl-C stops it.

    \b
    Examples:
      handouts desk
      handouts desk --clinic ~/clinic/clinic.yaml --port 8800
    """
    from handouts.desk.server import launch

    started = launch(clinic, port)
    click.echo(f"Desk running at {started.url}")
    click.echo("Press Ctrl-C to stop the desk.", err=True)
    if not no_browser:
        click.launch(started.url)
    try:
        started.run()
    except KeyboardInterrupt:
        pass
    finally:
        started.close()
        click.echo("Desk stopped.", err=True)


@main.command("list", context_settings=CONTEXT)
@click.argument(
    "kind", type=click.Choice(["exercises", "sections", "programmes"]), default="exercises"
)
@click.option("--tag", help="Only items with this tag or body area.")
@click.option("--search", help="Only items whose id or title contains all these words.")
@click.option(
    "--clinic",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Include this clinic's own library.",
)
@click.option("--language", metavar="CODE", help="Titles in this language (e.g. es).")
def list_(
    kind: str, tag: str | None, search: str | None, clinic: Path | None, language: str | None
) -> None:
    """List what a plan can select, with ids.

    \b
    Examples:
      handouts list
      handouts list exercises --tag hip --search stretch
      handouts list sections
      handouts list programmes
    """
    from handouts.present import list_rows, sample_note

    _note(sample_note(clinic))
    for line in list_rows(kind, tag, search, clinic, language):
        click.echo(line)


@main.command(context_settings=CONTEXT)
@click.argument("item_id", metavar="ID")
@click.option(
    "--clinic",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Include this clinic's own library.",
)
@click.option("--language", metavar="CODE", help="Its words in this language (e.g. es).")
def show(item_id: str, clinic: Path | None, language: str | None) -> None:
    """Show an exercise, a section or a programme as text, with doses.

    \b
    Examples:
      handouts show hip-flexor-stretch
      handouts show psoas/what-it-does
      handouts show psoas-starter
    """
    from handouts.present import sample_note, show_text

    _note(sample_note(clinic))
    click.echo(show_text(item_id, clinic, language))


def _note(warning: str | None) -> None:
    if warning:
        click.echo(f"Note: {warning}", err=True)
