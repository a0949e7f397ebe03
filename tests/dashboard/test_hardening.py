"""Issue 16 findings in the dashboard: login throttling (client address, atomicity, lock-out), the
post-login redirect, the dev simulator's access, and what the live event stream tells whom."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import threading
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlencode

import httpx
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select, update

from dashboard.app import create_app
from dashboard.events import for_viewer
from dashboard.security import (
    DEVICE_COOKIE,
    PER_ACCOUNT_CLIENT,
    PER_ACCOUNT_UNKNOWN_CLIENTS,
    PER_CLIENT,
    WINDOW,
    LoginThrottle,
    device_cookie_for,
)
from dashboard.tables import rate_limits
from helpline.store.db import utcnow
from tests.dashboard.conftest import PASSWORD, Dashboard

PROXY = "10.9.8.7"


class Peer:
    """Sets the connection's address from a test header (TestClient always says "testclient")."""

    def __init__(self, app) -> None:
        self.app = app

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] == "http":
            headers = dict(scope.get("headers") or [])
            peer = headers.get(b"x-test-peer")
            if peer:
                scope = {**scope, "client": (peer.decode(), 40000)}
        await self.app(scope, receive, send)


def behind_proxy(settings, fake_rasa, proxies=(PROXY,)) -> Dashboard:
    settings = dataclasses.replace(settings, trusted_proxies=tuple(proxies))
    app = create_app(settings, rasa=fake_rasa)
    return Dashboard(
        app=app,
        settings=settings,
        rasa=fake_rasa,
        accounts=app.state.accounts,
        handoffs=app.state.handoffs,
        contacts=app.state.contacts,
        clock=app.state.clock,
    )


def attempt(client: TestClient, email: str, password: str = "wrong", peer: str | None = None, **headers):
    if peer:
        headers["X-Test-Peer"] = peer
    return client.post("/api/login", json={"email": email, "password": password}, headers=headers)


# ----------------------------------------------------------------------------- the client's address


@pytest.mark.parametrize(
    "spoof",
    [
        lambda i: {"X-Forwarded-For": f"198.51.100.{i}"},
        lambda i: {"X-Forwarded-For": f"198.51.100.{i}, 127.0.0.1"},
        lambda i: {"X-Real-IP": f"203.0.113.{i}"},
        lambda i: {"Forwarded": f"for=192.0.2.{i}"},
        lambda i: {"X-Forwarded-For": f"2001:db8::{i}", "X-Real-IP": f"2001:db8::{i}"},
    ],
)
def test_forwarded_headers_from_a_client_do_not_make_a_new_address(dash, counsellor, spoof):
    client = dash.client()
    for index in range(PER_ACCOUNT_CLIENT):
        assert attempt(client, counsellor.email, **spoof(index)).status_code == 401
    assert attempt(client, counsellor.email, PASSWORD, **spoof(99)).status_code == 429


def test_x_real_ip_counts_only_from_the_trusted_proxy(settings, fake_rasa):
    dash = behind_proxy(settings, fake_rasa, proxies=(PROXY, "fd00::/64"))
    ana = dash.user("ana@helpline.example")
    client = TestClient(Peer(dash.app))
    # Through the proxy: the address nginx puts in X-Real-IP is the client.
    for _ in range(PER_ACCOUNT_CLIENT):
        assert attempt(client, ana.email, peer=PROXY, **{"X-Real-IP": "203.0.113.66"}).status_code == 401
    assert (
        attempt(client, ana.email, PASSWORD, peer=PROXY, **{"X-Real-IP": "203.0.113.66"}).status_code == 429
    )
    # Another client behind the same proxy, here through an IPv6 proxy address, is not blocked.
    other = TestClient(Peer(dash.app))
    assert (
        attempt(other, ana.email, PASSWORD, peer="fd00::5", **{"X-Real-IP": "203.0.113.7"}).status_code == 200
    )
    # Not from the proxy: X-Real-IP is ignored, every attempt is the connection's own address.
    direct = TestClient(Peer(dash.app))
    for index in range(PER_ACCOUNT_CLIENT):
        headers = {"X-Real-IP": f"198.51.100.{index}", "X-Forwarded-For": f"198.51.100.{index}"}
        assert attempt(direct, ana.email, peer="192.0.2.50", **headers).status_code == 401
    assert (
        attempt(direct, ana.email, PASSWORD, peer="192.0.2.50", **{"X-Real-IP": "1.2.3.4"}).status_code == 429
    )
    # A proxy sending garbage in X-Real-IP: its own address counts (a fresh one here), nothing breaks.
    garbage = TestClient(Peer(dash.app))
    for _ in range(PER_ACCOUNT_CLIENT):
        assert attempt(garbage, ana.email, peer=PROXY, **{"X-Real-IP": "not-an-address"}).status_code == 401
    assert attempt(garbage, ana.email, PASSWORD, peer=PROXY, **{"X-Real-IP": "::ffff:zz"}).status_code == 429


