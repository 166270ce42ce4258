"""The desk in a real browser (Debian's Chromium under Playwright), as a clinician uses it.

One test goes the whole way with mouse and keyboard, one with the keyboard
alone; both end with the downloaded PDF's text.  Skipped, with the reason, when
Chromium is absent (``.ci/run`` installs it).  ``HANDOUTS_UPDATE_DOCS=1`` also
writes the README's screenshot, docs/desk.png.
"""

from __future__ import annotations

import io
import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import ConsoleMessage, Locator, Page, expect
from pypdf import PdfReader

from handouts import api
from handouts.desk.app import create_app
from handouts.models.rich import plain
from tests.browser import serve_wsgi
from tests.conftest import REPO, squash
from tests.smtp_server import Mailbox, write_clinic
from tests.test_desk import TOKEN

pytest_plugins = ["tests.browser"]

SECTIONS = ["psoas/what-it-does", "psoas/avoid"]
EXERCISES = ["hip-flexor-stretch", "step-ups", "floor-superman"]
SLOW = 15_000  # ms: a render on a busy CI machine


@pytest.fixture
def desk(page: Page, tmp_path: Path, port: int) -> Iterator[Page]:
    """The desk for a copy of the example clinic whose mail goes to the test SMTP server,
    open in the browser, its console watched."""
    problems: list[str] = []

    def noted(message: ConsoleMessage) -> None:
        if message.type in ("error", "warning"):
            problems.append(message.text)

    page.on("console", noted)
    page.on("pageerror", lambda error: problems.append(str(error)))
    folder = tmp_path / "clinic"
    folder.mkdir()
    app = create_app(TOKEN, write_clinic(folder, port, retries=0), cwd=tmp_path)
    with serve_wsgi(app) as base_url:
        page.goto(f"{base_url}/?token={TOKEN}")
        expect(page).to_have_url(f"{base_url}/")  # the token left the address bar
        yield page
    # No script error, no request the Content-Security-Policy refused.
    assert problems == []


def titles() -> tuple[list[tuple[str, str]], list[str]]:
    """(article title, section title) of each section; each exercise's title."""
    library = api.resolve(None).library
    sections = [(library.article_of(s).title, plain(library.sections[s].title)) for s in SECTIONS]
    return sections, [library.exercises[e].title for e in EXERCISES]


def section_box(page: Page, article: str, title: str) -> Locator:
    """A section's checkbox, inside its article's group (titles repeat across articles)."""
    return page.get_by_role("group", name=article, exact=True).get_by_label(title, exact=True)


def downloaded_text(page: Page, link: Locator, tmp_path: Path, *, press: bool = False) -> str:
    with page.expect_download() as info:
        if press:
            page.keyboard.press("Enter")
        else:
            link.click()
    saved = tmp_path / "downloaded.pdf"
    info.value.save_as(saved)
    assert info.value.suggested_filename == "jane-doe-2026-12-02.pdf"
    reader = PdfReader(io.BytesIO(saved.read_bytes()))
    return squash(" ".join(p.extract_text() or "" for p in reader.pages))


def assert_handout(text: str, sections: list[tuple[str, str]], exercises: list[str]) -> None:
    assert "Jane Doe" in text
    for title in [*(t for _, t in sections), *exercises]:
        assert squash(title) in text, title
    # Step-ups' sets changed from the library's 3 to 4; its reps stayed.
    assert squash("4 sets of 10 repetitions") in text
    order = [text.index(squash(t), text.index(squash("Your exercises"))) for t in exercises]
    assert order == sorted(order)


