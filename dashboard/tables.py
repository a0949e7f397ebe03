"""The dashboard's tables, defined with the rest in `helpline/store/db.py` (the one shared store; no import of
the dashboard from the persistence layer). Kept as the dashboard's names for them.

Login throttling lives in the database (not in memory) so it holds across dashboard replicas: one
counter row per throttle key, changed only by single conditional UPDATE/INSERT statements
(dashboard/security.py), so concurrent attempts cannot all pass a check made before any is counted.
"""

from __future__ import annotations

from helpline.store.db import login_attempts, login_throttle, sessions

__all__ = ["login_attempts", "login_throttle", "sessions"]
