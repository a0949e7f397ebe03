"""The web chat end to end in real headless Chromium against the real stack (Rasa, actions, dashboard).

Cantonese sextortion message -> the Cantonese reply; a crisis -> the crisis protocol (are you safe?) and
an urgent handoff on channel `web`; a counsellor's reply reaches the open page live; quick exit (the
button, and Esc) replaces the page and leaves nothing of the chat in storage or the page history.
"""

from __future__ import annotations

import time

import httpx
import pytest

from helpline.content.directory import get_directory
from helpline.content.placeholders import placeholder_values
from helpline.content.script import to_script
from helpline.settings.retention import retention_placeholders
from tests.content.fixtures import fill, variation
from tests.dashboard.test_browser import CHROMIUM_ARGS, chromium_path  # noqa: F401 - the fixture
from tests.integration.conftest import RunningHelpline
from tests.integration.test_handoff_end_to_end import counsellor

pytestmark = pytest.mark.integration

EXIT_SITE = "https://www.bbc.com/weather"
THREAT = "有人錄低咗我裸聊段片 話唔俾錢就send俾我啲friend 點算"
CRISIS = "佢放咗上網 我唔想再生存"
COUNSELLOR = "我係輔導員阿明，我喺度陪你。"
WAIT_MS = 30_000


def expected(name: str, region: str = "HK", language: str = "yue", script: str = "Hant") -> str:
    """A response as a web texter reads it while their region is only suggested by the time zone."""
    values = {
        **placeholder_values(get_directory(), region, language, region_guessed=True),
        **retention_placeholders(),
    }
    return to_script(fill(variation(name, language), values), script, language)


@pytest.fixture()
def context(chromium_path):  # noqa: F811 - the fixture imported above
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(chromium_path), headless=True, args=CHROMIUM_ARGS
        )
        # A phone in Hong Kong: small screen, Hong Kong time zone, Cantonese browser.
        context = browser.new_context(
            viewport={"width": 390, "height": 780},
            locale="zh-HK",
            timezone_id="Asia/Hong_Kong",
            is_mobile=True,
        )
        context.route(
            EXIT_SITE + "*",
            lambda route: route.fulfill(
                status=200, content_type="text/html", body="<title>Weather</title>Sunny"
            ),
        )
        try:
            yield context
        finally:
            browser.close()


def replies(page) -> list[str]:
    return page.locator("[data-chat-reply]").all_inner_texts()


def say(page, text: str, count_before: int) -> list[str]:
    """Types and sends one message; returns the replies that arrive for it."""
    page.fill("[data-chat-input]", text)
    page.click("[data-chat-send]")
    page.wait_for_function(
        "n => document.querySelectorAll('[data-chat-reply]').length > n && !document.querySelector("
        "'[data-chat-status]').textContent",
        arg=count_before,
        timeout=WAIT_MS,
    )
    return replies(page)[count_before:]


def storage(page) -> dict:
    return page.evaluate(
        "() => ({local: localStorage.length, session: sessionStorage.length, cookies: document.cookie})"
    )


def test_the_web_chat_end_to_end(helpline: RunningHelpline, context) -> None:
    page = context.new_page()
    page.goto(helpline.dashboard_url + "/chat")
    assert page.title() == "Chat"
    assert page.locator("[data-quick-exit]").is_visible()
    assert page.locator("[data-chat-region] option").count() > 1  # the region list (may be skipped)
    assert page.locator("[data-chat-send]").inner_text() == "傳送"  # the page speaks Cantonese
    history_before = page.evaluate("history.length")

    assert say(page, THREAT, 0) == [expected("utter_threat_reassure")]

    crisis = say(page, CRISIS, len(replies(page)))
    assert crisis[0] == expected("utter_crisis_ask")  # the crisis protocol: are you safe right now?

    client = counsellor(helpline)
    waiting = client.get("/api/handoffs", params={"status": "waiting"}).json()
    mine = [h for h in waiting if h["channel"] == "web" and h["reason"] == "crisis"]
    assert mine and mine[-1]["priority"] == "urgent" and mine[-1]["language"] == "yue"
    handoff_id = max(h["id"] for h in mine)
    assert client.post(f"/api/handoffs/{handoff_id}/claim").status_code == 200
    count = len(replies(page))
    sent = client.post(f"/api/handoffs/{handoff_id}/messages", json={"text": COUNSELLOR})
    assert sent.status_code == 200, sent.text
    page.wait_for_function(
        "text => [...document.querySelectorAll('[data-chat-reply]')].some(e => e.textContent === text)",
        arg=COUNSELLOR,
        timeout=WAIT_MS,
    )
    assert replies(page)[count:] == [COUNSELLOR]
    detail = client.get(f"/api/handoffs/{handoff_id}").json()
    deadline = time.monotonic() + 10
    while not any(item.get("delivery") == "delivered" for item in detail["transcript"]):
        assert time.monotonic() < deadline, detail["transcript"]
        detail = client.get(f"/api/handoffs/{handoff_id}").json()
    assert ("texter", CRISIS) in [(item["from"], item["text"]) for item in detail["transcript"]]

    assert storage(page) == {"local": 0, "session": 0, "cookies": ""}
    page.click("[data-quick-exit]")
    page.wait_for_url(EXIT_SITE + "*", timeout=WAIT_MS)
    assert page.title() == "Weather"
    assert page.evaluate("history.length") == history_before  # replaced, not added
    back = page.go_back(timeout=5000)
    assert back is None and "/chat" not in page.url  # Back does not return to the chat

    check = context.new_page()
    check.goto(helpline.dashboard_url + "/healthz")
    assert storage(check)["local"] == 0 and storage(check)["session"] == 0
    assert [c for c in context.cookies() if c["domain"] in ("127.0.0.1", "localhost")] == []


def test_escape_leaves_at_once(helpline: RunningHelpline, context) -> None:
    page = context.new_page()
    page.goto(helpline.dashboard_url + "/chat")
    history_before = page.evaluate("history.length")
    page.fill("[data-chat-input]", "hello")
    page.keyboard.press("Escape")
    page.wait_for_url(EXIT_SITE + "*", timeout=WAIT_MS)
    assert page.evaluate("history.length") == history_before
    page.go_back(timeout=5000)
    assert "/chat" not in page.url


def test_an_sms_still_works_beside_the_web_chat(helpline: RunningHelpline) -> None:
    from tests.integration.test_conversations import Texter

    texter = Texter(helpline, "HK", "yue", "Hant")
    assert texter.send(THREAT) == texter.expect("utter_threat_reassure")
    unsigned = httpx.post(helpline.rasa_url + "/webhooks/web/message", json={"text": "hi"}, timeout=10)
    assert unsigned.status_code == 403  # Rasa's web adapter only takes what the dashboard signed
