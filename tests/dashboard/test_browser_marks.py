"""Issue 12: the "Teach the assistant" mark control and the supervisors' review, in real headless Chromium
(run under flock /tmp/heavy.lock)."""

from __future__ import annotations

from sqlalchemy import select

from helpline.store.db import counsellor_marks
from tests.dashboard.conftest import PASSWORD, LiveServer
from tests.dashboard.test_browser import SCREENSHOTS, browser_page, chromium_path  # noqa: F401 - fixtures


def sign_in(page, url: str, email: str, next_path: str) -> None:
    page.goto(f"{url}/login?next={next_path}")
    page.fill("#email", email)
    page.fill("#password", PASSWORD)
    page.click("button[type=submit]")


def test_a_counsellor_marks_a_message_and_a_supervisor_accepts_it(live_server: LiveServer, browser_page):  # noqa: F811
    from playwright.sync_api import expect

    dash = live_server.dash
    page = browser_page
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    dash.user("sam@helpline.example", role="supervisor", name="Sam")
    ana = dash.user("ana@helpline.example", name="Ana")
    handoff = dash.seed(texts=("my son is being blackmailed with photos", "what do i do"))
    assert dash.login(ana).post(f"/api/handoffs/{handoff.id}/claim").status_code == 200

    sign_in(page, live_server.url, "ana@helpline.example", f"/handoffs/{handoff.id}")
    expect(page).to_have_url(f"{live_server.url}/handoffs/{handoff.id}")
    form = page.locator("#mark-form")
    expect(form).to_be_visible()
    options = page.locator("#mark-message option")
    expect(options).to_have_count(3)  # "Choose…" and the texter's two messages
    page.select_option("#mark-message", index=1)
    page.select_option("#mark-kind", "wrong_intent")
    expect(page.locator("#mark-correction")).to_be_visible()
    page.select_option("#mark-correction", "help_someone_else")
    page.click("#mark-submit")
    expect(page.locator("#mark-list li")).to_have_count(1)
    expect(page.locator("#mark-list li")).to_contain_text("Wrong intent → help_someone_else · pending")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "mark-control.png"), full_page=True)
    with dash.engine.connect() as conn:
        row = conn.execute(select(counsellor_marks)).one()
    assert (row.kind, row.correction, row.status, row.created_by) == (
        "wrong_intent",
        "help_someone_else",
        "pending",
        ana.id,
    )
    assert dash.cipher.decrypt(row.text_cipher) == "my son is being blackmailed with photos"

    page.context.clear_cookies()
    sign_in(page, live_server.url, "sam@helpline.example", "/supervisor/marks")
    expect(page).to_have_url(f"{live_server.url}/supervisor/marks")
    table_row = page.locator(f'#marks-table tr[data-mark-id="{row.id}"]')
    expect(table_row).to_contain_text("my son is being blackmailed with photos")
    table_row.locator("button[data-decision=accept]").click()
    expect(table_row.locator(".mark-status")).to_have_text("accepted")
    with dash.engine.connect() as conn:
        assert conn.execute(select(counsellor_marks.c.status)).scalar_one() == "accepted"
    assert errors == []
