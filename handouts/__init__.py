"""handouts: printable, clinic-branded patient exercise handouts.

The public API lives in ``handouts.api`` and is re-exported here lazily, so that
``handouts --help`` does not pay for importing the PDF stack.
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"


def __getattr__(name: str) -> Any:
    # import_module, not "from handouts import api": the latter asks this very
    # function for "api" first and would recurse.
    if not name.startswith("_") and name != "api":
        api = importlib.import_module("handouts.api")
        if name in api.__all__:
            return getattr(api, name)
    raise AttributeError(f"module 'handouts' has no attribute {name!r}")
