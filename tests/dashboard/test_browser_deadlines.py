"""The threat's deadline counting down on the queue and the conversation page, in real headless Chromium
(under flock /tmp/heavy.lock). The server's clock is fixed; the page counts down from the server's figure."""

from __future__ import annotations

import datetime as dt

import pytest

from helpline.settings import clock
from tests.dashboard.conftest import PASSWORD, LiveServer
from tests.dashboard.test_browser import SCREENSHOTS, browser_page, chromium_path  # noqa: F401 - fixtures

NOW = dt.datetime(2026, 12, 3, 12, 0, tzinfo=dt.timezone.utc)
# 2 h 30 min and 30 s: the label reads "2 h 30 min left" for half a minute whatever the page's speed.
DEADLINE = NOW + dt.timedelta(hours=2, minutes=30, seconds=30)


@pytest.fixture(autouse=True)
def fixed_clock():
    with clock.frozen(NOW):
        yield


def test_countdown_in_the_queue_and_on_the_conversation(live_server: LiveServer, browser_page):  # noqa: F811
    from playwright.sync_api import expect

    dash = live_server.dash
    page = browser_page
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    dash.user("sam@helpline.example", role="supervisor", name="Sam")
    plain = dash.seed(region="GB", age_seconds=600)
    pressing = dash.seed(region="HK")
    dash.handoffs.set_deadline(pressing.id, DEADLINE)

    page.goto(live_server.url + "/login?next=/")
    page.fill("#email", "sam@helpline.example")
    page.fill("#password", PASSWORD)
    page.click("button[type=submit]")
    expect(page).to_have_url(live_server.url + "/")
    cards = page.locator("#waiting article.handoff")
    expect(cards).to_have_count(2)
    # raised to high by its deadline, so first; the plain one after it
    expect(cards.nth(0)).to_have_attribute("data-handoff-id", str(pressing.id))
    expect(cards.nth(1)).to_have_attribute("data-handoff-id", str(plain.id))
    countdown = cards.nth(0).locator(".deadline")
    expect(countdown).to_have_text("2 h 30 min left")
    expect(countdown).to_have_class("deadline deadline-soon")  # set by deadline.js: the script runs
    expect(cards.nth(1).locator(".deadline")).to_have_count(0)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "deadline-queue.png"), full_page=True)

    page.goto(live_server.url + f"/handoffs/{pressing.id}")
    countdown = page.locator("#deadline")
    expect(countdown.locator(".deadline-left")).to_have_text("2 h 30 min left")  # server-rendered
    expect(countdown).to_have_class("deadline deadline-soon")
    # The script counts down: with 90 s left it shows "1 min left", then "passed" once it is over. The
    # test runs its tick itself rather than wait for the next one of its 1 s timer (late on a loaded machine).
    page.evaluate(
        "() => { const n = document.querySelector('#deadline'); n.dataset.seconds = '90';"
        " n.dataset.loaded = String(Date.now()); window.HelplineDeadline.tick(); }"
    )
    expect(countdown.locator(".deadline-left")).to_have_text("1 min left")
    page.evaluate(
        "() => { const n = document.querySelector('#deadline'); n.dataset.seconds = '-200';"
        " n.dataset.loaded = String(Date.now()); window.HelplineDeadline.tick(); }"
    )
    expect(countdown.locator(".deadline-left")).to_have_text("passed 3 min ago")
    expect(countdown).to_have_class("deadline deadline-soon deadline-passed")
    page.screenshot(path=str(SCREENSHOTS / "deadline-conversation.png"), full_page=True)
    assert errors == []
