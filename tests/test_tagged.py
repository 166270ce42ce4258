"""Every handout is a tagged PDF: structure tree, reading order, alt text, artifacts.

Checked on the PDF itself with pikepdf (the structure tree and the marked
content of every page) and with poppler (``pdfinfo`` says Tagged, ``pdftotext``
reads in order), for the print variants a clinic uses.
"""

from __future__ import annotations

import io
import shutil
import subprocess
from itertools import pairwise
from pathlib import Path
from typing import Any

import pikepdf
import pytest
import yaml

from handouts import api
from tests.conftest import REPO, write_plan

DEMO = REPO / "assets" / "demo-plan.yaml"
PAINTING = {"Tj", "TJ", "'", '"', "S", "s", "f", "F", "f*", "B", "B*", "b", "b*", "sh", "Do", "BI"}


def _make(tmp_path: Path, **options: Any) -> bytes:
    data = yaml.safe_load(DEMO.read_text(encoding="utf-8"))
    data = {**data, "options": {**data.get("options", {}), **options}}
    data.pop("clinic", None)
    plan = api.load_plan(write_plan(tmp_path, data))
    return api.make_handout(plan, tmp_path / "out.pdf", overwrite=True).read_bytes()


def _elements(pdf: pikepdf.Pdf) -> list[tuple[int, pikepdf.Dictionary]]:
    """Every structure element, depth first in reading order, with its depth."""
    out: list[tuple[int, pikepdf.Dictionary]] = []

    def walk(node: Any, depth: int) -> None:
        if not isinstance(node, pikepdf.Dictionary) or node.get("/Type") in (
            pikepdf.Name.MCR,
            pikepdf.Name.OBJR,
        ):
            return
        out.append((depth, node))
        kids = node.get("/K")
        for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
            walk(kid, depth + 1)

    walk(pdf.Root.StructTreeRoot.K[0], 0)
    return out


def _untagged(pdf: pikepdf.Pdf) -> list[str]:
    """Painting operators outside any marked content, page by page."""
    found = []
    for number, page in enumerate(pdf.pages, start=1):
        depth = 0
        for _, operator in pikepdf.parse_content_stream(page):
            name = str(operator)
            if name in ("BDC", "BMC"):
                depth += 1
            elif name == "EMC":
                depth -= 1
            elif name in PAINTING and depth == 0:
                found.append(f"page {number}: {name}")
    return found


VARIANTS = [
    {},
    {"layout": "compact"},
    {"large_print": True},
    {"greyscale": True},
    {"page_size": "Letter", "layout": "compact"},
]


@pytest.mark.parametrize(
    "options", VARIANTS, ids=lambda o: "-".join(map(str, o.values())) or "standard"
)
def test_every_variant_is_tagged_with_nothing_left_unmarked(
    tmp_path: Path, options: dict[str, Any]
) -> None:
    with pikepdf.open(io.BytesIO(_make(tmp_path, **options))) as pdf:
        assert _untagged(pdf) == []
        catalog = pdf.Root
        assert bool(catalog.MarkInfo.Marked) is True
        assert str(catalog.Lang) == "en"
        assert bool(catalog.ViewerPreferences.DisplayDocTitle) is True
        assert all(page.obj.get("/Tabs") == pikepdf.Name.S for page in pdf.pages)
        with pdf.open_metadata() as xmp:
            assert "Łukasiewicz" in str(xmp.get("dc:title"))
        roles = [str(node.S) for _, node in _elements(pdf)]
        assert roles[0] == "/Document"
        for role in ("/H1", "/H2", "/H3", "/Sect", "/L", "/LI", "/Figure", "/Table", "/TH"):
            assert role in roles, role


