"""RulePolicy that reads the last few turns instead of the whole conversation.

Every rule here looks at the latest turn (an intent and the actions after it), but Rasa's RulePolicy
featurises the entire history on each prediction: 22 ms at turn 200 of one conversation, the largest
cost still growing with its length (make bench). Long conversations are given the events since the
third-last listen, which hold the latest turn with its context; training is unchanged.
"""

from __future__ import annotations

from typing import Any

from rasa.core.policies.policy import PolicyPrediction
from rasa.core.policies.rule_policy import RulePolicy
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.core.constants import ACTION_LISTEN_NAME
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted
from rasa.shared.core.trackers import DialogueStateTracker

RECENT_LISTENS = 3
# Below this many events the whole tracker is cheaper to featurise than a rebuilt recent view.
LONG_CONVERSATION_EVENTS = 150


def recent_view(tracker: DialogueStateTracker, domain: Domain) -> DialogueStateTracker:
    """The tracker from the third-last listen on; short conversations are used as they are."""
    events = list(tracker.events)
    if len(events) < LONG_CONVERSATION_EVENTS:
        return tracker
    listens = 0
    for index in range(len(events) - 1, 0, -1):
        event = events[index]
        if isinstance(event, ActionExecuted) and event.action_name == ACTION_LISTEN_NAME:
            listens += 1
            if listens == RECENT_LISTENS:
                return DialogueStateTracker.from_events(tracker.sender_id, events[index:], domain.slots)
    return tracker


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.POLICY_WITHOUT_END_TO_END_SUPPORT, is_trainable=True)
class RecentRulePolicy(RulePolicy):
    def predict_action_probabilities(
        self,
        tracker: DialogueStateTracker,
        domain: Domain,
        rule_only_data: dict[str, Any] | None = None,
        **kwargs: Any,
    ) -> PolicyPrediction:
        return super().predict_action_probabilities(
            recent_view(tracker, domain), domain, rule_only_data, **kwargs
        )
