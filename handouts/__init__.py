"""handouts: printable, clinic-branded patient exercise handouts.

The public API lives in ``handouts.api`` and is re-exported here lazily, so that
``handouts --help`` does not pay for importing the PDF stack.
"""

from __future__ import annotations

from typing import Any

__version__ = "0.1.0"

_API = {
    "build_handout",
    "clinic_for",
    "library_for",
    "load_clinic",
    "load_library",
    "load_plan",
    "make_handout",
    "render_pdf",
}


def __getattr__(name: str) -> Any:
    if name in _API:
        from handouts import api

        return getattr(api, name)
    raise AttributeError(f"module 'handouts' has no attribute {name!r}")
