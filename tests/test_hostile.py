"""The hostile corpus in tests/fixtures/hostile/: one test per case, exact outcome.

Each case is either rendered safely (and the test says what the PDF contains) or
rejected with one line naming the file.  Large cases are generated in tmp_path.
Images have their own corpus, generated in tests/test_images.py.
"""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pikepdf
import pytest
from click.testing import CliRunner, Result

from handouts import api
from handouts.cli import main
from handouts.errors import HandoutError
from handouts.models.plan import MAX_PLAN_TEXT
from handouts.render import budget
from handouts.render.pdf import render_pdf_bytes
from tests.conftest import REPO, Pdf, check_pdf, squash

HOSTILE = REPO / "tests" / "fixtures" / "hostile"
PLANS = HOSTILE / "plans"


# The smallest plan on the command line: a patient and one thing to print.
JANE = ("--patient", "Jane", "--section", "psoas/do")


def make(tmp_path: Path, *args: str) -> Result:
    return CliRunner().invoke(main, ["make", *args, "-o", str(tmp_path / "out.pdf")])


def rejected(tmp_path: Path, *args: str) -> str:
    """Run ``make``; expect exit 1, one ``Error:`` line, no traceback and no PDF."""
    result = make(tmp_path, *args)
    assert result.exit_code == 1, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    lines = result.output.strip().splitlines()
    assert len(lines) == 1, result.output
    assert not (tmp_path / "out.pdf").exists()
    return lines[0]


def rendered(tmp_path: Path, *args: str) -> Pdf:
    result = make(tmp_path, *args)
    assert result.exit_code == 0, result.output
    return Pdf((tmp_path / "out.pdf").read_bytes())


# --- plans ---------------------------------------------------------------------


def test_markup_in_every_field_prints_as_typed(tmp_path: Path) -> None:
    pdf = rendered(tmp_path, str(PLANS / "markup-in-every-field.yaml"))
    # Narrow table cells wrap long tags; extraction then adds a space.
    text = pdf.text.replace(" ", "")
    for typed in (
        'Eve <img src="/etc/hostname"/> <b>Doe',
        '<a href="javascript:app.alert(1)">ref</a>',
        "Dr <font size=200>Big</font>, &amp; &lt;script&gt; &#9731;",
        '<onDraw name="evil"/> My plan',
        '<link href="file:///etc/passwd">click</link> & more',
        '<para><seq id="x"/></para> <br/> <a href="https://ok.example/">x</a>',
        "<span>Tue</span>",
        '<img src="https://evil.example/pixel.png"/> <unbalanced',
    ):
        assert typed.replace(" ", "") in text, typed
    assert pdf.image_count() == 0
    assert all("/Annots" not in page for page in pdf.reader.pages)


def test_alias_bomb_is_refused(tmp_path: Path) -> None:
    line = rejected(tmp_path, str(PLANS / "alias-bomb.yaml"))
    path = PLANS / "alias-bomb.yaml"
    # Refused at the first anchor, before any alias can be expanded.
    assert line == (
        f"Error: {path}:2: line 2: a value cannot start with '&' in YAML: "
        'put the value in quotes, like a: "&…"'
    )


def test_duplicate_key_is_refused(tmp_path: Path) -> None:
    line = rejected(tmp_path, str(PLANS / "duplicate-key.yaml"))
    assert line == (
        f"Error: {PLANS / 'duplicate-key.yaml'}:3: "
        "line 3: name appears twice in the same block (also on line 2): keep one"
    )


def test_yes_no_and_leading_zeros_stay_text(tmp_path: Path) -> None:
    pdf = rendered(tmp_path, str(PLANS / "yes-no-and-leading-zeros.yaml"))
    first = pdf.pages[0]
    assert "PREPARED FOR No DATE" in first
    assert "REFERENCE 0012" in first
    assert "Yes, on" in first
    assert "1e3" in first


def test_nan_is_refused(tmp_path: Path) -> None:
    line = rejected(tmp_path, str(PLANS / "nan-sets.yaml"))
    assert line == (
        f"Error: {PLANS / 'nan-sets.yaml'}:5: exercise 1 (step-ups), sets: "
        "expected a whole number from 1 to 20, or a range like 2-3, got '.nan'"
    )


