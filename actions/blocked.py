"""A sender a supervisor has blocked (helpline/store/blocks.py): one neutral message with the crisis line.

TriagePolicy routes a blocked sender's messages here, except safety matters (a crisis signal, the open
safety question, a possible signal), which the crisis protocol still answers. Each of their other
messages gets the neutral message and nothing else (the channels never leave a texter in silence: a
silent turn would get a misleading "something went wrong" notice). Nothing here opens a handoff.
"""

from __future__ import annotations

import asyncio
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

from actions.services import get_action_services
from actions.turn import Turn
from helpline.settings.logs import get_logger

logger = get_logger("actions.blocked")
NOTICE = "utter_blocked"


async def record_notice(sender_id: str) -> None:
    """Notes the notice on the block (best effort: the message goes out whatever the database says)."""
    try:
        store = getattr(get_action_services(), "blocks", None)
        if store is not None:
            await asyncio.to_thread(store.record_notice, sender_id)
    except Exception as error:  # noqa: BLE001
        logger.warning("blocked.notice_not_recorded", extra={"error": type(error).__name__})


class ActionBlocked(Action):
    def name(self) -> str:
        return "action_blocked"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        turn = Turn(dispatcher, tracker)
        turn.say(NOTICE)
        await record_notice(tracker.sender_id)
        logger.info("blocked.message")
        return turn.finish()
