"""``handouts desk`` through Flask's test client: the gate, the form, and every action.

The browser tests (test_desk_browser.py) drive the same pages in Chromium; these
check what a browser cannot show: status codes, headers, files on disk, emails.
"""

from __future__ import annotations

import io
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pikepdf
import pytest
import yaml
from click.testing import CliRunner
from flask.testing import FlaskClient
from pypdf import PdfReader

from handouts import api, resources
from handouts.desk.app import create_app
from handouts.desk.security import COOKIE, CSRF_HEADER, csrf_token
from tests.conftest import squash
from tests.smtp_server import Mailbox, attachment, write_clinic

TOKEN = "test-token-of-this-launch"
CSRF = {CSRF_HEADER: csrf_token(TOKEN)}
JANE = {
    "patient.name": "Jane Doe",
    "patient.email": "jane@example.org",
    "patient.date_of_birth": "1985-03-07",
    "date": "2026-12-02",
    "section": ["psoas/what-it-does", "psoas/avoid"],
    "exercise": ["step-ups", "hip-flexor-stretch", "bird-dog"],
    "options.at_a_glance": "1",
    "options.pain_guidance": "1",
}


def copy_clinic(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    source = resources.example_clinic()
    for name in ("clinic.yaml", "logo.svg"):
        shutil.copy(source.parent / name, folder / name)
    return folder / "clinic.yaml"


def client_for(clinic: Path | None, cwd: Path) -> FlaskClient:
    app = create_app(TOKEN, clinic, cwd=cwd)
    client = app.test_client()
    assert client.get(f"/?token={TOKEN}").status_code == 303  # sets the cookie
    return client


@pytest.fixture
def clinic_file(tmp_path: Path) -> Path:
    return copy_clinic(tmp_path / "clinic")


@pytest.fixture
def client(clinic_file: Path, tmp_path: Path) -> FlaskClient:
    return client_for(clinic_file, tmp_path)


def post(client: FlaskClient, path: str, data: dict[str, Any]) -> str:
    response = client.post(path, data=data, headers=CSRF)
    assert response.status_code == 200, response.status_code
    return response.get_data(as_text=True)


def slot(html: str, key: str) -> str:
    """The text of a field's error slot in a response."""
    found = re.search(rf'<p class="field-error" id="err-{re.escape(key)}"[^>]*>([^<]*)</p>', html)
    assert found, f"no error slot for {key}"
    return found[1]


def pdf_text(data: bytes) -> str:
    return squash(" ".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(data)).pages))


# --- The gate -----------------------------------------------------------------------


def test_without_the_token_every_route_is_forbidden(clinic_file: Path, tmp_path: Path) -> None:
    app = create_app(TOKEN, clinic_file, cwd=tmp_path)
    client = app.test_client()
    for path in ("/", "/static/htmx.min.js", "/plans", "/picture/step-ups", "/nowhere"):
        assert client.get(path).status_code == 403, path
        assert client.get(f"{path}?token=wrong").status_code == 403, path
    for path in ("/preview", "/make", "/plans/save", "/chosen/exercises"):
        assert client.post(path, data=JANE, headers=CSRF).status_code == 403, path
    client.set_cookie(COOKIE, "wrong")
    assert client.get("/").status_code == 403


def test_the_token_becomes_a_strict_httponly_cookie_and_leaves_the_address(
    clinic_file: Path, tmp_path: Path
) -> None:
    client = create_app(TOKEN, clinic_file, cwd=tmp_path).test_client()
    response = client.get(f"/?token={TOKEN}")
    assert response.status_code == 303 and response.headers["Location"] == "/"
    cookie = response.headers["Set-Cookie"]
    assert f"{COOKIE}={TOKEN}" in cookie and "HttpOnly" in cookie and "SameSite=Strict" in cookie
    page = client.get("/")
    assert page.status_code == 200 and "Patient name" in page.get_data(as_text=True)


def test_every_post_needs_the_csrf_token_and_our_origin(client: FlaskClient) -> None:
    assert client.post("/preview", data=JANE).status_code == 403
    assert client.post("/preview", data=JANE, headers={CSRF_HEADER: "0" * 64}).status_code == 403
    evil = {**CSRF, "Origin": "http://evil.example"}
    assert client.post("/preview", data=JANE, headers=evil).status_code == 403
    # The token may come as a form field too (a plain form post).
    form = {**JANE, "csrf_token": csrf_token(TOKEN)}
    assert client.post("/preview", data=form).status_code == 200
    ours = {**CSRF, "Origin": "http://localhost"}
    assert client.post("/preview", data=JANE, headers=ours).status_code == 200


