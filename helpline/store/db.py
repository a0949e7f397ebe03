"""The helpline database: contacts, processed webhooks, outbound messages and opt-outs.

SQLAlchemy Core, so the same code runs on the embedded SQLite default and on PostgreSQL.
Rasa's tracker (the transcript of record) lives in Rasa's own tracker store, not here.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from typing import Any

from sqlalchemy import (
    Boolean,
    Column,
    DateTime,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    create_engine,
    event,
)
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.pool import QueuePool

from helpline.settings import clock

metadata = MetaData()

contacts = Table(
    "contacts",
    metadata,
    Column("conversation_id", String(64), primary_key=True),
    Column("channel", String(16), nullable=False),
    Column("number_cipher", Text, nullable=False),
    Column("region", String(8)),
    Column("language", String(8)),
    Column("script", String(8)),
    Column("language_locked", Boolean, nullable=False, default=False),  # the texter chose it
    Column("created_at", DateTime, nullable=False),
    Column("last_inbound_at", DateTime),
    Column("opted_out_at", DateTime),
)

processed_messages = Table(
    "processed_messages",
    metadata,
    Column("message_sid", String(64), primary_key=True),
    Column("received_at", DateTime, nullable=False, index=True),
)

outbox = Table(
    "outbox",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("conversation_id", String(64), nullable=False, index=True),
    Column("channel", String(16), nullable=False),
    Column("body_cipher", Text, nullable=False),
    Column("status", String(24), nullable=False),
    Column("twilio_sid", String(64), index=True),
    Column("error_code", String(16)),
    Column("created_at", DateTime, nullable=False),
    Column("updated_at", DateTime, nullable=False),
)


handoffs = Table(
    "handoffs",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("conversation_id", String(64), nullable=False, index=True),
    Column("channel", String(16), nullable=False),
    Column("language", String(8)),
    Column("script", String(8)),
    Column("region", String(8)),
    Column("priority", String(8), nullable=False),  # urgent | high | normal
    Column("reason", String(24), nullable=False),  # crisis | minor | requested | fallback
    Column("summary", Text, nullable=False),  # JSON: the triage summary, no message text, no number
    Column("status", String(8), nullable=False, index=True),  # waiting | claimed | closed
    Column("created_at", DateTime, nullable=False),
    Column("last_message_at", DateTime, nullable=False),
    Column("last_holding_at", DateTime),
    Column("updated_at", DateTime, nullable=False, index=True),  # any change; the dashboard's live feed
    Column("assigned_to", Integer, ForeignKey("users.id")),
    Column("claimed_at", DateTime),
    Column("closed_at", DateTime),
    Column("outcome", String(64)),
    Column("deadline_at", DateTime),  # the threat's deadline the texter stated (issue 14), null when none
)

users = Table(
    "users",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("email", String(254), nullable=False, unique=True),
    Column("display_name", String(80), nullable=False),
    Column("password_hash", Text, nullable=False),
    Column("role", String(16), nullable=False),  # counsellor | supervisor
    Column("available", Boolean, nullable=False, default=False),  # on duty
    Column("active", Boolean, nullable=False, default=True),
    Column("created_at", DateTime, nullable=False),
    Column("max_open", Integer),  # most open conversations they may hold (null: the configured default)
)

notes = Table(
    "notes",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("handoff_id", Integer, ForeignKey("handoffs.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("author_id", Integer, ForeignKey("users.id"), nullable=False),
    Column("text_cipher", Text, nullable=False),
    Column("created_at", DateTime, nullable=False),
)

audit_log = Table(
    "audit_log",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("at", DateTime, nullable=False, index=True),
    Column("user_id", Integer, ForeignKey("users.id")),
    Column("action", String(48), nullable=False),
    Column("handoff_id", Integer),
    Column("detail", Text),  # never message text or numbers
)


erasure_requests = Table(
    "erasure_requests",
    metadata,
    Column("conversation_id", String(64), primary_key=True),
    Column("requested_at", DateTime, nullable=False),
)


twilio_cleanup = Table(
    "twilio_cleanup",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("kind", String(8), nullable=False),  # media | erase
    Column("message_sid", String(64)),  # media: the inbound message whose media is deleted
    Column("conversation_id", String(64)),  # erase: whose records (for the logs' short id only)
    Column("channel", String(16)),  # erase: sms | whatsapp
    Column("number_cipher", Text),  # erase: the texter's number, encrypted; gone with the job
    Column("sids", Text),  # erase: JSON list of message sids the helpline sent through REST
    Column("created_at", DateTime, nullable=False),
    Column("not_before", DateTime, nullable=False, index=True),  # due time; a claim moves it ahead
    Column("attempts", Integer, nullable=False, default=0),
    Column("last_error", String(48)),  # an error class or Twilio code, never content
)


job_leases = Table(
    "job_leases",
    metadata,
    # One row per scheduled job: whoever holds an unexpired lease runs it; nobody else does.
    Column("name", String(64), primary_key=True),
    Column("holder", String(128)),
    Column("lease_until", DateTime),
    Column("next_run_at", DateTime, nullable=False),
    Column("last_started_at", DateTime),
    Column("last_finished_at", DateTime),
    Column("last_status", String(16)),  # ok | error
    Column("runs", Integer, nullable=False, default=0),
)

checkins = Table(
    "checkins",
    metadata,
    # A texter's consent to one gentle check-in: when, through which channel, in which language.
    # Never any message text.
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("conversation_id", String(64), nullable=False, index=True),
    Column("channel", String(16), nullable=False),
    Column("language", String(8)),
    Column("script", String(8)),
    Column("region", String(8)),
    Column("consented_at", DateTime, nullable=False),
    Column("due_at", DateTime, nullable=False, index=True),
    Column("status", String(16), nullable=False, index=True),  # scheduled|sent|skipped|cancelled|answered
    Column("skip_reason", String(32)),
    Column("sent_at", DateTime),
    Column("answered_at", DateTime),
)

report_facts = Table(
    "report_facts",
    metadata,
    # The facts for a texter's report pack (helpline/store/report_facts.py): one Fernet-encrypted JSON
    # document per conversation, deleted with the texter's data and after its retention period.
    Column("conversation_id", String(64), primary_key=True),
    Column("facts_cipher", Text, nullable=False),
    Column("created_at", DateTime, nullable=False),
    Column("updated_at", DateTime, nullable=False, index=True),
)

report_pages = Table(
    "report_pages",
    metadata,
    # A texter's printable report page (helpline/store/report_facts.py): only the SHA-256 of the link's token,
    # whose conversation, and until when it opens. Deleted with the texter's data and once expired.
    Column("token_hash", String(64), primary_key=True),
    Column("conversation_id", String(64), nullable=False, index=True),
    Column("created_at", DateTime, nullable=False),
    Column("expires_at", DateTime, nullable=False, index=True),
)

surveys = Table(
    "surveys",
    metadata,
    # The one post-contact question ("did this help?", R1-R5). conversation_id is cleared on erasure;
    # the rating alone stays for the figures.
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("handoff_id", Integer, index=True),
    Column("conversation_id", String(64), index=True),
    Column("language", String(8)),
    Column("asked_at", DateTime, nullable=False, index=True),
    Column("answered_at", DateTime),
    Column("rating", Integer),
)

# Counsellors' marks on a texter's message the assistant misread (issue 12): the message is kept encrypted
# until a supervisor accepts the mark and `make corrections` exports it (redacted), then the text is
# dropped. Deleted with the texter's data; kept HELPLINE_RETENTION_DAYS_COUNSELLOR_MARKS
# (helpline/store/marks.py).
counsellor_marks = Table(
    "counsellor_marks",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("handoff_id", Integer, ForeignKey("handoffs.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("conversation_id", String(64), nullable=False, index=True),
    Column("message_at", DateTime, nullable=False),  # the texter's message (its timestamp in the tracker)
    Column("kind", String(16), nullable=False),  # missed_crisis | false_alarm | wrong_intent | wrong_language
    Column("correction", String(48)),  # the right intent / language / risk_about, when the kind has one
    Column("predicted", Text, nullable=False),  # JSON: what the model said (intent, language, risk); no text
    Column("language", String(8)),
    Column("text_cipher", Text),  # the message, encrypted; null once exported
    Column("created_by", Integer, ForeignKey("users.id"), nullable=False),
    Column("created_at", DateTime, nullable=False, index=True),
    Column("status", String(10), nullable=False, index=True),  # pending | accepted | rejected
    Column("reviewed_by", Integer, ForeignKey("users.id")),
    Column("reviewed_at", DateTime),
    Column("exported_at", DateTime),
)


blocked_senders = Table(
    "blocked_senders",
    metadata,
    # A supervisor's block of one sender (the pseudonymous conversation id), with a reason code and an
    # expiry. While active, the assistant answers with one neutral message carrying the crisis line,
    # never queues a handoff, and still answers a crisis. Never message text, never a number.
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("conversation_id", String(64), nullable=False, index=True),
    Column("reason", String(24), nullable=False),  # a code: see helpline/store/blocks.py REASONS
    Column("created_by", Integer, ForeignKey("users.id")),
    Column("created_at", DateTime, nullable=False),
    Column("expires_at", DateTime, nullable=False, index=True),
    Column("lifted_at", DateTime),  # unblocked by a supervisor before it expired
    Column("lifted_by", Integer, ForeignKey("users.id")),
    Column("notified_at", DateTime),  # when the sender last got the neutral message
)


def load_all_tables() -> MetaData:
    """The helpline metadata with every table registered on it, the dashboard's included (what the
    migrations manage: migrations/env.py). Here, not in helpline/store/migrate.py, which db.py calls."""
    return metadata


def insert_unless_present(conn: Connection, table: Table, values: dict[str, Any]) -> bool:
    """Inserts the row unless one with its key exists (no error, no aborted transaction).

    True when the row was inserted. `ON CONFLICT DO NOTHING` on SQLite and PostgreSQL, the two
    databases the helpline runs on.
    """
    if conn.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    elif conn.dialect.name == "sqlite":
        from sqlalchemy.dialects.sqlite import insert
    else:
        raise NotImplementedError(f"the helpline runs on SQLite or PostgreSQL, not {conn.dialect.name}")
    return conn.execute(insert(table).values(**values).on_conflict_do_nothing()).rowcount == 1


def utcnow() -> dt.datetime:
    """Naive UTC timestamps: SQLite keeps no zone, so every stored time is UTC by convention.

    Reads `helpline.settings.clock`, so tests control every stored time and every rule that compares with it.
    """
    return clock.naive_utc()


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


SQLITE_POOL_SIZE = 8


def pooled_engine(url: str, **kwargs: object) -> Engine:
    """`create_engine`, keeping SQLite file connections open in a pool.

    SQLAlchemy 1.4 opens and closes a SQLite file for every use (NullPool): with the pragmas run on
    each connect, that cost more than the queries themselves (`make bench` profile). Connections are
    shared between threads one at a time, which sqlite3 allows once `check_same_thread` is off.
    In-memory and server databases keep SQLAlchemy's defaults.
    """
    if url.startswith("sqlite:///") and ":memory:" not in url:
        kwargs.setdefault("poolclass", QueuePool)
        kwargs.setdefault("pool_size", SQLITE_POOL_SIZE)
        kwargs.setdefault("max_overflow", SQLITE_POOL_SIZE)
        kwargs.setdefault("connect_args", {"check_same_thread": False})
    return create_engine(url, **kwargs)


def make_engine(url: str) -> Engine:
    """An engine with the schema in place. SQLite gets WAL so Rasa and the dashboard can share it.

    SQLite (the development default) is created from the metadata; any other database (PostgreSQL
    when deployed) is upgraded to the newest migration (`helpline/store/migrate.py`, `migrations/`).
    """
    if url.startswith("sqlite:///") and ":memory:" not in url:
        from pathlib import Path

        from helpline.settings.config import private_file

        private_file(Path(url.removeprefix("sqlite:///").split("?")[0]))  # 0600: texters' data
    engine = pooled_engine(url, future=True, pool_pre_ping=not url.startswith("sqlite"))
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
        metadata.create_all(engine)
        add_missing_sqlite_columns(engine)
        private_sqlite_files(url)
    else:
        from helpline.store.migrate import upgrade_to_head

        upgrade_to_head(engine)
    return engine


def private_sqlite_files(url: str) -> None:
    """The database file (and its WAL and shared-memory files) readable by its owner only: it holds
    encrypted numbers, case summaries and the audit log (issue 16: dev files were world-readable)."""
    import os

    if not url.startswith("sqlite:///") or ":memory:" in url:
        return
    path = url.removeprefix("sqlite:///")
    for name in (path, path + "-wal", path + "-shm"):
        if os.path.exists(name):
            os.chmod(name, 0o600)


def add_missing_sqlite_columns(engine: Engine) -> None:
    """Adds nullable columns a newer release declares to an older SQLite file (`create_all` adds
    only missing tables). PostgreSQL gets them from the migrations."""
    from sqlalchemy import inspect

    inspector = inspect(engine)
    with engine.begin() as conn:
        for table in metadata.sorted_tables:
            if not inspector.has_table(table.name):
                continue
            present = {column["name"] for column in inspector.get_columns(table.name)}
            for column in table.columns:
                if column.name not in present and column.nullable:
                    kind = column.type.compile(dialect=engine.dialect)
                    conn.exec_driver_sql(f'ALTER TABLE "{table.name}" ADD COLUMN "{column.name}" {kind}')


@lru_cache(maxsize=4)
def engine_for(url: str) -> Engine:
    """One engine per database URL per process."""
    return make_engine(url)


# The dashboard's tables (sessions, login throttling) live here too, in the one shared store: the
# migrations and `create_all` see every table without importing the dashboard.
# Only a SHA-256 of each session token is stored: a copy of the database does not yield live sessions.
sessions = Table(
    "sessions",
    metadata,
    Column("token_hash", String(64), primary_key=True),
    Column("user_id", Integer, ForeignKey("users.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("created_at", DateTime, nullable=False),
    Column("last_seen_at", DateTime, nullable=False),
    Column("expires_at", DateTime, nullable=False, index=True),  # absolute: created_at + 8 h
)

# No longer written (the throttle moved to rate_limits); kept so existing databases match the migrations.
login_attempts = Table(
    "login_attempts",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("at", DateTime, nullable=False, index=True),
    Column("email_hash", String(64), nullable=False, index=True),  # SHA-256 of the lower-cased email
    Column("client_ip", String(64), nullable=False, index=True),
    Column("succeeded", Boolean, nullable=False),
)

rate_limits = Table(
    "rate_limits",
    metadata,
    # Shared rate-limit counters (helpline/store/rate_limit.py): the web chat, the report page, the sign-in
    # throttle. Each key is a SHA-256 of the limit's kind and parts (no address, email or token); rows whose
    # window ended are purged (helpline/jobs/purge.py).
    Column("key", String(64), primary_key=True),
    Column("hits", Integer, nullable=False),  # requests counted in the window (a sign-in success refunds)
    Column("window_start", DateTime, nullable=False),
    Column("expires_at", DateTime, nullable=False, index=True),  # the window's end
)
