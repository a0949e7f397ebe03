"""Opening hours and capacity on the dashboard, in real headless Chromium (under flock /tmp/heavy.lock)."""

from __future__ import annotations

import datetime as dt

import pytest

from helpline.settings import clock
from tests.dashboard.conftest import PASSWORD, LiveServer
from tests.dashboard.test_browser import SCREENSHOTS, browser_page, chromium_path  # noqa: F401 - fixtures

# Monday 2 March 2026 04:00 UTC: 12:00 in Hong Kong (open), 04:00 in London (closed until 10:00).
MONDAY_NOON_HK = dt.datetime(2026, 3, 2, 4, 0, tzinfo=dt.timezone.utc)


@pytest.fixture(autouse=True)
def fixed_clock():
    with clock.frozen(MONDAY_NOON_HK):
        yield


def test_hours_and_capacity_in_the_browser(live_server: LiveServer, browser_page):  # noqa: F811
    from playwright.sync_api import expect

    dash = live_server.dash
    page = browser_page
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    dash.user("sam@helpline.example", role="supervisor", name="Sam")
    ana = dash.user("ana@helpline.example", name="Ana")
    dash.accounts.set_available(ana.id, True)
    dash.accounts.set_max_open(ana.id, 1)
    first, second = dash.seed(region="HK"), dash.seed(region="GB")
    ana_session = dash.login(ana)
    assert ana_session.post(f"/api/handoffs/{first.id}/claim").status_code == 200
    refused = ana_session.post(f"/api/handoffs/{second.id}/claim")
    assert refused.status_code == 409 and "the limit is 1" in refused.json()["detail"]

    page.goto(live_server.url + "/login?next=/")
    page.fill("#email", "sam@helpline.example")
    page.fill("#password", PASSWORD)
    page.click("button[type=submit]")
    expect(page).to_have_url(live_server.url + "/")
    # The queue shows the expected wait and which regions are open.
    expect(page.locator("#queue-expected")).to_have_text("~5 min")  # one claim, at once: the 5-minute floor
    expect(page.locator("#queue-summary")).to_contain_text("open now: HK, MO, CN, TW, SG, MY, INTL")

    page.click("text=Hours & capacity")
    expect(page).to_have_url(live_server.url + "/availability")
    hk = page.locator('#opening-hours tr[data-region="HK"]')
    expect(hk.locator(".open-state")).to_have_text("open")
    expect(hk).to_contain_text("Asia/Hong_Kong")
    expect(hk).to_contain_text("Mon 12:00")
    expect(hk.locator(".closes")).to_have_text("Mon 23:00")
    gb = page.locator('#opening-hours tr[data-region="GB"]')
    expect(gb.locator(".open-state")).to_have_text("closed")
    expect(gb.locator(".next-opening")).to_have_text("Mon 02 Mar 10:00")
    expect(page.locator('#opening-hours tr[data-region="US"]')).to_contain_text("America/New_York")
    expect(page.locator("#q-waiting")).to_have_text("1")
    expect(page.locator("#q-on-duty")).to_have_text("1")
    expect(page.locator("#q-expected")).to_have_text("~5 min")  # one claim, at once: the 5-minute floor

    row = page.locator(f'#capacity tr[data-user-id="{ana.id}"]')
    expect(row.locator(".load")).to_have_text("1 / 1 full")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "hours-and-capacity.png"), full_page=True)

    # The supervisor raises Ana's limit; she can claim the second conversation.
    row.locator("input").fill("2")
    row.locator("button").click()
    expect(page.locator(f'#capacity tr[data-user-id="{ana.id}"] .load')).to_have_text("1 / 2")
    assert ana_session.post(f"/api/handoffs/{second.id}/claim").status_code == 200
    page.reload()
    expect(page.locator(f'#capacity tr[data-user-id="{ana.id}"] .load')).to_have_text("2 / 2 full")
    assert errors == []
