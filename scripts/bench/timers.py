"""Wall-clock timers wrapped around named methods, grouped per message, for the in-process profile.

The message being timed is held in a context variable, so concurrent messages (asyncio tasks, and the
threads `asyncio.to_thread` starts for them, which copy the context) each add to their own record.
"""

from __future__ import annotations

import functools
import inspect
import time
from collections import defaultdict
from collections.abc import Callable
from contextvars import ContextVar
from typing import Any


class Timers:
    """Wraps methods so that each call's wall time is added to a label for the current message."""

    def __init__(self) -> None:
        self.counts: dict[str, int] = defaultdict(int)
        self.messages: list[dict[str, float]] = []
        self.untracked: dict[str, float] = defaultdict(float)  # calls outside any begun message
        self._record: ContextVar[dict[str, float] | None] = ContextVar(f"timers-{id(self)}", default=None)
        self._restore: list[tuple[Any, str, Any, bool]] = []

    def begin(self) -> None:
        """Starts a message's record in the current context (task)."""
        self._record.set(defaultdict(float))

    def add(self, label: str, seconds: float) -> None:
        record = self._record.get()
        (self.untracked if record is None else record)[label] += seconds
        self.counts[label] += 1

    def wrap(self, owner: Any, attribute: str, label: str) -> None:
        """Replaces owner.attribute by a timed version (sync or async); `restore()` undoes it."""
        had_own = hasattr(owner, "__dict__") and attribute in vars(owner)
        original = getattr(owner, attribute)
        self._restore.append((owner, attribute, vars(owner)[attribute] if had_own else original, had_own))
        setattr(owner, attribute, self.timed(original, label))

    def timed(self, function: Callable[..., Any], label: str) -> Callable[..., Any]:
        if inspect.iscoroutinefunction(function):

            @functools.wraps(function)
            async def timed_async(*args: Any, **kwargs: Any) -> Any:
                started = time.perf_counter()
                try:
                    return await function(*args, **kwargs)
                finally:
                    self.add(label, time.perf_counter() - started)

            return timed_async

        @functools.wraps(function)
        def timed_sync(*args: Any, **kwargs: Any) -> Any:
            started = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                self.add(label, time.perf_counter() - started)

        return timed_sync

    def end_message(self, **extra: float) -> dict[str, float]:
        """Closes the context's message: its label -> seconds (plus `extra`), kept in order of ending."""
        record = {**(self._record.get() or {}), **extra}
        self.messages.append(record)
        self._record.set(None)
        return record

    def restore(self) -> None:
        for owner, attribute, original, had_own in reversed(self._restore):
            if had_own or isinstance(owner, type):
                setattr(owner, attribute, original)
            else:
                delattr(owner, attribute)
        self._restore.clear()