def test_infinity_is_refused(tmp_path: Path) -> None:
    line = rejected(tmp_path, str(PLANS / "infinite-hold.yaml"))
    assert line == (
        f"Error: {PLANS / 'infinite-hold.yaml'}:5: "
        "exercise 1 (hip-flexor-stretch), hold_seconds: "
        "expected a time from 1 second to 10 minutes, like 30, 30s, 1 min, 1:30 or 20-30s, "
        "got '.inf'"
    )


def test_a_list_where_a_plan_is_expected_is_refused(tmp_path: Path) -> None:
    line = rejected(tmp_path, str(PLANS / "not-a-mapping.yaml"))
    path = PLANS / "not-a-mapping.yaml"
    assert line == f"Error: {path}: expected a mapping of fields (key: value)"


def test_text_where_a_mapping_is_expected_is_refused(tmp_path: Path) -> None:
    line = rejected(tmp_path, str(PLANS / "patient-is-text.yaml"))
    assert line == (
        f"Error: {PLANS / 'patient-is-text.yaml'}:1: patient: "
        "expected a mapping of fields (key: value), got text"
    )


def test_yaml_tags_do_not_change_types(tmp_path: Path) -> None:
    pdf = rendered(tmp_path, str(PLANS / "binary-tag.yaml"))
    assert "PREPARED FOR SmFuZQ== DATE" in pdf.pages[0]


def test_deep_nesting_is_refused(tmp_path: Path) -> None:
    line = rejected(tmp_path, str(PLANS / "deep-nesting.yaml"))
    assert line == f"Error: {PLANS / 'deep-nesting.yaml'}:4: nested more than 20 levels deep"


def test_control_and_direction_characters_are_removed(tmp_path: Path) -> None:
    pdf = rendered(tmp_path, str(PLANS / "control-and-direction-characters.yaml"))
    # NUL, bell and the whole escape sequence go; the override is removed, not
    # applied (so "Deo" stays "Deo"); a joiner between Latin letters joins nothing.
    assert "PREPARED FOR Jane Deo DATE" in pdf.pages[0]
    assert "Keepgoing" in pdf.pages[0]
    assert "\u202e" not in pdf.text and "[31m" not in pdf.text


def test_a_300_character_word_wraps_inside_the_page(tmp_path: Path) -> None:
    pdf = rendered(tmp_path, str(PLANS / "long-word.yaml"))
    assert "W" * 300 in pdf.text.replace(" ", "")
    assert "start " + "x" * 300 + " end" in squash(pdf.text.replace("x x", "xx"))
    width = float(pdf.reader.pages[0].mediabox.width)
    right_edges: list[float] = []

    def visit(text: str, cm: list[float], tm: list[float], *_: object) -> None:
        if text.strip("Wx \n") == "" and text.strip():
            right_edges.append(cm[4] + tm[4])

    for page in pdf.reader.pages:
        page.extract_text(visitor_text=visit)
    assert right_edges, "the long words were drawn"
    assert all(0 <= x < width for x in right_edges)
    assert len(pdf.pages) <= 2  # the wrapped name and note, then the plan's one section


def test_a_huge_plan_file_is_refused_unread(tmp_path: Path) -> None:
    plan = tmp_path / "huge.yaml"
    plan.write_text("patient:\n  name: Jane\nnotes: " + "x" * 1_100_000 + "\n")
    line = rejected(tmp_path, str(plan))
    assert line == f"Error: {plan}: file is larger than 1000 KB"


def test_a_20000_character_note_flows_over_pages(tmp_path: Path) -> None:
    words = [f"word{i:05d}" for i in range(2000)]  # 20,000 characters with spaces
    note = " ".join(words)[:20_000]
    plan = {"patient": {"name": "Jane"}, "notes": note, "goals": note, "exercises": ["step-ups"]}
    p = api.load_plan(None, plan)
    clinic = api.clinic_for(p)
    pdf = Pdf(render_pdf_bytes(api.build_handout(p, api.library_for(clinic), clinic)))
    assert len(pdf.pages) >= 6
    assert pdf.text.count("word01999") == 2  # nothing lost, twice (goals and notes)


