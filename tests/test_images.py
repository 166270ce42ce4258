"""Tests for handouts.images: hostile SVG and raster files are refused, good ones load.

Every hostile fixture is generated here, in ``tmp_path``; no binary files are committed.
"""

from __future__ import annotations

import gzip
import io
import itertools
import os
import struct
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree
from PIL import ExifTags, Image, ImageCms, features
from reportlab.graphics import renderPDF
from reportlab.graphics.shapes import Drawing
from reportlab.graphics.shapes import Image as DrawingImage
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Image as FlowableImage
from reportlab.platypus import SimpleDocTemplate
from svglib.svglib import SvgRenderer

from handouts.errors import AssetError
from handouts.images import (
    RasterImage,
    clear_svg_cache,
    load_image,
    load_raster,
    load_svg,
)
from handouts.images import raster as raster_module
from handouts.images import svg as svg_module

SVG_OPEN = '<svg xmlns="http://www.w3.org/2000/svg" width="100" height="50">'
XLINK = 'xmlns:xlink="http://www.w3.org/1999/xlink"'


@pytest.fixture(autouse=True)
def _empty_svg_cache() -> Iterator[None]:
    clear_svg_cache()
    yield
    clear_svg_cache()


@pytest.fixture
def render_calls(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """Record every call into svglib, to prove rejections happen before svglib runs."""
    calls: list[Any] = []
    original = SvgRenderer.render

    def spy(self: SvgRenderer, node: Any) -> Drawing:
        calls.append(node)
        return original(self, node)

    monkeypatch.setattr(SvgRenderer, "render", spy)
    return calls


def write(path: Path, content: str | bytes) -> Path:
    path.write_bytes(content.encode() if isinstance(content, str) else content)
    return path


def svg(body: str, open_tag: str = SVG_OPEN) -> str:
    return f"{open_tag}{body}</svg>"


def rejected(call: Callable[[], object], path: Path) -> AssetError:
    """Run ``call``, expect an AssetError for ``path`` on one line, and return it."""
    with pytest.raises(AssetError) as info:
        call()
    message = str(info.value.message)
    assert "\n" not in message
    assert str(path) in message
    assert info.value.path == path
    return info.value


def shapes(node: Any) -> Iterator[Any]:
    yield node
    for child in getattr(node, "contents", []):
        yield from shapes(child)


def decoded(result: RasterImage) -> Image.Image:
    image = Image.open(io.BytesIO(result.data))
    image.load()
    return image


def close(a: tuple[int, ...] | int | float | None, b: tuple[int, ...] | int, tol: int) -> bool:
    assert a is not None and not isinstance(a, float)
    pa = a if isinstance(a, tuple) else (a,)
    pb = b if isinstance(b, tuple) else (b,)
    return len(pa) == len(pb) and all(abs(x - y) <= tol for x, y in zip(pa, pb, strict=True))


# --------------------------------------------------------------------------- SVG: good


def test_valid_svg_gives_drawing_in_points(tmp_path: Path) -> None:
    path = write(tmp_path / "ok.svg", svg('<rect x="10" y="10" width="20" height="10"/>'))
    drawing = load_svg(path)
    assert isinstance(drawing, Drawing)
    # svglib converts CSS pixels to points: 100 x 50 px = 75 x 37.5 pt.
    assert (drawing.width, drawing.height) == (75.0, 37.5)
    assert drawing.contents
    assert renderPDF.drawToString(drawing).startswith(b"%PDF")


def test_viewbox_only_svg_takes_its_size_from_the_viewbox(tmp_path: Path) -> None:
    path = write(
        tmp_path / "vb.svg", '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 20 10"/>'
    )
    drawing = load_svg(path)
    assert (drawing.width, drawing.height) == (15.0, 7.5)


def test_internal_use_references_are_allowed(tmp_path: Path) -> None:
    body = (
        '<defs><g id="dot"><circle r="2"/></g></defs>'
        f'<use href="#dot" x="5"/><use {XLINK} xlink:href="#dot" x="10"/>'
    )
    drawing = load_svg(write(tmp_path / "use.svg", svg(body)))
    assert drawing.width == 75.0


def test_link_href_on_a_is_removed_and_the_art_kept(tmp_path: Path) -> None:
    body = '<a href="https://example.com/"><rect width="10" height="10"/></a>'
    drawing = load_svg(write(tmp_path / "link.svg", svg(body)))
    assert any(type(s).__name__ == "Rect" for s in shapes(drawing))


# --------------------------------------------------------------------------- SVG: cache


def test_cache_returns_fresh_drawings_sharing_converted_content(
    tmp_path: Path, render_calls: list[Any]
) -> None:
    path = write(tmp_path / "logo.svg", svg('<rect width="10" height="10"/>'))
    first = load_svg(path)
    second = load_svg(path)
    assert len(render_calls) == 1
    assert first is not second
    assert first.contents == second.contents  # the same converted shapes, shared
    first.scale(3, 3)
    first.width *= 3
    assert (second.width, second.transform) == (75.0, (1, 0, 0, 1, 0, 0))
    assert (load_svg(path).width, load_svg(path).transform) == (75.0, (1, 0, 0, 1, 0, 0))


def test_cache_notices_an_edited_file(tmp_path: Path, render_calls: list[Any]) -> None:
    path = write(tmp_path / "logo.svg", svg('<rect width="10" height="10"/>'))
    assert load_svg(path).width == 75.0
    write(path, '<svg xmlns="http://www.w3.org/2000/svg" width="200" height="50"/>')
    assert load_svg(path).width == 150.0
    assert len(render_calls) == 2


def test_a_rejected_file_is_not_cached(tmp_path: Path) -> None:
    path = write(tmp_path / "later.svg", svg("<foreignObject>Hi</foreignObject>"))
    rejected(lambda: load_svg(path), path)
    write(path, svg('<rect width="10" height="10"/>'))
    assert load_svg(path).width == 75.0


# --------------------------------------------------------------------------- SVG: hostile


BILLION_LAUGHS = (
    '<?xml version="1.0"?>\n<!DOCTYPE svg [\n<!ENTITY lol "lol">\n'
    + "".join(f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">\n' for i in range(1, 10)).replace(
        "&lol0;", "&lol;"
    )
    + "]>\n"
    + svg("<title>&lol9;</title>")
)


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        (
            "laughs.svg",
            BILLION_LAUGHS,
            "DOCTYPE and entity declarations are not allowed in SVG; remove the <!DOCTYPE>",
        ),
        (
            "xxe.svg",
            '<!DOCTYPE svg [<!ENTITY host SYSTEM "file:///etc/hostname">]>'
            + svg("<title>&host;</title>"),
            "DOCTYPE and entity declarations are not allowed in SVG; remove the <!DOCTYPE>",
        ),
        (
            "doctype.svg",
            '<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" '
            '"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">\n' + svg(""),
            "DOCTYPE and entity declarations are not allowed in SVG; remove the <!DOCTYPE>",
        ),
        (
            "foreign.svg",
            svg('<foreignObject><p xmlns="http://www.w3.org/1999/xhtml">x</p></foreignObject>'),
            "<foreignObject> (embedded HTML) is not allowed in SVG",
        ),
        (
            "text-path.svg",
            svg('<path id="p" d="M0 0 L10 0"/><text><textPath href="#p">Hold</textPath></text>'),
            "text along a path, <tref>, <altGlyph> and SVG fonts are not supported; "
            "convert that text to paths",
        ),
        (
            "html.svg",
            "<html><body><svg/></body></html>",
            "not an SVG document: the root element is <html>, "
            "expected <svg> in the http://www.w3.org/2000/svg namespace",
        ),
        (
            "nonamespace.svg",
            '<svg width="10" height="10"/>',
            "not an SVG document: the root element is <svg>, "
            "expected <svg> in the http://www.w3.org/2000/svg namespace",
        ),
        (
            "zero.svg",
            '<svg xmlns="http://www.w3.org/2000/svg" width="0" height="0"/>',
            "SVG has zero or negative size (width/height)",
        ),
        (
            "zero-viewbox.svg",
            '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 0 10"/>',
            "SVG has zero or negative size (viewBox)",
        ),
        (
            "bad-viewbox.svg",
            '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ten 10"/>',
            "SVG viewBox '0 0 ten 10' is not four numbers",
        ),
        (
            "nosize.svg",
            '<svg xmlns="http://www.w3.org/2000/svg"><rect width="1" height="1"/></svg>',
            "SVG has no size; set width and height, or viewBox, on <svg>",
        ),
        ("empty.svg", b"", "file is empty"),
        ("blank.svg", b"  \n\t ", "file is empty"),
        (
            "gzip.svg",
            gzip.compress(svg("").encode()),
            "compressed SVG (gzip) is not supported; save it as plain .svg",
        ),
        (
            "art.svgz",
            gzip.compress(svg("").encode()),
            "compressed SVG (.svgz) is not supported; save it as plain .svg",
        ),
        (
            "cycle.svg",
            svg('<g id="a"><use href="#a"/></g>'),
            "SVG has a circular <use> reference",
        ),
        (
            "deep.svg",
            svg("<g>" * 150 + "</g>" * 150),
            "SVG is nested too deeply (the limit is 100 levels)",
        ),
        (
            "many-uses.svg",
            svg('<g id="a"/>' + '<use href="#a"/>' * 201),
            "SVG has too many <use> elements (the limit is 200)",
        ),
        (
            "use-bomb.svg",
            svg(
                '<defs><g id="l0"><rect width="1" height="1"/></g>'
                + "".join(
                    f'<g id="l{i}">' + f'<use href="#l{i - 1}"/>' * 10 + "</g>" for i in range(1, 8)
                )
                + '</defs><use href="#l7"/>'
            ),
            "SVG expands to too many shapes through <use> (the limit is 40,000)",
        ),
    ],
)
def test_hostile_svg_is_rejected_before_svglib_runs(
    tmp_path: Path, render_calls: list[Any], name: str, content: str | bytes, reason: str
) -> None:
    path = write(tmp_path / name, content)
    error = rejected(lambda: load_svg(path), path)
    assert error.reason == reason
    assert render_calls == []