def test_reading_order_title_patient_sections_cards_diary(tmp_path: Path) -> None:
    with pikepdf.open(io.BytesIO(_make(tmp_path))) as pdf:
        elements = _elements(pdf)
        roles = [str(node.S) for _, node in elements]
        headings = [r for r in roles if r in ("/H1", "/H2", "/H3")]
        # One title; headings never skip a level.
        assert headings[0] == "/H1" and headings.count("/H1") == 1
        for above, below in pairwise(headings):
            assert int(below[2]) <= int(above[2]) + 1, (above, below)
        # Nine exercise cards, each a section that opens with its title, then its picture.
        cards = [
            (depth, node)
            for depth, node in elements
            if str(node.S) == "/Sect" and str(node.K[0].S) == "/H3"
        ]
        assert len(cards) == 9
        for _, card in cards:
            kids = [str(kid.S) for kid in card.K if isinstance(kid, pikepdf.Dictionary)]
            assert kids[1] == "/Figure", kids
            assert "/L" in kids
        # The diary is the last table: headings for its days, by column.
        tables = [node for _, node in elements if str(node.S) == "/Table"]
        head = tables[-1].K[0]
        assert all(str(cell.S) == "/TH" and str(cell.A.Scope) == "/Column" for cell in head.K)


def test_every_figure_says_what_it_shows(tmp_path: Path) -> None:
    with pikepdf.open(io.BytesIO(_make(tmp_path))) as pdf:
        figures = [node for _, node in _elements(pdf) if str(node.S) == "/Figure"]
    alts = [str(node.get("/Alt", "")) for node in figures]
    assert len(figures) >= 9
    assert all(alt.strip() for alt in alts), alts
    assert alts[0] == "Riverside Sports Therapy"  # the logo, first
    assert any(alt.startswith("https://riverside-therapy.example/videos/") for alt in alts)


def test_links_are_in_the_structure(tmp_path: Path) -> None:
    with pikepdf.open(io.BytesIO(_make(tmp_path))) as pdf:
        for page in pdf.pages:
            for annotation in page.obj.get("/Annots", []):
                if annotation.get("/Subtype") == pikepdf.Name.Link:
                    assert "/StructParent" in annotation


def test_tagging_survives_password_protection(tmp_path: Path) -> None:
    from handouts.deliver.protect import encrypt_pdf

    data = encrypt_pdf(_make(tmp_path), "correct horse battery")
    with pikepdf.open(io.BytesIO(data), password="correct horse battery") as pdf:
        assert pdf.is_encrypted
        assert "/StructTreeRoot" in pdf.Root and _untagged(pdf) == []


@pytest.mark.skipif(shutil.which("pdfinfo") is None, reason="poppler-utils not installed")
def test_poppler_sees_a_tagged_pdf_and_reads_it_in_order(tmp_path: Path) -> None:
    path = tmp_path / "tagged.pdf"
    path.write_bytes(_make(tmp_path))
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    assert "Tagged:          yes" in info.stdout
    text = subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    order = [
        "Your home exercise programme",
        "Your programme at a glance",
        "About your condition",
        "Your exercises",
        "Exercise diary",
    ]
    positions = [text.index(words) for words in order]
    assert positions == sorted(positions)


ARABIC_NOTE = "كرر التمرين (1) عشر مرات ثم استرح 30 ثانية بين المجموعات، ثلاث مجموعات كل يوم."
HEBREW_NOTE = "אם אתה מרגיש כאב חד בירך או בברך, עצור מיד והתקשר למרפאה כדי לקבוע תור חדש."


