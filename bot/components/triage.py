"""Adds the `triage` key to every parse and keeps crisis recall first.

`triage` = {language, script, crisis, minor, age} as fixed in DESIGN.md. Crisis is set by the
lexicon or by the classifier's `self_harm` intent, either one. When the lexicon fires on a message the
classifier read as having no other content (chit-chat, distress, fallback), the intent becomes
`self_harm`; a crisis inside an extortion story keeps its story intent and still sets `crisis`.
"""

from __future__ import annotations

from typing import Any

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.components.base import StatelessComponent
from bot.triage.age import detect_age
from bot.triage.choices import menu_choice
from bot.triage.crisis import detect_crisis
from bot.triage.language import detect_language

TRIAGE = "triage"
SELF_HARM = "self_harm"
NO_INTENT = "nlu_fallback"
# Intents that carry no story of their own: a crisis signal in them IS the message.
CONTENTLESS_INTENTS = {
    "greet",
    "goodbye",
    "thank",
    "affirm",
    "deny",
    "out_of_scope",
    "nlu_fallback",
    "express_distress",
    "state_age",
    "bot_challenge",
    "choose_language",
    "request_human",
}


def triage_for(text: str, language_hint: str | None) -> dict[str, Any]:
    """The triage of one text, before the classifier's opinion is added."""
    guess = detect_language(text, previous=language_hint)
    crisis = detect_crisis(text)
    age = detect_age(text)
    return {
        "language": guess.language,
        "script": guess.script,
        "crisis": crisis.is_crisis,
        "minor": age.minor,
        "age": age.age,
    }


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class TriageAnnotator(StatelessComponent):
    def process_message(self, message: Message) -> None:
        text = message.get(TEXT) or ""
        metadata = message.get("metadata") or {}
        hint = metadata.get("language_hint") if isinstance(metadata, dict) else None
        triage = triage_for(text, hint)
        intent = message.get(INTENT) or {}
        if menu_choice(text) and not triage["crisis"]:
            # A lone "2" has no intent of its own: the policy reads it against the open menu.
            message.set(INTENT, {"name": NO_INTENT, "confidence": 1.0}, add_to_output=True)
            message.set(INTENT_RANKING_KEY, [{"name": NO_INTENT, "confidence": 1.0}], add_to_output=True)
        elif intent.get("name") == SELF_HARM:
            triage["crisis"] = True
        elif triage["crisis"] and intent.get("name") in CONTENTLESS_INTENTS | {None}:
            message.set(INTENT, {"name": SELF_HARM, "confidence": 1.0}, add_to_output=True)
            ranking = message.get(INTENT_RANKING_KEY)
            if ranking is not None:
                message.set(
                    INTENT_RANKING_KEY,
                    [{"name": SELF_HARM, "confidence": 1.0}]
                    + [r for r in ranking if r.get("name") != SELF_HARM],
                    add_to_output=True,
                )
        message.set(TRIAGE, triage, add_to_output=True)
