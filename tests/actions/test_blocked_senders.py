"""Issue 16, abuse: a blocked sender gets one neutral message with the crisis line, never the queue, and
a crisis from them is still answered. Through the real routing policy and actions
(tests/actions/conversation.py)."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest

import actions.blocked
import actions.safety
import actions.waiting
from actions.waiting import rendered
from helpline.settings import clock
from helpline.store import blocks
from helpline.store.blocks import BlockError, BlockStore
from helpline.store.db import make_engine
from helpline.store.handoffs import HandoffStore
from tests.actions.conversation import Conversation
from tests.content.fixtures import responses

START = dt.datetime(2026, 12, 3, 1, 0, tzinfo=dt.timezone.utc)


@pytest.fixture()
def services(tmp_path, monkeypatch):
    engine = make_engine(f"sqlite:///{tmp_path / 'helpline.db'}")
    found = SimpleNamespace(
        engine=engine, handoffs=HandoffStore(engine), contacts=None, blocks=BlockStore(engine)
    )
    for module in (actions.safety, actions.waiting, actions.blocked):
        monkeypatch.setattr(module, "get_action_services", lambda: found)
    monkeypatch.setattr(blocks, "default_store", lambda: found.blocks)  # the policy's lookup
    with clock.frozen(START):
        yield found


def blocked_texter(services, days: float = 7, **kwargs) -> Conversation:
    person = Conversation(services, **kwargs)
    services.blocks.block(person.sender_id, "harassment", clock.now() + dt.timedelta(days=days), by=None)
    return person


def queued(services, person: Conversation) -> bool:
    return services.handoffs.open_for(person.sender_id) is not None


async def test_a_blocked_sender_gets_the_neutral_message_with_the_crisis_line_and_nothing_else(
    services,
) -> None:
    person = blocked_texter(services, region="GB")
    assert await person.send("hello", "greet") == ["utter_blocked"]
    text = rendered("utter_blocked", person.slots)
    assert person.slots["crisis_line"] in text
    assert person.actions_run == ["action_blocked"]
    # A request for a person, a path, a menu choice: the same one message, and nothing reaches the queue.
    for message, intent in (
        ("talk to a person", "request_human"),
        ("someone has my video", "report_sextortion"),
    ):
        assert await person.send(message, intent) == ["utter_blocked"]
    assert await person.send("1") == ["utter_blocked"]
    assert not queued(services, person)
    assert services.blocks.active(person.sender_id).notified_at is not None  # shown to supervisors


@pytest.mark.parametrize(
    ("region", "language", "script", "text"),
    [
        ("GB", "en", "Latn", "i want to die"),
        ("HK", "yue", "Hant", "我唔想再生存落去"),
        ("CN", "cmn", "Hans", "我不想活了"),
    ],
)
async def test_a_crisis_from_a_blocked_sender_is_still_answered(
    services, region, language, script, text
) -> None:
    person = blocked_texter(services, region=region, language=language, script=script)
    assert await person.send("hi", "greet") == ["utter_blocked"]
    turn = await person.send(text, "self_harm", crisis=True, risk="crisis", risk_about="self")
    assert turn == ["utter_crisis_ask_blocked"]
    ask = rendered("utter_crisis_ask_blocked", person.slots)
    assert person.slots["crisis_line"] in ask
    assert person.slots["pending_question"] == "safe_now"
    # "not safe" is answered with the emergency number, as for anyone.
    answer = {"en": "no", "yue": "唔安全", "cmn": "不安全"}[language]
    assert await person.send(answer, "deny") == ["utter_crisis_unsafe"]
    assert person.slots["emergency"] in rendered("utter_crisis_unsafe", person.slots)
    assert not queued(services, person)  # answered, never queued


async def test_someone_else_at_risk_from_a_blocked_sender_is_answered_without_the_queue(services) -> None:
    person = blocked_texter(services, region="GB")
    turn = await person.send(
        "my friend is going to kill herself", "help_someone_else", crisis=True, risk_about="other"
    )
    assert turn == ["utter_crisis_other_blocked"]
    assert person.slots["emergency"] in rendered("utter_crisis_other_blocked", person.slots)
    assert not queued(services, person)


async def test_a_possible_signal_from_a_blocked_sender_is_still_asked_about(services) -> None:
    person = blocked_texter(services)
    turn = await person.send("i cant take this anymore", "express_distress", risk="concern")
    assert turn == ["utter_concern_ask"]


async def test_hand_off_refuses_to_queue_a_blocked_sender_whatever_the_route(services) -> None:
    """Defence in depth: even if a route reached a handoff, nothing is queued and no wait is promised."""
    from rasa_sdk import Tracker
    from rasa_sdk.executor import CollectingDispatcher

    person = blocked_texter(services)
    dispatcher = CollectingDispatcher()
    latest = {"text": "person pls", "intent": {"name": "request_human"}, "entities": [], "triage": {}}
    tracker = Tracker(person.sender_id, dict(person.slots), latest, [], False, None, {}, "action_listen")
    await actions.safety.ActionHandoff().run(dispatcher, tracker, {})
    assert [m["response"] for m in dispatcher.messages] == ["utter_blocked"]
    assert not queued(services, person)


async def test_unblock_and_expiry_restore_the_normal_conversation(services) -> None:
    lifted = blocked_texter(services)
    assert await lifted.send("talk to a person", "request_human") == ["utter_blocked"]
    assert services.blocks.lift(lifted.sender_id, by=None) is not None
    assert await lifted.send("talk to a person", "request_human") == ["utter_handoff_no_counsellor"]
    assert queued(services, lifted)

    expiring = blocked_texter(services, days=1)
    assert await expiring.send("talk to a person", "request_human") == ["utter_blocked"]
    clock.advance(dt.timedelta(days=1, seconds=1))
    assert services.blocks.active(expiring.sender_id) is None
    assert await expiring.send("talk to a person", "request_human") == ["utter_handoff_no_counsellor"]
    assert queued(services, expiring)


async def test_another_senders_block_changes_nothing(services) -> None:
    blocked_texter(services)
    other = Conversation(services)
    assert await other.send("talk to a person", "request_human") == ["utter_handoff_no_counsellor"]
    assert queued(services, other)


def test_a_block_needs_a_known_reason_and_a_future_expiry_within_a_year(services) -> None:
    store = services.blocks
    soon = clock.now() + dt.timedelta(days=1)
    with pytest.raises(BlockError):
        store.block("abc", "because", soon, by=None)
    with pytest.raises(BlockError):
        store.block("abc", "spam", clock.now() - dt.timedelta(minutes=1), by=None)
    with pytest.raises(BlockError):
        store.block("abc", "spam", clock.now() + dt.timedelta(days=400), by=None)
    store.block("abc", "spam", soon, by=None)
    with pytest.raises(BlockError, match="already blocked"):
        store.block("abc", "spam", soon, by=None)
    assert [b.conversation_id for b in store.list_active()] == ["abc"]


def test_the_lookup_fails_open(monkeypatch) -> None:
    """A database failure never costs a texter their reply (the handoff then fails on the same database)."""

    def broken():
        raise RuntimeError("database down")

    monkeypatch.setattr(blocks, "default_store", broken)
    assert blocks.sender_blocked("anyone") is False


def test_the_blocked_crisis_variants_are_the_reviewed_texts_without_the_counsellor_promise() -> None:
    every = responses()
    for name in ("utter_crisis_ask", "utter_crisis_other"):
        for full, cut in zip(every[name], every[f"{name}_blocked"], strict=True):
            assert full.get("condition") == cut.get("condition")
            assert full["text"].startswith(cut["text"]) and full["text"] != cut["text"]
            for word in ("counsellor", "輔導員", "咨询员"):
                assert word not in cut["text"]
    for variation in every["utter_blocked"]:
        assert "{crisis_line}" in variation["text"]
