"""The guidance paths: start a path from the texter's situation, move through it by numbered choices."""

from __future__ import annotations

import asyncio
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

from actions.paths import (
    BACK,
    CHILD_RELATIONS,
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
    path_steps,
)
from actions.safety import hand_off, support_minor
from actions.services import get_action_services
from actions.turn import Turn
from bot.triage.choices import menu_choice
from helpline.config import get_settings
from helpline.erasure import erase_helpline_data


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
    return turn.minor and not turn.slot("minor_supported")


class ActionStartPath(Action):
    """Threatened, paid, shared, app, dating scam, helping someone: reassurance first, then the steps."""

    def name(self) -> str:
        return "action_start_path"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        turn = Turn(dispatcher, tracker)
        intent = (tracker.latest_message.get("intent") or {}).get("name")
        path = INTENT_PATHS.get(intent, "threat")
        if needs_minor_support(turn) and path != "someone_else":
            return await support_minor(turn)
        if turn.slot("path") == path and turn.slot("step") is not None:
            return show_step(turn, path, int(turn.slot("step")))  # same story again: repeat where we are
        return show_step(turn, path, 0)


class ActionReply(Action):
    """Intents answered by one response (information, privacy, comfort, chit-chat)."""

    def name(self) -> str:
        return "action_reply"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        turn = Turn(dispatcher, tracker)
        intent = (tracker.latest_message.get("intent") or {}).get("name")
        if needs_minor_support(turn):
            return await support_minor(turn)
        if intent == "deny" and turn.slot("path") and turn.slot("step") is not None:
            return show_step(turn, turn.slot("path"), int(turn.slot("step")))
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


class ActionMenuChoice(Action):
    """A numbered reply to the open menu: next, back, counsellor, already paid, start again, delete."""

    def name(self) -> str:
        return "action_menu_choice"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        turn = Turn(dispatcher, tracker)
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
        if choice == PAID:
            return show_step(turn, "paid", 0)
        if choice == STEPS:
            return show_step(turn, path, step) if path else show_step(turn, "threat", 1)
        if path is None:
            return show_step(turn, "threat", 0)
        if choice == NEXT:
            return show_step(turn, path, step + 1)
        if choice == BACK:
            return show_step(turn, path, step - 1)
        if choice == RESTART:
            return show_step(turn, path, 1)
        # A number the menu does not offer: show the open menu again.
        turn.say(tracker.get_slot("menu"))
        return turn.finish()
