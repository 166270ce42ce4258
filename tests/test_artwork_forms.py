"""Issue 19: illustrations drawn once per process, as compact form XObjects.

Read back from the PDF (pikepdf): one form per picture, reused; compact
operators; grey forms in greyscale; the Figure with its /Alt around each use;
a picture ReportLab cannot draw still named in one line.  Timing is in bench/.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pikepdf
import pytest
import yaml
from reportlab.platypus import SimpleDocTemplate

from handouts import api
from handouts.errors import AssetError
from handouts.images import clear_svg_cache
from handouts.render.artwork import picture
from handouts.render.compact_ops import compact
from tests.conftest import REPO, write_plan

DEMO = REPO / "assets" / "demo-plan.yaml"
CARD_BOX = (164.0, 147.0)
SVG_OPEN = '<svg xmlns="http://www.w3.org/2000/svg" width="100" height="50">'
COLOURS = {"rg", "RG", "g", "G", "k", "K", "sc", "SC", "scn", "SCN", "cs", "CS"}


def _demo(tmp_path: Path, **options: Any) -> pikepdf.Pdf:
    data = yaml.safe_load(DEMO.read_text(encoding="utf-8"))
    data = {**data, "options": {**data.get("options", {}), **options}}
    data.pop("clinic", None)
    plan = api.load_plan(write_plan(tmp_path, data))
    out = api.make_handout(plan, tmp_path / "out.pdf", overwrite=True)
    return pikepdf.open(io.BytesIO(out.read_bytes()))


def _art_forms(pdf: pikepdf.Pdf) -> dict[tuple[int, int], pikepdf.Stream]:
    """The illustrations' forms (ours are named ``art…``), found from every page."""
    found: dict[tuple[int, int], pikepdf.Stream] = {}
    stack = [page.obj for page in pdf.pages]
    while stack:
        holder = stack.pop()
        xobjects = holder.get("/Resources", pikepdf.Dictionary()).get("/XObject", {})
        for name, xobject in dict(xobjects).items():
            if xobject.get("/Subtype") != pikepdf.Name.Form or xobject.objgen in found:
                continue
            stack.append(xobject)
            if name.startswith("/FormXob.art"):
                found[xobject.objgen] = xobject
    return found


def _svg(folder: Path, body: str, name: str = "art.svg") -> Path:
    path = folder / name
    path.write_text(f"{SVG_OPEN}{body}</svg>", encoding="utf-8")
    return path


def _build(*flowables: Any) -> pikepdf.Pdf:
    out = io.BytesIO()
    SimpleDocTemplate(out).build(list(flowables))
    return pikepdf.open(io.BytesIO(out.getvalue()))


def _operators(stream: pikepdf.Object) -> list[tuple[list[Any], str]]:
    return [(list(ops), str(op)) for ops, op in pikepdf.parse_content_stream(stream)]


# One form per picture -------------------------------------------------------------


def test_each_illustration_is_one_form_drawn_from_the_page(tmp_path: Path) -> None:
    pdf = _demo(tmp_path)
    forms = _art_forms(pdf)
    # Nine exercises, each with its own drawing; the clinic's logo is a tenth.
    assert len(forms) == 10
    for form in forms.values():
        painted = [op for _, op in _operators(form) if op in ("f", "S", "B", "f*", "b")]
        assert painted, "a form with the drawing's shapes"


def test_the_same_picture_twice_is_one_form_used_twice(tmp_path: Path) -> None:
    path = _svg(tmp_path, '<rect x="10" y="10" width="80" height="30" fill="#c05020"/>')
    pdf = _build(picture(path, *CARD_BOX), picture(path, *CARD_BOX))
    forms = _art_forms(pdf)
    assert len(forms) == 1
    uses = [ops for ops, op in _operators(pdf.pages[0]) if op == "Do"]
    assert len(uses) == 2
    assert uses[0] == uses[1]


def test_the_page_and_the_form_hold_compact_operators(tmp_path: Path) -> None:
    pdf = _demo(tmp_path)
    for page in pdf.pages:
        # Before: up to 52,800 bytes a page, each drawing restating every setting.
        assert len(page.Contents.read_bytes()) < 16_000
    operators: list[str] = []
    for form in _art_forms(pdf).values():
        ops = form.read_bytes().decode("latin-1")
        assert "1 0 0 1 0 0 cm\nq" not in ops
        assert "q\nQ" not in ops
        operators += [op for _, op in _operators(form)]
    painted = sum(op in ("f", "S", "B") for op in operators)
    assert painted > 500
    # A setting only where it changes (before: q, cm, both colours, w, J, j, d
    # and n for every shape; now about one, mostly a dot's width).
    settings = {"q", "cm", "rg", "RG", "w", "J", "j", "d", "M"}
    assert sum(op in settings for op in operators) < 1.5 * painted
    assert operators.count("d") < painted / 10
    assert operators.count("q") < painted / 10
    assert operators.count("n") == 0


