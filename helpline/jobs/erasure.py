"""Deleting everything the helpline holds on a texter, on their request.

The action server deletes the helpline database rows at once and files an erasure request; the
connector, which runs inside the Rasa server, purges the conversation from Rasa's tracker store right
after the turn is saved (purging earlier would be undone when Rasa saves the turn). When Twilio is
configured, the same transaction files the deletion of the texter's message records at Twilio
(helpline/jobs/twilio_cleanup.py), which the Rasa server's clean-up worker carries out a little later:
Twilio refuses to delete a message in its first minute, and the reply to this very turn is one of them.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import delete, insert, select, update
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError

from helpline.jobs.twilio_cleanup import ERASE_AFTER, queue_twilio_erasure
from helpline.store.db import (
    checkins,
    contacts,
    counsellor_marks,
    erasure_requests,
    handoffs,
    notes,
    outbox,
    report_facts,
    report_pages,
    surveys,
    utcnow,
)


def erase_helpline_data(
    engine: Engine, conversation_id: str, twilio: bool = False, twilio_after: dt.timedelta = ERASE_AFTER
) -> bool:
    """Deletes the contact (and its encrypted number), outbound messages, handoffs and their notes, check-ins,
    counsellors' marks on their messages; the report facts;
    unlinks survey ratings from the conversation.

    With `twilio` (Twilio is configured), also files the deletion of the texter's records at Twilio,
    `twilio_after` from now. True when that deletion was filed (there was a texter to find there).
    """
    queued = False
    with engine.begin() as conn:
        if twilio:
            contact = conn.execute(
                select(contacts.c.channel, contacts.c.number_cipher).where(
                    contacts.c.conversation_id == conversation_id
                )
            ).first()
            if contact is not None and contact.channel in ("sms", "whatsapp"):
                sids = conn.execute(
                    select(outbox.c.twilio_sid).where(
                        outbox.c.conversation_id == conversation_id, outbox.c.twilio_sid.is_not(None)
                    )
                ).scalars()
                queue_twilio_erasure(
                    conn, conversation_id, contact.channel, contact.number_cipher, list(sids), twilio_after
                )
                queued = True
        handoff_ids = select(handoffs.c.id).where(handoffs.c.conversation_id == conversation_id)
        # Counsellors' marks keep the texter's words (encrypted) until exported: they go too.
        conn.execute(
            delete(counsellor_marks).where(
                (counsellor_marks.c.conversation_id == conversation_id)
                | counsellor_marks.c.handoff_id.in_(handoff_ids)
            )
        )
        conn.execute(delete(notes).where(notes.c.handoff_id.in_(handoff_ids)))
        conn.execute(delete(handoffs).where(handoffs.c.conversation_id == conversation_id))
        conn.execute(delete(outbox).where(outbox.c.conversation_id == conversation_id))
        conn.execute(delete(contacts).where(contacts.c.conversation_id == conversation_id))
        conn.execute(delete(checkins).where(checkins.c.conversation_id == conversation_id))
        conn.execute(delete(report_facts).where(report_facts.c.conversation_id == conversation_id))
        conn.execute(delete(report_pages).where(report_pages.c.conversation_id == conversation_id))
        # The survey's rating stays for the figures, no longer linked to the texter.
        conn.execute(
            update(surveys).where(surveys.c.conversation_id == conversation_id).values(conversation_id=None)
        )
        try:
            with conn.begin_nested():
                conn.execute(
                    insert(erasure_requests).values(conversation_id=conversation_id, requested_at=utcnow())
                )
        except IntegrityError:
            pass
    return queued


def take_erasure_request(engine: Engine, conversation_id: str) -> bool:
    """True (and clears it) when the conversation's tracker is waiting to be purged.

    Asked after every turn, nearly always with no request filed: a read first, so the common case
    takes no write lock and commits nothing.
    """
    requested = erasure_requests.c.conversation_id == conversation_id
    with engine.connect() as conn:
        if conn.execute(select(erasure_requests.c.conversation_id).where(requested)).first() is None:
            return False
    with engine.begin() as conn:
        return bool(conn.execute(delete(erasure_requests).where(requested)).rowcount)


def purge_tracker(tracker_store: Any, conversation_id: str) -> None:
    """Removes every stored event of the conversation from Rasa's SQL or in-memory tracker store."""
    store = getattr(tracker_store, "_tracker_store", tracker_store)  # unwrap Rasa's AwaitableTrackerStore
    if hasattr(store, "session_scope") and hasattr(store, "SQLEvent"):
        with store.session_scope() as session:
            session.query(store.SQLEvent).filter(store.SQLEvent.sender_id == conversation_id).delete()
            session.commit()
        if hasattr(store, "forget"):
            store.forget(conversation_id)
    elif hasattr(store, "store") and isinstance(store.store, dict):
        store.store.pop(conversation_id, None)
    else:
        raise TypeError(f"cannot purge conversations from {type(store).__name__}")
