"""The scheduled retention purge: deletes what is older than its period (helpline/settings/retention.py).

A registry of store purgers, one per store: each names the retention kind whose period it follows and a
function `(engine, cutoff) -> rows removed`, where `cutoff` is naive UTC (now minus the period). A store
whose rows carry their own end (an `expires_at` column: a printable page's link, a rate-limit window)
registers with no kind (`register_expiry_purger`): its cutoff is now, and rows whose end passed go. The
purge runs as the scheduler's job "retention_purge" inside the dashboard process, once across replicas
(helpline/store/scheduler.py), and logs one line: how many rows each store lost, never content, never an id.
A failing store is logged and the others still run.

A store another branch adds plugs in with one line, e.g.:

    register_purger("report_facts", "report_facts", delete_before(report_facts, report_facts.c.updated_at))

(`first=True` when its rows reference handoffs, so they go before the handoffs they point to.)

What each built-in purger removes (the periods count from the last activity they cover):
- notes: the notes of handoffs closed before the notes' period;
- handoffs: closed handoffs closed before the handoffs' period (with any notes left on them);
- contacts: contacts whose texter last wrote before the contacts' period, unless a handoff of theirs
  is still open (the counsellor must be able to answer);
- outbox: outbound messages last updated before the outbox's period;
- audit: audit entries older than the audit period;
- checkins: check-in consents whose check-in was due before the consents' period;
- survey_links: a survey rating's link to the conversation after the contacts' period (the rating stays);
- twilio_cleanup: clean-up jobs (they hold an encrypted number) filed before the contacts' period;
- blocked_senders: blocks that ended (expired or lifted) before the contacts' period;
- report_facts: a texter's report-pack facts untouched for the report facts' period;
- report_pages: printable-page tokens (their hashes) whose 24 hours are over (by `expires_at`);
- rate_limits: rate-limit counters whose window ended (by `expires_at`, helpline/store/rate_limit.py);
- transcripts: Rasa's tracker store (SQL: SQLite in development, PostgreSQL deployed; TRACKER_STORE_URL):
  every event of each conversation whose last event is older than the transcripts' period.
"""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from sqlalchemy import (
    Column,
    MetaData,
    Table,
    and_,
    create_engine,
    delete,
    func,
    inspect,
    or_,
    select,
    update,
)
from sqlalchemy.engine import Engine

from helpline.settings import clock
from helpline.settings.logs import get_logger
from helpline.settings.retention import RetentionPeriods, get_retention
from helpline.store.db import (
    audit_log,
    blocked_senders,
    checkins,
    contacts,
    counsellor_marks,
    handoffs,
    notes,
    outbox,
    rate_limits,
    report_facts,
    report_pages,
    surveys,
    twilio_cleanup,
)

logger = get_logger("helpline.jobs.purge")

JOB_NAME = "retention_purge"
JOB_EVERY = dt.timedelta(hours=6)
JOB_LEASE = dt.timedelta(minutes=30)

PurgeFunction = Callable[[Engine, dt.datetime], int]


@dataclass(frozen=True)
class StorePurger:
    store: str  # the name in the log line
    kind: str | None  # the retention kind whose period it follows; None: rows end at their own expiry
    run: PurgeFunction


_purgers: dict[str, StorePurger] = {}


def register_purger(store: str, kind: str | None, run: PurgeFunction, *, first: bool = False) -> StorePurger:
    """Adds (or replaces) the purger of `store`; `kind` must be a retention kind, or None for rows that
    carry their own end (then `run` gets now as its cutoff; see `register_expiry_purger`).

    Purgers run in registration order; a store whose rows reference others (a foreign key to
    `handoffs`, say) registers with `first=True` so its rows go before the rows they point to."""
    from helpline.settings.retention import DEFAULT_DAYS

    if kind is not None and kind not in DEFAULT_DAYS:
        raise ValueError(f"unknown retention kind {kind!r}")
    purger = StorePurger(store, kind, run)
    _purgers.pop(store, None)
    if first:
        rest = dict(_purgers)
        _purgers.clear()
        _purgers[store] = purger
        _purgers.update(rest)
    else:
        _purgers[store] = purger
    return purger


