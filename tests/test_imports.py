"""Each entry point imports on its own, in a fresh interpreter, without the PDF stack.

Why fresh interpreters: the test session has already imported ``handouts.api``,
which hides import cycles that only appear when a command imports its modules
in its own order (``handouts list`` once crashed that way).
"""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.conftest import REPO

# (command line, may it import ReportLab?)
COMMANDS = [
    (["--help"], False),
    (["list"], False),
    (["list", "programmes"], False),
    (["show", "step-ups"], False),
    (["schema", "plan"], False),
    (["check", "assets/library"], True),
]


@pytest.mark.parametrize(("args", "pdf_stack"), COMMANDS, ids=[" ".join(a) for a, _ in COMMANDS])
def test_command_runs_in_a_fresh_interpreter(args: list[str], pdf_stack: bool) -> None:
    script = (
        "import sys\n"
        "from handouts.cli import main\n"
        "try:\n"
        f"    main({args!r})\n"
        "except SystemExit as exc:\n"
        "    assert not exc.code, exc.code\n"
        "print('reportlab' in sys.modules, file=sys.stderr)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=REPO, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    if not pdf_stack:
        assert result.stderr.strip() == "False", "imported ReportLab"
