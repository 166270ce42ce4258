"""Errors a clinician can act on: plain words, the line, the fix, and every problem at once.

A hand-edited plan goes wrong in a few typical ways: a tab, a note holding
': ', a quote left open, a line indented one space too many, a misspelt key.
Each class below is run through ``handouts make`` as a user would; the message
must name file and line, say what to type instead, use none of the parser's
jargon, and never repeat the patient's text (the name, the notes) it was given.
"""

from __future__ import annotations

import csv
import difflib
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from pydantic import BaseModel

from handouts.cli import main
from handouts.load.frontmatter import read_front_matter
from handouts.load.validate import problems
from handouts.load.yamlfile import YamlDoc
from handouts.models.plan import ExerciseChoice, Options, Patient, Plan

NAME = "Wren Halloway"  # the patient: no message may show any of it
NOTE = "Quillon Brackwater"  # a note about the patient: likewise
PRIVATE = ("Wren", "Halloway", "Quillon", "Brackwater")
# Words of PyYAML's and pydantic's own messages that mean nothing to a clinician.
JARGON = (
    "token",
    "mapping values",
    "block end",
    "<scalar>",
    "stream",
    "simple key",
    "expected ','",
    "found character",
    "Error:  ",
    "Traceback",
    "[0]",
    "[1]",
    "Extra inputs",
)


def make(tmp_path: Path, text: str, *flags: str) -> tuple[Path, Result]:
    plan = tmp_path / "plan.yaml"
    plan.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(main, ["make", str(plan), "-o", str(tmp_path / "o.pdf"), *flags])
    return plan, result


def refused(result: Result) -> list[str]:
    """The ``Error:`` lines of a refused ``make``, after checking nothing else went wrong."""
    assert result.exit_code == 1, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    lines = result.output.strip().splitlines()
    assert all(line.startswith("Error: ") for line in lines), result.output
    for word in (*PRIVATE, *JARGON):
        assert word not in result.output, (word, result.output)
    return lines