def register_expiry_purger(
    store: str, table: Table, expires_at: Column, *, first: bool = False
) -> StorePurger:
    """A store whose rows end at their own `expires_at` (naive UTC): rows whose end passed are deleted."""
    return register_purger(store, None, delete_before(table, expires_at), first=first)


def unregister_purger(store: str) -> None:
    _purgers.pop(store, None)


def purgers() -> dict[str, StorePurger]:
    return dict(_purgers)


def delete_before(table: Table, column: Column) -> PurgeFunction:
    """A purger deleting the rows of `table` whose `column` (a naive UTC time) is before the cutoff."""

    def run(engine: Engine, cutoff: dt.datetime) -> int:
        with engine.begin() as conn:
            return conn.execute(delete(table).where(column < cutoff)).rowcount

    return run


def purge(engine: Engine, now: dt.datetime | None = None, periods: RetentionPeriods | None = None) -> dict:
    """Runs every registered purger; returns {store: rows removed, or "error"}; logs the counts."""
    periods = periods or get_retention()
    at = clock.naive_utc(now)
    removed: dict[str, int | str] = {}
    for purger in list(_purgers.values()):
        cutoff = at if purger.kind is None else at - dt.timedelta(days=periods[purger.kind])
        try:
            removed[purger.store] = int(purger.run(engine, cutoff))
        except Exception as error:  # noqa: BLE001 - one store's failure must not keep the others
            removed[purger.store] = "error"
            logger.error(
                "retention.store_failed", extra={"store": purger.store, "error": type(error).__name__}
            )
    logger.info("retention.purged", extra={"removed": removed})
    return removed


# ----------------------------------------------------------------------------- the helpline database


def _closed_before(cutoff: dt.datetime):
    return select(handoffs.c.id).where(handoffs.c.status == "closed", handoffs.c.closed_at < cutoff)


def purge_notes(engine: Engine, cutoff: dt.datetime) -> int:
    with engine.begin() as conn:
        return conn.execute(delete(notes).where(notes.c.handoff_id.in_(_closed_before(cutoff)))).rowcount


def purge_handoffs(engine: Engine, cutoff: dt.datetime) -> int:
    with engine.begin() as conn:
        conn.execute(delete(notes).where(notes.c.handoff_id.in_(_closed_before(cutoff))))
        return conn.execute(
            delete(handoffs).where(handoffs.c.status == "closed", handoffs.c.closed_at < cutoff)
        ).rowcount


def purge_contacts(engine: Engine, cutoff: dt.datetime) -> int:
    still_open = select(handoffs.c.conversation_id).where(handoffs.c.status != "closed")
    last = func.coalesce(contacts.c.last_inbound_at, contacts.c.created_at)
    with engine.begin() as conn:
        return conn.execute(
            delete(contacts).where(last < cutoff, contacts.c.conversation_id.not_in(still_open))
        ).rowcount


def purge_survey_links(engine: Engine, cutoff: dt.datetime) -> int:
    with engine.begin() as conn:
        return conn.execute(
            update(surveys)
            .where(surveys.c.asked_at < cutoff, surveys.c.conversation_id.is_not(None))
            .values(conversation_id=None)
        ).rowcount


def purge_blocks(engine: Engine, cutoff: dt.datetime) -> int:
    ended = or_(
        blocked_senders.c.expires_at < cutoff,
        and_(blocked_senders.c.lifted_at.is_not(None), blocked_senders.c.lifted_at < cutoff),
    )
    with engine.begin() as conn:
        return conn.execute(delete(blocked_senders).where(ended)).rowcount


# ----------------------------------------------------------------------------- Rasa's tracker store


