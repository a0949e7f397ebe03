"""The retention purge on PostgreSQL: the helpline database and Rasa's SQL tracker store as deployed
(TRACKER_STORE_URL), with the same scenario as tests/helpline/test_purge.py."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

from helpline.jobs import purge
from helpline.store.db import make_engine
from tests.helpline.test_purge import purge_scenario, tracker_store

pytestmark = pytest.mark.postgres


async def test_the_purge_removes_what_each_period_allows_on_postgresql(
    new_database: Callable[[str], str], tmp_path: Path, capsys
) -> None:
    engine = make_engine(new_database("helpline"))
    tracker_url = new_database("rasa")
    url = make_url(tracker_url)
    store = tracker_store(
        {
            "dialect": "postgresql",
            "url": url.host,
            "port": url.port,
            "db": url.database,
            "username": url.username,
            "password": url.password,
        }
    )
    purge.register_builtin_purgers(tracker_url, tmp_path)  # TRACKER_STORE_URL, as deployed
    try:
        await purge_scenario(engine, store, capsys)
    finally:
        engine.dispose()
