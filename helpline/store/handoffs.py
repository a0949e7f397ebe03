"""Handoffs to a human counsellor: opened by the assistant, worked in the dashboard.

A conversation has at most one open handoff (waiting or claimed). Opening again raises its
priority when the new reason is more urgent (a crisis during a waiting handoff becomes urgent).

The threat's deadline (issue 14, `deadline_at`, naive UTC like every stored time): the queue lists by
priority, within a priority the soonest deadline first (none last), then the longest waiting; a deadline
within DEADLINE_RAISES_WITHIN raises a `normal` handoff to `high`, when it is stated and when time
brings it that close (`raise_for_deadlines`, run before every listing).
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import and_, case, func, insert, select, update
from sqlalchemy.engine import Connection, Engine

from helpline.store.db import handoffs, users, utcnow

PRIORITY_RANK = {"urgent": 0, "high": 1, "normal": 2}
OPEN_STATUSES = ("waiting", "claimed")
HOLDING_INTERVAL = dt.timedelta(minutes=5)
DEADLINE_RAISES_WITHIN = dt.timedelta(hours=6)  # a deadline this close (or this recently passed): `high`


@dataclass(frozen=True)
class Handoff:
    id: int
    conversation_id: str
    channel: str
    language: str | None
    script: str | None
    region: str | None
    priority: str
    reason: str
    summary: dict[str, Any]
    status: str
    created_at: dt.datetime
    last_message_at: dt.datetime
    last_holding_at: dt.datetime | None
    assigned_to: int | None
    claimed_at: dt.datetime | None
    closed_at: dt.datetime | None
    outcome: str | None
    updated_at: dt.datetime
    deadline_at: dt.datetime | None = None

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES


def _to_handoff(row) -> Handoff:
    data = dict(row._mapping)
    data["summary"] = json.loads(data["summary"] or "{}")
    return Handoff(**data)


def more_urgent(a: str, b: str) -> str:
    return a if PRIORITY_RANK[a] <= PRIORITY_RANK[b] else b


def _naive_utc(value: dt.datetime | None) -> dt.datetime | None:
    if value is None or value.tzinfo is None:
        return value
    return value.astimezone(dt.timezone.utc).replace(tzinfo=None)


def deadline_priority(priority: str, deadline_at: dt.datetime | None, now: dt.datetime) -> str:
    """`high` for a `normal` handoff whose deadline is within DEADLINE_RAISES_WITHIN of `now` (naive
    UTC both), or passed less than that long ago (a stale deadline from long before raises nothing);
    otherwise `priority` unchanged."""
    if (
        priority == "normal"
        and deadline_at is not None
        and now - DEADLINE_RAISES_WITHIN <= deadline_at <= now + DEADLINE_RAISES_WITHIN
    ):
        return "high"
    return priority


class HandoffStore:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def open(
        self,
        conversation_id: str,
        *,
        channel: str,
        priority: str,
        reason: str,
        summary: dict[str, Any],
        language: str | None = None,
        script: str | None = None,
        region: str | None = None,
        deadline_at: dt.datetime | None = None,
    ) -> Handoff:
        """Opens a handoff, or returns the open one raised to the more urgent priority.

        `deadline_at` (aware or naive UTC): the threat's deadline the texter stated; it replaces the open
        one's, and one within DEADLINE_RAISES_WITHIN raises `normal` to `high`."""
        if priority not in PRIORITY_RANK:
            raise ValueError(f"unknown priority {priority!r}")
        now = utcnow()
        deadline_at = _naive_utc(deadline_at)
        existing = self.open_for(conversation_id)
        with self._engine.begin() as conn:
            if existing:
                values: dict[str, Any] = {
                    "summary": json.dumps({**existing.summary, **summary}),
                    "updated_at": now,
                }
                if more_urgent(priority, existing.priority) != existing.priority:
                    values.update(priority=priority, reason=reason)
                if deadline_at is not None:
                    values["deadline_at"] = deadline_at
                    raised = deadline_priority(values.get("priority", existing.priority), deadline_at, now)
                    if raised != values.get("priority", existing.priority):
                        values["priority"] = raised
                conn.execute(update(handoffs).where(handoffs.c.id == existing.id).values(**values))
                handoff_id = existing.id
            else:
                handoff_id = conn.execute(
                    insert(handoffs).values(
                        conversation_id=conversation_id,
                        channel=channel,
                        language=language,
                        script=script,
                        region=region,
                        priority=deadline_priority(priority, deadline_at, now),
                        reason=reason,
                        summary=json.dumps(summary),
                        deadline_at=deadline_at,
                        status="waiting",
                        created_at=now,
                        last_message_at=now,
                        updated_at=now,
                    )
                ).inserted_primary_key[0]
        handoff = self.get(handoff_id)
        assert handoff is not None
        return handoff

    def get(self, handoff_id: int) -> Handoff | None:
        with self._engine.connect() as conn:
            row = conn.execute(select(handoffs).where(handoffs.c.id == handoff_id)).first()
        return _to_handoff(row) if row else None

    def open_for(self, conversation_id: str) -> Handoff | None:
        """The conversation's waiting or claimed handoff, if any."""
        with self._engine.connect() as conn:
            return self.open_for_in(conn, conversation_id)

    @staticmethod
    def open_for_in(conn: Connection, conversation_id: str) -> Handoff | None:
        """`open_for` on the caller's connection."""
        row = conn.execute(
            select(handoffs)
            .where(handoffs.c.conversation_id == conversation_id, handoffs.c.status.in_(OPEN_STATUSES))
            .order_by(handoffs.c.id.desc())
        ).first()
        return _to_handoff(row) if row else None

    def episode_start(self, handoff: Handoff) -> dt.datetime | None:
        """Where the conversation episode that led to `handoff` began: when the conversation's previous
        handoff closed (None: its first handoff, the episode is the conversation from the start)."""
        with self._engine.connect() as conn:
            return conn.execute(
                select(func.max(handoffs.c.closed_at)).where(
                    handoffs.c.conversation_id == handoff.conversation_id,
                    handoffs.c.id < handoff.id,
                    handoffs.c.closed_at.is_not(None),
                )
            ).scalar()

    def set_deadline(self, handoff_id: int, deadline_at: dt.datetime) -> bool:
        """The texter stated a (new) deadline while the handoff is open: it replaces the old one and may
        raise `normal` to `high`. False when the handoff is closed or the deadline is unchanged."""
        deadline_at = _naive_utc(deadline_at)
        handoff = self.get(handoff_id)
        if handoff is None or not handoff.is_open or handoff.deadline_at == deadline_at:
            return False
        priority = deadline_priority(handoff.priority, deadline_at, utcnow())
        return self._set(
            handoff_id,
            only_if=handoffs.c.status.in_(OPEN_STATUSES),
            deadline_at=deadline_at,
            priority=priority,
        )

    def note_stated_deadline(self, handoff_id: int, text: str, *, zone: str | None = None) -> bool:
        """A texter's message while the handoff is open (claimed too, when the assistant is paused and no
        slot is set): a deadline it states replaces the handoff's (`set_deadline`). `zone`: the texter's
        number's zone when known (helpline.deadlines.zone_for_number). For the channel's handoff
        bookkeeping; True when the deadline changed."""
        from helpline.deadlines import resolve_deadline

        handoff = self.get(handoff_id)
        if handoff is None or not handoff.is_open:
            return False
        deadline = resolve_deadline(text, region=handoff.region, zone=zone)
        return deadline is not None and self.set_deadline(handoff_id, deadline)

    def raise_for_deadlines(self) -> int:
        """Raises every open `normal` handoff whose deadline is now within DEADLINE_RAISES_WITHIN (or
        passed) to `high`; how many. Idempotent, so any replica may run it at any time."""
        now = utcnow()
        with self._engine.begin() as conn:
            return conn.execute(
                update(handoffs)
                .where(
                    handoffs.c.status.in_(OPEN_STATUSES),
                    handoffs.c.priority == "normal",
                    handoffs.c.deadline_at.is_not(None),
                    handoffs.c.deadline_at <= now + DEADLINE_RAISES_WITHIN,
                    handoffs.c.deadline_at >= now - DEADLINE_RAISES_WITHIN,
                )
                .values(priority="high", updated_at=now)
            ).rowcount

    def list(self, status: str | None = None) -> list[Handoff]:
        """By priority (urgent, high, normal); within a priority the soonest threat deadline first (none
        last); then the longest waiting (DESIGN.md). Deadlines that came close raise `normal` first."""
        if status != "closed":
            self.raise_for_deadlines()
        rank = case((handoffs.c.priority == "urgent", 0), (handoffs.c.priority == "high", 1), else_=2)
        no_deadline = case((handoffs.c.deadline_at.is_(None), 1), else_=0)
        query = select(handoffs).order_by(
            rank, no_deadline, handoffs.c.deadline_at, handoffs.c.created_at, handoffs.c.id
        )
        if status:
            query = query.where(handoffs.c.status == status)
        with self._engine.connect() as conn:
            return [_to_handoff(row) for row in conn.execute(query)]

    def _set(self, handoff_id: int, only_if: Any = None, **values: Any) -> bool:
        condition = handoffs.c.id == handoff_id
        if only_if is not None:
            condition = and_(condition, only_if)
        with self._engine.begin() as conn:
            return bool(
                conn.execute(update(handoffs).where(condition).values(updated_at=utcnow(), **values)).rowcount
            )

    def record_texter_message(self, handoff_id: int) -> None:
        self._set(handoff_id, last_message_at=utcnow())

    def claim(self, handoff_id: int, user_id: int) -> bool:
        """True when this counsellor now has it (a waiting one, or one they already hold)."""
        return self._set(
            handoff_id,
            only_if=handoffs.c.status.in_(OPEN_STATUSES),
            status="claimed",
            assigned_to=user_id,
            claimed_at=utcnow(),
        )

    def transfer(self, handoff_id: int, user_id: int) -> bool:
        return self._set(
            handoff_id, only_if=handoffs.c.status.in_(OPEN_STATUSES), status="claimed", assigned_to=user_id
        )

    def close(self, handoff_id: int, outcome: str) -> bool:
        return self._set(
            handoff_id,
            only_if=handoffs.c.status.in_(OPEN_STATUSES),
            status="closed",
            closed_at=utcnow(),
            outcome=outcome[:64],
        )

    def escalate(self, handoff_id: int, priority: str, reason: str) -> bool:
        handoff = self.get(handoff_id)
        if handoff is None or more_urgent(priority, handoff.priority) == handoff.priority:
            return False
        return self._set(handoff_id, priority=priority, reason=reason)

    def take_holding_slot(self, handoff_id: int, interval: dt.timedelta = HOLDING_INTERVAL) -> bool:
        """True (and stamps it) when a holding message may be sent now: at most one per interval."""
        now = utcnow()
        cutoff = now - interval
        with self._engine.begin() as conn:
            changed = conn.execute(
                update(handoffs)
                .where(
                    handoffs.c.id == handoff_id,
                    handoffs.c.status == "waiting",
                    (handoffs.c.last_holding_at.is_(None)) | (handoffs.c.last_holding_at < cutoff),
                )
                .values(last_holding_at=now)
            ).rowcount
        return bool(changed)

    def delete_for(self, conversation_id: str) -> int:
        with self._engine.begin() as conn:
            return conn.execute(
                handoffs.delete().where(handoffs.c.conversation_id == conversation_id)
            ).rowcount

    def counsellors_on_duty(self) -> int:
        with self._engine.connect() as conn:
            return int(
                conn.execute(
                    select(func.count())
                    .select_from(users)
                    .where(users.c.available.is_(True), users.c.active.is_(True))
                ).scalar()
                or 0
            )

    def latest_change(self) -> dt.datetime | None:
        with self._engine.connect() as conn:
            return conn.execute(select(func.max(handoffs.c.updated_at))).scalar()

    def claim_if_free(self, handoff_id: int, user_id: int) -> bool:
        """Claims a waiting handoff (stamping claimed_at once) for this user; True too when they
        already hold it, False when someone else does or it is closed. Atomic across replicas."""
        now = utcnow()
        with self._engine.begin() as conn:
            taken = conn.execute(
                update(handoffs)
                .where(handoffs.c.id == handoff_id, handoffs.c.status == "waiting")
                .values(status="claimed", assigned_to=user_id, claimed_at=now, updated_at=now)
            ).rowcount
            if taken:
                return True
            held = conn.execute(
                select(handoffs.c.id).where(
                    handoffs.c.id == handoff_id,
                    handoffs.c.status == "claimed",
                    handoffs.c.assigned_to == user_id,
                )
            ).first()
        return held is not None

    def claim_within_capacity(self, handoff_id: int, user_id: int, limit: int) -> str:
        """`claim_if_free` that also keeps the counsellor within `limit` open conversations.

        'claimed', 'held' (already theirs), 'full' (they hold `limit` already) or 'taken' (someone
        else has it, or it is closed). The count and the claim are one statement; on PostgreSQL the
        counsellor's row is locked first, so two claims by the same person at once cannot both pass.
        """
        now = utcnow()
        held_by_user = (
            select(func.count())
            .select_from(handoffs)
            .where(handoffs.c.status == "claimed", handoffs.c.assigned_to == user_id)
            .scalar_subquery()
        )
        with self._engine.begin() as conn:
            if conn.dialect.name == "postgresql":
                conn.execute(select(users.c.id).where(users.c.id == user_id).with_for_update())
            taken = conn.execute(
                update(handoffs)
                .where(handoffs.c.id == handoff_id, handoffs.c.status == "waiting", held_by_user < limit)
                .values(status="claimed", assigned_to=user_id, claimed_at=now, updated_at=now)
                .execution_options(synchronize_session=False)
            ).rowcount
            if taken:
                return "claimed"
            row = conn.execute(
                select(handoffs.c.status, handoffs.c.assigned_to).where(handoffs.c.id == handoff_id)
            ).first()
        if row is not None and row.status == "claimed" and row.assigned_to == user_id:
            return "held"
        if row is not None and row.status == "waiting":
            return "full"
        return "taken"


DEADLINE_JOB_EVERY = dt.timedelta(minutes=1)


def register_deadline_job(engine: Engine) -> None:
    """The `handoff_deadlines` job: raises `normal` handoffs whose deadline has come close, even while
    nobody lists the queue (the dashboard's live feed then shows the change)."""
    from helpline.store.scheduler import register

    store = HandoffStore(engine)

    async def handoff_deadlines_job(now: dt.datetime) -> None:
        import asyncio

        await asyncio.to_thread(store.raise_for_deadlines)

    register("handoff_deadlines", every=DEADLINE_JOB_EVERY, run=handoff_deadlines_job)
