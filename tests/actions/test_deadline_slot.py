"""The threat's deadline in the conversation (issue 14): TriagePolicy's `deadline_at` slot (ISO 8601 UTC,
the contract the report pack reads), and the handoff that carries it: set when the handoff opens, replaced
when the texter states a new one while it waits. The helpline clock is fixed."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

import actions.safety
import actions.waiting
from bot.policies.triage_policy import triage_slot_events, wanted_slots
from helpline.settings import clock
from tests.actions.conversation import Conversation, services_on

DOMAIN = Domain.load(str(Path(__file__).resolve().parents[2] / "bot" / "domain"))
NOW = dt.datetime(2026, 12, 3, 12, 0, tzinfo=dt.timezone.utc)  # 20:00 in Hong Kong, 12:00 in London


@pytest.fixture(autouse=True)
def fixed_clock():
    with clock.frozen(NOW):
        yield


def message(text: str, language: str = "en", **metadata) -> UserUttered:
    parse = {
        "text": text,
        "intent": {"name": "report_sextortion", "confidence": 1.0},
        "entities": [],
        "triage": {"language": language, "script": None, "crisis": False, "risk": "none", "minor": False},
    }
    return UserUttered(text, parse["intent"], [], parse, metadata=metadata)


def converse(*texts: str, region: str = "HK", **metadata) -> DialogueStateTracker:
    tracker = DialogueStateTracker.from_events("someone", [SlotSet("region", region)], slots=DOMAIN.slots)
    for text in texts:
        tracker.update(message(text, **metadata))
        for event in triage_slot_events(tracker, DOMAIN):
            tracker.update(event)
    return tracker


def test_the_slot_is_in_the_domain_as_text() -> None:
    slot = next(slot for slot in DOMAIN.slots if slot.name == "deadline_at")
    assert slot.type_name == "text" and not slot.influence_conversation


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("he said he'll send it to my family within 24 hours", "2026-12-04T12:00:00Z"),
        ("佢話今晚12點前唔俾錢就發出去", "2026-12-03T16:00:00Z"),
        ("他說聽朝10點前要轉帳", "2026-12-04T02:00:00Z"),
        ("他说明早之前要转账不然就发给我同学", "2026-12-04T01:00:00Z"),
        ("对方说两个钟内不给钱就公开", "2026-12-03T14:00:00Z"),
    ],
)
def test_a_stated_deadline_sets_the_slot(text: str, expected: str) -> None:
    assert converse(text).get_slot("deadline_at") == expected


def test_the_region_time_zone_is_used() -> None:
    assert converse("pay by midnight or else", region="GB").get_slot("deadline_at") == "2026-12-04T00:00:00Z"
    assert converse("pay by midnight or else", region="HK").get_slot("deadline_at") == "2026-12-03T16:00:00Z"


def test_a_zone_from_the_connector_outranks_the_region() -> None:
    tracker = converse("pay by 9pm", region="US", timezone="America/Los_Angeles")
    assert tracker.get_slot("deadline_at") == "2026-12-04T05:00:00Z"


def test_a_later_deadline_replaces_it_and_other_messages_keep_it() -> None:
    tracker = converse("he gave me 24 hours to pay", "it was on instagram", "now he says within 2 hours")
    assert tracker.get_slot("deadline_at") == "2026-12-03T14:00:00Z"
    tracker = converse("he gave me 24 hours to pay", "it was on instagram")
    assert tracker.get_slot("deadline_at") == "2026-12-04T12:00:00Z"


def test_no_deadline_no_slot() -> None:
    tracker = converse("someone is threatening to share my photos", "we chatted for 2 hours yesterday")
    assert tracker.get_slot("deadline_at") is None
    assert "deadline_at" not in wanted_slots(tracker)


@pytest.fixture()
def services(tmp_path, monkeypatch):
    found = services_on(tmp_path / "helpline.db")
    monkeypatch.setattr(actions.safety, "get_action_services", lambda: found)
    monkeypatch.setattr(actions.waiting, "get_action_services", lambda: found)
    return found


async def test_the_handoff_carries_the_deadline_and_a_new_one_replaces_it(services) -> None:
    texter = Conversation(services, region="HK", slots={"deadline_at": "2026-12-04T12:00:00Z"})
    said = await texter.send("i want to talk to a person", "request_human")
    assert said
    handoff = texter.handoff()
    assert handoff.deadline_at == dt.datetime(2026, 12, 4, 12, 0)
    assert handoff.priority == "normal"  # a day away
    # while it waits the texter says the deadline moved closer (TriagePolicy set the slot)
    texter.slots["deadline_at"] = "2026-12-03T15:00:00Z"
    await texter.send("now he says i have 3 hours", "report_sextortion")
    handoff = texter.handoff()
    assert handoff.deadline_at == dt.datetime(2026, 12, 3, 15, 0)
    assert handoff.priority == "high"


async def test_a_close_deadline_raises_the_requested_handoff(services) -> None:
    texter = Conversation(services, region="GB", slots={"deadline_at": "2026-12-03T14:00:00Z"})
    await texter.send("can i talk to someone", "request_human")
    handoff = texter.handoff()
    assert handoff.priority == "high" and handoff.reason == "requested"


async def test_no_deadline_no_change(services) -> None:
    texter = Conversation(services, region="GB")
    await texter.send("can i talk to someone", "request_human")
    handoff = texter.handoff()
    assert handoff.deadline_at is None and handoff.priority == "normal"
