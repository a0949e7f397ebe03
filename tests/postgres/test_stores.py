"""The helpline database on PostgreSQL: contacts, replays, handoffs, outbound messages and erasure,
through their public methods, including the races that several replicas make possible."""

from __future__ import annotations

import dataclasses
import datetime as dt
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from types import SimpleNamespace
from typing import Any, TypeVar

import pytest
from sqlalchemy import func, insert, select, update
from sqlalchemy.engine import Engine

from helpline.jobs.erasure import erase_helpline_data, take_erasure_request
from helpline.jobs.outbound import OutboundRefused, OutboundSender
from helpline.settings.config import Settings
from helpline.settings.crypto import Cipher, conversation_id
from helpline.store.contacts import ContactStore
from helpline.store.db import contacts, handoffs, notes, outbox, processed_messages, users, utcnow
from helpline.store.dedup import MessageDeduplicator
from helpline.store.handoffs import HandoffStore

pytestmark = pytest.mark.postgres

T = TypeVar("T")
HK, CN, TW = "+85291234567", "+8613812345678", "+886912345678"


def at_once(count: int, work: Callable[[int], T]) -> list[T]:
    """Runs `work(i)` in `count` threads released together, as replicas would race."""
    barrier = threading.Barrier(count)

    def run(index: int) -> T:
        barrier.wait()
        return work(index)

    with ThreadPoolExecutor(count) as pool:
        return list(pool.map(run, range(count)))


def rows(engine: Engine, table, *where) -> int:
    with engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(table).where(*where)).scalar()


def add_user(engine: Engine, email: str, available: bool = True, active: bool = True) -> int:
    with engine.begin() as conn:
        return conn.execute(
            insert(users).values(
                email=email,
                display_name=email.split("@")[0],
                password_hash="not-a-real-hash",
                role="counsellor",
                available=available,
                active=active,
                created_at=utcnow(),
            )
        ).inserted_primary_key[0]


@pytest.fixture()
def cipher(settings: Settings) -> Cipher:
    return Cipher(settings.secret_key)


@pytest.fixture()
def contact_store(pg_engine: Engine, cipher: Cipher) -> ContactStore:
    return ContactStore(pg_engine, cipher)


def conversation(settings: Settings, number: str, channel: str = "sms") -> str:
    return conversation_id(settings.secret_key, channel, number)


# ----------------------------------------------------------------------------------------- contacts


def test_contact_round_trip(settings: Settings, contact_store: ContactStore, pg_engine: Engine) -> None:
    cid = conversation(settings, HK)
    contact = contact_store.record_inbound(cid, "sms", HK)
    assert (contact.channel, contact.region, contact.opted_out, contact.language_locked) == (
        "sms",
        "HK",
        False,
        False,
    )
    with pg_engine.connect() as conn:
        stored = conn.execute(
            select(contacts.c.number_cipher).where(contacts.c.conversation_id == cid)
        ).scalar()
    assert HK not in stored
    assert contact_store.number(cid) == HK

    contact_store.set_language(cid, "yue", "Hant", locked=True)
    contact_store.set_region(cid, "MO")
    contact_store.set_opted_out(cid, True)
    contact = contact_store.get(cid)
    assert (contact.language, contact.script, contact.language_locked, contact.region) == (
        "yue",
        "Hant",
        True,
        "MO",
    )
    assert contact.opted_out
    contact_store.set_opted_out(cid, False)
    again = contact_store.record_inbound(cid, "sms", HK)
    assert not again.opted_out and again.last_inbound_at >= contact.last_inbound_at
    contact_store.delete(cid)
    assert contact_store.get(cid) is None and contact_store.number(cid) is None


def test_first_messages_arriving_together_make_one_contact(
    settings: Settings, contact_store: ContactStore, pg_engine: Engine
) -> None:
    """A texter's first two SMS at two replicas at once: one row, and neither request fails."""
    cid = conversation(settings, CN)
    made = at_once(8, lambda _: contact_store.record_inbound(cid, "sms", CN))
    assert {c.conversation_id for c in made} == {cid}
    assert rows(pg_engine, contacts) == 1
    assert contact_store.number(cid) == CN


# ------------------------------------------------------------------------------------------ replays


def test_a_webhook_and_its_retry_at_two_replicas_are_received_once(
    settings: Settings, contact_store: ContactStore, pg_engine: Engine
) -> None:
    """Twilio's retry of a webhook reaching another replica at the same moment: one claim, one contact."""
    from helpline.store.inbound import InboundLog

    inbound = InboundLog(pg_engine, MessageDeduplicator(pg_engine), contact_store)
    cid = conversation(settings, TW)
    received = at_once(8, lambda _: inbound.receive("SM" + "r" * 32, cid, "sms", TW))
    assert sum(r is not None for r in received) == 1
    assert rows(pg_engine, contacts) == 1 and rows(pg_engine, processed_messages) == 1
    later = inbound.receive("SM" + "s" * 32, cid, "sms", TW)
    assert later is not None and later.contact.region == "TW" and later.handoff is None


