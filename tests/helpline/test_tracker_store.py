"""The caching SQL tracker store: same answers as Rasa's, without re-reading active conversations."""

from __future__ import annotations

from pathlib import Path

import pytest
from rasa.core.tracker_store import TrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.utils.endpoints import EndpointConfig

from helpline.jobs.erasure import purge_tracker
from helpline.rasa_ext.tracker_store import CachingSQLTrackerStore
from service.endpoints import TRACKER_STORE

DOMAIN = Domain.from_yaml(
    """
version: "3.1"
intents: [greet]
slots:
  language: {type: text, mappings: [{type: custom}]}
"""
)


def make_store(path: Path) -> CachingSQLTrackerStore:
    store = TrackerStore.create(
        EndpointConfig(type=TRACKER_STORE, dialect="sqlite", db=str(path)), domain=DOMAIN
    )
    inner = getattr(store, "_tracker_store", store)
    assert isinstance(inner, CachingSQLTrackerStore)  # not Rasa's silent in-memory fallback
    return store


async def turn(store, sender: str, text: str) -> DialogueStateTracker:
    tracker = await store.retrieve(sender) or DialogueStateTracker(sender, DOMAIN.slots)
    tracker.update(UserUttered(text, {"name": "greet", "confidence": 1.0}))
    tracker.update(SlotSet("language", text))
    tracker.update(ActionExecuted("action_listen"))
    await store.save(tracker)
    return tracker


async def test_an_active_conversation_is_not_read_again(tmp_path: Path) -> None:
    store = make_store(tmp_path / "tracker.db")
    saved = await turn(store, "c1", "one")
    assert await store.retrieve("c1") is saved
    await turn(store, "c1", "two")
    again = await store.retrieve("c1")
    assert [e.text for e in again.events if isinstance(e, UserUttered)] == ["one", "two"]
    assert again.get_slot("language") == "two"


async def test_another_replica_writing_the_conversation_is_seen(tmp_path: Path) -> None:
    first, second = make_store(tmp_path / "shared.db"), make_store(tmp_path / "shared.db")
    await turn(first, "c1", "one")
    await turn(second, "c1", "two")  # second reads it from the database and adds a turn
    tracker = await first.retrieve("c1")
    assert [e.text for e in tracker.events if isinstance(e, UserUttered)] == ["one", "two"]


async def test_a_turn_that_failed_before_saving_is_not_kept(tmp_path: Path) -> None:
    store = make_store(tmp_path / "tracker.db")
    tracker = await turn(store, "c1", "one")
    tracker.update(UserUttered("lost", {"name": "greet", "confidence": 1.0}))  # never saved
    reread = await store.retrieve("c1")
    assert reread is not tracker
    assert [e.text for e in reread.events if isinstance(e, UserUttered)] == ["one"]


async def test_purged_conversation_is_gone(tmp_path: Path) -> None:
    store = make_store(tmp_path / "tracker.db")
    await turn(store, "c1", "one")
    purge_tracker(store, "c1")
    assert await store.retrieve("c1") is None


@pytest.mark.parametrize("size", [1])
async def test_the_cache_is_bounded(tmp_path: Path, size: int) -> None:
    store = make_store(tmp_path / "tracker.db")
    getattr(store, "_tracker_store", store)._cache_size = size
    kept_first = await turn(store, "c1", "one")
    await turn(store, "c2", "two")
    assert await store.retrieve("c1") is not kept_first  # evicted, read from the database


def stored_rows(path: Path) -> list[tuple]:
    import sqlite3

    with sqlite3.connect(path) as conn:
        return conn.execute(
            "SELECT sender_id, type_name, timestamp, intent_name, action_name, data FROM events ORDER BY id"
        ).fetchall()


