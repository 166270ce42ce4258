"""Load an untrusted PNG, JPEG or WebP file as clean, print-sized image bytes.

Why: photos and logos come from shared libraries and clinic staff, so a file may be
a decompression bomb, truncated, mislabelled, or carry metadata (GPS position, camera
serial) that must not end up in a handout.  Every file is therefore decoded by Pillow
(only its PNG, JPEG and WebP decoders are allowed to try), fully loaded, normalised to
8-bit grey or RGB on white paper, downscaled to what the printed box needs, and
re-encoded from a fresh image without any metadata.  ReportLab only ever sees those
new bytes, never a path.
"""

from __future__ import annotations

import io
import math
import stat
import struct
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from PIL import ExifTags, Image, ImageOps, UnidentifiedImageError, features
from reportlab.lib.utils import ImageReader

from handouts.errors import AssetError

# Why 50 MB: a 40-megapixel camera JPEG is ~15-25 MB; the cap bounds memory before
# Pillow sees a byte.
MAX_RASTER_BYTES = 50 * 1024 * 1024

# Why 40 megapixels (Pillow's default warning is at ~89): more than any phone or
# camera photo we need, and a decoded 40 MP RGBA image is already 160 MB.  Checked on
# the header's declared size, before decoding.  Pillow's own bomb warning is turned
# into an error as a second line of defence (without changing Pillow's global limit,
# which other code in the process shares).
MAX_PIXELS = 40_000_000

# Why 85: visually lossless for photos on paper at a fraction of the size.
JPEG_QUALITY = 85

# The flat-art heuristic: if the 16 most common colours cover at least 90% of the
# pixels, the image is line art or a logo (flat fills plus anti-aliased edges) and is
# stored as lossless PNG; otherwise it is a photo and stored as JPEG.  Why not "at most
# N colours": anti-aliasing and alpha compositing add hundreds of edge colours, and a
# grey photo never has more than 256.  Measured on a sample of at most 250,000 pixels
# taken with NEAREST (which invents no colours).
_FLAT_TOP_COLOURS = 16
_FLAT_COVERAGE = 0.90
_SAMPLE_PIXELS = 250_000

# Why pass ``formats`` to Image.open: only these decoders may even look at the bytes,
# so a renamed TIFF, EPS (Ghostscript!) or PSD is refused instead of decoded.
_WEBP = features.check("webp")
_FORMATS = ("PNG", "JPEG", "WEBP") if _WEBP else ("PNG", "JPEG")
_FORMAT_NAMES = "PNG, JPEG or WebP" if _WEBP else "PNG or JPEG"
RASTER_SUFFIXES = (".png", ".jpg", ".jpeg", ".webp") if _WEBP else (".png", ".jpg", ".jpeg")

# Pillow raises these for damaged, truncated or inconsistent files once ``load()``
# decodes the pixels (PNG chunk errors are SyntaxError, short reads OSError/EOFError).
_DECODE_ERRORS = (OSError, SyntaxError, ValueError, EOFError, struct.error)

_WHITE = 255


@dataclass(frozen=True, slots=True)
class RasterImage:
    """A re-encoded image, safe to hand to ReportLab.

    ``data`` holds PNG or JPEG bytes (as ``format`` says) with no metadata; ``width``
    and ``height`` are in pixels.
    """

    data: bytes
    format: Literal["PNG", "JPEG"]
    width: int
    height: int

    def reader(self) -> ImageReader:
        """A new ReportLab ``ImageReader`` over the bytes, for ``canvas.drawImage``."""
        return ImageReader(io.BytesIO(self.data))

    def stream(self) -> io.BytesIO:
        """A new binary stream over the bytes, for ``platypus.Image``.

        Why both: ``platypus.Image`` accepts a path or a file-like object but not an
        ``ImageReader`` (it calls ``os.path.splitext`` on anything without ``read``).
        """
        return io.BytesIO(self.data)


def load_raster(
    path: Path, max_width_pt: float, max_height_pt: float, dpi: int = 300
) -> RasterImage:
    """Load the PNG, JPEG or WebP file at ``path`` for a box of the given size in points.

    The image is turned upright (EXIF orientation), flattened onto white, reduced so
    neither side exceeds ``dpi`` dots per inch in the box, and re-encoded without
    metadata.  Raises ``AssetError`` (one line, naming the file) for a missing,
    unreadable, oversized, damaged or unsupported file.
    """
    if not (max_width_pt > 0 and max_height_pt > 0 and dpi > 0):
        msg = f"box and dpi must be positive, got {max_width_pt} x {max_height_pt} pt @ {dpi}"
        raise ValueError(msg)
    target = (math.ceil(max_width_pt / 72 * dpi), math.ceil(max_height_pt / 72 * dpi))
    image = _decode(path, _read(path), target)
    image = _flatten(image)
    flat_art = _is_flat_art(image)
    image = _downscale(image, target)
    # A fresh image from raw pixels: no EXIF, ICC profile, text chunks or other info
    # can survive into the output.
    clean = Image.frombytes(image.mode, image.size, image.tobytes())
    out = io.BytesIO()
    if flat_art:
        clean.save(out, "PNG", optimize=True)
    else:
        clean.save(out, "JPEG", quality=JPEG_QUALITY, optimize=True)
    return RasterImage(out.getvalue(), "PNG" if flat_art else "JPEG", *clean.size)