def test_a_request_for_another_host_name_is_refused(client: FlaskClient) -> None:
    # DNS rebinding: a hostile name resolving to 127.0.0.1 is not "us".
    assert client.get("/", headers={"Host": "evil.example"}).status_code == 403
    assert client.get(f"/?token={TOKEN}", headers={"Host": "evil.example"}).status_code == 403
    loopback = client.get(f"/?token={TOKEN}", headers={"Host": "127.0.0.1:8800"})
    assert loopback.status_code == 303


def test_pages_carry_the_security_headers(client: FlaskClient) -> None:
    response = client.get("/")
    assert "default-src 'self'" in response.headers["Content-Security-Policy"]
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Cache-Control"] == "no-store"
    html = response.get_data(as_text=True)
    # No inline script or style for the policy to block, and nothing from another host.
    assert not re.search(r"<script(?![^>]*\bsrc=)", html)
    assert " style=" not in html and "<style" not in html
    assert not re.search(r"(src|href)=\"https?://", html)
    with client.get("/picture/step-ups") as picture:
        assert picture.status_code == 200 and picture.mimetype == "image/svg+xml"
        assert "sandbox" in picture.headers["Content-Security-Policy"]


def test_a_large_request_is_refused(client: FlaskClient) -> None:
    huge = {**JANE, "notes": "x" * (3 * 1024 * 1024)}
    assert client.post("/preview", data=huge, headers=CSRF).status_code == 413


# --- The form -----------------------------------------------------------------------


def test_ticking_exercises_lists_them_in_order_with_their_library_dose(
    client: FlaskClient,
) -> None:
    html = post(client, "/chosen/exercises", JANE)
    assert re.findall(r'name="exercise_order" value="([^"]+)"', html) == [
        "step-ups",
        "hip-flexor-stretch",
        "bird-dog",
    ]
    library = api.resolve(None).library
    sets = library.exercises["step-ups"].prescription.sets
    assert f'name="dose.step-ups.sets" value="{sets}"' in html
    # Move bird-dog up: the order changes, typed doses stay.
    moved = {
        **JANE,
        "exercise_order": ["step-ups", "hip-flexor-stretch", "bird-dog"],
        "dose.step-ups.sets": "5",
        "move": "exercise:up:bird-dog",
    }
    html = post(client, "/chosen/exercises", moved)
    assert re.findall(r'name="exercise_order" value="([^"]+)"', html) == [
        "step-ups",
        "bird-dog",
        "hip-flexor-stretch",
    ]
    assert 'name="dose.step-ups.sets" value="5"' in html


def test_a_programme_fills_sections_and_exercises_with_its_doses(client: FlaskClient) -> None:
    html = post(client, "/start", {**JANE, "programme": "psoas-starter"})
    sections, exercises = api.programme_contents(api.resolve(None).library, "psoas-starter")
    assert re.findall(r'name="section_order" value="([^"]+)"', html) == sections
    assert re.findall(r'name="exercise_order" value="([^"]+)"', html) == [e.id for e in exercises]
    # The programme's own dose for foam rolling: 45 s holds, and its note.
    assert 'name="dose.foam-roll-hip-flexor.hold_seconds" value="45"' in html
    assert "Start gently and take most of your weight on your arms." in html
    assert 'value="Jane Doe"' in html  # what was typed stays


def test_patient_text_is_escaped_wherever_it_is_shown(client: FlaskClient) -> None:
    hostile = '<script>alert(1)</script>"><img src=x onerror=alert(2)>'
    data = {**JANE, "patient.name": hostile, "notes": hostile, "programme": "psoas-starter"}
    html = post(client, "/start", data)
    assert "<script>alert" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    made = post(client, "/make", data)
    assert "<script>alert" not in made


def test_errors_go_beside_their_fields_in_the_clis_words(client: FlaskClient) -> None:
    bad = {
        **JANE,
        "patient.date_of_birth": "7/3/1985",
        "exercise_order": ["step-ups"],
        "dose.step-ups.sets": "99",
    }
    html = post(client, "/preview", bad)
    assert slot(html, "patient-date_of_birth") == "expected a date as YYYY-MM-DD"
    assert slot(html, "dose-step-ups-sets") == "expected a whole number from 1 to 20, got 99"
    assert slot(html, "patient-name") == ""  # cleared
    assert 'src="/preview/' not in html
    # The same from "Make handout", and nothing is written.
    html = post(client, "/make", bad)
    assert slot(html, "patient-date_of_birth") == "expected a date as YYYY-MM-DD"
    assert "Made" not in html


