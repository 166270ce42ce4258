"""Rewrite the bundled illustrations and docs/illustrations.png (see tools/illustrations)."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tools.illustrations.__main__ import main

if __name__ == "__main__":
    main()
