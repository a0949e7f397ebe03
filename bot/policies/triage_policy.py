"""Keeps the conversation's triage slots in step with each message, in-process.

After every user message it copies the parse's `triage` (language, script, crisis, minor, age) and the
channel metadata (channel, region) into slots, through `PolicyPrediction.events`: Rasa applies them
before the next action runs, whichever policy wins, so every response is chosen in the texter's
language without a round trip to the action server.
"""

from __future__ import annotations

from typing import Any

from rasa.core.policies.policy import Policy, PolicyPrediction
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.shared.core.constants import ACTION_LISTEN_NAME
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, Event, SlotSet, UserUttered
from rasa.shared.core.generator import TrackerWithCachedStates
from rasa.shared.core.trackers import DialogueStateTracker

ACTIONS_BEFORE_PREDICTION = {ACTION_LISTEN_NAME, "action_extract_slots"}


def is_first_prediction_of_turn(tracker: DialogueStateTracker) -> bool:
    """True right after a user message, before any bot action of this turn has run."""
    for event in reversed(tracker.events):
        if isinstance(event, UserUttered):
            return True
        if isinstance(event, ActionExecuted) and event.action_name not in ACTIONS_BEFORE_PREDICTION:
            return False
    return False


def triage_slot_events(tracker: DialogueStateTracker, domain: Domain) -> list[Event]:
    """SlotSet events for the latest message's triage and channel metadata (changed values only)."""
    message = tracker.latest_message
    if message is None:
        return []
    triage: dict[str, Any] = message.parse_data.get("triage") or {}
    metadata: dict[str, Any] = message.metadata or {}
    wanted: dict[str, Any] = {}
    if triage.get("language"):
        wanted["language"] = triage["language"]
        wanted["script"] = triage.get("script")
    if triage.get("crisis"):
        wanted["crisis"] = True  # sticky for the conversation: a counsellor clears it
    if triage.get("minor"):
        wanted["minor"] = True
    if triage.get("age") is not None:
        wanted["age"] = int(triage["age"])
    if metadata.get("channel"):
        wanted["channel"] = metadata["channel"]
    if metadata.get("region") and not tracker.get_slot("region_from_texter"):
        wanted["region"] = metadata["region"]
    slot_names = {slot.name for slot in domain.slots}
    return [
        SlotSet(name, value)
        for name, value in wanted.items()
        if name in slot_names and tracker.get_slot(name) != value
    ]


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.POLICY_WITHOUT_END_TO_END_SUPPORT, is_trainable=False)
class TriagePolicy(Policy):
    @staticmethod
    def get_default_config() -> dict[str, Any]:
        return {"priority": 7}

    def train(
        self, training_trackers: list[TrackerWithCachedStates], domain: Domain, **kwargs: Any
    ) -> Resource:
        return self._resource

    def predict_action_probabilities(
        self,
        tracker: DialogueStateTracker,
        domain: Domain,
        rule_only_data: dict[str, Any] | None = None,
        **kwargs: Any,
    ) -> PolicyPrediction:
        probabilities = self._default_predictions(domain)
        if not is_first_prediction_of_turn(tracker):
            return self._prediction(probabilities)
        return self._prediction(probabilities, events=triage_slot_events(tracker, domain))