@pytest.mark.parametrize(("note", "language"), [(ARABIC_NOTE, "ar"), (HEBREW_NOTE, "he")])
def test_a_right_to_left_note_reads_as_written_in_its_own_language(
    tmp_path: Path, note: str, language: str
) -> None:
    """Drawn line by line in display order, the paragraph's element carries the note
    in reading order (/ActualText) and the language of its script (/Lang)."""
    data = {"patient": {"name": "Jane Doe"}, "date": "2026-11-24", "notes": note}
    data["exercises"] = ["step-ups"]
    plan = api.load_plan(write_plan(tmp_path, data))
    pdf_bytes = api.make_handout(plan, tmp_path / "out.pdf", overwrite=True).read_bytes()
    with pikepdf.open(io.BytesIO(pdf_bytes)) as pdf:
        notes = [
            node
            for _, node in _elements(pdf)
            if "/ActualText" in node and str(node.ActualText) == note
        ]
        assert len(notes) == 1
        assert str(notes[0].Lang) == language
        # The English wording around it has no language of its own (the document's).
        title = next(node for _, node in _elements(pdf) if str(node.S) == "/H1")
        assert "/Lang" not in title and "/ActualText" not in title


def test_a_latin_name_or_an_english_sentence_gets_no_language_guess(tmp_path: Path) -> None:
    from handouts.render.span_language import span_language

    assert span_language("Zoë Łukasiewicz") is None
    assert span_language(f"Hold the band. {ARABIC_NOTE[:6]}") is None
    assert span_language("東京の病院") == "ja"
    assert span_language("물리치료") == "ko"


def test_an_independent_pdfua_checker_finds_nothing_but_the_missing_claim(tmp_path: Path) -> None:
    """pdfua (PyPI) checks some PDF/UA rules on its own terms.  Its one remark: the
    file does not declare PDF/UA conformance, which it deliberately does not
    (no complete PDF/UA validator runs here to back the claim)."""
    pdfua = pytest.importorskip("pdfua", reason="pdfua is not installed (pip install pdfua)")
    _make(tmp_path)
    report = pdfua.validate(str(tmp_path / "out.pdf"))
    findings = [finding for outcome in report.outcomes for finding in outcome.findings]
    assert [finding.rule_id for finding in findings] == ["UA-28-004"], findings


def test_a_card_running_over_pages_is_one_section_without_its_running_caption(
    tmp_path: Path,
) -> None:
    """A card with a long note flows on to the next page under a "(continued)"
    caption: decoration, like a page header, so the card reads once, in order."""
    from tests.tagged_pdf import structure_outline

    note = "Keep your back flat and breathe out as you lift. " * 60
    data = {"patient": {"name": "Jane Doe"}, "date": "2026-11-24"}
    data["exercises"] = [{"id": "step-ups", "notes": note}]
    plan = api.load_plan(write_plan(tmp_path, data))
    made = api.make_handout(plan, tmp_path / "out.pdf", overwrite=True).read_bytes()
    outline = structure_outline(made)
    texts = " ".join(text for _, _, text in outline)
    assert "continued" not in texts
    cards = [i for i, (_, role, text) in enumerate(outline) if role == "H3"]
    assert [outline[i][2] for i in cards] == ["Step-ups"]
    assert "breathe out as you lift" in texts


@pytest.mark.parametrize("layout", ["standard", "compact"])
def test_headings_and_tables_are_read_in_the_order_of_the_page(tmp_path: Path, layout: str) -> None:
    from tests.tagged_pdf import structure_outline

    outline = structure_outline(_make(tmp_path, layout=layout))
    top = [(role, text) for depth, role, text in outline if depth == 1 and role != "P"]
    headings = [text for role, text in top if role in ("H1", "H2")]
    assert headings == [
        "Your home exercise programme",
        "Your goals",
        "Your programme at a glance",
        "About your condition",
        "Your exercises",
        "Pain and your exercises",
        "Questions?",
        "Exercise diary",
    ]
    roles = [role for role, _ in top]
    assert roles[:3] == ["Figure", "H1", "Table"]  # the logo, the title, the patient
    assert top[-2:] == [("H2", "Exercise diary"), ("Table", "")]
    # In every card, the exercise's own picture comes first, its video's QR code after.
    cards = [i for i, (_, role, _) in enumerate(outline) if role == "H3"]
    for index in cards:
        assert outline[index + 1][1] == "Figure"
        assert outline[index + 1][2].startswith("A person"), outline[index + 1]
