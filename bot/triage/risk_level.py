"""A parse's own risk level, read the same way by the policy and the connector.

The triage component sets `risk` on every parse (DESIGN.md). Since the thirty-fifth round a possible signal
whose only content is the texter's own signal has the intent `self_harm`, as DESIGN.md's intent table reads
it, so the intent alone no longer means a crisis: `risk` decides. Only a parse without `risk` (a model
trained before issue 12, a test's hand-written parse) falls back on `crisis` and on the intent, reading
`self_harm` as a crisis, recall first."""

from __future__ import annotations

from typing import Any

RISK_LEVELS = ("none", "concern", "crisis")  # lowest first: the policy ranks levels by this order


def parse_risk(triage: dict[str, Any], intent: str | None) -> str:
    """'crisis', 'concern' or 'none' for one parse."""
    risk = triage.get("risk")
    if risk in RISK_LEVELS:
        return "crisis" if triage.get("crisis") else risk
    return "crisis" if triage.get("crisis") or intent == "self_harm" else "none"
