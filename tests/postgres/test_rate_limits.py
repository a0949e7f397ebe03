"""The shared rate-limit counters (helpline/store/rate_limit.py) on PostgreSQL and on Redis: two
limiters stand for two replicas; concurrent takes let exactly the limit through."""

from __future__ import annotations

import datetime as dt
import secrets
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy.engine import Engine

from dashboard.security import PER_ACCOUNT_CLIENT, LoginThrottle
from helpline.store.rate_limit import RateLimiter, RedisCounters, SqlCounters

pytestmark = pytest.mark.postgres
LIMITS = {"send_session": (12, dt.timedelta(minutes=1))}


def concurrent_allowed(limiters: list[RateLimiter], threads: int) -> int:
    key = secrets.token_hex(8)
    barrier = threading.Barrier(threads)

    def one(index: int) -> bool:
        barrier.wait()
        return limiters[index % len(limiters)].check("send_session", key).allowed

    with ThreadPoolExecutor(threads) as pool:
        return sum(pool.map(one, range(threads)))


@pytest.fixture()
def redis_counters(services) -> list[RedisCounters]:
    url = services.redis.url()
    return [RedisCounters.from_url(url), RedisCounters.from_url(url)]


@pytest.mark.parametrize("threads", [30, 50])
def test_two_replicas_on_postgres_take_exactly_the_limit(pg_engine: Engine, threads: int) -> None:
    limiters = [RateLimiter(SqlCounters(pg_engine), LIMITS) for _ in range(2)]
    assert concurrent_allowed(limiters, threads) == 12


@pytest.mark.parametrize("threads", [30, 50])
def test_two_replicas_on_redis_take_exactly_the_limit(redis_counters, threads: int) -> None:
    limiters = [RateLimiter(counters, LIMITS) for counters in redis_counters]
    assert concurrent_allowed(limiters, threads) == 12


def test_redis_refusals_say_when_to_retry_and_windows_expire(redis_counters) -> None:
    first, second = redis_counters
    key = secrets.token_hex(8)
    window = dt.timedelta(seconds=60)
    assert first.take(key, 1, window).allowed
    refused = second.take(key, 1, window)
    assert not refused.allowed and 0 < refused.retry_after <= 60
    first.clear(key)
    assert second.take(key, 1, window).allowed
    second.refund(key)
    assert first.take(key, 1, window).allowed


def test_the_sign_in_throttle_on_redis_holds_across_replicas(redis_counters, pg_engine: Engine) -> None:
    throttles = [LoginThrottle(pg_engine, "key", counters) for counters in redis_counters]
    email = f"{secrets.token_hex(4)}@helpline.example"
    allowed = [throttles[i % 2].acquire(email, "192.0.2.1").allowed for i in range(PER_ACCOUNT_CLIENT + 3)]
    assert allowed == [True] * PER_ACCOUNT_CLIENT + [False] * 3
    throttles[0].succeeded(throttles[1].acquire(f"x{email}", "192.0.2.2"))