def test_large_print_with_the_compact_layout_is_an_error_beside_large_print(
    client: FlaskClient,
) -> None:
    data = {**JANE, "options.large_print": "1", "options.layout": "compact"}
    html = post(client, "/preview", data)
    assert slot(html, "options-large_print").startswith("large_print shows one exercise per row")


def test_a_missing_name_is_an_error_beside_the_name(client: FlaskClient, tmp_path: Path) -> None:
    html = post(client, "/make", {**JANE, "patient.name": "  "})
    assert slot(html, "patient-name") == "must not be empty"
    assert not (tmp_path / "clinic" / "handouts").exists() or not any(
        (tmp_path / "clinic" / "handouts").iterdir()
    )


# --- Preview ------------------------------------------------------------------------


def test_the_preview_is_the_real_handout_as_images_and_writes_nothing(
    client: FlaskClient, tmp_path: Path
) -> None:
    before = sorted(p for p in tmp_path.rglob("*"))
    html = post(client, "/preview", JANE)
    pages = re.findall(r'src="(/preview/[0-9a-f]+/(\d+)\.png)"', html)
    assert [int(n) for _, n in pages] == list(range(1, len(pages) + 1)) and len(pages) >= 2
    image = client.get(pages[0][0])
    assert image.status_code == 200 and image.mimetype == "image/png"
    assert image.data.startswith(b"\x89PNG")
    from PIL import Image

    width, height = Image.open(io.BytesIO(image.data)).size
    assert 1.3 < height / width < 1.5  # a portrait page (A4 is 1.414)
    assert client.get(pages[0][0].replace("/1.png", "/99.png")).status_code == 404
    assert client.get("/preview/0000/1.png").status_code == 404
    assert sorted(p for p in tmp_path.rglob("*")) == before  # nothing about Jane on disk


# --- Make, download, print ----------------------------------------------------------


def made_links(html: str) -> tuple[str, str, str]:
    download = re.search(r'id="download-link" href="([^"]+)"', html)
    printing = re.search(r'id="print-link" href="([^"]+)"', html)
    email = re.search(r'id="email-button" hx-post="([^"]+)"', html)  # email or draft
    assert download and printing and email, html
    return download[1], printing[1].replace("&amp;", "&"), email[1]


def test_make_writes_the_handout_in_the_clinics_folder_and_offers_it(
    client: FlaskClient, clinic_file: Path
) -> None:
    data = {
        **JANE,
        "exercise_order": JANE["exercise"],
        "dose.step-ups.sets": "4",
        "dose.step-ups.reps": "12",
    }
    html = post(client, "/make", data)
    written = clinic_file.parent / "handouts" / "jane-doe-2026-12-02.pdf"
    assert written.is_file() and "jane-doe-2026-12-02.pdf" in html
    text = pdf_text(written.read_bytes())
    assert "Jane Doe" in text and "Step-ups" in text and "Bird-dog" in text
    assert squash("4 sets of 12 repetitions") in text
    download, printing, _ = made_links(html)
    with client.get(download) as got:
        assert got.status_code == 200 and got.data == written.read_bytes()
        assert got.headers["Content-Disposition"].startswith("attachment")
    with client.get(printing) as shown:
        assert shown.status_code == 200
        assert shown.headers["Content-Disposition"].startswith("inline")
    # A second make never replaces the first.
    post(client, "/make", data)
    assert (written.parent / "jane-doe-2026-12-02-2.pdf").is_file()
    assert client.get(download.replace(".pdf", "-x.pdf")).status_code == 404
    assert client.get("/made/not-a-key/jane-doe-2026-12-02.pdf").status_code == 404


def test_a_protected_handout_needs_its_password(client: FlaskClient, clinic_file: Path) -> None:
    post(client, "/make", {**JANE, "protect": "dob"})
    written = clinic_file.parent / "handouts" / "jane-doe-2026-12-02.pdf"
    with pytest.raises(pikepdf.PasswordError):
        pikepdf.open(written)
    pikepdf.open(written, password="07031985").close()
    written.unlink()  # the after-test check of every PDF opens them without a password
    html = post(client, "/make", {**JANE, "protect": "password", "password": ""})
    assert slot(html, "password").startswith("type the password")


# --- Plans ----------------------------------------------------------------------------


