"""The migrations build exactly the tables the code declares, and PostgreSQL is migrated at start."""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine, inspect, text
from sqlalchemy.engine import Connection, Engine

from helpline.store.db import load_all_tables, make_engine
from helpline.store.migrate import (
    BASELINES,
    MigrationError,
    alembic_config,
    current_revision,
    head_revision,
)

metadata = load_all_tables()


def differences(connection: Connection) -> list:
    context = MigrationContext.configure(connection, opts={"compare_type": True})
    return compare_metadata(context, metadata)


def upgrade(engine: Engine, revision: str = "head") -> None:
    with engine.begin() as connection:
        command.upgrade(alembic_config(connection=connection), revision)


def test_dashboard_tables_are_under_migration() -> None:
    assert {"sessions", "login_attempts"} <= set(metadata.tables), "dashboard.tables did not load"


def test_baselines_name_every_table_the_first_revisions_create() -> None:
    baseline_tables = set().union(*(tables for _, tables in BASELINES))
    assert baseline_tables <= set(metadata.tables)


def test_migrations_on_sqlite_match_the_tables(tmp_path: Path) -> None:
    """Runs without PostgreSQL: any table or column added without a migration fails here too."""
    engine = create_engine(f"sqlite:///{tmp_path / 'migrated.db'}", future=True)
    upgrade(engine)
    with engine.connect() as connection:
        assert current_revision(connection) == head_revision()
        assert differences(connection) == []
    with engine.begin() as connection:
        command.downgrade(alembic_config(connection=connection), "base")
    assert inspect(engine).get_table_names() == ["alembic_version"]


def test_sqlite_development_default_still_uses_create_all(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'var' / 'helpline.db'}")
    tables = set(inspect(engine).get_table_names())
    assert "alembic_version" not in tables
    assert {"contacts", "handoffs", "processed_messages"} <= tables


@pytest.mark.postgres
def test_make_engine_migrates_postgres_to_head_and_matches_the_tables(pg_engine: Engine) -> None:
    with pg_engine.connect() as connection:
        assert current_revision(connection) == head_revision()
        assert differences(connection) == []
        assert connection.execute(text("SELECT count(*) FROM alembic_version")).scalar() == 1


@pytest.mark.postgres
def test_migrating_again_is_a_no_op(new_database: Callable[[str], str]) -> None:
    url = new_database("again")
    first = make_engine(url)
    with first.begin() as connection:
        connection.execute(text("INSERT INTO erasure_requests VALUES ('c1', now())"))
    second = make_engine(url)
    with second.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM erasure_requests")).scalar() == 1
        assert current_revision(connection) == head_revision()
    first.dispose()
    second.dispose()


@pytest.mark.postgres
def test_replicas_starting_together_migrate_once(new_database: Callable[[str], str]) -> None:
    url = new_database("together")
    start = threading.Barrier(6)

    def start_replica(_: int) -> str | None:
        start.wait()
        engine = make_engine(url)
        try:
            with engine.connect() as connection:
                return current_revision(connection)
        finally:
            engine.dispose()

    with ThreadPoolExecutor(6) as pool:
        revisions = list(pool.map(start_replica, range(6)))
    assert revisions == [head_revision()] * 6


@pytest.mark.postgres
def test_downgrade_to_nothing_and_back(pg_engine: Engine) -> None:
    with pg_engine.begin() as connection:
        command.downgrade(alembic_config(connection=connection), "base")
    assert inspect(pg_engine).get_table_names() == ["alembic_version"]
    upgrade(pg_engine)
    with pg_engine.connect() as connection:
        assert differences(connection) == []


@pytest.mark.postgres
def test_a_database_made_by_create_all_is_adopted(new_database: Callable[[str], str]) -> None:
    """Databases created before migrations existed are stamped, not re-created."""
    url = new_database("legacy")
    legacy = create_engine(url, future=True)
    metadata.create_all(legacy)
    with legacy.begin() as connection:
        connection.execute(text("INSERT INTO erasure_requests VALUES ('kept', now())"))
    legacy.dispose()
    engine = make_engine(url)
    with engine.connect() as connection:
        assert current_revision(connection) == head_revision()
        assert connection.execute(text("SELECT conversation_id FROM erasure_requests")).scalar() == "kept"
    engine.dispose()


@pytest.mark.postgres
def test_a_database_without_the_dashboard_tables_is_adopted_and_completed(
    new_database: Callable[[str], str],
) -> None:
    """Rasa or the action server alone used to create only the helpline's own tables."""
    url = new_database("partial")
    legacy = create_engine(url, future=True)
    metadata.create_all(legacy, tables=[metadata.tables[name] for name in BASELINES[0][1]])
    legacy.dispose()
    engine = make_engine(url)
    with engine.connect() as connection:
        assert current_revision(connection) == head_revision()
        assert differences(connection) == []
    engine.dispose()


@pytest.mark.postgres
def test_a_half_made_database_is_refused_with_a_clear_error(new_database: Callable[[str], str]) -> None:
    url = new_database("broken")
    legacy = create_engine(url, future=True)
    metadata.create_all(legacy, tables=[metadata.tables["contacts"]])
    legacy.dispose()
    with pytest.raises(MigrationError, match="alembic stamp"):
        make_engine(url)


@pytest.mark.postgres
def test_a_database_migrated_by_newer_code_is_left_alone(new_database: Callable[[str], str]) -> None:
    url = new_database("newer")
    engine = make_engine(url)
    with engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = 'from_the_future'"))
    make_engine(url).dispose()  # starts anyway (rolling deploy), without touching the schema
    with engine.connect() as connection:
        assert current_revision(connection) == "from_the_future"
    engine.dispose()
