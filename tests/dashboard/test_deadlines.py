"""The threat's deadline in the queue (issue 14): `deadline_at` in the API, the order DESIGN.md gives (by
priority, within a priority the soonest deadline first and none last, then the longest waiting), the
`normal` -> `high` raise within DEADLINE_RAISES_WITHIN, and the countdown on the pages. The helpline clock
is fixed: nothing here reads the wall clock or waits."""

from __future__ import annotations

import asyncio
import datetime as dt

import pytest

from dashboard.views import remaining_label
from helpline.settings import clock
from helpline.store.handoffs import DEADLINE_RAISES_WITHIN, deadline_priority, register_deadline_job
from helpline.store.scheduler import Scheduler, registered, unregister

NOW = dt.datetime(2026, 12, 3, 12, 0, tzinfo=dt.timezone.utc)
HOUR = dt.timedelta(hours=1)


@pytest.fixture(autouse=True)
def fixed_clock():
    with clock.frozen(NOW):
        yield


def later(hours: float) -> dt.datetime:
    return NOW + dt.timedelta(hours=hours)


def test_the_raise_window_is_six_hours() -> None:
    assert DEADLINE_RAISES_WITHIN == dt.timedelta(hours=6)
    naive = NOW.replace(tzinfo=None)
    assert deadline_priority("normal", naive + 5 * HOUR, naive) == "high"
    assert deadline_priority("normal", naive + 6 * HOUR, naive) == "high"
    assert deadline_priority("normal", naive + 7 * HOUR, naive) == "normal"
    assert deadline_priority("normal", naive - HOUR, naive) == "high"  # just passed: still pressing
    assert deadline_priority("normal", naive - 7 * HOUR, naive) == "normal"  # stale
    assert deadline_priority("normal", None, naive) == "normal"
    assert deadline_priority("urgent", naive + HOUR, naive) == "urgent"  # never lowered


def test_queue_orders_by_priority_then_deadline_then_waiting(dash, counsellor):
    urgent = dash.seed(priority="urgent", reason="crisis", age_seconds=10)
    high_old = dash.seed(priority="high", reason="minor", age_seconds=900)
    high_deadline = dash.seed(priority="high", reason="minor", age_seconds=5)
    dash.handoffs.set_deadline(high_deadline.id, later(30))
    none_old = dash.seed(age_seconds=800)
    in_two_days = dash.seed(age_seconds=20)
    dash.handoffs.set_deadline(in_two_days.id, later(48))
    in_one_day = dash.seed(age_seconds=10)
    dash.handoffs.set_deadline(in_one_day.id, later(24))
    none_new = dash.seed(age_seconds=1)
    items = dash.login(counsellor).get("/api/handoffs?status=waiting").json()
    assert [h["id"] for h in items] == [
        urgent.id,
        high_deadline.id,  # within "high": a deadline before none, whatever the wait
        high_old.id,
        in_one_day.id,
        in_two_days.id,
        none_old.id,
        none_new.id,
    ]
    by_id = {h["id"]: h for h in items}
    assert by_id[in_one_day.id]["deadline_at"] == "2026-12-04T12:00:00Z"
    assert by_id[in_one_day.id]["deadline_seconds"] == 24 * 3600
    assert by_id[in_one_day.id]["deadline_label"] == "1 d 0 h left"
    assert by_id[none_old.id]["deadline_at"] is None
    assert by_id[none_old.id]["deadline_seconds"] is None
    assert by_id[in_one_day.id]["priority"] == "normal"  # a day away raises nothing


def test_a_close_deadline_at_creation_raises_normal_to_high(dash, counsellor):
    plain = dash.seed(age_seconds=600)
    pressing = dash.handoffs.open(
        "conversation-pressing",
        channel="sms",
        priority="normal",
        reason="requested",
        summary={},
        region="HK",
        deadline_at=later(2),
    )
    assert pressing.priority == "high" and pressing.reason == "requested"
    assert pressing.deadline_at == later(2).replace(tzinfo=None)
    items = dash.login(counsellor).get("/api/handoffs?status=waiting").json()
    assert [h["id"] for h in items] == [pressing.id, plain.id]
    assert items[0]["deadline_label"] == "2 h 00 min left"


def test_a_deadline_that_comes_close_later_raises_it(dash, counsellor):
    minor = dash.seed(priority="high", reason="minor", age_seconds=600)
    distant = dash.seed(age_seconds=10)
    dash.handoffs.set_deadline(distant.id, later(8))
    session = dash.login(counsellor)
    items = session.get("/api/handoffs?status=waiting").json()
    assert [(h["id"], h["priority"]) for h in items] == [(minor.id, "high"), (distant.id, "normal")]
    clock.advance(2 * HOUR + dt.timedelta(minutes=1))  # now 5 h 59 min before the deadline
    items = dash.login(counsellor).get("/api/handoffs?status=waiting").json()  # (idle sessions expire)
    # raised to high, and within high a deadline comes before none
    assert [(h["id"], h["priority"]) for h in items] == [(distant.id, "high"), (minor.id, "high")]
    assert items[0]["deadline_label"] == "5 h 59 min left"
    assert dash.handoffs.get(distant.id).priority == "high"  # stored, not only shown


