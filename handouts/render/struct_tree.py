"""Tagged PDF, after the build: the structure tree written into the finished PDF.

``handouts.render.tagging`` marked every piece of content while the pages were
drawn and recorded which element owns each MCID.  Here, with pikepdf, those
records become the PDF's structure: StructTreeRoot → Document → elements, each
leaf pointing at its marked content (MCR) or link annotation (OBJR), the
ParentTree that maps each page's MCIDs back to their elements, and the
catalog entries a reader and a screen reader look for (MarkInfo, Lang, the
title shown instead of the file name, XMP metadata with the title).

Why a post-pass: ReportLab has no structure tree of its own, and pikepdf is
already how the PDF is encrypted.  The result is reproducible: the same input
gives the same bytes (deterministic /ID, no dates in the XMP packet).
"""

from __future__ import annotations

import io
from functools import cache

# Why not xml.sax.saxutils: it imports urllib.request, http.client and ssl (~15 ms).
from html import escape

import pikepdf
from pikepdf import Array, Dictionary, Name, String

from handouts.render.slim_pdf import slim
from handouts.render.tagging import Element, Mark, Structure


def add_structure(data: bytes, structure: Structure, *, title: str, language: str) -> bytes:
    """``data`` (a PDF drawn with ``structure`` recorded) with its structure tree."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        _Writer(pdf, structure).write()
        catalog = pdf.Root
        catalog.MarkInfo = Dictionary(Marked=True)
        catalog.Lang = String(language)
        catalog.ViewerPreferences = Dictionary(DisplayDocTitle=True)
        catalog.Metadata = pdf.make_stream(
            _xmp(title, language).encode("utf-8"), Type=Name.Metadata, Subtype=Name.XML
        )
        slim(pdf)  # defaults ReportLab writes into every form's dictionary
        out = io.BytesIO()
        # Object streams: the many small structure objects packed and compressed.
        pdf.save(
            out,
            deterministic_id=True,
            object_stream_mode=pikepdf.ObjectStreamMode.generate,
            fix_metadata_version=False,  # our XMP packet has no version to fix
        )
        return out.getvalue()


class _Writer:
    """Builds the StructElem objects, the page-to-element ParentTree and the links."""

    def __init__(self, pdf: pikepdf.Pdf, structure: Structure) -> None:
        self.pdf = pdf
        self.structure = structure
        self.pages = [page.obj for page in pdf.pages]
        self.owners: dict[int, list[pikepdf.Object | None]] = {
            page: [None] * len(owners) for page, owners in structure.pages.items()
        }
        self.links: list[tuple[pikepdf.Object, pikepdf.Object]] = []  # annotation, element
        self._drawn: dict[int, bool] = {}
        self.annotations = {
            index: [
                annot
                for annot in page.obj.get("/Annots", Array())
                if annot.get("/Subtype") == Name.Link
            ]
            for index, page in enumerate(pdf.pages)
        }

    def drawn(self, element: Element) -> bool:
        """Whether anything of ``element`` was drawn (or it is a table cell, kept empty)."""
        known = self._drawn.get(id(element))
        if known is None:
            known = (
                element.kept_empty
                or bool(element.links)
                or any(isinstance(kid, Mark) or self.drawn(kid) for kid in element.kids)
            )
            self._drawn[id(element)] = known
        return known

    def write(self) -> None:
        root = self.pdf.make_indirect(Dictionary(Type=Name.StructTreeRoot))
        document = self._element(self.structure.root, root)
        root.K = Array([document] if document is not None else [])
        nums: list[object] = []
        for index, page in enumerate(self.pages):
            page.Tabs = Name.S  # tab through links in reading order
            if index in self.owners:
                page.StructParents = index
                nums += [index, Array(self.owners[index])]
        key = len(self.pages)
        for annotation, element in self.links:
            annotation.StructParent = key
            nums += [key, element]
            key += 1
        root.ParentTree = self.pdf.make_indirect(Dictionary(Nums=Array(nums)))
        root.ParentTreeNextKey = key
        self.pdf.Root.StructTreeRoot = root

    def _element(self, element: Element, parent: pikepdf.Object) -> pikepdf.Object | None:
        """``element`` and what it holds; None if nothing of it was drawn (a paragraph
        made only to be measured)."""
        if not self.drawn(element):
            return None
        obj = self.pdf.make_indirect(
            Dictionary({"/Type": _STRUCT_ELEM, "/S": _role(element.role), "/P": parent})
        )
        if element.alt:
            obj.Alt = String(element.alt)
        if element.lang:
            obj.Lang = String(element.lang)
        if element.actual_text:
            obj.ActualText = String(element.actual_text)
        if element.attributes:
            owner = "/Table" if element.role in ("TH", "TD") else "/Layout"
            attributes = Dictionary(O=Name(owner))
            for key, value in element.attributes.items():
                attributes[Name("/" + key)] = Name("/" + value)
            obj.A = attributes
        marks = [kid for kid in element.kids if isinstance(kid, Mark)]
        pages = {mark.page for mark in marks}
        if len(pages) == 1 and len(marks) == len(element.kids) and not element.links:
            # Nearly every leaf: its marked content on one page, given by number.
            page = pages.pop()
            obj.Pg = self.pages[page]
            obj.K = Array([mark.mcid for mark in marks]) if len(marks) > 1 else marks[0].mcid
            for mark in marks:
                self.owners[page][mark.mcid] = obj
            return obj
        kids = Array()
        for kid in element.kids:
            if isinstance(kid, Mark):
                kids.append(Dictionary(Type=Name.MCR, Pg=self.pages[kid.page], MCID=kid.mcid))
                self.owners[kid.page][kid.mcid] = obj
                continue
            child = self._element(kid, obj)
            if child is not None:
                kids.append(child)
        for mark in element.links:
            annotations = self.annotations.get(mark.page, [])
            if mark.mcid < len(annotations):
                annotation = annotations[mark.mcid]
                if "/Contents" not in annotation:
                    # What a screen reader says for the link: where it goes.
                    target = annotation.get("/A", Dictionary()).get("/URI", "")
                    annotation.Contents = String(f"Link: {target}")
                kids.append(Dictionary(Type=Name.OBJR, Pg=self.pages[mark.page], Obj=annotation))
                self.links.append((annotation, obj))
        obj.K = kids
        return obj


_STRUCT_ELEM = Name.StructElem


@cache
def _role(role: str) -> Name:
    return Name("/" + role)


def _xmp(title: str, language: str) -> str:
    """The XMP packet: the title (and language), nothing that changes from run to run."""
    return (
        '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>'
        '<x:xmpmeta xmlns:x="adobe:ns:meta/">'
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
        '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">'
        f'<dc:title><rdf:Alt><rdf:li xml:lang="x-default">{escape(title)}</rdf:li></rdf:Alt>'
        f"</dc:title><dc:language><rdf:Bag><rdf:li>{escape(language)}</rdf:li></rdf:Bag>"
        "</dc:language></rdf:Description></rdf:RDF></x:xmpmeta>"
        '<?xpacket end="w"?>'
    )
