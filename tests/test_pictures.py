"""Issue 13, "Pictures": phone photos, scripts in SVG, SVG text, refusals naming files.

Large JPEGs are generated here (the 200-megapixel ones once per session, in a child
process so the generator's ~0.8-1.4 GB never stays in the test process); no binary
files are committed.  Timing belongs in ``bench/``: these tests assert memory only.
"""

from __future__ import annotations

import io
import json
import struct
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from PIL import Image, ImageDraw

from handouts.errors import AssetError
from handouts.images import (
    clear_svg_cache,
    image_notices,
    load_image,
    load_raster,
    load_svg,
    svg_notices,
)
from handouts.images.raster import MAX_JPEG_PIXELS, decoded_pixels
from tests.test_images import png_claiming

REPO = Path(__file__).resolve().parent.parent
GIB_KB = 1024 * 1024  # ru_maxrss is in kilobytes on Linux
# The card's illustration box (about 58 x 52 mm) and a whole A4 page, in points.
CARD_BOX = (164.0, 147.0)
PAGE_BOX = (595.0, 842.0)


def rejected(path: Path, box: tuple[float, float] = CARD_BOX) -> AssetError:
    """Load ``path``, expect an AssetError naming it on one line, and return it."""
    with pytest.raises(AssetError) as info:
        load_image(path, *box)
    message = str(info.value.message)
    assert "\n" not in message
    assert message.startswith(f"{path}:")
    assert info.value.path == path
    return info.value


