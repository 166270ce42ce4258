"""Benchmark `handouts` beside reference engines: start-up, per handout, batch, sizes, desk.

    python bench/run.py                 # full run (a few minutes on 2 cores)
    python bench/run.py --quick         # a smoke run: fewer rounds, batches of 10 and 100
    python bench/run.py --reference DIR # the reference engines (default ../shared/bench-reference)

Runs `handouts` and the reference engines (the same psoas handout by plain
ReportLab Platypus and by typst) in the same invocation, interleaved round by
round, and writes bench/results/results.json and bench/results/results.md with
the ratios beside the absolute figures (see bench/README.md).
Runs the code of the checkout it lives in, whatever ``handouts`` is on PATH.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path[:0] = [str(ROOT), str(BENCH)]

import desk_preview  # noqa: E402
import reference  # noqa: E402
from batch import batch_available, run_batch, workers  # noqa: E402
from paired import Process, cold_rounds, ratios, summary  # noqa: E402
from reference import Engine  # noqa: E402
from report import table, verdicts  # noqa: E402
from sizes import sizes  # noqa: E402

# What the installed console script does, pointed at this checkout (PYTHONPATH).
CLI = [sys.executable, "-c", "import sys; from handouts.cli import main; sys.exit(main())"]
ENV = {**os.environ, "PYTHONPATH": str(ROOT)}


@dataclass(frozen=True)
class Plan:
    """How much of each measure a run does."""

    cold_rounds: int
    warm_rounds: int
    warm_per_round: int  # our renders per warm round
    reference_documents: int  # documents per reference --batch (the first is not steady)
    batch_rows: tuple[int, ...]
    typst_documents: int  # documents per typst --batch beside a batch
    desk_rounds: int


FULL = Plan(11, 8, 5, 21, (100, 1000), 51, 20)
QUICK = Plan(3, 3, 3, 6, (10, 100), 11, 5)


def cold(work: Path, engines: list[Engine], rounds: int) -> dict[str, Any]:
    """Whole processes, interleaved: the start-up floor, `handouts`, the references.

    `handouts demo` writes the demo plan's handout (two sections, nine exercises,
    the diary): of our handouts, the one closest to the references' handout.
    """
    # "demo-uncached": a first run ever, or the first after every library file,
    # picture and template changed (the disk cache is warmed by the unmeasured round).
    env = ENV
    uncached = {**ENV, "HANDOUTS_CACHE": "off"}
    processes = {
        "python": Process([sys.executable, "-c", "pass"], work, env),
        "help": Process([*CLI, "--help"], work, env),
        "list": Process([*CLI, "list"], work, env),
        "show": Process([*CLI, "show", "hip-flexor-stretch"], work, env),
        "demo": Process([*CLI, "demo", "-o", "demo.pdf", "--force"], work, env),
        "demo-uncached": Process([*CLI, "demo", "-o", "demo.pdf", "--force"], work, uncached),
    }
    for engine in engines:
        out = work / f"{engine.name}.pdf"
        processes[engine.name] = Process(engine.command(out), work, reference.environment())
    samples = cold_rounds(processes, rounds)
    results = {name: each.result() for name, each in samples.items()}

    def versus(ours: str, theirs: str) -> dict[str, Any]:
        return {
            "wall": ratios(samples[ours].wall, samples[theirs].wall),
            "cpu": ratios(samples[ours].cpu, samples[theirs].cpu),
        }

    for command in ("help", "list", "show"):
        results[command]["vs"] = {"python": versus(command, "python")}
    for demo in ("demo", "demo-uncached"):
        results[demo]["vs"] = {engine.name: versus(demo, engine.name) for engine in engines}
    return results


def _renderer() -> Callable[[], tuple[float, float]]:
    """A function that builds and renders the demo handout: (wall ms, CPU ms) per call."""
    from handouts import api, resources
    from handouts.render.pdf import render_pdf_bytes

    plan = api.load_plan(resources.demo_plan())
    clinic = api.clinic_for(plan)
    library = api.library_for(clinic)

    def render() -> tuple[float, float]:
        start, start_cpu = time.perf_counter(), time.process_time()
        render_pdf_bytes(api.build_handout(plan, library, clinic))
        return (time.perf_counter() - start) * 1000, (time.process_time() - start_cpu) * 1000

    return render


def warm(work: Path, engines: list[Engine], plan: Plan) -> dict[str, Any]:
    """Per-handout time in one process, ours against the references' steady batch time.

    Ours: the demo plan, clinic and library loaded once, one first render, then
    ``warm_per_round`` renders per round in this process.  Each reference: a
    ``--batch`` process per round; its steady time per document excludes its
    first document, as our figure excludes our first render.
    """
    render = _renderer()
    first = render()[0]
    wall: list[float] = []
    cpu: list[float] = []
    ours_per_round: list[float] = []
    steady: dict[str, list[float]] = {engine.name: [] for engine in engines}
    first_doc: dict[str, list[float]] = {engine.name: [] for engine in engines}

    def ours() -> None:
        times = [render() for _ in range(plan.warm_per_round)]
        wall.extend(t for t, _ in times)
        cpu.extend(c for _, c in times)
        ours_per_round.append(statistics.median(t for t, _ in times))

    def theirs(engine: Engine, index: int) -> Callable[[], None]:
        def run() -> None:
            done = engine.batch(plan.reference_documents, work / f"warm-{engine.name}-{index}")
            steady[engine.name].append(1000 / done["steady_docs_per_s"])
            first_doc[engine.name].append(done["first_doc_s"] * 1000)

        return run

    for index in range(plan.warm_rounds):
        steps = [ours, *(theirs(engine, index) for engine in engines)]
        shift = index % len(steps)
        for step in steps[shift:] + steps[:shift]:
            step()
    result = summary(wall, "ms")
    result["cpu"] = summary(cpu, "ms")
    result["first_in_process_ms"] = round(first, 1)
    result["rounds"] = plan.warm_rounds
    result["reference_documents"] = plan.reference_documents
    result["reference"] = {
        name: {
            "steady": summary(steady[name], "ms"),
            "first_document": summary(first_doc[name], "ms"),
        }
        for name in steady
    }
    result["vs"] = {name: ratios(ours_per_round, steady[name]) for name in steady}
    return result


def batches(work: Path, engines: list[Engine], plan: Plan) -> dict[str, Any]:
    """Each batch size, between two typst ``--batch`` runs (its steady docs/s, averaged).

    The throughput target is 0.8 x typst's single-process steady rate x the
    workers our batch starts; the typst runs sit right before and after ours so
    that both see the same load.
    """
    available = batch_available(CLI, ENV, work)
    typst = next((engine for engine in engines if engine.name == "typst"), None)
    results: dict[str, Any] = {}
    for rows in plan.batch_rows:
        print(f"batch of {rows} ...", file=sys.stderr)
        if available is not True:
            results[str(rows)] = {"skipped": available}
            continue
        rates = []
        if typst:
            rates.append(typst.batch(plan.typst_documents, work / f"typst-{rows}-before"))
        result = run_batch(CLI, ENV, work / f"batch-{rows}", rows)
        if typst:
            rates.append(typst.batch(plan.typst_documents, work / f"typst-{rows}-after"))
        if typst and "skipped" not in result:
            rate = statistics.mean(r["steady_docs_per_s"] for r in rates)
            result["workers"] = workers(rows)
            result["typst_steady_per_second"] = round(rate, 1)
            result["target_per_second"] = round(0.8 * rate * result["workers"], 1)
            result["vs_typst_x_workers"] = round(result["per_second"] / rate / workers(rows), 2)
            # What the batch's CPU time per handout allows on idle cores, for a busy machine.
            idle = workers(rows) * 1000 / result["cpu_ms_per_handout"]
            result["cpu_bound_per_second"] = round(idle, 1)
            result["cpu_bound_vs_typst_x_workers"] = round(idle / rate / workers(rows), 2)
        results[str(rows)] = result
    return results


def desk(rounds: int) -> dict[str, Any]:
    """The desk's warm preview of page 1 (bench/desk_preview.py), in milliseconds."""
    try:
        measured = desk_preview.measure(rounds)
    except ImportError as error:
        return {"skipped": f"the desk cannot start here: {error}"}
    result = summary([t * 1000 for t in measured.warm], "ms")
    result["first_ms"] = round(measured.first * 1000, 1)
    return result