async def test_appended_events_are_the_rows_rasa_itself_writes(tmp_path: Path) -> None:
    from rasa.core.tracker_store import SQLTrackerStore

    ours = make_store(tmp_path / "ours.db")
    rasas = SQLTrackerStore(DOMAIN, dialect="sqlite", db=str(tmp_path / "rasa.db"))
    for store in (ours, rasas):
        for sender in ("c1", "c2"):
            tracker = DialogueStateTracker(sender, DOMAIN.slots)
            for text in ("one", "two", "three"):
                tracker.update(UserUttered(text, {"name": "greet", "confidence": 1.0}, timestamp=1.0))
                tracker.update(SlotSet("language", text, timestamp=2.0))
                tracker.update(ActionExecuted("action_listen", timestamp=3.0))
                await store.save(tracker)
                tracker = await store.retrieve(sender)
    assert stored_rows(tmp_path / "ours.db") == stored_rows(tmp_path / "rasa.db")
    assert len(stored_rows(tmp_path / "ours.db")) == 18  # each event once


async def test_a_kept_tracker_saved_twice_in_a_turn_stores_each_event_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from rasa.core.tracker_store import SQLTrackerStore

    store = make_store(tmp_path / "tracker.db")
    tracker = await turn(store, "c1", "one")

    async def counting_save(*_: object) -> None:
        raise AssertionError("a kept tracker is appended to, not re-counted by Rasa's save")

    monkeypatch.setattr(SQLTrackerStore, "save", counting_save)
    tracker.update(UserUttered("two", {"name": "greet", "confidence": 1.0}))
    await store.save(tracker)  # Rasa saves after the parse and again at the end of the turn
    tracker.update(ActionExecuted("action_listen"))
    await store.save(tracker)
    assert [row[1] for row in stored_rows(tmp_path / "tracker.db")] == [
        "user",
        "slot",
        "action",
        "user",
        "action",
    ]


async def test_a_new_conversation_is_appended_without_rasas_count(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from rasa.core.tracker_store import SQLTrackerStore

    async def counting_save(*_: object) -> None:
        raise AssertionError("nothing was stored: every event is new, no count needed")

    monkeypatch.setattr(SQLTrackerStore, "save", counting_save)
    store = make_store(tmp_path / "tracker.db")
    assert await store.retrieve("new") is None
    await turn(store, "new", "one")
    assert [row[1] for row in stored_rows(tmp_path / "tracker.db")] == ["user", "slot", "action"]


async def test_a_conversation_written_elsewhere_after_an_empty_read_is_not_duplicated(tmp_path: Path) -> None:
    first, second = make_store(tmp_path / "shared.db"), make_store(tmp_path / "shared.db")
    assert await first.retrieve("c1") is None  # e.g. a transcript view before the first message
    await turn(second, "c1", "one")  # the first message lands at the other replica
    await turn(first, "c1", "two")  # the turn's own read sees it
    texts = [e.text for e in (await second.retrieve("c1")).events if isinstance(e, UserUttered)]
    assert texts == ["one", "two"]
    assert len(stored_rows(tmp_path / "shared.db")) == 6


async def test_turns_another_worker_added_are_applied_to_the_kept_tracker(tmp_path: Path) -> None:
    from rasa.core.tracker_store import SQLTrackerStore

    first, second = make_store(tmp_path / "shared.db"), make_store(tmp_path / "shared.db")
    kept = await turn(first, "c1", "one")
    await turn(second, "c1", "two")
    await turn(second, "c1", "three")
    caught_up = await first.retrieve("c1")
    assert caught_up is kept  # not read afresh: only the two new turns were applied
    fresh = await SQLTrackerStore(DOMAIN, dialect="sqlite", db=str(tmp_path / "shared.db")).retrieve("c1")
    assert caught_up.current_state() == fresh.current_state()
    await turn(first, "c1", "four")  # and saving it afterwards appends only its own turn
    rows = stored_rows(tmp_path / "shared.db")
    assert len(rows) == 12 and sum('"four"' in row[5] for row in rows) == 2


async def test_a_conversation_purged_and_begun_again_elsewhere_is_read_afresh(tmp_path: Path) -> None:
    first, second = make_store(tmp_path / "shared.db"), make_store(tmp_path / "shared.db")
    kept = await turn(first, "c1", "old")
    await second.retrieve("c1")
    purge_tracker(second, "c1")
    await turn(second, "c1", "new")
    reread = await first.retrieve("c1")
    assert reread is not kept
    assert [e.text for e in reread.events if isinstance(e, UserUttered)] == ["new"]
