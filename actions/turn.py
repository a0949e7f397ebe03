"""One bot turn: the responses to send and the slot changes that keep the menu state honest."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.paths import MENUS


class Turn:
    def __init__(self, dispatcher: CollectingDispatcher, tracker: Tracker) -> None:
        self.dispatcher = dispatcher
        self.tracker = tracker
        self.events: list[EventType] = []
        self.said: list[str] = []
        self._menu: str | None = None
        self._first_message = len(dispatcher.messages)
        self.values: dict[str, Any] = {}  # values passed with a response (e.g. {wait_text}), beside the slots

    def slot(self, name: str) -> Any:
        return self.tracker.get_slot(name)

    @property
    def minor(self) -> bool:
        return bool(self.slot("minor"))

    @property
    def crisis(self) -> bool:
        return bool(self.slot("crisis"))

    @property
    def intent(self) -> str | None:
        return ((self.tracker.latest_message or {}).get("intent") or {}).get("name")

    @property
    def story_intent(self) -> str | None:
        """The message's story intent (paid, shared, app...), also when a crisis made it `self_harm`."""
        return self.triage.get("story_intent") or self.intent

    @property
    def text(self) -> str:
        return (self.tracker.latest_message or {}).get("text") or ""

    @property
    def triage(self) -> dict[str, Any]:
        return (self.tracker.latest_message or {}).get("triage") or {}

    def say(self, response: str, **values: Any) -> None:
        """Sends a response; the menu it ends with (if any) becomes the open menu.

        `values` fill the response's placeholders ahead of the slots (Rasa renders a response with the
        slots as they were before this action's events)."""
        self.dispatcher.utter_message(response=response, **values)
        self.values.update(values)
        self.said.append(response)
        self._menu = response if response in MENUS else None

    def say_last(self, response: str) -> None:
        """Sends a response after this turn's others (an offer), leaving the open menu as it is."""
        self.dispatcher.utter_message(response=response)
        self.said.append(response)

    def say_first(self, response: str) -> None:
        """Puts a response before this turn's others (a reminder), leaving the open menu as it is."""
        self.dispatcher.messages.insert(self._first_message, _message(response))
        self.said.insert(0, response)

    def set(self, name: str, value: Any) -> None:
        self.events.append(SlotSet(name, value))

    def finish(self, *extra: EventType) -> list[EventType]:
        """The turn's events: its slot changes, the open menu, a reset fallback count."""
        events = [*self.events, SlotSet("menu", self._menu)]
        if self.slot("fallback_count"):
            events.append(SlotSet("fallback_count", 0.0))
        return [*events, *extra]


def _message(response: str) -> dict[str, Any]:
    collector = CollectingDispatcher()
    collector.utter_message(response=response)
    return collector.messages[0]
