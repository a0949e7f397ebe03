"""The dashboard's tables, defined with the rest in `helpline/store/db.py` (the one shared store; no import of
the dashboard from the persistence layer). Kept as the dashboard's names for them.

Login throttling lives in the shared store (not in memory) so it holds across dashboard replicas: one
counter per throttle key in `rate_limits` (or Redis), taken by one atomic check-and-count
(helpline/store/rate_limit.py), so concurrent attempts cannot all pass a check made before any is counted.
"""

from __future__ import annotations

from helpline.store.db import login_attempts, rate_limits, sessions

__all__ = ["login_attempts", "rate_limits", "sessions"]
