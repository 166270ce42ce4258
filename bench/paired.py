"""Interleaved measures: every process of a round runs before the next round starts.

Why: on a shared machine, load comes and goes over seconds.  Running ``handouts``
and a reference engine back to back, round after round, lets a busy spell slow
both alike, so the ratio of a round is steadier than either time.  The order
inside a round rotates, so no process always runs first (after a pause) or last.
"""

from __future__ import annotations

import resource
import statistics
import subprocess
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


def summary(samples: Sequence[float], unit: str) -> dict[str, Any]:
    """Median, min and max of ``samples``, rounded for reading."""
    digits = {"ms": 1, "x": 2}.get(unit, 3)
    return {
        "median": round(statistics.median(samples), digits),
        "min": round(min(samples), digits),
        "max": round(max(samples), digits),
        "runs": len(samples),
        "unit": unit,
    }


def ratios(ours: Sequence[float], theirs: Sequence[float]) -> dict[str, Any]:
    """The per-round ratios ``ours[i] / theirs[i]``: their median, min and max ("x")."""
    return summary([a / b for a, b in zip(ours, theirs, strict=True)], "x")


@dataclass(frozen=True)
class Process:
    """A command the cold rounds start: a whole process, start to exit."""

    argv: list[str]
    cwd: Path
    env: dict[str, str]


@dataclass
class Samples:
    """Wall and CPU seconds of one process, one entry per round (same index, same round)."""

    wall: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)

    def result(self) -> dict[str, Any]:
        """The wall summary, with the CPU summary under "cpu"."""
        result = summary(self.wall, "s")
        result["cpu"] = summary(self.cpu, "s")
        return result


def cold_rounds(processes: dict[str, Process], rounds: int) -> dict[str, Samples]:
    """Run every process once per round, in an order that rotates, ``rounds`` times.

    One unmeasured round first warms the OS file cache, as for a user who ran the
    command before.  CPU time (user + system, from ``getrusage``) moves far less
    than wall time when other work shares the machine.
    """
    names = list(processes)
    for name in names:
        _run(processes[name])
    samples = {name: Samples() for name in names}
    for index in range(rounds):
        shift = index % len(names)
        for name in names[shift:] + names[:shift]:
            wall, cpu = _run(processes[name])
            samples[name].wall.append(wall)
            samples[name].cpu.append(cpu)
    return samples


def _run(process: Process) -> tuple[float, float]:
    before = _children_cpu()
    start = time.perf_counter()
    subprocess.run(process.argv, cwd=process.cwd, env=process.env, check=True, capture_output=True)
    wall = time.perf_counter() - start
    return wall, _children_cpu() - before


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime
