"""Waiting in tests for a condition, never for a duration (a loaded CI machine is slow, not wrong)."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable

CONDITION_TIMEOUT = 120.0  # only bounds a wait that would otherwise hang; never reached when passing


async def until(condition: Callable[[], object], what: str) -> None:
    """Waits for `condition()` to hold, checking again and again (no duration is assumed)."""
    deadline = time.monotonic() + CONDITION_TIMEOUT
    while not condition():
        assert time.monotonic() < deadline, f"still waiting for {what}"
        await asyncio.sleep(0.005)
