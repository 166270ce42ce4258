"""Check a clinic folder: its profile, logo, templates, library, programmes and plans."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from handouts.check.contrast import low_contrast, parse_colours
from handouts.check.findings import Finding, Severity
from handouts.check.library import LibraryCheck, PatientText, check_library
from handouts.check.videos import unknown_video_ids, video_address_findings
from handouts.errors import AssetError, InputFileError, ValidationError
from handouts.load.choice import PROFILE_NAME, choose_clinic
from handouts.load.library import load_library
from handouts.load.paths import resolve_inside
from handouts.load.plan import load_plan_noting
from handouts.load.resolve import resolve
from handouts.load.validate import problems
from handouts.load.yamlfile import YamlDoc, read_text, read_yaml
from handouts.models.clinic import ClinicProfile
from handouts.models.ids import plan_id_problems, programme_id_problems
from handouts.models.library import Library
from handouts.models.plan import Plan
from handouts.models.programme import MAX_EXERCISES
from handouts.readability import flesch_kincaid_grade

MAX_GRADE = 8.0
_LOGO_BOX = 150.0  # points; the logo is only test-loaded


@dataclass
class Report:
    """Everything ``handouts check`` found, and how many files it looked at."""

    findings: list[Finding] = field(default_factory=list)
    files: int = 0

    @property
    def errors(self) -> list[Finding]:
        """The findings that stop a handout from being made."""
        return [f for f in self.findings if f.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Finding]:
        """The findings that are advice."""
        return [f for f in self.findings if f.severity is Severity.WARNING]


def check_folder(folder: Path) -> Report:
    """Every problem in a clinic folder (one with ``clinic.yaml``) or a bare library folder."""
    folder = folder.resolve()
    report = Report()
    profile = folder / "clinic.yaml"
    image_folders: list[Path] = []
    doc: YamlDoc | None = None
    if profile.is_file():
        report.files += 1
        doc = _profile_doc(profile, report)
        library_folder = _check_clinic(profile, doc, report) if doc else None
        image_folders = _image_folders(profile, doc, report) if doc else []
    elif any((folder / kind).is_dir() for kind in ("exercises", "articles", "programmes")):
        library_folder = folder
    else:
        raise InputFileError(
            folder, "no clinic.yaml here; 'handouts init FOLDER' makes a clinic folder"
        )
    own = check_library(library_folder, image_folders) if library_folder else LibraryCheck()
    report.findings += own.findings
    report.files += len(own.docs)
    library = _merged(own)
    if doc is not None:
        report.findings += unknown_video_ids(profile, doc, library)
    for programme in own.programmes.values():
        report.findings += _from_errors(programme_id_problems(programme, library, own.broken))
        if len(programme.exercises) > MAX_EXERCISES:
            report.findings.append(
                Finding.warning(
                    programme.source,
                    programme.line_of("exercises"),
                    "exercises",
                    f"{len(programme.exercises)} exercises is a lot for one sheet; "
                    f"patients keep up with {MAX_EXERCISES} or fewer",
                )
            )
    for plan_file in sorted((folder / "plans").glob("*.yaml")):
        report.files += 1
        report.findings += _check_plan(plan_file, folder, library, own.broken)
    report.findings += _readability(own.texts)
    report.findings += _uncovered(own.texts)
    report.findings.sort(key=lambda f: (str(f.path), f.line or 0))
    return report


def _uncovered(texts: list[PatientText]) -> list[Finding]:
    """A warning for each text with characters no bundled font prints (they show as �)."""
    from handouts.render.script import FALLBACK, uncovered_characters  # imports ReportLab

    found = []
    for item in texts:
        chars = uncovered_characters(item.text)
        if chars:
            shown = ", ".join(f"{c} (U+{ord(c):04X})" for c in chars[:10])
            found.append(
                Finding.warning(
                    item.path,
                    item.line,
                    item.field,
                    f"no bundled font has {shown}; printed as {FALLBACK}",
                )
            )
    return found


def _profile_doc(profile: Path, report: Report) -> YamlDoc | None:
    """The clinic profile, read once for all its checks; an unreadable one is reported."""
    try:
        return read_yaml(profile)
    except InputFileError as exc:
        report.findings.append(Finding.from_error(exc))
        return None


def _image_folders(profile: Path, doc: YamlDoc, report: Report) -> list[Path]:
    """The profile's ``image_folders`` that exist; a missing one is reported."""
    given = doc.data.get("image_folders") if isinstance(doc.data, dict) else None
    folders: list[Path] = []
    for i, name in enumerate(given if isinstance(given, list) else []):
        if not isinstance(name, str):
            continue  # the schema problem is reported by _check_clinic
        path = (profile.parent / name).resolve()
        if path.is_dir():
            folders.append(path)
        else:
            line = doc.line_of(("image_folders", i))
            report.findings.append(
                Finding.error(profile, line, f"image_folders[{i}]", f"folder not found: {name}")
            )
    return folders


