"""A small tagged PDF made by hand with pikepdf, the checker's known-good input.

Two pages with what a handout has: a heading in a Type0 (Identity-H) font, text
in a simple TrueType font, a picture and a vector drawing (a form XObject) as
Figures with alt text, a list, a table with a column header, a link, a paragraph
that goes on to the next page, an /ActualText span, and page furniture as
artifacts.  Written straight from ISO 32000-1 14.7-14.8, sharing nothing with
handouts.render, so the checker's tests stand on their own.
"""

from __future__ import annotations

import functools
import io

import pikepdf
from reportlab.pdfbase.ttfonts import TTFontFile

from handouts import resources

TITLE = "Your exercises – Jane"
FIGURE_ALT = "A person stretching the front of the hip"
DRAWING_ALT = "A line and a square"
OUTLINE = [
    (0, "Document", ""),
    (1, "H1", "Your exercises"),
    (1, "P", "Hello Jane."),
    (1, "Figure", FIGURE_ALT),
    (1, "Sect", ""),
    (2, "H2", "Steps"),
    (2, "L", ""),
    (3, "LI", ""),
    (4, "Lbl", "1."),
    (4, "LBody", "Stand tall. Breathe out."),
    (2, "Table", ""),
    (3, "TR", ""),
    (4, "TH", "Day"),
    (3, "TR", ""),
    (4, "TD", "Mon"),
    (2, "Link", "Watch the video"),
    (1, "P", "Keep going, world and on. The end."),
    (1, "Sect", ""),
    (2, "H2", "Drawing"),
    (2, "Figure", DRAWING_ALT),
]


class _Type0:
    """A Type0 font, Identity-H: each character is shown as its two-byte glyph id."""

    def __init__(self, face: TTFontFile) -> None:
        self.face = face
        self.used: dict[int, str] = {}

    def show(self, text: str) -> bytes:
        glyphs = [self.face.charToGlyph[ord(char)] for char in text]
        self.used.update(zip(glyphs, text, strict=True))
        return b"<" + "".join(f"{glyph:04X}" for glyph in glyphs).encode() + b"> Tj"

    def to_unicode(self) -> bytes:
        pairs = "\n".join(f"<{g:04X}> <{ord(c):04X}>" for g, c in sorted(self.used.items()))
        return _cmap("<0000> <FFFF>", f"{len(self.used)} beginbfchar\n{pairs}\nendbfchar")


def _cmap(space: str, mappings: str) -> bytes:
    return (
        "/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
        "/CMapName /Adobe-Identity-UCS def /CMapType 2 def\n"
        f"1 begincodespacerange {space} endcodespacerange\n{mappings}\n"
        "endcmap CMapName currentdict /CMap defineresource pop end end\n"
    ).encode()


def _fonts(pdf: pikepdf.Pdf, type0: _Type0) -> tuple[pikepdf.Object, pikepdf.Object]:
    """The Type0 font and a simple TrueType font (WinAnsi), one embedded font file."""
    path = resources.fonts_dir() / "HandoutSans.ttf"
    program = pdf.make_stream(path.read_bytes())
    program.Length1 = len(path.read_bytes())
    descriptor = pdf.make_indirect(
        pikepdf.Dictionary(
            Type=pikepdf.Name.FontDescriptor,
            FontName=pikepdf.Name.HandoutSans,
            Flags=32,
            FontBBox=[-1021, -391, 1681, 1068],
            ItalicAngle=0,
            Ascent=760,
            Descent=-240,
            CapHeight=760,
            StemV=87,
            FontFile2=program,
        )
    )
    descendant = pikepdf.Dictionary(
        Type=pikepdf.Name.Font,
        Subtype=pikepdf.Name.CIDFontType2,
        BaseFont=pikepdf.Name.HandoutSans,
        CIDSystemInfo=pikepdf.Dictionary(Registry="Adobe", Ordering="Identity", Supplement=0),
        FontDescriptor=descriptor,
        CIDToGIDMap=pikepdf.Name.Identity,
        DW=600,
    )
    composite = pikepdf.Dictionary(
        Type=pikepdf.Name.Font,
        Subtype=pikepdf.Name.Type0,
        BaseFont=pikepdf.Name.HandoutSans,
        Encoding=pikepdf.Name("/Identity-H"),
        DescendantFonts=[pdf.make_indirect(descendant)],
        ToUnicode=pdf.make_stream(type0.to_unicode()),
    )
    simple = pikepdf.Dictionary(
        Type=pikepdf.Name.Font,
        Subtype=pikepdf.Name.TrueType,
        BaseFont=pikepdf.Name.HandoutSans,
        FirstChar=32,
        LastChar=126,
        Widths=[600] * 95,
        Encoding=pikepdf.Name.WinAnsiEncoding,
        FontDescriptor=descriptor,
        ToUnicode=pdf.make_stream(_cmap("<00> <FF>", "1 beginbfrange <20> <7E> <0020> endbfrange")),
    )
    return pdf.make_indirect(composite), pdf.make_indirect(simple)


