"""Batch time and peak memory for N rows: does memory stay flat as the list grows?

    python bench/batch_memory.py 10 100 1000

Runs ``handouts batch`` in a child process per size (examples/beginner-psoas.yaml,
all cores) and prints wall time, the parent's peak RSS and the largest worker's
peak RSS.  Timing lives here, never in the tests.
"""

from __future__ import annotations

import csv
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CLI = "from handouts.cli import main; main()"


def _tree_rss_kb(root: int) -> tuple[int, int]:
    """(total, largest) resident memory of ``root`` and all its descendants, from /proc."""
    parents: dict[int, int] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        parents[int(stat.parent.name)] = int(fields[1])
    tree, grew = {root}, True
    while grew:
        grew = False
        for pid, ppid in parents.items():
            if ppid in tree and pid not in tree:
                tree.add(pid)
                grew = True
    sizes = []
    for pid in tree:
        try:
            status = Path(f"/proc/{pid}/status").read_text()
        except OSError:
            continue
        for line in status.splitlines():
            if line.startswith("VmRSS:"):
                sizes.append(int(line.split()[1]))
    return sum(sizes), max(sizes, default=0)


def measure(rows: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        patients = folder / "patients.csv"
        with patients.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            writer.writerow(["name", "dob", "reference"])
            for i in range(rows):
                writer.writerow([f"Patient {i % 50}", "1980-01-01", f"RS-{i:05d}"])
        start = time.perf_counter()
        child = subprocess.Popen(
            [sys.executable, "-c", CLI, "batch", str(patients), "--plan",
             str(REPO / "examples" / "beginner-psoas.yaml"), "--out-dir", str(folder / "out")],
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, cwd=REPO,
        )  # fmt: skip
        total_kb = largest_kb = 0
        while child.poll() is None:
            total, largest = _tree_rss_kb(child.pid)
            total_kb, largest_kb = max(total_kb, total), max(largest_kb, largest)
            time.sleep(0.1)
        seconds = time.perf_counter() - start
        assert child.stdout is not None
        summary = child.stdout.read().strip().splitlines()[-2]
        print(
            f"{rows:>6} rows  {seconds:7.1f} s  {rows / seconds:5.1f} rows/s  "
            f"peak RSS all processes {total_kb / 1024:6.1f} MiB, "
            f"largest process {largest_kb / 1024:6.1f} MiB  [{summary}]"
        )


if __name__ == "__main__":
    for n in sys.argv[1:] or ["10", "100"]:
        measure(int(n))
