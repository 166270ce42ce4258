"""Shared fixtures: the bundled library, and helpers that render and read PDFs."""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pikepdf
import pytest
import yaml
from click.testing import CliRunner
from pypdf import PdfReader
from pypdf.generic import ContentStream

from handouts import api
from handouts.models.clinic import Clinic
from handouts.models.library import Library
from handouts.render import pdf as render_pdf
from tests.smtp_server import PLAN, Mailbox, serve
from tests.tagged_pdf import tagging_problems

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def library() -> Library:
    return api.load_library()


@pytest.fixture(scope="session")
def clinic() -> Clinic:
    return api.load_clinic()


def squash(text: str) -> str:
    """Whitespace runs to one space, so wrapped lines compare equal to source text."""
    return re.sub(r"\s+", " ", text).strip()


# Names that mean a PDF can act, not just show: scripts, launching programs,
# opening files or URLs when the file opens, submitting forms, attachments.
ACTIVE_KEYS = {
    "/JS",
    "/JavaScript",
    "/Launch",
    "/OpenAction",
    "/AA",
    "/SubmitForm",
    "/ImportData",
    "/GoToR",
    "/GoToE",
    "/EmbeddedFile",
    "/EmbeddedFiles",
    "/RichMedia",
}
SAFE_URI = re.compile(r"(https://|mailto:|tel:)\S+")


def check_pdf(data: bytes) -> None:
    """Fail unless ``data`` is a structurally sound PDF with no active content.

    qpdf (through pikepdf) parses every object and every page's content stream;
    any warning fails.  Link URIs must be https:, mailto: or tel:.
    """
    with pikepdf.open(io.BytesIO(data)) as pdf:
        assert pdf.check_pdf_syntax() == [], "qpdf found problems"
        for page in pdf.pages:
            pikepdf.parse_content_stream(page)
        assert pdf.get_warnings() == [], pdf.get_warnings()
        for obj in pdf.objects:
            if not isinstance(obj, pikepdf.Dictionary):
                continue
            active = ACTIVE_KEYS & set(obj.keys())
            assert not active, f"active content in the PDF: {sorted(active)}"
            if obj.get("/S") == "/URI" or "/URI" in obj:
                uri = str(obj.get("/URI", ""))
                assert SAFE_URI.fullmatch(uri), f"link to {uri!r}"


@pytest.fixture(scope="session")
def example_clinic_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example clinic's profile and logo, copied: a real clinic as far as handouts knows."""
    folder = tmp_path_factory.mktemp("riverside")
    for name in ("clinic.yaml", "logo.svg"):
        shutil.copy(REPO / "assets" / "clinic" / name, folder / name)
    return folder / "clinic.yaml"


@pytest.fixture(scope="session")
def library_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One disk cache (``handouts.cache``) for the whole run, never the developer's own."""
    return tmp_path_factory.mktemp("cache")


@pytest.fixture(autouse=True)
def _a_cache_of_this_run(monkeypatch: pytest.MonkeyPatch, library_cache: Path) -> None:
    monkeypatch.setenv("HANDOUTS_CACHE", str(library_cache))


@pytest.fixture(autouse=True)
def _a_real_clinic_by_default(monkeypatch: pytest.MonkeyPatch, example_clinic_copy: Path) -> None:
    """Tests make handouts for a named clinic, as a clinic would.

    Why: with no clinic named or found, a handout is a marked SAMPLE and says so;
    that fallback has its own tests (test_clinic_choice.py), which remove this.
    A developer's own HANDOUTS_CLINIC never leaks in either.
    """
    monkeypatch.setenv("HANDOUTS_CLINIC", str(example_clinic_copy))
    monkeypatch.delenv("HANDOUTS_DEBUG", raising=False)  # tests see what a clinician sees


