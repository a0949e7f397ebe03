"""Issue 16, the review of the new surfaces: size caps on every POST the dashboard reads (without the
proxy's cap too), and the marks' access rules (counsellors mark, supervisors review; a counsellor never
reads the marks of a handoff they can no longer open). Rate limits: tests/dashboard/test_rate_limits.py."""

from __future__ import annotations

import datetime as dt

import pytest

from dashboard.deps import MAX_JSON_BYTES
from tests.dashboard.conftest import PASSWORD, Dashboard
from tests.dashboard.test_marks import texter_says

JSON = {"content-type": "application/json"}


def chunks(size: int, piece: int = 8192):
    sent = 0
    yield b'{"email": "a@b.c", "password": "'
    while sent < size:
        yield b"x" * piece
        sent += piece
    yield b'"}'


@pytest.mark.parametrize(
    "body",
    [
        {"content": b"{" + b" " * (MAX_JSON_BYTES + 1) + b"}"},  # declared
        {"content": chunks(MAX_JSON_BYTES * 4)},  # streamed, no length
        {"content": chunks(20 * 1024 * 1024, 256 * 1024)},  # 20 MB streamed
    ],
    ids=["declared", "streamed", "20MB"],
)
def test_an_oversized_sign_in_is_refused_before_it_is_read(dash: Dashboard, counsellor, body) -> None:
    reply = dash.client().post("/api/login", headers=JSON, **body)
    assert reply.status_code == 413
    ok = dash.client().post("/api/login", json={"email": counsellor.email, "password": PASSWORD})
    assert ok.status_code == 200  # nothing was counted against the account


@pytest.mark.parametrize(("field", "size"), [("email", 255), ("password", 1025), ("password", 60_000)])
def test_overlong_sign_in_fields_are_refused_unchecked(dash: Dashboard, counsellor, field, size) -> None:
    body = {"email": counsellor.email, "password": PASSWORD, field: "x" * size}
    assert dash.client().post("/api/login", json=body).status_code in (413, 422)


@pytest.mark.parametrize(
    ("path", "body"),
    [
        ("/api/handoffs/{id}/notes", {"text": "n" * (MAX_JSON_BYTES + 10)}),
        (
            "/api/handoffs/{id}/marks",
            {"message_at": "2026-12-03T00:00:00Z", "kind": "false_alarm", "x": "y" * 70_000},
        ),
        ("/api/handoffs/{id}/block", {"reason": "spam", "hours": 1, "x": "y" * 70_000}),
    ],
)
def test_oversized_bodies_to_signed_in_routes_are_refused(dash: Dashboard, supervisor, path, body) -> None:
    handoff = dash.seed()
    session = dash.login(supervisor)
    reply = session.post(path.format(id=handoff.id), json=body)
    assert reply.status_code == 413
    assert dash.handoffs.get(handoff.id).status == "waiting"  # nothing happened


def test_a_counsellor_no_longer_reads_the_marks_of_a_handoff_they_cannot_open(
    dash: Dashboard, counsellor, colleague, supervisor
) -> None:
    """Closed past the access window, or transferred to a colleague: the marks go with the handoff."""
    first, second = dash.seed(), dash.seed()
    ana = dash.login(counsellor)
    for handoff in (first, second):
        assert ana.post(f"/api/handoffs/{handoff.id}/claim").status_code == 200
        at = texter_says(dash, handoff, "he wants 500 dollars")
        made = ana.post(f"/api/handoffs/{handoff.id}/marks", json={"message_at": at, "kind": "false_alarm"})
        assert made.status_code == 201, made.text
    assert ana.post(f"/api/handoffs/{first.id}/close", json={"outcome": "supported"}).status_code == 200
    boss = dash.login(supervisor)
    assert boss.post(f"/api/handoffs/{second.id}/transfer", json={"user_id": colleague.id}).status_code == 200

    closed = dash.handoffs.get(first.id)
    dash.clock.set(closed.closed_at + dash.settings.closed_access - dt.timedelta(minutes=1))
    assert len(ana.get(f"/api/handoffs/{first.id}/marks").json()["marks"]) == 1  # within the window
    dash.clock.set(closed.closed_at + dash.settings.closed_access)
    for handoff in (first, second):
        refused = ana.get(f"/api/handoffs/{handoff.id}/marks")
        assert refused.status_code == 403 and "marks" not in refused.json()
        late = ana.post(
            f"/api/handoffs/{handoff.id}/marks",
            json={"message_at": texter_says(dash, handoff, "again"), "kind": "false_alarm"},
        )
        assert late.status_code == 403
        assert len(boss.get(f"/api/handoffs/{handoff.id}/marks").json()["marks"]) == 1  # supervisors
    assert len(dash.login(colleague).get(f"/api/handoffs/{second.id}/marks").json()["marks"]) == 1


def test_only_supervisors_review_or_list_marks(dash: Dashboard, counsellor) -> None:
    ana = dash.login(counsellor)
    for status in ("pending", "accepted", "rejected", ""):
        assert ana.get(f"/api/marks?status={status}").status_code == 403
    assert ana.post("/api/marks/1/review", json={"decision": "accept"}).status_code == 403
    assert dash.anonymous().get("/api/marks").status_code in (401, 403)
