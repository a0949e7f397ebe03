"""The rule policy's recent view keeps the latest turns of long conversations only."""

from __future__ import annotations

from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.policies.recent_rule_policy import LONG_CONVERSATION_EVENTS, recent_view

DOMAIN = Domain.from_yaml('version: "3.1"\nintents: [greet]\nactions: [action_reply]')


def conversation(turns: int) -> DialogueStateTracker:
    tracker = DialogueStateTracker("someone", DOMAIN.slots)
    tracker.update(ActionExecuted("action_listen"))
    for index in range(turns):
        tracker.update(UserUttered(f"hi {index}", {"name": "greet", "confidence": 1.0}))
        tracker.update(ActionExecuted("action_reply"))
        tracker.update(ActionExecuted("action_listen"))
    return tracker


def test_short_conversations_are_used_as_they_are() -> None:
    tracker = conversation(10)
    assert recent_view(tracker, DOMAIN) is tracker


def test_long_conversations_keep_their_last_turns() -> None:
    tracker = conversation(LONG_CONVERSATION_EVENTS)
    view = recent_view(tracker, DOMAIN)
    texts = [e.text for e in view.events if isinstance(e, UserUttered)]
    assert texts == [f"hi {LONG_CONVERSATION_EVENTS - 2}", f"hi {LONG_CONVERSATION_EVENTS - 1}"]
    assert view.latest_message.text == tracker.latest_message.text
    assert view.latest_action_name == "action_listen"
