"""The commands a clinic uses to make the tool its own: ``schema``, ``init``, ``check``.

Kept apart from ``cli.py`` (which registers them on ``main``) so each file
stays small; as there, library imports stay inside the commands.
"""

from __future__ import annotations

from pathlib import Path

import click

from handouts.cli_delivery import CONTEXT


@click.command(context_settings=CONTEXT)
@click.argument("kind", type=click.Choice(["plan", "clinic", "exercise", "programme"]))
def schema(kind: str) -> None:
    """Print the JSON Schema of a plan, clinic profile, exercise or programme file.

    \b
    Save it and point your editor at it, for autocompletion and checking as you
    type; the first line of a plan file would then be
      # yaml-language-server: $schema=plan.schema.json
    Examples:
      handouts schema plan > plan.schema.json
      handouts schema clinic
    """
    from handouts.schema import schema_text

    click.echo(schema_text(kind), nl=False)


@click.command(context_settings=CONTEXT)
@click.argument(
    "folder", default=".", required=False, type=click.Path(file_okay=False, path_type=Path)
)
@click.option("--strict", is_flag=True, help="Treat warnings as errors (exit 1 on any).")
@click.pass_context
def check(ctx: click.Context, folder: Path, strict: bool) -> None:
    """Check a clinic FOLDER (default: here) and report every problem, one per line.

    Checks clinic.yaml (colours, logo, folders), the clinic's library (front matter,
    steps, safety notes, illustrations, duplicate ids), templates, programmes and
    plans/*.yaml. Warns about hard-to-read text (above Flesch–Kincaid grade 8),
    characters no bundled font prints, exercises without alt text for their
    pictures, programmes of more than 12 exercises and colours with too little
    contrast.
    Exits 0 when there are no errors, 1 otherwise.

    \b
    Examples:
      handouts check my-clinic
      handouts check --strict
    """
    from handouts.check import check_folder

    report = check_folder(folder)
    for finding in report.findings:
        click.echo(finding.format(relative_to=Path.cwd()))
    errors, warnings = len(report.errors), len(report.warnings)
    if errors or warnings:
        click.echo(f"{_count(errors, 'error')}, {_count(warnings, 'warning')}.")
    else:
        click.echo(f"No problems found in {_count(report.files, 'file')}.")
    if errors or (strict and warnings):
        ctx.exit(1)


def _count(n: int, thing: str) -> str:
    return f"{n} {thing}" if n == 1 else f"{n} {thing}s"


@click.command(context_settings=CONTEXT)
@click.argument("folder", type=click.Path(path_type=Path))
def init(folder: Path) -> None:
    """Make a starter clinic FOLDER: profile, logo, library, programme, template, plan.

    Never replaces a file that is already there; it says which it skipped.

    \b
    Example:
      handouts init my-clinic
    """
    from handouts.scaffold import init_folder

    result = init_folder(folder)
    for path in result.created:
        click.echo(f"created  {folder / path}")
    for path in result.skipped:
        click.echo(f"skipped  {folder / path} (already exists)")
    plan = folder / "plans" / "example-plan.yaml"
    click.echo(
        f"\nEdit {folder / 'clinic.yaml'} and replace {folder / 'logo.svg'} with your logo."
        " Then run:\n"
        f"  handouts check {folder}\n"
        f"  handouts list exercises --clinic {folder / 'clinic.yaml'}\n"
        f"  handouts make {plan} -o example.pdf"
    )