def test_external_entity_content_never_appears(tmp_path: Path) -> None:
    secret = write(tmp_path / "secret.txt", "TOPSECRET-42")
    content = f'<!DOCTYPE svg [<!ENTITY s SYSTEM "{secret.as_uri()}">]>' + svg("<desc>&s;</desc>")
    path = write(tmp_path / "xxe.svg", content)
    error = rejected(lambda: load_svg(path), path)
    assert "TOPSECRET" not in str(error.message)


def test_undeclared_entity_is_a_syntax_error_with_line(tmp_path: Path) -> None:
    path = write(tmp_path / "ent.svg", svg("\n<title>&x;</title>"))
    error = rejected(lambda: load_svg(path), path)
    assert error.line == 2
    assert error.reason.startswith("not valid XML: Entity 'x' not defined")


def test_xml_syntax_error_names_the_line(tmp_path: Path) -> None:
    path = write(tmp_path / "broken.svg", SVG_OPEN + "\n<rect>\n</svg>\n")
    error = rejected(lambda: load_svg(path), path)
    assert error.line == 3
    assert f"{path}:3: not valid XML: Opening and ending tag mismatch" in str(error.message)


def test_garbage_bytes_are_not_valid_xml(tmp_path: Path) -> None:
    path = write(tmp_path / "garbage.svg", bytes(range(3, 256)) * 4)
    error = rejected(lambda: load_svg(path), path)
    assert error.reason.startswith("not valid XML:")


