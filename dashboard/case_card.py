"""The counsellor's case card: the report facts (helpline/store/report_facts.py) on the conversation page and
in the API, editable by the counsellor who holds the conversation (or a supervisor). Edits are audited
by field name only, never their text."""

from __future__ import annotations

from typing import Any

from fastapi import Request

from dashboard.deps import cipher, engine
from helpline.store.report_facts import BOOL_FIELDS, LIST_FIELDS, TEXT_FIELDS, ReportFactsStore

# field -> label, in the order the police ask for them
LABELS: dict[str, str] = {
    "platforms": "Platform",
    "handles": "Offender's accounts, IDs, links",
    "phones": "Offender's phone numbers",
    "accounts": "Payment accounts (FPS, bank, Alipay, wallet)",
    "payment_methods": "Payment methods",
    "amounts_asked": "Amounts asked",
    "amounts_paid": "Amounts paid",
    "deadline": "Their deadline (UTC)",
    "started": "Started",
    "content_shared": "Content shared",
    "shared_with": "Shared with",
    "app_installed": "App installed",
}
assert set(LABELS) == set(LIST_FIELDS) | set(TEXT_FIELDS) | set(BOOL_FIELDS)


def facts_store(request: Request) -> ReportFactsStore:
    return ReportFactsStore(engine(request), cipher(request))


def card_fields(facts: dict[str, Any]) -> list[dict[str, Any]]:
    """The card's rows for the page: name, label, kind (list|text|bool) and value."""
    rows = []
    for name, label in LABELS.items():
        kind = "list" if name in LIST_FIELDS else "text" if name in TEXT_FIELDS else "bool"
        value = facts.get(name) or ([] if kind == "list" else False if kind == "bool" else "")
        rows.append({"name": name, "label": label, "kind": kind, "value": value})
    return rows


def changed_fields(old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    return sorted(name for name in LABELS if (old.get(name) or None) != (new.get(name) or None))
