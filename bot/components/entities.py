"""Rule-based entities (age, amount, currency, platform, payment_method, relation) from bot/triage."""

from __future__ import annotations

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.nlu.extractors.extractor import EntityExtractorMixin
from rasa.shared.nlu.constants import ENTITIES, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.components.base import StatelessComponent
from bot.triage.entities import extract_entities

EXTRACTOR_NAME = "HelplineEntityExtractor"


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR, is_trainable=False)
class HelplineEntityExtractor(StatelessComponent, EntityExtractorMixin):
    def process_message(self, message: Message) -> None:
        found = [
            {**entity, "extractor": EXTRACTOR_NAME, "confidence_entity": 1.0}
            for entity in extract_entities(message.get(TEXT) or "")
        ]
        message.set(ENTITIES, [*(message.get(ENTITIES) or []), *found], add_to_output=True)