def test_file_over_two_megabytes_is_rejected_unparsed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    parsed: list[object] = []
    from handouts.images import svg_rules  # where the parser lives (imported when needed)

    monkeypatch.setattr(svg_rules, "parse_svg", lambda *a: parsed.append(a))
    path = write(tmp_path / "huge.svg", svg("<desc>" + "x" * (2 * 1024 * 1024) + "</desc>"))
    error = rejected(lambda: load_svg(path), path)
    assert (
        error.reason == f"SVG file is too large ({path.stat().st_size:,} bytes; the limit is 2 MB)"
    )
    assert parsed == []


def test_thirty_thousand_elements_are_rejected(tmp_path: Path, render_calls: list[Any]) -> None:
    path = write(tmp_path / "busy.svg", svg('<rect width="1" height="1"/>' * 30_000))
    error = rejected(lambda: load_svg(path), path)
    assert error.reason == "SVG has too many elements (the limit is 20,000)"
    assert render_calls == []


def test_image_pointing_at_a_neighbour_is_rejected(tmp_path: Path, render_calls: list[Any]) -> None:
    """Decision: <image> is rejected (never stripped), so nothing can be loaded."""
    Image.new("RGB", (4, 4), "red").save(tmp_path / "neighbour.png")
    for name, body in [
        ("image.svg", '<image href="neighbour.png" width="4" height="4"/>'),
        ("ximage.svg", f'<image {XLINK} xlink:href="neighbour.png" width="4" height="4"/>'),
        ("data.svg", '<image href="data:image/png;base64,iVBORw0KGgo=" width="4" height="4"/>'),
    ]:
        path = write(tmp_path / name, svg(body))
        error = rejected(lambda path=path: load_svg(path), path)
        assert error.reason.startswith("<image> in SVG is not supported")
    assert render_calls == []


