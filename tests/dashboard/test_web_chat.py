"""The web chat's public surface on the dashboard: the page, size caps, rate limits, the long poll."""

from __future__ import annotations

import asyncio
import json
import secrets

import pytest

from dashboard import webchat
from helpline.settings.crypto import conversation_id
from tests.dashboard.conftest import Dashboard


class FakeForward:
    def __init__(self) -> None:
        self.payloads: list[dict] = []

    async def __call__(self, payload: dict) -> dict:
        self.payloads.append(payload)
        return {"messages": [f"echo: {payload['text']}"], "language": "en", "script": "Latn"}


@pytest.fixture()
def forward(dash: Dashboard) -> FakeForward:
    fake = FakeForward()
    dash.app.state.web_chat_forward = fake
    return fake


def start(client) -> str:
    reply = client.post("/chat/api/start")
    assert reply.status_code == 200
    return reply.json()["session"]


def test_the_page_is_discreet_and_has_the_hooks(dash: Dashboard) -> None:
    reply = dash.client().get("/chat")
    assert reply.status_code == 200
    html = reply.text
    for hook in ("data-chat-input", "data-chat-send", "data-quick-exit", "data-chat-log"):
        assert hook in html
    assert "<title>Chat</title>" in html
    assert not any(word in html.lower() for word in ("sextortion", "helpline", "suicide", "extort"))
    assert "<script>" not in html and "style=" not in html  # nothing inline: the strict CSP holds
    assert reply.headers["cache-control"] == "no-store"
    assert reply.headers["referrer-policy"] == "no-referrer"
    assert "script-src 'self'" in reply.headers["content-security-policy"]
    script = dash.client().get("/static/chat.js").text
    assert "localStorage.setItem" not in script and "sessionStorage.setItem" not in script
    assert "document.cookie" not in script and "pushState" not in script
    assert "location.replace" in script


def test_sessions_are_random_and_messages_are_forwarded(dash: Dashboard, forward: FakeForward) -> None:
    client = dash.client()
    first, second = start(client), start(client)
    assert first != second and len(first) >= 32
    reply = client.post(
        "/chat/api/send",
        json={"session": first, "message_id": "a" * 24, "text": "hello", "time_zone": "Asia/Hong_Kong"},
    )
    assert reply.status_code == 200
    assert reply.json()["messages"] == ["echo: hello"]
    assert forward.payloads == [
        {
            "session": first,
            "message_id": "a" * 24,
            "text": "hello",
            "region": None,
            "time_zone": "Asia/Hong_Kong",
        }
    ]


@pytest.mark.parametrize(
    ("body", "status"),
    [
        ({"text": "x" * 1001}, 413),
        ({"text": "界" * 1001}, 413),
        ({"text": ""}, 400),
        ({"text": "   "}, 400),
        ({"text": 5}, 400),
        ({"session": "short", "text": "hi"}, 400),
        ({"session": None, "text": "hi"}, 400),
    ],
)
def test_message_size_caps_and_shape(dash: Dashboard, forward: FakeForward, body: dict, status: int) -> None:
    client = dash.client()
    payload = {"session": start(client), **body}
    assert client.post("/chat/api/send", json=payload).status_code == status
    assert forward.payloads == []


@pytest.mark.parametrize("path", ["/chat/api/send", "/chat/api/poll"])
def test_an_oversized_or_non_json_body_is_refused(dash: Dashboard, forward: FakeForward, path: str) -> None:
    client = dash.client()
    session = start(client)
    big = json.dumps({"session": session, "text": "x" * 9000})
    headers = {"content-type": "application/json"}
    assert client.post(path, content=big, headers=headers).status_code == 413
    assert client.post(path, content="session=x", headers={"content-type": "text/plain"}).status_code == 415
    assert client.post(path, content="{not json", headers=headers).status_code == 400
    assert forward.payloads == []