# (kind of mistake, plan text, line to report, words of the fix)
YAML_MISTAKES = [
    (
        "tab indent",
        f"patient:\n\tname: {NAME}\n",
        2,
        "line 2 starts with a tab: indent with spaces",
    ),
    (
        "tab before a list item",
        f"patient: {{name: {NAME}}}\nexercises:\n\t- step-ups\n",
        3,
        "line 3 starts with a tab: indent with spaces",
    ),
    (
        "tab after a key",
        f"patient:\n  name:\t{NAME}\n",
        2,
        "line 2 has a tab after 'name:': use spaces instead of tabs",
    ),
    (
        "': ' in a note",
        f"patient:\n  name: {NAME}\nnotes: {NOTE}: ice after\n",
        3,
        "line 3: a value containing ': ' must be in quotes, like notes: \"Remember: ice after\"",
    ),
    (
        "': ' in an exercise's note",
        f"patient: {{name: {NAME}}}\nexercises:\n  - id: step-ups\n    notes: {NOTE}: slow\n",
        4,
        "a value containing ': ' must be in quotes, like notes: \"Remember: ice after\"",
    ),
    (
        "': ' in the name",
        f"patient:\n  name: {NAME}: {NOTE}\n",
        2,
        "a value containing ': ' must be in quotes, like name: \"Remember: ice after\"",
    ),
    (
        "a note's second line holding ': '",
        f"patient: {{name: {NAME}}}\nnotes: {NOTE}\n  and {NOTE}: rest\n",
        3,
        "line 3 is indented more than line 2, so it reads as more of the value above",
    ),
    (
        "double quote never closed",
        f'patient:\n  name: "{NAME}\nnotes: {NOTE}\n',
        2,
        'line 2: the quote (") that starts a value is never closed: end the value with "',
    ),
    (
        "single quote never closed",
        f"patient:\n  name: '{NAME}\nnotes: {NOTE}\n",
        2,
        "line 2: the quote (') that starts a value is never closed",
    ),
    (
        "quote closed on a later line",
        f'patient:\n  name: "{NAME}\nnotes: "{NOTE}"\n',
        2,
        'line 2: the quote (") that starts a value is not closed on the same line',
    ),
    (
        "text after the closing quote",
        f'patient:\n  name: "{NAME}" {NOTE}\n',
        2,
        'text follows a closing quote ("): put the whole value inside the quotes',
    ),
    (
        "apostrophe inside single quotes",
        f"patient: {{name: {NAME}}}\nnotes: '{NOTE}'s knee'\n",
        2,
        "type it twice ('Don''t')",
    ),
    (
        "key indented too far",
        f"patient:\n  name: {NAME}\n    date_of_birth: 1980-01-02\n",
        3,
        "line 3 is indented more than line 2, so it reads as more of the value above: "
        "line up 'date_of_birth:' with the keys it belongs with",
    ),
    (
        "keys of one block not lined up",
        f"patient:\n    name: {NAME}\n  date_of_birth: 1980-01-02\n",
        3,
        "line 3 is indented by 2 spaces and line 2 by 4 spaces: "
        "lines that belong together must start in the same column",
    ),
    (
        "list items not lined up",
        f"patient: {{name: {NAME}}}\nexercises:\n  - step-ups\n - hip-flexor-stretch\n",
        4,
        "line 4 is indented by 1 space and line 3 by 2 spaces",
    ),
    (
        "an exercise's keys not lined up",
        f"patient: {{name: {NAME}}}\nexercises:\n  - id: step-ups\n   sets: 3\n",
        4,
        "line 4 is indented by 3 spaces and line 3 by 4 spaces",
    ),
    (
        "a list item among keys",
        f"patient:\n  name: {NAME}\n  - step-ups\n",
        3,
        "line 3 starts a list item ('- ') among keys (key: value)",
    ),
    (
        "a stray '-'",
        f"patient:\n  name: {NAME}\n-\n",
        3,
        "remove the stray '-'",
    ),
    (
        "a key among list items",
        f"patient: {{name: {NAME}}}\nexercises:\n  - step-ups\n  sets: 3\n",
        4,
        "line 4: 'sets:' is lined up with the '- ' items of a list",
    ),
    (
        "duplicate key",
        f"patient: {{name: {NAME}}}\npatient: {{name: {NOTE}}}\n",
        2,
        "line 2: patient appears twice in the same block (also on line 1): keep one",
    ),
    (
        "duplicate nested key",
        f"patient:\n  name: {NAME}\n  name: {NOTE}\n",
        3,
        "line 3: name appears twice in the same block (also on line 2): keep one",
    ),
    (
        "'[' never closed",
        f"patient: {{name: {NAME}}}\nsections: [psoas/do, psoas/signs\nnotes: {NOTE}\n",
        2,
        "line 2: the list opened with '[' is never closed: end it with ']' on the same line",
    ),
    (
        "'{' never closed",
        f"patient: {{name: {NAME}\nnotes: {NOTE}\n",
        1,
        "line 1: the mapping opened with '{' is never closed: end it with '}'",
    ),
    (
        "'[' never closed at the end of the file",
        f"patient: {{name: {NAME}}}\nsections: [psoas/do\n",
        2,
        "the list opened with '[' is never closed",
    ),
    (
        "a ']' with no '['",
        f"patient: {{name: {NAME}}}\nsections: [psoas/do]]\n",
        2,
        "line 2: a ']' with no '[' before it",
    ),
    (
        "a value starting with '['",
        f"patient: {{name: {NAME}}}\nnotes: [{NOTE}] twice a day\n",
        2,
        "a value that starts with '[' is read as a list: put the whole value in quotes",
    ),
    (
        "two commas in a list",
        f"patient: {{name: {NAME}}}\nsections: [psoas/do,, psoas/signs]\n",
        2,
        "line 2: an empty item (two commas in a row): remove a ','",
    ),
    (
        "'#' starting a value",
        f"patient: {{name: {NAME}}}\nnotes: #1 {NOTE}\n",
        2,
        "'#' after 'notes:' starts a comment, so the value is left empty; "
        "to write a value starting with '#', put it in quotes, like notes: \"#1 …\"",
    ),
    *[
        (
            f"a value starting with {typed!r}",
            f"patient:\n  name: {typed}{NAME}\n",
            2,
            f"line 2: a value cannot start with '{typed[0]}' in YAML: put the value in quotes, "
            f'like name: "{typed[0]}…"',
        )
        for typed in ("@", "`", "%", "&", "*", "!", "|", ">", "? ", "- ", ",")
    ],
    (
        "a list item without a space after its '-'",
        f"patient: {{name: {NAME}}}\nexercises:\n  - step-ups\n  -hip-flexor-stretch\n",
        4,
        "line 4: a list item needs a space after its '-' (like - step-ups)",
    ),
    (
        "the text of a '>' value not indented",
        f"patient: {{name: {NAME}}}\nnotes: >\n{NOTE}\n",
        3,
        "line 3: the text of the '>' value on line 2 must be indented under its key",
    ),
    (
        "a dose under an exercise given by id alone",
        f"patient: {{name: {NAME}}}\nexercises:\n  - step-ups\n    sets: 3\n",
        4,
        "line 4 is indented under the list item on line 3, which holds a single value, not keys: "
        "to give an item keys, write it as key: value pairs, like - id: step-ups with sets: 3 "
        "lined up under id",
    ),
    (
        "a key without its ':'",
        f"patient\n  name: {NAME}\n",
        1,
        "line 1 needs a ':' after its key",
    ),
    (
        "a value's key without its ':'",
        f"patient:\n  name {NAME}\n  date_of_birth: 1980-01-02\n",
        2,
        "line 2 needs a ':' after its key",
    ),
    (
        "a backslash in double quotes",
        f'patient: {{name: {NAME}}}\nnotes: "{NOTE} C:\\Users"\n',
        2,
        "inside double quotes a '\\' starts an escape: write '\\\\' for a backslash",
    ),
    (
        "a tag handle",
        f"patient:\n  name: !{NAME.split()[0]}!{NAME.split()[1]} x\n",
        2,
        "line 2: a value cannot start with '!' in YAML",
    ),
    (
        "more after a top-level '[…]'",
        f"[{NAME}]\npatient: {{name: {NAME}}}\n",
        2,
        "line 2 comes after the file's one value has ended",
    ),
    (
        "a second document",
        f"patient: {{name: {NAME}}}\n---\nnotes: {NOTE}\n",
        2,
        "line 2: '---' starts a second document here",
    ),
]


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [case[1:] for case in YAML_MISTAKES],
    ids=[case[0] for case in YAML_MISTAKES],
)
def test_yaml_mistakes_are_explained_with_the_line_and_the_fix(
    tmp_path: Path, text: str, line: int, words: str
) -> None:
    plan, result = make(tmp_path, text)
    lines = refused(result)
    assert len(lines) == 1, result.output  # a syntax error stops parsing: one message
    assert lines[0].startswith(f"Error: {plan}:{line}: line {line}"), lines[0]
    assert words in lines[0]
    assert not (tmp_path / "o.pdf").exists()


