"""``handouts make --summary``: what was prescribed, as text for the clinical notes."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from handouts.cli import main
from tests.conftest import write_plan


def test_summary_lists_the_final_prescription(tmp_path: Path) -> None:
    plan = write_plan(
        tmp_path,
        {
            "patient": {"name": "Jane Doe"},
            "practitioner": {"name": "Sam Patel"},
            "date": "2026-11-24",
            "programme": "psoas-starter",
            "remove": ["lower-back-stretch", "psoas/avoid"],
            "exercises": [
                {"id": "hip-flexor-stretch", "sets": 4},
                {"id": "step-ups", "reps": 6, "notes": "Bottom stair only."},
            ],
            "next_appointment": "2026-12-08 10:30",
        },
    )
    out = tmp_path / "jane.pdf"
    result = CliRunner().invoke(main, ["make", str(plan), "-o", str(out), "--summary"])
    assert result.exit_code == 0, result.output
    assert out.is_file()
    # stdout is only the summary; the "Wrote …" line goes to stderr.
    assert result.stdout.splitlines() == [
        "Home exercise programme for Jane Doe, 2026-11-24 (Sam Patel, Riverside Sports Therapy).",
        "Programme: psoas-starter, without lower-back-stretch, psoas/avoid.",
        "Education: What your psoas does; Things to do.",
        "Exercises (4):",
        "- Hip flexor stretch: hold 30 s, 4 times, twice a day, each side.",
        "- Knee lifts lying down: 2 × 8, once a day, each side.",
        "- Foam roll for the front of the hip: hold 45 s, once a day, each side. "
        "Note: Start gently and take most of your weight on your arms.",
        "- Step-ups: 3 × 6, 3 times a week, each side. Note: Bottom stair only.",
        "Next appointment: Tuesday 8 December 2026, 10:30",
    ]
    assert f"Wrote {out}" in result.stderr


def test_without_summary_stdout_is_the_wrote_line(tmp_path: Path) -> None:
    out = tmp_path / "j.pdf"
    result = CliRunner().invoke(
        main, ["make", "--patient", "J D", "--exercise", "step-ups", "-o", str(out)]
    )
    assert result.exit_code == 0
    assert result.stdout.startswith(f"Wrote {out}")
    assert "Exercises (" not in result.stdout


def test_summary_keeps_patient_text_plain(tmp_path: Path) -> None:
    out = tmp_path / "j.pdf"
    result = CliRunner().invoke(
        main,
        [
            "make",
            "--patient",
            "<b>Jo</b> & Co",
            "--exercise",
            "step-ups:notes=Mind <the> step & rail",
            "-o",
            str(out),
            "--summary",
        ],
    )
    assert result.exit_code == 0, result.output
    assert "for <b>Jo</b> & Co," in result.stdout
    assert "Note: Mind <the> step & rail" in result.stdout


def test_programme_from_flags(tmp_path: Path) -> None:
    out = tmp_path / "j.pdf"
    args = ["make", "--patient", "J D", "--programme", "runner-hip-flexors", "-o", str(out)]
    result = CliRunner().invoke(
        main,
        [
            *args,
            "--remove",
            "step-ups",
            "--remove",
            "psoas/signs",
            "--exercise",
            "floor-superman:sets=2",
            "--summary",
        ],
    )
    assert result.exit_code == 0, result.output
    assert "Programme: runner-hip-flexors, without step-ups, psoas/signs." in result.stdout
    assert "- Floor superman: 2 × 8, hold 3 s, 3 times a week." in result.stdout
    assert "Step-ups" not in result.stdout
    assert "Exercises (5):" in result.stdout
