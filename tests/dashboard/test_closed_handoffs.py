"""A closed handoff is a closed record (issue 16, "a counsellor keeps reading a texter's later
conversations"): its transcript ends where it closed and starts where the episode that led to it
started; its counsellor may open it for HELPLINE_CLOSED_ACCESS_HOURS after closing, supervisors
always; every view of a closed one is audited. Time is moved with the dashboard's clock, never slept.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest
from sqlalchemy import select

from dashboard.transcript import handoff_events
from helpline.settings.config import ConfigError, load_settings
from helpline.store.db import audit_log
from helpline.store.handoffs import Handoff
from tests.dashboard.conftest import Dashboard, Session

WINDOW = dt.timedelta(hours=72)  # the default HELPLINE_CLOSED_ACCESS_HOURS


def texts(session: Session, handoff_id: int) -> list[str]:
    reply = session.get(f"/api/handoffs/{handoff_id}")
    assert reply.status_code == 200, reply.text
    return [line["text"] for line in reply.json()["transcript"]]


def take_and_answer(session: Session, handoff: Handoff, text: str) -> None:
    assert session.post(f"/api/handoffs/{handoff.id}/claim").status_code == 200
    sent = session.post(f"/api/handoffs/{handoff.id}/messages", json={"text": text})
    assert sent.status_code == 200, sent.text


def close(session: Session, handoff: Handoff) -> Handoff:
    closed = session.post(f"/api/handoffs/{handoff.id}/close", json={"outcome": "supported"})
    assert closed.status_code == 200, closed.text
    return closed_handoff(session, handoff)


def closed_handoff(session: Session, handoff: Handoff) -> Handoff:
    store = session.client.app.state.handoffs  # type: ignore[attr-defined]
    found = store.get(handoff.id)
    assert found is not None and found.status == "closed" and found.closed_at is not None
    return found


def next_handoff(dash: Dashboard, earlier: Handoff, *said: str) -> Handoff:
    """The same texter writes again and asks for a counsellor: a new handoff of the same conversation."""
    for text in said:
        dash.rasa.say(earlier.conversation_id, "texter", text)
    handoff = dash.handoffs.open(
        earlier.conversation_id, channel=earlier.channel, priority="normal", reason="requested", summary={}
    )
    assert handoff.id != earlier.id
    return handoff


def audit_rows(dash: Dashboard, handoff_id: int) -> list[tuple]:
    with dash.engine.connect() as conn:
        rows = conn.execute(
            select(audit_log.c.action, audit_log.c.user_id, audit_log.c.detail)
            .where(audit_log.c.handoff_id == handoff_id, audit_log.c.action.in_(("view", "view_denied")))
            .order_by(audit_log.c.id)
        ).all()
    return [tuple(row) for row in rows]


@pytest.fixture()
def two_handoffs(dash, counsellor, colleague):
    """A held and closed #1; the texter wrote again, B took #2 and answered."""
    ana, bo = dash.login(counsellor), dash.login(colleague)
    first = dash.seed(texts=("someone has my photos",))
    take_and_answer(ana, first, "Ana here, you are not to blame")
    first = close(ana, first)
    second = next_handoff(dash, first, "he posted them again", "my school is 'St Example'")
    take_and_answer(bo, second, "Bo here, let's report the post")
    return ana, bo, first, second


def test_the_counsellor_of_a_closed_handoff_no_longer_sees_the_texters_next_handoff(two_handoffs) -> None:
    ana, _, first, _ = two_handoffs
    seen = texts(ana, first.id)
    assert "someone has my photos" in seen and "Ana here, you are not to blame" in seen
    for later in ("he posted them again", "my school is 'St Example'", "Bo here, let's report the post"):
        assert later not in seen
    assert "Welcome back." not in seen  # said by the assistant after the close


def test_the_next_handoff_starts_where_the_previous_one_closed(two_handoffs) -> None:
    _, bo, _, second = two_handoffs
    seen = texts(bo, second.id)
    assert seen == [
        "Welcome back.",
        "he posted them again",
        "my school is 'St Example'",
        "Bo here, let's report the post",
    ]


def test_messages_after_a_close_without_a_new_handoff_stay_out(dash, counsellor) -> None:
    ana = dash.login(counsellor)
    handoff = dash.seed(texts=("hello",))
    take_and_answer(ana, handoff, "I'm here")
    handoff = close(ana, handoff)
    dash.rasa.say(handoff.conversation_id, "texter", "thanks, one more thing")
    dash.rasa.say(handoff.conversation_id, "bot", "The assistant answers")
    assert texts(ana, handoff.id) == ["hello", "I'm here"]


def test_an_open_first_handoff_still_shows_the_whole_conversation(dash, counsellor) -> None:
    handoff = dash.seed(texts=("hi", "he wants money", "I want a person"))
    dash.rasa.say(handoff.conversation_id, "texter", "are you there?")
    assert texts(dash.login(counsellor), handoff.id) == [
        "hi",
        "he wants money",
        "I want a person",
        "are you there?",
    ]


def test_a_third_handoff_and_everyone_sees_only_their_own_part(dash, two_handoffs, supervisor) -> None:
    ana, bo, first, second = two_handoffs
    second = close(bo, second)
    third = next_handoff(dash, second, "it is happening a third time")
    carol = dash.login(dash.user("carol@helpline.example", name="Carol"))
    take_and_answer(carol, third, "Carol here")

    assert texts(carol, third.id) == ["Welcome back.", "it is happening a third time", "Carol here"]
    assert "it is happening a third time" not in texts(bo, second.id)
    assert "Bo here, let's report the post" in texts(bo, second.id)
    assert texts(ana, first.id) == ["someone has my photos", "Ana here, you are not to blame"]
    # A supervisor opens each handoff as the record of that handoff, not the whole history.
    sam = dash.login(supervisor)
    assert texts(sam, first.id) == texts(ana, first.id)
    assert texts(sam, second.id) == texts(bo, second.id)
    # Ana and Bo cannot open Carol's handoff; Carol cannot open theirs.
    assert ana.get(f"/api/handoffs/{third.id}").status_code == 403
    assert carol.get(f"/api/handoffs/{first.id}").status_code == 403
    assert carol.get(f"/api/handoffs/{second.id}").status_code == 403


