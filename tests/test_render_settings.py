"""The render stage leaves ReportLab as it found it, and marks sample handouts.

ReportLab keeps its options in process-wide globals.  A host program that uses
``handouts`` as a library may have set them for its own PDFs: a render must
change them only while it runs, also when it fails, and importing the render
modules must change nothing at all.
"""

from __future__ import annotations

import dataclasses
import io
import json
import subprocess
import sys
from collections.abc import Iterator
from typing import Any

import pikepdf
import pytest
from reportlab import rl_config
from reportlab.graphics import shapes

from handouts import api, resources
from handouts.compose.handout import Handout, Look
from handouts.errors import HandoutError
from handouts.render import pdf as render_module
from handouts.render import story as story_module
from handouts.render.pdf import render_pdf_bytes
from handouts.render.sample import SAMPLE_MARK
from tests.conftest import Pdf, squash

HOST = {
    "useA85": 1,
    "trustedHosts": ["host.example"],
    "trustedSchemes": ["https"],
    "canvas_basefontname": "Courier",
}
HOST_DRAWING_FONT = "Times-Roman"


@pytest.fixture(scope="module")
def handout() -> Handout:
    plan = api.load_plan(resources.demo_plan())
    clinic = api.clinic_for(plan)
    return api.build_handout(plan, api.library_for(clinic), clinic)


@pytest.fixture
def host_settings(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """ReportLab as a host program might have set it, undone after the test."""
    for name, value in HOST.items():
        monkeypatch.setattr(rl_config, name, value)
    monkeypatch.setitem(shapes.STATE_DEFAULTS, "fontName", HOST_DRAWING_FONT)
    yield


def current() -> dict[str, Any]:
    values = {name: getattr(rl_config, name) for name in HOST}
    values["drawing font"] = shapes.STATE_DEFAULTS["fontName"]
    return values


HOST_VALUES = {**HOST, "drawing font": HOST_DRAWING_FONT}


def test_a_render_restores_the_host_settings(
    handout: Handout, host_settings: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    during: list[dict[str, Any]] = []
    real_build_story = story_module.build_story

    def spy(*args: Any, **kwargs: Any) -> Any:
        during.append(current())
        return real_build_story(*args, **kwargs)

    monkeypatch.setattr(render_module, "build_story", spy)
    render_pdf_bytes(handout)
    assert during == [
        {
            "useA85": 0,
            "trustedHosts": None,
            "trustedSchemes": [],
            "canvas_basefontname": "HandoutSans",
            "drawing font": "HandoutSans",
        }
    ]
    assert current() == HOST_VALUES


@pytest.mark.parametrize("error", [RuntimeError("boom"), HandoutError("a bad picture")])
def test_a_failed_render_restores_the_host_settings(
    handout: Handout, host_settings: None, monkeypatch: pytest.MonkeyPatch, error: Exception
) -> None:
    def fail(*args: Any, **kwargs: Any) -> Any:
        raise error

    monkeypatch.setattr(render_module, "build_story", fail)
    with pytest.raises(HandoutError):
        render_pdf_bytes(handout)
    assert current() == HOST_VALUES


def test_a_host_font_setting_does_not_reach_the_pdf(handout: Handout, host_settings: None) -> None:
    data = render_pdf_bytes(handout)
    with pikepdf.open(io.BytesIO(data)) as doc:
        fonts = {
            str(obj.BaseFont)
            for obj in doc.objects
            if isinstance(obj, pikepdf.Dictionary) and obj.get("/Type") == "/Font"
        }
    assert fonts and all("HandoutSans" in name for name in fonts), fonts
    assert b"Helvetica" not in data and b"Courier" not in data
    assert b"ASCII85Decode" not in data  # the host's useA85 did not apply either


def test_importing_the_render_modules_changes_nothing() -> None:
    script = """
import importlib, json, pkgutil
from reportlab import rl_config
from reportlab.graphics import shapes
def now():
    names = ("useA85", "trustedHosts", "trustedSchemes", "canvas_basefontname")
    values = {n: getattr(rl_config, n) for n in names}
    values["drawing font"] = shapes.STATE_DEFAULTS["fontName"]
    return values
before = now()
import handouts.images, handouts.render
for package in (handouts.images, handouts.render):
    for info in pkgutil.iter_modules(package.__path__, package.__name__ + "."):
        importlib.import_module(info.name)
print(json.dumps([before, now()]))
"""
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    before, after = json.loads(done.stdout)
    assert after == before


def test_every_page_is_numbered(handout: Handout) -> None:
    pdf = Pdf(render_pdf_bytes(handout))
    total = len(pdf.pages)
    assert total > 1
    for number, text in enumerate(pdf.pages, start=1):
        assert f"Page {number} of {total}" in text


@pytest.mark.parametrize("look", [Look(), Look(greyscale=True), Look(large_print=True)])
def test_a_sample_handout_is_marked_on_every_page(handout: Handout, look: Look) -> None:
    pdf = Pdf(render_pdf_bytes(dataclasses.replace(handout, sample=True, look=look)))
    assert len(pdf.pages) > 1
    for text in pdf.pages:
        assert squash(SAMPLE_MARK) in text
    assert SAMPLE_MARK == "SAMPLE: example clinic, not for patients"


def test_a_real_handout_is_never_marked(handout: Handout) -> None:
    assert handout.sample is False
    pdf = Pdf(render_pdf_bytes(handout))
    assert "SAMPLE" not in pdf.text