def test_a_message_sid_is_claimed_once_across_replicas(pg_engine: Engine) -> None:
    dedup = MessageDeduplicator(pg_engine)
    results = at_once(8, lambda _: MessageDeduplicator(pg_engine).claim("SM" + "a" * 32))
    assert results.count(True) == 1
    assert dedup.claim("SM" + "a" * 32) is False
    dedup.release("SM" + "a" * 32)
    assert dedup.claim("SM" + "a" * 32) is True


def test_old_claims_expire(pg_engine: Engine) -> None:
    dedup = MessageDeduplicator(pg_engine, retention=dt.timedelta(days=7))
    assert dedup.claim("SMold") and dedup.claim("SMnew")
    with pg_engine.begin() as conn:
        conn.execute(
            update(processed_messages)
            .where(processed_messages.c.message_sid == "SMold")
            .values(received_at=utcnow() - dt.timedelta(days=8))
        )
    assert dedup.expire() == 1
    assert dedup.claim("SMold") is True and dedup.claim("SMnew") is False


# ----------------------------------------------------------------------------------------- handoffs


def test_handoff_queue_order_and_escalation(pg_engine: Engine) -> None:
    store = HandoffStore(pg_engine)
    normal = store.open("c-normal", channel="sms", priority="normal", reason="requested", summary={"a": 1})
    high = store.open("c-high", channel="whatsapp", priority="high", reason="minor", summary={}, region="HK")
    urgent = store.open("c-urgent", channel="sms", priority="urgent", reason="crisis", summary={})
    assert [h.id for h in store.list("waiting")] == [urgent.id, high.id, normal.id]

    raised = store.open("c-normal", channel="sms", priority="urgent", reason="crisis", summary={"b": 2})
    assert raised.id == normal.id
    assert (raised.priority, raised.reason, raised.summary) == ("urgent", "crisis", {"a": 1, "b": 2})
    lowered = store.open("c-high", channel="whatsapp", priority="normal", reason="requested", summary={})
    assert (lowered.id, lowered.priority) == (high.id, "high")
    assert store.escalate(high.id, "urgent", "crisis") is True
    assert store.escalate(high.id, "normal", "requested") is False
    assert store.open_for("c-high").priority == "urgent"
    assert store.latest_change() >= raised.updated_at


def test_two_counsellors_claiming_at_once_one_gets_it(pg_engine: Engine) -> None:
    store = HandoffStore(pg_engine)
    first, second = add_user(pg_engine, "ana@example.org"), add_user(pg_engine, "ben@example.org")
    handoff = store.open("c-claim", channel="sms", priority="urgent", reason="crisis", summary={})
    won = at_once(2, lambda index: store.claim_if_free(handoff.id, (first, second)[index]))
    assert won.count(True) == 1
    holder = (first, second)[won.index(True)]
    claimed = store.get(handoff.id)
    assert (claimed.status, claimed.assigned_to) == ("claimed", holder)
    assert store.claim_if_free(handoff.id, holder) is True
    assert store.claim_if_free(handoff.id, first if holder == second else second) is False
    assert store.transfer(handoff.id, first) is True and store.get(handoff.id).assigned_to == first
    assert store.close(handoff.id, "safe, referred to police") is True
    assert store.close(handoff.id, "again") is False
    closed = store.get(handoff.id)
    assert (closed.status, closed.outcome) == ("closed", "safe, referred to police")
    assert store.open_for("c-claim") is None


def test_holding_message_at_most_once_per_interval_across_replicas(pg_engine: Engine) -> None:
    store = HandoffStore(pg_engine)
    handoff = store.open("c-hold", channel="sms", priority="normal", reason="requested", summary={})
    store.record_texter_message(handoff.id)
    assert at_once(6, lambda _: store.take_holding_slot(handoff.id)).count(True) == 1
    assert store.take_holding_slot(handoff.id, interval=dt.timedelta(0)) is True


def test_counsellors_on_duty(pg_engine: Engine) -> None:
    store = HandoffStore(pg_engine)
    add_user(pg_engine, "on@example.org", available=True)
    add_user(pg_engine, "off@example.org", available=False)
    add_user(pg_engine, "gone@example.org", available=True, active=False)
    assert store.counsellors_on_duty() == 1


# ----------------------------------------------------------------------------------------- outbound


class FakeTwilio:
    def __init__(self) -> None:
        self.sent: list[dict[str, Any]] = []
        self.messages = SimpleNamespace(create=self.create)

    def create(self, **fields: Any) -> SimpleNamespace:
        self.sent.append(fields)
        return SimpleNamespace(sid=f"SM{len(self.sent):032d}", status="queued")


