"""CI runs what the README tells a user to type, so the two cannot drift apart."""

from __future__ import annotations

import re

from tests.conftest import REPO


def quick_start_commands() -> list[str]:
    """The command lines in the README's "Quick start" code blocks, in order."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("\n## Quick start\n", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"^```sh\n(.*?)^```$", section, flags=re.DOTALL | re.MULTILINE)
    return [line for block in blocks for line in block.splitlines() if line.strip()]


def ci_lines() -> list[str]:
    """.ci/run's lines that run something (no comments, no blank lines)."""
    text = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and line[0] != "#"]


def test_ci_runs_the_readme_test_command_verbatim() -> None:
    (command,) = [line for line in quick_start_commands() if "pytest" in line]
    assert "python3 -m venv .venv && . .venv/bin/activate" in command
    ran = [line for line in ci_lines() if line.startswith(command)]
    assert ran, f".ci/run does not run the README's test command: {command}"
    # Whatever follows may only stop CI on failure, never hide one.
    assert all(line[len(command) :] in ("", " || exit $?") for line in ran), ran


def test_ci_starts_from_a_fresh_virtualenv_and_runs_the_gate() -> None:
    lines = ci_lines()
    assert "set -euo pipefail" in lines
    assert lines.index("rm -rf .venv") < next(
        i for i, line in enumerate(lines) if line.startswith("python3 -m venv .venv")
    )
    for gate in ("ruff check .", "ruff format --check .", "mypy"):
        assert gate in lines, gate


def test_quick_start_first_command_works_on_debian_and_ubuntu() -> None:
    # A bare `pip install .` is refused there (PEP 668); pipx is not.
    assert quick_start_commands()[0] == "pipx install . && handouts demo"
