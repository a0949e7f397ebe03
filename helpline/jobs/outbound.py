"""Messages to a texter that are not the answer to their webhook (counsellor replies, late bot turns).

Through the Twilio REST API when TWILIO_ACCOUNT_SID is set (in a worker thread: Twilio's client is
synchronous and must not block the event loop), otherwise into the local outbox that the dev
simulator shows. Every message is recorded, encrypted, with its delivery status.
"""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import insert, select, update
from sqlalchemy.engine import Engine

from helpline.settings.config import Settings
from helpline.settings.crypto import Cipher
from helpline.settings.logs import get_logger
from helpline.store.contacts import ContactStore
from helpline.store.db import outbox, utcnow

logger = get_logger("helpline.jobs.outbound")

WHATSAPP_WINDOW = dt.timedelta(hours=24)
LOCAL_OUTBOX_STATUS = "outbox"
WEB_CHANNEL = "web"  # no carrier: the page collects its messages from the outbox
# How far a message has got. Twilio's callbacks can arrive out of order (a late "sent" after
# "delivered"); a status only ever moves forward. A failure outranks every step before delivery.
STATUS_RANK = {
    LOCAL_OUTBOX_STATUS: 0,
    "accepted": 1,
    "queued": 2,
    "sending": 3,
    "sent": 4,
    "undelivered": 5,
    "failed": 5,
    "delivered": 6,
    "read": 7,
}
TWILIO_STATUSES = set(STATUS_RANK) - {LOCAL_OUTBOX_STATUS}


class OutboundRefused(Exception):
    """The message cannot be sent; `reason` is a short code the dashboard can show."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class OutboundRecord:
    id: int
    conversation_id: str
    channel: str
    text: str
    status: str
    created_at: dt.datetime


def _twilio_address(channel: str, number: str) -> str:
    return f"whatsapp:{number}" if channel == "whatsapp" else number


class OutboundSender:
    def __init__(
        self,
        settings: Settings,
        engine: Engine,
        cipher: Cipher,
        contact_store: ContactStore,
        client_factory: Callable[[], Any] | None = None,
    ) -> None:
        self._settings = settings
        self._engine = engine
        self._cipher = cipher
        self._contacts = contact_store
        self._client_factory = client_factory or self._default_client
        self._client: Any = None

    def _default_client(self) -> Any:
        from twilio.rest import Client

        return Client(self._settings.twilio_account_sid, self._settings.twilio_auth_token)

    def _sender_address(self, channel: str) -> str:
        if channel == "whatsapp":
            sender = self._settings.twilio_whatsapp_from
            if not sender:
                raise OutboundRefused("no_whatsapp_sender")
            return sender if sender.startswith("whatsapp:") else f"whatsapp:{sender}"
        if not self._settings.twilio_sms_from:
            raise OutboundRefused("no_sms_sender")
        return self._settings.twilio_sms_from

    async def send(self, conversation_id: str, text: str) -> OutboundRecord:
        """Sends `text` to the texter behind `conversation_id`; raises OutboundRefused if it cannot."""
        text = text.strip()
        if not text:
            raise OutboundRefused("empty")
        contact = await asyncio.to_thread(self._contacts.get, conversation_id)
        if contact is None:
            raise OutboundRefused("unknown_conversation")
        if contact.opted_out:
            raise OutboundRefused("opted_out")
        if contact.channel == "whatsapp" and (
            contact.last_inbound_at is None or utcnow() - contact.last_inbound_at > WHATSAPP_WINDOW
        ):
            raise OutboundRefused("whatsapp_window_closed")

        if contact.channel == WEB_CHANNEL:
            # The web chat's open page fetches it from the outbox (channels/web_channel.py).
            record = await asyncio.to_thread(
                self._record, conversation_id, contact.channel, text, "queued", None
            )
            logger.info("outbound.web", extra={"conversation": conversation_id[:8]})
            return record

        if not self._settings.twilio_configured:
            record = await asyncio.to_thread(
                self._record, conversation_id, contact.channel, text, LOCAL_OUTBOX_STATUS, None
            )
            logger.info("outbound.outbox", extra={"conversation": conversation_id[:8]})
            return record

        number = await asyncio.to_thread(self._contacts.number, conversation_id)
        assert number is not None
        if self._client is None:
            self._client = self._client_factory()
        message = await asyncio.to_thread(
            self._client.messages.create,
            to=_twilio_address(contact.channel, number),
            from_=self._sender_address(contact.channel),
            body=text,
            status_callback=f"{self._settings.public_url}/webhooks/twilio/status",
        )
        status = str(getattr(message, "status", None) or "queued")
        record = await asyncio.to_thread(
            self._record, conversation_id, contact.channel, text, status, message.sid
        )
        logger.info("outbound.twilio", extra={"conversation": conversation_id[:8], "status": status})
        return record

    def _record(
        self, conversation_id: str, channel: str, text: str, status: str, twilio_sid: str | None
    ) -> OutboundRecord:
        now = utcnow()
        with self._engine.begin() as conn:
            row_id = conn.execute(
                insert(outbox).values(
                    conversation_id=conversation_id,
                    channel=channel,
                    body_cipher=self._cipher.encrypt(text),
                    status=status,
                    twilio_sid=twilio_sid,
                    created_at=now,
                    updated_at=now,
                )
            ).inserted_primary_key[0]
        return OutboundRecord(row_id, conversation_id, channel, text, status, now)

    def update_status(self, twilio_sid: str, status: str, error_code: str | None = None) -> bool:
        """Applies a Twilio status callback; False when the sid or status is unknown, or when the
        message is already as far as (or further than) `status` (a late callback changes nothing)."""
        status = status.lower()
        if status not in TWILIO_STATUSES:
            return False
        behind = [known for known, rank in STATUS_RANK.items() if rank < STATUS_RANK[status]]
        with self._engine.begin() as conn:
            changed = conn.execute(
                update(outbox)
                .where(outbox.c.twilio_sid == twilio_sid, outbox.c.status.in_(behind))
                .values(status=status, error_code=error_code, updated_at=utcnow())
            ).rowcount
        return bool(changed)

    def mark_delivered(self, conversation_id: str, ids: list[int]) -> None:
        """The web chat's page has shown these messages (only that conversation's, never further back)."""
        if not ids:
            return
        with self._engine.begin() as conn:
            conn.execute(
                update(outbox)
                .where(
                    outbox.c.conversation_id == conversation_id,
                    outbox.c.id.in_(ids),
                    outbox.c.status.in_([LOCAL_OUTBOX_STATUS, "queued"]),
                )
                .values(status="delivered", updated_at=utcnow())
            )

    def history(self, conversation_id: str, since_id: int = 0) -> list[OutboundRecord]:
        """Outbound messages of one conversation, oldest first (the simulator and dashboard read it)."""
        with self._engine.connect() as conn:
            rows = conn.execute(
                select(outbox)
                .where(outbox.c.conversation_id == conversation_id, outbox.c.id > since_id)
                .order_by(outbox.c.id)
            ).all()
        return [
            OutboundRecord(
                row.id,
                row.conversation_id,
                row.channel,
                self._cipher.decrypt(row.body_cipher),
                row.status,
                row.created_at,
            )
            for row in rows
        ]