def _merged(own: LibraryCheck) -> Library:
    """The bundled library overlaid by what loaded of the clinic's own."""
    bundled = load_library()
    return Library(
        exercises={**bundled.exercises, **own.exercises},
        articles={**bundled.articles, **own.articles},
        programmes={**bundled.programmes, **own.programmes},
    )


def _check_clinic(profile: Path, doc: YamlDoc, report: Report) -> Path | None:
    """Report the profile's problems; return its library folder, if it has a usable one."""
    data: dict[str, Any] = doc.data if isinstance(doc.data, dict) else {}
    report.findings += [Finding.from_problem(p) for p in problems(ClinicProfile, doc)]
    for name, message in low_contrast(parse_colours(data.get("colours"))).items():
        line = doc.line_of(("colours", name))
        report.findings.append(Finding.warning(profile, line, f"colours.{name}", message))
    report.findings += video_address_findings(profile, doc, data)
    logo = data.get("logo")
    if isinstance(logo, str) and logo:
        report.findings += _check_logo(logo, profile, doc.line_of(("logo",)))
    folders: dict[str, Path | None] = {}
    for key in ("library", "templates"):
        given = data.get(key)
        folders[key] = None
        if isinstance(given, str) and given:
            path = (profile.parent / given).resolve()
            if path.is_dir():
                folders[key] = path
            else:
                report.findings.append(
                    Finding.error(profile, doc.line_of((key,)), key, f"folder not found: {given}")
                )
    if folders["templates"] is not None:
        report.findings += _check_templates(folders["templates"])
    return folders["library"]


def _check_logo(name: str, profile: Path, line: int | None) -> list[Finding]:
    from handouts.images import load_image  # imports ReportLab: only when checking

    try:
        load_image(
            resolve_inside(name, profile, profile.parent, "logo", line), _LOGO_BOX, _LOGO_BOX
        )
    except AssetError as exc:
        if exc.path == profile:
            return [Finding.from_error(exc)]
        return [Finding.error(profile, line, "logo", f"{name} cannot be used: {exc.reason}")]
    return []


def _check_templates(folder: Path) -> list[Finding]:
    """Each override must at least compile (its variables are checked when a handout is made)."""
    import jinja2

    from handouts.compose.wording import environment

    env = environment(folder)
    found = []
    for path in sorted(folder.glob("*.j2")):
        try:
            # compile, not just parse: an unknown filter is only caught when compiling.
            env.compile(read_text(path), path.name, str(path))
        except InputFileError as exc:
            found.append(Finding.from_error(exc))
        except jinja2.TemplateSyntaxError as exc:
            found.append(Finding.error(path, exc.lineno, None, f"template error: {exc.message}"))
    return found


def _check_plan(path: Path, folder: Path, library: Library, broken: set[str]) -> list[Finding]:
    """The plan's problems, judged against the clinic and library ``make`` would use.

    Why the resolver here: a plan that names another clinic (or none) must be
    checked against what ``make`` will really see, or ``check`` passes a plan
    that ``make`` then refuses.  Run from this folder, ``make`` finds its
    ``clinic.yaml``; a plan naming no clinic is told so.
    """
    try:  # as make reads it: text scrubbed first (a name of invisible characters is empty)
        plan, notices = load_plan_noting(path)
    except ValidationError as exc:
        # make stops at the first problem; a clinic fixing its plan wants them all.
        every = [Finding.from_problem(p) for p in problems(Plan, read_yaml(path))]
        return every or [Finding.from_error(exc)]
    except InputFileError as exc:
        return [Finding.from_error(exc)]
    found = [Finding.warning(n.path, n.line, n.field, n.message) for n in notices]
    choice = choose_clinic(None, plan, environ={}, cwd=folder)
    if choice.path is not None and choice.path != (folder / PROFILE_NAME).resolve():
        try:
            library = resolve(choice.path).library
        except InputFileError as exc:
            line = plan.line_of("clinic")
            return [Finding.error(path, line, "clinic", f"{plan.clinic}: {exc.reason}")]
        broken = set()
    if not plan.clinic:
        found.append(
            Finding.warning(
                path,
                None,
                "clinic",
                "names no clinic: make uses the clinic.yaml of the folder it runs in; "
                "add 'clinic: ../clinic.yaml' so it is always this clinic",
            )
        )
    return found + _from_errors(plan_id_problems(plan, library, broken))


def _from_errors(errors: list[ValidationError]) -> list[Finding]:
    return [Finding.from_error(e) for e in errors]


def _readability(texts: list[PatientText]) -> list[Finding]:
    found = []
    for item in texts:
        grade = flesch_kincaid_grade(item.text)
        if grade > MAX_GRADE:
            found.append(
                Finding.warning(
                    item.path,
                    item.line,
                    item.field,
                    f"reads at Flesch–Kincaid grade {grade:.1f}; aim for {MAX_GRADE:.0f} "
                    "or below (shorter sentences, shorter words)",
                )
            )
    return found
