"""No fake video address on a real clinic's handout.

The bundled exercises belong to no clinic: their QR codes point at the clinic's
own ``videos:`` base address, and nowhere at all for a clinic without one.
"""

from __future__ import annotations

import io
import shutil
from pathlib import Path
from typing import Any

import pikepdf
import pypdfium2
import pytest
import zxingcpp

from handouts import api, resources
from handouts.check.folder import check_folder
from handouts.errors import ValidationError
from handouts.load.clinic import load_clinic
from tests.conftest import base_md, write_plan

DEMO_HOST = "riverside-therapy.example"
OWN_EXERCISE = """\
---
id: wall-sit
title: Wall sit
illustrations: [../illustrations/wall-sit.svg]
level: beginner
prescription:
  sets: 2
  hold_seconds: 20
  per_day: 1
  side: none
{video}safety: Stop if your knees hurt.
alt: A person leans back against a wall with knees bent, as if sitting on a chair.
---

1. Stand with your back to a wall.
2. Slide down until your knees are bent a little.
3. Hold, then slide back up.
"""


def _clinic(
    folder: Path,
    videos: str | None = None,
    own_video: str | None = None,
    extra: tuple[str, ...] = (),
) -> Path:
    """A real clinic: its own name, address and logo, and a library with one exercise."""
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(resources.example_clinic().parent / "logo.svg", folder / "logo.svg")
    (folder / "library" / "exercises").mkdir(parents=True)
    (folder / "library" / "illustrations").mkdir()
    shutil.copy(folder / "logo.svg", folder / "library" / "illustrations" / "wall-sit.svg")
    video = f"video: {own_video}\n" if own_video else ""
    (folder / "library" / "exercises" / "wall-sit.md").write_text(
        OWN_EXERCISE.format(video=video), encoding="utf-8"
    )
    lines = [
        "name: Northgate Physio",
        "logo: logo.svg",
        "email: desk@northgate-physio.test",
        "library: library",
        *([f"videos: {videos}"] if videos else []),
        *extra,
    ]
    profile = folder / "clinic.yaml"
    profile.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return profile


def _make(folder: Path, exercises: list[str], out: Path) -> bytes:
    data: dict[str, Any] = {
        "patient": {"name": "Jane Doe"},
        "clinic": "clinic.yaml",
        "exercises": exercises,
    }
    plan = api.load_plan(write_plan(folder, data))
    clinic = api.clinic_for(plan)
    handout = api.build_handout(plan, api.library_for(clinic), clinic)
    return api.render_pdf(handout, out).read_bytes()


def _qr_codes(data: bytes) -> list[str]:
    found: list[str] = []
    for page in pypdfium2.PdfDocument(io.BytesIO(data)):
        image = page.render(scale=200 / 72).to_pil()
        found += [result.text for result in zxingcpp.read_barcodes(image)]
    return found


def _all_bytes(data: bytes) -> bytes:
    """The file with every stream decompressed, so no text can hide in a deflated stream."""
    parts = [data]
    with pikepdf.open(io.BytesIO(data)) as pdf:
        for obj in pdf.objects:
            if isinstance(obj, pikepdf.Stream):
                parts.append(obj.read_bytes())
    return b"\n".join(parts)


def test_bundled_exercises_carry_no_video_address() -> None:
    for path in sorted(base_md(resources.library_dir() / "exercises")):
        assert "video:" not in path.read_text(encoding="utf-8"), path.name
    assert not [e.id for e in api.load_library().exercises.values() if e.video]


def test_a_real_clinic_without_videos_prints_no_qr_code(tmp_path: Path) -> None:
    _clinic(tmp_path)
    data = _make(tmp_path, ["hip-flexor-stretch", "hip-flexion-band"], tmp_path / "o.pdf")
    assert _qr_codes(data) == []
    everything = _all_bytes(data)
    assert DEMO_HOST.encode() not in everything
    assert b"Scan for a video" not in everything


def test_a_clinic_video_base_builds_each_bundled_exercise_address(tmp_path: Path) -> None:
    _clinic(tmp_path, videos="https://clinic.example.net/v/")
    data = _make(tmp_path, ["hip-flexor-stretch"], tmp_path / "o.pdf")
    assert _qr_codes(data) == ["https://clinic.example.net/v/hip-flexor-stretch"]
    assert DEMO_HOST.encode() not in _all_bytes(data)


