"""Issue 12, learning from counsellors: marking a texter's message, the supervisors' review, the audit,
the redacted export outside the repository, erasure and retention (dashboard/marks.py,
helpline/store/marks.py)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from sqlalchemy import select, update

from dashboard.transcript import iso_from_epoch
from helpline.jobs.erasure import erase_helpline_data
from helpline.settings import clock
from helpline.store.db import audit_log, counsellor_marks
from helpline.store.marks import MarkError, MarkStore, check_export_path, main, purge_counsellor_marks, redact
from tests.dashboard.conftest import Dashboard

WORDS = (
    "my name is Anna Lee, he is on snap: cool_guy99 and said text him on +852 9123 4567. i will end it all"
)


def texter_says(dash: Dashboard, handoff, text: str, **triage) -> str:
    """A texter message with the model's parse in the tracker; returns its transcript time."""
    dash.rasa.say(handoff.conversation_id, "texter", text)
    event = dash.rasa.events[handoff.conversation_id][-1]
    event["parse_data"] = {
        "intent": {"name": triage.pop("intent", "report_sextortion"), "confidence": 0.8},
        "triage": {"language": "en", "script": "Latn", "risk": "none", "crisis": False, **triage},
    }
    return iso_from_epoch(event["timestamp"])


def audit_actions(dash: Dashboard) -> list[tuple[str, str | None]]:
    with dash.engine.connect() as conn:
        rows = conn.execute(select(audit_log.c.action, audit_log.c.detail).order_by(audit_log.c.id)).all()
    return [(row.action, row.detail) for row in rows]


@pytest.fixture()
def claimed(dash, counsellor):
    handoff = dash.seed()
    session = dash.login(counsellor)
    assert session.post(f"/api/handoffs/{handoff.id}/claim").status_code == 200
    return handoff, session


def test_a_counsellor_marks_a_missed_crisis_audited_and_stored_encrypted(dash, claimed):
    handoff, session = claimed
    at = texter_says(dash, handoff, WORDS)
    reply = session.post(
        f"/api/handoffs/{handoff.id}/marks",
        json={"message_at": at, "kind": "missed_crisis", "correction": "self"},
    )
    assert reply.status_code == 201, reply.text
    mark = reply.json()
    assert (mark["kind"], mark["correction"], mark["status"]) == ("missed_crisis", "self", "pending")
    assert mark["predicted"] == {
        "intent": "report_sextortion",
        "language": "en",
        "script": "Latn",
        "risk": "none",
        "risk_about": None,
    }
    assert "text" not in mark
    with dash.engine.connect() as conn:
        row = conn.execute(select(counsellor_marks)).one()
    assert "Anna" not in row.text_cipher and dash.cipher.decrypt(row.text_cipher) == WORDS
    assert ("mark", f"mark:{mark['id']}:missed_crisis") in audit_actions(dash)
    assert not any(WORDS[:10] in (detail or "") for _, detail in audit_actions(dash))
    listed = session.get(f"/api/handoffs/{handoff.id}/marks").json()
    assert listed["can_mark"] and [m["id"] for m in listed["marks"]] == [mark["id"]]
    assert "wrong_intent" in listed["kinds"] and "help_someone_else" in listed["intents"]


def test_wrong_intent_and_language_need_the_right_one(dash, claimed):
    handoff, session = claimed
    at = texter_says(dash, handoff, "my son is being blackmailed", intent="report_sextortion")
    url = f"/api/handoffs/{handoff.id}/marks"
    assert session.post(url, json={"message_at": at, "kind": "wrong_intent"}).status_code == 422
    assert (
        session.post(url, json={"message_at": at, "kind": "wrong_intent", "correction": "x"}).status_code
        == 422
    )
    good = session.post(
        url, json={"message_at": at, "kind": "wrong_intent", "correction": "help_someone_else"}
    )
    assert good.status_code == 201
    assert (
        session.post(url, json={"message_at": at, "kind": "wrong_language", "correction": "fr"}).status_code
        == 422
    )
    assert (
        session.post(url, json={"message_at": at, "kind": "wrong_language", "correction": "yue"}).status_code
        == 201
    )
    assert (
        session.post(url, json={"message_at": at, "kind": "false_alarm", "correction": "x"}).status_code
        == 422
    )
    assert session.post(url, json={"message_at": at, "kind": "bogus"}).status_code == 422


