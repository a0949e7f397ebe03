"""The encrypted contact map: conversation id -> channel, number (encrypted), region, language."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import phonenumbers
from sqlalchemy import select, update
from sqlalchemy.engine import Connection, Engine

from helpline.content.directory import get_directory
from helpline.settings.crypto import Cipher
from helpline.store.db import contacts, insert_unless_present, utcnow


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
    """The region whose lines serve an E.164 number (HK, CN, TW, MO, SG, MY, GB, US, CA, FR...), or None.

    A number keeps its own country (+1 613 is Canada, not the US); a territory without lines of its own
    takes the region that serves it (content/regions.yml `served_by`: Guernsey, Jersey and the Isle of
    Man use the UK's, and +44 7911 numbers are read as Guernsey).
    """
    try:
        parsed = phonenumbers.parse(number, None)
    except phonenumbers.NumberParseException:
        return None
    # A number outside the allocated ranges (e.g. Ofcom's drama range +44 7700 900xxx) still has a
    # country code: the country that code belongs to.
    region = phonenumbers.region_code_for_number(parsed) or phonenumbers.region_code_for_country_code(
        parsed.country_code
    )
    if not region or region == phonenumbers.UNKNOWN_REGION or not region.isalpha():
        return None
    return get_directory().canonical(region)


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
        with self._engine.begin() as conn:
            return self.record_inbound_in(conn, conversation_id, channel, number)

    def record_inbound_in(self, conn: Connection, conversation_id: str, channel: str, number: str) -> Contact:
        """`record_inbound` inside the caller's transaction."""
        now = utcnow()
        stamped = conn.execute(
            update(contacts).where(contacts.c.conversation_id == conversation_id).values(last_inbound_at=now)
        ).rowcount
        if not stamped:  # first contact (a concurrent first message may have created it: kept as is)
            insert_unless_present(
                conn,
                contacts,
                {
                    "conversation_id": conversation_id,
                    "channel": channel,
                    "number_cipher": self._cipher.encrypt(number),
                    "region": region_for_number(number),
                    "created_at": now,
                    "last_inbound_at": now,
                    "language_locked": False,
                },
            )
        row = conn.execute(select(contacts).where(contacts.c.conversation_id == conversation_id)).first()
        return _row_to_contact(row)

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
