"""What tagging costs: render time and file size, tagged against untagged, same run.

    python bench/tagging.py [--rounds N]

Renders the demo handout (and its compact and large-print variants) in one
warm process, alternating a tagged and an untagged render (A/B pairs, so a
noisy machine slows both alike), and prints the median times, the ratio and
the file sizes.  "Untagged" is the same code with the structure not recorded
and no structure tree written: what a handout cost before issue 15.
"""

from __future__ import annotations

import argparse
import contextlib
import statistics
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from handouts import api  # noqa: E402
from handouts.compose.handout import Handout  # noqa: E402
from handouts.models.plan import Layout  # noqa: E402
from handouts.render import pdf as render_pdf  # noqa: E402


@contextlib.contextmanager
def untagged() -> Iterator[None]:
    """Within the block, handouts render as before tagging."""
    saved = render_pdf.building, render_pdf.add_structure

    @contextlib.contextmanager
    def nothing(_structure: Any) -> Iterator[None]:
        yield

    def unchanged(data: bytes, *_args: Any, **_kwargs: Any) -> bytes:
        return data

    render_pdf.building, render_pdf.add_structure = nothing, unchanged  # type: ignore[assignment]
    try:
        yield
    finally:
        render_pdf.building, render_pdf.add_structure = saved


def timed(render: Callable[[], bytes]) -> tuple[float, int]:
    start = time.perf_counter()
    data = render()
    return (time.perf_counter() - start) * 1000, len(data)


def variants() -> dict[str, Handout]:
    import dataclasses

    plan = api.load_plan(ROOT / "assets" / "demo-plan.yaml")
    handout = api.handout_for(plan, api.resolve(plan=plan))
    look = handout.look
    return {
        "standard": handout,
        "compact": dataclasses.replace(
            handout, look=dataclasses.replace(look, layout=Layout.COMPACT)
        ),
        "large print": dataclasses.replace(
            handout, look=dataclasses.replace(look, large_print=True)
        ),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=20)
    rounds = parser.parse_args().rounds
    print(
        f"{'variant':<12} {'tagged ms':>10} {'untagged ms':>12} {'ratio':>6} "
        f"{'tagged KB':>10} {'untagged KB':>12}"
    )
    for name, handout in variants().items():
        render = lambda handout=handout: render_pdf.render_pdf_bytes(handout)  # noqa: E731
        render()  # warm: fonts, pictures, templates
        with untagged():
            render()
        tagged: list[float] = []
        plain: list[float] = []
        sizes = [0, 0]
        for _ in range(rounds):
            ms, sizes[0] = timed(render)
            tagged.append(ms)
            with untagged():
                ms, sizes[1] = timed(render)
            plain.append(ms)
        a, b = statistics.median(tagged), statistics.median(plain)
        print(
            f"{name:<12} {a:>10.1f} {b:>12.1f} {a / b:>6.2f} "
            f"{sizes[0] / 1024:>10.1f} {sizes[1] / 1024:>12.1f}"
        )


if __name__ == "__main__":
    main()