def test_a_waiting_handoff_shows_the_queue_only_its_own_episode(dash, two_handoffs, counsellor) -> None:
    _, bo, _, second = two_handoffs
    close(bo, second)
    waiting = next_handoff(dash, second, "please help again")
    carol = dash.login(dash.user("carol@helpline.example", name="Carol"))
    seen = texts(carol, waiting.id)  # any counsellor may look at the queue before claiming
    assert seen == ["Welcome back.", "please help again"]


def test_the_counsellor_keeps_access_for_the_window_then_not(dash, two_handoffs) -> None:
    ana, _, first, _ = two_handoffs
    dash.clock.set(first.closed_at + WINDOW - dt.timedelta(minutes=1))
    assert ana.get(f"/api/handoffs/{first.id}").status_code == 200
    assert first.id in [h["id"] for h in ana.get("/api/handoffs?status=closed").json()]
    assert ana.get(f"/handoffs/{first.id}").status_code == 200

    dash.clock.set(first.closed_at + WINDOW)
    refused = ana.get(f"/api/handoffs/{first.id}")
    assert refused.status_code == 403 and "supervisor" in refused.json()["detail"]
    assert "someone has my photos" not in refused.text
    assert first.id not in [h["id"] for h in ana.get("/api/handoffs?status=closed").json()]
    assert first.id not in [h["id"] for h in ana.get("/api/handoffs").json()]
    page = ana.get(f"/handoffs/{first.id}")
    assert page.status_code == 403 and "someone has my photos" not in page.text
    note = ana.post(f"/api/handoffs/{first.id}/notes", json={"text": "late note"})
    assert note.status_code == 403


def test_supervisors_always_and_every_view_of_a_closed_handoff_is_audited(
    dash, two_handoffs, counsellor, supervisor
) -> None:
    ana, _, first, _ = two_handoffs
    sam = dash.login(supervisor)
    texts(ana, first.id)
    assert ana.get(f"/handoffs/{first.id}").status_code == 200
    dash.clock.set(first.closed_at + dt.timedelta(days=400))
    assert texts(sam, first.id) == ["someone has my photos", "Ana here, you are not to blame"]
    assert sam.get(f"/handoffs/{first.id}").status_code == 200
    assert ana.get(f"/api/handoffs/{first.id}").status_code == 403
    assert ana.get(f"/handoffs/{first.id}").status_code == 403
    assert sam.post(f"/api/handoffs/{first.id}/notes", json={"text": "reviewed"}).status_code == 200
    assert audit_rows(dash, first.id) == [
        ("view", counsellor.id, "api:closed:holder"),
        ("view", counsellor.id, "page:closed:holder"),
        ("view", supervisor.id, "api:closed:supervisor"),
        ("view", supervisor.id, "page:closed:supervisor"),
        ("view_denied", counsellor.id, "api"),
        ("view_denied", counsellor.id, "page"),
    ]


def test_a_window_of_zero_hours_ends_access_at_the_close(dash, counsellor, supervisor) -> None:
    dash.app.state.settings = replace(dash.settings, closed_access_hours=0)
    ana = dash.login(counsellor)
    handoff = dash.seed()
    take_and_answer(ana, handoff, "hi")
    close(ana, handoff)
    assert ana.get(f"/api/handoffs/{handoff.id}").status_code == 403
    assert dash.login(supervisor).get(f"/api/handoffs/{handoff.id}").status_code == 200


def test_closed_access_hours_setting(monkeypatch) -> None:
    monkeypatch.delenv("HELPLINE_CLOSED_ACCESS_HOURS", raising=False)
    assert load_settings().closed_access == dt.timedelta(hours=72)
    monkeypatch.setenv("HELPLINE_CLOSED_ACCESS_HOURS", "24.5")
    assert load_settings().closed_access == dt.timedelta(hours=24.5)
    for wrong in ("soon", "-1", "nan", "inf", "9000"):
        monkeypatch.setenv("HELPLINE_CLOSED_ACCESS_HOURS", wrong)
        with pytest.raises(ConfigError, match="HELPLINE_CLOSED_ACCESS_HOURS"):
            load_settings()


def test_handoff_events_bounds() -> None:
    start, end = dt.datetime(2026, 1, 1, 10), dt.datetime(2026, 1, 1, 11)
    at = lambda moment: moment.replace(tzinfo=dt.timezone.utc).timestamp()  # noqa: E731
    events = [
        {"event": "user", "text": "before", "timestamp": at(start)},
        {"event": "user", "text": "inside", "timestamp": at(start) + 1},
        {"event": "bot", "text": "at the close", "timestamp": at(end)},
        {"event": "user", "text": "after", "timestamp": at(end) + 0.001},
        {"event": "user", "text": "no time"},
        {"event": "user", "text": "bad time", "timestamp": "soon"},
    ]
    kept = [e["text"] for e in handoff_events(events, start, end)]
    assert kept == ["inside", "at the close"]
    assert [e["text"] for e in handoff_events(events, None, end)] == ["before", "inside", "at the close"]
    assert len(handoff_events(events, None, None)) == len(events)