def _commit() -> str:
    """The checkout's commit, "-dirty" if any file but the bench's own results differs."""

    def git(*args: str) -> str:
        done = subprocess.run(
            ["git", "-C", str(ROOT), *args], capture_output=True, text=True, check=False
        )
        return done.stdout.strip()

    commit = git("rev-parse", "--short", "HEAD") or "unknown"
    changed = git("status", "--porcelain", "--", ".", ":(exclude)bench/results")
    return f"{commit}-dirty" if changed else commit


def main() -> None:
    """Run every measure, print the table and write JSON and Markdown."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer rounds, smaller batches")
    parser.add_argument("--out", type=Path, default=BENCH / "results", help="results folder")
    parser.add_argument(
        "--reference",
        type=Path,
        default=reference.DEFAULT_DIR,
        help="folder of the reference engines (default: ../shared/bench-reference)",
    )
    options = parser.parse_args()
    plan = QUICK if options.quick else FULL

    results: dict[str, Any] = {
        "when": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "quick": options.quick,
        "machine": {
            "python": f"Python {platform.python_version()}",
            "platform": platform.platform(terse=True),
            "cpus": os.cpu_count(),
            "commit": _commit(),
            "load_average_at_start": [round(x, 2) for x in os.getloadavg()],
        },
    }
    with tempfile.TemporaryDirectory(prefix="handouts-bench-") as tmp:
        work = Path(tmp)
        # The bench's own disk cache (handouts.cache) for every measure, never the
        # user's: warmed by each measure's first, unmeasured run.
        ENV["HANDOUTS_CACHE"] = os.environ["HANDOUTS_CACHE"] = str(work / "cache")
        engines, skipped = reference.find_engines(options.reference.resolve(), work)
        for line in skipped:
            print(line, file=sys.stderr)
        results["reference"] = {
            "folder": str(options.reference.resolve()),
            "engines": [engine.name for engine in engines],
            "skipped": skipped,
        }
        print("cold start, interleaved ...", file=sys.stderr)
        results["cold"] = cold(work, engines, plan.cold_rounds)
        print("warm, interleaved ...", file=sys.stderr)
        results["warm"] = warm(work, engines, plan)
        print("sizes ...", file=sys.stderr)
        results["size"] = sizes(work, engines)
        print("desk preview ...", file=sys.stderr)
        results["desk_preview"] = desk(plan.desk_rounds)
        results["batch"] = batches(work, engines, plan)
    results["machine"]["load_average_at_end"] = [round(x, 2) for x in os.getloadavg()]
    results["targets"] = verdicts(results)

    options.out.mkdir(parents=True, exist_ok=True)
    as_json = json.dumps(results, indent=2, ensure_ascii=False)
    (options.out / "results.json").write_text(as_json + "\n", encoding="utf-8")
    markdown = table(results)
    (options.out / "results.md").write_text(markdown, encoding="utf-8")
    print(markdown)


if __name__ == "__main__":
    main()
