"""Issue 16, abuse: supervisors block a sender with a reason and an end, and unblock; audited; counsellors
cannot; the conversation page has the control. The dialogue side is tests/actions/test_blocked_senders.py."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from dashboard.accounts import User
from helpline.settings import clock
from helpline.store.blocks import BlockStore
from helpline.store.db import audit_log
from tests.dashboard.conftest import Dashboard


def audit_rows(dash: Dashboard, action: str) -> list:
    with dash.engine.connect() as conn:
        return conn.execute(select(audit_log).where(audit_log.c.action == action)).all()


def test_a_supervisor_blocks_the_texter_of_a_handoff_and_unblocks_them(
    dash: Dashboard, supervisor: User
) -> None:
    handoff = dash.seed()
    boss = dash.login(supervisor)
    assert boss.get(f"/api/handoffs/{handoff.id}/block").json() == {"block": None}

    made = boss.post(f"/api/handoffs/{handoff.id}/block", json={"reason": "harassment", "hours": 168})
    assert made.status_code == 201, made.text
    block = made.json()
    assert block["reason"] == "harassment" and block["conversation_id"] == handoff.conversation_id
    expires = dt.datetime.fromisoformat(block["expires_at"].rstrip("Z"))
    assert abs(expires - clock.naive_utc() - dt.timedelta(hours=168)) < dt.timedelta(minutes=1)
    assert BlockStore(dash.engine).active(handoff.conversation_id) is not None
    assert boss.get(f"/api/handoffs/{handoff.id}/block").json()["block"]["id"] == block["id"]
    assert [b["id"] for b in boss.get("/api/blocks").json()] == [block["id"]]
    again = boss.post(f"/api/handoffs/{handoff.id}/block", json={"reason": "spam", "hours": 24})
    assert again.status_code == 409

    (entry,) = audit_rows(dash, "block")
    assert entry.user_id == supervisor.id and entry.handoff_id == handoff.id
    assert entry.detail.startswith(f"block:{block['id']} reason:harassment until:")
    assert handoff.conversation_id not in entry.detail  # no identifier of the texter beyond the handoff

    lifted = boss.post(f"/api/handoffs/{handoff.id}/unblock")
    assert lifted.status_code == 200 and lifted.json()["lifted_at"]
    assert BlockStore(dash.engine).active(handoff.conversation_id) is None
    assert boss.post(f"/api/handoffs/{handoff.id}/unblock").status_code == 404
    (entry,) = audit_rows(dash, "unblock")
    assert entry.detail == f"block:{block['id']}" and entry.user_id == supervisor.id


def test_block_by_pseudonymous_id_and_it_expires(dash: Dashboard, supervisor: User) -> None:
    handoff = dash.seed()
    boss = dash.login(supervisor)
    body = {"conversation_id": handoff.conversation_id, "reason": "spam", "hours": 24}
    assert boss.post("/api/blocks", json=body).status_code == 201
    assert BlockStore(dash.engine).active(handoff.conversation_id) is not None
    later = clock.now() + dt.timedelta(hours=24, seconds=1)
    assert BlockStore(dash.engine).active(handoff.conversation_id, later) is None
    with clock.frozen(later):
        boss = dash.login(supervisor)  # a day later: a new session
        assert boss.get("/api/blocks").json() == []
        assert boss.post(f"/api/blocks/{handoff.conversation_id}/unblock").status_code == 404
        assert boss.post("/api/blocks", json=body).status_code == 201  # blocked anew after expiry


def test_counsellors_and_strangers_cannot_block(dash: Dashboard, counsellor: User) -> None:
    handoff = dash.seed()
    body = {"reason": "abuse", "hours": 24}
    assert dash.login(counsellor).post(f"/api/handoffs/{handoff.id}/block", json=body).status_code == 403
    assert dash.anonymous().post(f"/api/handoffs/{handoff.id}/block", json=body).status_code in (401, 403)
    assert dash.login(counsellor).get("/api/blocks").status_code == 403
    assert BlockStore(dash.engine).active(handoff.conversation_id) is None
    assert audit_rows(dash, "block") == []


def test_a_block_needs_a_known_reason_and_a_bounded_end(dash: Dashboard, supervisor: User) -> None:
    handoff = dash.seed()
    boss = dash.login(supervisor)
    url = f"/api/handoffs/{handoff.id}/block"
    for body in (
        {"reason": "he was rude to me, his number is +85291234567", "hours": 24},  # free text refused
        {"reason": "spam", "hours": 0},
        {"reason": "spam", "hours": 24 * 366},
        {"reason": "spam", "hours": "24"},
        {"reason": "spam"},
    ):
        assert boss.post(url, json=body).status_code == 422, body
    assert boss.post("/api/handoffs/999/block", json={"reason": "spam", "hours": 24}).status_code == 404
    assert boss.post(url, json={"reason": "spam", "hours": 24}, csrf=False).status_code == 403
    assert audit_rows(dash, "block") == []


def test_the_conversation_page_shows_the_control_to_supervisors_only(
    dash: Dashboard, supervisor: User, counsellor: User
) -> None:
    handoff = dash.seed()
    page = dash.login(supervisor).get(f"/handoffs/{handoff.id}")
    assert page.status_code == 200
    assert 'id="block-form"' in page.text and 'value="harassment"' in page.text
    claimed = dash.login(counsellor)
    assert claimed.post(f"/api/handoffs/{handoff.id}/claim").status_code == 200
    assert 'id="block-form"' not in claimed.get(f"/handoffs/{handoff.id}").text


def test_a_block_takes_a_waiting_handoff_out_of_the_queue(dash: Dashboard, supervisor: User) -> None:
    """Issue 16: "nothing reaches the queue" holds for a handoff that was already waiting: a block
    closes it (`blocked`), audits the close and moves it past the live stream's mark."""
    from dashboard.events import changed_handoffs

    handoff, other = dash.seed(priority="urgent"), dash.seed()
    mark = dash.handoffs.latest_change()
    boss = dash.login(supervisor)
    made = boss.post(f"/api/handoffs/{handoff.id}/block", json={"reason": "threats", "hours": 24})
    assert made.status_code == 201, made.text
    assert made.json()["closed_handoff"] == handoff.id and made.json()["open_handoff"] is None
    closed = dash.handoffs.get(handoff.id)
    assert closed.status == "closed" and closed.outcome == "blocked" and closed.closed_at is not None
    assert dash.handoffs.get(other.id).status == "waiting"  # only the blocked sender's
    waiting = boss.get("/api/handoffs", params={"status": "waiting"}).json()
    assert [h["id"] for h in waiting] == [other.id]
    (close,) = audit_rows(dash, "close")
    assert close.handoff_id == handoff.id and close.user_id == supervisor.id
    assert close.detail == "outcome:blocked"
    assert handoff.id in changed_handoffs(dash.engine, mark, None)  # the pages are told
    assert not any(call[0] == "append_events" for call in dash.rasa.calls)  # never paused: no resume


