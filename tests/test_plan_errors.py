"""Bad input gives one clear line naming the file, line and field."""

from __future__ import annotations

from pathlib import Path

import pytest

from handouts import api
from handouts.errors import HandoutError, InputFileError, UnknownIdError, ValidationError
from handouts.models.library import Library


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "plan.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def error_of(path: Path, library: Library | None = None) -> HandoutError:
    with pytest.raises(HandoutError) as caught:
        plan = api.load_plan(path)
        clinic = api.clinic_for(plan)
        api.build_handout(plan, library or api.library_for(clinic), clinic)
    assert "\n" not in caught.value.message
    return caught.value


def test_yaml_syntax_error_names_the_line(tmp_path: Path) -> None:
    err = error_of(write(tmp_path, "patient:\n  name: Jane\nexercises: [a, b\n"))
    assert isinstance(err, InputFileError)
    assert err.message.endswith(
        "plan.yaml:3: line 3: the list opened with '[' is never closed: "
        "end it with ']' on the same line"
    )
    assert err.line == 3


def test_invalid_number_message(tmp_path: Path) -> None:
    err = error_of(
        write(tmp_path, "patient: {name: Jane}\nexercises:\n  - id: step-ups\n    sets: three\n")
    )
    assert isinstance(err, ValidationError)
    assert err.message.endswith(
        "plan.yaml:4: exercise 1 (step-ups), sets: expected a whole number from 1 to 20, "
        "or a range like 2-3, got 'three'"
    )


def test_unknown_exercise_with_suggestion(tmp_path: Path, library: Library) -> None:
    err = error_of(
        write(
            tmp_path, "patient: {name: Jane}\nexercises:\n  - step-ups\n  - hip-flexer-stretch\n"
        ),
        library,
    )
    assert isinstance(err, UnknownIdError)
    assert (
        "plan.yaml:4: exercise 2 (hip-flexer-stretch): unknown exercise 'hip-flexer-stretch'"
        in err.message
    )
    assert "did you mean 'hip-flexor-stretch'?" in err.message


def test_unknown_section_with_suggestion(tmp_path: Path, library: Library) -> None:
    err = error_of(write(tmp_path, "patient: {name: Jane}\nsections: [psoas/sign]\n"), library)
    assert "section 1 (psoas/sign): unknown section 'psoas/sign'" in err.message
    assert "did you mean 'psoas/signs'?" in err.message


def test_missing_patient_name(tmp_path: Path) -> None:
    err = error_of(write(tmp_path, "patient: {email: a@b.example}\n"))
    assert "patient.name: required field is missing" in err.message


def test_unknown_key_lists_known_ones(tmp_path: Path) -> None:
    err = error_of(write(tmp_path, "patient: {name: Jane}\nexcercises: [step-ups]\n"))
    assert err.message.endswith("plan.yaml:2: excercises: unknown field: did you mean exercises?")


def test_duplicate_keys_and_aliases_are_rejected(tmp_path: Path) -> None:
    err = error_of(write(tmp_path, "patient: {name: Jane}\npatient: {name: Joe}\n"))
    assert "plan.yaml:2: line 2: patient appears twice in the same block (also on line 1)" in (
        err.message
    )
    err = error_of(write(tmp_path, "patient: {name: *x}\n"))
    assert "plan.yaml:1: line 1: a value cannot start with '*' in YAML" in err.message


def test_text_stays_text(tmp_path: Path) -> None:
    plan = api.load_plan(write(tmp_path, "patient: {name: No, reference: 0012}\n"))
    assert plan.patient.name == "No"
    assert plan.patient.reference == "0012"


def test_per_day_and_per_week_together(tmp_path: Path) -> None:
    err = error_of(
        write(
            tmp_path,
            "patient: {name: J}\nexercises:\n  - {id: step-ups, per_day: 2, per_week: 3}\n",
        )
    )
    assert "give per_day or per_week, not both" in err.message


def test_a_plan_that_is_not_a_mapping(tmp_path: Path) -> None:
    err = error_of(write(tmp_path, "- just\n- a list\n"))
    assert "expected a mapping" in err.message


def test_missing_plan_file(tmp_path: Path) -> None:
    err = error_of(tmp_path / "nope.yaml")
    assert err.message.endswith("nope.yaml: file not found")


def test_missing_logo(tmp_path: Path) -> None:
    (tmp_path / "clinic.yaml").write_text("name: Test Clinic\nlogo: missing.png\n")
    plan = write(tmp_path, "patient: {name: J}\nclinic: clinic.yaml\n")
    err = error_of(plan)
    assert "clinic.yaml:2: logo: file not found: missing.png" in err.message


def test_logo_outside_the_clinic_folder_is_refused(tmp_path: Path) -> None:
    (tmp_path / "clinic").mkdir()
    (tmp_path / "secret.png").write_bytes(b"x")
    (tmp_path / "clinic" / "clinic.yaml").write_text("name: T\nlogo: ../secret.png\n")
    err = error_of(write(tmp_path, "patient: {name: J}\nclinic: clinic/clinic.yaml\n"))
    assert "logo" in err.message and "outside the folder" in err.message


def test_bad_colour(tmp_path: Path) -> None:
    clinic_dir = tmp_path / "c"
    clinic_dir.mkdir()
    (clinic_dir / "logo.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>'
    )
    (clinic_dir / "clinic.yaml").write_text("name: T\nlogo: logo.svg\ncolours: {primary: blue}\n")
    err = error_of(write(tmp_path, "patient: {name: J}\nclinic: c/clinic.yaml\n"))
    assert "clinic.yaml:3: colours.primary: expected a colour such as #1d5c8c, got 'blue'" in (
        err.message
    )


SECRET = "Wren Halloway-Secret"


@pytest.mark.parametrize(
    ("field", "value", "problem"),
    [
        ("patient.name", SECRET * 20, "text is too long (at most 300 characters)"),
        ("patient.email", SECRET * 20, "text is too long (at most 300 characters)"),
        ("patient.reference", SECRET * 20, "text is too long (at most 300 characters)"),
        ("practitioner.role", SECRET * 20, "text is too long (at most 300 characters)"),
        ("next_appointment", SECRET * 20, "text is too long (at most 300 characters)"),
        ("notes", SECRET * 1200, "text is too long (at most 20000 characters)"),
        ("goals", SECRET * 1200, "text is too long (at most 20000 characters)"),
    ],
)
def test_free_text_errors_name_the_field_never_the_value(
    tmp_path: Path, field: str, value: str, problem: str
) -> None:
    top, _, leaf = field.partition(".")
    data: dict[str, object] = {
        "patient": {"name": "Jane"},
        "practitioner": {"name": "Sam"},
        "exercises": ["step-ups"],
    }
    if leaf:
        data[top] = {**data[top], leaf: value}  # type: ignore[dict-item]
    else:
        data[top] = value
    import yaml

    path = write(tmp_path, yaml.safe_dump(data))
    err = error_of(path)
    assert err.message.endswith(f"{field}: {problem}")
    assert "Wren" not in err.message and "Secret" not in err.message