def test_a_20000_character_exercise_note_flows_on_in_its_card(tmp_path: Path) -> None:
    note = ("Keep the knee soft. " * 1000)[:20_000]
    plan = {"patient": {"name": "Jane"}, "exercises": [{"id": "step-ups", "notes": note}]}
    p = api.load_plan(None, plan)
    clinic = api.clinic_for(p)
    pdf = Pdf(render_pdf_bytes(api.build_handout(p, api.library_for(clinic), clinic)))
    assert "Note for you: Keep the knee soft." in pdf.text
    # Each page after the first starts with the caption; the footer ends every page.
    pages = [page.split("Step-ups (continued)")[-1].rsplit(" Page ", 1)[0] for page in pdf.pages]
    assert all("Step-ups (continued)" in page for page in pdf.pages[1:-1])
    assert squash(" ".join(pages)).count("Keep the knee soft.") == 1000


def test_too_much_text_in_one_plan_is_refused(tmp_path: Path) -> None:
    note = "a" * 20_000
    plan = {
        "patient": {"name": "Jane"},
        "goals": note,
        "notes": note,
        "exercises": [{"id": "step-ups", "notes": note}] * 4,
    }
    with pytest.raises(HandoutError) as info:
        api.load_plan(None, plan)
    assert info.value.message == (
        "command line: goals and notes add up to 120,000 characters; "
        f"the limit for one handout is {MAX_PLAN_TEXT:,}"
    )


# --- clinic templates and links -------------------------------------------------


def test_hostile_template_links_and_pictures_are_neutralised(tmp_path: Path) -> None:
    clinic = HOSTILE / "clinic-template-attack" / "clinic.yaml"
    pdf = rendered(tmp_path, *JANE, "--clinic", str(clinic))
    text = pdf.text
    assert "Call us or read this." in text
    picture = '<img src="/etc/hostname" width="100" height="100"/>'
    assert f'{picture} <onDraw name="evil" label="x"/>' in text
    assert pdf.image_count() == 0
    with pikepdf.open(io.BytesIO(pdf.data)) as doc:
        uris = sorted(str(annot.A.URI) for page in doc.pages for annot in page.get("/Annots", []))
    assert uris == ["https://clinic.example/", "mailto:desk@clinic.example", "tel:+441632960000"]


def test_reportlab_cannot_be_told_to_fetch_urls(monkeypatch: pytest.MonkeyPatch) -> None:
    from reportlab import rl_config

    from handouts.render.settings import reportlab_settings

    monkeypatch.setenv("RL_trustedHosts", "*")
    monkeypatch.setattr(rl_config, "trustedHosts", ["*"])
    with reportlab_settings("HandoutSans"):
        assert rl_config.trustedHosts is None
        assert rl_config.trustedSchemes == []


def test_the_structural_check_catches_active_content() -> None:
    buffer = io.BytesIO()
    with pikepdf.new() as doc:
        doc.add_blank_page()
        doc.Root.OpenAction = pikepdf.Dictionary(S=pikepdf.Name.JavaScript, JS="app.alert(1)")
        doc.save(buffer)
    with pytest.raises(AssertionError, match="active content"):
        check_pdf(buffer.getvalue())


def test_the_structural_check_catches_a_damaged_pdf(render_bytes: bytes) -> None:
    damaged = render_bytes.replace(b"/Type /Page", b"/Type /Pag", 1).replace(b"endobj", b"", 3)
    with pytest.raises((AssertionError, pikepdf.PdfError)):
        check_pdf(damaged)


@pytest.fixture
def render_bytes() -> bytes:
    p = api.load_plan(None, {"patient": {"name": "Jane"}, "exercises": ["step-ups"]})
    clinic = api.clinic_for(p)
    return render_pdf_bytes(api.build_handout(p, api.library_for(clinic), clinic))


# --- privacy ----------------------------------------------------------------------


def test_reportlab_errors_never_quote_patient_text(monkeypatch: pytest.MonkeyPatch) -> None:
    secret = "Patient reports low mood since the divorce"
    p = api.load_plan(
        None, {"patient": {"name": "Jane"}, "notes": secret, "exercises": ["step-ups"]}
    )
    clinic = api.clinic_for(p)
    handout = api.build_handout(p, api.library_for(clinic), clinic)

    def broken(self: object, *args: object, **kwargs: object) -> None:
        raise ValueError(f"paragraph text {secret!r} caused exception")

    monkeypatch.setattr("reportlab.platypus.paragraph.Paragraph.wrap", broken)
    with pytest.raises(HandoutError) as info:
        render_pdf_bytes(handout)
    assert info.value.message == (
        "the handout could not be rendered (internal ValueError in ReportLab); "
        "please report this as a bug (HANDOUTS_DEBUG=1 shows the details)"
    )
    assert info.value.__cause__ is None and info.value.__suppress_context__
    # A developer chasing the bug asks for the real exception, traceback and all.
    monkeypatch.setenv("HANDOUTS_DEBUG", "1")
    with pytest.raises(ValueError, match="caused exception"):
        render_pdf_bytes(handout)


