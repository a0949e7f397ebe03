"""The audit log: who viewed or acted on which conversation, and when. Never message text or numbers."""

from __future__ import annotations

from sqlalchemy import insert, select
from sqlalchemy.engine import Engine

from helpline.store.db import audit_log, users, utcnow

ACTIONS = (
    "login",
    "login_failed",
    "login_throttled",
    "logout",
    "view",
    "view_denied",
    "claim",
    "message",
    "note",
    "transfer",
    "assign",
    "close",
    "user_created",
    "user_capacity",
    "user_deactivated",
    "user_reactivated",
    "availability",
    "block",
    "unblock",
    "mark",  # a counsellor marked a texter's message the assistant misread (dashboard/marks.py)
    "mark_review",
    "marks_viewed",
    "marks_exported",
)


def record(
    engine: Engine,
    action: str,
    *,
    user_id: int | None = None,
    handoff_id: int | None = None,
    detail: str | None = None,
) -> None:
    """Appends one entry; `detail` is a short code or id, never text a texter or counsellor wrote."""
    with engine.begin() as conn:
        conn.execute(
            insert(audit_log).values(
                at=utcnow(),
                user_id=user_id,
                action=action[:48],
                handoff_id=handoff_id,
                detail=(detail or None) and detail[:200],
            )
        )


def entries(
    engine: Engine,
    *,
    limit: int = 200,
    before_id: int | None = None,
    handoff_id: int | None = None,
    user_id: int | None = None,
    action: str | None = None,
) -> list[dict]:
    query = (
        select(audit_log, users.c.display_name, users.c.email)
        .select_from(audit_log.outerjoin(users, users.c.id == audit_log.c.user_id))
        .order_by(audit_log.c.id.desc())
        .limit(max(1, min(limit, 1000)))
    )
    if before_id:
        query = query.where(audit_log.c.id < before_id)
    if handoff_id:
        query = query.where(audit_log.c.handoff_id == handoff_id)
    if user_id:
        query = query.where(audit_log.c.user_id == user_id)
    if action:
        query = query.where(audit_log.c.action == action)
    with engine.connect() as conn:
        rows = conn.execute(query).all()
    return [
        {
            "id": row.id,
            "at": row.at.isoformat() + "Z",
            "user_id": row.user_id,
            "user_name": row.display_name,
            "user_email": row.email,
            "action": row.action,
            "handoff_id": row.handoff_id,
            "detail": row.detail,
        }
        for row in rows
    ]
