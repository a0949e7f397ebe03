"""The case card in real headless Chromium: the report facts shown on the conversation page, edited by
the counsellor who claimed it, saved (audited) and shown again after a reload; a hostile fact is text."""

from __future__ import annotations

from sqlalchemy import select

from helpline.store.db import audit_log
from helpline.store.report_facts import ReportFactsStore
from tests.dashboard.conftest import PASSWORD, LiveServer
from tests.dashboard.test_browser import HOSTILE, SCREENSHOTS, browser_page, chromium_path  # noqa: F401


def test_the_case_card_is_shown_and_edited_in_the_browser(live_server: LiveServer, browser_page):  # noqa: F811
    from playwright.sync_api import expect

    dash = live_server.dash
    page = browser_page
    dash.user("ana@helpline.example", name="Ana")
    handoff = dash.seed(language="yue", script="Hant", region="HK", texts=("佢喺IG叫 jason_88",))
    ReportFactsStore(dash.engine, dash.cipher).replace(
        handoff.conversation_id,
        {
            "platforms": ["Instagram"],
            "handles": ["jason_88", HOSTILE],
            "amounts_asked": ["HKD 5000"],
            "payment_methods": ["FPS"],
            "content_shared": True,
        },
    )
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))

    page.goto(live_server.url + "/login")
    page.fill("#email", "ana@helpline.example")
    page.fill("#password", PASSWORD)
    page.click("button[type=submit]")
    expect(page).to_have_url(live_server.url + "/")
    page.goto(f"{live_server.url}/handoffs/{handoff.id}")

    card = page.locator("[data-case-card]")
    expect(card).to_be_visible()
    expect(card.locator("[data-fact=platforms]")).to_have_text("Instagram")
    expect(card.locator("[data-fact=handles]")).to_contain_text("jason_88")
    expect(card.locator("[data-fact=handles]")).to_contain_text("<script>")  # shown as text, never run
    expect(card.locator("[data-fact=amounts_asked]")).to_have_text("HKD 5000")
    expect(card.locator("[data-fact=content_shared]")).to_have_text("yes")
    assert page.evaluate("window.pwned") is None

    # claim, then correct the card: the handle list loses the junk, an amount paid is added
    page.click("#claim")
    expect(page.locator("#status")).to_have_text("claimed")
    expect(page.locator("[data-case-card-form]")).to_be_visible()
    page.click("[data-case-card-form] summary")
    page.fill("#fact-handles", "jason_88\ninstagram.com/jason_88")
    page.fill("#fact-amounts_paid", "HKD 3000")
    page.click("[data-case-card-save]")
    expect(page.locator("#case-card-status")).to_have_text("Saved.")
    expect(card.locator("[data-fact=amounts_paid]")).to_have_text("HKD 3000")
    expect(card.locator("[data-fact=handles]")).to_have_text("jason_88, instagram.com/jason_88")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "case-card.png"), full_page=True)

    page.reload()
    expect(page.locator("[data-case-card] [data-fact=amounts_paid]")).to_have_text("HKD 3000")
    with dash.engine.connect() as conn:
        edits = select(audit_log.c.detail).where(audit_log.c.action == "facts_edit")
        details = conn.execute(edits).scalars().all()
    assert details == ["fields:amounts_paid,handles"]
    assert not errors, errors
