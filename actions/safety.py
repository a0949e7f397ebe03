"""Crisis protocol, children, and handoffs to a counsellor.

A handoff opens (or raises) a place in the counsellors' queue; the assistant keeps helping until a
counsellor claims it (TriagePolicy pauses the conversation then). No reply promises a counsellor
"now": the texter hears that a person will reply when one is free, and what they can do meanwhile.

The crisis protocol (issue 13): one warm message with the 24-hour line that asks directly whether they
are safe right now; "no" (or a plan, means at hand, something taken) gets the emergency number and
what to do this minute; "yes" a short safety plan, then the path resumes with the crisis line kept in
view. A possible signal (`risk == "concern"`) gets the direct question "are you thinking about
suicide?"; "yes" enters the protocol. Someone else at risk: call the emergency number for them now.
The slot `pending_question` always says which question a "yes", "no" or unclear reply answers.
"""

from __future__ import annotations

import asyncio

from rasa_sdk.events import EventType

from actions.paths import INTENT_PATHS
from actions.services import get_action_services
from actions.summary import triage_summary
from actions.turn import Turn
from actions.waiting import HelplineAction
from bot.policies.answers import NO, SAFE_NOW, SUICIDE, YES, safety_answer, suicide_answer
from bot.triage.crisis import detect_crisis
from helpline.deadlines import parse_iso
from helpline.settings.logs import get_logger
from helpline.store.availability import wait_sentence

logger = get_logger("actions.safety")

ACUTE_FAMILIES = ("plan", "means")  # a stated plan, means at hand, something already taken


def priority_and_reason(turn: Turn, requested_reason: str) -> tuple[str, str]:
    """urgent for crisis, high for a minor, normal otherwise (DESIGN.md); a child being groomed (issue
    15): urgent when a meeting is proposed or arranged, else high, with reason `grooming`."""
    if turn.crisis or requested_reason == "crisis":
        return "urgent", "crisis"
    if requested_reason == "grooming" or turn.slot("grooming"):
        return ("urgent" if turn.slot("meeting") else "high"), "grooming"
    if turn.minor:
        return "high", "minor"
    return "normal", requested_reason


async def sender_blocked(turn: Turn) -> bool:
    """A supervisor has blocked this sender (helpline/store/blocks.py). Unknown (database failure) counts as
    not blocked: the texter keeps every reply."""
    try:
        store = getattr(get_action_services(), "blocks", None)
        if store is None:
            return False
        return await asyncio.to_thread(store.active, turn.tracker.sender_id) is not None
    except Exception as error:  # noqa: BLE001
        logger.warning("handoff.block_unknown", extra={"error": type(error).__name__})
        return False


async def open_handoff(turn: Turn, reason: str) -> bool | None:
    """Opens (or raises) the conversation's handoff; True when a counsellor is on duty, None when the
    sender is blocked (nothing is queued for a blocked sender, whatever the reason).

    A database failure is logged, never raised: the texter's crisis or child message still goes out."""
    if await sender_blocked(turn):
        logger.info("handoff.refused_blocked", extra={"reason": reason})
        return None
    try:
        return await _open_handoff(turn, reason)
    except Exception as error:  # noqa: BLE001 - the reply matters more than the queue entry
        logger.error("handoff.open_failed", extra={"reason": reason, "error": type(error).__name__})
        return False


async def _open_handoff(turn: Turn, reason: str) -> bool:
    services = get_action_services()
    priority, reason = priority_and_reason(turn, reason)
    tracker = turn.tracker
    handoff = await asyncio.to_thread(
        services.handoffs.open,
        tracker.sender_id,
        channel=turn.slot("channel") or "sms",
        priority=priority,
        reason=reason,
        summary={**triage_summary(tracker), **({"crisis": True} if reason == "crisis" else {})},
        language=turn.slot("language"),
        script=turn.slot("script"),
        region=turn.slot("region"),
        deadline_at=parse_iso(turn.slot("deadline_at")),  # the threat's deadline, when the texter said one
    )
    on_duty = await asyncio.to_thread(services.handoffs.counsellors_on_duty)
    logger.info(
        "handoff.opened",
        extra={"handoff": handoff.id, "priority": handoff.priority, "reason": reason, "on_duty": on_duty},
    )
    return bool(on_duty)


async def honest_wait(turn: Turn, on_duty: bool) -> tuple[bool, str]:
    """(someone is on duty, the expected wait in one sentence) for the texter's region and language.

    Minutes from recent claims when someone is on duty; the next opening in their time zone when
    nobody is; no time at all when none can honestly be given. Authored script (the output channel
    puts it into the texter's script, as it does the response around it)."""
    engine = get_action_services().engine
    known, wait = await asyncio.to_thread(
        wait_sentence, turn.slot("region"), turn.slot("language") or "en", engine=engine, on_duty=on_duty
    )
    return bool(known), wait


async def hand_off(turn: Turn, reason: str, *, tell_waiting: bool = True) -> list[EventType]:
    """A place in the queue, an honest word on when (unless the turn already said it), and we go on.

    Never pauses: the assistant keeps helping until a counsellor claims the conversation."""
    on_duty = await open_handoff(turn, reason)
    if on_duty is None:  # blocked: no place in the queue, so no word about one
        turn.say("utter_blocked")
        return turn.finish()
    if tell_waiting:
        on_duty, wait = await honest_wait(turn, on_duty)
        turn.say("utter_handoff_waiting" if on_duty else "utter_handoff_no_counsellor", wait_text=wait)
        turn.set("wait_text", wait)
    return turn.finish()


