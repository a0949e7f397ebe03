"""Two-stage fallback: ask again once, then offer a person. On a path: offer to go on with it."""

from __future__ import annotations

from rasa_sdk.events import EventType, SlotSet

from actions.turn import Turn
from actions.waiting import HelplineAction


class ActionFallback(HelplineAction):
    def name(self) -> str:
        return "action_fallback"

    async def act(self, turn: Turn) -> list[EventType]:
        if turn.slot("path"):
            turn.say("utter_not_understood_continue")
            return turn.finish()
        misunderstandings = int(turn.slot("fallback_count") or 0) + 1
        turn.say("utter_default" if misunderstandings == 1 else "utter_fallback_offer_person")
        events = turn.finish()
        return [e for e in events if e.get("name") != "fallback_count"] + [
            SlotSet("fallback_count", float(misunderstandings))
        ]
