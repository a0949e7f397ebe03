"""Rate limits that hold across replicas and workers: fixed-window counters in a shared store.

One counter per key (the SHA-256 of the limit's kind and its parts, so the store never holds an address,
an email or a page token). Taking a count is check-and-count in one atomic step, so N concurrent
requests against a limit of L let exactly L through, whichever replica they reach:
- `SqlCounters`: the `rate_limits` table of the helpline database (migration 0011). Every change is one
  conditional UPDATE or INSERT: atomic on SQLite (writes serialise) and on PostgreSQL (an UPDATE re-checks
  its WHERE on the row it locked). Windows that ended are deleted by the retention purge
  (helpline/jobs/purge.py, by `expires_at`).
- `RedisCounters`, when REDIS_URL is set: one Lua script (INCR, the window's expiry, refusal) per take;
  Redis expires the keys itself.

Users: the web chat (dashboard/webchat.py), the printable report page (dashboard/report_page.py) and the
dashboard's sign-in throttle (dashboard/security.py, which adds refunds and clears on top).

`RateLimiter(counters, limits).check(kind, *parts)` answers a `Decision`: allowed, or refused with the
seconds until the window ends (the `Retry-After` of a 429). A store that cannot be reached is logged and,
for public surfaces, lets the request through (`fail_open=True`: a texter is never cut off because a
counter could not be read); the sign-in throttle refuses instead.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Protocol

from sqlalchemy import insert, select, update
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError

from helpline.settings import clock
from helpline.settings.logs import get_logger
from helpline.store.db import rate_limits

logger = get_logger("helpline.store.rate_limit")

REDIS_PREFIX = "helpline:rate:"
STORE_DOWN_RETRY_AFTER = 30  # seconds, when a refusing limiter cannot read its store


@dataclass(frozen=True)
class Decision:
    allowed: bool
    retry_after: int = 0  # whole seconds until the window ends (at least 1 when refused)


def limit_key(kind: str, *parts: str) -> str:
    """The stored key of one counter: a hash, never the address, email or token itself."""
    return hashlib.sha256("\x1f".join((kind, *parts)).encode()).hexdigest()


class Counters(Protocol):
    def take(self, key: str, limit: int, window: dt.timedelta) -> Decision: ...

    def refund(self, key: str) -> None: ...

    def clear(self, key: str) -> None: ...


def _seconds(delta: dt.timedelta) -> int:
    return max(1, math.ceil(delta.total_seconds()))


class SqlCounters:
    """Counters in the helpline database's `rate_limits` table (see the module docstring)."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def take(self, key: str, limit: int, window: dt.timedelta) -> Decision:
        table = rate_limits
        for _ in range(3):
            now = clock.naive_utc()
            with self._engine.begin() as conn:
                counted = conn.execute(
                    update(table)
                    .where(table.c.key == key, table.c.expires_at > now, table.c.hits < limit)
                    .values(hits=table.c.hits + 1)
                ).rowcount
            if counted:
                return Decision(True)
            with self._engine.begin() as conn:
                restarted = conn.execute(
                    update(table)
                    .where(table.c.key == key, table.c.expires_at <= now)
                    .values(hits=1, window_start=now, expires_at=now + window)
                ).rowcount
            if restarted:
                return Decision(True)
            try:
                with self._engine.begin() as conn:
                    conn.execute(
                        insert(table).values(key=key, hits=1, window_start=now, expires_at=now + window)
                    )
                return Decision(True)
            except IntegrityError:
                pass  # the row exists: full, or created meanwhile (then the UPDATE decides)
            with self._engine.connect() as conn:
                row = conn.execute(select(table.c.hits, table.c.expires_at).where(table.c.key == key)).first()
            if row is not None and row.expires_at > now and row.hits >= limit:
                return Decision(False, _seconds(row.expires_at - now))
        return Decision(False, _seconds(window))

    def refund(self, key: str) -> None:
        table = rate_limits
        with self._engine.begin() as conn:
            conn.execute(
                update(table).where(table.c.key == key, table.c.hits > 0).values(hits=table.c.hits - 1)
            )

    def clear(self, key: str) -> None:
        with self._engine.begin() as conn:
            conn.execute(rate_limits.delete().where(rate_limits.c.key == key))


# KEYS[1] the counter; ARGV[1] the limit, ARGV[2] the window in milliseconds. {allowed, ms left}.
_TAKE = """
local n = redis.call('INCR', KEYS[1])
local ttl = redis.call('PTTL', KEYS[1])
if n == 1 or ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  ttl = tonumber(ARGV[2])
end
if n > tonumber(ARGV[1]) then
  redis.call('DECR', KEYS[1])
  return {0, ttl}
end
return {1, ttl}
"""
_REFUND = """
local n = tonumber(redis.call('GET', KEYS[1]) or '0')
if n > 0 then redis.call('DECR', KEYS[1]) end
return n
"""


class RedisCounters:
    """Counters in Redis (REDIS_URL): one atomic script per take; Redis expires each window's key."""

    def __init__(self, client: Any) -> None:
        self._client = client
        self._take = client.register_script(_TAKE)
        self._refund = client.register_script(_REFUND)

    @classmethod
    def from_url(cls, url: str) -> RedisCounters:
        import redis

        return cls(redis.Redis.from_url(url, socket_timeout=2, socket_connect_timeout=2))

    def take(self, key: str, limit: int, window: dt.timedelta) -> Decision:
        milliseconds = max(1, int(window.total_seconds() * 1000))
        allowed, left = self._take(keys=[REDIS_PREFIX + key], args=[limit, milliseconds])
        if int(allowed):
            return Decision(True)
        return Decision(False, max(1, math.ceil(int(left) / 1000)))

    def refund(self, key: str) -> None:
        self._refund(keys=[REDIS_PREFIX + key])

    def clear(self, key: str) -> None:
        self._client.delete(REDIS_PREFIX + key)


def shared_counters(engine: Engine, redis_url: str | None) -> Counters:
    """Redis when REDIS_URL is set, else the helpline database: shared by every replica either way."""
    return RedisCounters.from_url(redis_url) if redis_url else SqlCounters(engine)


class RateLimiter:
    """Named limits on shared counters: `limits` maps a kind to (requests, window)."""

    def __init__(
        self,
        counters: Counters,
        limits: Mapping[str, tuple[int, dt.timedelta]],
        *,
        fail_open: bool = True,
    ) -> None:
        self.counters = counters
        self.limits = dict(limits)
        self._fail_open = fail_open

    def check(self, kind: str, *parts: str) -> Decision:
        """Counts one request of `kind` for `parts` (a client address, a session, a token) if the
        limit allows it."""
        limit, window = self.limits[kind]
        try:
            return self.counters.take(limit_key(kind, *parts), limit, window)
        except Exception as error:  # noqa: BLE001 - a counter store failure is never a 5xx
            logger.warning("rate_limit.store_failed", extra={"kind": kind, "error": type(error).__name__})
            return Decision(True) if self._fail_open else Decision(False, STORE_DOWN_RETRY_AFTER)
