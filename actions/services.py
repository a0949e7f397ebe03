"""The helpline stores the action server uses, built once per process."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from sqlalchemy.engine import Engine

from helpline.blocks import BlockStore
from helpline.contacts import ContactStore
from helpline.db import engine_for
from helpline.handoffs import HandoffStore
from helpline.settings.config import get_settings
from helpline.settings.crypto import Cipher


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
