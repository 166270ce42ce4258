"""The bench's results as a Markdown table: our figure, the references', the ratio, the target.

Every target is judged on a median: for a ratio, the median of the per-round
ratios (see bench/README.md).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

NAMES = {"platypus": "Platypus", "typst": "typst", "python": "`python -c pass`"}
FLAT = 1.10  # "flat": the largest batch's peak memory at most 10 % above the smallest's


@dataclass(frozen=True)
class Row:
    """One line of the table."""

    measure: str
    ours: str
    reference: str = "–"
    ratio: str = "–"
    target: str = ""
    verdict: str = ""
    met: bool | None = None


def at_most(value: float, limit: float) -> tuple[bool, str]:
    """Met if ``value <= limit``, else by how much it is over."""
    if value <= limit:
        return True, "met"
    return False, f"missed by {value / limit - 1:.0%}"


def at_least(value: float, limit: float) -> tuple[bool, str]:
    """Met if ``value >= limit``, else how far short it falls."""
    if value >= limit:
        return True, "met"
    return False, f"missed: {1 - value / limit:.0%} short"


def wall(item: dict[str, Any]) -> str:
    """``median unit (min, max; CPU median)``."""
    unit = item["unit"]
    text = f"{item['median']} {unit} (min {item['min']}, max {item['max']}"
    if "cpu" in item:
        text += f"; CPU {item['cpu']['median']}"
    return text + ")"


def times(ratio: dict[str, Any]) -> str:
    """A per-round ratio: ``median× (min–max)``."""
    return f"{ratio['median']}× ({ratio['min']}–{ratio['max']})"


def rows(results: dict[str, Any]) -> list[Row]:
    """Every row of the table, with its verdict."""
    cold = results["cold"]
    found = [name for name in ("platypus", "typst") if name in cold]
    table = [Row("Start-up floor: cold `python -c pass`", wall(cold["python"]))]
    for command, label in (
        ("help", "--help"),
        ("list", "list"),
        ("show", "show hip-flexor-stretch"),
    ):
        item = cold[command]
        met, verdict = at_most(item["median"], 0.15)
        python = item["vs"]["python"]
        table.append(
            Row(
                f"Cold `handouts {label}`",
                wall(item),
                f"`python -c pass` {cold['python']['median']} s",
                f"{times(python['wall'])}; CPU {python['cpu']['median']}×",
                "< 0.15 s",
                verdict,
                met,
            )
        )
    table.append(_cold_demo(cold, found, "demo", "Cold `handouts demo` (PDF written)"))
    table.append(_cold_demo(cold, found, "demo-uncached", "Cold `handouts demo`, empty disk cache"))
    table.append(_warm(results["warm"], found))
    table += _batches(results["batch"])
    table += _sizes(results["size"], found)
    table.append(_desk(results["desk_preview"]))
    return table


def _cold_demo(cold: dict[str, Any], found: list[str], key: str, label: str) -> Row:
    demo = cold[key]
    reference = "; ".join(f"{NAMES[n]} {wall(cold[n])}" for n in found) or "skipped"
    ratio = "; ".join(
        f"{NAMES[n]} {times(demo['vs'][n]['wall'])}, CPU {demo['vs'][n]['cpu']['median']}×"
        for n in found
    )
    met, verdict = (None, "no reference")
    if "platypus" in found:
        met, verdict = at_most(demo["vs"]["platypus"]["wall"]["median"], 1.1)
    return Row(
        label,
        wall(demo),
        reference,
        ratio or "–",
        "≤ 1.1× Platypus",
        verdict,
        met,
    )


def _warm(warm: dict[str, Any], found: list[str]) -> Row:
    ours = f"{wall(warm)}; first in process {warm['first_in_process_ms']} ms"
    reference = "; ".join(
        f"{NAMES[n]} {warm['reference'][n]['steady']['median']} ms "
        f"(min {warm['reference'][n]['steady']['min']}; "
        f"first {warm['reference'][n]['first_document']['median']} ms)"
        for n in found
    )
    ratio = "; ".join(f"{NAMES[n]} {times(warm['vs'][n])}" for n in found)
    met, verdict = (None, "no reference")
    if "platypus" in found:
        met, verdict = at_most(warm["vs"]["platypus"]["median"], 0.8)
    return Row(
        "Warm, per demo handout, one process (references: steady `--batch` time)",
        ours,
        reference or "skipped",
        ratio or "–",
        "≤ 0.8× Platypus",
        verdict,
        met,
    )


def _batches(batch: dict[str, Any]) -> list[Row]:
    table = []
    measured = {int(n): b for n, b in batch.items() if "skipped" not in b}
    largest = max(measured, default=None)
    for n, item in batch.items():
        if "skipped" in item:
            table.append(Row(f"Batch of {n}", f"skipped: {item['skipped']}"))
            continue
        ours = (
            f"{item['per_second']} handouts/s ({item['seconds']} s; "
            f"CPU {item['cpu_ms_per_handout']} ms a handout)"
        )
        row = Row(f"Batch of {n}: throughput", ours)
        if int(n) == largest:
            row = replace(row, target="≥ 0.8× typst × workers", verdict="no reference")
        if "typst_steady_per_second" in item:
            workers = item["workers"]
            row = replace(
                row,
                ours=f"{ours}, {workers} workers",
                reference=f"typst {item['typst_steady_per_second']}/s × {workers} workers",
                ratio=f"{item['vs_typst_x_workers']}× (typst × workers); from CPU time "
                f"{item['cpu_bound_vs_typst_x_workers']}× "
                f"({item['cpu_bound_per_second']}/s on {workers} idle cores)",
            )
            if int(n) == largest:
                met, verdict = at_least(item["vs_typst_x_workers"], 0.8)
                target = f"≥ 0.8× typst × workers (≥ {item['target_per_second']}/s)"
                row = replace(row, target=target, verdict=verdict, met=met)
        table.append(row)
        met, verdict = at_most(item["peak_pss_mb"], 150)
        table.append(
            Row(
                f"Batch of {n}: peak memory, all processes",
                f"{item['peak_pss_mb']} MB PSS (RSS summed {item['peak_rss_sum_mb']} MB; "
                f"largest process {item['max_process_rss_mb']} MB; "
                f"{item['processes']} processes)",
                target="≤ 150 MB PSS",
                verdict=verdict,
                met=met,
            )
        )
    if len(measured) > 1:
        small, large = min(measured), max(measured)
        low, high = measured[small]["peak_pss_mb"], measured[large]["peak_pss_mb"]
        met, verdict = at_most(high / low, FLAT)
        table.append(
            Row(
                f"Batch memory from {small} to {large} rows",
                f"{low} → {high} MB PSS ({high / low - 1:+.0%})",
                target="flat (≤ +10 %)",
                verdict=verdict,
                met=met,
            )
        )
    return table


def _sizes(size: dict[str, Any], found: list[str]) -> list[Row]:
    kb = size["demo_bytes"] / 1024
    met, verdict = at_most(kb, 30)
    demo = Row(
        "Demo handout size",
        f"{kb:.1f} KB ({size['demo_pages']} pages)",
        "; ".join(
            f"{NAMES[n]} {size['reference_bytes'][n] / 1024:.1f} KB "
            f"({size['reference_pages'][n]} pages)"
            for n in found
        )
        or "–",
        "; ".join(f"{NAMES[n]} {kb * 1024 / size['reference_bytes'][n]:.2f}×" for n in found)
        or "–",
        "≤ 30 KB",
        verdict,
        met,
    )
    mb = size["photo_bytes"] / 1024 / 1024
    dpi = size["photo_dpi"]
    photo_met = mb < 1.5 and dpi is not None and dpi >= 270
    photos = Row(
        "Handout with nine photographs",
        f"{mb:.2f} MB ({dpi} dpi on paper; sources "
        f"{size['photo_source_bytes_each'] / 1024 / 1024:.1f} MB each)",
        target="< 1.5 MB at ~300 dpi",
        verdict="met" if photo_met else "missed",
        met=photo_met,
    )
    return [demo, photos]


def _desk(desk: dict[str, Any]) -> Row:
    measure = "Desk: page 1 preview after a change, warm"
    if "skipped" in desk:
        return Row(measure, f"skipped: {desk['skipped']}", target="≤ 300 ms")
    met, verdict = at_most(desk["median"], 300)
    return Row(
        measure,
        f"{wall(desk)}; first preview {desk['first_ms']} ms",
        target="≤ 300 ms",
        verdict=verdict,
        met=met,
    )


def verdicts(results: dict[str, Any]) -> list[dict[str, Any]]:
    """Each target with its verdict, for results.json."""
    return [
        {"measure": row.measure, "target": row.target, "met": row.met, "verdict": row.verdict}
        for row in rows(results)
        if row.target
    ]


def table(results: dict[str, Any]) -> str:
    """The results as a Markdown table, then how and where they were measured."""
    lines = [
        "| Measure | handouts (median; min, max; CPU median) | References, same run "
        "| Ratio (median of per-round ratios) | Target | Met? |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    lines += [
        f"| {r.measure} | {r.ours} | {r.reference} | {r.ratio} | {r.target} | {r.verdict} |"
        for r in rows(results)
    ]
    machine = results["machine"]
    warm = results["warm"]
    lines += [
        "",
        f"Cold: {results['cold']['python']['runs']} interleaved rounds. Warm: "
        f"{warm['rounds']} interleaved rounds (ours {warm['runs']} renders in all; each "
        f"reference one `--batch {warm['reference_documents']}` process per round).",
        "",
        f"{machine['python']} on {machine['platform']}, {machine['cpus']} CPUs, "
        f"{results['when']}, commit {machine['commit']}; load average "
        f"{machine['load_average_at_start'][0]} at start, "
        f"{machine['load_average_at_end'][0]} at end.",
    ]
    lines += [f"{line}." for line in results["reference"]["skipped"]]
    return "\n".join(lines) + "\n"
