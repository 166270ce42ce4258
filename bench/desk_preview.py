"""How long the desk takes to show page 1 of a changed handout, on a warm server.

    python bench/desk_preview.py [--rounds N]

Serves the desk with waitress on 127.0.0.1 (as ``handouts desk`` does) and, for
the 2-section, 9-exercise psoas handout, times what a browser does after each
change: POST the form to /preview (the real PDF is rendered in memory), then
GET page 1 as PNG.  Every round changes one dose, so nothing comes from the
preview cache.  Prints the median and the 90th percentile; the target (issue
17) is under 300 ms.  ``bench/run.py`` calls :func:`measure` for the same figure.
"""

from __future__ import annotations

import argparse
import http.client
import statistics
import sys
import threading
import time
import urllib.parse
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

TOKEN = "bench"


@dataclass(frozen=True)
class DeskPreview:
    """Seconds to show page 1: the first preview of a new server, then each warm round."""

    first: float
    warm: list[float]


def form(exercises: list[str], sets: int) -> str:
    """The desk's form for the demo plan's sections and ``exercises``, one dose changed."""
    fields = [
        ("patient.name", "Jane Doe"),
        ("date", "2026-12-02"),
        ("section", "psoas/what-it-does"),
        ("section", "psoas/do"),
        ("options.at_a_glance", "1"),
        ("options.pain_guidance", "1"),
        *(("exercise", e) for e in exercises),
        *(("exercise_order", e) for e in exercises),
        ("dose.step-ups.sets", str(sets)),
    ]
    return urllib.parse.urlencode(fields)


def measure(rounds: int) -> DeskPreview:
    """Serve the desk in this process and time ``rounds`` changed previews of page 1.

    Why imports here: ``bench/run.py`` imports this module for every run, and only
    this measure needs waitress and the desk.
    """
    from waitress.server import create_server

    from handouts import resources
    from handouts.api import load_plan
    from handouts.desk.app import create_app
    from handouts.desk.security import COOKIE, CSRF_HEADER, csrf_token

    # The demo plan's nine exercises: the handout the speed issues measure.
    exercises = [e.id for e in load_plan(resources.demo_plan()).exercises]
    app = create_app(TOKEN, resources.example_clinic())
    server = create_server(app, host="127.0.0.1", port=0, threads=4)
    threading.Thread(target=server.run, daemon=True).start()
    port = server.effective_port  # type: ignore[union-attr]
    headers = {
        "Cookie": f"{COOKIE}={TOKEN}",
        CSRF_HEADER: csrf_token(TOKEN),
        "Content-Type": "application/x-www-form-urlencoded",
    }
    connection = http.client.HTTPConnection("127.0.0.1", port)

    def show(sets: int) -> float:
        start = time.perf_counter()
        connection.request("POST", "/preview", form(exercises, sets), headers)
        html = connection.getresponse().read().decode()
        page = html.split('src="', 1)[1].split('"', 1)[0]
        connection.request("GET", page, headers={"Cookie": headers["Cookie"]})
        png = connection.getresponse().read()
        assert png.startswith(b"\x89PNG"), png[:40]
        return time.perf_counter() - start

    try:
        first = show(1)  # cold: fonts, library, pictures
        # Sets 2..20 then back: each round's form differs from the one before it.
        times = [show(2 + i % 19) for i in range(rounds)]
    finally:
        connection.close()
        # Let the worker threads finish the last request before the server's trigger
        # closes under them (waitress logs a "Bad file descriptor" otherwise).
        server.task_dispatcher.shutdown()
        server.close()
    return DeskPreview(first, times)


def main() -> None:
    """Print the first and the warm preview times."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args()
    result = measure(args.rounds)
    times = sorted(result.warm)
    median = statistics.median(times)
    p90 = times[int(len(times) * 0.9) - 1]
    print(f"first preview (cold): {result.first * 1000:.0f} ms")
    print(
        f"page 1 after a change (warm, {args.rounds} rounds): median {median * 1000:.0f} ms, "
        f"90th percentile {p90 * 1000:.0f} ms (target < 300 ms)"
    )


if __name__ == "__main__":
    main()
