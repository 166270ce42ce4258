"""Serve the desk on 127.0.0.1 with waitress until Ctrl-C.

Why waitress: a production WSGI server in pure Python (no compiler, works the
same on Windows and macOS), where Flask's own server is for development.  Why
loopback only, with no option to change it: the desk shows patient details
and has no accounts; only this machine may reach it.
"""

from __future__ import annotations

import logging
import secrets
import socket
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from handouts.errors import HandoutError

HOST = "127.0.0.1"
THREADS = 4  # pages, pictures and preview images load side by side; renders take turns


@dataclass(frozen=True)
class Launch:
    """A desk ready to serve: its address (with the token) and how to run and stop it."""

    url: str
    run: Callable[[], None]
    close: Callable[[], None]


def launch(clinic: Path | None = None, port: int = 0) -> Launch:
    """Bind the desk to ``port`` on 127.0.0.1 (0: a free one), ready to ``run``."""
    from waitress.server import create_server

    from handouts.desk.app import create_app

    # waitress logs "Task queue depth is N" whenever page images load side by side:
    # noise in a clinician's terminal, not a problem.
    logging.getLogger("waitress.queue").setLevel(logging.ERROR)
    token = secrets.token_urlsafe(32)
    app = create_app(token, clinic)
    _ = app.extensions["handouts_desk"].found  # load the clinic now: its errors stop the start
    # Bound here rather than by waitress, so a taken port is one clear line and
    # the socket is closed again (waitress would leave it open).
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        listener.bind((HOST, port))
    except OSError as error:
        listener.close()
        raise HandoutError(f"--port {port}: cannot listen there ({error.strerror})") from None
    server = create_server(app, sockets=[listener], threads=THREADS, ident="handouts desk")
    url = f"http://{HOST}:{listener.getsockname()[1]}/?token={token}"
    return Launch(url=url, run=server.run, close=server.close)
