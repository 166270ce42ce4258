"""The tagged-PDF checker (tests/tagged_pdf.py) finds each defect, and only the defect.

A hand-made, correctly tagged PDF (tests/tagged_pdf_sample.py) passes; each test
breaks one rule in a copy of it and expects exactly the lines that name that rule.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import pikepdf
import pytest

from handouts import api
from tests.conftest import write_plan
from tests.tagged_pdf import structure_outline, tagging_problems
from tests.tagged_pdf_cmap import parse_tounicode
from tests.tagged_pdf_sample import OUTLINE, TITLE, sample, structure_elements

Change = Callable[[pikepdf.Pdf], None]


def changed(change: Change) -> bytes:
    """The sample, with ``change`` applied."""
    with pikepdf.open(io.BytesIO(sample())) as pdf:
        change(pdf)
        out = io.BytesIO()
        pdf.save(out)
        return out.getvalue()


def add_content(page: int, content: bytes) -> Change:
    def change(pdf: pikepdf.Pdf) -> None:
        pdf.pages[page - 1].contents_add(pdf.make_stream(content))

    return change


def first(pdf: pikepdf.Pdf, kind: str) -> pikepdf.Object:
    return structure_elements(pdf, kind)[0]


def test_the_hand_made_tagged_pdf_has_no_problems(tmp_path: Path) -> None:
    # Written where the conftest's readers (qpdf, poppler, MuPDF) check it too.
    (tmp_path / "sample.pdf").write_bytes(sample())
    assert tagging_problems(sample()) == []


def test_the_outline_is_the_reading_order_with_each_elements_text() -> None:
    """Type0 and simple fonts through ToUnicode, TJ, ', /ActualText, an MCR to page 2."""
    assert structure_outline(sample()) == OUTLINE


def _del(key: str) -> Change:
    def change(pdf: pikepdf.Pdf) -> None:
        del pdf.Root[key]

    return change


def _figure_without_alt(pdf: pikepdf.Pdf) -> None:
    del first(pdf, "Figure").Alt


def _mcid_twice(pdf: pikepdf.Pdf) -> None:
    first(pdf, "H1").K.append(1)


def _skipped_level(pdf: pikepdf.Pdf) -> None:
    first(pdf, "H2").S = pikepdf.Name.H3


def _helvetica(pdf: pikepdf.Pdf) -> None:
    helvetica = pikepdf.Dictionary(
        Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1, BaseFont=pikepdf.Name.Helvetica
    )
    pdf.pages[0].Resources.XObject.Fm1.Resources.Font.F9 = pdf.make_indirect(helvetica)


def _link_without_objr(pdf: pikepdf.Pdf) -> None:
    link = first(pdf, "Link")
    link.K = pikepdf.Array([link.K[0]])


def _link_without_struct_parent(pdf: pikepdf.Pdf) -> None:
    del pdf.pages[0].Annots[0].StructParent


def _link_in_a_p(pdf: pikepdf.Pdf) -> None:
    first(pdf, "Link").S = pikepdf.Name.P


def _no_display_doc_title(pdf: pikepdf.Pdf) -> None:
    pdf.Root.ViewerPreferences.DisplayDocTitle = False


def _other_xmp_title(pdf: pikepdf.Pdf) -> None:
    with pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as meta:
        meta["dc:title"] = "Another title"


def _no_info_title(pdf: pikepdf.Pdf) -> None:
    del pdf.docinfo.Title


def _bad_language(pdf: pikepdf.Pdf) -> None:
    pdf.Root.Lang = "English (UK)"


def _no_tabs(pdf: pikepdf.Pdf) -> None:
    del pdf.pages[1].obj.Tabs


def _no_struct_parents(pdf: pikepdf.Pdf) -> None:
    del pdf.pages[1].obj.StructParents


def _swapped_parent_tree(pdf: pikepdf.Pdf) -> None:
    entry = pdf.Root.StructTreeRoot.ParentTree.Kids[0].Nums[1]
    entry[0], entry[1] = entry[1], entry[0]


def _mcid_not_on_page(pdf: pikepdf.Pdf) -> None:
    first(pdf, "TD").K.append(42)


def _wrong_parent(pdf: pikepdf.Pdf) -> None:
    first(pdf, "H1").P = first(pdf, "Sect")


def _td_in_table(pdf: pikepdf.Pdf) -> None:
    table, td = first(pdf, "Table"), first(pdf, "TD")
    table.K = pikepdf.Array([table.K[0], td])  # in place of its row
    td.P = table


def _th_without_scope(pdf: pikepdf.Pdf) -> None:
    del first(pdf, "TH").A


def _p_in_list(pdf: pikepdf.Pdf) -> None:
    first(pdf, "LI").S = pikepdf.Name.P


def _empty_paragraph(pdf: pikepdf.Pdf) -> None:
    """A paragraph that holds nothing (an empty table cell is allowed: a tick box)."""
    first(pdf, "P").K = pikepdf.Array([])


def _unknown_type(pdf: pikepdf.Pdf) -> None:
    first(pdf, "Sect").S = pikepdf.Name.Card


