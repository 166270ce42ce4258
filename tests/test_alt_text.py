"""Alt text: every illustration is described in words for a patient who cannot see it.

The description is the exercise's ``alt:`` (plain text, read like the title:
length limit, control and direction characters removed); without one, the card
says "Illustration: <title>" and ``handouts check`` warns.  The logo's
description is the clinic's name.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from handouts import api
from handouts.cli import main
from handouts.compose.handout import Card, Handout
from handouts.errors import ValidationError
from handouts.load.library import load_exercise, load_library
from handouts.models.library import Library
from handouts.models.rich import plain
from tests.conftest import REPO, base_md

EXERCISE = """\
---
id: wall-sit
title: {title}
illustrations: [../illustrations/wall-sit.svg]
{alt}level: beginner
prescription:
  sets: 2
  hold_seconds: 20
safety: Stop if your knees hurt.
---

1. Stand with your back against a wall.
2. Slide down until your knees are bent.
3. Hold, then slide back up.
"""
SIT_TO_STAND = Path("library") / "exercises" / "sit-to-stand.md"


def run(*args: str | Path) -> Result:
    return CliRunner().invoke(main, [str(a) for a in args])


def _library(tmp_path: Path, alt: str | None, title: str = "Wall sit") -> Path:
    """A library folder with one exercise; ``alt`` is the YAML value as written, or None."""
    folder = tmp_path / "lib"
    (folder / "exercises").mkdir(parents=True)
    (folder / "illustrations").mkdir()
    pose = REPO / "assets" / "scaffold" / "library" / "illustrations" / "sit-to-stand.svg"
    (folder / "illustrations" / "wall-sit.svg").write_bytes(pose.read_bytes())
    line = "" if alt is None else f"alt: {alt}\n"
    (folder / "exercises" / "wall-sit.md").write_text(
        EXERCISE.format(title=title, alt=line), encoding="utf-8"
    )
    return folder


def _card(library: Library, exercise_id: str = "wall-sit") -> Card:
    return _handout(library, exercise_id).cards[0]


def _handout(library: Library, exercise_id: str = "wall-sit") -> Handout:
    plan = api.load_plan(None, {"patient": {"name": "Jane Doe"}, "exercises": [exercise_id]})
    return api.build_handout(plan, library, api.load_clinic())


# --- loading and composing ------------------------------------------------------------


def test_alt_is_read_from_front_matter_and_reaches_the_card(tmp_path: Path) -> None:
    folder = _library(tmp_path, "A person leans back against a wall with knees bent.")
    exercise = load_exercise(folder / "exercises" / "wall-sit.md", folder)
    assert exercise.text.alt == "A person leans back against a wall with knees bent."
    card = _card(load_library([folder]))
    assert card.alt == "A person leans back against a wall with knees bent."


def test_alt_written_over_several_lines_is_one_line(tmp_path: Path) -> None:
    folder = _library(tmp_path, ">\n  A person leans back\n  against a wall,\n\n  knees bent.")
    assert _card(load_library([folder])).alt == "A person leans back against a wall, knees bent."


def test_without_alt_the_card_says_illustration_and_the_plain_title(tmp_path: Path) -> None:
    folder = _library(tmp_path, None, title='"**Wall** sit <b>& hold</b>"')
    card = _card(load_library([folder]))
    assert card.alt == "Illustration: Wall sit <b>& hold</b>"
    assert type(card.alt) is str  # plain text, never Markup: nothing escaped or to be parsed


def test_a_clinic_can_reword_the_fallback_and_an_old_labels_copy_still_works(
    tmp_path: Path,
) -> None:
    labels = (REPO / "templates" / "labels.j2").read_text(encoding="utf-8")
    assert '{% set illustration = "Illustration" %}' in labels
    for wording, expected in [("Ilustración", "Ilustración: Wall sit"), (None, None)]:
        clinic = tmp_path / f"clinic-{wording}"
        assert run("init", clinic).exit_code == 0
        (clinic / "templates" / "labels.j2").write_text(
            labels.replace('"Illustration"', f'"{wording}"')
            if wording
            else re.sub(r".*set illustration = .*\n", "", labels),
            encoding="utf-8",
        )
        (clinic / "library" / "exercises" / "wall-sit.md").write_text(
            EXERCISE.format(title="Wall sit", alt=""), encoding="utf-8"
        )
        pictures = clinic / "library" / "illustrations"
        (pictures / "wall-sit.svg").write_bytes((pictures / "sit-to-stand.svg").read_bytes())
        plan = api.load_plan(None, {"patient": {"name": "Jane"}, "exercises": ["wall-sit"]})
        chosen = api.load_clinic(clinic / "clinic.yaml")
        card = api.build_handout(plan, api.library_for(chosen), chosen).cards[0]
        assert card.alt == (expected or "Illustration: Wall sit")


def test_every_card_of_the_demo_has_a_description(library: Library) -> None:
    plan = api.load_plan(REPO / "assets" / "demo-plan.yaml")
    handout = api.build_handout(plan, library, api.load_clinic())
    assert handout.cards
    for card in handout.cards:
        assert card.alt and not card.alt.startswith("Illustration:"), card.id


def test_the_logo_is_described_by_the_clinic_name(tmp_path: Path) -> None:
    handout = _handout(api.load_library(), "step-ups")
    assert handout.brand.logo_alt == handout.brand.name == "Riverside Sports Therapy"
    clinic = tmp_path / "clinic"
    assert run("init", clinic).exit_code == 0
    profile = clinic / "clinic.yaml"
    profile.write_text(
        profile.read_text(encoding="utf-8").replace(
            "name: Your Clinic Name", 'name: "Bay\\u202e  <b>Physio</b>\\e[1m"'
        ),
        encoding="utf-8",
    )
    chosen = api.load_clinic(profile)
    plan = api.load_plan(None, {"patient": {"name": "Jane"}, "exercises": ["step-ups"]})
    brand = api.build_handout(plan, api.library_for(chosen), chosen).brand
    assert brand.logo_alt == "Bay <b>Physio</b>"


# --- hostile values -------------------------------------------------------------------


def test_markup_in_alt_stays_literal_plain_text(tmp_path: Path) -> None:
    folder = _library(tmp_path, "\"<img src='x'/> A person & a <b>wall</b> **sits**\"")
    card = _card(load_library([folder]))
    assert card.alt == "<img src='x'/> A person & a <b>wall</b> **sits**"
    assert type(card.alt) is str


def test_control_and_direction_characters_are_removed_from_alt(tmp_path: Path) -> None:
    folder = _library(tmp_path, '"A\\e[31m person\\u202e sits\\u200b against\\x07 a wall."')
    assert _card(load_library([folder])).alt == "A person sits against a wall."


def test_alt_of_nothing_but_invisible_characters_falls_back(tmp_path: Path) -> None:
    folder = _library(tmp_path, '"\\u200b\\u202e\\e[0m"')
    assert _card(load_library([folder])).alt == "Illustration: Wall sit"


@pytest.mark.parametrize(
    ("alt", "message"),
    [
        ("x" * 301, "alt: text is too long (at most 300 characters)"),
        ('""', "alt: must not be empty"),
        ("[a person, a wall]", "alt: expected text, got a list"),
    ],
    ids=["too-long", "empty", "a-list"],
)
def test_bad_alt_is_one_line_naming_file_line_and_field(
    tmp_path: Path, alt: str, message: str
) -> None:
    folder = _library(tmp_path, alt)
    path = folder / "exercises" / "wall-sit.md"
    with pytest.raises(ValidationError) as caught:
        load_exercise(path, folder)
    assert str(caught.value) == f"{path}:5: {message}"
    result = run("check", folder)
    assert result.exit_code == 1
    assert f"exercises/wall-sit.md:5: {message}" in result.output


# --- handouts check -------------------------------------------------------------------


def test_check_warns_about_a_clinic_exercise_without_alt(tmp_path: Path) -> None:
    clinic = tmp_path / "clinic"
    assert run("init", clinic).exit_code == 0
    exercise = clinic / SIT_TO_STAND
    text = exercise.read_text(encoding="utf-8")
    exercise.write_text(re.sub(r"\nalt: .*", "", text), encoding="utf-8")
    result = run("check", clinic)
    assert result.exit_code == 0, result.output  # a warning, not an error
    assert re.search(
        r"^\S*sit-to-stand\.md:6: alt: warning: no alt text for the picture", result.output, re.M
    ), result.output
    assert result.output.strip().endswith("0 errors, 1 warning.")
    assert run("check", "--strict", clinic).exit_code == 1


def test_check_warns_when_alt_loses_characters(tmp_path: Path) -> None:
    clinic = tmp_path / "clinic"
    assert run("init", clinic).exit_code == 0
    exercise = clinic / SIT_TO_STAND
    text = exercise.read_text(encoding="utf-8")
    hostile = '\nalt: "\\u202eA person stands up from a chair."'  # YAML's escape, not a raw one
    text = re.sub(r"\nalt: .*", lambda _: hostile, text)
    exercise.write_text(text, encoding="utf-8")
    lines = run("check", clinic).output.splitlines()
    assert any(
        "sit-to-stand.md:8: alt: warning: text-direction controls are removed" in line
        for line in lines
    ), lines


def test_the_starter_clinic_has_no_alt_warning(tmp_path: Path) -> None:
    clinic = tmp_path / "clinic"
    assert run("init", clinic).exit_code == 0
    result = run("check", "--strict", clinic)
    assert result.exit_code == 0, result.output
    assert "alt" not in result.output


def test_the_bundled_library_has_no_alt_warning() -> None:
    result = run("check", "--strict", REPO / "assets" / "library")
    assert result.exit_code == 0, result.output
    assert "alt:" not in result.output


# --- the bundled descriptions ---------------------------------------------------------

BUNDLED = sorted(
    [
        *base_md(REPO / "assets" / "library" / "exercises"),
        *base_md(REPO / "assets" / "scaffold" / "library" / "exercises"),
    ]
)
# Words that describe the file, not the picture: a screen reader already says "figure".
GENERIC = re.compile(r"\b(image|picture|illustration|drawing|photo|graphic|icon)\b", re.I)


def _bundled(path: Path) -> tuple[str, str, str]:
    root = path.parent.parent
    exercise = load_exercise(path, root)
    assert exercise.text.alt is not None, f"{path.name}: no alt"
    return exercise.text.alt, plain(exercise.text.title), exercise.prescription.side.value


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: p.stem)
def test_every_bundled_exercise_has_a_real_description(path: Path) -> None:
    alt, title, side = _bundled(path)
    assert 60 <= len(alt) <= 250, f"{path.name}: {len(alt)} characters"
    assert not GENERIC.search(alt), f"{path.name}: says what the file is, not what it shows"
    assert alt.startswith("A person "), f"{path.name}: starts with who is in the picture"
    assert alt.endswith("."), f"{path.name}: a sentence"
    assert alt.count(".") <= 2, f"{path.name}: one or two sentences"
    assert title.lower() not in alt.lower(), f"{path.name}: repeats the title"
    if side == "both":  # one side is shown: the words say which
        assert re.search(r"\b(right|left)\b", alt), f"{path.name}: names no side"


def test_bundled_descriptions_are_all_different() -> None:
    alts = [_bundled(path)[0] for path in BUNDLED]
    assert len(set(alts)) == len(alts)