def test_use_pointing_at_another_file_is_rejected(tmp_path: Path, render_calls: list[Any]) -> None:
    """Decision: a non-fragment href is rejected (never stripped)."""
    write(tmp_path / "other.svg", svg('<g id="x"><rect width="5" height="5"/></g>'))
    path = write(tmp_path / "use.svg", svg(f'<use {XLINK} xlink:href="other.svg#x"/>'))
    error = rejected(lambda: load_svg(path), path)
    assert error.reason == (
        "<use> refers to 'other.svg#x'; SVG may only refer to '#id' inside the same file"
    )
    gradient = write(
        tmp_path / "gradient.svg",
        svg('<linearGradient id="g" href="http://example.com/g.svg#g"/>'),
    )
    error = rejected(lambda: load_svg(gradient), gradient)
    assert error.reason.startswith("<linearGradient> refers to 'http://example.com/g.svg#g'")
    assert render_calls == []


def test_foreign_namespace_elements_are_stripped_not_followed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """svglib matches by local name; <x:image> must not reach it as an <image>."""
    Image.new("RGB", (4, 4), "red").save(tmp_path / "neighbour.png")
    followed: list[object] = []
    monkeypatch.setattr(SvgRenderer, "xlink_href_target", lambda *a, **k: followed.append(a))
    body = (
        '<x:image xmlns:x="urn:example" href="neighbour.png" width="4" height="4"/>'
        '<metadata><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"/></metadata>'
        '<rect width="1" height="1"/>'
    )
    drawing = load_svg(write(tmp_path / "inkscape.svg", svg(body)))
    assert followed == []
    assert not any(isinstance(s, DrawingImage) for s in shapes(drawing))
    assert any(type(s).__name__ == "Rect" for s in shapes(drawing))


def test_svglib_cannot_follow_files_even_past_the_sanitiser(tmp_path: Path) -> None:
    """Defence in depth: the renderer gets no file path, so svglib resolves nothing."""
    Image.new("RGB", (4, 4), "red").save(tmp_path / "neighbour.png")
    root = etree.fromstring(svg('<image href="neighbour.png" width="4" height="4"/>'))
    drawing = svg_module._render(tmp_path / "x.svg", root)
    assert not any(isinstance(s, DrawingImage) for s in shapes(drawing))


