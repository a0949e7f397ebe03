"""The sign-in throttle's counters are atomic on PostgreSQL too (issue 16: 30 concurrent guesses
were all checked against a limit of 5)."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy.engine import Engine

from dashboard.security import PER_ACCOUNT_CLIENT, PER_CLIENT, LoginThrottle

pytestmark = pytest.mark.postgres


@pytest.mark.parametrize(("threads", "spread"), [(30, "one account"), (50, "many accounts")])
def test_concurrent_attempts_take_exactly_the_limit(pg_engine: Engine, threads: int, spread: str) -> None:
    throttle = LoginThrottle(pg_engine, "key")
    barrier = threading.Barrier(threads)

    def one(index: int) -> bool:
        email = "ana@helpline.example" if spread == "one account" else f"user{index}@x.example"
        barrier.wait()
        return throttle.acquire(email, "192.0.2.1").allowed

    with ThreadPoolExecutor(threads) as pool:
        allowed = sum(pool.map(one, range(threads)))
    assert allowed == (PER_ACCOUNT_CLIENT if spread == "one account" else PER_CLIENT)


def test_success_refunds_on_postgres(pg_engine: Engine) -> None:
    throttle = LoginThrottle(pg_engine, "key")
    for _ in range(PER_ACCOUNT_CLIENT - 1):
        assert throttle.acquire("ana@helpline.example", "192.0.2.1").allowed
    throttle.succeeded(throttle.acquire("ana@helpline.example", "192.0.2.1"))
    for _ in range(PER_ACCOUNT_CLIENT):
        assert throttle.acquire("ana@helpline.example", "192.0.2.1").allowed
    assert not throttle.acquire("ana@helpline.example", "192.0.2.1").allowed
