"""The browser-test harness: Debian's Chromium under Playwright, and a WSGI app on a free port.

A test module that drives a browser loads this file as a pytest plugin, then asks
for its fixtures (``page``; ``context`` and ``browser`` beneath it)::

    pytest_plugins = ["tests.browser"]

    def test_desk(page: Page) -> None:
        with serve_wsgi(create_app()) as base_url:
            page.goto(base_url)

Every browser is Debian's Chromium (``apt-get install chromium``), headless, and
every page is 1400 × 1000 and accepts downloads.  Without that Chromium each
browser test is skipped with the reason, so the suite still passes on a
developer's machine; ``.ci/run`` installs it, so CI runs them.  Never
``playwright install``: it downloads a browser from the network, which fails
offline.

Why plain Playwright, not the pytest-playwright plugin: under pytest 9 the
plugin's fallback ``base_url`` fixture is a deprecated kind (an instance-method
session fixture), an error with this suite's warnings-as-errors; and installed,
it acts on every test of the suite (an autouse fixture that deletes
``./test-results``, a ``[chromium]`` parameter on browser tests).

Why a plugin line and not imported fixtures: a fixture imported into a test
module and then named as a test's argument is a redefinition to ruff (F811).
The module that names the plugin has usually imported it already (for
``serve_wsgi``), too late for pytest to rewrite its asserts, and pytest warns
about that (an error here) unless told not to: PYTEST_DONT_REWRITE.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, ViewportSize, sync_playwright
from waitress import wasyncore
from waitress.server import BaseWSGIServer, create_server

if TYPE_CHECKING:
    from _typeshed.wsgi import WSGIApplication

CHROMIUM = Path("/usr/bin/chromium")
NO_CHROMIUM = "Debian's Chromium is not installed: apt-get install chromium"

# Why each switch: tests run as root in CI, where Chromium refuses to start with
# its sandbox; there is no GPU; and a test must not reach the network, so no
# QUIC probing, first-run pages, background fetches, component updates or sync.
CHROMIUM_ARGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)
VIEWPORT: ViewportSize = {"width": 1400, "height": 1000}


def chromium_missing() -> bool:
    """True when Debian's Chromium is not where the browser tests launch it from."""
    return not CHROMIUM.is_file()


# For a test that needs Chromium without asking for a browser fixture.
needs_chromium = pytest.mark.skipif(chromium_missing(), reason=NO_CHROMIUM)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Debian's Chromium, headless, launched once per test session (skips without it)."""
    if chromium_missing():
        pytest.skip(NO_CHROMIUM)
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=list(CHROMIUM_ARGS)
        )
        yield chromium
        chromium.close()


@pytest.fixture
def context(browser: Browser) -> Iterator[BrowserContext]:
    """A fresh browser profile per test (no cookies or storage from another test)."""
    fresh = browser.new_context(viewport=VIEWPORT, accept_downloads=True)
    yield fresh
    fresh.close()


@pytest.fixture
def page(context: BrowserContext) -> Page:
    """A tab in this test's own profile, 1400 × 1000, downloads kept for the test."""
    return context.new_page()


@contextmanager
def serve_wsgi(app: WSGIApplication) -> Iterator[str]:
    """Serve ``app`` with waitress on a free port of 127.0.0.1; yield its base URL.

    The server runs in a daemon thread.  On exit every socket is closed from
    inside the server's own loop (through its trigger, as closing them from here
    would race with the loop), then the loop and the worker threads are joined.
    """
    sockets: dict[int, Any] = {}  # waitress's socket map: listener, connections, trigger
    server = create_server(app, map=sockets, host="127.0.0.1", port=0)
    assert isinstance(server, BaseWSGIServer)  # one host: one listening socket
    thread = threading.Thread(target=server.run, name="serve_wsgi", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.effective_port}"
    finally:
        server.trigger.pull_trigger(lambda: wasyncore.close_all(sockets))
        thread.join(timeout=10)
        server.task_dispatcher.shutdown()
        if thread.is_alive():
            raise RuntimeError("serve_wsgi: the waitress loop did not stop")