@pytest.mark.parametrize("value", ["*", "proxy.internal", "10.0.0.0/33", "10.0.0.1,*"])
def test_trusted_proxies_must_be_addresses(var_dir, monkeypatch, value):
    from helpline.settings.config import ConfigError, load_settings

    monkeypatch.setenv("HELPLINE_TRUSTED_PROXIES", value)
    with pytest.raises(ConfigError, match="HELPLINE_TRUSTED_PROXIES"):
        load_settings()


def test_trusted_proxies_accept_addresses_and_networks(var_dir, monkeypatch):
    from helpline.settings.config import load_settings

    monkeypatch.setenv("HELPLINE_TRUSTED_PROXIES", " 172.30.57.10, 10.0.0.0/8 ,fd00::1")
    assert load_settings().trusted_proxies == ("172.30.57.10/32", "10.0.0.0/8", "fd00::1/128")


# ----------------------------------------------------------------------------- atomic counting


@pytest.mark.parametrize(("threads", "limit_name"), [(30, "account"), (45, "client")])
def test_concurrent_attempts_take_exactly_the_limit(dash, threads, limit_name):
    throttle = LoginThrottle(dash.engine, dash.settings.secret_key)
    barrier = threading.Barrier(threads)

    def one(index: int) -> bool:
        email = "ana@helpline.example" if limit_name == "account" else f"user{index}@x.example"
        barrier.wait()
        return throttle.acquire(email, "192.0.2.1").allowed

    with ThreadPoolExecutor(threads) as pool:
        allowed = sum(pool.map(one, range(threads)))
    assert allowed == (PER_ACCOUNT_CLIENT if limit_name == "account" else PER_CLIENT)


def test_thirty_concurrent_wrong_passwords_check_only_five(live_server, counsellor):
    """Through a real server: the password of at most 5 of 30 simultaneous guesses is checked."""
    dash = live_server.dash
    store = dash.app.state.accounts
    checked: list[str] = []
    real = store.authenticate

    def counting(email: str, password: str):
        checked.append(password)
        return real(email, password)

    store.authenticate = counting
    barrier = threading.Barrier(30)

    def guess(index: int) -> int:
        with httpx.Client(base_url=live_server.url, timeout=60) as client:
            barrier.wait()
            body = {"email": counsellor.email, "password": f"guess {index}"}
            return client.post("/api/login", json=body).status_code

    with ThreadPoolExecutor(30) as pool:
        statuses = list(pool.map(guess, range(30)))
    assert len(checked) == PER_ACCOUNT_CLIENT
    assert statuses.count(401) == PER_ACCOUNT_CLIENT and statuses.count(429) == 30 - PER_ACCOUNT_CLIENT


def test_a_refused_attempt_takes_no_counter_elsewhere(dash):
    throttle = LoginThrottle(dash.engine, dash.settings.secret_key)
    for _ in range(PER_ACCOUNT_CLIENT):
        assert throttle.acquire("ana@helpline.example", "192.0.2.1").allowed
    for _ in range(10):  # refused by the account + client bucket: the address's counter stays at 5
        assert not throttle.acquire("ana@helpline.example", "192.0.2.1").allowed
    for index in range(PER_CLIENT - PER_ACCOUNT_CLIENT):
        assert throttle.acquire(f"other{index}@x.example", "192.0.2.1").allowed
    assert not throttle.acquire("last@x.example", "192.0.2.1").allowed