def _content(type0: _Type0) -> tuple[bytes, bytes]:
    """The two pages' content streams, as a tagging PDF writer would write them."""
    text = b"BT /F2 11 Tf 14 TL 72 %d Td "
    page1 = b"\n".join(
        [
            b"/Artifact BMC q 0.9 g 0 0 595 30 re f Q EMC",
            b"/Artifact BMC /Fm1 Do EMC",
            b"q 0 0 595 842 re W n Q",  # a clip paints nothing: no tag needed
            b"/H1 <</MCID 0>> BDC BT /F1 20 Tf 72 770 Td "
            + type0.show("Your exercises")
            + b" ET EMC",
            b"/P /MC1 BDC " + text % 740 + b"(Hello Jane.) Tj ET EMC",
            b"/Figure <</MCID 2>> BDC q 100 0 0 80 72 640 cm /Im1 Do Q EMC",
            b"/H2 <</MCID 3>> BDC BT /F2 14 Tf 72 610 Td [(Ste) -20 (ps)] TJ ET EMC",
            b"/Lbl <</MCID 4>> BDC " + text % 590 + b"(1.) Tj ET EMC",
            b"/LBody <</MCID 5>> BDC " + text % 590 + b"(Stand tall.) Tj (Breathe out.) ' ET EMC",
            b"/TH <</MCID 6>> BDC " + text % 560 + b"(Day) Tj ET EMC",
            b"/TD <</MCID 7>> BDC " + text % 545 + b"(Mon) Tj ET EMC",
            b"/Link <</MCID 8>> BDC " + text % 520 + b"(Watch the video) Tj ET EMC",
            b"/P <</MCID 9>> BDC " + text % 490 + b"(Keep going, ) Tj "
            b"/Span <</ActualText <FEFF0077006F0072006C0064>>> BDC (dlrow) Tj EMC ET EMC",
        ]
    )
    page2 = b"\n".join(
        [
            b"/Artifact BMC /Fm1 Do EMC",
            b"/P <</MCID 0>> BDC " + text % 780 + b"(and on.) Tj (The end.) ' ET EMC",
            b"/H2 <</MCID 1>> BDC BT /F1 14 Tf 72 740 Td " + type0.show("Drawing") + b" ET EMC",
            b"/Figure <</MCID 2>> BDC /Fm2 Do EMC",
        ]
    )
    return page1, page2


@functools.cache
def sample() -> bytes:
    """The known-good tagged PDF (made once; tests change copies of it)."""
    pdf = pikepdf.new()
    type0 = _Type0(TTFontFile(str(resources.fonts_dir() / "HandoutSans.ttf")))
    page_streams = _content(type0)
    composite, simple = _fonts(pdf, type0)
    footer = pdf.make_stream(
        b"0.3 g BT /F2 8 Tf 72 15 Td (Riverside Sports Therapy) Tj ET",
        Type=pikepdf.Name.XObject,
        Subtype=pikepdf.Name.Form,
        BBox=[0, 0, 595, 30],
        Resources=pikepdf.Dictionary(Font=pikepdf.Dictionary(F2=simple)),
    )
    drawing = pdf.make_stream(
        b"q 0 0 1 RG 2 w 10 10 m 90 90 l S 0.5 g 20 20 30 30 re f Q",
        Type=pikepdf.Name.XObject,
        Subtype=pikepdf.Name.Form,
        BBox=[0, 0, 100, 100],
        Matrix=[1, 0, 0, 1, 72, 600],
    )
    picture = pdf.make_stream(
        b"\x80",
        Type=pikepdf.Name.XObject,
        Subtype=pikepdf.Name.Image,
        Width=1,
        Height=1,
        ColorSpace=pikepdf.Name.DeviceGray,
        BitsPerComponent=8,
    )
    pages: list[pikepdf.Object] = []
    for content in page_streams:
        page = pdf.add_blank_page(page_size=(595, 842))
        page.obj.Contents = pdf.make_stream(content)
        page.obj.Resources = pikepdf.Dictionary(
            Font=pikepdf.Dictionary(F1=composite, F2=simple),
            XObject=pikepdf.Dictionary(Fm1=footer, Fm2=drawing, Im1=picture),
            Properties=pikepdf.Dictionary(MC1=pikepdf.Dictionary(MCID=1)),
        )
        page.obj.Tabs = pikepdf.Name.S
        pages.append(page.obj)
    link = pdf.make_indirect(
        pikepdf.Dictionary(
            Type=pikepdf.Name.Annot,
            Subtype=pikepdf.Name.Link,
            Rect=[72, 515, 180, 530],
            Border=[0, 0, 0],
            Contents="Watch the video",
            A=pikepdf.Dictionary(S=pikepdf.Name.URI, URI="https://example.org/video"),
            StructParent=2,
        )
    )
    pages[0].Annots = pdf.make_indirect(pikepdf.Array([link]))
    _structure(pdf, pages, link)
    _catalog(pdf)
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


