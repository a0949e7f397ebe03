"""The one clock every time-dependent rule reads (opening hours, waits, check-ins, the scheduler).

`now()` is aware UTC. Tests control it with `frozen(at)` / `set_now(at)` and move it with
`advance(delta)`: no rule ever reads the wall clock directly, and no test ever sleeps.
`helpline.store.db.utcnow()` (naive UTC, the stored-time convention) reads this clock too.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Iterator
from contextlib import contextmanager

UTC = dt.timezone.utc

_lock = threading.Lock()
_fixed: dt.datetime | None = None


def _aware(value: dt.datetime) -> dt.datetime:
    """Naive values are UTC by the project's convention."""
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def now() -> dt.datetime:
    """The current time, timezone-aware UTC (the test override when one is set)."""
    fixed = _fixed
    if fixed is not None:
        return fixed
    return dt.datetime.now(UTC)


def naive_utc(value: dt.datetime | None = None) -> dt.datetime:
    """`value` (default: now) as naive UTC, the form stored in the database."""
    return _aware(value or now()).replace(tzinfo=None)


def set_now(value: dt.datetime | None) -> None:
    """Fixes the clock at `value` (None returns it to real time). For tests and simulations."""
    global _fixed
    with _lock:
        _fixed = None if value is None else _aware(value)


def advance(delta: dt.timedelta) -> dt.datetime:
    """Moves a fixed clock forward; fixes it at real time + delta when it was not fixed."""
    global _fixed
    with _lock:
        _fixed = (_fixed or dt.datetime.now(UTC)) + delta
        return _fixed


@contextmanager
def frozen(value: dt.datetime) -> Iterator[None]:
    """The clock fixed at `value` inside the block, restored after it."""
    global _fixed
    before = _fixed
    set_now(value)
    try:
        yield
    finally:
        with _lock:
            _fixed = before
