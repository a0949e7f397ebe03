"""Crisis, minors and handoffs to a counsellor: each opens a handoff and pauses the assistant."""

from __future__ import annotations

import asyncio
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ConversationPaused, EventType
from rasa_sdk.executor import CollectingDispatcher

from actions.services import get_action_services
from actions.summary import triage_summary
from actions.turn import Turn
from helpline.logs import get_logger

logger = get_logger("actions.safety")


def priority_and_reason(turn: Turn, requested_reason: str) -> tuple[str, str]:
    """urgent for crisis, high for a minor, normal otherwise (DESIGN.md)."""
    if turn.crisis:
        return "urgent", "crisis"
    if turn.minor:
        return "high", "minor"
    return "normal", requested_reason


async def hand_off(turn: Turn, reason: str, *, tell_waiting: bool = True) -> list[EventType]:
    """Opens (or raises) the conversation's handoff, tells the texter what happens next, pauses."""
    services = get_action_services()
    priority, reason = priority_and_reason(turn, reason)
    tracker = turn.tracker
    handoff = await asyncio.to_thread(
        services.handoffs.open,
        tracker.sender_id,
        channel=turn.slot("channel") or "sms",
        priority=priority,
        reason=reason,
        summary=triage_summary(tracker),
        language=turn.slot("language"),
        script=turn.slot("script"),
        region=turn.slot("region"),
    )
    on_duty = await asyncio.to_thread(services.handoffs.counsellors_on_duty)
    logger.info(
        "handoff.opened",
        extra={"handoff": handoff.id, "priority": handoff.priority, "reason": reason, "on_duty": on_duty},
    )
    if not on_duty:
        turn.say("utter_handoff_no_counsellor")
    elif tell_waiting:
        turn.say("utter_handoff_waiting")
    return turn.finish(ConversationPaused())


async def support_minor(turn: Turn) -> list[EventType]:
    """A child is not in trouble: trusted adult, child lines, Take It Down, a high-priority handoff."""
    turn.say("utter_minor_support")
    turn.set("minor_supported", True)
    return await hand_off(turn, "minor")


class ActionCrisis(Action):
    """Any suicide or self-harm signal, from any state: the crisis lines at once and an urgent handoff."""

    def name(self) -> str:
        return "action_crisis"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        turn = Turn(dispatcher, tracker)
        turn.say("utter_crisis")
        turn.set("crisis", True)
        # utter_crisis already says a counsellor is coming; add the 24-hour lines only if nobody is on duty.
        return await hand_off(turn, "crisis", tell_waiting=False)


class ActionHandoff(Action):
    """The texter asked for a person."""

    def name(self) -> str:
        return "action_handoff"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        return await hand_off(Turn(dispatcher, tracker), "requested")
