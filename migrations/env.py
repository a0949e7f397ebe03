"""Alembic environment of the helpline database (see alembic.ini and helpline/store/migrate.py).

The database is, in order: the connection handed over by `helpline.store.migrate` (at start, inside its
locked transaction), `-x url=...` on the command line, `sqlalchemy.url`, `DATABASE_URL`, else the
development default from `helpline.settings.config`.
"""

from __future__ import annotations

import os
from logging.config import fileConfig

from alembic import context
from sqlalchemy import create_engine, pool
from sqlalchemy.engine import Connection

from helpline.store.db import load_all_tables

config = context.config
if config.config_file_name is not None:  # the alembic command line; in-process upgrades keep their logging
    fileConfig(config.config_file_name, disable_existing_loggers=False)

target_metadata = load_all_tables()


def database_url() -> str:
    url = (
        context.get_x_argument(as_dictionary=True).get("url")
        or config.get_main_option("sqlalchemy.url")
        or os.environ.get("DATABASE_URL")
    )
    if url:
        return url
    from helpline.settings.config import load_settings

    return load_settings().database_url


def _configure(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        compare_type=True,
        render_as_batch=connection.dialect.name == "sqlite",  # SQLite alters tables by copying them
    )


def run_migrations_offline() -> None:
    """`alembic upgrade head --sql`: prints the SQL instead of running it."""
    context.configure(
        url=database_url(),
        target_metadata=target_metadata,
        literal_binds=True,
        dialect_opts={"paramstyle": "named"},
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    handed_over = config.attributes.get("connection")
    if handed_over is not None:  # helpline.store.migrate: its transaction, committed by the caller
        _configure(handed_over)
        with context.begin_transaction():
            context.run_migrations()
        return
    engine = create_engine(database_url(), poolclass=pool.NullPool, future=True)
    try:
        with engine.connect() as connection:
            _configure(connection)
            with context.begin_transaction():
                context.run_migrations()
    finally:
        engine.dispose()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