def test_a_correct_password_starts_the_account_and_client_afresh(dash, counsellor):
    client = dash.client()
    for _ in range(PER_ACCOUNT_CLIENT - 1):
        assert attempt(client, counsellor.email).status_code == 401
    assert attempt(client, counsellor.email, PASSWORD).status_code == 200
    fresh = dash.client()  # no device cookie: the address's own account counter was cleared
    for _ in range(PER_ACCOUNT_CLIENT):
        assert attempt(fresh, counsellor.email).status_code == 401
    assert attempt(fresh, counsellor.email, PASSWORD).status_code == 429


def test_retry_after_counts_down_from_the_first_failure(dash, counsellor):
    client = dash.client()
    for _ in range(PER_ACCOUNT_CLIENT):
        attempt(client, counsellor.email)
    with dash.engine.begin() as conn:
        conn.execute(update(rate_limits).values(expires_at=utcnow() + WINDOW - dt.timedelta(minutes=10)))
    blocked = attempt(client, counsellor.email, PASSWORD)
    assert blocked.status_code == 429
    assert 240 < int(blocked.headers["retry-after"]) <= 301
    assert "5 minutes" in blocked.json()["detail"]


# ----------------------------------------------------------------------------- no lock-out by others


def test_guesses_from_many_addresses_do_not_lock_the_counsellor_out(settings, fake_rasa):
    dash = behind_proxy(settings, fake_rasa)
    ana = dash.user("ana@helpline.example")
    browser = TestClient(Peer(dash.app))  # Ana's usual browser: signs in once, keeps the device cookie
    assert (
        attempt(browser, ana.email, PASSWORD, peer=PROXY, **{"X-Real-IP": "203.0.113.10"}).status_code == 200
    )
    assert browser.cookies.get(DEVICE_COOKIE)
    attacker = TestClient(Peer(dash.app))
    statuses = []
    for index in range(60):  # 12 addresses, 5 guesses each
        ip = f"198.51.100.{index // 5}"
        statuses.append(attempt(attacker, ana.email, peer=PROXY, **{"X-Real-IP": ip}).status_code)
    assert statuses.count(401) == PER_ACCOUNT_UNKNOWN_CLIENTS  # the slower account-wide limit
    assert statuses.count(429) == 60 - PER_ACCOUNT_UNKNOWN_CLIENTS
    # Ana, from her own browser, from any address, still signs in.
    for ip in ("203.0.113.10", "203.0.113.99", "198.51.100.1"):
        browser.cookies.delete("helpline_session")
        reply = attempt(browser, ana.email, PASSWORD, peer=PROXY, **{"X-Real-IP": ip})
        assert reply.status_code == 200, reply.text


def test_a_device_cookie_counts_only_for_its_own_account(settings, fake_rasa):
    dash = behind_proxy(settings, fake_rasa)
    ana = dash.user("ana@helpline.example")
    bo = dash.user("bo@helpline.example")
    client = TestClient(Peer(dash.app))
    for index in range(PER_ACCOUNT_UNKNOWN_CLIENTS):  # Bo's unknown-clients limit is reached
        attempt(client, bo.email, peer=PROXY, **{"X-Real-IP": f"198.51.100.{index}"})
    forged = [
        device_cookie_for(dash.settings.secret_key, ana.email),  # Ana's device, not Bo's
        device_cookie_for("another key", bo.email),
        "abc.def",
        "x" * 500,
    ]
    for cookie in forged:
        other = TestClient(Peer(dash.app), cookies={DEVICE_COOKIE: cookie})
        assert (
            attempt(other, bo.email, PASSWORD, peer=PROXY, **{"X-Real-IP": "203.0.113.1"}).status_code == 429
        )
    real = TestClient(
        Peer(dash.app), cookies={DEVICE_COOKIE: device_cookie_for(dash.settings.secret_key, bo.email)}
    )
    assert attempt(real, bo.email, PASSWORD, peer=PROXY, **{"X-Real-IP": "203.0.113.1"}).status_code == 200


