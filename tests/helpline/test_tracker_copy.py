"""The state-based tracker copy equals Rasa's replayed copy, and is independent of the original."""

from __future__ import annotations

import pytest
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import (
    ActionExecuted,
    ActionExecutionRejected,
    ActionReverted,
    ActiveLoop,
    AllSlotsReset,
    BotUttered,
    ConversationPaused,
    ConversationResumed,
    FollowupAction,
    LoopInterrupted,
    Restarted,
    SessionStarted,
    SlotSet,
    UserUtteranceReverted,
    UserUttered,
)
from rasa.shared.core.trackers import DialogueStateTracker, TrackerActiveLoop

from helpline.rasa_ext.tracker_copy import copy_tracker

DOMAIN = Domain.from_yaml(
    """
version: "3.1"
intents: [greet, threat]
slots:
  language: {type: text, mappings: [{type: custom}]}
  minor: {type: bool, initial_value: false, mappings: [{type: custom}]}
  paths: {type: list, mappings: [{type: custom}]}
  step: {type: float, mappings: [{type: custom}]}
"""
)


def user(text: str, intent: str = "greet") -> UserUttered:
    return UserUttered(text, {"name": intent, "confidence": 0.9}, parse_data={"triage": {"crisis": False}})


TURN = [ActionExecuted("action_listen"), user("hi"), SlotSet("language", "en"), BotUttered("hello")]
HISTORIES = {
    "empty": [],
    "turns": [ActionExecuted("action_session_start"), SessionStarted(), *TURN * 3],
    "slots and lists": [*TURN, SlotSet("paths", "threat"), SlotSet("minor", True), SlotSet("step", 2.0)],
    "paused": [*TURN, ConversationPaused(), user("are you there")],
    "resumed": [*TURN, ConversationPaused(), ConversationResumed(), FollowupAction("action_guidance")],
    "loop": [*TURN, ActiveLoop("consent_form"), LoopInterrupted(True), ActionExecutionRejected("x")],
    "loop ended": [*TURN, ActiveLoop("consent_form"), ActiveLoop(None)],
    "reverted": [*TURN, user("oops", "threat"), UserUtteranceReverted(), ActionReverted()],
    "restarted": [*TURN, SlotSet("minor", True), Restarted(), *TURN],
    "slots reset": [*TURN, SlotSet("step", 1.0), AllSlotsReset(), ActionExecuted("action_listen")],
}


def state(tracker: DialogueStateTracker) -> dict:
    """Everything a tracker holds, comparable across two trackers."""
    return {
        "attributes": {
            key: value
            for key, value in vars(tracker).items()
            if key not in ("slots", "events", "active_loop")
        },
        "slots": {n: (type(s), s.value, s.has_been_set, s.initial_value) for n, s in tracker.slots.items()},
        "events": [event.as_dict() for event in tracker.events],
        "active_loop": tracker.active_loop,
        "current": tracker.current_state(),
        "past_states": tracker.past_states(DOMAIN),
    }


@pytest.mark.parametrize("name", list(HISTORIES))
def test_copy_equals_rasas_replayed_copy(name: str) -> None:
    tracker = DialogueStateTracker.from_events("c1", HISTORIES[name], DOMAIN.slots)
    tracker.model_id, tracker.assistant_id = "model", "assistant"  # as the processor sets them
    assert state(copy_tracker(tracker)) == state(tracker.travel_back_in_time(float("inf")))


@pytest.mark.parametrize("name", list(HISTORIES))
def test_changing_the_copy_leaves_the_original_alone(name: str) -> None:
    tracker = DialogueStateTracker.from_events("c1", HISTORIES[name], DOMAIN.slots)
    before = state(tracker)
    duplicate = copy_tracker(tracker)
    duplicate.update_with_events(
        [SlotSet("language", "yue"), SlotSet("paths", "paid"), ActiveLoop("consent_form"),
         LoopInterrupted(True), ConversationPaused(), ActionExecuted("action_guidance")],
        DOMAIN,
    )  # fmt: skip
    duplicate.active_loop = duplicate.active_loop or TrackerActiveLoop("x", False, False, None)
    duplicate.active_loop.rejected = True
    assert state(tracker) == before


def test_a_long_conversation_is_copied_whole() -> None:
    events = [ActionExecuted("action_session_start"), SessionStarted()]
    for index in range(200):
        events += [ActionExecuted("action_listen"), user(f"turn {index}"), SlotSet("step", float(index))]
        events += [ActionExecuted("action_guidance"), BotUttered(f"step {index}")]
    tracker = DialogueStateTracker.from_events("long", events, DOMAIN.slots, max_event_history=None)
    duplicate = copy_tracker(tracker)
    assert state(duplicate) == state(tracker.travel_back_in_time(float("inf")))
    assert len(duplicate.events) == 1002
