"""Benchmark `handouts`: start-up, per-handout time, batch throughput and memory, sizes.

    python bench/run.py                 # full run (a few minutes on 2 cores)
    python bench/run.py --quick         # fewer repeats, 100-row batch instead of 1,000

Writes bench/results/results.json and bench/results/results.md (see bench/README.md).
Runs the code of the checkout it lives in, whatever ``handouts`` is on PATH.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path[:0] = [str(ROOT), str(BENCH)]

from batch import batch_available, run_batch  # noqa: E402
from photos import photo_overlay  # noqa: E402

# What the installed console script does, pointed at this checkout (PYTHONPATH).
CLI = [sys.executable, "-c", "import sys; from handouts.cli import main; sys.exit(main())"]
ENV = {**os.environ, "PYTHONPATH": str(ROOT)}


def summary(samples: Sequence[float], unit: str) -> dict[str, Any]:
    """Median, min and max of ``samples``, rounded for reading."""
    digits = 1 if unit == "ms" else 3
    return {
        "median": round(statistics.median(samples), digits),
        "min": round(min(samples), digits),
        "max": round(max(samples), digits),
        "runs": len(samples),
        "unit": unit,
    }


def timed(action: Callable[[], object], repeat: int, scale: float = 1.0) -> list[float]:
    """Wall-clock times of ``repeat`` calls of ``action``, times ``scale``."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * scale)
    return times


def cold(args: list[str], repeat: int, cwd: Path) -> dict[str, Any]:
    """Whole-process time of ``handouts ARGS`` (interpreter start to exit).

    Also the CPU time the process used (user + system, from ``getrusage``), which
    moves far less than wall time when other work shares the machine.
    """
    cpu: list[float] = []

    def once() -> None:
        before = _children_cpu()
        subprocess.run([*CLI, *args], cwd=cwd, env=ENV, check=True, capture_output=True)
        cpu.append(_children_cpu() - before)

    once()  # warm the OS file cache, as for a user who ran it before
    cpu.clear()
    result = summary(timed(once, repeat), "s")
    result["cpu"] = summary(cpu, "s")
    return result


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def warm(repeat: int) -> dict[str, Any]:
    """Per-handout time in one process for the demo plan, after one first render."""
    from handouts import api, resources
    from handouts.render.pdf import render_pdf_bytes

    plan = api.load_plan(resources.demo_plan())
    clinic = api.clinic_for(plan)
    library = api.library_for(clinic)
    cpu: list[float] = []

    def once() -> None:
        start = time.process_time()
        render_pdf_bytes(api.build_handout(plan, library, clinic))
        cpu.append((time.process_time() - start) * 1000)

    first = timed(once, 1, 1000)[0]
    cpu.clear()
    result = summary(timed(once, repeat, 1000), "ms")
    result["cpu"] = summary(cpu, "ms")
    result["first_in_process_ms"] = round(first, 1)
    return result


def sizes(work: Path) -> dict[str, Any]:
    """Bytes of the demo handout and of the same plan with nine photographs."""
    from handouts import api, resources
    from handouts.render.pdf import render_pdf_bytes

    plan = api.load_plan(resources.demo_plan())
    clinic = api.clinic_for(plan)
    demo = render_pdf_bytes(api.build_handout(plan, api.library_for(clinic), clinic))
    overlay = photo_overlay(resources.library_dir(), work / "photo-library")
    photo_sources = sorted((overlay / "photos").glob("*.jpg"))
    photo_handout = api.build_handout(plan, api.library_for(clinic, [overlay]), clinic)
    photos = render_pdf_bytes(photo_handout)
    (work / "photos.pdf").write_bytes(photos)
    return {
        "demo_bytes": len(demo),
        "photo_bytes": len(photos),
        "photo_source_bytes_each": round(statistics.mean(p.stat().st_size for p in photo_sources)),
        "photo_dpi": _printed_dpi(work / "photos.pdf"),
    }


# The picture box of an exercise card on A4 (render/card.py: a 62 mm column less
# 4 mm), in which a photo is placed at the largest size that keeps its aspect.
ART_BOX_MM = (58.0, 52.0)


def _printed_dpi(pdf: Path) -> float | None:
    """The lowest pixels per inch of any photo as printed on the card (needs pypdf)."""
    try:
        from pypdf import PdfReader
    except ImportError:
        return None
    box_w, box_h = (side / 25.4 for side in ART_BOX_MM)
    lowest = None
    for page in PdfReader(pdf).pages:
        for image in page.images:
            w, h = image.image.size
            if w < 400:  # the logo or a QR code, not a photo
                continue
            printed_w = min(box_w, box_h * w / h)
            dpi = w / printed_w
            lowest = dpi if lowest is None else min(lowest, dpi)
    return round(lowest) if lowest else None