def test_a_session_is_rate_limited(dash: Dashboard, forward: FakeForward) -> None:
    client = dash.client()
    session = start(client)
    limit, _ = webchat.LIMITS["send_session"]
    codes = [
        client.post("/chat/api/send", json={"session": session, "text": f"m{i}"}).status_code
        for i in range(limit + 3)
    ]
    assert codes[:limit] == [200] * limit and set(codes[limit:]) == {429}
    assert len(forward.payloads) == limit
    other = start(client)  # another chat from the same address still gets through
    assert client.post("/chat/api/send", json={"session": other, "text": "hi"}).status_code == 200


def test_a_client_is_rate_limited_across_sessions(dash: Dashboard, forward: FakeForward) -> None:
    client = dash.client()
    limit, _ = webchat.LIMITS["send_client"]
    sessions = [secrets.token_urlsafe(32) for _ in range(limit + 2)]
    codes = [client.post("/chat/api/send", json={"session": s, "text": "hi"}).status_code for s in sessions]
    assert codes[:limit] == [200] * limit and set(codes[limit:]) == {429}


def test_new_chats_are_rate_limited_per_client(dash: Dashboard) -> None:
    client = dash.client()
    limit, _ = webchat.LIMITS["start"]
    codes = [client.post("/chat/api/start").status_code for _ in range(limit + 2)]
    assert codes[:limit] == [200] * limit and set(codes[limit:]) == {429}


def test_the_poll_returns_only_this_chats_messages_and_marks_them_delivered(dash: Dashboard) -> None:
    client = dash.client()
    mine, theirs = start(client), start(client)
    sender = dash.app.state.sender
    for session, text in ((mine, "A counsellor is here."), (theirs, "Someone else's reply.")):
        cid = conversation_id(dash.settings.secret_key, "web", session)
        dash.contacts.record_inbound(cid, "web", session)
        asyncio.run(sender.send(cid, text))
    reply = client.post("/chat/api/poll", json={"session": mine, "after": 0})
    assert reply.status_code == 200
    messages = reply.json()["messages"]
    assert [m["text"] for m in messages] == ["A counsellor is here."]
    cid = conversation_id(dash.settings.secret_key, "web", mine)
    assert [r.status for r in sender.history(cid)] == ["delivered"]


def test_the_poll_waits_then_answers_empty(dash: Dashboard, monkeypatch) -> None:
    monkeypatch.setattr(webchat, "POLL_SECONDS", 0.0)
    client = dash.client()
    reply = client.post("/chat/api/poll", json={"session": start(client), "after": 0})
    assert reply.status_code == 200 and reply.json() == {"messages": []}


def test_the_region_list_is_in_every_language(dash: Dashboard) -> None:
    regions = dash.client().get("/chat/api/regions").json()["regions"]
    codes = [r["code"] for r in regions]
    assert {"HK", "CN", "TW", "MO", "SG", "MY", "GB", "US"} <= set(codes)
    hong_kong = regions[codes.index("HK")]["names"]
    assert set(hong_kong) == {"en", "yue", "cmn"} and hong_kong["yue"] != hong_kong["en"]


def test_a_counsellor_sees_channel_web_and_replies_into_the_chats_outbox(dash: Dashboard, counsellor) -> None:
    handoff = dash.seed(channel="web", reason="crisis", priority="urgent")
    session = dash.login(counsellor)
    listed = session.get("/api/handoffs", params={"status": "waiting"}).json()
    assert [h["channel"] for h in listed if h["id"] == handoff.id] == ["web"]
    assert "Web chat" in session.get(f"/handoffs/{handoff.id}").text
    assert session.post(f"/api/handoffs/{handoff.id}/claim").status_code == 200
    sent = session.post(f"/api/handoffs/{handoff.id}/messages", json={"text": "I am here with you."})
    assert sent.status_code == 200 and sent.json()["status"] == "queued"
    records = dash.app.state.sender.history(handoff.conversation_id)
    assert [(r.text, r.channel) for r in records] == [("I am here with you.", "web")]
