"""The handoff routes: queue, visibility, claim, messages, notes, transfer, close, Rasa failures, audit."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select, update

from helpline.store.db import audit_log, contacts, handoffs, notes, outbox, utcnow
from tests.dashboard.conftest import Dashboard

FIELDS = {
    "id",
    "channel",
    "language",
    "script",
    "region",
    "priority",
    "reason",
    "summary",
    "status",
    "created_at",
    "last_message_at",
    "assigned_to",
    "waiting_seconds",
}


def audit_rows(dash: Dashboard) -> list:
    with dash.engine.connect() as conn:
        return conn.execute(select(audit_log).order_by(audit_log.c.id)).all()


def test_queue_is_most_urgent_first_then_longest_waiting(dash, counsellor):
    normal_old = dash.seed(priority="normal", age_seconds=600)
    high = dash.seed(priority="high", reason="minor", age_seconds=60)
    urgent_new = dash.seed(priority="urgent", reason="crisis", age_seconds=5)
    urgent_old = dash.seed(priority="urgent", reason="crisis", age_seconds=120)
    normal_new = dash.seed(priority="normal", age_seconds=30)
    listed = dash.login(counsellor).get("/api/handoffs?status=waiting")
    assert listed.status_code == 200
    items = listed.json()
    assert [h["id"] for h in items] == [urgent_old.id, urgent_new.id, high.id, normal_old.id, normal_new.id]
    assert FIELDS <= set(items[0])
    first = items[0]
    assert first["priority"] == "urgent" and first["reason"] == "crisis" and first["status"] == "waiting"
    assert first["channel"] == "sms" and first["language"] == "en" and first["region"] == "HK"
    assert first["assigned_to"] is None and first["created_at"].endswith("Z")
    assert 119 <= first["waiting_seconds"] <= 130
    assert "conversation_id" not in first  # the pseudonymous id stays server-side


def test_status_filter_and_validation(dash, counsellor):
    dash.seed()
    session = dash.login(counsellor)
    assert session.get("/api/handoffs?status=claimed").json() == []
    assert len(session.get("/api/handoffs").json()) == 1
    assert session.get("/api/handoffs?status=bogus").status_code == 422


def test_counsellors_see_the_queue_and_their_own_supervisors_see_all(dash, supervisor, counsellor, colleague):
    waiting = dash.seed()
    mine = dash.seed()
    theirs = dash.seed()
    ana, bo, sam = dash.login(counsellor), dash.login(colleague), dash.login(supervisor)
    assert ana.post(f"/api/handoffs/{mine.id}/claim").status_code == 200
    assert bo.post(f"/api/handoffs/{theirs.id}/claim").status_code == 200
    assert {h["id"] for h in ana.get("/api/handoffs").json()} == {waiting.id, mine.id}
    assert {h["id"] for h in ana.get("/api/handoffs?status=claimed").json()} == {mine.id}
    assert {h["id"] for h in sam.get("/api/handoffs").json()} == {waiting.id, mine.id, theirs.id}
    assert ana.get(f"/api/handoffs/{theirs.id}").status_code == 403
    assert ana.get(f"/api/handoffs/{waiting.id}").status_code == 200
    assert sam.get(f"/api/handoffs/{theirs.id}").status_code == 200
    assert ana.get("/api/handoffs/9999").status_code == 404


def test_claim(dash, counsellor, colleague):
    handoff = dash.seed(age_seconds=90)
    ana, bo = dash.login(counsellor), dash.login(colleague)
    reply = ana.post(f"/api/handoffs/{handoff.id}/claim")
    assert reply.status_code == 200
    body = reply.json()
    assert body["status"] == "claimed" and body["assigned_to"] == counsellor.id
    assert body["assigned_name"] == "Ana" and 89 <= body["waiting_seconds"] <= 100
    claimed_at = dash.handoffs.get(handoff.id).claimed_at
    assert ana.post(f"/api/handoffs/{handoff.id}/claim").status_code == 200  # idempotent for the holder
    assert dash.handoffs.get(handoff.id).claimed_at == claimed_at
    taken = bo.post(f"/api/handoffs/{handoff.id}/claim")
    assert taken.status_code == 409 and "Ana" in taken.json()["detail"]
    assert dash.handoffs.get(handoff.id).assigned_to == counsellor.id
    assert bo.post("/api/handoffs/424242/claim").status_code == 404


def test_claiming_a_closed_handoff_is_409(dash, counsellor):
    handoff = dash.seed()
    dash.handoffs.close(handoff.id, "other")
    assert dash.login(counsellor).post(f"/api/handoffs/{handoff.id}/claim").status_code == 409


def test_detail_has_the_transcript_from_rasa_and_notes(dash, counsellor):
    handoff = dash.seed(texts=("someone has my video", "they want 5000"))
    dash.rasa.say(handoff.conversation_id, "bot", "I'm sorry this is happening.")
    dash.rasa.events[handoff.conversation_id].append({"event": "action", "name": "action_listen"})
    session = dash.login(counsellor)
    detail = session.get(f"/api/handoffs/{handoff.id}").json()
    assert FIELDS <= set(detail)
    assert [(m["from"], m["text"]) for m in detail["transcript"]] == [
        ("texter", "someone has my video"),
        ("texter", "they want 5000"),
        ("bot", "I'm sorry this is happening."),
    ]
    assert all(m["at"].endswith("Z") and m["delivery"] is None for m in detail["transcript"])
    assert detail["notes"] == []
    assert ("tracker", handoff.conversation_id, None) in dash.rasa.calls


def test_counsellor_message_goes_to_the_outbox_and_the_tracker(dash, counsellor):
    handoff = dash.seed()
    session = dash.login(counsellor)
    session.post(f"/api/handoffs/{handoff.id}/claim")
    reply = session.post(f"/api/handoffs/{handoff.id}/messages", json={"text": "  I'm here with you.  "})
    assert reply.status_code == 200, reply.text
    sent = reply.json()
    assert sent["status"] == "outbox" and sent["sent"] is True

    with dash.engine.connect() as conn:
        row = conn.execute(select(outbox).where(outbox.c.id == sent["id"])).one()
    assert row.conversation_id == handoff.conversation_id and row.channel == "sms"
    assert "I'm here" not in row.body_cipher  # encrypted at rest
    assert dash.cipher.decrypt(row.body_cipher) == "I'm here with you."

    appended = [c for c in dash.rasa.calls if c[0] == "append_events"][-1]
    assert appended[1] == handoff.conversation_id
    (event,) = appended[2]
    # Encrypted in the tracker too (README, "What is kept"): no counsellor's words in clear there.
    assert event["event"] == "bot" and event["text"] is None
    assert "I'm here" not in str(event)
    cipher_text = event["metadata"].pop("text_cipher")
    assert dash.cipher.decrypt(cipher_text) == "I'm here with you."
    assert event["metadata"] == {"from": "counsellor", "outbox_id": sent["id"]}
    event["metadata"]["text_cipher"] = cipher_text
    assert isinstance(event["timestamp"], float)

    transcript = session.get(f"/api/handoffs/{handoff.id}").json()["transcript"]
    assert transcript[-1] == {
        "from": "counsellor",
        "text": "I'm here with you.",
        "at": transcript[-1]["at"],
        "delivery": "outbox",
    }
    with dash.engine.begin() as conn:
        conn.execute(update(outbox).where(outbox.c.id == sent["id"]).values(status="delivered"))
    assert session.get(f"/api/handoffs/{handoff.id}").json()["transcript"][-1]["delivery"] == "delivered"


def test_message_refusals(dash, counsellor, colleague):
    handoff = dash.seed()
    ana, bo = dash.login(counsellor), dash.login(colleague)
    assert (
        ana.post(f"/api/handoffs/{handoff.id}/messages", json={"text": "hi"}).status_code == 409
    )  # unclaimed
    ana.post(f"/api/handoffs/{handoff.id}/claim")
    assert bo.post(f"/api/handoffs/{handoff.id}/messages", json={"text": "hi"}).status_code == 403
    assert ana.post(f"/api/handoffs/{handoff.id}/messages", json={"text": "   "}).status_code == 422
    assert ana.post(f"/api/handoffs/{handoff.id}/messages", json={"text": "x" * 1601}).status_code == 422
    assert ana.post(f"/api/handoffs/{handoff.id}/messages", json={}).status_code == 422
    dash.opt_out(handoff)
    refused = ana.post(f"/api/handoffs/{handoff.id}/messages", json={"text": "hi"})
    assert refused.status_code == 409
    assert refused.json()["reason"] == "opted_out" and "opted out" in refused.json()["detail"]
    assert not [c for c in dash.rasa.calls if c[0] == "append_events"]


def test_whatsapp_window_closed_is_409(dash, counsellor):
    handoff = dash.seed(channel="whatsapp")
    with dash.engine.begin() as conn:
        conn.execute(
            update(contacts)
            .where(contacts.c.conversation_id == handoff.conversation_id)
            .values(last_inbound_at=utcnow() - dt.timedelta(hours=25))
        )
    session = dash.login(counsellor)
    session.post(f"/api/handoffs/{handoff.id}/claim")
    refused = session.post(f"/api/handoffs/{handoff.id}/messages", json={"text": "hello"})
    assert refused.status_code == 409 and refused.json()["reason"] == "whatsapp_window_closed"


def test_notes_are_private_and_encrypted_at_rest(dash, counsellor, colleague, supervisor):
    handoff = dash.seed()
    ana, bo = dash.login(counsellor), dash.login(colleague)
    assert ana.post(f"/api/handoffs/{handoff.id}/notes", json={"text": "x"}).status_code == 409  # claim first
    ana.post(f"/api/handoffs/{handoff.id}/claim")
    reply = ana.post(f"/api/handoffs/{handoff.id}/notes", json={"text": "Texter is 15, school named"})
    assert reply.status_code == 200
    assert reply.json()["notes"][0]["text"] == "Texter is 15, school named"
    with dash.engine.connect() as conn:
        stored = conn.execute(select(notes.c.text_cipher)).scalar()
    assert "school" not in stored and dash.cipher.decrypt(stored) == "Texter is 15, school named"
    detail = ana.get(f"/api/handoffs/{handoff.id}").json()
    assert [(n["text"], n["author_name"]) for n in detail["notes"]] == [("Texter is 15, school named", "Ana")]
    assert bo.post(f"/api/handoffs/{handoff.id}/notes", json={"text": "mine"}).status_code == 403
    assert (
        dash.login(supervisor).post(f"/api/handoffs/{handoff.id}/notes", json={"text": "ok"}).status_code
        == 200
    )


def test_transfer_between_counsellors(dash, counsellor, colleague):
    handoff = dash.seed()
    ana, bo = dash.login(counsellor), dash.login(colleague)
    ana.post(f"/api/handoffs/{handoff.id}/claim")
    assert bo.post(f"/api/handoffs/{handoff.id}/transfer", json={"user_id": colleague.id}).status_code == 403
    assert ana.post(f"/api/handoffs/{handoff.id}/transfer", json={"user_id": 999}).status_code == 422
    assert ana.post(f"/api/handoffs/{handoff.id}/transfer", json={"user_id": "two"}).status_code == 422
    moved = ana.post(f"/api/handoffs/{handoff.id}/transfer", json={"user_id": colleague.id})
    assert moved.status_code == 200 and moved.json()["assigned_to"] == colleague.id
    assert ana.post(f"/api/handoffs/{handoff.id}/messages", json={"text": "hi"}).status_code == 403
    assert ana.get(f"/api/handoffs/{handoff.id}").status_code == 403
    assert bo.post(f"/api/handoffs/{handoff.id}/messages", json={"text": "hi"}).status_code == 200


def test_supervisor_assigns_a_waiting_handoff(dash, supervisor, counsellor):
    handoff = dash.seed()
    sam = dash.login(supervisor)
    moved = sam.post(f"/api/handoffs/{handoff.id}/transfer", json={"user_id": counsellor.id})
    assert moved.status_code == 200
    assert moved.json()["status"] == "claimed" and moved.json()["assigned_to"] == counsellor.id
    assert dash.handoffs.get(handoff.id).claimed_at is not None
    other = dash.seed()
    assert (
        dash.login(counsellor)
        .post(f"/api/handoffs/{other.id}/transfer", json={"user_id": supervisor.id})
        .status_code
        == 409
    )  # a counsellor claims first


def test_close_resumes_the_assistant(dash, counsellor, colleague):
    handoff = dash.seed()
    ana, bo = dash.login(counsellor), dash.login(colleague)
    ana.post(f"/api/handoffs/{handoff.id}/claim")
    assert bo.post(f"/api/handoffs/{handoff.id}/close", json={"outcome": "supported"}).status_code == 403
    reply = ana.post(f"/api/handoffs/{handoff.id}/close", json={"outcome": "referred_police"})
    assert reply.status_code == 200
    body = reply.json()
    assert (
        body["status"] == "closed" and body["outcome"] == "referred_police" and body["welcome_back"] is True
    )
    assert body["closed_at"].endswith("Z")
    calls = [c for c in dash.rasa.calls if c[0] in ("append_events", "execute")]
    assert calls[0][0] == "append_events" and calls[0][2][0]["event"] == "resume"
    assert calls[1] == ("execute", handoff.conversation_id, "utter_welcome_back")
    assert ana.post(f"/api/handoffs/{handoff.id}/close", json={"outcome": "again"}).status_code == 409
    assert ana.post(f"/api/handoffs/{handoff.id}/messages", json={"text": "hi"}).status_code == 409
    assert dash.handoffs.open_for(handoff.conversation_id) is None


def test_close_without_outcome_and_counsellor_cannot_close_unclaimed(dash, counsellor, supervisor):
    handoff = dash.seed()
    assert dash.login(counsellor).post(f"/api/handoffs/{handoff.id}/close", json={}).status_code == 409
    closed = dash.login(supervisor).post(f"/api/handoffs/{handoff.id}/close", json={})
    assert closed.status_code == 200 and closed.json()["outcome"] == "other"


def test_rasa_down_is_502_never_500(dash, counsellor):
    handoff = dash.seed()
    session = dash.login(counsellor)
    session.post(f"/api/handoffs/{handoff.id}/claim")
    dash.rasa.down = True
    detail = session.get(f"/api/handoffs/{handoff.id}")
    assert detail.status_code == 502 and "Rasa" in detail.json()["detail"]
    sent = session.post(f"/api/handoffs/{handoff.id}/messages", json={"text": "still here"})
    assert sent.status_code == 502
    assert sent.json()["sent"] is True and "was sent" in sent.json()["detail"]
    closing = session.post(f"/api/handoffs/{handoff.id}/close", json={"outcome": "supported"})
    assert closing.status_code == 502 and "still open" in closing.json()["detail"]
    assert dash.handoffs.get(handoff.id).status == "claimed"
    page = session.get(f"/handoffs/{handoff.id}")
    assert page.status_code == 200 and "cannot be reached" in page.text


def test_close_when_only_the_welcome_back_fails(dash, counsellor):
    handoff = dash.seed()
    session = dash.login(counsellor)
    session.post(f"/api/handoffs/{handoff.id}/claim")
    dash.rasa.execute_down = True
    reply = session.post(f"/api/handoffs/{handoff.id}/close", json={"outcome": "supported"})
    assert reply.status_code == 200 and reply.json()["welcome_back"] is False
    assert dash.handoffs.get(handoff.id).status == "closed"


def test_everything_is_audited_without_text(dash, supervisor, counsellor, colleague):
    handoff = dash.seed(texts=("my secret words",))
    ana = dash.login(counsellor)
    ana.get(f"/api/handoffs/{handoff.id}")
    ana.get(f"/handoffs/{handoff.id}")
    ana.post(f"/api/handoffs/{handoff.id}/claim")
    ana.post(f"/api/handoffs/{handoff.id}/messages", json={"text": "private reply words"})
    ana.post(f"/api/handoffs/{handoff.id}/notes", json={"text": "private note words"})
    ana.post(f"/api/handoffs/{handoff.id}/transfer", json={"user_id": colleague.id})
    dash.login(colleague).post(f"/api/handoffs/{handoff.id}/close", json={"outcome": "supported"})
    rows = audit_rows(dash)
    per_handoff = [(r.action, r.user_id) for r in rows if r.handoff_id == handoff.id]
    assert per_handoff == [
        ("view", counsellor.id),
        ("view", counsellor.id),
        ("claim", counsellor.id),
        ("message", counsellor.id),
        ("note", counsellor.id),
        ("transfer", counsellor.id),
        ("close", colleague.id),
    ]
    for row in rows:
        assert "words" not in (row.detail or "")
    supervisor_view = dash.login(supervisor).get(f"/api/audit?handoff_id={handoff.id}").json()
    assert [e["action"] for e in supervisor_view] == [
        "close",
        "transfer",
        "note",
        "message",
        "claim",
        "view",
        "view",
    ]
    assert {e["action"] for e in dash.login(supervisor).get("/api/audit?limit=500").json()} >= {
        "login",
        "view",
        "claim",
        "message",
        "note",
        "transfer",
        "close",
    }


def test_handoff_rows_are_untouched_by_views(dash, counsellor):
    handoff = dash.seed()
    before = dash.handoffs.get(handoff.id).updated_at
    dash.login(counsellor).get(f"/api/handoffs/{handoff.id}")
    with dash.engine.connect() as conn:
        after = conn.execute(select(handoffs.c.updated_at).where(handoffs.c.id == handoff.id)).scalar()
    assert after == before