# --- pictures outside the library -------------------------------------------------


@pytest.mark.parametrize(
    ("case", "reason"),
    [
        (
            "library-parent-path",
            "'../../../../../../../../etc/passwd' is outside the folder {root}",
        ),
        ("library-absolute-path", "'/etc/hostname' is outside the folder {root}"),
        ("library-url", "links are not allowed here, got 'https://evil.example/pose.png'"),
    ],
)
def test_library_pictures_outside_the_library_are_refused(
    tmp_path: Path, case: str, reason: str
) -> None:
    root = HOSTILE / case
    line = rejected(tmp_path, *JANE, "--library", str(root))
    source = root / "exercises" / "escape.md"
    assert line == f"Error: {source}:4: illustrations[0]: {reason.format(root=root.resolve())}"


def test_a_symlink_out_of_the_library_is_refused(tmp_path: Path) -> None:
    root = tmp_path / "library"
    shutil.copytree(HOSTILE / "library-parent-path", root)
    outside = tmp_path / "secret.svg"
    outside.write_text((REPO / "assets" / "clinic" / "logo.svg").read_text())
    (root / "pose.svg").symlink_to(outside)
    source = root / "exercises" / "escape.md"
    text = source.read_text().replace("../../../../../../../../etc/passwd", "../pose.svg")
    source.write_text(text)
    line = rejected(tmp_path, *JANE, "--library", str(root))
    reason = f"'../pose.svg' is outside the folder {root}"
    assert line == f"Error: {source}:4: illustrations[0]: {reason}"


def test_a_folder_the_clinic_allows_may_hold_pictures(tmp_path: Path) -> None:
    clinic = HOSTILE / "library-shared-pictures" / "clinic.yaml"
    pdf = rendered(tmp_path, *JANE, "--clinic", str(clinic), "--exercise", "escape")
    assert "Escape attempt" in pdf.text


def test_without_the_clinics_permission_the_same_picture_is_refused(tmp_path: Path) -> None:
    folder = HOSTILE / "library-shared-pictures"
    clinic = folder / "clinic-without-permission.yaml"
    line = rejected(tmp_path, *JANE, "--clinic", str(clinic), "--exercise", "escape")
    source = folder / "library" / "exercises" / "escape.md"
    root = (folder / "library").resolve()
    assert line == (
        f"Error: {source}:4: illustrations[0]: "
        f"'../../shared-pictures/pose.svg' is outside the folder {root}"
    )


# --- budgets ----------------------------------------------------------------------


def test_too_many_svg_elements_in_one_handout_are_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(budget, "MAX_SVG_ELEMENTS", 60)
    plan = {"patient": {"name": "Jane"}, "exercises": ["step-ups", "floor-superman"]}
    p = api.load_plan(None, plan)
    clinic = api.clinic_for(p)
    handout = api.build_handout(p, api.library_for(clinic), clinic)
    with pytest.raises(HandoutError) as info:
        render_pdf_bytes(handout)
    # logo 8 + each picture counted until just past the limit (61 + 61)
    assert info.value.message == (
        "the SVG pictures in this handout have 130 elements together; "
        "the limit is 60 (use simpler drawings)"
    )


def test_too_many_megapixels_in_one_handout_are_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PIL import Image

    Image.new("RGB", (4000, 3000), "white").save(tmp_path / "logo.png")
    Image.new("RGB", (4000, 3000), "white").save(tmp_path / "logo.jpg")
    monkeypatch.setattr(budget, "MAX_MEGAPIXELS", 10)
    clinic_file = tmp_path / "clinic.yaml"
    clinic_file.write_text("name: Photo Clinic\nlogo: logo.png\n")
    line = rejected(tmp_path, *JANE, "--clinic", str(clinic_file))
    assert line == (
        "Error: the photos in this handout add up to 12 megapixels "
        "to decode for print; the limit is 10 (use smaller photos)"
    )
    # The same size as a JPEG, drafted down for the logo's box, costs under 2.
    clinic_file.write_text("name: Photo Clinic\nlogo: logo.jpg\n")
    assert make(tmp_path, *JANE, "--clinic", str(clinic_file)).exit_code == 0


