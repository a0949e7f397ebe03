"""The dashboard in real headless Chromium: sign in, queue, claim, live transcript, reply, note, close.

Needs Debian's Chromium at /usr/bin/chromium (`scripts/ensure_chromium.sh` installs it). Screenshots of
the queue and of a conversation go to test-results/screenshots/.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from sqlalchemy import select

from helpline.store.db import outbox
from tests.dashboard.conftest import PASSWORD, LiveServer

REPO_ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
SCREENSHOTS = REPO_ROOT / "test-results" / "screenshots"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
HOSTILE = '<script>window.pwned=1;alert("x")</script>'


@pytest.fixture(scope="session")
def chromium_path() -> Path:
    if not CHROMIUM.exists():
        result = subprocess.run(
            ["bash", str(REPO_ROOT / "scripts" / "ensure_chromium.sh")],
            capture_output=True,
            text=True,
            timeout=900,
            check=False,
        )
        if result.returncode != 0 or not CHROMIUM.exists():
            pytest.skip(
                "Chromium is not installed and scripts/ensure_chromium.sh could not install it: "
                + (result.stderr or result.stdout)[-400:]
            )
    return CHROMIUM


@pytest.fixture()
def browser_page(chromium_path: Path):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(chromium_path), headless=True, args=CHROMIUM_ARGS
        )
        context = browser.new_context(viewport={"width": 1360, "height": 860}, locale="en-GB")
        page = context.new_page()
        page.set_default_timeout(15_000)
        yield page
        context.close()
        browser.close()


def test_counsellor_works_a_handoff_in_the_browser(live_server: LiveServer, browser_page):
    from playwright.sync_api import expect

    dash = live_server.dash
    page = browser_page
    dash.user("ana@helpline.example", name="Ana")
    dash.user("bo@helpline.example", name="Bo")
    urgent = dash.seed(
        priority="urgent",
        reason="crisis",
        language="yue",
        script="Hant",
        region="HK",
        summary={"crisis": True, "minor": True, "age": 15, "platform": "Instagram", "paid": True},
        texts=("佢話要放我啲片出去", "我唔想再活落去", HOSTILE),
        age_seconds=185,
    )
    dash.seed(
        priority="normal", reason="requested", language="cmn", script="Hans", region="CN", age_seconds=40
    )
    dash.seed(
        priority="high",
        reason="minor",
        channel="whatsapp",
        region="TW",
        language="cmn",
        script="Hant",
        summary={"minor": True, "age": 13},
        age_seconds=95,
    )

    dialogs: list[str] = []

    def on_dialog(dialog):
        dialogs.append(f"{dialog.type}:{dialog.message}")
        dialog.accept()

    page.on("dialog", on_dialog)
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))

    # sign in: a wrong password first
    page.goto(live_server.url + "/")
    expect(page).to_have_url(live_server.url + "/login?next=/")
    page.fill("#email", "ana@helpline.example")
    page.fill("#password", "not the password")
    page.click("button[type=submit]")
    expect(page.locator("#login-error")).to_be_visible()
    page.fill("#password", PASSWORD)
    page.click("button[type=submit]")
    expect(page).to_have_url(live_server.url + "/")

    # the queue: most urgent first, live, timers ticking
    cards = page.locator("#waiting .handoff")
    expect(cards).to_have_count(3)
    expect(cards.nth(0)).to_have_attribute("data-handoff-id", str(urgent.id))
    expect(cards.nth(0).locator(".badge")).to_have_text("urgent")
    expect(cards.nth(1).locator(".badge")).to_have_text("high")
    expect(page.locator("#waiting-count")).to_have_text("3")
    expect(page.locator("#live")).to_have_text("live")
    expect(cards.nth(0)).to_contain_text("Cantonese (Traditional)")
    expect(cards.nth(0)).to_contain_text("age 15")
    expect(cards.nth(1)).to_contain_text("WhatsApp")
    timer = cards.nth(0).locator(".timer")
    first = timer.inner_text()
    page.wait_for_timeout(2100)
    assert timer.inner_text() != first and "min" in first

    # a new handoff arrives while the page is open
    dash.seed(priority="normal", reason="fallback", region="SG", age_seconds=1)
    expect(cards).to_have_count(4)

    # go on duty
    page.click("#duty")
    expect(page.locator("#duty")).to_have_attribute("aria-pressed", "true")
    assert dash.handoffs.counsellors_on_duty() == 1

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "queue.png"), full_page=True)

    # claim the urgent one
    cards.nth(0).locator("button.claim").click()
    expect(page).to_have_url(f"{live_server.url}/handoffs/{urgent.id}")
    expect(page.locator("#status")).to_have_text("claimed")
    transcript = page.locator("#transcript .msg")
    expect(transcript).to_have_count(3)
    expect(transcript.nth(2).locator(".text")).to_have_text(HOSTILE)  # shown as text, not run
    assert page.evaluate("window.pwned") is None
    expect(page.locator("#facts")).to_contain_text("crisis signal")

    # the texter writes again: the transcript updates live
    dash.rasa.say(urgent.conversation_id, "texter", "你仲喺度嗎?")
    dash.handoffs.record_texter_message(urgent.id)
    expect(transcript).to_have_count(4)
    expect(transcript.nth(3)).to_contain_text("你仲喺度嗎?")

    # reply with a canned reply in the texter's language
    page.select_option("#canned", value="yue-Hant:intro")
    reply_text = page.locator("#reply-text").input_value()
    assert reply_text.startswith("你好，我係熱線嘅輔導員")
    page.click("#send")
    expect(page.locator("#reply-status")).to_have_text("Sent · outbox")
    expect(transcript).to_have_count(5)
    expect(transcript.nth(4)).to_have_class("msg from-counsellor")
    expect(transcript.nth(4).locator(".delivery")).to_have_text("outbox")
    expect(page.locator("#reply-text")).to_have_value("")
    with dash.engine.connect() as conn:
        bodies = [dash.cipher.decrypt(b) for b in conn.execute(select(outbox.c.body_cipher)).scalars()]
    assert bodies == [reply_text]

    # a private note
    page.fill("#note-text", "Mentions Instagram; safety plan agreed.")
    page.click("#note-form button")
    expect(page.locator("#notes li")).to_have_count(1)
    expect(page.locator("#notes li .text")).to_have_text("Mentions Instagram; safety plan agreed.")

    page.screenshot(path=str(SCREENSHOTS / "conversation.png"), full_page=True)

    # close with an outcome: the assistant resumes
    page.select_option("#outcome", value="referred_crisis")
    page.click("#close-form button")
    expect(page.locator("#status")).to_have_text("closed")
    expect(page.locator("#reply-form")).to_be_hidden()
    closed = dash.handoffs.get(urgent.id)
    assert closed.status == "closed" and closed.outcome == "referred_crisis"
    rasa_calls = [c for c in dash.rasa.calls if c[0] in ("append_events", "execute")]
    # resume and listen, the welcome back, and a listen so the texter's next message is a fresh turn
    assert [e["event"] for e in rasa_calls[-3][2]] == ["resume", "action"]
    assert rasa_calls[-2] == ("execute", urgent.conversation_id, "utter_welcome_back")
    assert rasa_calls[-1][2] == [{"event": "action", "name": "action_listen"}]
    assert [d for d in dialogs if not d.startswith("confirm:")] == []  # no injected alert ever ran
    assert errors == []

    # back on the queue: it is gone from waiting
    page.click("a.back")
    expect(page.locator("#waiting .handoff")).to_have_count(3)
    expect(page.locator(f'#waiting .handoff[data-handoff-id="{urgent.id}"]')).to_have_count(0)

    # sign out: the logout redirect or the queue's own poll (401 once signed out, then /login?next=/)
    # may land first; either way the counsellor ends on the sign-in page and is signed out
    page.click("#logout")
    expect(page).to_have_url(re.compile(re.escape(live_server.url) + r"/login(\?next=%2F|\?next=/)?$"))
    page.goto(live_server.url + "/")
    expect(page).to_have_url(live_server.url + "/login?next=/")


def test_supervisor_pages_in_the_browser(live_server: LiveServer, browser_page):
    from playwright.sync_api import expect

    dash = live_server.dash
    page = browser_page
    dash.user("sam@helpline.example", role="supervisor", name="Sam")
    for reason, priority, language in (
        ("crisis", "urgent", "en"),
        ("minor", "high", "yue"),
        ("requested", "normal", "cmn"),
    ):
        dash.seed(reason=reason, priority=priority, language=language, age_seconds=30)
    page.goto(live_server.url + "/login")
    page.fill("#email", "sam@helpline.example")
    page.fill("#password", PASSWORD)
    page.click("button[type=submit]")
    expect(page.locator("#waiting .handoff")).to_have_count(3)

    page.click("text=Accounts")
    page.fill("#new-name", "Lee")
    page.fill("#new-email", "lee@helpline.example")
    page.fill("#new-password", "a long first password")
    page.click("#new-user button[type=submit]")
    expect(page.locator("table")).to_contain_text("lee@helpline.example")
    assert dash.accounts.by_email("lee@helpline.example") is not None

    page.click("text=Figures")
    expect(page.locator("#m-total")).to_have_text("3")
    expect(page.locator("#m-crisis")).to_have_text("1")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "metrics.png"), full_page=True)

    page.click("text=Audit log")
    expect(page.locator("table")).to_contain_text("user_created")
