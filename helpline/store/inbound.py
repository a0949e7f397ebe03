"""What the connector records and reads when a webhook arrives, in one database transaction.

Claiming the MessageSid, stamping (or creating) the contact and looking up an open handoff were
three transactions and four connections per message; together they are one (`make bench` profile).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.engine import Engine

from helpline.store.contacts import Contact, ContactStore
from helpline.store.dedup import MessageDeduplicator
from helpline.store.handoffs import Handoff, HandoffStore


@dataclass(frozen=True)
class Inbound:
    contact: Contact
    handoff: Handoff | None  # the conversation's waiting or claimed handoff


class InboundLog:
    def __init__(self, engine: Engine, dedup: MessageDeduplicator, contacts: ContactStore) -> None:
        self._engine = engine
        self._dedup = dedup
        self._contacts = contacts

    def receive(self, message_sid: str, conversation_id: str, channel: str, number: str) -> Inbound | None:
        """Records an inbound message; None when its MessageSid was handled before (a replay)."""
        with self._engine.begin() as conn:
            if not self._dedup.claim_in(conn, message_sid):
                return None
            contact = self._contacts.record_inbound_in(conn, conversation_id, channel, number)
            return Inbound(contact, HandoffStore.open_for_in(conn, conversation_id))