def test_the_scheduler_job_raises_without_anyone_looking(dash):
    distant = dash.seed()
    dash.handoffs.set_deadline(distant.id, later(7))
    register_deadline_job(dash.engine)
    try:
        assert "handoff_deadlines" in registered()
        scheduler = Scheduler(dash.engine, jobs={"handoff_deadlines": registered()["handoff_deadlines"]})
        clock.advance(2 * HOUR)
        assert asyncio.run(scheduler.run_due()) == ["handoff_deadlines"]
    finally:
        unregister("handoff_deadlines")
    assert dash.handoffs.get(distant.id).priority == "high"


def test_a_later_deadline_replaces_the_earlier_one(dash):
    handoff = dash.seed()
    assert dash.handoffs.set_deadline(handoff.id, later(30))
    assert dash.handoffs.set_deadline(handoff.id, later(3))
    assert not dash.handoffs.set_deadline(handoff.id, later(3))  # unchanged
    refreshed = dash.handoffs.get(handoff.id)
    assert refreshed.deadline_at == later(3).replace(tzinfo=None)
    assert refreshed.priority == "high"
    # opening again (the texter asks for a person once more) with a new deadline replaces it too
    again = dash.handoffs.open(
        handoff.conversation_id,
        channel="sms",
        priority="normal",
        reason="requested",
        summary={},
        deadline_at=later(4),
    )
    assert again.id == handoff.id and again.deadline_at == later(4).replace(tzinfo=None)
    assert again.priority == "high"
    # and without one keeps it
    kept = dash.handoffs.open(
        handoff.conversation_id, channel="sms", priority="normal", reason="requested", summary={}
    )
    assert kept.deadline_at == later(4).replace(tzinfo=None)


def test_a_closed_handoff_keeps_its_deadline(dash):
    handoff = dash.seed()
    dash.handoffs.set_deadline(handoff.id, later(30))
    dash.handoffs.close(handoff.id, "supported")
    assert not dash.handoffs.set_deadline(handoff.id, later(1))
    assert dash.handoffs.get(handoff.id).deadline_at == later(30).replace(tzinfo=None)


def test_urgent_stays_urgent_and_stale_deadlines_raise_nothing(dash):
    urgent = dash.seed(priority="urgent", reason="crisis")
    dash.handoffs.set_deadline(urgent.id, later(1))
    stale = dash.seed()
    dash.handoffs.set_deadline(stale.id, later(-30))
    dash.handoffs.raise_for_deadlines()
    assert dash.handoffs.get(urgent.id).priority == "urgent"
    assert dash.handoffs.get(stale.id).priority == "normal"


def test_conversation_page_shows_the_countdown(dash, supervisor):
    handoff = dash.seed()
    dash.handoffs.set_deadline(handoff.id, later(2.5))
    page = dash.login(supervisor).get(f"/handoffs/{handoff.id}")
    assert page.status_code == 200
    assert 'id="deadline"' in page.text
    assert 'data-seconds="9000"' in page.text
    assert "2 h 30 min left" in page.text
    assert "/static/deadline.js" in page.text
    plain = dash.seed()
    other = dash.login(supervisor).get(f"/handoffs/{plain.id}").text
    assert 'id="deadline"' in other and "data-seconds" not in other  # hidden until one is stated


def test_queue_page_loads_the_countdown_script(dash, counsellor):
    page = dash.login(counsellor).get("/")
    assert "/static/deadline.js" in page.text
    script = dash.login(counsellor).get("/static/deadline.js")
    assert script.status_code == 200 and "data-seconds" in script.text


def test_remaining_label() -> None:
    assert remaining_label(None) == ""
    assert remaining_label(0) == "0 min left"
    assert remaining_label(59) == "0 min left"
    assert remaining_label(12 * 60) == "12 min left"
    assert remaining_label(2 * 3600 + 5 * 60) == "2 h 05 min left"
    assert remaining_label(3 * 86400 + 4 * 3600) == "3 d 4 h left"
    assert remaining_label(-3 * 60) == "passed 3 min ago"


def test_a_deadline_said_to_a_counsellor_updates_the_handoff(dash):
    handoff = dash.seed(region="GB")
    assert dash.handoffs.claim(handoff.id, dash.user("ana@helpline.example").id)
    assert not dash.handoffs.note_stated_deadline(handoff.id, "thank you for listening")
    assert dash.handoffs.note_stated_deadline(handoff.id, "he now says by midnight or he posts it")
    refreshed = dash.handoffs.get(handoff.id)
    assert refreshed.deadline_at == dt.datetime(2026, 12, 4, 0, 0)  # midnight in London (GMT)
    assert refreshed.priority == "normal"  # 12 hours away
    assert dash.handoffs.note_stated_deadline(handoff.id, "佢話兩個鐘內唔俾錢就發出去")
    assert dash.handoffs.get(handoff.id).priority == "high"
    dash.handoffs.close(handoff.id, "supported")
    assert not dash.handoffs.note_stated_deadline(handoff.id, "within 1 hour or else")