def table(results: dict[str, Any]) -> str:
    """The results as a Markdown table."""

    def cell(item: dict[str, Any]) -> str:
        unit = item["unit"]
        text = f"{item['median']} {unit} (min {item['min']}, max {item['max']}, n={item['runs']})"
        if "cpu" in item:
            text += f"; CPU {item['cpu']['median']} {unit}"
        return text

    rows = [
        ("Cold `handouts --help`", cell(results["cold"]["help"]), "< 0.15 s"),
        ("Cold `handouts list`", cell(results["cold"]["list"]), "< 0.15 s"),
        ("Cold `handouts show hip-flexor-stretch`", cell(results["cold"]["show"]), "< 0.15 s"),
        ("Cold `handouts demo` (PDF written)", cell(results["cold"]["demo"]), "< 0.4 s"),
        ("Warm, per demo handout, one process", cell(results["warm"]), "< 35 ms"),
    ]
    size = results["size"]
    rows += [
        ("Demo handout size", f"{size['demo_bytes'] / 1024:.1f} KB", "< 30 KB"),
        (
            "Handout with nine photographs",
            f"{size['photo_bytes'] / 1024 / 1024:.2f} MB "
            f"({size['photo_dpi']} dpi on paper; sources "
            f"{size['photo_source_bytes_each'] / 1024 / 1024:.1f} MB each)",
            "< 1.5 MB at ~300 dpi",
        ),
    ]
    for rows_n, batch in results["batch"].items():
        if "skipped" in batch:
            rows.append((f"Batch of {rows_n}", f"skipped: {batch['skipped']}", ""))
            continue
        rows.append(
            (
                f"Batch of {rows_n}: throughput",
                f"{batch['per_second']} handouts/s ({batch['seconds']} s)",
                "≥ 50/s (1,000 rows)",
            )
        )
        rows.append(
            (
                f"Batch of {rows_n}: peak memory, all processes",
                f"{batch['peak_pss_mb']} MB PSS (RSS summed {batch['peak_rss_sum_mb']} MB; "
                f"largest process {batch['max_process_rss_mb']} MB; "
                f"{batch['processes']} processes)",
                "< 150 MB, flat",
            )
        )
    lines = ["| Measure | Result (wall: median, min, max; CPU median) | Target |"]
    lines.append("| --- | --- | --- |")
    lines += [f"| {a} | {b} | {c} |" for a, b, c in rows]
    machine = results["machine"]
    lines += [
        "",
        f"{machine['python']} on {machine['platform']}, {machine['cpus']} CPUs, "
        f"{results['when']}, commit {machine['commit']}.",
    ]
    return "\n".join(lines) + "\n"


def _commit() -> str:
    done = subprocess.run(
        ["git", "-C", str(ROOT), "describe", "--always", "--dirty"],
        capture_output=True,
        text=True,
        check=False,
    )
    return done.stdout.strip() or "unknown"


def main() -> None:
    """Run every measure and write JSON and Markdown."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repeats, smaller batch")
    parser.add_argument("--out", type=Path, default=BENCH / "results", help="results folder")
    options = parser.parse_args()
    repeat_cold, repeat_warm = (3, 10) if options.quick else (11, 40)
    batch_rows = (10, 100) if options.quick else (10, 1000)

    results: dict[str, Any] = {
        "when": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "machine": {
            "python": f"Python {platform.python_version()}",
            "platform": platform.platform(terse=True),
            "cpus": os.cpu_count(),
            "commit": _commit(),
        },
    }
    with tempfile.TemporaryDirectory(prefix="handouts-bench-") as tmp:
        work = Path(tmp)
        print("cold start ...", file=sys.stderr)
        results["cold"] = {
            "help": cold(["--help"], repeat_cold, work),
            "list": cold(["list"], repeat_cold, work),
            "show": cold(["show", "hip-flexor-stretch"], repeat_cold, work),
            "demo": cold(["demo", "-o", "demo.pdf", "--force"], repeat_cold, work),
        }
        print("warm ...", file=sys.stderr)
        results["warm"] = warm(repeat_warm)
        print("sizes ...", file=sys.stderr)
        results["size"] = sizes(work)
        results["batch"] = {}
        available = batch_available(CLI, ENV, work)
        for rows in batch_rows:
            print(f"batch of {rows} ...", file=sys.stderr)
            results["batch"][str(rows)] = (
                run_batch(CLI, ENV, work / f"batch-{rows}", rows)
                if available is True
                else {"skipped": available}
            )

    options.out.mkdir(parents=True, exist_ok=True)
    (options.out / "results.json").write_text(json.dumps(results, indent=2) + "\n")
    markdown = table(results)
    (options.out / "results.md").write_text(markdown)
    print(markdown)


if __name__ == "__main__":
    main()