# --- output paths -------------------------------------------------------------------


def test_a_planted_symlink_at_the_output_is_never_followed(tmp_path: Path) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me")
    (tmp_path / "out.pdf").symlink_to(victim)
    result = make(tmp_path, *JANE)
    assert result.exit_code == 1
    out = tmp_path / "out.pdf"
    assert result.output.strip() == f"Error: {out}: already exists (use --force to replace it)"
    assert victim.read_text() == "keep me"


def test_force_replaces_a_symlink_without_writing_through_it(tmp_path: Path) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me")
    out = tmp_path / "out.pdf"
    out.symlink_to(victim)
    result = make(tmp_path, *JANE, "--force")
    assert result.exit_code == 0, result.output
    assert victim.read_text() == "keep me"
    assert not out.is_symlink()
    assert out.read_bytes().startswith(b"%PDF-")


def test_output_is_owner_only(tmp_path: Path) -> None:
    assert make(tmp_path, *JANE).exit_code == 0
    assert (tmp_path / "out.pdf").stat().st_mode & 0o777 == 0o600


@pytest.mark.parametrize(
    ("name", "stem"),
    [
        ("../../etc/passwd", "etc-passwd"),
        ("C:\\Windows\\System32", "c-windows-system32"),
        ("CON", "handout-con"),
        ("com¹", "handout-com1"),
        ("Lpt3 Smith", "handout-lpt3-smith"),
        ("Ja\x00ne\ud800 Doe", "jane-doe"),
        ("...", "patient-ab5df6"),
        ("", "handout"),
        ("张伟", "zhangwei"),
        ("Zoë Łukasiewicz", "zoe-lukasiewicz"),
    ],
)
def test_default_output_names_are_safe_everywhere(tmp_path: Path, name: str, stem: str) -> None:
    from handouts.deliver.filenames import default_output, safe_stem

    assert safe_stem(name) == stem
    import datetime as dt

    path = default_output(tmp_path, name, dt.date(2026, 11, 24))
    assert path == tmp_path / f"{stem}-2026-11-24.pdf"


def test_output_names_are_bounded_in_bytes() -> None:
    from handouts.deliver.filenames import MAX_STEM_BYTES, safe_stem

    assert len(safe_stem("𠀀" * 200).encode()) <= MAX_STEM_BYTES
    assert len(safe_stem("a" * 500)) == 80


def test_make_with_a_hostile_patient_name_writes_a_safe_default_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(
        main, ["make", "--patient", "../CON", "--section", "psoas/do", "--date", "2026-11-24"]
    )
    assert result.exit_code == 0, result.output
    assert (tmp_path / "handout-con-2026-11-24.pdf").is_file()


# --- handouts check ---------------------------------------------------------------


def test_check_accepts_pictures_from_a_folder_the_clinic_allows() -> None:
    from handouts.check import check_folder

    report = check_folder(HOSTILE / "library-shared-pictures")
    assert report.findings == []


def test_check_reports_pictures_the_clinic_does_not_allow(tmp_path: Path) -> None:
    from handouts.check import check_folder

    folder = tmp_path / "clinic"
    shutil.copytree(HOSTILE / "library-shared-pictures", folder)
    (folder / "clinic-without-permission.yaml").replace(folder / "clinic.yaml")
    report = check_folder(folder)
    assert [f.format() for f in report.errors] == [
        f"{folder / 'library' / 'exercises' / 'escape.md'}:4: illustrations[0]: "
        f"'../../shared-pictures/pose.svg' is outside the folder {folder / 'library'}"
    ]


def test_check_warns_about_characters_no_font_has(tmp_path: Path) -> None:
    from handouts.check import check_folder

    folder = tmp_path / "clinic"
    shutil.copytree(HOSTILE / "library-shared-pictures", folder)
    exercise = folder / "library" / "exercises" / "escape.md"
    exercise.write_text(exercise.read_text().replace("2. Two.", "2. Two 🦵 สวัส."))
    report = check_folder(folder)
    assert report.errors == []
    assert [f.format() for f in report.warnings] == [
        f"{exercise}:11: steps: warning: no bundled font has "
        "🦵 (U+1F9B5), ส (U+0E2A), ว (U+0E27); printed as \ufffd"
    ]