def test_a_clinician_makes_a_handout_with_mouse_and_keyboard(desk: Page, tmp_path: Path) -> None:
    page = desk
    sections, exercises = titles()
    page.get_by_label("Patient name").click()
    page.keyboard.type("Jane Doe")
    page.get_by_label("Date of handout").fill("2026-12-02")
    for article, title in sections:
        section_box(page, article, title).check()
    for title in exercises:
        page.get_by_label(title, exact=True).check()
    chosen = page.locator("#chosen-exercises")
    expect(chosen.locator("legend")).to_have_text(exercises)
    sets = chosen.get_by_role("group", name="Step-ups").get_by_label("Sets")
    expect(sets).to_have_value("3")
    sets.fill("4")
    sets.press("Tab")  # a change: the preview follows
    preview = page.locator("#preview img").first
    expect(preview).to_be_visible(timeout=SLOW)
    expect(page.locator("#preview-count")).to_have_text(re.compile(r"\d+ pages?"))
    page.wait_for_function(
        "() => { const i = document.querySelector('#preview img');"
        " return i !== null && i.complete && i.naturalWidth > 500; }",
        timeout=SLOW,
    )
    if os.environ.get("HANDOUTS_UPDATE_DOCS") == "1":
        page.locator("#exercises-h").evaluate("el => el.scrollIntoView({block: 'start'})")
        page.wait_for_timeout(500)
        page.screenshot(path=REPO / "docs" / "desk.png")
    shot = page.screenshot()
    assert shot.startswith(b"\x89PNG") and len(shot) > 50_000
    page.get_by_role("button", name="Make handout").click()
    download = page.get_by_role("link", name="Download PDF")
    expect(download).to_be_visible(timeout=SLOW)
    expect(page.get_by_role("link", name="Print")).to_be_visible()
    expect(page.get_by_role("button", name="Email to patient")).to_be_visible()
    assert_handout(downloaded_text(page, download, tmp_path), sections, exercises)


def tab_to(page: Page, target: Locator, limit: int = 400) -> None:
    """Press Tab until ``target`` has the focus, as a keyboard user would."""
    for _ in range(limit):
        if target.evaluate("el => el === document.activeElement"):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached {target}")


def test_a_clinician_makes_a_handout_with_the_keyboard_alone(desk: Page, tmp_path: Path) -> None:
    page = desk
    sections, exercises = titles()
    tab_to(page, page.get_by_label("Patient name"))
    page.keyboard.type("Jane Doe")
    tab_to(page, page.get_by_label("Date of handout"))
    page.keyboard.type("12022026")  # a date field takes the digits in its own order
    expect(page.get_by_label("Date of handout")).to_have_value("2026-12-02")
    for article, title in sections:
        tab_to(page, section_box(page, article, title))
        page.keyboard.press("Space")
        expect(section_box(page, article, title)).to_be_checked()
    for title in exercises:
        search = page.get_by_label("Search exercises")
        tab_to(page, search)
        page.keyboard.press("Control+A")
        page.keyboard.type(title.split()[0].lower())
        box = page.get_by_label(title, exact=True)
        tab_to(page, box)
        page.keyboard.press("Space")
        expect(box).to_be_checked()
        expect(page.locator("#chosen-exercises legend", has_text=title)).to_have_count(1)
    sets = page.locator("#chosen-exercises").get_by_role("group", name="Step-ups")
    tab_to(page, sets.get_by_label("Sets"))
    page.keyboard.press("Control+A")
    page.keyboard.type("4")
    page.keyboard.press("Tab")
    expect(page.locator("#preview img").first).to_be_visible(timeout=SLOW)
    tab_to(page, page.get_by_role("button", name="Make handout"))
    page.keyboard.press("Enter")
    download = page.get_by_role("link", name="Download PDF")
    expect(download).to_be_visible(timeout=SLOW)
    tab_to(page, download)
    text = downloaded_text(page, download, tmp_path, press=True)
    assert_handout(text, sections, exercises)


def test_errors_show_beside_the_field_and_nothing_typed_is_lost(desk: Page) -> None:
    page = desk
    page.get_by_label("Patient name").fill("Jane Doe")
    page.get_by_label("Notes for the patient").fill("Walk every day.")
    page.get_by_label("Step-ups", exact=True).check()
    sets = page.locator("#chosen-exercises").get_by_role("group", name="Step-ups")
    sets.get_by_label("Sets").fill("99")
    page.get_by_role("button", name="Make handout").click()
    error = page.locator("#err-dose-step-ups-sets")
    expect(error).to_have_text("expected a whole number from 1 to 20, got 99", timeout=SLOW)
    expect(sets.get_by_label("Sets")).to_have_value("99")
    expect(page.get_by_label("Notes for the patient")).to_have_value("Walk every day.")
    expect(page.get_by_role("link", name="Download PDF")).to_have_count(0)
    # Fixed: the error goes, and the handout is made.
    sets.get_by_label("Sets").fill("3")
    page.get_by_role("button", name="Make handout").click()
    expect(page.get_by_role("link", name="Download PDF")).to_be_visible(timeout=SLOW)
    expect(error).to_be_hidden()


