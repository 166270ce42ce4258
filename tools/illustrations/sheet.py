"""The contact sheet: every illustration at print size with its id under it (a PNG).

Drawn through the product's own path (svglib into a one-page PDF, as a handout embeds
them), then rasterised with poppler's ``pdftoppm``: a developer tool, so it may use a
command-line program the product does not need.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from reportlab.graphics import renderPDF
from reportlab.pdfgen import canvas
from svglib.svglib import svg2rlg

CELL_W = 58 * 72 / 25.4  # the handout card's picture box is about 58 mm wide
COLUMNS = 5
LABEL = 14.0
DPI = 150


def write_contact_sheet(svgs: list[Path], out: Path) -> None:
    """Lay ``svgs`` out in a grid, each labelled with its file's stem, and save a PNG."""
    pdftoppm = shutil.which("pdftoppm")
    if pdftoppm is None:
        raise RuntimeError("pdftoppm (poppler-utils) is needed to write the contact sheet")
    scale = CELL_W / 300  # svglib reads the 400 px wide pictures as 300 pt
    cell_h = 225 * scale + LABEL
    rows = -(-len(svgs) // COLUMNS)
    width, height = COLUMNS * CELL_W + 12, rows * cell_h + 12
    with tempfile.TemporaryDirectory() as tmp:
        pdf = Path(tmp) / "sheet.pdf"
        c = canvas.Canvas(str(pdf), pagesize=(width, height), invariant=True)
        c.setFont("Helvetica", 7.5)
        for i, path in enumerate(svgs):
            drawing = svg2rlg(str(path))
            if drawing is None:
                raise ValueError(f"svglib could not read {path}")
            x = 6 + (i % COLUMNS) * CELL_W
            y = height - 6 - (i // COLUMNS + 1) * cell_h
            c.saveState()
            c.translate(x, y + LABEL)
            c.scale(scale, scale)
            renderPDF.draw(drawing, c, 0, 0)
            c.restoreState()
            c.drawCentredString(x + CELL_W / 2, y + 4, path.stem)
        c.save()
        subprocess.run(
            [pdftoppm, "-r", str(DPI), "-png", "-singlefile", str(pdf), str(Path(tmp) / "s")],
            check=True,
        )
        out.write_bytes((Path(tmp) / "s.png").read_bytes())
