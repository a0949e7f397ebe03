"""The outbound sender: local outbox in dev, Twilio REST when configured, refusals, statuses."""

from __future__ import annotations

import datetime as dt
import threading
from dataclasses import replace
from types import SimpleNamespace

import pytest
from sqlalchemy import update

from channels.services import build_services
from helpline.jobs.outbound import OutboundRefused, OutboundSender
from helpline.settings.crypto import conversation_id
from helpline.store.db import contacts, outbox, utcnow

NUMBER = "+85291234567"


class FakeTwilioMessages:
    def __init__(self) -> None:
        self.calls: list[dict] = []
        self.threads: list[str] = []

    def create(self, **kwargs):
        self.calls.append(kwargs)
        self.threads.append(threading.current_thread().name)
        return SimpleNamespace(sid="SM" + "1" * 32, status="queued")


@pytest.fixture()
def services(settings):
    return build_services(settings)


def contact(services, channel: str = "sms") -> str:
    cid = conversation_id(services.settings.secret_key, channel, NUMBER)
    services.contacts.record_inbound(cid, channel, NUMBER)
    return cid


async def test_dev_messages_go_to_the_local_outbox(services) -> None:
    cid = contact(services)
    record = await services.sender.send(cid, "A counsellor is here.")
    assert record.status == "outbox"
    assert [r.text for r in services.sender.history(cid)] == ["A counsellor is here."]
    with services.engine.connect() as conn:
        stored = conn.execute(outbox.select()).first()
    assert "counsellor" not in stored.body_cipher  # encrypted at rest


async def test_twilio_is_called_off_the_event_loop_with_a_status_callback(services) -> None:
    fake = FakeTwilioMessages()
    settings = replace(
        services.settings,
        twilio_account_sid="AC" + "0" * 32,
        twilio_sms_from="+85230000000",
        twilio_whatsapp_from="+14155238886",
        public_url="https://helpline.example.org",
    )
    sender = OutboundSender(
        settings,
        services.engine,
        services.cipher,
        services.contacts,
        client_factory=lambda: SimpleNamespace(messages=fake),
    )
    sms = contact(services)
    whatsapp = contact(services, "whatsapp")
    await sender.send(sms, "hello")
    await sender.send(whatsapp, "hello")
    assert fake.calls[0] == {
        "to": NUMBER,
        "from_": "+85230000000",
        "body": "hello",
        "status_callback": "https://helpline.example.org/webhooks/twilio/status",
    }
    assert fake.calls[1]["to"] == "whatsapp:" + NUMBER and fake.calls[1]["from_"] == "whatsapp:+14155238886"
    assert all(name != threading.main_thread().name for name in fake.threads)
    assert sender.update_status("SM" + "1" * 32, "delivered")
    assert {r.status for r in sender.history(sms)} == {"delivered"}


async def test_refusals(services) -> None:
    with pytest.raises(OutboundRefused, match="unknown_conversation"):
        await services.sender.send("nobody", "hi")
    cid = contact(services)
    with pytest.raises(OutboundRefused, match="empty"):
        await services.sender.send(cid, "   ")
    services.contacts.set_opted_out(cid, True)
    with pytest.raises(OutboundRefused, match="opted_out"):
        await services.sender.send(cid, "hi")


async def test_whatsapp_window_of_24_hours(services) -> None:
    cid = contact(services, "whatsapp")
    with services.engine.begin() as conn:
        conn.execute(update(contacts).values(last_inbound_at=utcnow() - dt.timedelta(hours=25)))
    with pytest.raises(OutboundRefused, match="whatsapp_window_closed"):
        await services.sender.send(cid, "hi")


def test_unknown_status_is_ignored(services) -> None:
    assert not services.sender.update_status("SMnothing", "exploded")
