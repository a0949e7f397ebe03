"""A tokenizer for Chinese, English and code-mixed text, with script normalisation.

Han characters are single tokens and Latin runs are words (Rasa's whitespace tokenizer refuses
Chinese and Jieba breaks on code-mixing). Each token's text is normalised, Traditional to Simplified
with OpenCC and lower-cased, so one set of training examples serves both scripts; offsets stay on
the original text for the entity extractors.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import opencc
from rasa.engine.graph import ExecutionContext
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.tokenizers.tokenizer import Token, Tokenizer
from rasa.shared.nlu.training_data.message import Message

from bot.triage.tokens import tokenize

_to_simplified = opencc.OpenCC("t2s")


@lru_cache(maxsize=65536)
def normalise_token(text: str) -> str:
    """The script- and case-neutral form of one token."""
    return _to_simplified.convert(text).lower()


class HelplineToken(Token):
    """Rasa's `Token`, remembering its fingerprint while its text, offsets and lemma stay the same and
    it carries no data.

    Why: Rasa's training cache fingerprints all the training data after every component, and each time
    it hashes every token again: about 3.5 s a time on ~11,500 examples, three times a training run. The
    value is Rasa's own; it is computed afresh whenever anything it covers may have changed.
    """

    _memo: tuple[tuple[str, int, int, str], str] | None = None

    def fingerprint(self) -> str:
        if self.data:  # a later component set token data: Rasa's hash, every time
            return super().fingerprint()
        key = (self.text, self.start, self.end, self.lemma)
        if self._memo is None or self._memo[0] != key:
            self._memo = (key, super().fingerprint())
        return self._memo[1]


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.MESSAGE_TOKENIZER, is_trainable=False)
class HelplineTokenizer(Tokenizer):
    @staticmethod
    def get_default_config() -> dict[str, Any]:
        return {"intent_tokenization_flag": False, "intent_split_symbol": "_", "token_pattern": None}

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> HelplineTokenizer:
        return cls(config)

    def tokenize(self, message: Message, attribute: str) -> list[Token]:
        text = message.get(attribute) or ""
        tokens: list[Token] = [HelplineToken(normalise_token(t.text), t.start, t.end) for t in tokenize(text)]
        return self._apply_token_pattern(tokens)
