"""Run ``handouts batch`` on a generated CSV and watch its memory.

Why through the CLI: the bench must measure what a clinic runs (parent plus worker
processes), and it must keep working unchanged once the batch command lands, so it
only relies on the documented interface:
``handouts batch PATIENTS.csv --plan PLAN --out-dir DIR``.
"""

from __future__ import annotations

import csv
import os
import subprocess
import time
from pathlib import Path
from typing import Any, NamedTuple

ROOT = Path(__file__).resolve().parent.parent
DEMO_PLAN = ROOT / "assets" / "demo-plan.yaml"
COLUMNS = ["name", "email", "date_of_birth", "reference", "practitioner", "notes"]
FIRST = ["Zoë", "Sam", "Олена", "Łukasz", "Niamh", "Aarav", "Γιώργος", "Chloé", "Tomás", "Ife"]
LAST = ["Łukasiewicz", "Patel", "Коваленко", "Nowak", "O'Brien", "Shah", "Παπαδόπουλος"]


def batch_available(cli: list[str], env: dict[str, str], cwd: Path) -> bool | str:
    """True if this checkout has ``handouts batch``, else why the batch is skipped.

    ``cwd`` must not be a checkout: ``python -c`` puts the current folder first on
    the import path, ahead of ``PYTHONPATH``.
    """
    done = subprocess.run(
        [*cli, "batch", "--help"], env=env, cwd=cwd, capture_output=True, check=False
    )
    if done.returncode == 0:
        return True
    return "this checkout has no `handouts batch` command yet (issue 6)"


def workers(rows: int) -> int:
    """The worker processes ``handouts batch`` starts for ``rows`` rows without ``--jobs``.

    The rule of ``handouts/workflow/batch.py`` (``run``): every core, never more
    workers than rows.
    """
    return min(os.cpu_count() or 1, rows)


def write_patients(path: Path, rows: int) -> Path:
    """A CSV of ``rows`` made-up patients with the batch command's columns."""
    with path.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(COLUMNS)
        for i in range(rows):
            writer.writerow(
                [
                    f"{FIRST[i % len(FIRST)]} {LAST[i % len(LAST)]} {i}",
                    f"patient{i}@example.org",
                    f"{1950 + i % 60}-{1 + i % 12:02d}-{1 + i % 28:02d}",
                    f"RS-{i:05d}",
                    "Sam Patel",
                    "Keep the pressure at about 5 out of 10." if i % 3 == 0 else "",
                ]
            )
    return path


def run_batch(cli: list[str], env: dict[str, str], work: Path, rows: int) -> dict[str, Any]:
    """Throughput and peak memory (parent and workers) of a batch of ``rows`` patients."""
    work.mkdir(parents=True)
    patients = write_patients(work / "patients.csv", rows)
    out_dir = work / "out"
    command = [*cli, "batch", str(patients), "--plan", str(DEMO_PLAN), "--out-dir", str(out_dir)]
    start = time.perf_counter()
    process = subprocess.Popen(
        command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=work
    )
    peak_pss = peak_rss = largest = processes = 0
    cpu: dict[int, float] = {}  # the last CPU seconds seen of each process of the tree
    while process.poll() is None:
        tree = tree_usage(process.pid)
        peak_pss = max(peak_pss, sum(each.pss for each in tree))
        peak_rss = max(peak_rss, sum(each.rss for each in tree))
        largest = max(largest, *(each.rss for each in tree), 0)
        processes = max(processes, len(tree))
        cpu.update((each.pid, each.cpu) for each in tree)
        time.sleep(0.02)
    seconds = time.perf_counter() - start
    stderr = process.stderr.read().decode(errors="replace") if process.stderr else ""
    written = len(list(out_dir.rglob("*.pdf"))) if out_dir.is_dir() else 0
    if process.returncode != 0 or written != rows:
        last = stderr.strip().splitlines()[-1:] or ["(no message)"]
        return {"skipped": f"batch exited {process.returncode}, {written} PDFs: {last[0]}"}
    return {
        "rows": rows,
        "seconds": round(seconds, 2),
        "per_second": round(rows / seconds, 1),
        # PSS shares each page among the processes mapping it, so pages a forked
        # worker shares with its parent count once; the RSS sum counts them in each.
        "peak_pss_mb": round(peak_pss / 1024 / 1024, 1),
        "peak_rss_sum_mb": round(peak_rss / 1024 / 1024, 1),
        "max_process_rss_mb": round(largest / 1024 / 1024, 1),
        "processes": processes,
        # CPU of every process of the tree (at most one 20 ms poll short per
        # process): steadier than wall time when other work shares the machine.
        "cpu_seconds": round(sum(cpu.values()), 2),
        "cpu_ms_per_handout": round(sum(cpu.values()) / rows * 1000, 1),
    }


class Usage(NamedTuple):
    """One process of a tree: memory in bytes, CPU (user + system) in seconds so far."""

    pid: int
    pss: int
    rss: int
    cpu: float


def tree_usage(pid: int) -> list[Usage]:
    """Memory and CPU of ``pid`` and of each of its descendants, from /proc (Linux).

    Polled every 20 ms: a peak shorter than that can be missed, which is fine for
    memory that should stay flat over a whole batch.  Without smaps_rollup (old
    kernels) PSS is reported as RSS.
    """
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        parent = int(stat.rsplit(")", 1)[1].split()[1])
        children.setdefault(parent, []).append(int(entry.name))
    tree, stack = [], [pid]
    page = os.sysconf("SC_PAGE_SIZE")
    tick = os.sysconf("SC_CLK_TCK")
    while stack:
        current = stack.pop()
        try:
            rss = int(Path(f"/proc/{current}/statm").read_text().split()[1]) * page
            # After the name's closing parenthesis, utime and stime are at indexes 11, 12.
            fields = Path(f"/proc/{current}/stat").read_text().rsplit(")", 1)[1].split()
            cpu = (int(fields[11]) + int(fields[12])) / tick
            tree.append(Usage(current, _pss(current) or rss, rss, cpu))
        except (OSError, IndexError, ValueError):
            continue  # the process ended between the reads
        stack += children.get(current, [])
    return tree


def _pss(pid: int) -> int | None:
    try:
        rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
    except OSError:
        return None
    for line in rollup.splitlines():
        if line.startswith("Pss:"):
            return int(line.split()[1]) * 1024
    return None