def phone_photo(size: tuple[int, int]) -> Image.Image:
    """A cheap photo-like picture: flat colour crossed by lines (fast to encode)."""
    image = Image.new("RGB", size, (200, 120, 60))
    draw = ImageDraw.Draw(image)
    width, height = size
    for x in range(0, width, max(1, width // 16)):
        draw.line([(x, 0), (width - x, height)], fill=(10, 40, 200), width=max(1, width // 400))
    return image


def jpeg_claiming(width: int, height: int, subsampling: int = 2) -> bytes:
    """A tiny real JPEG whose frame header (SOF0) claims ``width`` x ``height``."""
    buffer = io.BytesIO()
    phone_photo((16, 16)).save(buffer, "JPEG", subsampling=subsampling)
    data = bytearray(buffer.getvalue())
    sof = data.index(b"\xff\xc0")
    # FF C0, length (2), precision (1), height (2), width (2)
    struct.pack_into(">HH", data, sof + 5, height, width)
    return bytes(data)


@pytest.fixture(scope="session")
def huge_jpegs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """A 200-megapixel (16384 x 12288) phone photo, baseline and progressive."""
    folder = tmp_path_factory.mktemp("huge")
    script = textwrap.dedent(
        f"""
        import sys
        from pathlib import Path
        sys.path.insert(0, {str(REPO)!r})
        from tests.test_pictures import phone_photo
        image = phone_photo((16384, 12288))
        folder = Path({str(folder)!r})
        image.save(folder / "baseline.jpg", "JPEG", quality=30)
        image.save(folder / "progressive.jpg", "JPEG", quality=30, progressive=True)
        """
    )
    subprocess.run([sys.executable, "-c", script], check=True, cwd=REPO, timeout=120)
    return {"baseline": folder / "baseline.jpg", "progressive": folder / "progressive.jpg"}


def load_in_child(path: Path, box: tuple[float, float]) -> dict[str, int]:
    """Load ``path`` in a fresh process; return the result's size and the peak memory."""
    script = textwrap.dedent(
        f"""
        import json, resource, sys
        from pathlib import Path
        sys.path.insert(0, {str(REPO)!r})
        from handouts.images import load_raster
        image = load_raster(Path({str(path)!r}), {box[0]}, {box[1]})
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        print(json.dumps({{"width": image.width, "height": image.height, "peak_kb": peak}}))
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", script],
        check=True,
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
    )
    result: dict[str, int] = json.loads(done.stdout)
    return result


# --------------------------------------------------------------------------- phone photos


def test_a_48_megapixel_phone_photo_is_decoded_small_and_fits_the_box(tmp_path: Path) -> None:
    path = tmp_path / "phone.jpg"
    phone_photo((8000, 6000)).save(path, "JPEG", quality=20)
    image = load_raster(path, *CARD_BOX)
    # 300 dpi in a 164 x 147 pt box: 684 x 613 pixels at most; 4:3 fits the width.
    assert (image.width, image.height) == (684, 513)
    # Decoded at 1/8 scale (1000 x 750), not at 48 megapixels.
    assert decoded_pixels(path, *CARD_BOX) == 1000 * 750


def test_a_big_box_decodes_at_most_forty_megapixels_instead_of_refusing(tmp_path: Path) -> None:
    path = tmp_path / "phone.jpg"
    phone_photo((8000, 6000)).save(path, "JPEG", quality=20)
    # 300 dpi in a 2000 pt box would need the full 48 MP: decoded at 1/2 instead.
    assert decoded_pixels(path, 2000, 2000) == 4000 * 3000
    image = load_raster(path, 2000, 2000)
    assert (image.width, image.height) == (4000, 3000)


@pytest.mark.parametrize("kind", ["baseline", "progressive"])
def test_a_200_megapixel_jpeg_loads_in_under_one_gibibyte(
    huge_jpegs: dict[str, Path], kind: str
) -> None:
    path = huge_jpegs[kind]
    for box in (CARD_BOX, PAGE_BOX):
        result = load_in_child(path, box)
        assert result["peak_kb"] < GIB_KB, (kind, box, result)
        target = (round(box[0] / 72 * 300), round(box[1] / 72 * 300))
        assert result["width"] <= target[0] + 1 and result["height"] <= target[1] + 1
        assert result["width"] >= target[0] - 1 or result["height"] >= target[1] - 1
    assert decoded_pixels(path, *CARD_BOX) == 2048 * 1536


def test_a_jpeg_over_the_declared_cap_is_refused_before_decoding(tmp_path: Path) -> None:
    path = tmp_path / "giant.jpg"
    path.write_bytes(jpeg_claiming(20000, 12000))
    error = rejected(path)
    assert error.reason == (
        "image is too large (20000 x 12000 pixels); "
        f"the limit for this JPEG is {MAX_JPEG_PIXELS // 1_000_000} megapixels"
    )
    assert decoded_pixels(path, *CARD_BOX) == 0


def test_a_jpeg_without_chroma_subsampling_may_declare_half_as_many_pixels(
    tmp_path: Path,
) -> None:
    # Three samples per pixel instead of 1.5: libjpeg's buffer for a progressive
    # file would be twice as large, so the cap is half.
    path = tmp_path / "full-chroma.jpg"
    path.write_bytes(jpeg_claiming(15000, 10000, subsampling=0))
    assert rejected(path).reason == (
        "image is too large (15000 x 10000 pixels); the limit for this JPEG is 105 megapixels"
    )


@pytest.mark.parametrize("name", ["bomb.png", "bomb-named-as.jpg"])
def test_png_bombs_are_still_refused_by_their_declared_size(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(png_claiming(20000, 20000))
    assert rejected(path).reason == "image is too large; the limit is 40 megapixels"
    assert decoded_pixels(path, *CARD_BOX) == 0


def test_decoded_pixels_of_a_png_is_its_full_size(tmp_path: Path) -> None:
    path = tmp_path / "art.png"
    Image.new("RGB", (1200, 900), "white").save(path)
    assert decoded_pixels(path, *CARD_BOX) == 1200 * 900
    assert decoded_pixels(tmp_path / "missing.png", *CARD_BOX) == 0


# --------------------------------------------------------------------------- scripts in SVG

SVG_OPEN = '<svg xmlns="http://www.w3.org/2000/svg" width="100" height="50"'
XLINK = 'xmlns:xlink="http://www.w3.org/1999/xlink"'


def svg_file(folder: Path, body: str, name: str = "art.svg", attrs: str = "") -> Path:
    path = folder / name
    path.write_text(f"{SVG_OPEN} {attrs}>{body}</svg>", encoding="utf-8")
    return path


def shape_names(node: object) -> list[str]:
    names = [type(node).__name__]
    for child in getattr(node, "contents", []):
        names += shape_names(child)
    return names


def test_scripts_handlers_and_script_links_are_removed_and_the_picture_drawn(
    tmp_path: Path,
) -> None:
    body = (
        "<script>alert(1)</script>"
        '<script href="https://evil.example/x.js"/>'
        '<rect width="10" height="10" onclick="alert(2)" ONMOUSEOVER="alert(3)"/>'
        '<a href="javascript:alert(4)"><circle r="3" onload="alert(5)"/></a>'
        '<a href=" java&#9;script:alert(6)"><circle r="4"/></a>'
    )
    clear_svg_cache()
    path = svg_file(tmp_path, body, attrs='onload="alert(0)"')
    drawing = load_svg(path)
    assert shape_names(drawing).count("Rect") == 1
    assert shape_names(drawing).count("Circle") == 2
    assert svg_notices(path) == [
        "scripts were removed (2 <script> elements, 4 event-handler attributes (on...), "
        "2 javascript: links); the picture is drawn without them (nothing runs on paper)"
    ]
    assert image_notices(path) == svg_notices(path)


def test_a_clean_svg_and_a_photo_have_no_notices(tmp_path: Path) -> None:
    clear_svg_cache()
    assert svg_notices(svg_file(tmp_path, '<rect width="10" height="10"/>')) == []
    photo = tmp_path / "photo.png"
    Image.new("RGB", (10, 10), "white").save(photo)
    assert image_notices(photo) == []


def test_a_script_link_on_use_is_removed_too(tmp_path: Path) -> None:
    clear_svg_cache()
    body = '<rect width="10" height="10"/><use href="javascript:alert(1)"/>'
    path = svg_file(tmp_path, body)
    assert shape_names(load_svg(path)).count("Rect") == 1
    assert "1 javascript: link" in svg_notices(path)[0]


@pytest.mark.parametrize(
    ("body", "shown"),
    [
        ('<use href="other.svg#x"/>', "'other.svg#x'"),
        (
            f'<use {XLINK} xlink:href="https://example.com/a.svg#x"/>',
            "'https://example.com/a.svg#x'",
        ),
        ('<image href="data:image/png;base64,AAAA" width="1" height="1"/>', None),
        ('<script href="x.js"/><image href="photo.jpg" width="1" height="1"/>', None),
    ],
)
def test_external_references_stay_refused(tmp_path: Path, body: str, shown: str | None) -> None:
    clear_svg_cache()
    path = svg_file(tmp_path, body)
    error = rejected(path)
    if shown:
        assert error.reason == (
            f"<use> refers to {shown}; SVG may only refer to '#id' inside the same file"
        )
    else:
        assert error.reason.startswith("<image> in SVG is not supported")


def clinic_with_a_script_in_its_picture(folder: Path) -> Path:
    """A starter clinic whose exercise picture carries a <script>."""
    from click.testing import CliRunner

    from handouts.cli import main

    assert CliRunner().invoke(main, ["init", str(folder)]).exit_code == 0
    art = folder / "library" / "illustrations" / "sit-to-stand.svg"
    text = art.read_text(encoding="utf-8")
    art.write_text(text.replace("</svg>", "<script>alert(1)</script></svg>"), encoding="utf-8")
    clear_svg_cache()
    return folder


def test_check_warns_about_removed_scripts(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from handouts.cli import main

    folder = clinic_with_a_script_in_its_picture(tmp_path / "clinic")
    result = CliRunner().invoke(main, ["check", str(folder)])
    assert result.exit_code == 0, result.output
    warnings = [line for line in result.output.splitlines() if "warning:" in line]
    assert len(warnings) == 1, result.output
    assert "sit-to-stand.md:" in warnings[0]
    assert "illustrations[0]: warning: " in warnings[0]
    assert "sit-to-stand.svg: scripts were removed (1 <script> element)" in warnings[0]


# --------------------------------------------------------------------------- SVG text

LOGO = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="240" height="60" viewBox="0 0 240 60">'
    '<rect x="2" y="2" width="56" height="56" rx="8" fill="#0a6"/>'
    '<text x="70" y="32" font-family="Arial" font-size="24" font-weight="bold">Clinic</text>'
    '<text x="70" y="52" font-family="Times New Roman, serif" font-size="12" '
    'font-style="italic">Physio <tspan font-family="Courier New">Łódź</tspan></text>'
    "</svg>"
)


def strings(node: object) -> list[object]:
    found = [node] if type(node).__name__ == "String" else []
    for child in getattr(node, "contents", []):
        found += strings(child)
    return found


def test_an_svg_logo_with_text_prints_with_bundled_fonts_only(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from handouts.cli import main
    from tests.conftest import Pdf

    (tmp_path / "logo.svg").write_text(LOGO, encoding="utf-8")
    clinic = tmp_path / "clinic.yaml"
    clinic.write_text("name: Text Clinic\nlogo: logo.svg\n", encoding="utf-8")
    out = tmp_path / "out.pdf"
    args = ["make", "--patient", "Jane", "--section", "psoas/do", "--clinic", str(clinic)]
    result = CliRunner().invoke(main, [*args, "-o", str(out)])
    assert result.exit_code == 0, result.output
    pdf = Pdf(out.read_bytes())
    assert "Clinic" in pdf.text
    assert "Physio Łódź" in pdf.text
    fonts = pdf.fonts()
    assert fonts, fonts
    for font in fonts:
        assert "HandoutSans" in font or "HandoutCJK" in font, fonts
        assert "not embedded" not in font, fonts
    assert not any("Helvetica" in f or "Arial" in f or "Times" in f for f in fonts)


def test_every_family_weight_and_style_maps_to_a_bundled_face(tmp_path: Path) -> None:
    clear_svg_cache()
    body = (
        '<text font-family="Arial">a</text>'
        '<text font-family="NoSuchFont" font-weight="600">b</text>'
        '<text font-family="serif" font-weight="500" font-style="oblique">c</text>'
        '<text font-weight="bolder" font-style="italic">d</text>'
        '<text font-family=",">e</text>'
        '<text style="font-family: monospace; font-weight: 900">f</text>'
    )
    drawing = load_svg(svg_file(tmp_path, body))
    faces = {getattr(s, "text", ""): getattr(s, "fontName", "") for s in strings(drawing)}
    assert faces == {
        "a": "HandoutSans",
        "b": "HandoutSans-Bold",
        "c": "HandoutSans-Italic",
        "d": "HandoutSans-BoldItalic",
        "e": "HandoutSans",
        "f": "HandoutSans-Bold",
    }


def test_svg_text_never_looks_fonts_up_on_the_system(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import shutil

    from svglib import fonts as svglib_fonts

    def forbidden(*args: object, **kwargs: object) -> None:
        raise AssertionError(f"system font lookup: {args!r}")

    monkeypatch.setattr(svglib_fonts.FontMap, "use_fontconfig", forbidden)
    monkeypatch.setattr(svglib_fonts.FontMap, "find_font", forbidden)
    monkeypatch.setattr(shutil, "which", forbidden)
    monkeypatch.setattr(subprocess, "Popen", forbidden)
    global_map = dict(svglib_fonts.get_global_font_map()._map)
    # A font file named like the family in the working directory is never read.
    monkeypatch.chdir(tmp_path)
    (tmp_path / "Arial.ttf").write_bytes(b"not a font")
    clear_svg_cache()
    drawing = load_svg(svg_file(tmp_path, '<text font-family="Arial, Verdana">x</text>'))
    assert [getattr(s, "fontName", "") for s in strings(drawing)] == ["HandoutSans"]
    assert dict(svglib_fonts.get_global_font_map()._map) == global_map


def test_too_much_text_is_refused(tmp_path: Path) -> None:
    clear_svg_cache()
    path = svg_file(tmp_path, "<text>" + "x" * 3000 + "<tspan>" + "y" * 2001 + "</tspan></text>")
    assert rejected(path).reason == (
        "SVG has too much text (5,001 characters; the limit is 5,000); convert some of it to paths"
    )


def test_text_repeated_through_use_counts_every_character(tmp_path: Path) -> None:
    clear_svg_cache()
    body = '<defs><text id="t">' + "x" * 4000 + "</text></defs>" + '<use href="#t"/>' * 10
    assert rejected(svg_file(tmp_path, body)).reason == (
        "SVG expands to too many shapes through <use> (the limit is 40,000)"
    )


@pytest.mark.parametrize(
    "body",
    [
        '<text font-size="1e300">x</text>',
        '<text x="1e999">x</text>',
        '<text y="nan">x</text>',
        '<rect width="1e300" height="1"/>',
    ],
)
def test_numbers_reportlab_cannot_write_are_refused_when_loading(tmp_path: Path, body: str) -> None:
    clear_svg_cache()
    assert rejected(svg_file(tmp_path, body)).reason == (
        "SVG has a number that is not finite or too large to draw (the limit is 1,000,000,000)"
    )


# --------------------------------------------------------------------------- refusals name files


def _hostile_pictures(folder: Path) -> list[Path]:
    """One file per kind of refusal the loaders make."""
    files = {
        "missing.png": None,
        "empty.jpg": b"",
        "garbage.png": bytes(range(256)) * 4,
        "bomb.png": png_claiming(20000, 20000),
        "over-cap.png": png_claiming(7000, 7000),
        "giant.jpg": jpeg_claiming(20000, 12000),
        "truncated.jpg": jpeg_claiming(64, 64)[:200],
        "kind.gif": b"GIF89a",
        "doctype.svg": b'<!DOCTYPE svg><svg xmlns="http://www.w3.org/2000/svg"/>',
        "many.svg": (f"{SVG_OPEN}>" + "<g/>" * 20_001 + "</svg>").encode(),
        "text.svg": (f"{SVG_OPEN}><text>" + "x" * 5001 + "</text></svg>").encode(),
        "outside.svg": f'{SVG_OPEN}><use href="other.svg#a"/></svg>'.encode(),
        "huge-number.svg": f'{SVG_OPEN}><rect width="1e300" height="1"/></svg>'.encode(),
        "not-xml.svg": b"<svg",
    }
    paths = []
    for name, content in files.items():
        path = folder / name
        if content is not None:
            path.write_bytes(content)
        paths.append(path)
    return paths


def test_every_refusal_names_the_picture_file(tmp_path: Path) -> None:
    clear_svg_cache()
    for path in _hostile_pictures(tmp_path):
        error = rejected(path)
        assert error.reason and not error.reason.startswith(str(tmp_path)), error.message


def test_a_refusal_names_the_file_that_names_the_picture_first(tmp_path: Path) -> None:
    from handouts.render.artwork import picture

    path = tmp_path / "giant.jpg"
    path.write_bytes(jpeg_claiming(20000, 12000))
    exercise = tmp_path / "exercises" / "squat.md"
    with pytest.raises(AssetError) as info:
        picture(path, *CARD_BOX, named_in=exercise, line=4, field="illustrations[0]")
    assert info.value.path == exercise
    assert info.value.message == (
        f"{exercise}:4: illustrations[0]: {path}: image is too large (20000 x 12000 pixels); "
        f"the limit for this JPEG is {MAX_JPEG_PIXELS // 1_000_000} megapixels"
    )
    # Without it, the picture file alone.
    with pytest.raises(AssetError) as bare:
        picture(path, *CARD_BOX)
    assert bare.value.path == path


def test_decode_cost_counts_reduced_decoding_plus_the_entropy_work(tmp_path: Path) -> None:
    from handouts.images.raster import decode_cost

    jpeg = tmp_path / "phone.jpg"
    phone_photo((8000, 6000)).save(jpeg, "JPEG", quality=20)
    # A quarter of 1000 x 750 decoded at 1/8, plus an eighth of the 48 MP declared.
    assert decode_cost(jpeg, *CARD_BOX) == 1000 * 750 // 4 + 6_000_000
    png = tmp_path / "art.png"
    Image.new("RGB", (1200, 900), "white").save(png)
    assert decode_cost(png, *CARD_BOX) == 1200 * 900
    giant = tmp_path / "giant.jpg"
    giant.write_bytes(jpeg_claiming(20000, 12000))
    assert decode_cost(giant, *CARD_BOX) == 0


def test_the_handout_budget_counts_decoding_work_not_declared_size(tmp_path: Path) -> None:
    """Huge JPEGs count what decoding them for print costs; a 200 MP one still counts."""
    from PIL import Image

    from handouts.images.raster import decode_cost
    from handouts.render import budget

    phone = tmp_path / "phone.jpg"
    Image.new("RGB", (4000, 3000), "white").save(phone, quality=50)
    cost = decode_cost(phone, *budget._PICTURE_BOX)
    assert 12_000_000 / 8 < cost < 12_000_000 / 2  # a quarter of decoding, plus the entropy pass
    png = tmp_path / "phone.png"
    Image.new("RGB", (4000, 3000), "white").save(png)
    assert decode_cost(png, *budget._PICTURE_BOX) == 12_000_000


def test_a_picture_refused_at_render_names_its_library_file_and_field(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from handouts.cli import main

    clinic = tmp_path / "clinic"
    assert CliRunner().invoke(main, ["init", str(clinic)]).exit_code == 0
    exercise = clinic / "library" / "exercises" / "sit-to-stand.md"
    exercise.write_text(
        exercise.read_text(encoding="utf-8").replace("sit-to-stand.svg", "broken.png"),
        encoding="utf-8",
    )
    (clinic / "library" / "illustrations" / "broken.png").write_bytes(b"\x89PNG\r\n\x1a\nnot a png")
    out = tmp_path / "o.pdf"
    result = CliRunner().invoke(
        main,
        ["make", "--clinic", str(clinic / "clinic.yaml"), "--patient", "Jo",
         "--exercise", "sit-to-stand", "-o", str(out)],
    )  # fmt: skip
    assert result.exit_code == 1
    [line] = result.output.splitlines()
    assert line.startswith(f"Error: {exercise}: illustrations[0]: ")
    assert "broken.png" in line and not out.exists()


def test_a_logo_refused_at_render_names_the_clinic_profile(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from handouts.cli import main

    (tmp_path / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\nnot a png")
    profile = tmp_path / "clinic.yaml"
    profile.write_text("name: Broken Logo Clinic\nlogo: logo.png\n", encoding="utf-8")
    result = CliRunner().invoke(
        main,
        ["make", "--clinic", str(profile), "--patient", "Jo", "--exercise", "step-ups",
         "-o", str(tmp_path / "o.pdf")],
    )  # fmt: skip
    assert result.exit_code == 1
    assert result.output.startswith(f"Error: {profile}: logo: ")


def test_make_warns_about_removed_scripts_naming_the_library_file(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from handouts.cli import main

    clinic = clinic_with_a_script_in_its_picture(tmp_path / "clinic")
    result = CliRunner().invoke(
        main,
        ["make", "--clinic", str(clinic / "clinic.yaml"), "--patient", "Jo",
         "--exercise", "sit-to-stand", "-o", str(tmp_path / "o.pdf")],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    exercise = clinic / "library" / "exercises" / "sit-to-stand.md"
    assert f"Warning: {exercise}: illustrations[0]: sit-to-stand.svg: scripts were removed" in (
        result.stderr
    )
