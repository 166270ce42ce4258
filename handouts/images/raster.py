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

from PIL import (
    ExifTags,
    Image,
    ImageFile,
    ImageOps,
    JpegImagePlugin,
    UnidentifiedImageError,
    features,
)
from reportlab.lib.utils import ImageReader

from handouts.errors import AssetError

# Why 100 MB: a 200-megapixel phone JPEG is ~30-70 MB; the cap bounds memory before
# Pillow sees a byte.
MAX_RASTER_BYTES = 100 * 1024 * 1024

# Why 40 megapixels (Pillow's default warning is at ~89): the most we ever decode in
# full, and a decoded 40 MP RGBA image is already 160 MB.  PNG and WebP cannot be
# decoded at reduced scale, so for them it is checked on the header's declared size,
# before decoding; Pillow's own bomb warning is turned into an error as a second line
# of defence (without changing Pillow's global limit, which other code in the
# process shares).  A JPEG is decoded at 1/2, 1/4 or 1/8 scale (``draft``: the
# full-size image is never allocated), chosen so that what is decoded stays under
# this cap; its declared size has its own cap below.
MAX_PIXELS = 40_000_000

# Why 210 megapixels for a JPEG's declared size: phones take 200 MP photos
# (16320 x 12240).  Decoding at reduced scale needs little memory for a baseline
# JPEG, but a progressive (or multi-scan) one makes libjpeg keep every DCT
# coefficient of the full-size image: 2 bytes per sample, ~630 MB for 210 MP with
# the usual 4:2:0 chroma subsampling (1.5 samples per pixel).  So the cap is really
# on samples, ``MAX_JPEG_PIXELS * 1.5``: a JPEG without subsampling (3 samples per
# pixel) may declare half as many pixels.  Measured for 200 MP (16384 x 12288, 4:2:0):
# baseline 67 MB decoded in 0.5 s using 90 MB; progressive 0.7 s, 605 MB.
MAX_JPEG_PIXELS = 210_000_000
_JPEG_SAMPLES_PER_PIXEL = 1.5
MAX_JPEG_SAMPLES = int(MAX_JPEG_PIXELS * _JPEG_SAMPLES_PER_PIXEL)

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
_JPEG_MAGIC = b"\xff\xd8\xff"
_DRAFT_SCALES = (1, 2, 4, 8)


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
    try:
        return _reencode(image, target)
    except _DECODE_ERRORS as exc:
        # Not expected for a decoded image; if Pillow ever fails here, the message
        # still names the file (and never quotes its content).
        raise AssetError(
            path, f"image could not be converted ({type(exc).__name__} in Pillow)"
        ) from None


def _reencode(image: Image.Image, target: tuple[int, int]) -> RasterImage:
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
    """Decode ``data`` (upright, JPEG at reduced scale when the box allows), or raise."""
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        # Metadata problems (corrupt EXIF, odd text chunks) do not matter: all
        # metadata is dropped.  Pixel problems raise and are reported below.
        warnings.filterwarnings("ignore", category=UserWarning, module=r"PIL\.")
        try:
            with _open(data) as image:
                if image.format == "JPEG":
                    _check_jpeg_size(path, image)
                    _draft_for(image, target)
                width, height = image.size
                if width * height > MAX_PIXELS:
                    raise AssetError(path, _too_many_pixels(width, height))
                image.load()
                return ImageOps.exif_transpose(image)
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise AssetError(path, _too_many_pixels(None, None)) from None
        except UnidentifiedImageError:
            raise AssetError(path, f"not a {_FORMAT_NAMES} image") from None
        except _DECODE_ERRORS as exc:
            detail = " ".join(str(exc).split())[:120]
            raise AssetError(path, f"image is damaged or truncated ({detail})") from None


def _open(data: bytes) -> ImageFile.ImageFile:
    """Open (header only) with the allowed decoders.

    Why a JPEG bypasses ``Image.open``: its bomb check refuses anything over ~179
    megapixels by the declared size, which is right for PNG and WebP but refuses a
    200 MP phone photo that is decoded at reduced scale; ``_check_jpeg_size`` applies
    the JPEG caps instead.  Why ``JpegImageFile`` and not Pillow's JPEG factory: an
    MPO (phones' multi-picture JPEG) is then read as its first, main picture.
    """
    if data.startswith(_JPEG_MAGIC):
        return JpegImagePlugin.JpegImageFile(io.BytesIO(data))
    return Image.open(io.BytesIO(data), formats=_FORMATS)


def _jpeg_samples(image: ImageFile.ImageFile) -> int:
    """Samples per full-size plane set: what libjpeg's coefficient buffer holds."""
    width, height = image.size
    layers = getattr(image, "layer", None) or [("", 1, 1, 0)] * len(image.getbands())
    h_max = max(layer[1] for layer in layers) or 1
    v_max = max(layer[2] for layer in layers) or 1
    return sum(
        math.ceil(width * layer[1] / h_max) * math.ceil(height * layer[2] / v_max)
        for layer in layers
    )


