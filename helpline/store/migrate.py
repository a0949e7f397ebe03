"""Schema migrations of the helpline database (Alembic; the revisions are in `migrations/versions/`).

`helpline.store.db.make_engine` calls `upgrade_to_head` for every database but SQLite (the development
default, created straight from the metadata). The upgrade runs in one transaction under a PostgreSQL
advisory lock, so replicas starting together (Rasa servers, action server, dashboards) migrate once and
the others wait for it. A database made by `create_all` before migrations existed (tables present, no
`alembic_version`) is stamped at the last revision whose tables it has, then upgraded. A database at a
revision this code does not know (newer code migrated it during a rolling deploy) is left as it is.

After changing a table in `helpline/store/db.py`, add a revision:
`.venv/bin/alembic revision --autogenerate -m "what changed"` (then read and tidy it);
`tests/postgres/test_migrations.py` fails while the tables and the migrations disagree.
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util.exc import CommandError
from sqlalchemy import inspect, text
from sqlalchemy.engine import Connection, Engine

from helpline.settings.logs import get_logger

MIGRATIONS_DIR = Path(__file__).resolve().parents[2] / "migrations"
ADVISORY_LOCK_KEY = 0x48454C50  # "HELP": one constant shared by every process that migrates

# What the first revisions create, to adopt a database created by `create_all` before migrations.
# Historical facts: later revisions never need an entry here.
BASELINES: tuple[tuple[str, frozenset[str]], ...] = (
    (
        "0001",
        frozenset(
            {
                "contacts",
                "processed_messages",
                "outbox",
                "users",
                "handoffs",
                "notes",
                "audit_log",
                "erasure_requests",
            }
        ),
    ),
    ("0002", frozenset({"sessions", "login_attempts"})),
)

logger = get_logger("helpline.store.migrate")


class MigrationError(RuntimeError):
    """The database cannot be brought to the current schema automatically; the message says why."""


def alembic_config(url: str | None = None, connection: Connection | None = None) -> Config:
    """Alembic's configuration without alembic.ini (so the application's logging is left alone)."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    if url:
        config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    if not (MIGRATIONS_DIR / "env.py").is_file():
        raise MigrationError(f"no migrations at {MIGRATIONS_DIR}: ship migrations/ beside helpline/")
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None, "no migrations found"
    return head


def current_revision(connection: Connection) -> str | None:
    return MigrationContext.configure(connection).get_current_revision()


def _adopt_unversioned(connection: Connection, config: Config) -> None:
    """Stamps a database made by `create_all` (no version table) at the revision its tables match."""
    existing = set(inspect(connection).get_table_names())
    known = frozenset().union(*(tables for _, tables in BASELINES))
    if not existing & known:
        return  # an empty database: the upgrade creates everything
    stamp_at = None
    for index, (revision, tables) in enumerate(BASELINES):
        present = tables & existing
        if present != tables:
            later = frozenset().union(*(later for _, later in BASELINES[index + 1 :]))
            if present or existing & later:
                raise MigrationError(
                    f"the helpline database has some tables but not others ({sorted(tables - present)} "
                    "missing) and no alembic_version: check it, then `alembic stamp <revision>`"
                )
            break
        stamp_at = revision
    command.stamp(config, stamp_at)
    logger.warning("migrations.adopted_unversioned_database", extra={"revision": stamp_at})


def upgrade_to_head(engine: Engine) -> None:
    """Brings the database to the newest revision (a no-op when it is there already)."""
    head = head_revision()
    with engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": ADVISORY_LOCK_KEY})
        current = current_revision(connection)
        if current == head:
            return
        config = alembic_config(connection=connection)
        if current is not None:
            try:
                ScriptDirectory.from_config(config).get_revision(current)
            except CommandError:
                logger.warning("migrations.database_is_newer", extra={"revision": current, "head": head})
                return
        else:
            _adopt_unversioned(connection, config)
        command.upgrade(config, "head")
    logger.info("migrations.upgraded", extra={"from": current, "to": head})
