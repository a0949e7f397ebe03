"""A sender a supervisor has blocked (helpline/blocks.py): one neutral message with the crisis line.

TriagePolicy routes a blocked sender's messages here, except safety matters (a crisis signal, the open
safety question, a possible signal), which the crisis protocol still answers. The neutral message goes
out once after the block and then at most once a day (`BlockStore.take_notice`, atomic across
workers); in between the assistant stays silent. Nothing here opens a handoff.
"""

from __future__ import annotations

import asyncio
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

from actions.services import get_action_services
from actions.turn import Turn
from helpline.logs import get_logger

logger = get_logger("actions.blocked")
NOTICE = "utter_blocked"


async def notice_due(sender_id: str) -> bool:
    """True when the neutral message is due; when the database cannot say, it is sent (it only ever
    carries the crisis line, so sending it once too often is the safe mistake)."""
    try:
        store = getattr(get_action_services(), "blocks", None)
        if store is None:
            return True
        return await asyncio.to_thread(store.take_notice, sender_id)
    except Exception as error:  # noqa: BLE001
        logger.warning("blocked.notice_unknown", extra={"error": type(error).__name__})
        return True


class ActionBlocked(Action):
    def name(self) -> str:
        return "action_blocked"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        turn = Turn(dispatcher, tracker)
        if await notice_due(tracker.sender_id):
            turn.say(NOTICE)
        logger.info("blocked.message", extra={"notice": bool(turn.said)})
        return turn.finish()
