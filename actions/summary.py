"""The short triage summary a counsellor sees on a handoff (no message text, no number)."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker

ENTITY_KEYS = ("amount", "currency", "platform", "payment_method", "relation")


def triage_summary(tracker: Tracker) -> dict[str, Any]:
    intents: set[str] = set()
    entities: dict[str, str] = {}
    for event in tracker.events:
        if event.get("event") != "user":
            continue
        parse = event.get("parse_data") or {}
        intents.add((parse.get("intent") or {}).get("name") or "")
        for entity in parse.get("entities") or []:
            if entity.get("entity") in ENTITY_KEYS:
                entities[entity["entity"]] = str(entity.get("value"))
    age = tracker.get_slot("age")
    return {
        "language": tracker.get_slot("language"),
        "region": tracker.get_slot("region"),
        "age": int(age) if age is not None else None,
        "minor": bool(tracker.get_slot("minor")),
        "crisis": bool(tracker.get_slot("crisis")),
        "paid": "already_paid" in intents or tracker.get_slot("path") == "paid",
        "content_shared": "content_shared" in intents,
        "app_installed": "malicious_app" in intents,
        "path": tracker.get_slot("path"),
        **entities,
    }
