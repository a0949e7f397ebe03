"""Issue 13: when the dialogue offers the check-in (actions/followup.py): once the immediate work is done
(the end of a path, or the safety plan after "yes, safe"), never in a crisis turn or while a texter is
not safe, never twice, only on channels a later message can reach, and only when the turn fits."""

from __future__ import annotations

import pytest
from sqlalchemy import select

import actions.followup
import actions.safety
import actions.waiting
from actions.followup import OFFER
from helpline.store.db import checkins
from tests.actions.conversation import Conversation, services_on

LANGUAGES = [("en", "Latn", "US"), ("yue", "Hant", "HK"), ("cmn", "Hans", "CN"), ("cmn", "Hant", "TW")]


@pytest.fixture()
def services(tmp_path, monkeypatch):
    found = services_on(tmp_path / "helpline.db")
    for module in (actions.followup, actions.safety, actions.waiting):
        monkeypatch.setattr(module, "get_action_services", lambda: found)
    return found


def offers(services) -> list:
    with services.engine.connect() as conn:
        return conn.execute(select(checkins)).all()


@pytest.mark.parametrize(("language", "script", "region"), LANGUAGES)
async def test_not_in_the_crisis_turns_then_with_the_safety_plan(services, language, script, region) -> None:
    person = Conversation(services, region=region, language=language, script=script)
    await person.send("she wants money", "dating_scam")
    await person.send("1")
    await person.send("1")
    # A crisis signal just before the last step: the protocol's turns carry nothing else.
    assert await person.send("i want to die", "self_harm", crisis=True) == ["utter_crisis_ask"]
    assert await person.send("not safe") == ["utter_crisis_unsafe"]
    assert offers(services) == []
    # "Safe": the plan closes the protocol; the offer follows it, once.
    assert await person.send("safe now") == ["utter_crisis_safe_plan", OFFER]
    assert person.slots["checkin_offer"] == "offered"
    (row,) = offers(services)
    assert (row.status, row.language, row.script, row.region) == ("offered", language, script, region)
    assert OFFER not in await person.send("1")
    # The path's end later does not ask again.
    for _ in range(4):
        assert OFFER not in await person.send("1")
    assert len(offers(services)) == 1


async def test_only_on_channels_a_later_message_reaches(services) -> None:
    whatsapp = Conversation(services, slots={"channel": "whatsapp"})
    unknown = Conversation(services, slots={"channel": None})
    for texter in (whatsapp, unknown):
        await texter.send("she wants money", "dating_scam")
        for _ in range(2):
            await texter.send("1")
    assert (await whatsapp.send("1"))[-1] == OFFER
    assert OFFER not in await unknown.send("1")
    assert [row.channel for row in offers(services)] == ["whatsapp"]


async def test_a_turn_without_room_keeps_it_due_for_the_next_turn_with_room(services) -> None:
    # A waiting handoff's reminder takes the room on the last step's turn (see test_never_alone).
    adult = Conversation(services, region="GB")
    await adult.send("someone has my video and wants money", "report_sextortion")
    await adult.send("talk to a person", "request_human")
    turns = [await adult.send("1") for _ in range(7)]
    assert not any(OFFER in turn for turn in turns) and adult.slots["checkin_offer"] == "due"
    # "2" (start again): the first step, and now the offer, after it; the step's menu stays open.
    turn = await adult.send("2")
    assert turn[-1] == OFFER and adult.slots["menu"] == turn[-2]
    assert adult.slots["checkin_offer"] == "offered"


@pytest.mark.parametrize(
    ("slots", "allowed"),
    [
        ({}, True),
        ({"pending_question": "safe_now"}, False),  # a safety question is open
        ({"pending_question": "suicide"}, False),
        ({"safety": "unsafe"}, False),  # said they are not safe
        ({"safety": "safe"}, True),
        ({"channel": "web"}, False),
    ],
)
def test_an_open_question_or_not_safe_holds_the_offer_back(slots, allowed) -> None:
    from rasa_sdk import Tracker
    from rasa_sdk.executor import CollectingDispatcher

    from actions.followup import may_offer_now
    from actions.turn import Turn

    latest = {"text": "1", "intent": {"name": "nlu_fallback"}, "entities": []}
    tracker = Tracker("t", {"channel": "sms", **slots}, latest, [], False, None, {}, "action_listen")
    turn = Turn(CollectingDispatcher(), tracker)
    turn.say("utter_dating_report")
    assert may_offer_now(turn) is allowed
    turn.set("pending_question", "safe_now")  # this turn asks: never with it
    assert may_offer_now(turn) is False


async def test_no_offer_when_it_cannot_be_filed(services, monkeypatch) -> None:
    def broken(*args, **kwargs):
        raise RuntimeError("database down")

    monkeypatch.setattr(actions.followup.CheckinStore, "offer", broken)
    person = Conversation(services)
    await person.send("she wants money", "dating_scam")
    await person.send("1")
    await person.send("1")
    last = await person.send("1")
    assert last == ["utter_dating_report"] and person.slots["checkin_offer"] == "due"


async def test_silent_once_a_counsellor_holds_the_conversation(services) -> None:
    person = Conversation(services)
    await person.send("she wants money", "dating_scam")
    await person.send("1")
    await person.send("1")
    person.handoff_metadata = "claimed"
    assert await person.send("1") == []
    assert offers(services) == []
