"""Throwaway PostgreSQL and Redis servers (scripts/pgredis.py) for the tests in this directory.

They are installed with apt-get when missing and started once per session on loopback ports. When that
is impossible the tests fail with the reason under CI (CI=true) and are skipped elsewhere.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Callable, Iterator

import pytest
from sqlalchemy.engine import Engine

from helpline.store.db import make_engine
from scripts.pgredis import Services, ServicesUnavailable, start_services


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "postgres: needs the throwaway PostgreSQL and Redis servers")


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


@pytest.fixture(scope="session")
def services() -> Iterator[Services]:
    try:
        running = start_services(databases=())
    except ServicesUnavailable as error:
        message = f"PostgreSQL/Redis unavailable: {error}"
        if in_ci():
            pytest.fail(f"{message}\n(CI is set: these tests must run in CI)", pytrace=False)
        pytest.skip(f"{message} (skipped outside CI)")
    yield running
    running.stop()


@pytest.fixture()
def new_database(services: Services) -> Callable[[str], str]:
    """Creates an empty database with a unique name and returns its URL."""

    def create(prefix: str = "test") -> str:
        return services.postgres.create_database(f"{prefix}_{secrets.token_hex(4)}")

    return create


@pytest.fixture()
def pg_engine(new_database: Callable[[str], str]) -> Iterator[Engine]:
    """An engine on a fresh database, migrated by `make_engine` as at start."""
    engine = make_engine(new_database("helpline"))
    yield engine
    engine.dispose()
