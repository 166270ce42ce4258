"""The browser harness works: Debian's Chromium clicks, screenshots and downloads.

A tiny Flask app (not the desk) under the desk's Content-Security-Policy, served
by waitress as the desk is.  Skipped, with the reason, when Chromium is absent.
"""

from __future__ import annotations

import struct
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask, Response, send_from_directory
from playwright.sync_api import ConsoleMessage, Page, expect

from tests.browser import VIEWPORT, serve_wsgi
from tests.conftest import REPO

pytest_plugins = ["tests.browser"]

CSP = "default-src 'self'"
STATIC = REPO / "handouts" / "desk" / "static"
PDF = b"%PDF-1.4\n% a stand-in: the route sends these bytes, the test compares them\n%%EOF\n"

PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Harness</title>
<script src="/button.js" defer></script></head>
<body><button id="go" type="button">Make</button><p id="out">Waiting</p>
<a href="/handout.pdf">Download PDF</a>
<p style="color: red" id="styled">An inline style the policy refuses</p></body></html>
"""
BUTTON_JS = """document.getElementById("go").addEventListener("click", () => {
  document.getElementById("out").textContent = "Made";
});
"""
# The vendored htmx under the same policy: a click swaps in a server fragment.
HTMX_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>htmx</title>
<meta name="htmx-config" content='{"includeIndicatorStyles":false}'>
<script src="/static/htmx.min.js"></script></head>
<body><button hx-get="/fragment" hx-target="#out" type="button">Preview</button>
<div id="out">Nothing yet</div></body></html>
"""


def harness_app() -> Flask:
    app = Flask(__name__)

    @app.after_request
    def policy(response: Response) -> Response:
        response.headers["Content-Security-Policy"] = CSP
        return response

    @app.get("/")
    def index() -> str:
        return PAGE

    @app.get("/button.js")
    def button_js() -> Response:
        return Response(BUTTON_JS, mimetype="text/javascript")

    @app.get("/handout.pdf")
    def handout() -> Response:
        return Response(
            PDF,
            mimetype="application/pdf",
            headers={"Content-Disposition": 'attachment; filename="jane-doe.pdf"'},
        )

    @app.get("/htmx")
    def htmx_page() -> str:
        return HTMX_PAGE

    @app.get("/static/<name>")
    def static_file(name: str) -> Response:
        return send_from_directory(STATIC, name)

    @app.get("/fragment")
    def fragment() -> str:
        return "<p>Page 1 of 3</p>"

    return app


@pytest.fixture(scope="module")
def site() -> Iterator[str]:
    with serve_wsgi(harness_app()) as url:
        yield url


def png_size(data: bytes) -> tuple[int, int]:
    """Width and height from a PNG's header (its IHDR chunk comes first)."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    assert data[12:16] == b"IHDR"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def console_errors(page: Page) -> list[str]:
    """A list that fills with the page's console errors and uncaught exceptions."""
    errors: list[str] = []

    def on_console(message: ConsoleMessage) -> None:
        if message.type == "error":
            errors.append(message.text)

    page.on("console", on_console)
    page.on("pageerror", lambda error: errors.append(str(error)))
    return errors


def test_serve_wsgi_answers_with_the_app(site: str) -> None:
    assert site.startswith("http://127.0.0.1:")
    with urllib.request.urlopen(f"{site}/fragment", timeout=10) as answer:
        assert answer.headers["Content-Security-Policy"] == CSP
        assert answer.read() == b"<p>Page 1 of 3</p>"


def test_serve_wsgi_stops_listening_on_exit() -> None:
    with serve_wsgi(harness_app()) as url:
        urllib.request.urlopen(f"{url}/fragment", timeout=10).close()
    with pytest.raises(OSError):
        urllib.request.urlopen(f"{url}/fragment", timeout=10)


def test_click_runs_a_same_origin_script_and_the_policy_holds(
    page: Page, site: str, tmp_path: Path
) -> None:
    refused = console_errors(page)
    page.goto(site)
    page.get_by_role("button", name="Make").click()
    expect(page.locator("#out")).to_have_text("Made")
    # The header is in force: the inline style was refused, and said so.
    assert page.locator("#styled").evaluate("e => getComputedStyle(e).color") != "rgb(255, 0, 0)"
    assert any("Content Security Policy" in text for text in refused), refused

    shot = tmp_path / "harness.png"
    page.screenshot(path=shot)
    assert png_size(shot.read_bytes()) == (VIEWPORT["width"], VIEWPORT["height"])


def test_download_arrives_as_the_server_sent_it(page: Page, site: str) -> None:
    page.goto(site)
    with page.expect_download() as info:
        page.get_by_role("link", name="Download PDF").click()
    download = info.value
    assert download.suggested_filename == "jane-doe.pdf"
    # Read where Playwright keeps it: saved into tmp_path as a .pdf, this stand-in
    # would meet conftest's check of every PDF a test leaves there (a real handout passes).
    assert Path(download.path()).read_bytes() == PDF


def test_vendored_htmx_swaps_a_fragment_under_the_policy(page: Page, site: str) -> None:
    errors = console_errors(page)
    page.goto(f"{site}/htmx")
    page.get_by_role("button", name="Preview").click()
    expect(page.locator("#out")).to_have_text("Page 1 of 3")
    assert errors == []
