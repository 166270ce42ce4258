"""Issue 19: what the demo handout spends its bytes on (read back with pikepdf).

Sizes are asserted loosely (a regression guard, not a benchmark: bench/ reports
the figures); the structure that keeps the file small is asserted exactly.
"""

from __future__ import annotations

import io
from pathlib import Path

import pikepdf

from handouts import api, resources


def _demo(tmp_path: Path) -> bytes:
    plan = api.load_plan(resources.demo_plan())
    return api.make_handout(plan, tmp_path / "demo.pdf", overwrite=True).read_bytes()


def test_forms_carry_no_default_entries(tmp_path: Path) -> None:
    with pikepdf.open(io.BytesIO(_demo(tmp_path))) as pdf:
        forms = [
            o for o in pdf.objects if isinstance(o, pikepdf.Stream) and o.get("/Subtype") == "/Form"
        ]
        assert len(forms) > 10  # furniture, logo, page labels, illustrations
        for form in forms:
            assert "/Matrix" not in form
            assert "/FormType" not in form
            assert "/ProcSet" not in form.get("/Resources", {})
        for page in pdf.pages:
            assert "/ProcSet" not in page.obj.Resources


def test_the_demo_stays_small(tmp_path: Path) -> None:
    data = _demo(tmp_path)
    # 74,255 bytes before issue 19's forms, ~59,100 after (circles as dots,
    # compact forms, slim dictionaries); bench/ reports the figures.
    assert len(data) < 64_000
    with pikepdf.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            assert len(page.Contents.read_raw_bytes()) < 4_000  # deflated