async def test_outbox_when_twilio_is_not_configured(
    settings: Settings, pg_engine: Engine, cipher: Cipher, contact_store: ContactStore
) -> None:
    sender = OutboundSender(settings, pg_engine, cipher, contact_store)
    cid = conversation(settings, HK)
    with pytest.raises(OutboundRefused, match="unknown_conversation"):
        await sender.send(cid, "hello")
    contact_store.record_inbound(cid, "sms", HK)
    first = await sender.send(cid, "A counsellor is here.")
    second = await sender.send(cid, "輔導員喺度。")
    assert first.status == second.status == "outbox"
    assert [r.text for r in sender.history(cid)] == ["A counsellor is here.", "輔導員喺度。"]
    assert [r.text for r in sender.history(cid, since_id=first.id)] == ["輔導員喺度。"]
    with pg_engine.connect() as conn:
        assert "counsellor" not in conn.execute(select(outbox.c.body_cipher)).scalars().first()
    with pytest.raises(OutboundRefused, match="empty"):
        await sender.send(cid, "   ")
    contact_store.set_opted_out(cid, True)
    with pytest.raises(OutboundRefused, match="opted_out"):
        await sender.send(cid, "hello")


async def test_twilio_sending_and_status_callbacks(
    settings: Settings, pg_engine: Engine, cipher: Cipher, contact_store: ContactStore
) -> None:
    configured = dataclasses.replace(
        settings,
        twilio_account_sid="AC" + "1" * 32,
        twilio_sms_from="+85230000000",
        twilio_whatsapp_from="+85230000001",
        public_url="https://helpline.example.org",
    )
    twilio = FakeTwilio()
    sender = OutboundSender(configured, pg_engine, cipher, contact_store, client_factory=lambda: twilio)
    sms, whatsapp = conversation(settings, TW), conversation(settings, HK, "whatsapp")
    contact_store.record_inbound(sms, "sms", TW)
    contact_store.record_inbound(whatsapp, "whatsapp", HK)

    record = await sender.send(sms, "We are here.")
    assert record.status == "queued"
    assert twilio.sent[0]["to"] == TW and twilio.sent[0]["from_"] == "+85230000000"
    assert twilio.sent[0]["status_callback"] == "https://helpline.example.org/webhooks/twilio/status"
    await sender.send(whatsapp, "We are here.")
    assert twilio.sent[1]["to"] == f"whatsapp:{HK}" and twilio.sent[1]["from_"] == "whatsapp:+85230000001"

    sid = f"SM{1:032d}"
    assert sender.update_status(sid, "delivered") is True
    assert sender.update_status(sid, "no-such-status") is False
    assert sender.update_status("SMunknown", "delivered") is False
    assert sender.history(sms)[0].status == "delivered"

    with pg_engine.begin() as conn:
        conn.execute(
            update(contacts)
            .where(contacts.c.conversation_id == whatsapp)
            .values(last_inbound_at=utcnow() - dt.timedelta(hours=25))
        )
    with pytest.raises(OutboundRefused, match="whatsapp_window_closed"):
        await sender.send(whatsapp, "too late")
    assert len(twilio.sent) == 2


# ------------------------------------------------------------------------------------------ erasure


async def test_erasure_deletes_everything_held_on_the_texter(
    settings: Settings, pg_engine: Engine, cipher: Cipher, contact_store: ContactStore
) -> None:
    cid, other = conversation(settings, HK), conversation(settings, CN)
    for conversation_key, number in ((cid, HK), (other, CN)):
        contact_store.record_inbound(conversation_key, "sms", number)
        handoff = HandoffStore(pg_engine).open(
            conversation_key, channel="sms", priority="normal", reason="requested", summary={}
        )
        author = add_user(pg_engine, f"{conversation_key[:6]}@example.org")
        with pg_engine.begin() as conn:
            conn.execute(
                insert(notes).values(
                    handoff_id=handoff.id,
                    author_id=author,
                    text_cipher=cipher.encrypt("n"),
                    created_at=utcnow(),
                )
            )
        await OutboundSender(settings, pg_engine, cipher, contact_store).send(conversation_key, "hi")

    erase_helpline_data(pg_engine, cid)
    erase_helpline_data(pg_engine, cid)  # a second request while the first is pending is fine
    for table in (contacts, outbox, handoffs):
        assert rows(pg_engine, table, table.c.conversation_id == cid) == 0
        assert rows(pg_engine, table, table.c.conversation_id == other) == 1
    assert rows(pg_engine, notes) == 1
    assert take_erasure_request(pg_engine, cid) is True
    assert take_erasure_request(pg_engine, cid) is False
    assert take_erasure_request(pg_engine, other) is False
