"""The connector's collaborators, built once per process from the settings."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from sqlalchemy.engine import Engine

from helpline.config import Settings, get_settings
from helpline.contacts import ContactStore
from helpline.crypto import Cipher
from helpline.db import engine_for
from helpline.dedup import MessageDeduplicator
from helpline.directory import Directory, get_directory
from helpline.handoffs import HandoffStore
from helpline.inbound import InboundLog
from helpline.outbound import OutboundSender


@dataclass(frozen=True)
class Services:
    settings: Settings
    engine: Engine
    cipher: Cipher
    contacts: ContactStore
    dedup: MessageDeduplicator
    sender: OutboundSender
    directory: Directory
    handoffs: HandoffStore
    inbound: InboundLog


def build_services(settings: Settings) -> Services:
    engine = engine_for(settings.database_url)
    cipher = Cipher(settings.secret_key)
    contacts = ContactStore(engine, cipher)
    dedup = MessageDeduplicator(engine)
    return Services(
        settings=settings,
        engine=engine,
        cipher=cipher,
        contacts=contacts,
        dedup=dedup,
        sender=OutboundSender(settings, engine, cipher, contacts),
        directory=get_directory(),
        handoffs=HandoffStore(engine),
        inbound=InboundLog(engine, dedup, contacts),
    )


@lru_cache(maxsize=1)
def get_services() -> Services:
    return build_services(get_settings())
