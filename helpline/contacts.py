"""The encrypted contact map: conversation id -> channel, number (encrypted), region, language."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import phonenumbers
from sqlalchemy import insert, select, update
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError

from helpline.crypto import Cipher
from helpline.db import contacts, utcnow


@dataclass(frozen=True)
class Contact:
    conversation_id: str
    channel: str
    region: str | None
    language: str | None
    script: str | None
    last_inbound_at: dt.datetime | None
    opted_out: bool
    language_locked: bool = False


def region_for_number(number: str) -> str | None:
    """ISO region of an E.164 number (HK, CN, TW, MO, SG, MY, GB, US...), or None if unknown."""
    try:
        parsed = phonenumbers.parse(number, None)
    except phonenumbers.NumberParseException:
        return None
    return phonenumbers.region_code_for_number(parsed)


def _row_to_contact(row) -> Contact:
    return Contact(
        conversation_id=row.conversation_id,
        channel=row.channel,
        region=row.region,
        language=row.language,
        script=row.script,
        last_inbound_at=row.last_inbound_at,
        opted_out=row.opted_out_at is not None,
        language_locked=bool(row.language_locked),
    )


class ContactStore:
    def __init__(self, engine: Engine, cipher: Cipher) -> None:
        self._engine = engine
        self._cipher = cipher

    def record_inbound(self, conversation_id: str, channel: str, number: str) -> Contact:
        """Creates the contact on first contact, else stamps the inbound time; returns it."""
        now = utcnow()
        with self._engine.begin() as conn:
            updated = conn.execute(
                update(contacts)
                .where(contacts.c.conversation_id == conversation_id)
                .values(last_inbound_at=now)
            ).rowcount
            if not updated:
                try:
                    conn.execute(
                        insert(contacts).values(
                            conversation_id=conversation_id,
                            channel=channel,
                            number_cipher=self._cipher.encrypt(number),
                            region=region_for_number(number),
                            created_at=now,
                            last_inbound_at=now,
                            language_locked=False,
                        )
                    )
                except IntegrityError:  # a concurrent first message created it
                    pass
        contact = self.get(conversation_id)
        assert contact is not None
        return contact

    def get(self, conversation_id: str) -> Contact | None:
        with self._engine.connect() as conn:
            row = conn.execute(select(contacts).where(contacts.c.conversation_id == conversation_id)).first()
        return _row_to_contact(row) if row else None

    def number(self, conversation_id: str) -> str | None:
        """The texter's number in clear, for replying only."""
        with self._engine.connect() as conn:
            cipher_text = conn.execute(
                select(contacts.c.number_cipher).where(contacts.c.conversation_id == conversation_id)
            ).scalar()
        return self._cipher.decrypt(cipher_text) if cipher_text else None

    def set_language(
        self, conversation_id: str, language: str, script: str, locked: bool | None = None
    ) -> None:
        """Records the texter's language and script; `locked` when they chose it themselves."""
        values: dict = {"language": language, "script": script}
        if locked is not None:
            values["language_locked"] = locked
        with self._engine.begin() as conn:
            conn.execute(
                update(contacts).where(contacts.c.conversation_id == conversation_id).values(**values)
            )

    def set_region(self, conversation_id: str, region: str) -> None:
        with self._engine.begin() as conn:
            conn.execute(
                update(contacts).where(contacts.c.conversation_id == conversation_id).values(region=region)
            )

    def set_opted_out(self, conversation_id: str, opted_out: bool) -> None:
        with self._engine.begin() as conn:
            conn.execute(
                update(contacts)
                .where(contacts.c.conversation_id == conversation_id)
                .values(opted_out_at=utcnow() if opted_out else None)
            )

    def delete(self, conversation_id: str) -> None:
        """Forgets the texter's number and everything keyed to it here."""
        with self._engine.begin() as conn:
            conn.execute(contacts.delete().where(contacts.c.conversation_id == conversation_id))