def test_only_the_texters_own_messages_of_this_conversation(dash, claimed):
    handoff, session = claimed
    dash.rasa.say(handoff.conversation_id, "bot", "How can I help?")
    bot_at = iso_from_epoch(dash.rasa.events[handoff.conversation_id][-1]["timestamp"])
    url = f"/api/handoffs/{handoff.id}/marks"
    assert session.post(url, json={"message_at": bot_at, "kind": "false_alarm"}).status_code == 404
    assert session.post(url, json={"message_at": "not a time", "kind": "false_alarm"}).status_code == 422


def test_who_may_mark(dash, counsellor, colleague, supervisor):
    handoff = dash.seed()
    at = texter_says(dash, handoff, "he wants 500 dollars")
    body = {"message_at": at, "kind": "false_alarm"}
    url = f"/api/handoffs/{handoff.id}/marks"
    assert dash.anonymous().post(url, json=body).status_code in (401, 403)
    assert dash.login(counsellor).post(url, json=body).status_code == 409  # claim it first
    dash.login(colleague).post(f"/api/handoffs/{handoff.id}/claim")
    assert dash.login(counsellor).post(url, json=body).status_code == 403  # another counsellor's
    assert dash.login(colleague).post(url, json=body, csrf=False).status_code == 403  # CSRF
    assert dash.login(supervisor).post(url, json=body).status_code == 201


def test_supervisors_review_and_counsellors_cannot(dash, claimed, supervisor):
    handoff, session = claimed
    at = texter_says(dash, handoff, WORDS)
    mark = session.post(
        f"/api/handoffs/{handoff.id}/marks", json={"message_at": at, "kind": "missed_crisis"}
    ).json()
    assert session.get("/api/marks").status_code == 403
    assert session.post(f"/api/marks/{mark['id']}/review", json={"decision": "accept"}).status_code == 403
    boss = dash.login(supervisor)
    (pending,) = boss.get("/api/marks").json()
    assert pending["text"] == WORDS and pending["created_by_name"] == "Ana"
    assert boss.post(f"/api/marks/{mark['id']}/review", json={"decision": "maybe"}).status_code == 422
    assert boss.post("/api/marks/999/review", json={"decision": "accept"}).status_code == 404
    reviewed = boss.post(f"/api/marks/{mark['id']}/review", json={"decision": "accept"}).json()
    assert reviewed["status"] == "accepted" and reviewed["reviewed_by"] == supervisor.id
    assert boss.get("/api/marks").json() == []
    assert [m["id"] for m in boss.get("/api/marks?status=accepted").json()] == [mark["id"]]
    actions = audit_actions(dash)
    assert ("mark_review", f"mark:{mark['id']}:accepted") in actions
    assert any(action == "marks_viewed" for action, _ in actions)
    page = boss.get("/supervisor/marks?status=accepted")
    assert page.status_code == 200 and "Anna Lee" in page.text  # autoescaped text for the reviewer
    assert session.get("/supervisor/marks").status_code == 403


def test_the_conversation_page_has_the_mark_control(dash, claimed):
    handoff, session = claimed
    page = session.get(f"/handoffs/{handoff.id}")
    assert page.status_code == 200
    assert 'id="mark-form"' in page.text and "/static/marks.js" in page.text


def test_export_redacts_and_drops_the_stored_text_and_never_writes_into_the_repository(
    dash, claimed, supervisor, tmp_path
):
    handoff, session = claimed
    first = texter_says(dash, handoff, WORDS)
    second = texter_says(
        dash, handoff, "我叫陳大文，佢微信号：abc123 叫我俾5000蚊，電話 9123 4567", language="yue"
    )
    third = texter_says(dash, handoff, "rejected one")
    url = f"/api/handoffs/{handoff.id}/marks"
    ids = [
        session.post(url, json={"message_at": first, "kind": "missed_crisis"}).json()["id"],
        session.post(url, json={"message_at": second, "kind": "wrong_language", "correction": "yue"}).json()[
            "id"
        ],
        session.post(url, json={"message_at": third, "kind": "false_alarm"}).json()["id"],
    ]
    boss = dash.login(supervisor)
    for mark_id, decision in zip(ids, ("accept", "accept", "reject"), strict=True):
        boss.post(f"/api/marks/{mark_id}/review", json={"decision": decision})
    store = MarkStore(dash.engine, dash.cipher)
    with pytest.raises(MarkError):
        store.export(Path(__file__).resolve().parents[2] / "data" / "nlu" / "corrections.jsonl")
    with pytest.raises(MarkError):
        check_export_path(Path(__file__).resolve().parents[2])
    out = tmp_path / "review" / "corrections.jsonl"
    assert store.export(out) == 2
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    english, cantonese = lines
    assert english["text"] == (
        "my name is [NAME], he is on snap: [HANDLE] and said text him on [PHONE]. i will end it all"
    )
    assert (
        english["expected"] == {"risk": "crisis", "risk_about": "self"} and english["kind"] == "missed_crisis"
    )
    assert cantonese["text"] == "我叫[NAME]，佢微信号：[HANDLE] 叫我俾5000蚊，電話 [PHONE]"
    assert cantonese["expected"] == {"language": "yue"} and cantonese["predicted"]["language"] == "yue"
    for needle in ("Anna", "cool_guy99", "9123", "陳大文", "abc123"):
        assert needle not in out.read_text(encoding="utf-8")
    with dash.engine.connect() as conn:
        rows = {row.id: row for row in conn.execute(select(counsellor_marks)).all()}
    assert rows[ids[0]].text_cipher is None and rows[ids[0]].exported_at is not None
    assert rows[ids[2]].text_cipher is not None  # rejected: never exported
    assert store.export(out) == 0  # once only
    assert boss.post(f"/api/marks/{ids[0]}/review", json={"decision": "reject"}).status_code == 409


