"""How handoffs, notes and people are shown: shared by the JSON API and the server-rendered pages."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.engine import Engine

from dashboard.accounts import User
from helpline.settings.config import DEFAULT_CLOSED_ACCESS_HOURS
from helpline.settings.crypto import Cipher
from helpline.store.db import notes, users, utcnow
from helpline.store.handoffs import Handoff

LANGUAGE_NAMES = {"en": "English", "yue": "Cantonese", "cmn": "Mandarin"}
SCRIPT_NAMES = {"Hant": "Traditional", "Hans": "Simplified", "Latn": "Latin"}
FLAG_FACTS = (
    ("crisis", "crisis signal"),
    ("minor", "minor"),
    ("paid", "has already paid"),
    ("content_shared", "images already shared"),
    ("app_installed", "installed their app or link"),
)
VALUE_FACTS = ("platform", "amount", "currency", "payment_method", "relation", "path")
NOT_FACTS = {"language", "region", "script", "age"} | {key for key, _ in FLAG_FACTS} | set(VALUE_FACTS)
OUTCOMES = {
    "supported": "Supported, no further action",
    "referred_police": "Referred to the police",
    "referred_crisis": "Referred to a crisis line",
    "referred_takedown": "Referred to a take-down service",
    "safeguarding": "Safeguarding (minor) follow-up",
    "texter_left": "Texter stopped replying",
    "out_of_scope": "Out of scope",
    "other": "Other",
}


def iso(moment: dt.datetime | None) -> str | None:
    return None if moment is None else moment.replace(microsecond=0).isoformat() + "Z"


def _show(value: Any) -> str:
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value)
    return str(value)


def summary_facts(summary: dict[str, Any]) -> list[str]:
    """Short readable facts from the triage summary (values may come from texters: always escaped)."""
    if not isinstance(summary, dict):
        return []
    facts: list[str] = []
    if summary.get("age") not in (None, ""):
        facts.append(f"age {_show(summary['age'])}")
    facts += [label for key, label in FLAG_FACTS if summary.get(key) is True]
    for key in VALUE_FACTS:
        if summary.get(key) not in (None, "", False, []):
            facts.append(f"{key.replace('_', ' ')}: {_show(summary[key])}")
    for key, value in summary.items():
        if key not in NOT_FACTS and value not in (None, "", False, []):
            facts.append(
                f"{key.replace('_', ' ')}: {_show(value)}" if value is not True else key.replace("_", " ")
            )
    return facts


def language_label(language: str | None, script: str | None) -> str:
    name = LANGUAGE_NAMES.get(language or "", language or "unknown language")
    if language in ("yue", "cmn") and script in SCRIPT_NAMES:
        name += f" ({SCRIPT_NAMES[script]})"
    return name


def waiting_seconds(handoff: Handoff, now: dt.datetime) -> int:
    """How long the texter waited for a counsellor (still waiting: until now)."""
    if handoff.status == "waiting":
        end = now
    else:
        end = handoff.claimed_at or handoff.closed_at or now
    return max(0, int((end - handoff.created_at).total_seconds()))


def deadline_seconds(handoff: Handoff, now: dt.datetime) -> int | None:
    """Seconds until the threat's deadline (negative once passed), None when none was stated."""
    if handoff.deadline_at is None:
        return None
    return int((handoff.deadline_at - now).total_seconds())


def remaining_label(seconds: int | None) -> str:
    """The countdown's server-rendered text: "2 h 05 min left", "12 min left", "passed 3 min ago"."""
    if seconds is None:
        return ""
    ahead = seconds >= 0
    minutes = abs(seconds) // 60
    hours, minutes = divmod(minutes, 60)
    days, hours = divmod(hours, 24)
    if days:
        text = f"{days} d {hours} h"
    elif hours:
        text = f"{hours} h {minutes:02d} min"
    else:
        text = f"{minutes} min"
    return f"{text} left" if ahead else f"passed {text} ago"