def test_a_block_by_id_closes_a_claimed_handoff_and_resumes_the_assistant(
    dash: Dashboard, supervisor: User, counsellor: User
) -> None:
    handoff = dash.seed(reason="crisis", priority="urgent")
    assert dash.login(counsellor).post(f"/api/handoffs/{handoff.id}/claim").status_code == 200
    body = {"conversation_id": handoff.conversation_id, "reason": "abuse", "hours": 2}
    made = dash.login(supervisor).post("/api/blocks", json=body)
    assert made.status_code == 201, made.text
    assert made.json()["closed_handoff"] == handoff.id
    assert dash.handoffs.get(handoff.id).outcome == "blocked"
    resumed = [c for c in dash.rasa.calls if c[0] == "append_events" and c[1] == handoff.conversation_id]
    assert resumed and resumed[0][2][0]["event"] == "resume"  # the pause ends before the close
    assert dash.handoffs.open_for(handoff.conversation_id) is None
    assert [row.detail for row in audit_rows(dash, "close")] == ["outcome:blocked"]


def test_a_claimed_handoff_stays_with_its_counsellor_when_rasa_is_down(
    dash: Dashboard, supervisor: User, counsellor: User
) -> None:
    """The block holds at once; the claimed conversation is not closed over a paused assistant (that
    would strand the texter): the answer names it, and its counsellor closes it as usual."""
    handoff = dash.seed()
    assert dash.login(counsellor).post(f"/api/handoffs/{handoff.id}/claim").status_code == 200
    dash.rasa.down = True
    made = dash.login(supervisor).post(
        f"/api/handoffs/{handoff.id}/block", json={"reason": "spam", "hours": 5}
    )
    assert made.status_code == 201, made.text
    assert made.json()["closed_handoff"] is None and made.json()["open_handoff"] == handoff.id
    assert BlockStore(dash.engine).active(handoff.conversation_id) is not None
    assert dash.handoffs.get(handoff.id).status == "claimed"
    assert audit_rows(dash, "close") == []


def test_a_block_of_a_sender_without_an_open_handoff_closes_nothing(
    dash: Dashboard, supervisor: User
) -> None:
    handoff = dash.seed()
    assert dash.handoffs.close(handoff.id, "supported")
    made = dash.login(supervisor).post(
        f"/api/handoffs/{handoff.id}/block", json={"reason": "spam", "hours": 1}
    )
    assert made.status_code == 201
    assert made.json()["closed_handoff"] is None and made.json()["open_handoff"] is None
    assert dash.handoffs.get(handoff.id).outcome == "supported"
