"""The short triage summary a counsellor sees on a handoff (no message text, no number)."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker

ENTITY_KEYS = ("amount", "currency", "platform", "payment_method", "relation")


def triage_summary(tracker: Tracker) -> dict[str, Any]:
    """From slots only: TriagePolicy keeps the facts there, so no history is needed."""
    age = tracker.get_slot("age")
    summary: dict[str, Any] = {
        "language": tracker.get_slot("language"),
        "region": tracker.get_slot("region"),
        "age": int(age) if age is not None else None,
        "minor": bool(tracker.get_slot("minor")),
        "crisis": bool(tracker.get_slot("crisis")),
        "paid": bool(tracker.get_slot("paid")) or tracker.get_slot("path") == "paid",
        "content_shared": bool(tracker.get_slot("content_shared")),
        "app_installed": bool(tracker.get_slot("app_installed")),
        "path": tracker.get_slot("path"),
        # issue 15: why a counsellor is needed at once (a child groomed, a meeting), an outing threat
        "grooming": bool(tracker.get_slot("grooming")),
        "meeting": bool(tracker.get_slot("meeting")),
        "outing": bool(tracker.get_slot("outing")),
    }
    for key in ENTITY_KEYS:
        if tracker.get_slot(key) is not None:
            summary[key] = tracker.get_slot(key)
    return summary
