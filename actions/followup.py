"""The check-in offer: when the dialogue asks whether the texter wants one gentle check-in later.

A helpline offers follow-up once the immediate work is done, never in the middle of it:
- the offer becomes due when a guidance path reaches its last step (the texter has every step), or
  after the crisis protocol's "yes, safe" with its short safety plan;
- it is asked on that turn or a later one, only when the whole turn still fits the SMS budget, never in
  a turn that asks a safety question, says "not safe", or handles a deletion, never while a safety
  question is open or the texter said they are not safe;
- once per conversation (the `checkin_offer` slot: None -> "due" -> "offered");
- only on channels where a later message can reach them (SMS; WhatsApp, whose check-in goes inside
  the 24-hour window: helpline/jobs/followup.py); the sending side skips anyone who said STOP or asked to
  delete their data, and erasure deletes the offer.
Their "CHECK" / "NOCHECK" is answered by the connector (helpline/jobs/followup.py answer_followup); nothing
is sent unless they say yes. The offer goes after the turn's other messages and leaves the open menu
as it was, so "1"/"2" still answer the step.
"""

from __future__ import annotations

import asyncio
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.services import get_action_services
from actions.turn import Turn
from helpline.jobs.followup import CheckinStore
from helpline.settings.logs import get_logger

logger = get_logger("actions.followup")

OFFER = "utter_checkin_offer"
SLOT = "checkin_offer"  # None | "due" | "offered"
DUE, OFFERED = "due", "offered"
REACHABLE_CHANNELS = {"sms", "whatsapp"}
# The last step of every guidance path, and the safety plan after "yes, safe".
PATH_ENDS = {
    "utter_step_support",
    "utter_shared_check_in",
    "utter_dating_report",
    "utter_someone_else_talk",
    "utter_minor_last",
}
AFTER_SAFE = {"utter_crisis_safe_plan"}
# Turns that must carry nothing else: a safety question, "not safe", a deletion.
NEVER_WITH = {
    "utter_crisis_ask",
    "utter_crisis_ask_again",
    "utter_crisis_unsafe",
    "utter_crisis_other",
    "utter_concern_ask",
    "utter_concern_other",
    "utter_delete_confirm",
    "utter_delete_done",
    "utter_delete_done_local",
    "utter_delete_cancelled",
    OFFER,
}


def _after_turn(turn: Turn, name: str) -> Any:
    """A slot's value once this turn's own slot changes apply."""
    value = turn.slot(name)
    for event in turn.events:
        if event.get("event") == "slot" and event.get("name") == name:
            value = event.get("value")
    return value


def offer_due(turn: Turn) -> bool:
    """Not offered yet, and the immediate work is done (now or on an earlier turn)."""
    state = turn.slot(SLOT)
    if state == OFFERED:
        return False
    return state == DUE or any(name in PATH_ENDS | AFTER_SAFE for name in turn.said)


def may_offer_now(turn: Turn) -> bool:
    """Nothing about this turn or the texter's state makes an offer wrong now (the budget aside)."""
    if turn.slot("channel") not in REACHABLE_CHANNELS:  # unknown (a test shell, the REST API): no
        return False
    if any(name in NEVER_WITH for name in turn.said):
        return False
    if _after_turn(turn, "pending_question") is not None or _after_turn(turn, "safety") == "unsafe":
        return False
    return True


def fits_the_turn(turn: Turn) -> bool:
    from actions.waiting import TURN_SEGMENT_BUDGET, turn_segments

    slots = {**turn.tracker.slots, **turn.values}
    return turn_segments([*turn.said, OFFER], slots) <= TURN_SEGMENT_BUDGET


async def file_offer(turn: Turn) -> None:
    services = get_action_services()
    await asyncio.to_thread(
        CheckinStore(services.engine).offer,
        turn.tracker.sender_id,
        channel=turn.slot("channel") or "sms",
        language=turn.slot("language"),
        script=turn.slot("script"),
        region=turn.slot("region"),
    )


async def checkin_offer_events(turn: Turn) -> list[EventType]:
    """Offers the check-in at the end of this turn when it is due and right; else keeps it due."""
    if not offer_due(turn):
        return []
    if not (may_offer_now(turn) and fits_the_turn(turn)):
        return [SlotSet(SLOT, DUE)] if turn.slot(SLOT) != DUE else []
    try:
        await file_offer(turn)
    except Exception as error:  # noqa: BLE001 - never ask for what cannot be filed; try a later turn
        logger.warning("checkin.offer_failed", extra={"error": type(error).__name__})
        return [SlotSet(SLOT, DUE)] if turn.slot(SLOT) != DUE else []
    turn.say_last(OFFER)
    logger.info("checkin.offered", extra={"channel": turn.slot("channel") or "sms"})
    return [SlotSet(SLOT, OFFERED)]


class ActionOfferCheckin(Action):
    """Asks, in the texter's language, whether they want one check-in; files the open offer.

    The dialogue offers it by itself (`checkin_offer_events`, run after every helpline action); this
    action remains for a rule or story that asks explicitly. Their "CHECK" (within a day) schedules it;
    it is handled by the connector, not the dialogue (helpline/jobs/followup.py). Nothing is sent unless they
    say yes.
    """

    def name(self) -> str:
        return "action_offer_checkin"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        turn = Turn(dispatcher, tracker)
        await file_offer(turn)
        turn.say(OFFER)
        turn.set(SLOT, OFFERED)
        return turn.finish()