def test_save_list_and_open_a_plan(client: FlaskClient, clinic_file: Path) -> None:
    data = {**JANE, "exercise_order": JANE["exercise"], "dose.step-ups.sets": "4"}
    html = post(client, "/plans/save", data)
    saved = clinic_file.parent / "plans" / "jane-doe-2026-12-02.yaml"
    assert saved.is_file() and "jane-doe-2026-12-02.yaml" in html
    plan = api.load_plan(saved)
    assert plan.patient.name == "Jane Doe" and [e.id for e in plan.exercises] == JANE["exercise"]
    assert str(plan.exercises[0].sets) == "4" and plan.exercises[1].sets is None  # only changes
    values = yaml.safe_load(saved.read_text(encoding="utf-8"))
    assert values["exercises"][1] == "hip-flexor-stretch"

    # Saving again asks first, and replaces only when told to.
    html = post(client, "/plans/save", {**data, "dose.step-ups.sets": "2"})
    assert "already saved" in html and str(api.load_plan(saved).exercises[0].sets) == "4"
    post(client, "/plans/save", {**data, "dose.step-ups.sets": "2", "existing": "replace"})
    assert str(api.load_plan(saved).exercises[0].sets) == "2"
    # Someone else of the same name, the same day: saved beside it.
    html = post(client, "/plans/save", {**data, "dose.step-ups.sets": "5", "existing": "new"})
    assert "jane-doe-2026-12-02-2.yaml" in html
    assert (
        str(api.load_plan(saved.with_name("jane-doe-2026-12-02-2.yaml")).exercises[0].sets) == "5"
    )

    post(client, "/plans/save", {**JANE, "patient.name": "Sam Smith"})
    listed = client.get("/plans?q=jane").get_data(as_text=True)
    assert "Jane Doe" in listed and "Sam Smith" not in listed
    assert "Sam Smith" in client.get("/plans").get_data(as_text=True)

    opened = post(client, "/plans/open", {"file": saved.name})
    assert 'value="Jane Doe"' in opened and 'name="dose.step-ups.sets" value="2"' in opened
    assert f'name="since" value="{saved.name}" checked' in opened  # compared with it


def test_opening_a_plan_outside_the_plans_folder_is_refused(
    client: FlaskClient, tmp_path: Path
) -> None:
    (tmp_path / "secret.yaml").write_text("patient: {name: X}\n", encoding="utf-8")
    for name in ("../secret.yaml", "/etc/passwd", "..\\secret.yaml", "missing.yaml"):
        response = client.post("/plans/open", data={"file": name}, headers=CSRF)
        assert response.status_code == 404, name


def test_make_since_a_saved_plan_marks_what_changed(client: FlaskClient, clinic_file: Path) -> None:
    first = {**JANE, "date": "2026-11-20", "exercise": ["step-ups", "hip-flexor-stretch"]}
    post(client, "/plans/save", first)
    since = "jane-doe-2026-11-20.yaml"
    html = post(client, "/make", {**JANE, "since": since})
    assert "Made" in html
    text = pdf_text((clinic_file.parent / "handouts" / "jane-doe-2026-12-02.pdf").read_bytes())
    assert "New" in text  # bird-dog is new since the last plan


# --- Email --------------------------------------------------------------------------


@pytest.fixture
def mail_client(tmp_path: Path, port: int) -> FlaskClient:
    folder = tmp_path / "mailing-clinic"
    folder.mkdir()
    return client_for(write_clinic(folder, port, retries=0), tmp_path)


def test_email_asks_first_then_sends_once_to_the_address_it_was_made_for(
    mail_client: FlaskClient, mailbox: Mailbox, tmp_path: Path
) -> None:
    html = post(mail_client, "/make", {**JANE, "protect": "dob"})
    _, _, email = made_links(html)
    confirm = post(mail_client, email, {})
    assert "jane@example.org" in confirm and "password protected" in confirm
    assert mailbox.messages == []  # nothing sent before the clinician confirms
    sent = post(mail_client, f"{email}/send", {})
    assert "Emailed to jane@example.org" in sent
    assert len(mailbox.messages) == 1
    message = mailbox.messages[0]
    assert message["To"] == "jane@example.org"
    kind, name, data = attachment(message)
    assert kind == "application/pdf" and name == "jane-doe-2026-12-02.pdf"
    with pytest.raises(pikepdf.PasswordError):
        pikepdf.open(io.BytesIO(data))
    again = post(mail_client, f"{email}/send", {})
    assert "Already sent" in again and len(mailbox.messages) == 1
    post(mail_client, f"{email}/send", {"resend": "1"})
    assert len(mailbox.messages) == 2  # only when asked, again
    for protected in tmp_path.rglob("*.pdf"):
        protected.unlink()  # the after-test check of every PDF opens them without a password


