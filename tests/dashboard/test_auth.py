"""Sign-in, sessions, CSRF, JSON-only requests, rate limiting and roles."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from sqlalchemy import select, update

from dashboard.app import create_app
from dashboard.security import CSRF_COOKIE, SESSION_COOKIE, token_hash
from dashboard.tables import sessions
from helpline.store.db import audit_log, utcnow
from tests.dashboard.conftest import PASSWORD, Dashboard, Session

API_ROUTES = [
    ("GET", "/api/handoffs"),
    ("GET", "/api/handoffs?status=waiting"),
    ("GET", "/api/handoffs/1"),
    ("POST", "/api/handoffs/1/claim"),
    ("POST", "/api/handoffs/1/messages"),
    ("POST", "/api/handoffs/1/notes"),
    ("POST", "/api/handoffs/1/close"),
    ("POST", "/api/handoffs/1/transfer"),
    ("GET", "/api/events"),
    ("POST", "/api/logout"),
    ("GET", "/api/me"),
    ("POST", "/api/me/availability"),
    ("GET", "/api/team"),
    ("GET", "/api/users"),
    ("POST", "/api/users"),
    ("POST", "/api/users/1/active"),
    ("GET", "/api/audit"),
    ("GET", "/api/metrics"),
]


def set_cookie_headers(reply) -> dict[str, str]:
    headers = {}
    for raw in reply.headers.get_list("set-cookie"):
        headers[raw.split("=", 1)[0]] = raw.lower()
    return headers


def audit_actions(dash: Dashboard) -> list[tuple]:
    with dash.engine.connect() as conn:
        return [
            (row.action, row.user_id, row.handoff_id, row.detail)
            for row in conn.execute(select(audit_log).order_by(audit_log.c.id))
        ]


def test_login_sets_an_httponly_session_and_a_readable_csrf_cookie(dash, counsellor):
    client = dash.client()
    reply = client.post("/api/login", json={"email": "ANA@helpline.example ", "password": PASSWORD})
    assert reply.status_code == 200
    assert reply.json()["user"]["email"] == "ana@helpline.example"
    assert reply.json()["user"]["role"] == "counsellor"
    cookies = set_cookie_headers(reply)
    session, csrf = cookies[SESSION_COOKIE], cookies[CSRF_COOKIE]
    assert "httponly" in session and "samesite=lax" in session and "max-age=28800" in session
    assert "httponly" not in csrf and "samesite=lax" in csrf
    assert "secure" not in session  # dev serves plain http
    assert reply.json()["csrf_token"] == client.cookies.get(CSRF_COOKIE)
    assert client.get("/api/me").json()["id"] == counsellor.id
    assert ("login", counsellor.id, None, None) in audit_actions(dash)


def test_only_a_hash_of_the_session_token_is_stored(dash, counsellor):
    session = dash.login(counsellor)
    token = session.client.cookies.get(SESSION_COOKIE)
    with dash.engine.connect() as conn:
        stored = conn.execute(select(sessions.c.token_hash)).scalars().all()
    assert stored == [token_hash(token)]
    assert token not in stored


def test_cookies_are_secure_in_production(settings, fake_rasa):
    production = dataclasses.replace(settings, env="production")
    app = create_app(production, rasa=fake_rasa)
    app.state.accounts.create("pat@helpline.example", "Pat", PASSWORD)
    from fastapi.testclient import TestClient

    reply = TestClient(app, base_url="https://testserver").post(
        "/api/login", json={"email": "pat@helpline.example", "password": PASSWORD}
    )
    cookies = set_cookie_headers(reply)
    assert "secure" in cookies[SESSION_COOKIE] and "secure" in cookies[CSRF_COOKIE]


def test_wrong_password_is_401_json_and_audited(dash, counsellor):
    reply = dash.client().post("/api/login", json={"email": counsellor.email, "password": "wrong password!"})
    assert reply.status_code == 401
    assert reply.headers["content-type"].startswith("application/json")
    assert SESSION_COOKIE not in reply.headers.get("set-cookie", "")
    assert ("login_failed", counsellor.id, None, None) in audit_actions(dash)
    unknown = dash.client().post("/api/login", json={"email": "nobody@x.example", "password": "whatever123"})
    assert unknown.status_code == 401


def test_login_must_be_json(dash, counsellor):
    reply = dash.client().post(
        "/api/login",
        content=f"email={counsellor.email}&password={PASSWORD}",
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    assert reply.status_code == 415


def test_five_failures_per_email_then_429_even_with_the_right_password(dash, counsellor):
    client = dash.client()
    for _ in range(5):
        assert (
            client.post("/api/login", json={"email": counsellor.email, "password": "nope"}).status_code == 401
        )
    blocked = client.post("/api/login", json={"email": counsellor.email, "password": PASSWORD})
    assert blocked.status_code == 429
    assert 890 <= int(blocked.headers["retry-after"]) <= 901  # the 15-minute window, counting down
    assert any(action == "login_throttled" for action, *_ in audit_actions(dash))


def test_thirty_failures_from_one_address_block_other_emails_too(dash, counsellor):
    """One address spraying many accounts (README "Sign-in throttling": 30 per 15 minutes)."""
    from dashboard.security import PER_CLIENT

    client = dash.client()
    for index in range(PER_CLIENT - 1):
        client.post("/api/login", json={"email": f"guess{index}@x.example", "password": "nope"})
    assert client.post("/api/login", json={"email": "last@x.example", "password": "nope"}).status_code == 401
    assert (
        client.post("/api/login", json={"email": counsellor.email, "password": PASSWORD}).status_code == 429
    )


def test_failures_older_than_15_minutes_do_not_count(dash, counsellor):
    from dashboard.security import WINDOW
    from dashboard.tables import rate_limits

    client = dash.client()
    for _ in range(5):
        client.post("/api/login", json={"email": counsellor.email, "password": "nope"})
    with dash.engine.begin() as conn:
        conn.execute(update(rate_limits).values(expires_at=utcnow() + WINDOW - dt.timedelta(minutes=16)))
    assert (
        client.post("/api/login", json={"email": counsellor.email, "password": PASSWORD}).status_code == 200
    )


@pytest.mark.parametrize(("method", "path"), API_ROUTES)
def test_every_api_route_needs_a_session(dash, method, path):
    client = dash.client()
    reply = client.request(method, path, json={} if method == "POST" else None)
    assert reply.status_code == 401, (method, path, reply.text)


@pytest.mark.parametrize(("method", "path"), [r for r in API_ROUTES if r[0] == "POST"])
def test_every_post_needs_the_csrf_header(dash, supervisor, method, path):
    session = dash.login(supervisor)
    assert session.post(path, json={}, csrf=False).status_code == 403
    assert session.post(path, json={}, headers={"X-CSRF-Token": "forged"}).status_code == 403


def test_csrf_token_of_another_session_is_refused(dash, counsellor, colleague):
    mine, theirs = dash.login(counsellor), dash.login(colleague)
    reply = mine.client.post(
        "/api/me/availability",
        json={"available": True},
        headers={"X-CSRF-Token": theirs.csrf},
        cookies={CSRF_COOKIE: theirs.csrf},
    )
    assert reply.status_code == 403
    assert mine.post("/api/me/availability", json={"available": True}).status_code == 200


def test_state_changes_must_be_json(dash, counsellor):
    handoff = dash.seed()
    session = dash.login(counsellor)
    reply = session.post(
        f"/api/handoffs/{handoff.id}/notes", content="text=hello", headers={"Content-Type": "text/plain"}
    )
    assert reply.status_code == 415
    form = session.post(
        "/api/me/availability",
        content="available=true",
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    assert form.status_code == 415


def test_malformed_json_is_422(dash, counsellor):
    session = dash.login(counsellor)
    reply = session.post(
        "/api/me/availability", content="{not json", headers={"Content-Type": "application/json"}
    )
    assert reply.status_code == 422


def test_logout_ends_the_session(dash, counsellor):
    session = dash.login(counsellor)
    old_cookie = session.client.cookies.get(SESSION_COOKIE)
    assert session.post("/api/logout").status_code == 200
    assert session.get("/api/me").status_code == 401
    replay = dash.client()
    replay.cookies.set(SESSION_COOKIE, old_cookie)
    assert replay.get("/api/me").status_code == 401
    assert ("logout", counsellor.id, None, None) in audit_actions(dash)


def test_sessions_expire_after_30_idle_minutes(dash, counsellor):
    session = dash.login(counsellor)
    with dash.engine.begin() as conn:
        conn.execute(update(sessions).values(last_seen_at=utcnow() - dt.timedelta(minutes=31)))
    assert session.get("/api/me").status_code == 401


def test_activity_keeps_a_session_alive_but_not_past_8_hours(dash, counsellor):
    session = dash.login(counsellor)
    with dash.engine.begin() as conn:
        conn.execute(update(sessions).values(last_seen_at=utcnow() - dt.timedelta(minutes=25)))
    assert session.get("/api/me").status_code == 200
    with dash.engine.connect() as conn:
        seen = conn.execute(select(sessions.c.last_seen_at)).scalar()
    assert utcnow() - seen < dt.timedelta(minutes=1)  # the request counted as activity
    with dash.engine.begin() as conn:
        conn.execute(update(sessions).values(expires_at=utcnow() - dt.timedelta(seconds=1)))
    assert session.get("/api/me").status_code == 401


def test_deactivated_accounts_lose_their_sessions(dash, supervisor, counsellor):
    theirs = dash.login(counsellor)
    boss = dash.login(supervisor)
    assert boss.post(f"/api/users/{counsellor.id}/active", json={"active": False}).status_code == 200
    assert theirs.get("/api/me").status_code == 401
    assert (
        dash.client().post("/api/login", json={"email": counsellor.email, "password": PASSWORD}).status_code
        == 401
    )
    assert boss.post(f"/api/users/{supervisor.id}/active", json={"active": False}).status_code == 409


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        ("GET", "/api/users", None),
        ("POST", "/api/users", {"email": "x@y.example", "password": "a" * 12, "display_name": "X"}),
        ("POST", "/api/users/1/active", {"active": False}),
        ("GET", "/api/audit", None),
        ("GET", "/api/metrics", None),
    ],
)
def test_supervisor_routes_refuse_counsellors(dash, counsellor, method, path, body):
    session = dash.login(counsellor)
    reply = session.get(path) if method == "GET" else session.post(path, json=body)
    assert reply.status_code == 403


def test_me_and_the_on_duty_switch(dash, counsellor):
    session = dash.login(counsellor)
    assert session.get("/api/me").json()["available"] is False
    assert dash.handoffs.counsellors_on_duty() == 0
    reply = session.post("/api/me/availability", json={"available": True})
    assert reply.status_code == 200 and reply.json()["available"] is True
    assert dash.handoffs.counsellors_on_duty() == 1
    assert session.post("/api/me/availability", json={"available": "yes"}).status_code == 422
    session.post("/api/me/availability", json={"available": False})
    assert dash.handoffs.counsellors_on_duty() == 0


def test_team_lists_colleagues_without_emails(dash, counsellor, colleague):
    team = dash.login(counsellor).get("/api/team").json()
    assert {p["display_name"] for p in team} == {"Ana", "Bo"}
    assert all("email" not in p for p in team)


def test_supervisor_creates_accounts(dash, supervisor):
    boss = dash.login(supervisor)
    created = boss.post(
        "/api/users",
        json={"email": "New@Helpline.example", "password": "a long passphrase", "display_name": "Nia"},
    )
    assert created.status_code == 201
    assert created.json()["role"] == "counsellor" and created.json()["email"] == "new@helpline.example"
    assert "password_hash" not in created.json()
    assert (
        dash.login("new@helpline.example", "a long passphrase").get("/api/me").json()["display_name"] == "Nia"
    )
    short = boss.post("/api/users", json={"email": "s@h.example", "password": "short", "display_name": "S"})
    assert short.status_code == 422
    duplicate = boss.post(
        "/api/users", json={"email": "new@helpline.example", "password": "another passphrase", "name": "N2"}
    )
    assert duplicate.status_code == 409
    bad_role = boss.post(
        "/api/users", json={"email": "r@h.example", "password": "x" * 12, "name": "R", "role": "admin"}
    )
    assert bad_role.status_code == 422
    listed = boss.get("/api/users").json()
    assert {u["email"] for u in listed} == {"sam@helpline.example", "new@helpline.example"}
    assert any(a == "user_created" and u == supervisor.id for a, u, _, _ in audit_actions(dash))


def test_passwords_are_argon2_hashes(dash, counsellor):
    from helpline.store.db import users

    with dash.engine.connect() as conn:
        stored = conn.execute(select(users.c.password_hash).where(users.c.id == counsellor.id)).scalar()
    assert stored.startswith("$argon2id$") and PASSWORD not in stored


def test_security_headers(dash, counsellor):
    reply = dash.client().get("/login")
    assert "script-src 'self'" in reply.headers["content-security-policy"]
    assert reply.headers["x-frame-options"] == "DENY"
    assert reply.headers["cache-control"] == "no-store"
    assert dash.client().get("/healthz").status_code == 200


def test_session_fixture_is_not_shared(dash, counsellor):
    a = dash.login(counsellor)
    b: Session = dash.anonymous()
    assert a.get("/api/me").status_code == 200
    assert b.get("/api/me").status_code == 401