def _check_jpeg_size(path: Path, image: ImageFile.ImageFile) -> None:
    """Refuse a JPEG whose declared size is over the JPEG caps (see ``MAX_JPEG_PIXELS``)."""
    width, height = image.size
    samples = _jpeg_samples(image)
    if width * height <= MAX_JPEG_PIXELS and samples <= MAX_JPEG_SAMPLES:
        return
    per_pixel = samples / (width * height)
    limit = min(MAX_JPEG_PIXELS, int(MAX_JPEG_SAMPLES / per_pixel))
    raise AssetError(
        path,
        f"image is too large ({width} x {height} pixels); "
        f"the limit for this JPEG is {limit // 1_000_000} megapixels",
    )


def _too_many_pixels(width: int | None, height: int | None) -> str:
    size = f" ({width} x {height} pixels)" if width and height else ""
    return f"image is too large{size}; the limit is {MAX_PIXELS // 1_000_000} megapixels"


def _draft_request(size: tuple[int, int], target: tuple[int, int]) -> tuple[int, int]:
    """The size to ask ``draft`` for: the box, but never more than ``MAX_PIXELS``.

    ``draft`` picks the largest scale 1/s (s in 1, 2, 4, 8) that still gives at least
    the requested size.  Asking for at most ``size // s`` forces at least 1/s, where
    s is the smallest scale whose result fits ``MAX_PIXELS`` (so a 200 MP photo in a
    page-sized box is decoded at 1/8, not refused).
    """
    width, height = size
    for s in _DRAFT_SCALES:
        if math.ceil(width / s) * math.ceil(height / s) <= MAX_PIXELS:
            break
    return (
        max(1, min(target[0], width // s)),
        max(1, min(target[1], height // s)),
    )


def _draft_for(image: ImageFile.ImageFile, target: tuple[int, int]) -> None:
    """Let the JPEG decoder skip detail the print cannot show (DCT scaling).

    Why: decoding a 48 MP phone photo at 1/8 scale is several times faster and never
    allocates the full-size image; ``draft`` never goes below the requested size, so
    print quality is kept.
    """
    width, height = target
    orientation = image.getexif().get(ExifTags.Base.Orientation, 1)
    if orientation in (5, 6, 7, 8):  # stored sideways: the box is too, before transposing
        width, height = height, width
    image.draft(None, _draft_request(image.size, (width, height)))


# Decoding a JPEG at reduced scale still entropy-decodes every block of the full
# image: measured ~2.6 ns per declared pixel (a 200 MP, 67 MB photo at 1/8 scale:
# 0.53 s), about an eighth of what a PNG costs per pixel (~22 ns; a 40 MP PNG ~0.9 s).
_JPEG_DECODE_WEIGHT = 0.25
_JPEG_ENTROPY_WEIGHT = 1 / 8


def decode_cost(path: Path, max_width_pt: float, max_height_pt: float, dpi: int = 300) -> int:
    """The work of loading ``path`` for this box, in pixels of full PNG decoding.

    PNG and WebP: their declared pixels.  JPEG: a quarter of the pixels decoded at
    reduced scale (libjpeg turns out pixels about four times faster than PNG's
    inflate) plus an eighth of the declared pixels (the entropy decoding every JPEG
    needs, whatever the scale).  A 12 MP phone photo costs 1.9–4.5 M depending on
    the box, a 200 MP one ~26 M.  0 for a file the loader refuses.  Header only.
    """
    decoded = decoded_pixels(path, max_width_pt, max_height_pt, dpi)
    declared = _declared_jpeg_pixels(path) if decoded else 0
    if not declared:
        return decoded  # not a JPEG: decoded in full
    return int(decoded * _JPEG_DECODE_WEIGHT + declared * _JPEG_ENTROPY_WEIGHT)


def _declared_jpeg_pixels(path: Path) -> int:
    try:
        with path.open("rb") as fh:
            if not fh.read(3).startswith(_JPEG_MAGIC):
                return 0
            fh.seek(0)
            with JpegImagePlugin.JpegImageFile(fh) as image:
                width, height = image.size
    except _DECODE_ERRORS:
        return 0
    return int(width) * int(height)


def decoded_pixels(path: Path, max_width_pt: float, max_height_pt: float, dpi: int = 300) -> int:
    """How many pixels ``load_raster`` decodes for this file and box, from the header only.

    A JPEG is decoded at reduced scale, so this is its drafted size; a PNG or WebP
    is decoded in full.  0 when the header cannot be read or the file is over a cap
    (``load_raster`` then refuses it, naming the file).  For ``render.budget``.
    """
    target = (math.ceil(max_width_pt / 72 * dpi), math.ceil(max_height_pt / 72 * dpi))
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            warnings.filterwarnings("ignore", category=UserWarning, module=r"PIL\.")
            with path.open("rb") as fh:
                head = fh.read(16)
                fh.seek(0)
                if head.startswith(_JPEG_MAGIC):
                    image: ImageFile.ImageFile = JpegImagePlugin.JpegImageFile(fh)
                else:
                    image = Image.open(fh, formats=_FORMATS)
                with image:
                    if image.format == "JPEG":
                        _check_jpeg_size(path, image)
                        _draft_for(image, target)
                    width, height = image.size
    except (AssetError, Image.DecompressionBombError, UnidentifiedImageError, *_DECODE_ERRORS):
        return 0
    return int(width) * int(height)


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