def test_changing_the_email_after_making_does_not_redirect_the_handout(
    mail_client: FlaskClient, mailbox: Mailbox
) -> None:
    html = post(mail_client, "/make", JANE)
    _, _, email = made_links(html)
    # The form now says someone else; the made handout still goes to Jane only.
    post(mail_client, "/preview", {**JANE, "patient.email": "someone@example.org"})
    post(mail_client, f"{email}/send", {"patient.email": "someone@example.org"})
    assert [m["To"] for m in mailbox.messages] == ["jane@example.org"]


def test_a_sample_clinic_offers_no_email_and_refuses_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, mailbox: Mailbox
) -> None:
    monkeypatch.delenv("HANDOUTS_CLINIC")
    sample = client_for(None, tmp_path)
    html = post(sample, "/make", JANE)
    assert 'id="email-button"' not in html and "Emailing needs your clinic" in html
    key = re.search(r'href="/made/([^/]+)/', html)
    assert key
    assert sample.post(f"/made/{key[1]}/email/send", headers=CSRF).status_code == 404
    assert mailbox.messages == []


def test_email_without_an_address_says_what_is_missing(
    mail_client: FlaskClient, mailbox: Mailbox
) -> None:
    no_address = {k: v for k, v in JANE.items() if k != "patient.email"}
    _, _, email = made_links(post(mail_client, "/make", no_address))
    assert "without an email address" in post(mail_client, email, {})
    refused = post(mail_client, f"{email}/send", {})
    assert "Not sent" in refused and mailbox.messages == []


def test_without_a_mail_server_the_desk_writes_a_draft_once(
    client: FlaskClient, clinic_file: Path
) -> None:
    html = post(client, "/make", JANE)
    assert "Write email draft" in html
    _, _, email = made_links(html)
    assert "Write an email draft of" in post(client, email, {})
    written = post(client, f"{email}/send", {})
    draft = clinic_file.parent / "handouts" / "jane-doe-2026-12-02.eml"
    assert "Draft written" in written and draft.is_file()
    assert "jane@example.org" in draft.read_text(encoding="utf-8")
    assert "already written" in post(client, f"{email}/send", {})