def test_a_plain_comment_after_a_key_is_still_a_comment(tmp_path: Path) -> None:
    _, result = make(
        tmp_path,
        f"patient: {{name: {NAME}}}\nnotes:  # none yet\nexercises: [step-ups]  # 1\n",
    )
    assert result.exit_code == 0, result.output


def test_front_matter_errors_name_the_files_own_line(tmp_path: Path) -> None:
    page = tmp_path / "exercise.md"
    page.write_text("---\nid: wall-sit\ntitle: Wall sit: easy\n---\nBody\n", encoding="utf-8")
    with pytest.raises(Exception, match=r"exercise.md:3: line 3: a value containing ': '"):
        read_front_matter(page)


def test_every_validation_problem_is_listed_in_line_order(tmp_path: Path) -> None:
    plan, result = make(
        tmp_path,
        f"""\
patient:
  name: {NAME}
  date_of_brith: 1980-01-02
exersises: [step-ups]
exercises:
  - id: step-ups
    sets: three
    hold_second: 20
  - id: hip-flexor-stretch
    per_day: 2
    per_week: 3
sections: [psoas/do, psoas/signs, {{id: psoas/faq}}]
options:
  layout: compakt
date: 24/11/2026
notes: {NOTE}
""",
    )
    assert refused(result) == [
        f"Error: {plan}:3: patient.date_of_brith: unknown field: did you mean date_of_birth?",
        f"Error: {plan}:4: exersises: unknown field: did you mean exercises?",
        f"Error: {plan}:7: exercise 1 (step-ups), sets: "
        "expected a whole number from 1 to 20, or a range like 2-3, got 'three'",
        f"Error: {plan}:8: exercise 1 (step-ups), hold_second: "
        "unknown field: did you mean hold_seconds?",
        f"Error: {plan}:9: exercise 2 (hip-flexor-stretch): give per_day or per_week, not both",
        f"Error: {plan}:12: section 3 (psoas/faq): expected text, got a mapping",
        f"Error: {plan}:14: options.layout: expected one of 'standard' or 'compact', got 'compakt'",
        f"Error: {plan}:15: date: expected a date as YYYY-MM-DD, got '24/11/2026'",
    ]


def test_flags_and_file_problems_are_listed_together(tmp_path: Path) -> None:
    plan, result = make(
        tmp_path,
        f"patient: {{name: {NAME}}}\nexercises:\n  - id: step-ups\n    reps: 0\n",
        "--dob",
        "02/03/1980",
    )
    assert refused(result) == [
        "Error: command line: patient.date_of_birth: expected a date as YYYY-MM-DD",
        f"Error: {plan}:4: exercise 1 (step-ups), reps: "
        "expected a whole number from 1 to 100, got 0",
    ]


def test_unknown_ids_name_the_item_in_words(tmp_path: Path) -> None:
    plan, result = make(
        tmp_path,
        f"patient: {{name: {NAME}}}\nsections: [psoas/do, psoas/signs, psoas/dox]\n",
    )
    (line,) = refused(result)
    assert line.startswith(
        f"Error: {plan}:2: section 3 (psoas/dox): unknown section 'psoas/dox' "
        "(did you mean 'psoas/do'?)"
    )