@pytest.mark.parametrize(
    ("name", "body"),
    [
        ("arc.svg", '<path d="A 1 1 0 0 0"/>'),
        ("length.svg", '<rect width="wide" height="3"/>'),
        ("css.svg", "<style>:::: {}</style>"),
    ],
)
def test_svglib_failures_become_one_line_asset_errors(tmp_path: Path, name: str, body: str) -> None:
    path = write(tmp_path / name, svg(body))
    error = rejected(lambda: load_svg(path), path)
    assert error.reason.startswith("SVG could not be converted: ")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    content=st.one_of(
        st.binary(max_size=200),
        st.text(max_size=200).map(svg),
        st.lists(
            st.sampled_from(
                [
                    "<g>",
                    "</g>",
                    '<rect width="3" height="-1"/>',
                    '<path d="M 0 0 L 1 Z q"/>',
                    '<circle r="x"/>',
                    '<use href="#a"/>',
                    '<g id="a" transform="rotate(5) scale(0)">',
                    '<polygon points="1,2 3"/>',
                    "<style>rect{fill:url(#z)}</style>",
                    '<linearGradient id="z" href="#z"><stop offset="2"/></linearGradient>',
                ]
            ),
            max_size=12,
        ).map(lambda parts: svg("".join(parts))),
    )
)
def test_any_input_gives_a_drawing_or_an_asset_error(
    tmp_path_factory: pytest.TempPathFactory, content: str | bytes
) -> None:
    path = write(tmp_path_factory.mktemp("fuzz") / "fuzz.svg", content)
    try:
        assert isinstance(load_svg(path), Drawing)
    except AssetError as error:
        assert "\n" not in str(error.message)
        assert str(path) in str(error.message)


# --------------------------------------------------------------------------- raster helpers