def _structure(pdf: pikepdf.Pdf, pages: list[pikepdf.Object], link: pikepdf.Object) -> None:
    """StructTreeRoot → Document → …, the ParentTree (with /Kids), /StructParents."""
    first, second = pages
    root = pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.StructTreeRoot))

    def element(kind: str, parent: pikepdf.Object, *kids: object, **more: object) -> pikepdf.Object:
        made = pdf.make_indirect(
            pikepdf.Dictionary(Type=pikepdf.Name.StructElem, S=pikepdf.Name("/" + kind), P=parent)
        )
        made.K = pikepdf.Array(list(kids))
        for key, value in more.items():
            made[f"/{key}"] = value
        return made

    document = element("Document", root)
    root.K = pikepdf.Array([document])
    h1 = element("H1", document, 0, Pg=first)
    hello = element("P", document, 1, Pg=first)
    figure = element("Figure", document, 2, Pg=first, Alt=FIGURE_ALT)
    steps = element("Sect", document)
    h2 = element("H2", steps, 3, Pg=first)
    items = element("L", steps)
    item = element("LI", items)
    label = element("Lbl", item, 4, Pg=first)
    body = element("LBody", item, 5, Pg=first)
    item.K = pikepdf.Array([label, body])
    items.K = pikepdf.Array([item])
    table = element("Table", steps)
    head_row, row = element("TR", table), element("TR", table)
    scope = pikepdf.Dictionary(O=pikepdf.Name.Table, Scope=pikepdf.Name.Column)
    day = element("TH", head_row, 6, Pg=first, A=scope)
    monday = element("TD", row, 7, Pg=first)
    head_row.K, row.K = pikepdf.Array([day]), pikepdf.Array([monday])
    table.K = pikepdf.Array([head_row, row])
    objr = pikepdf.Dictionary(Type=pikepdf.Name.OBJR, Obj=link, Pg=first)
    video = element("Link", steps, 8, objr, Pg=first)
    steps.K = pikepdf.Array([h2, items, table, video])
    mcr = pikepdf.Dictionary(Type=pikepdf.Name.MCR, Pg=second, MCID=0)
    going = element("P", document, 9, mcr, Pg=first)
    drawing = element("Sect", document)
    h2b = element("H2", drawing, 1, Pg=second)
    figure2 = element("Figure", drawing, 2, Pg=second, Alt=DRAWING_ALT)
    drawing.K = pikepdf.Array([h2b, figure2])
    document.K = pikepdf.Array([h1, hello, figure, steps, going, drawing])
    first.StructParents, second.StructParents = 0, 1
    owners1 = pikepdf.Array([h1, hello, figure, h2, label, body, day, monday, video, going])
    owners2 = pikepdf.Array([going, h2b, figure2])
    leaf = pikepdf.Dictionary(Limits=[0, 2], Nums=[0, owners1, 1, owners2, 2, video])
    root.ParentTree = pdf.make_indirect(pikepdf.Dictionary(Kids=[pdf.make_indirect(leaf)]))
    root.ParentTreeNextKey = 3
    pdf.Root.StructTreeRoot = root


def _catalog(pdf: pikepdf.Pdf) -> None:
    pdf.Root.MarkInfo = pikepdf.Dictionary(Marked=True)
    pdf.Root.Lang = "en-GB"
    pdf.Root.ViewerPreferences = pikepdf.Dictionary(DisplayDocTitle=True)
    pdf.docinfo.Title = TITLE
    with pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as meta:
        meta["dc:title"] = TITLE


def structure_elements(pdf: pikepdf.Pdf, kind: str) -> list[pikepdf.Object]:
    """The elements of type ``kind``, in reading order: for tests that break one."""
    found: list[pikepdf.Object] = []

    def walk(node: pikepdf.Object) -> None:
        kids = node.get("/K")
        for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
            if isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == pikepdf.Name.StructElem:
                if str(kid.S) == "/" + kind:
                    found.append(kid)
                walk(kid)

    walk(pdf.Root.StructTreeRoot)
    return found
