"""The check-in offer the dialogue can trigger (after a handoff closes, or after the steps)."""

from __future__ import annotations

import asyncio
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

from actions.services import get_action_services
from actions.turn import Turn
from helpline.followup import CheckinStore


class ActionOfferCheckin(Action):
    """Asks, in the texter's language, whether they want one check-in; files the open offer.

    Their "CHECK" (within a day) schedules it; it is handled by the connector, not the dialogue
    (helpline/followup.py). Nothing is sent unless they say yes.
    """

    def name(self) -> str:
        return "action_offer_checkin"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        turn = Turn(dispatcher, tracker)
        services = get_action_services()
        await asyncio.to_thread(
            CheckinStore(services.engine).offer,
            tracker.sender_id,
            channel=turn.slot("channel") or "sms",
            language=turn.slot("language"),
            script=turn.slot("script"),
            region=turn.slot("region"),
        )
        turn.say("utter_checkin_offer")
        return turn.finish()