def test_make_corrections_command(dash, claimed, supervisor, tmp_path, capsys):
    handoff, session = claimed
    at = texter_says(dash, handoff, "call me at 07700 900123")
    mark = session.post(
        f"/api/handoffs/{handoff.id}/marks", json={"message_at": at, "kind": "false_alarm"}
    ).json()
    dash.login(supervisor).post(f"/api/marks/{mark['id']}/review", json={"decision": "accept"})
    out = tmp_path / "c.jsonl"
    assert main(["export", "--out", str(out)]) == 0
    assert json.loads(out.read_text(encoding="utf-8"))["text"] == "call me at [PHONE]"
    assert "1 accepted mark(s) exported" in capsys.readouterr().out
    assert ("marks_exported", "count:1") in audit_actions(dash)
    assert main(["export", "--out", str(Path(__file__).resolve().parent / "x.jsonl")]) == 2
    makefile = (Path(__file__).resolve().parents[2] / "Makefile").read_text(encoding="utf-8")
    assert "corrections:" in makefile and "helpline.store.marks export" in makefile


def test_erasure_deletes_the_marks(dash, claimed):
    handoff, session = claimed
    at = texter_says(dash, handoff, WORDS)
    session.post(f"/api/handoffs/{handoff.id}/marks", json={"message_at": at, "kind": "missed_crisis"})
    other = dash.seed()
    dash.login(dash.user("cy@helpline.example")).post(f"/api/handoffs/{other.id}/claim")
    erase_helpline_data(dash.engine, handoff.conversation_id)
    with dash.engine.connect() as conn:
        assert conn.execute(select(counsellor_marks)).all() == []


def test_retention_purge_honours_the_configured_days(dash, claimed, monkeypatch):
    from helpline.settings.retention import get_retention

    handoff, session = claimed
    for text in ("old one", "new one"):
        at = texter_says(dash, handoff, text)
        session.post(f"/api/handoffs/{handoff.id}/marks", json={"message_at": at, "kind": "false_alarm"})
    now = clock.now()
    with dash.engine.begin() as conn:
        first = conn.execute(select(counsellor_marks.c.id).order_by(counsellor_marks.c.id)).scalars().first()
        conn.execute(
            update(counsellor_marks)
            .where(counsellor_marks.c.id == first)
            .values(created_at=clock.naive_utc(now) - dt.timedelta(days=31))
        )
    monkeypatch.setenv("HELPLINE_RETENTION_DAYS_COUNSELLOR_MARKS", "30")
    get_retention.cache_clear()
    try:
        assert purge_counsellor_marks(dash.engine, now) == 1
        assert purge_counsellor_marks(dash.engine, now) == 0
    finally:
        get_retention.cache_clear()
    with dash.engine.connect() as conn:
        assert len(conn.execute(select(counsellor_marks)).all()) == 1


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("email me at kid.name+x@gmail.com", "email me at [EMAIL]"),
        ("his ig is @dark.lord_1 ok", "his ig is [HANDLE] ok"),
        ("add me on telegram: someone_22", "add me on telegram: [HANDLE]"),
        ("see www.example.com/abc now", "see [LINK] now"),
        ("I paid 3000 HKD to him", "I paid 3000 HKD to him"),
        ("He said Kevin from my class saw it", "He said [NAME] from my class saw it"),
        ("i want to die", "i want to die"),
        ("佢叫我俾錢", "佢叫我俾錢"),
    ],
)
def test_redaction(text: str, expected: str) -> None:
    assert redact(text) == expected
