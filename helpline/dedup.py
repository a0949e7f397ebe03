"""Remembers which Twilio MessageSids were handled, so a replayed webhook is answered once only."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import delete, insert
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError

from helpline.db import processed_messages, utcnow

RETENTION = dt.timedelta(days=7)


class MessageDeduplicator:
    def __init__(self, engine: Engine, retention: dt.timedelta = RETENTION) -> None:
        self._engine = engine
        self._retention = retention
        self._claims = 0

    def claim(self, message_sid: str) -> bool:
        """True the first time a MessageSid is seen (and records it), False for a replay."""
        try:
            with self._engine.begin() as conn:
                conn.execute(insert(processed_messages).values(message_sid=message_sid, received_at=utcnow()))
        except IntegrityError:
            return False
        self._claims += 1
        if self._claims % 500 == 1:
            self.expire()
        return True

    def release(self, message_sid: str) -> None:
        """Forgets a claim whose processing failed, so Twilio's retry can be handled."""
        with self._engine.begin() as conn:
            conn.execute(delete(processed_messages).where(processed_messages.c.message_sid == message_sid))

    def expire(self) -> int:
        cutoff = utcnow() - self._retention
        with self._engine.begin() as conn:
            return conn.execute(
                delete(processed_messages).where(processed_messages.c.received_at < cutoff)
            ).rowcount
