"""The texter's own choices: reply language and script, and where they are."""

from __future__ import annotations

import asyncio
import re
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.services import get_action_services
from actions.turn import Turn
from actions.waiting import HelplineAction
from helpline.content.regions import get_regions

LANGUAGE_WORDS = (
    ("en", r"english|eng\b|英文|英語|英语"),
    ("yue", r"cantonese|廣東話|广东话|粵語|粤语|廣東|广东|白話|白话"),
    ("cmn", r"mandarin|putonghua|普通話|普通话|國語|国语|華語|华语"),
)
SCRIPT_WORDS = (("Hant", r"traditional|繁體|繁体|正體|正体"), ("Hans", r"simplified|簡體|简体"))
CHINESE_WORDS = r"chinese|中文"
DEFAULT_SCRIPT = {"en": "Latn", "yue": "Hant", "cmn": "Hans"}


def requested_language(text: str, current: str | None, region: str | None) -> tuple[str | None, str | None]:
    """(language, script) the texter asks for; either may be None when not said."""
    lowered = text.lower()
    language = next((code for code, pattern in LANGUAGE_WORDS if re.search(pattern, lowered)), None)
    script = next((code for code, pattern in SCRIPT_WORDS if re.search(pattern, lowered)), None)
    if language is None and (script or re.search(CHINESE_WORDS, lowered)):
        language = current if current in ("yue", "cmn") else get_regions().chinese(region)
    return language, script


class ActionSwitchLanguage(Action):
    def name(self) -> str:
        return "action_switch_language"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        text = (tracker.latest_message or {}).get("text") or ""
        current = tracker.get_slot("language")
        language, script = requested_language(text, current, tracker.get_slot("region"))
        language = language or current or "en"
        script = (
            script
            or (tracker.get_slot("script") if language == current else None)
            or DEFAULT_SCRIPT[language]
        )
        if language == "en":
            script = "Latn"
        await asyncio.to_thread(
            get_action_services().contacts.set_language, tracker.sender_id, language, script, True
        )
        # utter_language_switched follows in the rule, rendered with these slots.
        return [SlotSet("language", language), SlotSet("script", script), SlotSet("language_locked", True)]


class ActionRegionSet(HelplineAction):
    """The texter said where they are: numbers from now on are that region's."""

    def name(self) -> str:
        return "action_region_set"

    async def act(self, turn: Turn) -> list[EventType]:
        tracker = turn.tracker
        region = tracker.get_slot("region")
        if region:
            await asyncio.to_thread(get_action_services().contacts.set_region, tracker.sender_id, region)
        turn.say("utter_region_set")
        return turn.finish()