def test_a_clinic_exercise_prints_its_own_video_address(tmp_path: Path) -> None:
    _clinic(tmp_path, own_video="https://videos.elsewhere.org/wall-sit")
    data = _make(tmp_path, ["wall-sit", "step-ups"], tmp_path / "o.pdf")
    assert _qr_codes(data) == ["https://videos.elsewhere.org/wall-sit"]


def test_the_video_base_is_for_bundled_exercises_only(tmp_path: Path) -> None:
    # The clinic's own exercise has no video: line, so it gets no guessed address.
    _clinic(tmp_path, videos="https://clinic.example.net/v")
    data = _make(tmp_path, ["wall-sit"], tmp_path / "o.pdf")
    assert _qr_codes(data) == []


def test_the_demo_keeps_its_qr_codes(tmp_path: Path) -> None:
    plan = api.load_plan(resources.demo_plan())
    clinic = api.clinic_for(plan)
    assert clinic.videos is None
    handout = api.build_handout(plan, api.library_for(clinic), clinic)
    hosted = {"hip-flexor-stretch", "hip-flexion-band"}
    assert [c.video for c in handout.cards] == [
        f"https://{DEMO_HOST}/videos/{c.id}" if c.id in hosted else None for c in handout.cards
    ]
    one = api.build_handout(
        plan.model_copy(update={"exercises": plan.exercises[:1], "options": plan.options}),
        api.library_for(clinic),
        clinic,
    )
    data = api.render_pdf(one, tmp_path / "demo.pdf").read_bytes()
    assert _qr_codes(data) == [f"https://{DEMO_HOST}/videos/hip-flexor-stretch"]


@pytest.mark.parametrize(
    "videos",
    ["http://clinic.test/v", "https://clinic.test/v?id=", "https://clinic.test/v#x", "clinic.test"],
)
def test_the_video_base_must_be_a_plain_https_address(tmp_path: Path, videos: str) -> None:
    profile = _clinic(tmp_path, videos=videos)
    with pytest.raises(ValidationError) as caught:
        load_clinic(profile)
    assert caught.value.field == "videos"
    assert caught.value.path == profile


def test_check_warns_about_a_placeholder_video_address(tmp_path: Path) -> None:
    _clinic(tmp_path, own_video=f"https://{DEMO_HOST}/videos/wall-sit")
    report = check_folder(tmp_path)
    found = [f for f in report.warnings if f.field == "video"]
    assert len(found) == 1
    warning = found[0]
    assert warning.path == tmp_path / "library" / "exercises" / "wall-sit.md"
    assert warning.line == 11
    assert DEMO_HOST in warning.message
    assert "\n" not in warning.message
    assert not report.errors


@pytest.mark.parametrize(
    "host", ["example.com", "www.example.org", "videos.example.net", "clinic.example", "x.test"]
)
def test_check_warns_about_every_reserved_example_domain(tmp_path: Path, host: str) -> None:
    _clinic(tmp_path, own_video=f"https://{host}/wall-sit")
    assert [f.field for f in check_folder(tmp_path).warnings] == ["video"]


def test_check_is_quiet_about_a_real_video_address(tmp_path: Path) -> None:
    _clinic(tmp_path, own_video="https://videos.northgate-physio.co.uk/wall-sit")
    assert [f for f in check_folder(tmp_path).warnings if f.field == "video"] == []


def test_a_single_exercise_video_wins_over_the_base_address(tmp_path: Path) -> None:
    single = "https://clinic.example.net/special/step-ups.mp4"
    _clinic(
        tmp_path,
        videos="https://clinic.example.net/v",
        extra=("exercise_videos:", f"  step-ups: {single}"),
    )
    data = _make(tmp_path, ["step-ups", "floor-superman"], tmp_path / "o.pdf")
    assert _qr_codes(data) == [single, "https://clinic.example.net/v/floor-superman"]


def test_check_warns_about_profile_video_addresses_that_lead_nowhere(tmp_path: Path) -> None:
    profile = _clinic(
        tmp_path,
        videos="https://videos.your-clinic.example",
        extra=(
            "exercise_videos:",
            "  step-ups: https://www.example.com/step-ups",
            "  stepups: https://videos.northgate-physio.co.uk/step-ups",
        ),
    )
    found = {f.field: f for f in check_folder(tmp_path).findings}
    assert "videos.your-clinic.example" in found["videos"].message
    assert "www.example.com" in found["exercise_videos.step-ups"].message
    unknown = found["exercise_videos.stepups"]
    assert "no exercise 'stepups'" in unknown.message and "step-ups" in unknown.message
    assert all(f.path == profile and f.line for f in found.values() if "video" in f.field)