def user_names(engine: Engine) -> dict[int, str]:
    with engine.connect() as conn:
        return {row.id: row.display_name for row in conn.execute(select(users.c.id, users.c.display_name))}


def handoff_json(handoff: Handoff, names: dict[int, str], now: dt.datetime | None = None) -> dict[str, Any]:
    now = now or utcnow()
    return {
        "id": handoff.id,
        "channel": handoff.channel,
        "language": handoff.language,
        "script": handoff.script,
        "language_label": language_label(handoff.language, handoff.script),
        "region": handoff.region,
        "priority": handoff.priority,
        "reason": handoff.reason,
        "summary": handoff.summary,
        "summary_facts": summary_facts(handoff.summary),
        "status": handoff.status,
        "created_at": iso(handoff.created_at),
        "last_message_at": iso(handoff.last_message_at),
        "claimed_at": iso(handoff.claimed_at),
        "closed_at": iso(handoff.closed_at),
        "outcome": handoff.outcome,
        "assigned_to": handoff.assigned_to,
        "assigned_name": names.get(handoff.assigned_to) if handoff.assigned_to else None,
        "waiting_seconds": waiting_seconds(handoff, now),
        "deadline_at": iso(handoff.deadline_at),
        "deadline_seconds": deadline_seconds(handoff, now),
        "deadline_label": remaining_label(deadline_seconds(handoff, now)),
    }


DEFAULT_CLOSED_ACCESS = dt.timedelta(hours=DEFAULT_CLOSED_ACCESS_HOURS)


def view_basis(
    user: User,
    handoff: Handoff,
    now: dt.datetime | None = None,
    closed_access: dt.timedelta = DEFAULT_CLOSED_ACCESS,
) -> str | None:
    """Why `user` may open `handoff` ("supervisor", "queue", "holder"), or None when they may not.

    Supervisors see everything. Counsellors see the waiting queue (to choose what to claim) and what
    they hold; a handoff they held stays open to them for `closed_access` after it closed (to finish
    notes, answer a supervisor), then only supervisors can open it (HELPLINE_CLOSED_ACCESS_HOURS).
    """
    if user.is_supervisor:
        return "supervisor"
    if handoff.status == "waiting":
        return "queue"
    if handoff.assigned_to != user.id:
        return None
    if handoff.status == "closed":
        now = now or utcnow()
        if handoff.closed_at is None or now - handoff.closed_at >= closed_access:
            return None
    return "holder"


def can_view(
    user: User,
    handoff: Handoff,
    now: dt.datetime | None = None,
    closed_access: dt.timedelta = DEFAULT_CLOSED_ACCESS,
) -> bool:
    return view_basis(user, handoff, now, closed_access) is not None


def visible(
    user: User,
    items: list[Handoff],
    now: dt.datetime | None = None,
    closed_access: dt.timedelta = DEFAULT_CLOSED_ACCESS,
) -> list[Handoff]:
    now = now or utcnow()
    return [h for h in items if can_view(user, h, now, closed_access)]


def add_note(engine: Engine, cipher: Cipher, handoff_id: int, author_id: int, text: str) -> int:
    with engine.begin() as conn:
        return conn.execute(
            insert(notes).values(
                handoff_id=handoff_id,
                author_id=author_id,
                text_cipher=cipher.encrypt(text),
                created_at=utcnow(),
            )
        ).inserted_primary_key[0]


def notes_for(engine: Engine, cipher: Cipher, handoff_id: int) -> list[dict[str, Any]]:
    with engine.connect() as conn:
        rows = conn.execute(
            select(notes, users.c.display_name)
            .select_from(notes.outerjoin(users, users.c.id == notes.c.author_id))
            .where(notes.c.handoff_id == handoff_id)
            .order_by(notes.c.id)
        ).all()
    return [
        {
            "id": row.id,
            "author_id": row.author_id,
            "author_name": row.display_name,
            "text": cipher.decrypt(row.text_cipher),
            "created_at": iso(row.created_at),
        }
        for row in rows
    ]