def tracker_engine_url(tracker_store_url: str | None, var_dir: Path) -> str | None:
    """The SQLAlchemy URL of Rasa's tracker store, as service/endpoints.py configures it: TRACKER_STORE_URL,
    else the development SQLite file var/tracker.db (None when that file does not exist yet)."""
    if tracker_store_url:
        scheme, rest = tracker_store_url.split("://", 1)
        if scheme in ("postgres", "postgresql"):
            scheme = "postgresql"
        return f"{scheme}://{rest}"
    path = var_dir / "tracker.db"
    return f"sqlite:///{path}" if path.exists() else None


@lru_cache(maxsize=4)
def _tracker_engine(url: str) -> Engine:
    return create_engine(url, future=True, pool_pre_ping=not url.startswith("sqlite"))


def purge_tracker_store(tracker: Engine, cutoff: dt.datetime) -> int:
    """Deletes every event of each conversation whose last event is before `cutoff`; returns how many
    conversations went. Rasa's events table stores `timestamp` as seconds since the epoch."""
    if not inspect(tracker).has_table("events"):
        return 0
    events = Table("events", MetaData(), autoload_with=tracker)
    limit = cutoff.replace(tzinfo=dt.timezone.utc).timestamp()
    stale = (
        select(events.c.sender_id).group_by(events.c.sender_id).having(func.max(events.c.timestamp) < limit)
    )
    with tracker.begin() as conn:
        senders = [row[0] for row in conn.execute(stale)]
        for start in range(0, len(senders), 500):
            chunk = senders[start : start + 500]
            conn.execute(delete(events).where(events.c.sender_id.in_(chunk)))
    return len(senders)


def tracker_purger(tracker_store_url: str | None, var_dir: Path) -> PurgeFunction:
    """The transcripts' purger for the tracker store Rasa is configured with (read at each run: the
    development SQLite file appears only once Rasa has started)."""

    def run(_engine: Engine, cutoff: dt.datetime) -> int:
        url = tracker_engine_url(tracker_store_url, var_dir)
        if url is None:  # no TRACKER_STORE_URL and Rasa has not created var/tracker.db: said, not hidden
            logger.warning("retention.no_tracker_store", extra={"looked_for": "var/tracker.db"})
            return 0
        return purge_tracker_store(_tracker_engine(url), cutoff)

    return run


def register_builtin_purgers(tracker_store_url: str | None, var_dir: Path) -> None:
    register_purger("notes", "notes", purge_notes)
    register_purger("handoffs", "handoffs", purge_handoffs)
    register_purger("contacts", "contacts", purge_contacts)
    register_purger("outbox", "outbox", delete_before(outbox, outbox.c.updated_at))
    register_purger("audit", "audit", delete_before(audit_log, audit_log.c.at))
    register_purger("checkins", "checkin_consents", delete_before(checkins, checkins.c.due_at))
    register_purger("survey_links", "contacts", purge_survey_links)
    register_purger("twilio_cleanup", "contacts", delete_before(twilio_cleanup, twilio_cleanup.c.created_at))
    register_purger("blocked_senders", "contacts", purge_blocks)
    register_purger("report_facts", "report_facts", delete_before(report_facts, report_facts.c.updated_at))
    register_expiry_purger("report_pages", report_pages, report_pages.c.expires_at)
    register_expiry_purger("rate_limits", rate_limits, rate_limits.c.expires_at)
    register_purger("transcripts", "transcripts", tracker_purger(tracker_store_url, var_dir))
    # Marks point at handoffs: they go first.
    register_purger(
        "counsellor_marks",
        "counsellor_marks",
        delete_before(counsellor_marks, counsellor_marks.c.created_at),
        first=True,
    )


def register_purge_job(engine: Engine, tracker_store_url: str | None, var_dir: Path) -> None:
    """The purge as the scheduler's job (the dashboard calls this at start, with the other jobs)."""
    from helpline.store.scheduler import register

    register_builtin_purgers(tracker_store_url, var_dir)

    async def retention_job(now: dt.datetime) -> None:
        await asyncio.to_thread(purge, engine, now)

    register(JOB_NAME, every=JOB_EVERY, run=retention_job, lease=JOB_LEASE)