def test_wrong_passwords_from_a_known_device_still_lock_that_device(dash, counsellor):
    client = dash.client()
    assert attempt(client, counsellor.email, PASSWORD).status_code == 200
    for _ in range(PER_ACCOUNT_CLIENT):
        assert attempt(client, counsellor.email).status_code == 401
    assert attempt(client, counsellor.email, PASSWORD).status_code == 429


def test_counters_hold_no_email_or_address(dash, counsellor):
    attempt(dash.client(), counsellor.email)
    with dash.engine.connect() as conn:
        keys = [row.key for row in conn.execute(select(rate_limits))]
    assert len(keys) == 3 and all(len(key) == 64 for key in keys)
    assert not any("ana" in key or "testclient" in key for key in keys)


# ----------------------------------------------------------------------------- redirect after login

HOSTILE_NEXT = [
    "/\t/evil.example",  # what /login?next=/%09/evil.example arrives as
    "/\n/evil.example",
    "/\r/evil.example",
    "/\r\n/evil.example",
    "/ /evil.example",
    "/\x00/evil.example",
    "/\x0b/evil.example",
    "/\u3000/evil.example",
    "/\u200b/evil.example",
    "/\\evil.example",
    "/\\/evil.example",
    "\\\\evil.example",
    "//evil.example",
    "///evil.example",
    "//evil.example/path?x=1",
    "https://evil.example",
    "http:/evil.example",
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "evil.example",
    " /evil",
    "\t//evil.example",
    "/%09/evil.example",
    "/%0a/evil.example",
    "/%0D%0A/evil.example",
    "/%5cevil.example",
    "/%5C%5Cevil.example",
    "/%2f/evil.example",
    "/%2F%2Fevil.example",
    "%2f%2fevil.example",
    "/%252f%252fevil.example",
    "/%25252f%25252fevil.example",
    "/%2509/evil.example",
    "/%00/evil.example",
    "/%e3%80%80/evil.example",
    "/%" + "25" * 6 + "2f/evil.example",  # "/" encoded seven times over
    "/" + "a" * 3000,
    "",
]
SAFE_NEXT = [
    "/",
    "/handoffs/4",
    "/supervisor/audit?handoff_id=3&action=view",
    "/availability#today",
    "/users/a-b_c.d",
]


@pytest.mark.parametrize("target", HOSTILE_NEXT)
def test_login_never_redirects_off_site(dash, counsellor, target):
    url = "/login?" + urlencode({"next": target})
    assert 'data-next="/"' in dash.client().get(url).text  # where the sign-in form goes after
    signed_in = dash.login(counsellor)
    reply = signed_in.get(url, follow_redirects=False)
    assert reply.status_code == 303 and reply.headers["location"] == "/"


@pytest.mark.parametrize("target", SAFE_NEXT)
def test_login_returns_to_pages_of_the_site(dash, counsellor, target):
    reply = dash.login(counsellor).get("/login?" + urlencode({"next": target}), follow_redirects=False)
    assert reply.status_code == 303 and reply.headers["location"] == target


# ----------------------------------------------------------------------------- the dev simulator


def test_simulator_needs_a_session(dash):
    anonymous = dash.client()
    page = anonymous.get("/simulator", follow_redirects=False)
    assert page.status_code == 303 and page.headers["location"] == "/login?next=/simulator"
    assert anonymous.get("/simulator/api/numbers").status_code == 401
    assert (
        anonymous.get(
            "/simulator/api/outbox", params={"channel": "sms", "number": "+85291234567"}
        ).status_code
        == 401
    )
    body = {"channel": "sms", "number": "+85291234567", "text": "hi"}
    assert anonymous.post("/simulator/api/send", json=body).status_code == 401


@pytest.mark.parametrize(
    ("content", "headers"),
    [
        ('{"channel":"sms","number":"+85291234567","text":"hi"}', {}),  # no content type at all
        ('{"channel":"sms","number":"+85291234567","text":"hi"}', {"Content-Type": "text/plain"}),
        ("channel=sms&number=%2B85291234567&text=hi", {"Content-Type": "application/x-www-form-urlencoded"}),
        ("--b\r\n", {"Content-Type": "multipart/form-data; boundary=b"}),
    ],
)
def test_simulator_refuses_a_cross_site_post(dash, counsellor, content, headers):
    """A page on another site can make the browser post with its cookies, but without the CSRF header
    and only with a form content type; both are refused, and nothing reaches Rasa."""
    session = dash.login(counsellor)
    assert session.client.post("/simulator/api/send", content=content, headers=headers).status_code == 403
    with_csrf = {**headers, "X-CSRF-Token": session.csrf}
    assert session.client.post("/simulator/api/send", content=content, headers=with_csrf).status_code == 415


