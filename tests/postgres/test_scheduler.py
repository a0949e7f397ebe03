"""The scheduler on PostgreSQL: two processes, each with its own engine, run a due job once."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest

from helpline.store.db import make_engine
from tests.ops.test_scheduler import EVERY, START, run_in_two_processes

pytestmark = pytest.mark.postgres


def test_two_processes_run_a_due_job_once_on_postgresql(new_database: Callable[[str], str], tmp_path: Path):
    url = new_database("scheduler")
    make_engine(url).dispose()  # migrated to head (job_leases included) before the race
    log = tmp_path / "runs.log"
    assert sorted(run_in_two_processes(url, log, START)) == [0, 1]
    assert sorted(run_in_two_processes(url, log, START + dt.timedelta(minutes=4))) == [0, 0]
    assert sorted(run_in_two_processes(url, log, START + EVERY)) == [0, 1]
    assert len(log.read_text().splitlines()) == 2


def test_simultaneous_claims_stay_within_the_limit_on_postgresql(new_database: Callable[[str], str]):
    from concurrent.futures import ThreadPoolExecutor

    from dashboard.accounts import AccountStore
    from helpline.store.handoffs import HandoffStore

    engine = make_engine(new_database("capacity"))
    try:
        user = AccountStore(engine).create("ana@helpline.example", "Ana", "correct horse battery staple")
        store = HandoffStore(engine)
        ids = [
            store.open(
                f"conversation-{n}", channel="sms", priority="normal", reason="requested", summary={}
            ).id
            for n in range(8)
        ]
        with ThreadPoolExecutor(max_workers=8) as pool:
            outcomes = list(pool.map(lambda i: store.claim_within_capacity(i, user.id, 3), ids))
        assert outcomes.count("claimed") == 3 and outcomes.count("full") == 5
    finally:
        engine.dispose()
