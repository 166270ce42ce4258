"""Every font a PDF's resources name is embedded (ISO 14289-1 7.21.4.1).

Fonts are looked for where a reader finds them: each page's resources, the
resources of every form XObject they name (recursively), Type 3 fonts' own
resources, and annotation appearance streams.  A standard-14 name (Helvetica …)
with no font program is how an unembedded ReportLab default shows up.
"""

from __future__ import annotations

import re

import pikepdf

_STYLES = ("", "-Bold", "-Oblique", "-BoldOblique")
STANDARD_14 = frozenset(
    [f"Courier{style}" for style in _STYLES]
    + [f"Helvetica{style}" for style in _STYLES]
    + ["Times-Roman", "Times-Bold", "Times-Italic", "Times-BoldItalic", "Symbol", "ZapfDingbats"]
)
FONT_FILES = ("/FontFile", "/FontFile2", "/FontFile3")
_SUBSET = re.compile(r"^[A-Z]{6}\+")


class _Fonts:
    def __init__(self) -> None:
        self.problems: list[str] = []
        self.seen: set[tuple[int, int]] = set()

    def once(self, obj: pikepdf.Object) -> bool:
        """True the first time an (indirect) object is met: shared fonts report once."""
        key = obj.objgen
        if key == (0, 0):
            return True
        if key in self.seen:
            return False
        self.seen.add(key)
        return True

    def resources(self, resources: pikepdf.Object | None, where: str) -> None:
        if not isinstance(resources, pikepdf.Dictionary) or not self.once(resources):
            return
        for name, font in resources.get("/Font", pikepdf.Dictionary()).items():
            if isinstance(font, pikepdf.Dictionary) and self.once(font):
                self.font(font, f"{where}: font {name}")
        for name, xobject in resources.get("/XObject", pikepdf.Dictionary()).items():
            is_form = isinstance(xobject, pikepdf.Stream) and xobject.get("/Subtype") == "/Form"
            if is_form and self.once(xobject):
                self.resources(xobject.get("/Resources"), f"{where}, form {name}")

    def font(self, font: pikepdf.Dictionary, label: str) -> None:
        subtype = font.get("/Subtype")
        base = str(font.get("/BaseFont", "/?"))[1:]
        if subtype == pikepdf.Name.Type3:
            self.resources(font.get("/Resources"), label)  # glyphs are drawn, not embedded
            return
        target: pikepdf.Object = font
        if subtype == pikepdf.Name.Type0:
            descendants = font.get("/DescendantFonts")
            if not isinstance(descendants, pikepdf.Array) or len(descendants) != 1:
                self.problems.append(f"{label} ({base}): a Type0 font without one descendant")
                return
            target = descendants[0]
        descriptor = target.get("/FontDescriptor")
        embedded = isinstance(descriptor, pikepdf.Dictionary) and any(
            isinstance(descriptor.get(key), pikepdf.Stream) for key in FONT_FILES
        )
        if not embedded:
            standard = ", a standard-14 font," if _SUBSET.sub("", base) in STANDARD_14 else ""
            self.problems.append(f"{label} ({base}){standard} is not embedded")


def font_problems(pdf: pikepdf.Pdf) -> list[str]:
    """One line per unembedded font, at the first place it is named."""
    fonts = _Fonts()
    for number, page in enumerate(pdf.pages, start=1):
        fonts.resources(page.obj.get("/Resources"), f"page {number}")
        for annotation in page.obj.get("/Annots", []):
            appearances = annotation.get("/AP", pikepdf.Dictionary())
            for kind in ("/N", "/R", "/D"):
                appearance = appearances.get(kind)
                # An appearance is a stream, or a dictionary of streams by state.
                streams: list[pikepdf.Object] = [appearance] if appearance is not None else []
                if isinstance(appearance, pikepdf.Dictionary):
                    streams = list(appearance.values())
                for stream in streams:
                    if isinstance(stream, pikepdf.Stream):
                        fonts.resources(stream.get("/Resources"), f"page {number}, annotation")
    return fonts.problems