def test_an_item_that_is_not_an_id_is_counted_not_quoted(tmp_path: Path) -> None:
    plan, result = make(tmp_path, f"patient: {{name: x}}\nexercises:\n  - {{id: {NAME}}}\n")
    assert result.exit_code == 1
    assert f"{plan}:3: exercise 1, id: " in result.output


@pytest.mark.parametrize(
    ("text", "line", "field", "message"),
    [
        (
            "patient:\n  name: X\n  Name: Y\n",
            3,
            "patient.Name",
            "unknown field: did you mean name?",
        ),
        ("Patient: {name: X}\n", 1, "Patient", "unknown field: did you mean patient?"),
        (
            "patient: {name: X}\nsection: [psoas/do]\n",
            2,
            "section",
            "unknown field: did you mean sections?",
        ),
        (
            "patient: {name: X}\noptions: {large_prnt: true}\n",
            2,
            "options.large_prnt",
            "unknown field: did you mean large_print?",
        ),
        (
            "patient: {name: X}\nexercises:\n  - {id: step-ups, rep: 5}\n",
            3,
            "exercise 1 (step-ups), rep",
            "unknown field: did you mean reps?",
        ),
        (
            "patient: {name: X}\nname: Y\n",
            2,
            "name",
            "not a field here: it belongs under patient or practitioner, indented",
        ),
        (
            "patient: {name: X}\nexercises: [step-ups]\nsets: 3\n",
            3,
            "sets",
            "not a field here: it belongs under each item of exercises, indented",
        ),
        (
            "patient: {name: X}\nexercises:\n  - step-ups: 3 sets\n",
            3,
            "exercise 1, step-ups",
            "unknown field: to give step-ups a dose, write - id: step-ups with the dose below it",
        ),
        (
            "patient: {name: X}\nzzz: 1\n",
            2,
            "zzz",
            "unknown field (known fields: patient, practitioner, date,",
        ),
    ],
)
def test_misspelt_and_misplaced_keys(
    tmp_path: Path, text: str, line: int, field: str, message: str
) -> None:
    plan, result = make(tmp_path, text)
    assert result.exit_code == 1
    assert f"Error: {plan}:{line}: {field}: {message}" in result.output, result.output


@pytest.mark.parametrize("model", [Plan, Patient, ExerciseChoice, Options])
def test_a_one_letter_slip_in_any_key_finds_that_key(model: type[BaseModel]) -> None:
    """The class of typo, for every key the models accept today or gain later."""
    keys = list(model.model_fields)
    tried = 0
    for key in keys:
        for slip in {key[:-1], key[0] + key[2:], key + "s"} - set(keys):
            if difflib.get_close_matches(slip, keys, n=2, cutoff=0.6)[1:] == [key]:
                continue  # another key is as close: no single right answer
            doc = YamlDoc(Path("plan.yaml"), {slip: "1"})
            said = {p.field: p.message for p in problems(model, doc)}
            assert said[slip] == f"unknown field: did you mean {key}?", slip
            tried += 1
    assert tried >= len(keys)


def test_an_unknown_key_that_may_be_text_is_not_quoted(tmp_path: Path) -> None:
    _, result = make(tmp_path, f"patient:\n  name: X\n  {NAME}: {NOTE}\n")
    assert result.exit_code == 1
    assert "patient.(a key not shown): unknown field" in result.output
    for word in PRIVATE:
        assert word not in result.output


def test_patient_text_in_wrong_values_is_never_shown(tmp_path: Path) -> None:
    _, result = make(
        tmp_path,
        f"""\
patient:
  name: {NAME * 30}
  date_of_birth: {NAME}
  reference: [{NAME}]
practitioner: {NAME}
notes: [{NOTE}]
goals: {{a: {NOTE}}}
next_appointment: [{NOTE}]
""",
    )
    lines = refused(result)
    assert len(lines) == 7, result.output


def test_a_batch_row_lists_all_its_problems(tmp_path: Path) -> None:
    patients = tmp_path / "patients.csv"
    patients.write_text(f"name,dob,reference\n{NAME},31/02/1980,{'R' * 400}\n", encoding="utf-8")
    plan = tmp_path / "plan.yaml"
    plan.write_text("exercises: [step-ups]\n", encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(
        main, ["batch", str(patients), "--plan", str(plan), "--out-dir", str(out), "--jobs", "1"]
    )
    assert result.exit_code == 1
    with (out / "batch-report.csv").open(encoding="utf-8") as handle:
        (row,) = list(csv.DictReader(handle))
    assert row["reason"] == (
        "date_of_birth: expected a date as YYYY-MM-DD; "
        "reference: text is too long (at most 300 characters)"
    )
    assert "Halloway" not in result.output
