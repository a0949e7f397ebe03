"""The guidance paths: start a path from the texter's situation, move through it by numbered choices."""

from __future__ import annotations

import asyncio

from rasa_sdk import Tracker
from rasa_sdk.events import EventType

from actions.paths import (
    BACK,
    CHILD_RELATIONS,
    CONTINUE,
    COUNSELLOR,
    DELETE,
    INTENT_PATHS,
    INTENT_REPLIES,
    KEEP,
    MENUS,
    NEXT,
    PAID,
    RESTART,
    STEPS,
    SUMMARY,
    path_steps,
    restart_step,
)
from actions.safety import hand_off, support_minor
from actions.services import get_action_services
from actions.turn import Turn
from actions.waiting import HelplineAction, handoff_status
from bot.triage.choices import menu_choice
from helpline.jobs.erasure import erase_helpline_data
from helpline.settings.config import get_settings


def _asks_about_a_child(tracker: Tracker) -> bool:
    entities = (tracker.latest_message or {}).get("entities") or []
    return any(e.get("entity") == "relation" and e.get("value") in CHILD_RELATIONS for e in entities)


def show_step(turn: Turn, path: str, step: int) -> list[EventType]:
    steps = path_steps(path, child=turn.minor or _asks_about_a_child(turn.tracker))
    step = max(0, min(step, len(steps) - 1))
    turn.say(steps[step])
    turn.set("path", path)
    turn.set("step", float(step))
    return turn.finish()


def needs_minor_support(turn: Turn) -> bool:
    """The texter is a child not yet given the essentials (a parent asking about their child is not)."""
    return turn.minor and not turn.slot("minor_supported") and turn.slot("path") != "someone_else"


def go_on(turn: Turn) -> list[EventType]:
    """The step after the texter's on their path; without a path, ask what is happening."""
    path = turn.slot("path")
    if path is None:
        turn.say("utter_continue_ask")
        return turn.finish()
    return show_step(turn, path, int(turn.slot("step") if turn.slot("step") is not None else -1) + 1)


def in_the_middle_of_a_path(turn: Turn) -> bool:
    return turn.slot("path") is not None and int(turn.slot("step") or 0) > 0


class ActionStartPath(HelplineAction):
    """Threatened, paid, shared, app, dating scam, helping someone: reassurance first, then the steps."""

    def name(self) -> str:
        return "action_start_path"

    async def act(self, turn: Turn) -> list[EventType]:
        intent = turn.intent
        path = INTENT_PATHS.get(intent, "threat")
        if needs_minor_support(turn) and path != "someone_else":
            return await support_minor(turn)
        if turn.slot("path") == "minor" and path != "someone_else":
            # A child on their path: "should I pay?" is answered, anything else goes on one step.
            if path == "should_pay":
                turn.say("utter_minor_no_pay")
                return turn.finish()
            return go_on(turn)
        if turn.slot("path") == "outing" and path == "threat":
            path = "outing"  # the same story again: an outing threat keeps its own path
        if path == "should_pay" and in_the_middle_of_a_path(turn):
            turn.say("utter_no_pay_continue")  # answered without losing their place
            return turn.finish()
        if turn.slot("path") == path and turn.slot("step") is not None:
            return show_step(turn, path, int(turn.slot("step")))  # same story again: repeat where we are
        if path == "dating" and turn.slot("meeting") and not turn.minor:
            turn.say("utter_dating_meeting_safety")  # asked to meet after a deposit: stay safe (issue 15)
        return show_step(turn, path, 0)


class ActionContinue(HelplineAction):
    """'What should I do now?': the next step of their path (a child's essentials first)."""

    def name(self) -> str:
        return "action_continue"

    async def act(self, turn: Turn) -> list[EventType]:
        if needs_minor_support(turn):
            return await support_minor(turn)
        return go_on(turn)


# Said while the texter may be wondering whether anyone is there ("hello??").
CHECKING_IN_INTENTS = {"greet", "out_of_scope", "affirm"}


class ActionReply(HelplineAction):
    """Intents answered by one response (information, privacy, comfort, chit-chat)."""

    def name(self) -> str:
        return "action_reply"

    async def act(self, turn: Turn) -> list[EventType]:
        # `self_harm` reaches this action only as a possible signal already asked about (TriagePolicy); a
        # crisis never does. It is comforted as distress is.
        intent = "express_distress" if turn.intent == "self_harm" else turn.intent
        if needs_minor_support(turn):
            return await support_minor(turn)
        if intent == "deny" and turn.slot("path") and turn.slot("step") is not None:
            return show_step(turn, turn.slot("path"), int(turn.slot("step")))
        if intent in CHECKING_IN_INTENTS:
            if turn.slot("path") or await handoff_status(turn.tracker.sender_id) == "waiting":
                turn.say("utter_still_here")
                return turn.finish()
        turn.say(INTENT_REPLIES.get(intent, "utter_out_of_scope"))
        return turn.finish()


def chosen(tracker: Tracker) -> str | None:
    """The choice the texter made on the open menu: a digit, or yes/no where the menu is a question."""
    menu = MENUS.get(tracker.get_slot("menu") or "", {})
    digit = menu_choice((tracker.latest_message or {}).get("text"))
    intent = ((tracker.latest_message or {}).get("intent") or {}).get("name")
    if digit is None and intent == "affirm":
        digit = "1"
    if digit is None and intent == "deny" and menu.get("2") == KEEP:
        digit = "2"
    return menu.get(digit or "")


class ActionMenuChoice(HelplineAction):
    """A numbered reply to the open menu: next, back, counsellor, already paid, start again, delete.

    A bare digit with no menu open shows where the texter is (their step and its menu) again."""

    def name(self) -> str:
        return "action_menu_choice"

    async def act(self, turn: Turn) -> list[EventType]:
        tracker = turn.tracker
        if not tracker.get_slot("menu"):
            if needs_minor_support(turn):
                return await support_minor(turn)
            path = turn.slot("path")
            if path and turn.slot("step") is not None and int(turn.slot("step")) >= 0:
                return show_step(turn, path, int(turn.slot("step")))
            return go_on(turn)
        choice = chosen(tracker)
        path = turn.slot("path")
        step = int(turn.slot("step") or 0)
        if choice == COUNSELLOR:
            reason = "fallback" if turn.slot("menu") == "utter_fallback_offer_person" else "requested"
            return await hand_off(turn, reason)
        if choice == DELETE:
            at_twilio = await asyncio.to_thread(
                erase_helpline_data,
                get_action_services().engine,
                tracker.sender_id,
                get_settings().twilio_configured,
            )
            # Say only what is true: Twilio's copies are mentioned only when their deletion was filed.
            turn.say("utter_delete_done" if at_twilio else "utter_delete_done_local")
            return turn.finish()
        if choice == KEEP:
            turn.say("utter_delete_cancelled")
            return turn.finish()
        if choice == CONTINUE:
            if needs_minor_support(turn):
                return await support_minor(turn)
            return go_on(turn)
        if choice == PAID:
            return show_step(turn, "paid", 0)
        if choice == SUMMARY:
            from actions.report import report_pack

            return await report_pack(turn)
        if choice == STEPS:
            return show_step(turn, path, step) if path else show_step(turn, "threat", 1)
        if path is None:
            return show_step(turn, "threat", 0)
        if choice == NEXT:
            return show_step(turn, path, step + 1)
        if choice == BACK:
            return show_step(turn, path, step - 1)
        if choice == RESTART:
            return show_step(turn, path, restart_step(path))
        # A number the menu does not offer: show the open menu again.
        turn.say(tracker.get_slot("menu"))
        return turn.finish()
