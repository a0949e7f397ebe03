"""Turns a Rasa tracker into the transcript the counsellor reads."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import Any

from sqlalchemy import select
from sqlalchemy.engine import Engine

from helpline.store.db import outbox


def iso_from_epoch(timestamp: Any) -> str | None:
    try:
        moment = dt.datetime.fromtimestamp(float(timestamp), dt.timezone.utc)
    except (TypeError, ValueError, OverflowError, OSError):
        return None
    return moment.replace(tzinfo=None).isoformat() + "Z"


def epoch(moment: dt.datetime | None) -> float | None:
    """A stored (naive UTC) time as the epoch seconds Rasa stamps its events with."""
    return None if moment is None else moment.replace(tzinfo=dt.timezone.utc).timestamp()


def handoff_events(events: list[dict], start: dt.datetime | None, end: dt.datetime | None) -> list[dict]:
    """The part of a conversation that belongs to one handoff: after `start` (the close of the
    conversation's previous handoff; None: from the beginning) up to `end` (its own close; None: open).

    Later messages of the same texter (and other counsellors' replies to them) are never in a closed
    handoff's transcript. With a bound, an event without a usable timestamp is left out.
    """
    low, high = epoch(start), epoch(end)
    if low is None and high is None:
        return list(events)
    kept = []
    for event in events:
        try:
            stamp = float(event.get("timestamp"))  # type: ignore[arg-type]
        except (AttributeError, TypeError, ValueError):
            continue
        if (low is None or stamp > low) and (high is None or stamp <= high):
            kept.append(event)
    return kept


def outbox_statuses(engine: Engine) -> Callable[[Iterable[int]], dict[int, str]]:
    def lookup(ids: Iterable[int]) -> dict[int, str]:
        wanted = sorted({int(i) for i in ids})
        if not wanted:
            return {}
        with engine.connect() as conn:
            rows = conn.execute(select(outbox.c.id, outbox.c.status).where(outbox.c.id.in_(wanted))).all()
        return {row.id: row.status for row in rows}

    return lookup


def _outbox_id(event: dict) -> int | None:
    metadata = event.get("metadata") or {}
    value = metadata.get("outbox_id") if isinstance(metadata, dict) else None
    try:
        return int(value) if value is not None else None
    except (TypeError, ValueError):
        return None


UNREADABLE = "[this message cannot be decrypted]"


def build_transcript(
    events: list[dict],
    statuses: Callable[[Iterable[int]], dict[int, str]],
    decrypt: Callable[[str], str] | None = None,
) -> list[dict]:
    """`user` events are the texter's, `bot` events the assistant's or (by metadata) a counsellor's.

    A counsellor's message is stored encrypted in the event's metadata (`text_cipher`); `decrypt`
    reads it (without it, or when it fails, the line says it cannot be decrypted)."""
    wanted = [e for e in events if isinstance(e, dict) and e.get("event") in ("user", "bot")]
    delivery = statuses(i for i in (_outbox_id(e) for e in wanted if e["event"] == "bot") if i is not None)
    transcript = []
    for event in wanted:
        text = event.get("text")
        if event["event"] == "user":
            if text is None:
                continue
            sender = "texter"
            status = None
        else:
            metadata = event.get("metadata") if isinstance(event.get("metadata"), dict) else {}
            if not text and isinstance(metadata.get("text_cipher"), str):
                text = _decrypted(metadata["text_cipher"], decrypt)
            if not text:
                continue
            sender = "counsellor" if metadata.get("from") == "counsellor" else "bot"
            outbox_id = _outbox_id(event)
            status = delivery.get(outbox_id) if outbox_id is not None else None
        transcript.append(
            {
                "from": sender,
                "text": str(text),
                "at": iso_from_epoch(event.get("timestamp")),
                "delivery": status,
            }
        )
    return transcript


def _decrypted(value: str, decrypt: Callable[[str], str] | None) -> str:
    if decrypt is None:
        return UNREADABLE
    try:
        return decrypt(value)
    except Exception:  # noqa: BLE001 - a wrong key or a damaged value: say so, never a 500
        return UNREADABLE