def photo(size: tuple[int, int]) -> Image.Image:
    """A noisy RGB image (many colours), cheap to make at any size."""
    small = (max(1, size[0] // 10), max(1, size[1] // 10))
    channels = [
        Image.effect_noise(small, 60).resize(size, Image.Resampling.BICUBIC) for _ in range(3)
    ]
    return Image.merge("RGB", channels)


def line_art(size: tuple[int, int]) -> Image.Image:
    image = Image.new("RGB", size, "white")
    image.paste((0, 0, 120), (size[0] // 4, size[1] // 4, size[0] // 2, size[1] // 2))
    return image


def png_claiming(width: int, height: int) -> bytes:
    """A tiny PNG whose header declares ``width`` x ``height`` pixels (a pixel bomb)."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        crc = zlib.crc32(kind + body)
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00"))
        + chunk(b"IEND", b"")
    )


# --------------------------------------------------------------------------- raster: good


def test_valid_png_line_art_stays_png(tmp_path: Path) -> None:
    path = tmp_path / "logo.png"
    line_art((120, 80)).save(path)
    result = load_raster(path, 200, 200)
    assert (result.format, result.width, result.height) == ("PNG", 120, 80)
    image = decoded(result)
    assert (image.format, image.mode, image.size) == ("PNG", "RGB", (120, 80))
    assert image.getpixel((45, 30)) == (0, 0, 120)


def test_photo_becomes_jpeg(tmp_path: Path) -> None:
    path = tmp_path / "photo.png"
    photo((200, 150)).save(path)
    result = load_raster(path, 200, 200)
    assert (result.format, decoded(result).format, decoded(result).size) == (
        "JPEG",
        "JPEG",
        (200, 150),
    )


def test_exif_orientation_six_is_applied(tmp_path: Path) -> None:
    image = Image.new("RGB", (40, 20), "blue")
    image.paste((255, 0, 0), (0, 0, 20, 20))  # left half red
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = 6
    path = tmp_path / "sideways.jpg"
    image.save(path, exif=exif, quality=95)
    result = load_raster(path, 500, 500)
    assert (result.width, result.height) == (20, 40)
    upright = decoded(result).convert("RGB")
    # Orientation 6 means "rotate 90 degrees clockwise to view": left becomes top.
    assert close(upright.getpixel((10, 5)), (255, 0, 0), 40)
    assert close(upright.getpixel((10, 35)), (0, 0, 255), 40)


def test_gps_exif_and_icc_profile_are_dropped(tmp_path: Path) -> None:
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "PhoneCam"
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = (51.0, 30.0, 0.0)
    icc = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    path = tmp_path / "holiday.jpg"
    photo((64, 48)).save(path, exif=exif, icc_profile=icc, quality=95)
    assert b"Exif" in path.read_bytes()
    assert b"ICC_PROFILE" in path.read_bytes()
    result = load_raster(path, 100, 100)
    assert result.format == "JPEG"
    assert b"Exif" not in result.data
    assert b"ICC_PROFILE" not in result.data
    assert b"PhoneCam" not in result.data
    image = decoded(result)
    assert dict(image.getexif()) == {}
    assert "icc_profile" not in image.info


def test_png_text_and_icc_chunks_are_dropped(tmp_path: Path) -> None:
    from PIL import PngImagePlugin

    info = PngImagePlugin.PngInfo()
    info.add_text("Author", "Dr Secret")
    icc = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    path = tmp_path / "logo.png"
    line_art((40, 40)).save(path, pnginfo=info, icc_profile=icc)
    result = load_raster(path, 100, 100)
    assert result.format == "PNG"
    assert b"Dr Secret" not in result.data
    assert b"iCCP" not in result.data


def test_cmyk_jpeg_becomes_rgb(tmp_path: Path) -> None:
    path = tmp_path / "print.jpg"
    Image.new("CMYK", (32, 32), (0, 255, 255, 0)).save(path, quality=95)
    result = load_raster(path, 100, 100)
    image = decoded(result)
    assert image.mode == "RGB"
    assert close(image.getpixel((16, 16)), (255, 0, 0), 8)


def test_sixteen_bit_png_is_scaled_to_eight_bit(tmp_path: Path) -> None:
    path = tmp_path / "deep.png"
    raw = struct.pack("<3H", 65535, 32896, 0)
    Image.frombytes("I;16", (3, 1), raw).save(path)
    with Image.open(path) as source:
        assert source.mode.startswith("I")
    image = decoded(load_raster(path, 100, 100))
    assert image.mode == "L"
    assert [image.getpixel((x, 0)) for x in range(3)] == [255, 128, 0]


def test_palette_png_with_transparency_lands_on_white(tmp_path: Path) -> None:
    image = Image.new("P", (10, 10), 0)
    image.putpalette([255, 0, 0, 0, 0, 255])
    image.paste(1, (5, 0, 10, 10))
    path = tmp_path / "palette.png"
    image.save(path, transparency=0)
    result = decoded(load_raster(path, 100, 100))
    assert result.mode == "RGB"
    assert result.getpixel((1, 1)) == (255, 255, 255)  # transparent red -> paper
    assert result.getpixel((8, 8)) == (0, 0, 255)


def test_rgba_png_is_composited_on_white(tmp_path: Path) -> None:
    path = tmp_path / "shadow.png"
    Image.new("RGBA", (10, 10), (0, 0, 0, 128)).save(path)
    result = decoded(load_raster(path, 100, 100))
    assert result.mode == "RGB"
    assert close(result.getpixel((5, 5)), (127, 127, 127), 1)


def test_grey_alpha_png_is_composited_on_white(tmp_path: Path) -> None:
    path = tmp_path / "grey.png"
    Image.new("LA", (10, 10), (0, 0)).save(path)
    result = decoded(load_raster(path, 100, 100))
    assert (result.mode, result.getpixel((5, 5))) == ("L", 255)


def test_large_photo_is_downscaled_for_the_box(tmp_path: Path) -> None:
    path = tmp_path / "big.jpg"
    photo((4000, 3000)).save(path, quality=90)
    result = load_raster(path, 50, 37)
    # 300 dpi in a 50 x 37 pt box is at most 209 x 155 px; aspect 4:3 kept.
    assert (result.width, result.height) == (207, 155)
    assert decoded(result).size == (207, 155)


def test_large_line_art_is_downscaled_and_stays_png(tmp_path: Path) -> None:
    path = tmp_path / "big.png"
    line_art((4000, 3000)).save(path)
    result = load_raster(path, 50, 37)
    assert (result.format, result.width, result.height) == ("PNG", 207, 155)


def test_small_image_is_never_enlarged(tmp_path: Path) -> None:
    path = tmp_path / "tiny.png"
    line_art((8, 6)).save(path)
    assert (load_raster(path, 500, 500).width, load_raster(path, 500, 500).height) == (8, 6)


@pytest.mark.skipif(not features.check("webp"), reason="Pillow built without WebP")
def test_webp_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "art.webp"
    line_art((30, 20)).save(path, lossless=True)
    result = load_raster(path, 100, 100)
    assert (result.format, result.width, result.height) == ("PNG", 30, 20)


def test_result_works_with_reportlab(tmp_path: Path) -> None:
    path = tmp_path / "photo.jpg"
    photo((60, 40)).save(path)
    result = load_raster(path, 100, 100)
    assert result.reader().getSize() == (60, 40)
    canvas = Canvas(io.BytesIO())
    canvas.drawImage(result.reader(), 0, 0, 60, 40)
    canvas.save()
    out = io.BytesIO()
    SimpleDocTemplate(out).build([FlowableImage(result.stream(), 60, 40)])
    assert out.getvalue().startswith(b"%PDF")


def test_raster_image_is_frozen(tmp_path: Path) -> None:
    path = tmp_path / "logo.png"
    line_art((10, 10)).save(path)
    result = load_raster(path, 100, 100)
    with pytest.raises(AttributeError):
        result.width = 5  # type: ignore[misc]


def test_box_must_be_positive(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="must be positive"):
        load_raster(tmp_path / "x.png", 0, 10)


# --------------------------------------------------------------------------- raster: hostile


def test_truncated_jpeg_is_rejected(tmp_path: Path) -> None:
    full = io.BytesIO()
    photo((200, 200)).save(full, "JPEG", quality=90)
    path = write(tmp_path / "cut.jpg", full.getvalue()[: len(full.getvalue()) // 2])
    error = rejected(lambda: load_raster(path, 100, 100), path)
    assert error.reason.startswith("image is damaged or truncated (")


def test_truncated_png_is_rejected(tmp_path: Path) -> None:
    full = io.BytesIO()
    photo((200, 200)).save(full, "PNG")
    path = write(tmp_path / "cut.png", full.getvalue()[: len(full.getvalue()) // 2])
    error = rejected(lambda: load_raster(path, 100, 100), path)
    assert error.reason.startswith("image is damaged or truncated (")


@pytest.mark.parametrize(
    ("width", "height", "reason"),
    [
        # Over our 40 MP cap, under Pillow's warning: our own check, with the size.
        (7000, 7000, "image is too large (7000 x 7000 pixels); the limit is 40 megapixels"),
        # Over Pillow's warning limit (~89 MP): the warning is turned into an error.
        (10000, 10000, "image is too large; the limit is 40 megapixels"),
        # Over Pillow's error limit (~179 MP): DecompressionBombError.
        (20000, 20000, "image is too large; the limit is 40 megapixels"),
    ],
)
def test_pixel_bombs_are_rejected_from_the_header(
    tmp_path: Path, width: int, height: int, reason: str
) -> None:
    path = write(tmp_path / "bomb.png", png_claiming(width, height))
    error = rejected(lambda: load_raster(path, 100, 100), path)
    assert error.reason == reason


def test_pixel_cap_applies_to_real_images(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(raster_module, "MAX_PIXELS", 1_000_000)
    path = tmp_path / "small.png"
    line_art((1200, 1000)).save(path)
    error = rejected(lambda: load_raster(path, 100, 100), path)
    assert error.reason == "image is too large (1200 x 1000 pixels); the limit is 1 megapixels"


@pytest.mark.parametrize(("name", "fmt"), [("fake.png", "GIF"), ("fake.jpg", "TIFF")])
def test_other_formats_under_an_allowed_name_are_rejected(
    tmp_path: Path, name: str, fmt: str
) -> None:
    path = tmp_path / name
    line_art((10, 10)).save(path, fmt)
    error = rejected(lambda: load_raster(path, 100, 100), path)
    expected = "PNG, JPEG or WebP" if features.check("webp") else "PNG or JPEG"
    assert error.reason == f"not a {expected} image"


def test_garbage_and_empty_raster_files_are_rejected(tmp_path: Path) -> None:
    garbage = write(tmp_path / "garbage.jpg", bytes(range(256)) * 8)
    assert rejected(lambda: load_raster(garbage, 100, 100), garbage).reason.startswith("not a ")
    empty = write(tmp_path / "empty.png", b"")
    assert rejected(lambda: load_raster(empty, 100, 100), empty).reason == "file is empty"


def _valid_image_bytes() -> list[bytes]:
    out = []
    for fmt in ("PNG", "JPEG"):
        buffer = io.BytesIO()
        photo((24, 16)).save(buffer, fmt)
        out.append(buffer.getvalue())
    return out


_COUNTER = itertools.count()


@settings(max_examples=150, deadline=None)
@given(
    source=st.sampled_from(_valid_image_bytes()),
    edits=st.lists(st.tuples(st.integers(min_value=0), st.integers(0, 255)), max_size=6),
    cut=st.integers(min_value=1),
)
def test_corrupted_images_give_an_image_or_an_asset_error(
    tmp_path_factory: pytest.TempPathFactory,
    source: bytes,
    edits: list[tuple[int, int]],
    cut: int,
) -> None:
    data = bytearray(source[: max(8, cut % (len(source) + 1))])
    for index, value in edits:
        data[index % len(data)] = value
    path = write(tmp_path_factory.mktemp("fuzz") / f"f{next(_COUNTER)}.png", bytes(data))
    try:
        assert isinstance(load_raster(path, 100, 100), RasterImage)
    except AssetError as error:
        assert "\n" not in str(error.message)
        assert str(path) in str(error.message)


# --------------------------------------------------------------------------- load_image


def test_load_image_dispatches_on_suffix(tmp_path: Path) -> None:
    vector = write(tmp_path / "ART.SVG", svg('<rect width="1" height="1"/>'))
    assert isinstance(load_image(vector, 100, 100), Drawing)
    for name in ("a.png", "b.JPG", "c.jpeg"):
        path = tmp_path / name
        line_art((10, 10)).save(path, "PNG" if name.endswith("png") else "JPEG")
        assert isinstance(load_image(path, 100, 100), RasterImage)


@pytest.mark.parametrize("name", ["anim.gif", "scan.tiff", "noext"])
def test_load_image_rejects_other_kinds(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    line_art((10, 10)).save(path, "GIF")
    error = rejected(lambda: load_image(path, 100, 100), path)
    kinds = (
        ".svg, .png, .jpg, .jpeg, .webp" if features.check("webp") else ".svg, .png, .jpg, .jpeg"
    )
    shown = f"'{path.suffix}'" if path.suffix else "(no suffix)"
    assert error.reason == f"unsupported image type {shown}; use one of {kinds}"


@pytest.mark.parametrize("name", ["missing.svg", "missing.png", "missing.jpg"])
def test_missing_file_is_reported(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    assert rejected(lambda: load_image(path, 100, 100), path).reason == "file not found"


@pytest.mark.parametrize("name", ["folder.svg", "folder.png"])
def test_directory_cannot_be_read(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.mkdir()
    error = rejected(lambda: load_image(path, 100, 100), path)
    assert error.reason == "cannot be read: it is not a regular file"


@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root can read any file"
)
@pytest.mark.parametrize("name", ["locked.svg", "locked.png"])
def test_unreadable_file_is_reported(tmp_path: Path, name: str) -> None:
    path = write(tmp_path / name, b"x")
    path.chmod(0)
    try:
        error = rejected(lambda: load_image(path, 100, 100), path)
    finally:
        path.chmod(0o600)
    assert error.reason == "cannot be read (Permission denied)"
