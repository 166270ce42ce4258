"""handouts: printable, clinic-branded patient exercise handouts.

The public API lives in ``handouts.api`` and is re-exported here lazily, so that
``handouts --help`` does not pay for importing the PDF stack.
"""

from __future__ import annotations

import importlib
import importlib.util
from typing import Any

__version__ = "0.1.0"


def __getattr__(name: str) -> Any:
    # A submodule ("resources", "load", …) is never an API name.  Answering
    # AttributeError lets "from handouts import resources" import it the normal
    # way; importing handouts.api for it instead would re-enter whatever module
    # is half-way through importing (handouts list crashed that way).
    if name.startswith("_") or importlib.util.find_spec(f"{__name__}.{name}") is not None:
        raise AttributeError(f"module 'handouts' has no attribute {name!r}")
    # import_module, not "from handouts import api": the latter asks this very
    # function for "api" first and would recurse.
    api = importlib.import_module("handouts.api")
    if name in api.__all__:
        return getattr(api, name)
    raise AttributeError(f"module 'handouts' has no attribute {name!r}")
