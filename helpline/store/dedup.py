"""Remembers which Twilio MessageSids were handled, so a replayed webhook is answered once only."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import delete
from sqlalchemy.engine import Connection, Engine

from helpline.store.db import insert_unless_present, processed_messages, utcnow

RETENTION = dt.timedelta(days=7)


class MessageDeduplicator:
    def __init__(self, engine: Engine, retention: dt.timedelta = RETENTION) -> None:
        self._engine = engine
        self._retention = retention
        self._claims = 0

    def claim(self, message_sid: str) -> bool:
        """True the first time a MessageSid is seen (and records it), False for a replay."""
        with self._engine.begin() as conn:
            return self.claim_in(conn, message_sid)

    def claim_in(self, conn: Connection, message_sid: str) -> bool:
        """`claim` inside the caller's transaction (it counts once that commits)."""
        if not insert_unless_present(
            conn, processed_messages, {"message_sid": message_sid, "received_at": utcnow()}
        ):
            return False
        self._claims += 1
        if self._claims % 500 == 1:
            self._expire_in(conn)
        return True

    def release(self, message_sid: str) -> None:
        """Forgets a claim whose processing failed, so Twilio's retry can be handled."""
        with self._engine.begin() as conn:
            conn.execute(delete(processed_messages).where(processed_messages.c.message_sid == message_sid))

    def expire(self) -> int:
        with self._engine.begin() as conn:
            return self._expire_in(conn)

    def _expire_in(self, conn: Connection) -> int:
        cutoff = utcnow() - self._retention
        expired = delete(processed_messages).where(processed_messages.c.received_at < cutoff)
        return conn.execute(expired).rowcount
