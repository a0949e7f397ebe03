"""Two-stage fallback: ask again once, then offer a person."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.turn import Turn


class ActionFallback(Action):
    def name(self) -> str:
        return "action_fallback"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        turn = Turn(dispatcher, tracker)
        misunderstandings = int(tracker.get_slot("fallback_count") or 0) + 1
        turn.say("utter_default" if misunderstandings == 1 else "utter_fallback_offer_person")
        events = turn.finish()
        return [e for e in events if e.get("name") != "fallback_count"] + [
            SlotSet("fallback_count", float(misunderstandings))
        ]
