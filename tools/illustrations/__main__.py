"""``python -m tools.illustrations``: write every illustration and the contact sheet."""

from __future__ import annotations

from pathlib import Path

from tools.illustrations.pose import render
from tools.illustrations.registry import all_poses
from tools.illustrations.sheet import write_contact_sheet

REPO = Path(__file__).resolve().parents[2]
OUT_DIR = REPO / "assets" / "library" / "illustrations"
SHEET = REPO / "docs" / "illustrations.png"


def main() -> None:
    """Write every posed illustration, report each file's size, then the contact sheet."""
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    written = []
    for exercise_id, pose in all_poses().items():
        path = OUT_DIR / f"{exercise_id}.svg"
        path.write_text(render(pose), encoding="utf-8")
        written.append(path)
        print(f"{path.name}: {path.stat().st_size} bytes")
    write_contact_sheet(written, SHEET)
    print(f"{SHEET.relative_to(REPO)}: {len(written)} pictures")


if __name__ == "__main__":
    main()