def test_simulator_works_signed_in(dash, counsellor, monkeypatch):
    session = dash.login(counsellor)
    assert "Texter simulator" in session.get("/simulator").text
    assert session.get("/simulator/api/numbers").json()["Hong Kong"] == "+85291234567"
    sent: list[dict] = []

    class Reply:
        status_code = 200
        text = "<Response><Message>hello</Message></Response>"

    class FakeClient:
        def __init__(self, **_kwargs) -> None:
            pass

        async def __aenter__(self):
            return self

        async def __aexit__(self, *_args) -> None:
            return None

        async def post(self, url, data, headers):
            sent.append({"url": url, "data": data, "headers": headers})
            return Reply()

    monkeypatch.setattr("dashboard.simulator.httpx.AsyncClient", FakeClient)
    reply = session.post(
        "/simulator/api/send", json={"channel": "sms", "number": "+85291234567", "text": "hi"}
    )
    assert reply.status_code == 200 and reply.json()["messages"] == ["hello"]
    assert sent and sent[0]["headers"]["X-Twilio-Signature"]
    assert (
        session.get("/simulator/api/outbox", params={"channel": "sms", "number": "+85291234567"}).json() == []
    )


# ----------------------------------------------------------------------------- the live event stream


def test_for_viewer_keeps_to_what_the_viewer_may_see(dash, counsellor, colleague, supervisor):
    waiting = dash.seed()
    theirs = dash.seed()
    mine = dash.seed()
    dash.handoffs.claim_if_free(theirs.id, colleague.id)
    dash.handoffs.claim_if_free(mine.id, counsellor.id)
    ids = [waiting.id, theirs.id, mine.id, 9999]
    now, window = utcnow(), dash.settings.closed_access
    known: set[int] = set()
    assert for_viewer(ids, counsellor, dash.handoffs.get, now, window, known) == [waiting.id, mine.id]
    assert for_viewer(ids, colleague, dash.handoffs.get, now, window, set()) == [waiting.id, theirs.id]
    assert for_viewer(ids, supervisor, dash.handoffs.get, now, window, set()) == [
        waiting.id,
        theirs.id,
        mine.id,
    ]
    # The colleague claims the waiting one: the counsellor is told once (their page drops it), then no more.
    dash.handoffs.claim_if_free(waiting.id, colleague.id)
    assert for_viewer([waiting.id], counsellor, dash.handoffs.get, now, window, known) == [waiting.id]
    assert for_viewer([waiting.id], counsellor, dash.handoffs.get, now, window, known) == []


def test_event_stream_never_names_another_counsellors_handoff(live_server, counsellor, colleague):
    dash = live_server.dash
    dash.app.state.sse_poll_seconds = 0.1
    theirs = dash.seed()
    dash.handoffs.claim_if_free(theirs.id, colleague.id)
    waiting = dash.seed()
    session = dash.login(counsellor)
    announced: list[list[int]] = []
    with httpx.Client(base_url=live_server.url, cookies=dict(session.client.cookies), timeout=10) as client:
        with client.stream("GET", "/api/events") as stream:
            for raw in stream.iter_lines():
                line = raw.rstrip("\r\n")
                if line.startswith("event: hello"):
                    dash.handoffs.escalate(theirs.id, "urgent", "crisis")  # the colleague's: never told
                    dash.app.state.sender._record(theirs.conversation_id, "sms", "reply", "outbox", None)
                    dash.handoffs.escalate(waiting.id, "urgent", "crisis")  # the queue's: told
                if line.startswith('data: {"ids"'):
                    announced.append(json.loads(line[6:])["ids"])
                    if waiting.id in announced[-1]:
                        break
    assert announced and all(theirs.id not in ids for ids in announced)