def _mapped_type(pdf: pikepdf.Pdf) -> None:
    _unknown_type(pdf)
    pdf.Root.StructTreeRoot.RoleMap = pikepdf.Dictionary(Card=pikepdf.Name.Sect)


def _two_roots(pdf: pikepdf.Pdf) -> None:
    root = pdf.Root.StructTreeRoot
    document = root.K[0]
    root.K = pikepdf.Array([document, document.K[3]])
    document.K[3].P = root
    document.K = pikepdf.Array([*list(document.K)[:3], *list(document.K)[4:]])


DEFECTS: dict[str, tuple[Change, list[str]]] = {
    "untagged text": (
        add_content(2, b"BT /F2 10 Tf 72 100 Td (loose) Tj ET"),
        ["page 2: Tj outside marked content (1×)"],
    ),
    "untagged form content": (
        add_content(1, b"q /Fm1 Do Q"),
        ["page 1, form /Fm1: Tj outside marked content (1×)"],
    ),
    "untagged image and inline image": (
        add_content(1, b"/Im1 Do q BI /W 1 /H 1 /BPC 8 /CS /G ID \x80 EI Q"),
        ["page 1: Do outside marked content (1×)", "page 1: BI outside marked content (1×)"],
    ),
    "untagged paths": (
        add_content(1, b"0 0 m 9 9 l S 0 0 5 5 re f* 0 0 5 5 re B 0 0 5 5 re W n"),
        [
            "page 1: S outside marked content (1×)",
            "page 1: f* outside marked content (1×)",
            "page 1: B outside marked content (1×)",
        ],
    ),
    "figure without alt": (
        _figure_without_alt,
        ["structure: Document/Figure (page 1): Figure without /Alt"],
    ),
    "mcid referenced twice": (
        _mcid_twice,
        ["page 1: MCID 1 is referenced 2 times (Document/H1, Document/P[1])"],
    ),
    "no lang": (_del("/Lang"), ["catalog: no /Lang"]),
    "lang not a tag": (_bad_language, ["catalog: /Lang 'English (UK)' is not a language tag"]),
    "no markinfo": (_del("/MarkInfo"), ["catalog: no /MarkInfo << /Marked true >>"]),
    "no display doc title": (
        _no_display_doc_title,
        ["catalog: no /ViewerPreferences << /DisplayDocTitle true >>"],
    ),
    "no xmp": (_del("/Metadata"), ["metadata: no XMP metadata stream"]),
    "xmp title differs": (
        _other_xmp_title,
        [f"metadata: XMP dc:title 'Another title' is not the Info /Title {TITLE!r}"],
    ),
    "no info title": (_no_info_title, ["info: no /Title"]),
    "skipped heading level": (
        _skipped_level,
        ["structure: Document/Sect[1]/H3 (page 1): H3 follows H1: a skipped heading level"],
    ),
    "unembedded helvetica in a form": (
        _helvetica,
        ["page 1, form /Fm1: font /F9 (Helvetica), a standard-14 font, is not embedded"],
    ),
    "link without objr": (
        _link_without_objr,
        ["page 1: Link annotation is in no structure element (no OBJR)"],
    ),
    "link without struct parent": (
        _link_without_struct_parent,
        ["page 1: Link annotation has no /StructParent"],
    ),
    "link in a p": (_link_in_a_p, ["page 1: Link annotation is in a P element, not a Link"]),
    "no tabs": (_no_tabs, ["page 2: /Tabs is not /S"]),
    "no struct parents": (_no_struct_parents, ["page 2: has MCIDs but no /StructParents"]),
    "parent tree swapped": (
        _swapped_parent_tree,
        [
            "page 1: the ParentTree maps MCID 0 to Document/P[1], not its owner",
            "page 1: the ParentTree maps MCID 1 to Document/H1, not its owner",
        ],
    ),
    "mcid not on its page": (
        _mcid_not_on_page,
        ["structure: Document/Sect[1]/Table/TR[2]/TD: MCID 42 is not on page 1"],
    ),
    "wrong /P": (_wrong_parent, ["structure: Document/H1 (page 1): /P is not its parent"]),
    "td in a table": (
        _td_in_table,
        [
            "structure: Document/Sect[1]/Table/TD (page 1): TD inside Table"
            " (allowed: ['Caption', 'TBody', 'TFoot', 'THead', 'TR'])"
        ],
    ),
    "th without scope": (
        _th_without_scope,
        [
            "structure: Document/Sect[1]/Table/TR[1]/TH (page 1):"
            " TH without a Table attribute /Scope (Row, Column or Both)"
        ],
    ),
    "p in a list": (
        _p_in_list,
        [
            "structure: Document/Sect[1]/L/P (page 1): P inside L (allowed: ['Caption', 'LI'])",
            "structure: Document/Sect[1]/L/P/Lbl (page 1): Lbl outside LI",
            "structure: Document/Sect[1]/L/P/LBody (page 1): LBody outside LI",
        ],
    ),
    "empty element": (
        _empty_paragraph,
        [
            "structure: Document/P[1]: empty P (no content, no elements)",
            "page 1: MCID 1 is in no structure element",
        ],
    ),
    "unknown structure type": (
        _unknown_type,
        ["structure: Document/Card (page 1): /S /Card is not a standard type, nor mapped to one"],
    ),
    "two elements at the root": (
        _two_roots,
        ["structure: the root holds Document, Sect, not one Document element"],
    ),
    "mcid nested in mcid": (
        add_content(1, b"/P <</MCID 20>> BDC /Span <</MCID 21>> BDC EMC EMC"),
        [
            "page 1: MCID 21 nested inside MCID 20",
            "page 1: MCID 20 is in no structure element",
            "page 1: the ParentTree has no element for MCID 20",
        ],
    ),
    "artifact inside tagged content": (
        add_content(2, b"/Artifact BMC /Figure <</MCID 7>> BDC EMC EMC"),
        ["page 2: MCID 7 inside an /Artifact sequence"],
    ),
    "tagged content inside an artifact": (
        add_content(2, b"/P <</MCID 0>> BDC /Artifact BMC EMC EMC"),
        ["page 2: /Artifact inside tagged content (MCID 0)", "page 2: MCID 0 marks 2 sequences"],
    ),
    "sequence not closed": (
        add_content(2, b"/Artifact BMC"),
        ["page 2: 1 marked-content sequence(s) not closed"],
    ),
    "emc without bdc": (add_content(2, b"EMC"), ["page 2: EMC without BMC/BDC"]),
    "bt and bdc overlap": (
        add_content(2, b"/Artifact BMC BT EMC ET"),
        ["page 2: EMC closes outside BT", "page 2: BDC/EMC and BT/ET overlap"],
    ),
    "missing named properties": (
        add_content(2, b"/Artifact /MC9 BDC EMC"),
        ["page 2: BDC /Artifact /MC9: not in /Resources /Properties"],
    ),
}


