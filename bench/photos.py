"""Photo-like JPEGs and a library overlay that shows them instead of the drawings.

Why generated at bench time: a realistic phone photo is 2-4 MB, and nine of them
do not belong in the repository.  Smooth gradients plus fine noise defeat JPEG the
way real photographs do (flat colours would compress to almost nothing).
"""

from __future__ import annotations

import re
from pathlib import Path

from PIL import Image, ImageChops, ImageFilter

# A 12-megapixel phone photo, 4:3.
PHOTO_SIZE = (4000, 3000)


def make_photo(path: Path, seed: int, size: tuple[int, int] = PHOTO_SIZE) -> Path:
    """Write a photo-like JPEG (quality 92, like a phone camera) to ``path``."""
    width, height = size
    horizontal = Image.linear_gradient("L").rotate(90 * (seed % 4)).resize(size)
    radial = Image.radial_gradient("L").resize(size)
    base = Image.merge(
        "RGB",
        (
            horizontal,
            radial,
            ImageChops.invert(horizontal).point(lambda v: (v + 37 * seed) % 256),
        ),
    )
    # Grain at two scales: fine sensor noise and blurred blotches (texture).
    fine = Image.effect_noise(size, 48).convert("RGB")
    coarse = (
        Image.effect_noise((width // 16, height // 16), 90)
        .resize(size)
        .filter(ImageFilter.GaussianBlur(6))
        .convert("RGB")
    )
    photo = Image.blend(Image.blend(base, coarse, 0.35), fine, 0.18)
    photo.save(path, "JPEG", quality=92)
    return path


def photo_overlay(library: Path, out: Path) -> Path:
    """A library folder in ``out`` whose exercises show photos instead of drawings.

    Every exercise file of ``library`` is copied with its ``illustrations`` line
    pointing at a generated JPEG; the overlay is passed as an extra library folder.
    """
    exercises = out / "exercises"
    photos = out / "photos"
    exercises.mkdir(parents=True)
    photos.mkdir()
    for seed, source in enumerate(sorted((library / "exercises").glob("*.md"))):
        photo = make_photo(photos / f"{source.stem}.jpg", seed)
        text = re.sub(
            r"^illustrations: .*$",
            f"illustrations: [../photos/{photo.name}]",
            source.read_text(encoding="utf-8"),
            count=1,
            flags=re.MULTILINE,
        )
        (exercises / source.name).write_text(text, encoding="utf-8")
    return out
