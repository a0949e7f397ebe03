"""Issue 16, new public surfaces: rate limits that hold across dashboard replicas
(helpline/store/rate_limit.py).

Two app instances on one shared store stand for two replicas behind the proxy: a limit is counted once
across both. Refusals are 429 with Retry-After, never a 5xx; the report page's refusal says nothing
about whether a token exists. The Redis counters are tested in tests/postgres/test_rate_limit_redis.py.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
import secrets
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from dashboard import report_page, webchat
from dashboard.app import create_app
from dashboard.security import PER_ACCOUNT_CLIENT
from helpline.jobs import purge
from helpline.settings import clock
from helpline.store.db import rate_limits
from helpline.store.rate_limit import Decision, RateLimiter, SqlCounters, limit_key
from helpline.store.report_facts import ReportFactsStore, new_page
from tests.dashboard.conftest import Dashboard
from tests.dashboard.test_hardening import PROXY, Peer


class EchoForward:
    async def __call__(self, payload: dict) -> dict:
        return {"messages": ["ok"], "language": "en", "script": "Latn"}


def replicas(dash: Dashboard, count: int = 2, proxies: tuple[str, ...] = ()) -> list[TestClient]:
    """`count` dashboard instances on the same database (as replicas share PostgreSQL), one client each."""
    settings = dataclasses.replace(dash.settings, trusted_proxies=proxies)
    clients = []
    for _ in range(count):
        app = create_app(settings, rasa=dash.rasa)
        app.state.web_chat_forward = EchoForward()
        clients.append(TestClient(Peer(app)))
    return clients


def send(client: TestClient, session: str, **headers):
    return client.post("/chat/api/send", json={"session": session, "text": "hi"}, headers=headers)


@pytest.mark.parametrize("count", [2, 3])
def test_a_chat_sessions_limit_holds_across_replicas(dash: Dashboard, count: int) -> None:
    clients = replicas(dash, count)
    session = secrets.token_urlsafe(32)
    limit, window = webchat.LIMITS["send_session"]
    replies = [send(client, session) for client in itertools.islice(itertools.cycle(clients), limit + 4)]
    codes = [reply.status_code for reply in replies]
    assert codes[:limit] == [200] * limit and set(codes[limit:]) == {429}, codes
    refused = replies[-1]
    assert 0 < int(refused.headers["retry-after"]) <= window.total_seconds()
    assert "wait" in refused.json()["detail"]


def test_a_clients_limit_holds_across_replicas_and_their_sessions(dash: Dashboard) -> None:
    clients = replicas(dash)
    limit, _ = webchat.LIMITS["send_client"]
    codes = [send(clients[index % 2], secrets.token_urlsafe(32)).status_code for index in range(limit + 3)]
    assert codes.count(200) == limit and codes[limit:] == [429] * 3


def test_new_chats_are_limited_across_replicas(dash: Dashboard) -> None:
    clients = replicas(dash)
    limit, _ = webchat.LIMITS["start"]
    codes = [clients[index % 2].post("/chat/api/start").status_code for index in range(limit + 2)]
    assert codes[:limit] == [200] * limit and codes[limit:] == [429, 429]


def test_concurrent_sends_to_two_replicas_take_exactly_the_limit(dash: Dashboard) -> None:
    clients = replicas(dash)
    session = secrets.token_urlsafe(32)
    limit, _ = webchat.LIMITS["send_session"]
    threads = limit * 2
    barrier = threading.Barrier(threads)

    def one(index: int) -> int:
        barrier.wait()
        return send(clients[index % 2], session).status_code

    with ThreadPoolExecutor(threads) as pool:
        codes = list(pool.map(one, range(threads)))
    assert codes.count(200) == limit and codes.count(429) == threads - limit


def test_texters_behind_the_proxy_are_limited_each_by_their_own_address(dash: Dashboard) -> None:
    """Behind nginx every connection comes from the proxy: the limit must follow X-Real-IP (from a
    trusted proxy only), or every texter would share one budget."""
    clients = replicas(dash, proxies=(f"{PROXY}/32",))
    limit, _ = webchat.LIMITS["send_client"]
    for texter in ("203.0.113.7", "2001:db8::9"):
        codes = [
            send(clients[i % 2], secrets.token_urlsafe(32), **{"X-Test-Peer": PROXY, "X-Real-IP": texter})
            for i in range(limit)
        ]
        assert {reply.status_code for reply in codes} == {200}, texter
    spoofed = send(
        clients[0], secrets.token_urlsafe(32), **{"X-Test-Peer": "198.51.100.1", "X-Real-IP": "1.2.3.4"}
    )
    assert spoofed.status_code == 200  # not a trusted proxy: its own address, its own fresh budget


def test_a_window_ends(dash: Dashboard) -> None:
    (client,) = replicas(dash, 1)
    session = secrets.token_urlsafe(32)
    limit, window = webchat.LIMITS["send_session"]
    start = dt.datetime(2026, 12, 3, 6, 0, tzinfo=dt.timezone.utc)
    with clock.frozen(start):
        assert [send(client, session).status_code for _ in range(limit + 1)][-1] == 429
        clock.advance(window)
        assert send(client, session).status_code == 200


def test_a_store_failure_lets_a_texter_through_and_is_never_a_5xx(dash: Dashboard) -> None:
    class Broken:
        def take(self, key, limit, window):
            raise RuntimeError("database down")

    (client,) = replicas(dash, 1)
    client.app.app.state.web_chat_limits = RateLimiter(Broken(), webchat.LIMITS)
    assert send(client, secrets.token_urlsafe(32)).status_code == 200
    assert RateLimiter(Broken(), webchat.LIMITS, fail_open=False).check("start", "x") == Decision(False, 30)


# ----------------------------------------------------------------------------- the report page


def a_page(dash: Dashboard) -> str:
    handoff = dash.seed()
    ReportFactsStore(dash.engine, dash.cipher).replace(handoff.conversation_id, {"handles": ["@jason_88"]})
    token, _ = new_page(dash.engine, handoff.conversation_id)
    return token


@pytest.mark.parametrize("method", ["get", "post"])
def test_a_hammered_token_gets_429_whether_it_exists_or_not(dash: Dashboard, method: str) -> None:
    real, made_up = a_page(dash), secrets.token_urlsafe(12)
    limit, window = report_page.LIMITS["pack_token"]
    clients = replicas(dash, proxies=(f"{PROXY}/32",))
    answers = {}
    for token in (real, made_up):
        codes = []
        for index in range(limit + 2):
            # a fresh address each time: only the token's own limit can refuse
            headers = {"X-Test-Peer": PROXY, "X-Real-IP": f"203.0.113.{index + 1}"}
            reply = getattr(clients[index % 2], method)(f"/pack/{token}", headers=headers)
            codes.append(reply.status_code)
        assert codes[:limit] == [200 if token == real else 404] * limit, codes
        assert codes[limit:] == [429, 429], (token == real, codes)
        answers[token] = reply
    refused_real, refused_made_up = answers[real], answers[made_up]
    assert refused_real.text == refused_made_up.text  # the refusal says nothing about existence
    assert refused_real.headers["retry-after"] and refused_made_up.headers["retry-after"]
    assert 0 < int(refused_real.headers["retry-after"]) <= window.total_seconds()
    assert "jason" not in refused_real.text and "noindex" in refused_real.headers["x-robots-tag"]


def test_a_client_guessing_tokens_is_refused_across_replicas(dash: Dashboard) -> None:
    real = a_page(dash)
    limit, _ = report_page.LIMITS["pack_client"]
    clients = replicas(dash)
    codes = [
        clients[index % 2].get(f"/pack/{secrets.token_urlsafe(12)}").status_code for index in range(limit)
    ]
    assert set(codes) == {404}
    assert clients[0].post(f"/pack/{real}").status_code == 429  # even the right one, now
    assert clients[1].get(f"/pack/{real}").status_code == 429


@pytest.mark.parametrize(
    "headers",
    [
        {"content-length": "1025"},
        {"content-length": "99999999"},
        {"content-length": "-1"},
        {"content-length": "x"},
    ],
)
def test_an_oversized_post_to_the_report_page_is_refused(dash: Dashboard, headers: dict) -> None:
    token = a_page(dash)
    (client,) = replicas(dash, 1)
    reply = client.post(f"/pack/{token}", content=b"", headers=headers)
    assert reply.status_code in (400, 413) and "jason" not in reply.text


def test_a_large_form_body_is_refused_before_anything(dash: Dashboard) -> None:
    token = a_page(dash)
    (client,) = replicas(dash, 1)
    reply = client.post(f"/pack/{token}", data={"x": "y" * 5000})
    assert reply.status_code == 413 and "jason" not in reply.text
    assert client.post(f"/pack/{token}", data={}).status_code == 200


def test_an_overlong_token_is_never_looked_up(dash: Dashboard, monkeypatch) -> None:
    looked_up: list[str] = []
    monkeypatch.setattr(report_page, "page_conversation", lambda engine, token: looked_up.append(token))
    (client,) = replicas(dash, 1)
    for token in ("a" * 65, "b" * 5000):
        assert client.get(f"/pack/{token}").status_code == 404
    assert looked_up == []


# ----------------------------------------------------------------------------- the sign-in throttle


def test_the_sign_in_throttle_holds_across_replicas(dash: Dashboard, counsellor) -> None:
    clients = replicas(dash)
    codes = [
        clients[index % 2]
        .post("/api/login", json={"email": counsellor.email, "password": "wrong"})
        .status_code
        for index in range(PER_ACCOUNT_CLIENT + 2)
    ]
    assert codes == [401] * PER_ACCOUNT_CLIENT + [429, 429]


# ----------------------------------------------------------------------------- the counters


def test_counters_hold_hashes_only_and_ended_windows_are_purged(dash: Dashboard) -> None:
    limiter = RateLimiter(SqlCounters(dash.engine), {"pack_token": (2, dt.timedelta(hours=1))})
    start = dt.datetime(2026, 12, 3, 6, 0, tzinfo=dt.timezone.utc)
    with clock.frozen(start):
        assert limiter.check("pack_token", "secret-token-value").allowed
    with dash.engine.connect() as conn:
        (row,) = conn.execute(select(rate_limits)).all()
    assert row.key == limit_key("pack_token", "secret-token-value") and "secret" not in row.key
    before = purge.purgers()
    purge.register_builtin_purgers(None, dash.settings.var_dir)
    try:
        assert purge.purge(dash.engine, start + dt.timedelta(minutes=59))["rate_limits"] == 0
        assert purge.purge(dash.engine, start + dt.timedelta(hours=1, seconds=1))["rate_limits"] == 1
    finally:
        for store in purge.purgers():
            purge.unregister_purger(store)
        for store, purger in before.items():
            purge.register_purger(store, purger.kind, purger.run)


@pytest.mark.parametrize("crisis", ["i want to kill myself", "我想死", "我唔想再生存落去"])
def test_a_crisis_message_is_never_held_back_by_its_chats_limit(dash: Dashboard, crisis: str) -> None:
    """A person in crisis may write fast: their chat's own limit does not hold a crisis message back
    (the per-address limit still does, so crisis words cannot flood the queue)."""
    clients = replicas(dash)
    session = secrets.token_urlsafe(32)
    limit, _ = webchat.LIMITS["send_session"]
    codes = [send(clients[i % 2], session).status_code for i in range(limit + 1)]
    assert codes[-1] == 429
    body = {"session": session, "text": crisis}
    assert clients[0].post("/chat/api/send", json=body).status_code == 200
    assert send(clients[1], session).status_code == 429  # the chat's limit still holds for the rest
    client_limit, _ = webchat.LIMITS["send_client"]
    for _ in range(client_limit):
        clients[0].post("/chat/api/send", json={"session": secrets.token_urlsafe(32), "text": crisis})
    assert clients[1].post("/chat/api/send", json=body).status_code == 429


def test_the_page_keeps_an_unsent_message_and_gives_help_in_every_language(dash: Dashboard) -> None:
    script = dash.client().get("/static/chat.js").text
    assert "input.value = text" in script  # a refused or failed message goes back into the box
    for words in ("emergency number", "緊急電話", "紧急电话"):
        assert words in script
