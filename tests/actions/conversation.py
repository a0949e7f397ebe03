"""A texter's conversation through the real routing policy and the real actions, without Rasa's server.

Each message is routed by `bot.policies.triage_policy.routed_action` (with its dialogue events), or by
the intent rules of data/rules; the chosen action runs with a rasa-sdk tracker built from the slots;
its slot events are applied. Handoffs go to a real HandoffStore on a temporary SQLite database.
Parses may carry any `triage` keys (issue 12's `risk` and `risk_about` included).
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import yaml
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ConversationResumed, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

import actions
from bot.policies.triage_policy import dialogue_events, grooming_slots, routed_action
from helpline.content.directory import get_directory
from helpline.content.placeholders import placeholder_values
from helpline.content.rasa_domain import load_domain
from helpline.store.db import make_engine
from helpline.store.handoffs import HandoffStore

REPO = Path(__file__).resolve().parents[2]
ACTIONS = {cls().name(): cls for cls in (getattr(actions, name) for name in actions.__all__)}
_ids = itertools.count(1)


@lru_cache(maxsize=1)
def domain() -> Domain:
    return load_domain()


@lru_cache(maxsize=1)
def intent_rules() -> dict[str, str]:
    """intent -> first action, from data/rules."""
    rules: dict[str, str] = {}
    for path in sorted((REPO / "data" / "rules").glob("*.yml")):
        for rule in yaml.safe_load(path.read_text(encoding="utf-8")).get("rules") or []:
            steps = rule["steps"]
            if "intent" in steps[0] and len(steps) > 1 and "action" in steps[1]:
                rules[steps[0]["intent"]] = steps[1]["action"]
    return rules


def services_on(database: Path) -> SimpleNamespace:
    engine = make_engine(f"sqlite:///{database}")
    return SimpleNamespace(engine=engine, handoffs=HandoffStore(engine), contacts=None)


@dataclass
class Conversation:
    services: SimpleNamespace
    region: str = "US"
    language: str = "en"
    script: str = "Latn"
    slots: dict[str, Any] = field(default_factory=dict)
    sender_id: str = field(default_factory=lambda: f"texter-{next(_ids)}")
    handoff_metadata: str | None = None
    closed_by_counsellor: bool = False  # the dashboard's close resumed the conversation since
    actions_run: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.slots = {
            "language": self.language,
            "script": self.script,
            "region": self.region,
            "channel": "sms",
            **placeholder_values(get_directory(), self.region, self.language),
            **self.slots,
        }

    def _rasa_tracker(self, text: str, intent: str, triage: dict[str, Any]) -> DialogueStateTracker:
        known = {slot.name for slot in domain().slots}
        tracker = DialogueStateTracker.from_events(
            self.sender_id,
            [SlotSet(name, value) for name, value in self.slots.items() if name in known],
            slots=domain().slots,
        )
        if self.closed_by_counsellor:
            tracker.update(ConversationResumed())
        parse = {
            "text": text,
            "intent": {"name": intent, "confidence": 1.0},
            "entities": [],
            "triage": triage,
        }
        tracker.update(
            UserUttered(text, parse["intent"], [], parse, metadata={"handoff": self.handoff_metadata})
        )
        return tracker

    async def send(self, text: str, intent: str = "nlu_fallback", **triage: Any) -> list[str]:
        """The response names of the turn this message triggers ([] when the assistant is silent)."""
        tracker = self._rasa_tracker(text, intent, triage)
        for event in dialogue_events(tracker):
            if isinstance(event, SlotSet):
                self.slots[event.key] = event.value
            else:
                self.actions_run.append("paused")
                return []
        action = routed_action(tracker) or intent_rules().get(intent, "action_fallback")
        self.actions_run.append(action)
        if action == "action_listen":
            return []
        if triage.get("crisis") or triage.get("risk") == "crisis":
            self.slots["crisis"] = True  # TriagePolicy's wanted_slots: sticky
        if triage.get("minor"):
            self.slots["minor"] = True
        self.slots.update(grooming_slots(tracker, triage))  # TriagePolicy's wanted_slots (issue 15)
        dispatcher = CollectingDispatcher()
        latest = {
            "text": text,
            "intent": {"name": intent, "confidence": 1.0},
            "entities": [],
            "triage": triage,
        }
        sdk_tracker = Tracker(self.sender_id, dict(self.slots), latest, [], False, None, {}, "action_listen")
        events = await ACTIONS[action]().run(dispatcher, sdk_tracker, {})
        for event in events:
            if event.get("event") == "slot":
                self.slots[event["name"]] = event["value"]
        return [message["response"] for message in dispatcher.messages]

    def handoff(self):
        return self.services.handoffs.open_for(self.sender_id)