def test_the_sample_clinic_is_said_on_the_page(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("HANDOUTS_CLINIC")
    page = client_for(None, tmp_path).get("/").get_data(as_text=True)
    assert "Sample clinic" in page and "SAMPLE" in page


# --- Starting and stopping ------------------------------------------------------------


@pytest.fixture
def no_serving(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """The desk command with the server's loop replaced by a Ctrl-C, and no browser."""
    from waitress.server import BaseWSGIServer

    def interrupted(self: Any) -> None:
        raise KeyboardInterrupt

    opened: list[str] = []
    monkeypatch.setattr(BaseWSGIServer, "run", interrupted)
    monkeypatch.setattr("click.launch", lambda url, **_: opened.append(url))
    yield opened


def test_desk_prints_its_address_opens_it_and_stops_cleanly_on_ctrl_c(
    no_serving: list[str], clinic_file: Path
) -> None:
    from handouts.cli import main

    result = CliRunner().invoke(main, ["desk", "--clinic", str(clinic_file)])
    assert result.exit_code == 0, result.output
    line = result.stdout.strip()
    assert re.fullmatch(r"Desk running at http://127\.0\.0\.1:\d+/\?token=[\w-]{40,}", line)
    assert no_serving == [line.removeprefix("Desk running at ")]
    assert "Desk stopped." in result.stderr and "Traceback" not in result.output
    quiet = CliRunner().invoke(main, ["desk", "--no-browser", "--clinic", str(clinic_file)])
    assert quiet.exit_code == 0 and len(no_serving) == 1


def test_desk_with_a_broken_clinic_or_a_taken_port_says_so_in_one_line(
    no_serving: list[str], tmp_path: Path, clinic_file: Path
) -> None:
    import socket

    from handouts.cli import main

    broken = tmp_path / "broken.yaml"
    broken.write_text("name: [unclosed\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["desk", "--clinic", str(broken)])
    assert result.exit_code == 1 and "broken.yaml" in result.output
    assert "Traceback" not in result.output and no_serving == []
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        busy = taken.getsockname()[1]
        result = CliRunner().invoke(
            main, ["desk", "--clinic", str(clinic_file), "--port", str(busy)]
        )
    assert result.exit_code == 1 and f"--port {busy}" in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_a_new_form_has_todays_date_and_the_clinics_practitioner(
    clinic_file: Path, tmp_path: Path
) -> None:
    profile = yaml.safe_load(clinic_file.read_text(encoding="utf-8"))
    profile["practitioner"] = {"name": "Alex Morgan", "role": "Physiotherapist"}
    clinic_file.write_text(yaml.safe_dump(profile), encoding="utf-8")
    page = client_for(clinic_file, tmp_path).get("/").get_data(as_text=True)
    assert 'name="practitioner.name" type="text" value="Alex Morgan"' in page
    assert 'value="Physiotherapist"' in page
    import datetime as dt

    assert f'name="date" type="date" value="{dt.date.today().isoformat()}"' in page


def test_a_clinic_that_does_not_load_is_one_clear_line_on_the_page(tmp_path: Path) -> None:
    broken = tmp_path / "clinic.yaml"
    broken.write_text("name: Riverside\nlogo: missing.svg\n", encoding="utf-8")
    app = create_app(TOKEN, broken, cwd=tmp_path)
    client = app.test_client()
    client.get(f"/?token={TOKEN}")
    page = client.get("/")
    html = page.get_data(as_text=True)
    assert page.status_code == 500 and "missing.svg" in html and "Traceback" not in html


def test_opening_a_plan_empties_the_result_box_and_keeps_the_protection(
    client: FlaskClient,
) -> None:
    post(client, "/plans/save", {**JANE, "patient.name": "Sam Smith"})
    opened = post(client, "/plans/open", {"file": "sam-smith-2026-12-02.yaml", "protect": "dob"})
    assert '<div id="result" aria-live="polite" hx-swap-oob="true"></div>' in opened
    assert '<option value="dob" selected>' in opened
    started = post(client, "/start", {**JANE, "programme": "psoas-starter"})
    assert 'hx-swap-oob="true"></div>' in started
    assert '<option value="psoas-starter" selected>' in started


def test_names_without_letters_never_share_a_plan_file(
    client: FlaskClient, clinic_file: Path
) -> None:
    for name in ("😀", "🙂", "☺️"):
        assert "Saved plan" in post(client, "/plans/save", {**JANE, "patient.name": name})
    assert len(list((clinic_file.parent / "plans").glob("*.yaml"))) == 3


def test_the_dose_editor_and_the_handout_agree(client: FlaskClient, clinic_file: Path) -> None:
    base = {**JANE, "exercise": ["hip-flexor-stretch"], "exercise_order": ["hip-flexor-stretch"]}
    # Emptying a value the library's dose has is an error, not a silent default.
    html = post(client, "/make", {**base, "dose.hip-flexor-stretch.hold_seconds": ""})
    assert slot(html, "dose-hip-flexor-stretch-hold_seconds").startswith("needs a value")
    assert "Not made yet" in html
    # How often is one number, a day or a week.
    html = post(
        client,
        "/make",
        {**base, "dose.hip-flexor-stretch.times": "3", "dose.hip-flexor-stretch.every": "week"},
    )
    text = pdf_text((clinic_file.parent / "handouts" / "jane-doe-2026-12-02.pdf").read_bytes())
    assert squash("3 times a week") in text and squash("twice a day") not in text
    values = post(client, "/plans/save", {**base, "dose.hip-flexor-stretch.every": "week"})
    assert "Saved plan" in values
    plan = api.load_plan(clinic_file.parent / "plans" / "jane-doe-2026-12-02.yaml")
    assert plan.exercises[0].per_week == 2 and plan.exercises[0].per_day is None


def test_the_preview_says_what_it_waits_for(client: FlaskClient) -> None:
    assert "Type the patient's name" in post(client, "/preview", {**JANE, "patient.name": ""})
    bad = {**JANE, "exercise_order": ["step-ups"], "dose.step-ups.sets": "99"}
    html = post(client, "/preview", bad)
    assert "marked in red" in html and "Type the patient's name" not in html


def test_protection_by_date_of_birth_needs_one(client: FlaskClient) -> None:
    no_dob = {k: v for k, v in JANE.items() if k != "patient.date_of_birth"}
    html = post(client, "/make", {**no_dob, "protect": "dob"})
    assert slot(html, "patient-date_of_birth").startswith("password protection by date of birth")