def test_a_programme_a_saved_plan_and_the_exercise_filters(desk: Page, tmp_path: Path) -> None:
    page = desk
    page.get_by_label("Patient name").fill("Jane Doe")
    page.get_by_label("Programme", exact=True).select_option("psoas-starter")
    page.get_by_role("button", name="Use this programme").click()
    _, exercises = api.programme_contents(api.resolve(None).library, "psoas-starter")
    legends = page.locator("#chosen-exercises legend")
    expect(legends).to_have_count(len(exercises), timeout=SLOW)
    expect(page.get_by_label("Patient name")).to_have_value("Jane Doe")
    # Move the second exercise up.
    second = api.resolve(None).library.exercises[exercises[1].id].title
    page.get_by_role("button", name=f"Move {second} up").click()
    expect(legends.first).to_have_text(second)

    page.get_by_role("button", name="Save plan").click()
    expect(page.locator("#saved")).to_contain_text("Saved plan", timeout=SLOW)
    page.get_by_role("button", name="Save plan").click()
    expect(page.locator("#saved")).to_contain_text("already saved")
    page.get_by_role("button", name="Keep the saved one").click()
    expect(page.locator("#saved")).to_be_empty()

    page.get_by_label("Find a patient's plan").fill("jane")
    opener = page.get_by_role("button", name=re.compile(r"Open the plan of Jane Doe"))
    expect(opener).to_be_visible(timeout=SLOW)
    page.get_by_label("Patient name").fill("Someone Else")
    page.get_by_role("button", name="Make handout").click()
    made_for_someone = page.get_by_role("link", name="Download PDF")
    expect(made_for_someone).to_be_visible(timeout=SLOW)
    opener.click()
    # Jane's plan on screen: Someone Else's handout is no longer on offer.
    expect(made_for_someone).to_have_count(0, timeout=SLOW)
    expect(page.get_by_label("Patient name")).to_have_value("Jane Doe", timeout=SLOW)
    expect(page.get_by_label(re.compile("Mark what changed since"))).to_be_checked()
    expect(legends.first).to_have_text(second)

    # Filters hide cards but keep what is ticked.
    grid = page.locator("#exercise-grid .card:visible")
    page.get_by_label("Body area").select_option("shoulder")
    expect(grid).not_to_have_count(0)
    for card in grid.all():
        assert "shoulder" in (card.get_attribute("data-areas") or "")
    page.get_by_label("Level").select_option("advanced")
    page.get_by_label("Search exercises").fill("zzzz")
    expect(grid).to_have_count(0)
    expect(legends).to_have_count(len(exercises))


def test_the_email_button_asks_then_sends_once(desk: Page, mailbox: Mailbox) -> None:
    page = desk
    page.get_by_label("Patient name").fill("Jane Doe")
    page.get_by_label("Email").fill("jane@example.org")
    page.get_by_label("Step-ups", exact=True).check()
    page.get_by_role("button", name="Make handout").click()
    page.get_by_role("button", name="Email to patient").click(timeout=SLOW)
    confirm = page.get_by_role("group", name=re.compile("Send .* to jane@example.org"))
    expect(confirm).to_be_visible(timeout=SLOW)
    page.get_by_role("button", name="Cancel").click()
    expect(confirm).to_have_count(0)
    assert mailbox.messages == []
    page.get_by_role("button", name="Email to patient").click()
    page.get_by_role("button", name="Send to jane@example.org").click(timeout=SLOW)
    expect(page.get_by_text("Emailed to jane@example.org.")).to_be_visible(timeout=SLOW)
    assert [m["To"] for m in mailbox.messages] == ["jane@example.org"]


def test_moving_an_exercise_keeps_the_keyboard_focus_on_its_button(desk: Page) -> None:
    page = desk
    page.get_by_label("Patient name").fill("Jane Doe")
    for title in ("Step-ups", "Bird-dog"):
        page.get_by_label(title, exact=True).check()
        expect(page.locator("#chosen-exercises legend", has_text=title)).to_have_count(1)
    down = page.get_by_role("button", name="Move Step-ups down")
    tab_to(page, down)
    page.keyboard.press("Enter")
    expect(page.locator("#chosen-exercises legend")).to_have_text(["Bird-dog", "Step-ups"])
    # Now last: its "down" does nothing but keeps the focus, so Tab goes on from here.
    expect(page.get_by_role("button", name="Move Step-ups down")).to_be_focused()
    expect(page.get_by_role("button", name="Move Step-ups down")).to_have_attribute(
        "aria-disabled", "true"
    )
