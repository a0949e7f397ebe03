"""The connector's collaborators, built once per process from the settings."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import httpx
from sqlalchemy.engine import Engine

from helpline.content.directory import Directory, get_directory
from helpline.jobs.outbound import OutboundSender
from helpline.jobs.twilio_cleanup import TwilioCleanup, TwilioRest
from helpline.settings.config import Settings, get_settings
from helpline.settings.crypto import Cipher
from helpline.store.contacts import ContactStore
from helpline.store.db import engine_for
from helpline.store.dedup import MessageDeduplicator
from helpline.store.handoffs import HandoffStore
from helpline.store.inbound import InboundLog


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
    # Deletes media and erased texters' records at Twilio; None when Twilio is not configured.
    twilio_cleanup: TwilioCleanup | None = None


def warmed_services() -> Services:
    """What the channels build on their first message, and the language detector's tables: the Rasa
    warm-up (helpline/rasa_ext/warmup.py) calls it in each worker before the worker takes a message."""
    from bot.triage.language import detect_language
    from helpline.rasa_ext.warmup import WARM_TEXTS

    for sample in WARM_TEXTS:
        detect_language(sample)
    return get_services()


def build_services(settings: Settings, twilio_transport: httpx.BaseTransport | None = None) -> Services:
    """The connector's collaborators; `twilio_transport` replaces Twilio's API (tests use a fake)."""
    engine = engine_for(settings.database_url)
    cipher = Cipher(settings.secret_key)
    contacts = ContactStore(engine, cipher)
    dedup = MessageDeduplicator(engine)
    cleanup = None
    if settings.twilio_configured:
        assert settings.twilio_account_sid is not None
        rest = TwilioRest(settings.twilio_account_sid, settings.twilio_auth_token, transport=twilio_transport)
        cleanup = TwilioCleanup(engine, cipher, rest)
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
        twilio_cleanup=cleanup,
    )


@lru_cache(maxsize=1)
def get_services() -> Services:
    return build_services(get_settings())
