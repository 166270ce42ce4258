"""Programmes: reusable sets of sections and exercises, changed per patient in a plan."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from handouts import api
from handouts.errors import UnknownIdError, ValidationError
from handouts.models.library import Library
from tests.conftest import Pdf, write_plan

PATIENT = {"name": "Jane Doe"}


def doses(pdf: Pdf) -> list[str]:
    """Each card's dose line, in page order."""
    return [d.strip() for d in re.findall(r"YOUR DOSE (.+?) (?:Note for you|Tips:|⚠)", pdf.text)]


def test_bundled_library_ships_two_psoas_programmes(library: Library) -> None:
    assert {"psoas-starter", "runner-hip-flexors"} <= set(library.programmes)
    for programme in library.programmes.values():
        assert all(c.id in library.exercises for c in programme.exercises)
        assert all(s in library.sections for s in programme.sections)


def test_programme_gives_its_sections_exercises_and_doses(render: Callable[..., Pdf]) -> None:
    pdf = render({"patient": PATIENT, "date": "2026-11-24", "programme": "psoas-starter"})
    titles = [
        "Hip flexor stretch",
        "Knees to chest stretch",
        "Knee lifts lying down",
        "Foam roll for the front of the hip",
    ]
    at = [pdf.text.index(t) for t in titles]
    assert at == sorted(at)  # in the programme's order
    assert "Things to avoid" in pdf.text
    # The programme's own dose for the lying hip flexion (library default: 2 sets of 10).
    assert "2 sets of 8 repetitions. Do this on each side, once a day." in doses(pdf)
    assert "Step-ups" not in pdf.text


def test_plan_removes_redoses_and_adds(render: Callable[..., Pdf]) -> None:
    pdf = render(
        {
            "patient": PATIENT,
            "date": "2026-11-24",
            "programme": "psoas-starter",
            "remove": ["lower-back-stretch", "psoas/avoid"],
            "exercises": [
                {"id": "hip-flexor-stretch", "sets": 4, "per_week": 5},
                {"id": "step-ups", "reps": 6, "notes": "Bottom stair only."},
            ],
        }
    )
    assert "Knees to chest stretch" not in pdf.text
    assert "Things to avoid" not in pdf.text
    assert doses(pdf) == [
        # Re-dosed: sets and frequency changed, hold and side kept from the programme.
        "Hold for 30 seconds. Do this 4 times on each side, 5 times a week.",
        "2 sets of 8 repetitions. Do this on each side, once a day.",
        "Hold for 45 seconds. Do this on each side, once a day.",
        # Added after the programme's exercises, with the library's dose and the plan's reps.
        "3 sets of 6 repetitions. Do this on each side, 3 times a week.",
    ]
    assert "Bottom stair only." in pdf.text
    assert pdf.page_of("Step-ups") >= pdf.page_of("Foam roll for the front of the hip")


def test_unknown_programme_names_the_plan_line(tmp_path: Path, library: Library) -> None:
    plan = api.load_plan(write_plan(tmp_path, {"patient": PATIENT, "programme": "psoas-startr"}))
    with pytest.raises(UnknownIdError, match=r"plan.yaml:3: programme: .*'psoas-starter'"):
        api.build_handout(plan, library, api.load_clinic())


def test_removing_what_the_programme_lacks_is_an_error(tmp_path: Path, library: Library) -> None:
    data = {"patient": PATIENT, "programme": "psoas-starter", "remove": ["step-ups"]}
    plan = api.load_plan(write_plan(tmp_path, data))
    with pytest.raises(
        UnknownIdError, match=r"remove, item 1 \(step-ups\): 'step-ups' is not in programme"
    ):
        api.build_handout(plan, library, api.load_clinic())


def test_remove_without_programme_is_an_error(tmp_path: Path, library: Library) -> None:
    plan = api.load_plan(write_plan(tmp_path, {"patient": PATIENT, "remove": ["step-ups"]}))
    with pytest.raises(ValidationError, match="remove only works with a programme"):
        api.build_handout(plan, library, api.load_clinic())


def test_listed_and_removed_is_an_error_not_a_silent_drop(tmp_path: Path, library: Library) -> None:
    data = {
        "patient": PATIENT,
        "programme": "psoas-starter",
        "remove": ["lower-back-stretch"],
        "exercises": [{"id": "lower-back-stretch", "sets": 2}],
    }
    plan = api.load_plan(write_plan(tmp_path, data))
    with pytest.raises(ValidationError, match="both listed and in remove"):
        api.build_handout(plan, library, api.load_clinic())


