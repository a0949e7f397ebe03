"""The helpline stores the action server uses, built once per process."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from sqlalchemy.engine import Engine

from helpline.settings.config import get_settings
from helpline.settings.crypto import Cipher
from helpline.store.blocks import BlockStore
from helpline.store.contacts import ContactStore
from helpline.store.db import engine_for
from helpline.store.handoffs import HandoffStore


@dataclass(frozen=True)
class ActionServices:
    engine: Engine
    contacts: ContactStore
    handoffs: HandoffStore
    blocks: BlockStore | None = None  # blocked senders (None in tests that need none)


@lru_cache(maxsize=1)
def get_action_services() -> ActionServices:
    settings = get_settings()
    engine = engine_for(settings.database_url)
    return ActionServices(
        engine, ContactStore(engine, Cipher(settings.secret_key)), HandoffStore(engine), BlockStore(engine)
    )
