"""Issue 16, retention: the scheduled purge deletes what is older than each period from every store, Rasa's
tracker store included, runs as a scheduler job, and logs counts only. Time moves on helpline.settings.clock.

`purge_scenario` is shared with tests/postgres/test_purge.py (the same stores on PostgreSQL)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from rasa.core.tracker_store import TrackerStore
from rasa.shared.core.events import ActionExecuted, BotUttered, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.utils.endpoints import EndpointConfig
from sqlalchemy import func, insert, select
from sqlalchemy.engine import Engine

from helpline.jobs import purge
from helpline.settings import clock
from helpline.settings.retention import load_retention
from helpline.store.blocks import BlockStore
from helpline.store.db import (
    audit_log,
    blocked_senders,
    checkins,
    contacts,
    handoffs,
    make_engine,
    notes,
    outbox,
    surveys,
    twilio_cleanup,
    users,
)
from helpline.store.handoffs import HandoffStore
from helpline.store.scheduler import Scheduler, registered
from service.endpoints import TRACKER_STORE
from tests.helpline.test_tracker_store import DOMAIN

T0 = dt.datetime(2026, 1, 5, 12, 0, tzinfo=dt.timezone.utc)
DAY = dt.timedelta(days=1)
DEFAULTS = load_retention({})  # transcripts 90, handoffs 180, notes 180, outbox 30, audit 365, ...
SECRET_WORDS = "he has my photos"


def tracker_store(config: dict) -> TrackerStore:
    return TrackerStore.create(EndpointConfig(type=TRACKER_STORE, **config), domain=DOMAIN)


async def say(store: TrackerStore, sender: str, at: dt.datetime) -> None:
    tracker = await store.retrieve(sender) or DialogueStateTracker(sender, DOMAIN.slots)
    ts = at.timestamp()
    tracker.update(UserUttered(SECRET_WORDS, {"name": "greet", "confidence": 1.0}, timestamp=ts))
    tracker.update(ActionExecuted("utter_greet", timestamp=ts))
    tracker.update(BotUttered("I am here with you.", timestamp=ts))
    tracker.update(ActionExecuted("action_listen", timestamp=ts))
    await store.save(tracker)


def count(engine: Engine, table, *where) -> int:
    with engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(table).where(*where)).scalar_one()


def seed_texter(engine: Engine, conversation: str, *, handoff: str | None = None) -> int | None:
    """A texter at the clock's now: contact, outbound message, check-in, survey, clean-up job, audit."""
    now = clock.naive_utc()
    with engine.begin() as conn:
        conn.execute(
            insert(contacts).values(
                conversation_id=conversation,
                channel="sms",
                number_cipher="x",
                created_at=now,
                last_inbound_at=now,
            )
        )
        conn.execute(
            insert(outbox).values(
                conversation_id=conversation,
                channel="sms",
                body_cipher="x",
                status="delivered",
                created_at=now,
                updated_at=now,
            )
        )
        conn.execute(
            insert(checkins).values(
                conversation_id=conversation, channel="sms", consented_at=now, due_at=now, status="sent"
            )
        )
        conn.execute(insert(surveys).values(handoff_id=None, conversation_id=conversation, asked_at=now))
        conn.execute(
            insert(twilio_cleanup).values(kind="media", message_sid="SM1", created_at=now, not_before=now)
        )
        conn.execute(insert(audit_log).values(at=now, action="view", detail="api"))
    if handoff is None:
        return None
    store = HandoffStore(engine)
    opened = store.open(conversation, channel="sms", priority="normal", reason="requested", summary={})
    if handoff == "closed":
        assert store.close(opened.id, "supported")
        with engine.begin() as conn:
            author = conn.execute(
                insert(users).values(
                    email=f"{conversation}@helpline.example",
                    display_name="Ana",
                    password_hash="x",
                    role="counsellor",
                    created_at=now,
                )
            ).inserted_primary_key[0]
            conn.execute(
                insert(notes).values(handoff_id=opened.id, author_id=author, text_cipher="x", created_at=now)
            )
    return opened.id


async def purge_scenario(engine: Engine, store: TrackerStore, capsys) -> None:
    """The built-in purgers must be registered (on this tracker store) by the caller."""
    with clock.frozen(T0):
        seed_texter(engine, "old-closed", handoff="closed")
        seed_texter(engine, "old-waiting", handoff="waiting")  # still in the queue: the number stays
        BlockStore(engine).block("old-closed", "spam", clock.now() + DAY, by=None)
        await say(store, "old-closed", clock.now())
        await say(store, "old-waiting", clock.now())
    with clock.frozen(T0 + 80 * DAY):
        await say(store, "old-waiting", clock.now())  # wrote again: their transcript is kept whole
    with clock.frozen(T0 + 100 * DAY):
        seed_texter(engine, "recent")
        await say(store, "recent", clock.now())
        capsys.readouterr()
        removed = purge.purge(engine, periods=DEFAULTS)
        logged = capsys.readouterr().err

    assert removed == {
        "notes": 0,  # 180 days after the close
        "handoffs": 0,
        "contacts": 1,  # old-closed; old-waiting keeps its number while its handoff is open
        "outbox": 2,  # 30 days
        "audit": 0,  # 365 days
        "checkins": 2,  # 30 days
        "survey_links": 2,  # unlinked after 90 days, the ratings stay
        "twilio_cleanup": 2,
        "blocked_senders": 1,  # ended 99 days ago
        "report_facts": 0,  # none gathered here (tests/helpline/test_report_facts.py)
        "report_pages": 0,  # expire by their own end, as do rate-limit windows
        "rate_limits": 0,
        "transcripts": 1,  # old-closed only: old-waiting's last message is 20 days old
        "counsellor_marks": 0,  # none made here (their period: tests/dashboard/test_marks.py)
    }
    assert count(engine, contacts) == 2 and count(engine, surveys) == 3
    assert count(engine, surveys, surveys.c.conversation_id.is_not(None)) == 1
    assert count(engine, blocked_senders) == 0 and count(engine, handoffs) == 2
    assert await store.retrieve("old-closed") is None  # a kept (cached) tracker is not served either
    kept = await store.retrieve("old-waiting")
    assert kept is not None and sum(isinstance(e, UserUttered) for e in kept.events) == 2
    assert await store.retrieve("recent") is not None

    # Counts only: no texter's words, no conversation id, no number in the log.
    (line,) = [json.loads(x) for x in logged.splitlines() if '"retention.purged"' in x]
    assert line["removed"] == removed
    assert set(line) == {"ts", "level", "logger", "event", "removed"}  # nothing but the counts
    assert SECRET_WORDS not in logged and "old-closed" not in logged

    # A year on: the closed handoff with its notes, the old audit entries, every transcript.
    with clock.frozen(T0 + 400 * DAY):
        later = purge.purge(engine, periods=DEFAULTS)
    assert later["handoffs"] == 1 and later["audit"] == 2 and later["transcripts"] == 2
    assert count(engine, notes) == 0 and count(engine, handoffs) == 1  # the waiting one
    assert count(engine, contacts) == 1  # old-waiting: its handoff is still open