def test_programme_with_unknown_exercise_names_its_own_file(tmp_path: Path) -> None:
    lib = tmp_path / "lib"
    (lib / "programmes").mkdir(parents=True)
    # .yml works as well as .yaml
    (lib / "programmes" / "mine.yml").write_text(
        "id: mine\ntitle: Mine\nexercises:\n  - hip-flexor-stretch\n  - step-upz\n",
        encoding="utf-8",
    )
    library = api.load_library([lib])
    plan = api.load_plan(write_plan(tmp_path, {"patient": PATIENT, "programme": "mine"}))
    with pytest.raises(UnknownIdError, match=r"mine.yml:5: exercise 2 \(step-upz\): .*'step-ups'"):
        api.build_handout(plan, library, api.load_clinic())


def test_per_day_override_replaces_a_per_week_default(render: Callable[..., Pdf]) -> None:
    # step-ups default to 3 times a week; asking for once a day must say once a day.
    pdf = render({"patient": PATIENT, "exercises": [{"id": "step-ups", "per_day": 1}]})
    assert doses(pdf) == ["3 sets of 10 repetitions. Do this on each side, once a day."]


def test_list_and_show_programmes() -> None:
    from click.testing import CliRunner

    from handouts.cli import main

    listed = CliRunner().invoke(main, ["list", "programmes"])
    assert listed.exit_code == 0
    assert [line.split()[0] for line in listed.output.splitlines()] == [
        "ID",
        "ankle-starter",
        "knee-starter",
        "low-back-starter",
        "neck-starter",
        "psoas-starter",
        "runner-hip-flexors",
        "shoulder-starter",
    ]
    shown = CliRunner().invoke(main, ["show", "psoas-starter"])
    assert shown.exit_code == 0
    assert (
        "- hip-flexion-lying: 2 sets of 8 repetitions. Do this on each side, once a day."
        in shown.output
    )
    assert "- psoas/avoid" in shown.output


def test_intro_without_practitioner_keeps_the_space_between_sentences(
    render: Callable[..., Pdf],
) -> None:
    pdf = render({"patient": PATIENT, "programme": "psoas-starter"})
    assert "put this sheet together for you. It starts with some background" in pdf.text


def test_redosing_twice_is_an_error_not_a_silent_drop(tmp_path: Path, library: Library) -> None:
    data = {
        "patient": PATIENT,
        "programme": "psoas-starter",
        "exercises": [{"id": "hip-flexor-stretch", "sets": 2}, {"id": "hip-flexor-stretch"}],
    }
    plan = api.load_plan(write_plan(tmp_path, data))
    with pytest.raises(
        ValidationError, match=r"exercise 2 \(hip-flexor-stretch\): 'hip-flexor-stretch' is listed"
    ):
        api.build_handout(plan, library, api.load_clinic())


def test_since_compares_programme_plans_by_their_final_doses(
    tmp_path: Path, library: Library
) -> None:
    last = {"patient": PATIENT, "date": "2026-11-17", "programme": "psoas-starter"}
    now = {
        "patient": PATIENT,
        "date": "2026-11-24",
        "programme": "psoas-starter",
        "remove": ["lower-back-stretch"],
        "exercises": [{"id": "hip-flexor-stretch", "sets": 4}, "step-ups"],
    }
    previous = api.load_plan(write_plan(tmp_path, last, "last.yaml"))
    plan = api.load_plan(write_plan(tmp_path, now, "now.yaml"))
    clinic = api.load_clinic()
    handout = api.build_handout(plan, library, clinic, since=previous)
    out = api.render_pdf(handout, tmp_path / "o.pdf")
    text = Pdf(out.read_bytes()).text
    # The change mark, then the QR code's printed address and caption, then the title.
    assert (
        "Changed – now 4 sets, was 3 riverside-therapy.example/ videos/hip-flexor-stretch "
        "Scan for a video Hip flexor stretch"
    ) in text
    assert text.count("Changed –") == 1
    assert "New – added at this visit Step-ups" in text
    assert "Stopped – you no longer need to do: Knees to chest stretch" in text