async def support_minor(turn: Turn) -> list[EventType]:
    """A child: the essentials at once (not in trouble, send nothing, do not pay, keep the messages,
    tell a trusted adult), a high-priority handoff, then the child's path one step at a time."""
    turn.say("utter_minor_first")
    turn.set("minor_supported", True)
    turn.set("path", "minor")
    turn.set("step", 0.0)
    await open_handoff(turn, "minor")
    return turn.finish()


def is_acute(text: str) -> bool:
    """A stated plan, means at hand, or something already taken."""
    return any(signal.split(":")[1] in ACUTE_FAMILIES for signal in detect_crisis(text).signals)


def about_someone_else(turn: Turn) -> bool:
    about = turn.triage.get("risk_about") or turn.slot("risk_about")
    return about == "other"


def ask_question(turn: Turn, question: str | None) -> None:
    turn.set("pending_question", question)
    turn.set("pending_asks", 0.0)


async def unsafe_now(turn: Turn) -> list[EventType]:
    """Not safe: the emergency number and what to do this minute; the crisis stays urgent."""
    turn.say("utter_crisis_unsafe")
    turn.set("safety", "unsafe")
    turn.set("crisis", True)
    ask_question(turn, SAFE_NOW)  # "reply SAFE when you are safe"
    await open_handoff(turn, "crisis")
    return turn.finish()


async def crisis_protocol(turn: Turn) -> list[EventType]:
    """A crisis signal about the texter: ask directly whether they are safe right now."""
    turn.set("crisis", True)
    if turn.slot("safety") == "unsafe" or is_acute(turn.text):
        return await unsafe_now(turn)
    queued = await open_handoff(turn, "crisis")
    # The first time: the warm message with the crisis line; after "yes, safe", only the question.
    # A blocked sender (nothing queued) hears the same without "a counsellor will reply".
    if turn.slot("safety") == "safe":
        turn.say("utter_crisis_ask_again")
    else:
        turn.say("utter_crisis_ask_blocked" if queued is None else "utter_crisis_ask")
    ask_question(turn, SAFE_NOW)
    return turn.finish()


def continue_path_later(turn: Turn) -> None:
    """Keeps the texter's situation so "go on" after a safety question starts their path."""
    path = INTENT_PATHS.get(turn.intent or "")
    if path and not turn.slot("path"):
        if turn.minor and path != "someone_else":
            return  # the child's essentials come first after the question (see ActionMenuChoice)
        turn.set("path", path)
        turn.set("step", -1.0)


class ActionCrisis(HelplineAction):
    """Any crisis signal, from any state: the crisis protocol, or help for someone else at risk."""

    def name(self) -> str:
        return "action_crisis"

    async def act(self, turn: Turn) -> list[EventType]:
        if about_someone_else(turn):
            queued = await open_handoff(turn, "crisis")
            turn.say("utter_crisis_other_blocked" if queued is None else "utter_crisis_other")
            turn.set("crisis", True)
            ask_question(turn, None)
            return turn.finish()
        return await crisis_protocol(turn)


class ActionSafetyAnswer(HelplineAction):
    """The reply to "are you safe right now?"."""

    def name(self) -> str:
        return "action_safety_answer"

    async def act(self, turn: Turn) -> list[EventType]:
        crisis_signal = bool(turn.triage.get("crisis")) or turn.intent == "self_harm" or is_acute(turn.text)
        answer = safety_answer(turn.text, turn.intent, crisis_signal)
        if answer == NO:
            return await unsafe_now(turn)
        if answer == YES:
            turn.say("utter_crisis_safe_plan")
            turn.set("safety", "safe")
            ask_question(turn, None)
            return turn.finish()
        # Not an answer: ask once more, with the emergency number (TriagePolicy lets it go after that).
        turn.say("utter_crisis_ask_again")
        turn.set("pending_asks", float(int(turn.slot("pending_asks") or 0) + 1))
        return turn.finish()


class ActionConcern(HelplineAction):
    """A possible signal: ask directly. Asking does not raise the risk; it makes a vague message clear."""

    def name(self) -> str:
        return "action_concern"

    async def act(self, turn: Turn) -> list[EventType]:
        turn.set("concern_asked", True)
        if about_someone_else(turn):
            turn.say("utter_concern_other")
            continue_path_later(turn)
            return turn.finish()
        turn.say("utter_concern_ask")
        ask_question(turn, SUICIDE)
        continue_path_later(turn)
        return turn.finish()


class ActionConcernAnswer(HelplineAction):
    """The reply to "are you thinking about suicide?": yes enters the crisis protocol."""

    def name(self) -> str:
        return "action_concern_answer"

    async def act(self, turn: Turn) -> list[EventType]:
        crisis_signal = bool(turn.triage.get("crisis")) or turn.intent == "self_harm"
        if suicide_answer(turn.text, turn.intent, crisis_signal) == NO:
            turn.say("utter_concern_no")
            ask_question(turn, None)
            return turn.finish()
        return await crisis_protocol(turn)


class ActionHandoff(HelplineAction):
    """The texter asked for a person."""

    def name(self) -> str:
        return "action_handoff"

    async def act(self, turn: Turn) -> list[EventType]:
        return await hand_off(turn, "requested")