def _read(path: Path) -> bytes:
    try:
        # Why stat first: opening a FIFO would block forever.
        if not stat.S_ISREG(path.stat().st_mode):
            raise AssetError(path, "cannot be read: it is not a regular file")
        with path.open("rb") as fh:
            data = fh.read(MAX_RASTER_BYTES + 1)
    except FileNotFoundError:
        raise AssetError(path, "file not found") from None
    except OSError as exc:
        raise AssetError(path, f"cannot be read ({exc.strerror or exc})") from None
    if not data:
        raise AssetError(path, "file is empty")
    if len(data) > MAX_RASTER_BYTES:
        raise AssetError(
            path, f"image file is too large (the limit is {MAX_RASTER_BYTES // 2**20} MB)"
        )
    return data


def _decode(path: Path, data: bytes, target: tuple[int, int]) -> Image.Image:
    """Decode every pixel of ``data`` (upright), or raise ``AssetError``."""
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        # Metadata problems (corrupt EXIF, odd text chunks) do not matter: all
        # metadata is dropped.  Pixel problems raise and are reported below.
        warnings.filterwarnings("ignore", category=UserWarning, module=r"PIL\.")
        try:
            with Image.open(io.BytesIO(data), formats=_FORMATS) as image:
                width, height = image.size
                if width * height > MAX_PIXELS:
                    raise AssetError(path, _too_many_pixels(width, height))
                _draft_for(image, target)
                image.load()
                return ImageOps.exif_transpose(image)
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise AssetError(path, _too_many_pixels(None, None)) from None
        except UnidentifiedImageError:
            raise AssetError(path, f"not a {_FORMAT_NAMES} image") from None
        except _DECODE_ERRORS as exc:
            detail = " ".join(str(exc).split())[:120]
            raise AssetError(path, f"image is damaged or truncated ({detail})") from None


def _too_many_pixels(width: int | None, height: int | None) -> str:
    size = f" ({width} x {height} pixels)" if width and height else ""
    return f"image is too large{size}; the limit is {MAX_PIXELS // 1_000_000} megapixels"


def _draft_for(image: Image.Image, target: tuple[int, int]) -> None:
    """Let the JPEG decoder skip detail the print cannot show (DCT scaling).

    Why: decoding a 12 MP phone photo at 1/4 or 1/8 scale is several times faster and
    smaller; ``draft`` never goes below the requested size, so quality is kept.
    """
    if image.format != "JPEG":
        return
    width, height = target
    orientation = image.getexif().get(ExifTags.Base.Orientation, 1)
    if orientation in (5, 6, 7, 8):  # stored sideways: the box is too, before transposing
        width, height = height, width
    image.draft(None, (width, height))


def _flatten(image: Image.Image) -> Image.Image:
    """Return 8-bit ``L`` or ``RGB``: alpha composited on white paper, 16-bit scaled."""
    mode = image.mode
    if mode.startswith("I"):  # I, I;16, I;16B, ...: 16-bit grey from PNG
        # Why scale, not convert: convert("L") clips everything above 255 to white.
        return image.convert("I").point(lambda v: v * (1 / 257)).convert("L")
    if mode == "1":
        return image.convert("L")
    if mode in ("P", "PA") or "transparency" in image.info:
        has_alpha = mode == "PA" or "transparency" in image.info
        if mode in ("L", "LA"):
            image = image.convert("LA" if has_alpha else "L")
        else:
            image = image.convert("RGBA" if has_alpha else "RGB")
        mode = image.mode
    if mode in ("LA", "La"):
        grey = image.convert("LA")
        paper = Image.new("L", grey.size, _WHITE)
        paper.paste(grey.getchannel("L"), mask=grey.getchannel("A"))
        return paper
    if mode in ("RGBA", "RGBa"):
        rgba = image.convert("RGBA")
        paper = Image.new("RGB", rgba.size, (_WHITE, _WHITE, _WHITE))
        paper.paste(rgba.convert("RGB"), mask=rgba.getchannel("A"))
        return paper
    if mode in ("L", "RGB"):
        return image
    return image.convert("RGB")  # CMYK, YCbCr, ...


def _is_flat_art(image: Image.Image) -> bool:
    """True for line art and logos (few dominant colours), False for photos."""
    width, height = image.size
    if width * height > _SAMPLE_PIXELS:
        factor = math.sqrt(_SAMPLE_PIXELS / (width * height))
        size = (max(1, int(width * factor)), max(1, int(height * factor)))
        image = image.resize(size, Image.Resampling.NEAREST)
    total = image.width * image.height
    colours = image.getcolors(maxcolors=total) or []
    top = sorted((count for count, _ in colours), reverse=True)[:_FLAT_TOP_COLOURS]
    return sum(top) >= _FLAT_COVERAGE * total


def _downscale(image: Image.Image, target: tuple[int, int]) -> Image.Image:
    """Shrink (never enlarge) so the image fits ``target`` pixels, aspect kept."""
    width, height = image.size
    scale = min(target[0] / width, target[1] / height)
    if scale >= 1:
        return image
    size = (max(1, round(width * scale)), max(1, round(height * scale)))
    return image.resize(size, Image.Resampling.LANCZOS)