@pytest.mark.parametrize("defect", DEFECTS, ids=list(DEFECTS))
def test_each_defect_is_reported_and_nothing_else(defect: str) -> None:
    change, expected = DEFECTS[defect]
    assert tagging_problems(changed(change)) == expected


def test_a_role_mapped_type_is_accepted_and_outlined_as_written() -> None:
    data = changed(_mapped_type)
    assert tagging_problems(data) == []
    assert (1, "Card", "") in structure_outline(data)


@pytest.mark.parametrize("accessibility", [True, False])
def test_encryption_must_leave_extraction_for_accessibility_allowed(accessibility: bool) -> None:
    # R3 (RC4): qpdf sets P bit 10 itself for AES (R4, R6), so only R3 can clear it.
    allow = pikepdf.Permissions(accessibility=accessibility, extract=False)
    locked = pikepdf.Encryption(owner="o", user="u", R=3, aes=False, metadata=False, allow=allow)
    out = io.BytesIO()
    with pikepdf.open(io.BytesIO(sample())) as pdf:
        pdf.save(out, encryption=locked)
    refused = "encryption: extraction for accessibility is not allowed (P bit 10)"
    assert tagging_problems(out.getvalue(), password="u") == ([] if accessibility else [refused])


def test_tounicode_ranges_arrays_and_mixed_code_lengths() -> None:
    cmap = parse_tounicode(
        b"2 begincodespacerange <00> <7F> <8000> <FFFF> endcodespacerange\n"
        b"1 beginbfchar <41> <0042> endbfchar\n"
        b"3 beginbfrange <61> <63> <0078>\n<8001> <8002> [<00660069> <D83DDE00>]\n"
        b"<80FE> <8101> <05D0> endbfrange"
    )
    assert cmap.decode(b"A") == "B"
    assert cmap.decode(b"abc") == "xyz"
    assert cmap.decode(b"\x80\x01\x80\x02") == "fi\U0001f600"
    assert cmap.decode(b"\x80\xfe\x81\x01A") == "אדB"  # a range past a byte boundary
    assert cmap.decode(b"z\x90\x00") == "\ufffd\ufffd"  # codes it does not map


def test_a_real_handout_passes_the_checker_and_reads_in_order(tmp_path: Path) -> None:
    """The product: nothing for the checker to report, and the outline in reading order."""
    plan = {"patient": {"name": "Jane Doe"}, "date": "2026-11-24", "exercises": ["step-ups"]}
    out = api.make_handout(api.load_plan(write_plan(tmp_path, plan)), tmp_path / "jane.pdf")
    data = out.read_bytes()
    assert tagging_problems(data) == []
    outline = structure_outline(data)
    roles = [role for _, role, _ in outline]
    assert roles[:3] == ["Document", "Figure", "H1"]
    texts = [text for _, _, text in outline]
    assert "Your home exercise programme" in texts
    step_ups = next(i for i, (_, role, text) in enumerate(outline) if role == "H3")
    assert texts[step_ups] == "Step-ups" and roles[step_ups + 1] == "Figure"