def test_greyscale_forms_set_only_greys(tmp_path: Path) -> None:
    (tmp_path / "c").mkdir()
    (tmp_path / "g").mkdir()
    colour_pdf, grey_pdf = _demo(tmp_path / "c"), _demo(tmp_path / "g", greyscale=True)
    colour = list(_art_forms(colour_pdf).values())
    grey = list(_art_forms(grey_pdf).values())
    assert len(grey) == len(colour) == 10

    def colours(forms: list[pikepdf.Stream]) -> list[tuple[str, list[float]]]:
        return [
            (op, [float(v) for v in operands])
            for form in forms
            for operands, op in _operators(form)
            if op in COLOURS
        ]

    assert any(len(set(values)) > 1 for _, values in colours(colour)), "colour forms"
    found = colours(grey)
    assert len(found) > 20
    for op, values in found:
        assert op in ("rg", "RG", "g", "G"), op
        assert len(set(values)) == 1, (op, values)


# Tagging -------------------------------------------------------------------------


def test_each_use_is_inside_its_figure_with_its_description(tmp_path: Path) -> None:
    pdf = _demo(tmp_path)
    figures: dict[tuple[int, int], str] = {}
    for element in _walk(pdf.Root.StructTreeRoot):
        if element.get("/S") == "/Figure" and "/Pg" in element:
            mcids = element.K if isinstance(element.K, pikepdf.Array) else [element.K]
            for mcid in mcids:
                figures[(element.Pg.objgen, int(mcid))] = str(element.Alt)
    wrapped = 0
    for page in pdf.pages:
        names = {
            name
            for name, xobject in dict(page.Resources.get("/XObject", {})).items()
            if name.startswith("/FormXob.art")
        }
        open_marks: list[tuple[str, int | None]] = []
        for operands, op in _operators(page):
            if op in ("BDC", "BMC"):
                props = operands[1] if op == "BDC" else None
                mcid = int(props.MCID) if isinstance(props, pikepdf.Dictionary) else None
                open_marks.append((str(operands[0]), mcid))
            elif op == "EMC":
                open_marks.pop()
            elif op == "Do" and str(operands[0]) in names:
                assert open_marks, "a figure's form outside marked content"
                role, mcid = open_marks[-1]
                assert role == "/Figure"
                assert mcid is not None
                assert figures[(page.obj.objgen, mcid)].strip()
                wrapped += 1
    assert wrapped == 9  # the logo's form is inside the page furniture's logo form


def _walk(node: Any) -> list[pikepdf.Dictionary]:
    found: list[pikepdf.Dictionary] = []
    stack = [node]
    while stack:
        item = stack.pop()
        if not isinstance(item, pikepdf.Dictionary):
            continue
        if "/S" in item:
            found.append(item)
        kids = item.get("/K")
        stack.extend(kids if isinstance(kids, pikepdf.Array) else [kids])
    return found


# What stays as before --------------------------------------------------------------


def test_a_drawing_with_text_is_drawn_on_the_page_with_its_font(tmp_path: Path) -> None:
    path = _svg(tmp_path, '<text x="5" y="30" font-size="12">Hold 5 s</text>')
    pdf = _build(picture(path, *CARD_BOX))
    assert not _art_forms(pdf)
    assert "Tj" in [op for _, op in _operators(pdf.pages[0])]


def test_an_svg_that_fails_while_drawn_is_still_named_in_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from reportlab.graphics import renderPDF

    clear_svg_cache()
    path = _svg(tmp_path, '<circle cx="20" cy="20" r="9"/>', name="broken.svg")

    def broken(*args: object, **kwargs: object) -> None:
        raise ValueError("number too large")

    # Whether ReportLab fails while the form is made (picture) or while the picture
    # is drawn on the page, the message is the same one line.
    monkeypatch.setattr(renderPDF, "draw", broken)
    monkeypatch.delenv("HANDOUTS_DEBUG", raising=False)
    with pytest.raises(AssetError) as info:
        _build(picture(path, *CARD_BOX))
    assert info.value.message == f"{path}: SVG could not be drawn (ValueError in ReportLab)"
    assert "\n" not in info.value.message


# The compactor ---------------------------------------------------------------------


