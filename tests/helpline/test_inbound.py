"""One transaction per inbound webhook: the replay check, the contact and the open handoff."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from channels.services import build_services
from helpline.jobs.erasure import erase_helpline_data, take_erasure_request
from helpline.settings.crypto import conversation_id

NUMBER = "+85291234567"


@pytest.fixture()
def services(settings):
    return build_services(settings)


def database_rows(settings, table: str) -> list[tuple]:
    path = Path(settings.database_url.removeprefix("sqlite:///"))
    with sqlite3.connect(path) as conn:
        return conn.execute(f"SELECT * FROM {table}").fetchall()


def test_first_message_creates_the_contact_with_only_an_encrypted_number(services) -> None:
    cid = conversation_id(services.settings.secret_key, "sms", NUMBER)
    inbound = services.inbound.receive("SM" + "1" * 32, cid, "sms", NUMBER)
    assert inbound is not None and inbound.handoff is None
    assert (inbound.contact.conversation_id, inbound.contact.region) == (cid, "HK")
    assert services.contacts.number(cid) == NUMBER
    assert NUMBER not in repr(database_rows(services.settings, "contacts"))


def test_a_replayed_message_sid_is_refused_and_changes_nothing(services) -> None:
    cid = conversation_id(services.settings.secret_key, "sms", NUMBER)
    first = services.inbound.receive("SM" + "2" * 32, cid, "sms", NUMBER)
    assert services.inbound.receive("SM" + "2" * 32, cid, "sms", NUMBER) is None
    assert services.contacts.get(cid).last_inbound_at == first.contact.last_inbound_at
    assert len(database_rows(services.settings, "processed_messages")) == 1


def test_a_later_message_stamps_the_contact_and_sees_the_open_handoff(services) -> None:
    cid = conversation_id(services.settings.secret_key, "whatsapp", NUMBER)
    first = services.inbound.receive("SM" + "3" * 32, cid, "whatsapp", NUMBER)
    opened = services.handoffs.open(cid, channel="whatsapp", priority="urgent", reason="crisis", summary={})
    later = services.inbound.receive("SM" + "4" * 32, cid, "whatsapp", NUMBER)
    assert later.handoff is not None and later.handoff.id == opened.id
    assert later.contact.last_inbound_at >= first.contact.last_inbound_at
    assert len(database_rows(services.settings, "contacts")) == 1


def test_an_erasure_request_is_taken_once(services) -> None:
    cid = conversation_id(services.settings.secret_key, "sms", NUMBER)
    services.inbound.receive("SM" + "5" * 32, cid, "sms", NUMBER)
    assert take_erasure_request(services.engine, cid) is False
    erase_helpline_data(services.engine, cid)
    assert take_erasure_request(services.engine, cid) is True
    assert take_erasure_request(services.engine, cid) is False
