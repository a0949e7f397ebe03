"""Rasa's SQL tracker store, keeping recently active conversations in memory.

Rasa 3.6 reads every stored event of a conversation and replays it for each new message, so a long
conversation gets slower turn after turn (measured: 5 ms at turn 10, 75 ms at turn 200). Here the
tracker Rasa saved last is kept; on the next message one indexed query checks that the database
still ends with the event we saved and the kept tracker is used. When another worker or replica
has added turns since, only those events are read and applied to the kept tracker (as Rasa's replay
would apply them); after a purge, or a turn that failed before saving, the tracker is read as
before. Rasa's lock store serialises each conversation, so a kept tracker is never used by two
turns at once.

Saving a kept tracker appends the events added since it was stored, in one transaction; Rasa's own
save first counts the conversation's stored events (a query that grows with the conversation) and
adds them one ORM object at a time. SQLite files keep their connections open (`pooled_engine`).
"""

from __future__ import annotations

import itertools
import json
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.events import Event, deserialise_events
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.nlu.constants import INTENT_NAME_KEY

from helpline import rasa_ext
from helpline.store.db import pooled_engine

DEFAULT_CACHE_SIZE = 512


# The last stored event of a conversation, by id and timestamp: SQLite reuses the ids of deleted
# rows, so after a purge a new conversation's event can have the id the kept tracker ended with.
Mark = tuple[int, float | None]


@dataclass
class _Kept:
    mark: Mark | None  # None: nothing stored when this conversation was last read
    stored: int  # how many of the tracker's events are stored
    tracker: DialogueStateTracker | None


class CachingSQLTrackerStore(SQLTrackerStore):
    def __init__(self, *args: Any, cache_size: int = DEFAULT_CACHE_SIZE, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        rasa_ext.install()  # Rasa builds this store from an endpoints file: the extensions come with it
        if self.engine.dialect.name == "sqlite" and self.engine.url.database not in (None, "", ":memory:"):
            url = self.engine.url
            self.engine.dispose()
            self.engine = pooled_engine(str(url))
            self.sessionmaker = sa.orm.session.sessionmaker(bind=self.engine)
        events = self.SQLEvent.__table__
        # Built once: constructing the expression cost more than running it (`make bench` profile).
        self._last_mark_query = (
            sa.select(events.c.id, events.c.timestamp)
            .where(events.c.sender_id == sa.bindparam("sender"))
            .order_by(events.c.id.desc())
            .limit(1)
        )
        self._insert_events = sa.insert(events)
        self._still_stored = sa.select(events.c.id).where(
            events.c.id == sa.bindparam("kept_id"),
            events.c.sender_id == sa.bindparam("sender"),
            events.c.timestamp == sa.bindparam("kept_timestamp"),
        )
        self._events_after = (
            sa.select(events.c.data)
            .where(
                events.c.sender_id == sa.bindparam("sender"),
                events.c.id > sa.bindparam("kept_id"),
                events.c.id <= sa.bindparam("last_id"),
            )
            .order_by(events.c.id)
        )
        self._cache_size = int(cache_size)
        self._kept: OrderedDict[str, _Kept] = OrderedDict()

    def _last_mark(self, sender_id: str, conn: Any = None) -> Mark | None:
        if conn is None:
            with self.engine.connect() as conn:
                return self._last_mark(sender_id, conn)
        row = conn.execute(self._last_mark_query, {"sender": sender_id}).first()
        return (row[0], row[1]) if row else None

    def _keep(self, sender_id: str, mark: Mark | None, tracker: DialogueStateTracker | None) -> None:
        if mark is not None and tracker is None:
            self._kept.pop(sender_id, None)
            return
        stored = len(tracker.events) if tracker is not None and mark is not None else 0
        self._kept[sender_id] = _Kept(mark, stored, tracker if mark is not None else None)
        self._kept.move_to_end(sender_id)
        while len(self._kept) > self._cache_size:
            self._kept.popitem(last=False)

    def forget(self, sender_id: str) -> None:
        """Drops a kept conversation (after its events were deleted)."""
        self._kept.pop(sender_id, None)

    async def retrieve(self, sender_id: str) -> DialogueStateTracker | None:
        mark = self._last_mark(sender_id)
        if mark is None:  # no events: Rasa's store would find none either
            self._keep(sender_id, None, None)
            return None
        kept = self._kept.get(sender_id)
        tracker = kept.tracker if kept is not None else None
        # A kept tracker (always with a mark) that no failed turn changed after it was stored.
        if tracker is not None and kept.mark is not None and len(tracker.events) == kept.stored:
            if kept.mark == mark:
                self._kept.move_to_end(sender_id)
                return tracker
            if kept.mark[0] < mark[0] and self._catch_up(sender_id, kept.mark, mark[0], tracker):
                self._keep(sender_id, mark, tracker)
                return tracker
        tracker = await super().retrieve(sender_id)
        self._keep(sender_id, mark, tracker)
        return tracker

    def _catch_up(self, sender_id: str, kept: Mark, last_id: int, tracker: DialogueStateTracker) -> bool:
        """Applies the events stored after `kept` (by another worker); False if `kept` is gone."""
        with self.engine.connect() as conn:
            still = {"kept_id": kept[0], "kept_timestamp": kept[1], "sender": sender_id}
            if kept[1] is None or conn.execute(self._still_stored, still).first() is None:
                return False  # purged since: read the conversation afresh
            rows = conn.execute(
                self._events_after, {"sender": sender_id, "kept_id": kept[0], "last_id": last_id}
            ).all()
        for event in deserialise_events([json.loads(data) for (data,) in rows]):
            tracker.update(event)
        return True

    async def save(self, tracker: DialogueStateTracker) -> None:
        kept = self._kept.get(tracker.sender_id)
        if (
            kept is None
            or (kept.tracker is not tracker and kept.tracker is not None)
            or self.event_broker is not None
        ):
            await super().save(tracker)
            self._keep(tracker.sender_id, self._last_mark(tracker.sender_id), tracker)
            return
        # The kept tracker, which held `kept.stored` stored events when it was read or last saved,
        # or a new conversation that had none when this turn read it (the lock store keeps others out).
        new_events = itertools.islice(tracker.events, kept.stored, None)
        mark = self._append(tracker.sender_id, [self._row(tracker.sender_id, e) for e in new_events])
        self._keep(tracker.sender_id, mark, tracker)

    def _row(self, sender_id: str, event: Event) -> dict[str, Any]:
        """The events-table row Rasa's `SQLTrackerStore.save` writes for an event."""
        data = event.as_dict()
        return {
            "sender_id": sender_id,
            "type_name": event.type_name,
            "timestamp": data.get("timestamp"),
            "intent_name": data.get("parse_data", {}).get("intent", {}).get(INTENT_NAME_KEY),
            "action_name": data.get("name"),
            "data": json.dumps(data),
        }

    def _append(self, sender_id: str, rows: list[dict[str, Any]]) -> Mark | None:
        """Inserts the rows; returns the conversation's last event, read in the same transaction."""
        with self.engine.begin() as conn:
            if rows:
                conn.execute(self._insert_events, rows)
            return self._last_mark(sender_id, conn)
