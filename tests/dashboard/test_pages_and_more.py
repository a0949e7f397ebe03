"""Pages (escaping, redirects, roles), live events, metrics, canned replies, bootstrap, CLI, Rasa client."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
import threading
import time

import httpx
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select, update

from dashboard import canned, metrics
from dashboard.app import create_app
from dashboard.bootstrap import ensure_admin
from dashboard.rasa_client import RasaClient, RasaUnavailable
from dashboard.transcript import build_transcript
from dashboard.users import main as users_cli
from helpline.content.directory import get_directory
from helpline.settings.config import ConfigError
from helpline.store.db import audit_log, handoffs, users, utcnow

XSS = '<script>alert("x")</script><img src=x onerror=alert(1)>'


# ----------------------------------------------------------------------------- pages


def test_pages_redirect_to_login_without_a_session(dash):
    client = dash.client()
    for path in ("/", "/handoffs/1", "/supervisor/users", "/supervisor/audit", "/supervisor/metrics"):
        reply = client.get(path, follow_redirects=False)
        assert reply.status_code == 303, path
        assert reply.headers["location"].startswith("/login?next=")
    login = client.get("/login")
    assert login.status_code == 200 and 'id="login-form"' in login.text


def test_login_page_explains_how_to_create_the_first_account(dash):
    assert "No account exists yet" in dash.client().get("/login").text
    dash.user("first@helpline.example", role="supervisor")
    assert "No account exists yet" not in dash.client().get("/login").text


def test_login_page_never_redirects_off_site(dash, counsellor):
    session = dash.login(counsellor)
    reply = session.get("/login?next=//evil.example/x", follow_redirects=False)
    assert reply.status_code == 303 and reply.headers["location"] == "/"
    assert 'data-next="/"' in dash.client().get("/login?next=https://evil.example").text


def test_transcript_notes_and_summary_are_escaped_in_the_page(dash, counsellor):
    handoff = dash.seed(texts=(XSS,), summary={"platform": XSS, "minor": True, "age": 14})
    session = dash.login(counsellor)
    session.post(f"/api/handoffs/{handoff.id}/claim")
    session.post(f"/api/handoffs/{handoff.id}/notes", json={"text": XSS})
    page = session.get(f"/handoffs/{handoff.id}")
    assert page.status_code == 200
    assert XSS not in page.text
    assert "<script>alert" not in page.text and "<img src=x" not in page.text
    assert page.text.count("&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;") == 3  # transcript, note, fact
    assert "age 14" in page.text and "minor" in page.text
    # the JSON API returns the raw text; the page's script only ever sets it with textContent
    assert session.get(f"/api/handoffs/{handoff.id}").json()["transcript"][0]["text"] == XSS
    script = session.get("/static/conversation.js").text
    assert "innerHTML" not in script and "insertAdjacentHTML" not in script


def test_no_script_inserts_html(dash):
    client = dash.client()
    for name in ("app.js", "queue.js", "conversation.js", "login.js", "users.js"):
        body = client.get(f"/static/{name}").text
        assert "innerHTML" not in body and "outerHTML" not in body and "document.write" not in body, name


def test_queue_page_and_conversation_page(dash, counsellor):
    handoff = dash.seed(priority="urgent", reason="crisis", language="yue", script="Hant")
    session = dash.login(counsellor)
    queue = session.get("/")
    assert queue.status_code == 200
    assert 'id="waiting"' in queue.text and "/static/queue.js" in queue.text
    page = session.get(f"/handoffs/{handoff.id}")
    assert "Conversation #" in page.text and "Cantonese (Traditional)" in page.text
    # canned replies: the texter's variant first, numbers from the directory for the region
    first_group = re.search(r'<optgroup label="([^"]+)"', page.text).group(1)
    assert first_group == "Cantonese (Traditional)"
    assert "2896 0000" in page.text  # HK crisis line from content/directory.yml
    assert session.get("/handoffs/99999").status_code == 404


def test_counsellors_cannot_open_supervisor_pages_or_others_conversations(dash, counsellor, colleague):
    handoff = dash.seed()
    dash.login(colleague).post(f"/api/handoffs/{handoff.id}/claim")
    ana = dash.login(counsellor)
    for path in ("/supervisor/users", "/supervisor/audit", "/supervisor/metrics", f"/handoffs/{handoff.id}"):
        assert ana.get(path).status_code == 403, path


def test_supervisor_pages(dash, supervisor, counsellor):
    dash.seed(reason="crisis", priority="urgent", language="cmn", script="Hans")
    sam = dash.login(supervisor)
    users_page = sam.get("/supervisor/users")
    assert users_page.status_code == 200 and "ana@helpline.example" in users_page.text
    audit_page = sam.get("/supervisor/audit?action=login")
    assert audit_page.status_code == 200 and "login" in audit_page.text
    figures = sam.get("/supervisor/metrics?days=7")
    assert figures.status_code == 200 and figures.text.count("<svg") == 4  # per day, language, reason, survey
    assert 'id="m-crisis">1<' in figures.text


# ----------------------------------------------------------------------------- live events


def read_stream(session) -> str:
    reply = session.get("/api/events")
    assert reply.status_code == 200
    assert reply.headers["content-type"].startswith("text/event-stream")
    return reply.text


def test_events_announce_a_changed_handoff(dash, counsellor):
    handoff = dash.seed()
    dash.app.state.sse_poll_seconds = 0.1
    dash.app.state.sse_lifetime_seconds = 1.5
    session = dash.login(counsellor)

    def change_later():
        time.sleep(0.5)
        dash.handoffs.escalate(handoff.id, "urgent", "crisis")

    threading.Thread(target=change_later).start()
    text = read_stream(session)
    assert text.startswith("retry: 3000")
    assert "event: hello" in text
    events = [json.loads(line[6:]) for line in text.splitlines() if line.startswith('data: {"ids"')]
    assert {"ids": [handoff.id]} in events


def test_events_announce_a_new_outbound_message(dash, counsellor):
    handoff = dash.seed()
    session = dash.login(counsellor)
    session.post(f"/api/handoffs/{handoff.id}/claim")
    dash.app.state.sse_poll_seconds = 0.1
    dash.app.state.sse_lifetime_seconds = 1.5
    sender = dash.app.state.sender

    def send_later():
        time.sleep(0.5)
        sender._record(handoff.conversation_id, "sms", "late bot turn", "outbox", None)

    threading.Thread(target=send_later).start()
    assert f'data: {{"ids":[{handoff.id}]}}' in read_stream(session)


def test_events_send_heartbeats_and_stop_when_signed_out(dash, counsellor):
    dash.app.state.sse_poll_seconds = 0.05
    dash.app.state.sse_heartbeat_seconds = 0.2
    dash.app.state.sse_lifetime_seconds = 0.7
    session = dash.login(counsellor)
    text = read_stream(session)
    assert text.count(": heartbeat") >= 2
    assert "event: handoffs" not in text


def test_events_on_a_real_server(live_server, counsellor):
    dash = live_server.dash
    dash.app.state.sse_poll_seconds = 0.2
    session = dash.login(counsellor)
    handoff = dash.seed()
    cookies = dict(session.client.cookies)
    seen: list[str] = []
    with httpx.Client(base_url=live_server.url, cookies=cookies, timeout=10) as client:
        with client.stream("GET", "/api/events") as stream:
            assert stream.status_code == 200
            lines = stream.iter_lines()
            for raw in lines:
                line = raw.rstrip("\r\n")  # httpx 0.23 keeps line endings
                seen.append(line)
                if line.startswith("event: hello"):
                    dash.handoffs.escalate(handoff.id, "urgent", "crisis")
                if line == f'data: {{"ids":[{handoff.id}]}}':
                    break
    assert "event: handoffs" in seen


# ----------------------------------------------------------------------------- metrics


def test_metrics_figures(dash, supervisor):
    now = utcnow()
    waits = [60, 120, 180, 240, 300]
    specs = [
        ("en", "crisis", {"crisis": True}),
        ("yue", "minor", {"minor": True}),
        ("yue", "requested", {"minor": True, "crisis": False}),
        ("cmn", "requested", {"crisis": True}),
        ("cmn", "fallback", {}),
    ]
    ids = []
    for (language, reason, summary), wait in zip(specs, waits, strict=True):
        handoff = dash.seed(
            language=language,
            reason=reason,
            summary=summary,
            priority="urgent" if reason == "crisis" else "normal",
        )
        created = now - dt.timedelta(hours=1)
        with dash.engine.begin() as conn:
            conn.execute(
                update(handoffs)
                .where(handoffs.c.id == handoff.id)
                .values(created_at=created, claimed_at=created + dt.timedelta(seconds=wait), status="claimed")
            )
        ids.append(handoff.id)
    old = dash.seed(language="en")
    with dash.engine.begin() as conn:  # outside the period
        conn.execute(
            update(handoffs).where(handoffs.c.id == old.id).values(created_at=now - dt.timedelta(days=40))
        )
    yesterday = dash.seed(language="en", reason="requested")
    with dash.engine.begin() as conn:
        conn.execute(
            update(handoffs)
            .where(handoffs.c.id == yesterday.id)
            .values(created_at=now - dt.timedelta(days=1))
        )

    figures = dash.login(supervisor).get("/api/metrics?days=30").json()
    assert figures["total"] == 6
    assert figures["by_language"] == {"en": 2, "yue": 2, "cmn": 2}
    assert figures["by_reason"] == {"crisis": 1, "minor": 1, "requested": 3, "fallback": 1}
    assert figures["waiting_seconds"] == {"count": 5, "p50": 180.0, "p95": 288.0}
    assert figures["crisis"] == 2 and figures["minor"] == 2
    assert len(figures["per_day"]) == 30
    by_date = {d["date"]: d for d in figures["per_day"]}
    today = by_date[(now - dt.timedelta(hours=1)).date().isoformat()]
    assert today["total"] >= 5 and today["by_language"]["yue"] == 2
    assert by_date[(now - dt.timedelta(days=1)).date().isoformat()]["by_reason"].get("requested", 0) >= 1


def test_percentile():
    assert metrics.percentile([], 0.5) is None
    assert metrics.percentile([7], 0.95) == 7
    assert metrics.percentile([1, 2, 3, 4], 0.5) == 2.5


# ----------------------------------------------------------------------------- canned replies


def test_canned_replies_exist_in_three_languages_without_numbers():
    replies = canned.load_replies()
    assert len(replies) >= 8
    for reply in replies:
        assert set(reply["text"]) == {"en", "yue", "cmn"}, reply["id"]
        for variant, text in reply["text"].items():
            assert not re.search(r"\d", text), (reply["id"], variant)  # numbers only from the directory
            assert "pay" not in text.lower() or "don't pay" in text.lower(), reply["id"]
    texts = {r["id"]: r["text"] for r in replies}
    assert "请" in texts["do_not_pay"]["cmn"]


def test_canned_replies_fill_numbers_from_the_directory():
    directory = get_directory()
    hk = {r["id"]: r["text"] for r in canned.render(directory, "HK")["yue-Hant"]}
    assert "撒瑪利亞會 2896 0000" in hk["crisis_line"]
    assert "999" in hk["emergency"]
    tw = {r["id"]: r["text"] for r in canned.render(directory, "TW")["cmn-Hant"]}
    assert "安心專線1925" in tw["crisis_line"] and "性影像處理中心" in tw["takedown"]
    assert "派出所" in tw["report_police"] and "165" not in tw["report_police"]
    # the same filler as the assistant: the real police route, never an advice line
    hk_en = {r["id"]: r["text"] for r in canned.render(directory, "HK")["en-Latn"]}
    assert "police.gov.hk" in hk_en["report_police"] and "18222" not in hk_en["report_police"]
    assert "StopNCII" in hk_en["takedown"]
    minor = {r["id"]: r["text"] for r in canned.render(directory, "HK", minor=True)["en-Latn"]}
    assert "Take It Down" in minor["takedown"]
    # an unknown country: a real number and the international finder, never an empty sentence
    unknown = {r["id"]: r["text"] for r in canned.render(directory, "ZZ")["en-Latn"]}
    assert "112 / 911" in unknown["crisis_line"] and "findahelpline.com" in unknown["crisis_line"]
    assert "local emergency number" not in " ".join(unknown.values())
    assert "takedown" in unknown and "intro" in unknown
    assert canned.variant_for("cmn", "Hant") == "cmn-Hant" and canned.variant_for(None, None) == "en-Latn"
    # Mandarin in Traditional is derived by the one converter, with Taiwan terms
    assert "請不要再付錢" in tw["do_not_pay"] and "輔導老師" in tw["trusted_adult"]
    assert "傳訊息" in tw["closing"]


# ----------------------------------------------------------------------------- transcript


def test_transcript_from_tracker_events():
    events = [
        {"event": "session_started", "timestamp": 1_700_000_000.0},
        {"event": "user", "text": "help", "timestamp": 1_700_000_001.5},
        {"event": "bot", "text": "I'm here", "timestamp": 1_700_000_002.0, "metadata": {}},
        {"event": "pause", "timestamp": 1_700_000_003.0},
        {
            "event": "bot",
            "text": "Hi, Ana here",
            "timestamp": 1_700_000_004.0,
            "metadata": {"from": "counsellor", "outbox_id": 7},
        },
        {"event": "bot", "text": None, "timestamp": 1_700_000_005.0},
    ]
    transcript = build_transcript(events, lambda ids: {7: "delivered"} if 7 in set(ids) else {})
    assert transcript == [
        {"from": "texter", "text": "help", "at": "2023-11-14T22:13:21.500000Z", "delivery": None},
        {"from": "bot", "text": "I'm here", "at": "2023-11-14T22:13:22Z", "delivery": None},
        {"from": "counsellor", "text": "Hi, Ana here", "at": "2023-11-14T22:13:24Z", "delivery": "delivered"},
    ]


# ----------------------------------------------------------------------------- Rasa client


async def test_rasa_client_calls_the_http_api():
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        if request.url.path.endswith("/tracker"):
            return httpx.Response(200, json={"events": [{"event": "user", "text": "hi"}]})
        return httpx.Response(200, json={"ok": True})

    client = RasaClient("http://rasa:5005/", "tok", transport=httpx.MockTransport(handler))
    assert (await client.tracker("abc"))["events"][0]["text"] == "hi"
    await client.append_events("abc", [{"event": "resume"}])
    await client.execute("abc", "utter_welcome_back")
    tracker, append, execute = seen
    assert (
        tracker.method == "GET" and str(tracker.url) == "http://rasa:5005/conversations/abc/tracker?token=tok"
    )
    assert append.method == "POST" and append.url.path == "/conversations/abc/tracker/events"
    assert append.url.params["token"] == "tok" and append.url.params["output_channel"] == "latest"
    assert json.loads(append.content) == [{"event": "resume"}]
    assert execute.url.path == "/conversations/abc/execute"
    assert execute.url.params["output_channel"] == "latest"
    assert json.loads(execute.content) == {"name": "utter_welcome_back"}


@pytest.mark.parametrize(
    ("response", "message"),
    [
        (httpx.ConnectError("refused"), "cannot be reached"),
        (httpx.Response(401, json={}), "RASA_TOKEN"),
        (httpx.Response(500, json={}), "HTTP 500"),
        (httpx.Response(200, content=b"not json"), "unreadable"),
    ],
)
async def test_rasa_client_failures_are_rasa_unavailable(response, message):
    def handler(request: httpx.Request) -> httpx.Response:
        if isinstance(response, Exception):
            raise response
        return response

    client = RasaClient("http://rasa:5005", "tok", transport=httpx.MockTransport(handler))
    with pytest.raises(RasaUnavailable, match=message):
        await client.tracker("abc")


def test_unreachable_rasa_gives_502_from_the_real_client(settings):
    dead = RasaClient("http://127.0.0.1:9", "tok", timeout=2)
    app = create_app(settings, rasa=dead)
    app.state.accounts.create("z@helpline.example", "Z", "correct horse battery staple", role="supervisor")
    client = TestClient(app)
    client.post(
        "/api/login", json={"email": "z@helpline.example", "password": "correct horse battery staple"}
    )
    handoff = app.state.handoffs.open(
        "c" * 32, channel="sms", priority="normal", reason="requested", summary={}
    )
    reply = client.get(f"/api/handoffs/{handoff.id}")
    assert reply.status_code == 502 and "cannot be reached" in reply.json()["detail"]


# ----------------------------------------------------------------------------- bootstrap and CLI


def test_bootstrap_creates_the_first_supervisor(settings, fake_rasa):
    configured = dataclasses.replace(
        settings, admin_email="Admin@Helpline.example", admin_password="a very long admin pass"
    )
    app = create_app(configured, rasa=fake_rasa)
    (admin,) = app.state.accounts.list()
    assert admin.email == "admin@helpline.example" and admin.role == "supervisor"
    client = TestClient(app)
    assert (
        client.post(
            "/api/login", json={"email": "admin@helpline.example", "password": "a very long admin pass"}
        ).status_code
        == 200
    )
    assert ensure_admin(configured, app.state.engine) is None  # only when no account exists
    assert len(app.state.accounts.list()) == 1
    with app.state.engine.connect() as conn:
        assert conn.execute(select(audit_log.c.action)).scalars().first() == "user_created"


def test_bootstrap_needs_both_settings_and_a_long_password(settings, fake_rasa):
    app = create_app(dataclasses.replace(settings, admin_email="a@h.example"), rasa=fake_rasa)
    assert app.state.accounts.count() == 0
    with pytest.raises(ConfigError, match="12"):
        ensure_admin(
            dataclasses.replace(settings, admin_email="a@h.example", admin_password="short"), app.state.engine
        )


def test_cli_creates_and_lists_accounts(settings, monkeypatch, capsys):
    monkeypatch.setenv("HELPLINE_NEW_PASSWORD", "a long enough password")
    assert (
        users_cli(["create", "--email", "Lin@Helpline.example", "--name", "Lin", "--role", "counsellor"]) == 0
    )
    assert "Created counsellor lin@helpline.example" in capsys.readouterr().out
    assert users_cli(["list"]) == 0
    assert "lin@helpline.example" in capsys.readouterr().out
    assert users_cli(["create", "--email", "lin@helpline.example", "--name", "Again"]) == 1
    monkeypatch.setenv("HELPLINE_NEW_PASSWORD", "short")
    assert users_cli(["create", "--email", "x@helpline.example", "--name", "X"]) == 1
    monkeypatch.setenv("HELPLINE_NEW_PASSWORD", "a brand new password")
    assert users_cli(["set-password", "--email", "lin@helpline.example"]) == 0
    assert users_cli(["deactivate", "--email", "lin@helpline.example"]) == 0
    assert users_cli(["deactivate", "--email", "nobody@helpline.example"]) == 1
    capsys.readouterr()
    assert users_cli(["list"]) == 0
    assert "inactive" in capsys.readouterr().out
    from helpline.store.db import make_engine

    with make_engine(settings.database_url).connect() as conn:
        stored = conn.execute(select(users.c.password_hash, users.c.role)).all()
    assert (
        len(stored) == 1 and stored[0].role == "counsellor" and stored[0].password_hash.startswith("$argon2")
    )
