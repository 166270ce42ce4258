"""Who may use the desk: the browser that opened this launch's address, and nothing else.

Why each rule, for a server on 127.0.0.1 that holds patient details:

- **A token per launch.** Any program or web page on the machine can reach a
  loopback port; only the browser given ``/?token=…`` may use the desk.  The
  token then lives in an HttpOnly, SameSite=Strict cookie (scripts cannot read
  it, other sites' requests do not carry it) and is taken out of the address bar.
- **Host must be the loopback name** (DNS rebinding: a hostile site whose name
  resolves to 127.0.0.1 would otherwise be "same origin" with us).
- **CSRF token on every POST**, plus a same-origin check of ``Origin``: a form
  on another site cannot make, save or email anything.
- **Content-Security-Policy ``default-src 'self'``**: no inline script, no
  request to any other host; patient text that slipped past escaping still
  could not run.
"""

from __future__ import annotations

import hashlib
import hmac
from urllib.parse import urlsplit

from flask import Flask, abort, g, redirect, request
from werkzeug.wrappers import Response

COOKIE = "handouts_desk"
CSRF_HEADER = "X-CSRF-Token"
CSRF_FIELD = "csrf_token"
LOOPBACK_NAMES = frozenset({"127.0.0.1", "localhost"})
CSP = (
    "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'self'"
)
# Served library pictures are untrusted files: as documents they may do nothing at all.
PICTURE_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; sandbox"
MAX_REQUEST_BYTES = 2 * 1024 * 1024  # the largest form or upload the desk accepts


def csrf_token(token: str) -> str:
    """The CSRF token of a launch: derived from its token, so nothing else is stored."""
    return hmac.new(token.encode(), b"handouts desk csrf", hashlib.sha256).hexdigest()


def _same(given: str | None, expected: str) -> bool:
    return given is not None and hmac.compare_digest(given.encode(), expected.encode())


def protect(app: Flask, token: str) -> None:
    """Require ``token`` (then its cookie) and a CSRF token, and send the security headers."""
    csrf = csrf_token(token)
    app.config["MAX_CONTENT_LENGTH"] = MAX_REQUEST_BYTES
    app.config["MAX_FORM_MEMORY_SIZE"] = MAX_REQUEST_BYTES
    app.config["MAX_FORM_PARTS"] = 2000

    @app.before_request
    def _gate() -> Response | None:
        if (request.host.rsplit(":", 1)[0] if request.host else "") not in LOOPBACK_NAMES:
            abort(403)
        if _same(request.args.get("token"), token):
            if request.method == "GET":
                # Out of the address bar (and history) and into the cookie.
                response = redirect(request.path, code=303)
                _set_cookie(response, token)
                return response
        elif not _same(request.cookies.get(COOKIE), token):
            abort(403)
        if request.method not in ("GET", "HEAD"):
            origin = request.headers.get("Origin")
            if origin is not None and urlsplit(origin).netloc != request.host:
                abort(403)
            sent = request.headers.get(CSRF_HEADER) or request.form.get(CSRF_FIELD)
            if not _same(sent, csrf):
                abort(403)
        g.csrf_token = csrf
        return None

    @app.after_request
    def _headers(response: Response) -> Response:
        response.headers.setdefault("Content-Security-Policy", CSP)
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        response.headers["X-Frame-Options"] = "SAMEORIGIN"
        # Patient details must not linger in the browser's cache.
        response.headers["Cache-Control"] = "no-store"
        return response


def _set_cookie(response: Response, token: str) -> None:
    response.set_cookie(COOKIE, token, httponly=True, samesite="Strict", path="/")