@pytest.fixture(autouse=True)
def _every_handout_is_tagged(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every handout rendered in a test (``make``, ``demo``, ``batch``, the library
    API) passes the tagged-PDF checker, ``tests/tagged_pdf.py``, as it is made."""
    real = render_pdf.add_structure

    def checked(*args: Any, **kwargs: Any) -> bytes:
        data = real(*args, **kwargs)
        problems = tagging_problems(data)
        assert not problems, problems[:10]
        return data

    monkeypatch.setattr(render_pdf, "add_structure", checked)


@pytest.fixture(autouse=True)
def _every_pdf_is_sound(request: pytest.FixtureRequest) -> Iterator[None]:
    """After each test, check every PDF it left in its ``tmp_path`` (CLI runs included):
    structure and active content (pikepdf), then qpdf, poppler and MuPDF open it,
    and the tagged-PDF checker finds nothing wrong."""
    folder: Path | None = None
    if "tmp_path" in request.fixturenames:
        folder = request.getfixturevalue("tmp_path")
    yield
    if folder is None:
        return
    for path in sorted(folder.rglob("*.pdf")):
        if path.is_file() and not path.is_symlink():
            data = path.read_bytes()
            check_pdf(data)
            readers_accept(path)
            # Made by another process too (a batch's workers): tagged all the same.
            assert tagging_problems(data) == [], (path.name, tagging_problems(data)[:10])


class Pdf:
    """A rendered PDF, read back with pypdf (and structurally checked)."""

    def __init__(self, data: bytes) -> None:
        check_pdf(data)
        self.data = data
        self.reader = PdfReader(io.BytesIO(data))
        self.pages = [squash(page.extract_text() or "") for page in self.reader.pages]

    @property
    def text(self) -> str:
        return " ".join(self.pages)

    def page_of(self, needle: str) -> int:
        """Index of the first page containing ``needle`` (whitespace-insensitive)."""
        needle = squash(needle)
        for i, page in enumerate(self.pages):
            if needle in page:
                return i
        raise AssertionError(f"{needle!r} not found in the PDF")

    def fonts(self) -> set[str]:
        names: set[str] = set()
        for page in self.reader.pages:
            fonts = page["/Resources"].get_object().get("/Font", {})
            for ref in fonts.values():
                font = ref.get_object()
                descendants = font.get("/DescendantFonts")
                target = descendants[0].get_object() if descendants else font
                descriptor = target.get("/FontDescriptor")
                embedded = descriptor is not None and any(
                    k in descriptor.get_object() for k in ("/FontFile", "/FontFile2", "/FontFile3")
                )
                names.add(f"{font['/BaseFont']}{'' if embedded else ' (not embedded)'}")
        return names

    def image_count(self) -> int:
        return sum(len(page.images) for page in self.reader.pages)

    def content_streams(self) -> list[ContentStream]:
        """Each page's content and, once each, every form XObject it draws (nested
        too): the illustrations are forms, drawn once per handout."""
        streams: list[ContentStream] = []
        seen: set[int] = set()
        for page in self.reader.pages:
            streams.append(ContentStream(page.get_contents(), self.reader))
            holders: list[Any] = [page]
            while holders:
                xobjects = holders.pop().get("/Resources", {}).get("/XObject", {})
                for ref in xobjects.values():
                    xobject = ref.get_object()
                    key = getattr(ref, "idnum", None) or id(xobject)
                    if xobject.get("/Subtype") != "/Form" or key in seen:
                        continue
                    seen.add(key)
                    streams.append(ContentStream(xobject, self.reader))
                    holders.append(xobject)
        return streams


def base_md(folder: Path) -> list[Path]:
    """The base files of a library folder (``step-ups.md``), not their translations."""
    from handouts.load.translations import is_sibling

    return sorted(p for p in folder.glob("*.md") if not is_sibling(p))


def write_plan(folder: Path, data: dict[str, Any], name: str = "plan.yaml") -> Path:
    path = folder / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


@pytest.fixture
def render(tmp_path: Path) -> Callable[..., Pdf]:
    """Render a plan (a dict shaped like a plan file) and return the PDF read back."""

    def _render(data: dict[str, Any]) -> Pdf:
        plan = api.load_plan(write_plan(tmp_path, data))
        out = api.make_handout(plan, tmp_path / "out.pdf", overwrite=True)
        return Pdf(out.read_bytes())

    return _render


# The nine psoas exercises the product started with (the demo plan's): many tests
# make handouts of them.  The whole bundled library is larger (issue 16).
ALL_EXERCISES = [
    "hip-flexor-stretch",
    "hip-flexor-quad-stretch",
    "lower-back-stretch",
    "foam-roll-hip-flexor",
    "spiky-ball-hip-flexor",
    "floor-superman",
    "hip-flexion-lying",
    "hip-flexion-band",
    "step-ups",
]
ALL_SECTIONS = ["psoas/what-it-does", "psoas/signs", "psoas/avoid", "psoas/do", "psoas/get-help"]


# --- Email: a real SMTP server on 127.0.0.1 (tests/smtp_server.py) ------------------


@pytest.fixture
def mailbox() -> Mailbox:
    return Mailbox()


@pytest.fixture
def port(mailbox: Mailbox) -> Iterator[int]:
    yield from serve(mailbox)


@pytest.fixture
def pdf(tmp_path: Path) -> Path:
    """Jane's handout, made in its own folder (where its sent log goes)."""
    from handouts.cli import main

    out = tmp_path / "out" / "jane-doe-2026-11-24.pdf"
    out.parent.mkdir()
    result = CliRunner().invoke(main, ["make", str(write_plan(tmp_path, PLAN)), "-o", str(out)])
    assert result.exit_code == 0, result.output
    return out


def readers_accept(pdf: Path) -> None:
    """qpdf, poppler and MuPDF each open ``pdf`` and read every page, without complaint."""
    tools = {name: shutil.which(name) for name in ("qpdf", "pdftotext", "mutool")}
    missing = sorted(name for name, path in tools.items() if path is None)
    if missing:
        if os.environ.get("CI"):
            pytest.fail(f"CI must install the PDF readers: {missing}")  # .ci/run does
        return  # a developer's machine without them: the pikepdf check still ran
    checks = [
        ["qpdf", "--check", str(pdf)],
        ["pdftotext", str(pdf), os.devnull],
        ["mutool", "draw", "-q", "-F", "txt", "-o", os.devnull, str(pdf)],
    ]
    for command in checks:
        done = subprocess.run(command, capture_output=True, text=True, timeout=60)
        # This MuPDF build says it lacks colour management on every file: not a complaint.
        lines = done.stderr.splitlines()
        complaints = [line for line in lines if "ICC support is not available" not in line]
        assert done.returncode == 0 and not complaints, (command[0], complaints)
