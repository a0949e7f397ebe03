"""Issue 13: a texter asking for a person hears an honest expected wait ({wait_text}), from
helpline.store.availability for their region: minutes from recent claims with someone on duty, the next
opening in their time zone with nobody on duty, and no time at all when none can honestly be given."""

from __future__ import annotations

import asyncio
import datetime as dt

import pytest
from rasa.core.nlg import TemplatedNaturalLanguageGenerator
from rasa.shared.core.events import SlotSet
from rasa.shared.core.trackers import DialogueStateTracker
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy import insert

import actions.followup
import actions.safety
import actions.waiting
import helpline.store.availability
from actions.safety import ActionHandoff
from helpline.content.directory import get_directory
from helpline.content.placeholders import placeholder_values
from helpline.content.sms import segments
from helpline.content.waits import WAIT_UNREADABLE
from helpline.settings import clock
from helpline.store.db import users
from tests.actions.conversation import domain, services_on

MONDAY_NIGHT_HK = dt.datetime(2026, 3, 2, 16, 30, tzinfo=dt.timezone.utc)  # Tue 00:30 in Hong Kong
MONDAY_NOON_HK = dt.datetime(2026, 3, 2, 4, 0, tzinfo=dt.timezone.utc)  # in the example rota's hours


@pytest.fixture()
def services(tmp_path, monkeypatch, settings):
    found = services_on(tmp_path / "helpline.db")
    for module in (actions.followup, actions.safety, actions.waiting):
        monkeypatch.setattr(module, "get_action_services", lambda: found)
    return found


def on_duty(services) -> None:
    with services.engine.begin() as conn:
        conn.execute(
            insert(users).values(
                email="c@example.org",
                display_name="C",
                password_hash="x",
                role="counsellor",
                available=True,
                active=True,
                created_at=clock.naive_utc(),
            )
        )


def ask_for_a_person(language: str = "en", script: str = "Latn", region: str = "HK") -> tuple[dict, list]:
    slots = {"language": language, "script": script, "region": region, "channel": "sms"}
    latest = {"text": "talk to a person", "intent": {"name": "request_human"}, "entities": []}
    tracker = Tracker("texter-wait", slots, latest, [], False, None, {}, "action_listen")
    dispatcher = CollectingDispatcher()
    events = asyncio.run(ActionHandoff().run(dispatcher, tracker, {}))
    (message,) = dispatcher.messages
    return message, events


def as_rasa_sends_it(message: dict, language: str, region: str) -> str:
    """Rasa's own response generator: the values sent with a response fill its placeholders."""
    slots = {"language": language, "region": region, **placeholder_values(get_directory(), region, language)}
    tracker = DialogueStateTracker.from_events(
        "texter-wait", [SlotSet(k, v) for k, v in slots.items()], slots=domain().slots
    )
    values = {k: v for k, v in message.items() if k == "wait_text"}
    generated = asyncio.run(
        TemplatedNaturalLanguageGenerator(domain().responses).generate(
            message["response"], tracker, "twilio", **values
        )
    )
    return generated["text"]


def test_nobody_on_duty_at_night_hears_the_next_opening_in_their_time(services) -> None:
    with clock.frozen(MONDAY_NIGHT_HK):
        message, events = ask_for_a_person()
    assert message["response"] == "utter_handoff_no_counsellor"
    assert message["wait_text"] == (
        "No counsellor is on duty now. The next one is expected today 09:00 your time."
    )
    text = as_rasa_sends_it(message, "en", "HK")
    assert text.startswith(message["wait_text"] + " Until then I will stay with you")
    assert "{" not in text and segments(text) <= 3
    assert {"event": "slot", "name": "wait_text", "value": message["wait_text"], "timestamp": None} in events


def test_someone_on_duty_gives_minutes_from_recent_claims(services) -> None:
    on_duty(services)
    with clock.frozen(MONDAY_NIGHT_HK):
        message, _ = ask_for_a_person("yue", "Hant", "HK")
    assert message["response"] == "utter_handoff_waiting"
    assert message["wait_text"] == "輔導員通常大約15分鐘內回覆。"
    text = as_rasa_sends_it(message, "yue", "HK")
    assert text.startswith("你已經排咗隊。輔導員通常大約15分鐘內回覆。") and segments(text) <= 3


def test_in_hours_with_nobody_signed_in_no_time_is_given(services) -> None:
    with clock.frozen(MONDAY_NOON_HK):
        message, _ = ask_for_a_person("cmn", "Hans", "CN")
    assert message["response"] == "utter_handoff_no_counsellor"
    assert message["wait_text"] == "现在没有咨询员值班，有人有空时会在这里回复你。"
    assert not any(ch.isdigit() for ch in message["wait_text"])


def test_an_unreadable_estimate_promises_nothing(services, monkeypatch) -> None:
    def broken(*args, **kwargs):
        raise RuntimeError("database down")

    monkeypatch.setattr(helpline.store.availability, "expected_wait", broken)
    message, _ = ask_for_a_person()
    assert message["wait_text"] == WAIT_UNREADABLE["en"][False]
    assert "minute" not in message["wait_text"]


def test_the_fixed_wait_minutes_placeholder_is_gone() -> None:
    values = placeholder_values(get_directory(), "HK", "en")
    assert "wait_minutes" not in values and "wait_text" not in values  # not a directory value
    slots = {slot.name for slot in domain().slots}
    assert "wait_minutes" not in slots and "wait_text" in slots
    for name, variations in domain().responses.items():
        for variation in variations:
            assert "{wait_minutes}" not in variation.get("text", ""), name


def test_without_a_value_the_slot_leaves_no_placeholder_showing() -> None:
    # A rule or story saying the response without the action: the slot's empty default, no "{wait_text}".
    message = {"response": "utter_handoff_no_counsellor"}
    text = as_rasa_sends_it(message, "en", "HK")
    assert "{" not in text and "None" not in text
    assert text.strip().startswith("Until then I will stay with you")