async def test_the_purge_removes_what_each_period_allows_on_sqlite(tmp_path: Path, capsys) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'helpline.db'}")
    store = tracker_store({"dialect": "sqlite", "db": str(tmp_path / "tracker.db")})
    purge.register_builtin_purgers(None, tmp_path)  # no TRACKER_STORE_URL: var/tracker.db, as in development
    await purge_scenario(engine, store, capsys)


def test_a_new_store_plugs_in_with_one_line_and_a_failing_store_does_not_stop_the_others(
    tmp_path: Path, capsys
) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'helpline.db'}")
    purge.register_builtin_purgers(None, tmp_path)
    # What the report facts branch writes (its table is stood in by the audit log here):
    purge.register_purger("report_facts", "report_facts", purge.delete_before(audit_log, audit_log.c.at))

    def broken(_engine: Engine, _cutoff: dt.datetime) -> int:
        raise RuntimeError("table missing")

    purge.register_purger("counsellor_marks", "counsellor_marks", broken)
    with clock.frozen(T0):
        seed_texter(engine, "someone")
    with clock.frozen(T0 + 95 * DAY):
        removed = purge.purge(engine, periods=DEFAULTS)
    assert removed["report_facts"] == 1 and removed["counsellor_marks"] == "error"
    assert removed["contacts"] == 1 and removed["checkins"] == 1  # the others still ran
    assert '"retention.store_failed"' in capsys.readouterr().err
    with pytest.raises(ValueError):
        purge.register_purger("x", "not_a_kind", broken)
    purge.register_purger("marks_on_handoffs", "counsellor_marks", broken, first=True)
    assert next(iter(purge.purgers())) == "marks_on_handoffs"  # before the handoffs they point to


def test_the_periods_come_from_the_environment(tmp_path: Path, var_dir: Path, monkeypatch) -> None:
    from helpline.settings.retention import get_retention

    engine = make_engine(f"sqlite:///{tmp_path / 'helpline.db'}")
    purge.register_builtin_purgers(None, tmp_path)
    with clock.frozen(T0):
        seed_texter(engine, "someone")
    with clock.frozen(T0 + 8 * DAY):
        assert purge.purge(engine)["outbox"] == 0  # the default: 30 days
        monkeypatch.setenv("HELPLINE_RETENTION_DAYS_OUTBOX", "7")
        get_retention.cache_clear()
        assert purge.purge(engine)["outbox"] == 1


async def test_the_purge_is_a_scheduler_job_run_once_per_interval(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'helpline.db'}")
    with clock.frozen(T0):
        seed_texter(engine, "someone")
    purge.register_purge_job(engine, None, tmp_path)
    job = {purge.JOB_NAME: registered()[purge.JOB_NAME]}
    with clock.frozen(T0 + 31 * DAY):
        assert await Scheduler(engine, jobs=job).run_due() == [purge.JOB_NAME]
        assert count(engine, outbox) == 0
        seed_texter(engine, "another")  # nothing is purged before the next run...
        assert await Scheduler(engine, jobs=job).run_due() == []
        clock.advance(purge.JOB_EVERY)
        assert await Scheduler(engine, jobs=job).run_due() == [purge.JOB_NAME]
    (status,) = Scheduler(engine, jobs={}).status()
    assert (status["name"], status["last_status"], status["runs"]) == (purge.JOB_NAME, "ok", 2)


def test_the_dashboard_starts_the_purge_with_its_other_jobs(settings) -> None:
    from fastapi.testclient import TestClient

    from dashboard.app import create_app

    with TestClient(create_app(settings)):  # what it registers is undone by tests/conftest.py
        assert purge.JOB_NAME in registered()
        assert "transcripts" in purge.purgers() and "contacts" in purge.purgers()


def test_the_tracker_store_is_the_one_rasa_is_configured_with(tmp_path: Path) -> None:
    url = "postgresql://helpline:p%40ss@db.internal:6543/rasa"
    assert purge.tracker_engine_url(url, tmp_path) == url
    assert purge.tracker_engine_url("postgres://u:p@h/rasa", tmp_path) == "postgresql://u:p@h/rasa"
    assert purge.tracker_engine_url(None, tmp_path) is None  # Rasa has not created it yet
    (tmp_path / "tracker.db").touch()
    assert purge.tracker_engine_url(None, tmp_path) == f"sqlite:///{tmp_path / 'tracker.db'}"
