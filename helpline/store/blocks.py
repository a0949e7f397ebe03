"""Blocked senders: a supervisor stops one sender's messages from reaching the counsellors, for a while.

A block names the pseudonymous conversation id (never a number), a reason code and an expiry. While
it is active, in the dialogue layer (any channel, after the inbound pipeline):
- TriagePolicy routes every message that is not a safety matter to `action_blocked`, which answers it
  with one neutral message carrying the region's crisis line, and nothing else (every message gets it:
  the channels never leave a texter in silence, a silent turn would get their "something went wrong,
  send it again" notice; throttling it needs a quiet mode in the channel pipeline);
- a crisis signal, the open safety question and a possible signal are still answered by the crisis
  protocol (without its "a counsellor will reply" sentence);
- no handoff is ever opened for them (`actions.safety` refuses), so nothing reaches the queue.
A block ends when it expires or a supervisor lifts it; both the block and the lift are audited by the
dashboard. Rows are purged after the contacts' retention period (helpline/jobs/purge.py).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache

from sqlalchemy import and_, insert, select, update
from sqlalchemy.engine import Engine

from helpline.settings import clock
from helpline.settings.logs import get_logger
from helpline.store.db import blocked_senders

logger = get_logger("helpline.store.blocks")

# Reason codes (a supervisor picks one; free text could carry a texter's words into the audit log).
REASONS = ("abuse", "harassment", "spam", "threats", "sexual_content", "other")
MAX_BLOCK_DAYS = 365


@dataclass(frozen=True)
class Block:
    id: int
    conversation_id: str
    reason: str
    created_by: int | None
    created_at: dt.datetime
    expires_at: dt.datetime
    lifted_at: dt.datetime | None
    lifted_by: int | None
    notified_at: dt.datetime | None

    def public(self) -> dict:
        return {
            "id": self.id,
            "conversation_id": self.conversation_id,
            "reason": self.reason,
            "created_by": self.created_by,
            "created_at": _iso(self.created_at),
            "expires_at": _iso(self.expires_at),
            "lifted_at": _iso(self.lifted_at),
            "notified_at": _iso(self.notified_at),
        }


class BlockError(ValueError):
    """A block that cannot be made (unknown reason, expiry out of range, already blocked)."""


def _active(at: dt.datetime):
    return and_(blocked_senders.c.lifted_at.is_(None), blocked_senders.c.expires_at > at)


class BlockStore:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def block(self, conversation_id: str, reason: str, until: dt.datetime, by: int | None) -> Block:
        """A new active block; BlockError when the sender is already blocked or the values are wrong."""
        now = clock.naive_utc()
        until = clock.naive_utc(until)
        if reason not in REASONS:
            raise BlockError(f"reason must be one of: {', '.join(REASONS)}")
        if not conversation_id or len(conversation_id) > 64:
            raise BlockError("no such sender")
        if until <= now or until > now + dt.timedelta(days=MAX_BLOCK_DAYS):
            raise BlockError(f"the block must end in the future, within {MAX_BLOCK_DAYS} days")
        with self._engine.begin() as conn:
            existing = conn.execute(
                select(blocked_senders.c.id).where(
                    blocked_senders.c.conversation_id == conversation_id, _active(now)
                )
            ).first()
            if existing is not None:
                raise BlockError("this sender is already blocked")
            block_id = conn.execute(
                insert(blocked_senders).values(
                    conversation_id=conversation_id,
                    reason=reason,
                    created_by=by,
                    created_at=now,
                    expires_at=until,
                )
            ).inserted_primary_key[0]
        block = self.get(block_id)
        assert block is not None
        return block

    def get(self, block_id: int) -> Block | None:
        with self._engine.connect() as conn:
            row = conn.execute(select(blocked_senders).where(blocked_senders.c.id == block_id)).first()
        return Block(**row._mapping) if row else None

    def active(self, conversation_id: str, now: dt.datetime | None = None) -> Block | None:
        """The sender's active block, if any (one indexed query)."""
        at = clock.naive_utc(now)
        with self._engine.connect() as conn:
            row = conn.execute(
                select(blocked_senders)
                .where(blocked_senders.c.conversation_id == conversation_id, _active(at))
                .order_by(blocked_senders.c.id.desc())
                .limit(1)
            ).first()
        return Block(**row._mapping) if row else None

    def list_active(self, now: dt.datetime | None = None) -> list[Block]:
        at = clock.naive_utc(now)
        with self._engine.connect() as conn:
            rows = conn.execute(
                select(blocked_senders).where(_active(at)).order_by(blocked_senders.c.expires_at)
            ).all()
        return [Block(**row._mapping) for row in rows]

    def lift(self, conversation_id: str, by: int | None) -> Block | None:
        """Ends the sender's active block now; the lifted block, or None when none was active."""
        now = clock.naive_utc()
        block = self.active(conversation_id, now)
        if block is None:
            return None
        with self._engine.begin() as conn:
            changed = conn.execute(
                update(blocked_senders)
                .where(blocked_senders.c.id == block.id, blocked_senders.c.lifted_at.is_(None))
                .values(lifted_at=now, lifted_by=by)
            ).rowcount
        return self.get(block.id) if changed else None

    def record_notice(self, conversation_id: str, now: dt.datetime | None = None) -> None:
        """Notes when the blocked sender last got the neutral message (for the supervisors)."""
        at = clock.naive_utc(now)
        with self._engine.begin() as conn:
            conn.execute(
                update(blocked_senders)
                .where(blocked_senders.c.conversation_id == conversation_id, _active(at))
                .values(notified_at=at)
            )


@lru_cache(maxsize=1)
def default_store() -> BlockStore:
    """The process's store on the helpline database (the Rasa server's policy and the action server)."""
    from helpline.settings.config import get_settings
    from helpline.store.db import engine_for

    return BlockStore(engine_for(get_settings().database_url))


def sender_blocked(conversation_id: str) -> bool:
    """True when the sender has an active block. A database failure counts as not blocked (logged):
    the texter is then answered as usual and their handoff, if any, fails on the same database."""
    try:
        return default_store().active(conversation_id) is not None
    except Exception as error:  # noqa: BLE001 - a block must never cost a texter their reply
        logger.warning("blocks.lookup_failed", extra={"error": type(error).__name__})
        return False


def _iso(value: dt.datetime | None) -> str | None:
    return None if value is None else value.replace(microsecond=0).isoformat() + "Z"
