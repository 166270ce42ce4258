"""Time and memory of the largest handout the input limits allow (README, "Limits").

Run: python bench/worst_case.py   (writes its pictures to a temporary folder)

The plan has 40 exercises, 100,000 characters of notes with 300-character words,
every section and the diary; its library adds one SVG at the per-handout SVG
budget (about 20,000 elements) and PNGs at the photo budget (40 + 20 megapixels).
"""

from __future__ import annotations

import resource
import tempfile
import time
from pathlib import Path

from PIL import Image, ImageDraw

from handouts import api, resources
from handouts.render.pdf import render_pdf_bytes

SECTIONS = ["psoas/what-it-does", "psoas/signs", "psoas/avoid", "psoas/do", "psoas/get-help"]


def build_library(root: Path) -> None:
    """One exercise with a maximal SVG, one with three maximal photos."""
    pics = root / "pics"
    (root / "exercises").mkdir(parents=True)
    pics.mkdir()
    for i, size in enumerate([(6600, 6000), (5000, 4000)]):
        # A gradient with lines: compresses like a photo-sized drawing, under 50 MB.
        image = Image.linear_gradient("L").rotate(90 * i).resize(size).convert("RGB")
        draw = ImageDraw.Draw(image)
        for y in range(0, size[1], 7 + i):
            draw.line([(0, y), (size[0], y)], fill=(17, 90, 160))
        image.save(pics / f"p{i}.png")
    rects = "".join(
        f'<rect x="{i % 100}" y="{i // 100}" width="1" height="1" fill="#123"/>'
        for i in range(19_990)
    )
    (pics / "big.svg").write_text(
        f'<svg xmlns="http://www.w3.org/2000/svg" width="100" height="200">{rects}</svg>'
    )
    template = (resources.library_dir() / "exercises" / "step-ups.md").read_text()
    pictures = {"a": "[../pics/big.svg]", "b": "[../pics/p0.png, ../pics/p1.png]"}
    for name, listed in pictures.items():
        text = template.replace("id: step-ups", f"id: worst-{name}")
        (root / "exercises" / f"{name}.md").write_text(
            text.replace("[../illustrations/step-ups.svg]", listed)
        )


def main() -> None:
    """Render the worst case once and print seconds, size and peak memory."""
    with tempfile.TemporaryDirectory() as tmp:
        build_library(Path(tmp))
        note = (("lorem ipsum dolor " * 50 + "x" * 300 + " ") * 100)[:2400]
        bundled = sorted(api.load_library().exercises)
        exercises = [{"id": "worst-a"}, {"id": "worst-b"}] + [
            {"id": bundled[i % len(bundled)], "notes": note} for i in range(38)
        ]
        plan = api.load_plan(
            None,
            {
                "patient": {"name": "J" * 300},
                "goals": note,
                "notes": note,
                "sections": SECTIONS,
                "exercises": exercises,
                "options": {"diary": "true"},
            },
        )
        clinic = api.clinic_for(plan)
        handout = api.build_handout(plan, api.library_for(clinic, [Path(tmp)]), clinic)
        start = time.perf_counter()
        data = render_pdf_bytes(handout)
        seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    print(f"{seconds:.1f} s, {len(data) // 1024} KB, peak memory {peak} MB")


if __name__ == "__main__":
    main()
