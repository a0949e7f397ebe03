"""While a handoff waits for a counsellor the assistant keeps helping, and now and then (not on every
message) reminds the texter that a person will reply and how to reach the 24-hour line meanwhile.

Every helpline action runs through `HelplineAction`: its own reply first, then this bookkeeping. The
reminder goes before the turn's other messages (so the menu stays last) and only when the whole turn
still fits the SMS budget with the texter's own placeholder values; otherwise it waits a turn.
"""

from __future__ import annotations

import abc
import asyncio
import re
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.paths import TELLS_A_PERSON_WILL_REPLY
from actions.services import get_action_services
from actions.turn import Turn
from helpline.content.responses import all_responses
from helpline.content.script import to_script
from helpline.content.sms import segments
from helpline.deadlines import parse_iso
from helpline.settings.logs import get_logger

logger = get_logger("actions.waiting")

TURN_SEGMENT_BUDGET = 3
REMIND_EVERY = 3  # turns
REMIND_EVERY_AFTER_CRISIS = 2  # the crisis line stays in view, without the crisis message every turn
REMINDER = "utter_waiting_reminder"


def rendered(response: str, slots: dict[str, Any]) -> str:
    """The text Rasa sends for `response` with these slots, in the texter's script."""
    language = slots.get("language") or "en"
    text = ""
    for variation in all_responses().get(response, []):
        conditions = variation.get("condition") or []
        if not conditions:
            text = text or variation.get("text", "")
        elif all(slots.get(c.get("name")) == c.get("value") for c in conditions):
            text = variation.get("text", "")
            break
    text = re.sub(r"\{(\w+)\}", lambda m: str(slots.get(m.group(1)) or ""), text)
    return to_script(text, slots.get("script"), language)


def turn_segments(names: list[str], slots: dict[str, Any]) -> int:
    """SMS segments a turn costs: each message is its own SMS."""
    return sum(segments(rendered(name, slots)) for name in names if rendered(name, slots))


async def handoff_status(sender_id: str) -> str | None:
    """'waiting', 'claimed' or None: the conversation's open handoff (None when it cannot be read:
    a reminder or a "still here" never costs the texter their answer)."""
    try:
        handoff = await asyncio.to_thread(get_action_services().handoffs.open_for, sender_id)
    except Exception as error:  # noqa: BLE001
        logger.warning("waiting.status_unavailable", extra={"error": type(error).__name__})
        return None
    return handoff.status if handoff else None


async def waiting_events(turn: Turn) -> list[EventType]:
    """Counts the turns a handoff has waited; every few turns, a short reminder if it fits."""
    status = await handoff_status(turn.tracker.sender_id)
    if status != "waiting":
        return [SlotSet("waiting_turns", None)] if turn.slot("waiting_turns") is not None else []
    if any(name in TELLS_A_PERSON_WILL_REPLY for name in turn.said):
        return [SlotSet("waiting_turns", 0.0)]
    if "report_pack" in turn.said:
        return []  # the report pack is two messages already; the reminder waits a turn
    count = int(turn.slot("waiting_turns") or 0) + 1
    every = REMIND_EVERY_AFTER_CRISIS if (turn.slot("safety") or turn.crisis) else REMIND_EVERY
    slots = {**turn.tracker.slots, **turn.values}
    if count >= every and turn_segments([REMINDER, *turn.said], slots) <= TURN_SEGMENT_BUDGET:
        turn.say_first(REMINDER)
        count = 0
    return [SlotSet("waiting_turns", float(count))]


async def sync_deadline(turn: Turn) -> None:
    """A deadline the texter states while their handoff is open replaces the handoff's (and may raise
    its priority, helpline/store/handoffs.py). Never costs the texter their answer."""
    deadline = parse_iso(turn.slot("deadline_at"))
    if deadline is None:
        return
    try:
        store = get_action_services().handoffs
        handoff = await asyncio.to_thread(store.open_for, turn.tracker.sender_id)
        if handoff is not None and handoff.deadline_at != deadline.replace(tzinfo=None):
            await asyncio.to_thread(store.set_deadline, handoff.id, deadline)
            logger.info("handoff.deadline_set", extra={"handoff": handoff.id})
    except Exception as error:  # noqa: BLE001
        logger.warning("handoff.deadline_unavailable", extra={"error": type(error).__name__})


class HelplineAction(Action, abc.ABC):
    """An action whose turn also keeps a waiting texter informed (abstract: rasa-sdk skips it)."""

    @abc.abstractmethod
    def name(self) -> str: ...

    @abc.abstractmethod
    async def act(self, turn: Turn) -> list[EventType]: ...

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        from actions.followup import checkin_offer_events  # imports this module

        turn = Turn(dispatcher, tracker)
        from actions.report import record_facts  # here: actions.report builds on this module

        await record_facts(turn)
        events = await self.act(turn)
        await sync_deadline(turn)
        events = [*events, *await waiting_events(turn)]  # a due reminder has the room first
        return [*events, *await checkin_offer_events(turn)]
