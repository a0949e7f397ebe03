"""Rasa's SQL tracker store, keeping recently active conversations in memory.

Rasa 3.6 reads every stored event of a conversation and replays it for each new message, so a long
conversation gets slower turn after turn (measured: 5 ms at turn 10, 75 ms at turn 200). Here the
tracker Rasa saved last is kept; on the next message one indexed query checks that the database
still ends with the event we saved (another replica, a purge or a failed turn changes that) and
the kept tracker is used, else the tracker is read as before. Rasa's lock store serialises each
conversation, so a kept tracker is never used by two turns at once.

Saving a kept tracker appends the events added since it was stored, in one transaction; Rasa's own
save first counts the conversation's stored events (a query that grows with the conversation) and
adds them one ORM object at a time. SQLite files keep their connections open (`pooled_engine`).
"""

from __future__ import annotations

import itertools
import json
from collections import OrderedDict
from typing import Any

import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.events import Event
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.nlu.constants import INTENT_NAME_KEY

from helpline import rasa_speedups
from helpline.db import pooled_engine

DEFAULT_CACHE_SIZE = 512


class CachingSQLTrackerStore(SQLTrackerStore):
    def __init__(self, *args: Any, cache_size: int = DEFAULT_CACHE_SIZE, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        rasa_speedups.install()
        if self.engine.dialect.name == "sqlite" and self.engine.url.database not in (None, "", ":memory:"):
            url = self.engine.url
            self.engine.dispose()
            self.engine = pooled_engine(str(url))
            self.sessionmaker = sa.orm.session.sessionmaker(bind=self.engine)
        events = self.SQLEvent.__table__
        # Built once: constructing the expression cost more than running it (`make bench` profile).
        self._last_id_query = sa.select(sa.func.max(events.c.id)).where(
            events.c.sender_id == sa.bindparam("sender")
        )
        self._insert_events = sa.insert(events)
        self._cache_size = int(cache_size)
        # sender id -> (id of the last stored event, number of events, tracker); (None, 0, None) for a
        # conversation found to have nothing stored
        self._kept: OrderedDict[str, tuple[int | None, int, DialogueStateTracker | None]] = OrderedDict()

    def _last_event_id(self, sender_id: str) -> int | None:
        with self.engine.connect() as conn:
            return conn.execute(self._last_id_query, {"sender": sender_id}).scalar()

    def _keep(self, sender_id: str, last_id: int | None, tracker: DialogueStateTracker | None) -> None:
        if last_id is None:  # nothing stored (a new conversation, or one just purged)
            self._kept[sender_id] = (None, 0, None)
        elif tracker is None:
            self._kept.pop(sender_id, None)
            return
        else:
            self._kept[sender_id] = (last_id, len(tracker.events), tracker)
        self._kept.move_to_end(sender_id)
        while len(self._kept) > self._cache_size:
            self._kept.popitem(last=False)

    def forget(self, sender_id: str) -> None:
        """Drops a kept conversation (after its events were deleted)."""
        self._kept.pop(sender_id, None)

    async def retrieve(self, sender_id: str) -> DialogueStateTracker | None:
        last_id = self._last_event_id(sender_id)
        if last_id is None:  # no events: Rasa's store would find none either
            self._keep(sender_id, None, None)
            return None
        kept = self._kept.get(sender_id)
        if kept and last_id is not None and kept[0] == last_id and len(kept[2].events) == kept[1]:
            self._kept.move_to_end(sender_id)
            return kept[2]
        tracker = await super().retrieve(sender_id)
        self._keep(sender_id, last_id, tracker)
        return tracker

    async def save(self, tracker: DialogueStateTracker) -> None:
        kept = self._kept.get(tracker.sender_id)
        if kept is None or (kept[2] is not tracker and kept[2] is not None) or self.event_broker is not None:
            await super().save(tracker)
            self._keep(tracker.sender_id, self._last_event_id(tracker.sender_id), tracker)
            return
        # The kept tracker, which held `kept[1]` stored events when it was read or last saved, or a
        # new conversation that had none when this turn read it (the lock store keeps others out).
        new_events = itertools.islice(tracker.events, kept[1], None)
        last_id = self._append(tracker.sender_id, [self._row(tracker.sender_id, e) for e in new_events])
        self._keep(tracker.sender_id, last_id, tracker)

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

    def _append(self, sender_id: str, rows: list[dict[str, Any]]) -> int | None:
        """Inserts the rows; returns the conversation's last event id, read in the same transaction."""
        with self.engine.begin() as conn:
            if rows:
                conn.execute(self._insert_events, rows)
            return conn.execute(self._last_id_query, {"sender": sender_id}).scalar()