def test_a_setting_the_drawing_never_made_is_undone_where_it_was_changed() -> None:
    # The second line relies on the page's own width: the first one's must not leak.
    code = "q\n1 0 0 1 0 0 cm\nq\n2 w\nn 0 0 m 10 10 l S\nQ\nn 0 0 m 5 5 l S\nQ"
    result = compact(code, 10, 10)
    assert result is not None
    assert result.ops == "q\n2 w\n0 0 m 10 10 l S\nQ\n0 0 m 5 5 l S"


def test_settings_are_written_only_when_a_shape_needs_them_changed() -> None:
    code = (
        "q\n0 0 0 RG\n1 w\n0 J\n0 j\n[] 0 d\n0 0 0 rg\n"
        "q\n.2 .4 .6 rg\n1 w\n0 J\nn 0 0 m 1 0 l 1 1 l h f\nQ\n"
        "q\n.2 .4 .6 rg\n3 w\nn 0 0 m 1 1 l S\nQ\n"
        "q\n.2 .4 .6 rg\n1 w\nn 2 0 m 3 0 l 3 1 l h f\nQ\nQ"
    )
    result = compact(code, 10, 10)
    assert result is not None
    assert result.ops.splitlines() == [
        ".2 .4 .6 rg",
        "0 0 m 1 0 l 1 1 l f",
        "0 0 0 RG",
        "3 w",
        "0 J",
        "0 j",
        "[] 0 d",
        "0 0 m 1 1 l S",
        "2 0 m 3 0 l 3 1 l f",
    ]


def _circle_ops(paint: str, *, fill: str = "#204060", stroke: str = "#ffffff") -> str:
    from reportlab.lib.colors import HexColor
    from reportlab.pdfgen.canvas import Canvas

    canvas = Canvas(io.BytesIO())
    canvas.setFillColor(HexColor(fill))
    canvas.setStrokeColor(HexColor(stroke))
    canvas.setLineWidth(2)
    canvas.setDash([])
    canvas.setLineCap(0)
    canvas.circle(50, 40, 7, stroke=int("B" in paint), fill=1)
    canvas.ellipse(10, 10, 30, 20, stroke=0, fill=1)
    return canvas.getCurrentPageContent()


def test_a_filled_circle_becomes_a_dot_and_an_ellipse_stays_a_path() -> None:
    result = compact(_circle_ops("f"), 100, 100)
    assert result is not None
    lines = result.ops.splitlines()
    # A short line with round caps, the circle's diameter wide, in the fill colour.
    dot = lines.index("50 40 m 50.01 40 l S")
    assert {".125 .251 .376 RG", "14 w", "1 J", "[] 0 d"} <= set(lines[:dot])
    assert lines[-1].endswith(" c f*")  # the ellipse: curves, as before


def test_an_outlined_circle_is_the_outline_then_the_fill() -> None:
    result = compact(_circle_ops("B"), 100, 100)
    assert result is not None
    lines = result.ops.splitlines()
    outline = lines.index("1 1 1 RG")
    inside = lines.index(".125 .251 .376 RG")
    assert outline < lines.index("16 w") < inside < lines.index("12 w")
    assert lines.count("50 40 m 50.01 40 l S") == 2


def test_numbers_are_rounded_to_what_prints() -> None:
    result = compact("q\n.2 .4 .6 rg\nn 183.3222 10.004 m 0 0 l 1 0 l f\nQ", 300, 200)
    assert result is not None
    # 1/20,000 of 300 units: two decimals.
    assert result.ops.splitlines()[-1] == "183.32 10 m 0 0 l 1 0 l f"


def test_the_box_holds_what_is_painted_beyond_the_drawing() -> None:
    result = compact("q\n0 0 0 rg\nn -40 -5 m 150 0 l 0 80 l f\nQ", 100, 50)
    assert result is not None
    x0, y0, x1, y1 = result.bbox
    assert x0 <= -40 and y0 <= -5 and x1 >= 150 and y1 >= 80


@pytest.mark.parametrize(
    "code",
    [
        "q\nBT /F1 12 Tf (Hi) Tj ET\nQ",  # text
        "q\n/gRLs0 gs\nn 0 0 m 1 1 l S\nQ",  # transparency
        "q\n/Im0 Do\nQ",  # an image
        "q\nn 0 0 m 1 1 l S",  # unbalanced
        "q\n[1 2 d\nQ",  # an array never closed
        "q\n. w\n- J\nQ",  # not numbers
        "q\n1e5 w\nQ",  # a number ReportLab never writes
    ],
)
def test_anything_but_paths_is_left_to_reportlab(code: str) -> None:
    assert compact(code, 10, 10) is None
