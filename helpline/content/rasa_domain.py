"""Rasa sees the responses where they live: the domain is bot/domain (intents, slots, actions, session
config) merged with content/responses/ (every response), for training, `rasa data validate` and tests.

bot/config.yml names `ContentImporter` under `importers`, so every Rasa command given that config
(`rasa train`, `rasa data validate`) reads both folders; the trained model carries the merged domain, so
`rasa run` serves it unchanged. The files are merged as Rasa merges the files of one domain folder.
"""

from __future__ import annotations

import copy
import hashlib
import json
import os
from pathlib import Path
from typing import Any

import rasa.shared.utils.io
from rasa.shared.core.domain import Domain
from rasa.shared.importers.rasa import RasaFileImporter
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from helpline.content import RESPONSES_DIR, recognition_sets

BOT_DOMAIN = Path(__file__).resolve().parents[2] / "bot" / "domain"


def _domain_files(path: Path) -> list[Path]:
    if path.is_file():
        return [path]
    return [Path(root) / name for root, _, names in os.walk(path, followlinks=True) for name in sorted(names)]


def load_domain(*paths: str | Path) -> Domain:
    """The domain of these paths (default bot/domain) together with content/responses/."""
    combined: dict = {}
    for path in [*(Path(p) for p in paths or (BOT_DOMAIN,)), RESPONSES_DIR]:
        for file in _domain_files(path.resolve()):
            if Domain.is_domain_file(file):
                data = rasa.shared.utils.io.read_yaml(rasa.shared.utils.io.read_file(file))
                combined = Domain.merge_domain_dicts(data, combined)
    return Domain.from_dict(combined)


class ImportedMessage(Message):
    """A training example that copies itself cheaply and keeps its fingerprint while its data is the same.

    Why: Rasa's importers merge the NLU data three or four times while it trains, and each merge deep-copies
    every example (some 38,800, 1.5 s a merge on this machine). An imported example holds a text, an intent,
    maybe entities and marks, and no features yet: copying its containers one level down is a deep copy of
    it, with the same data and the same model trained.
    Every merge also builds a new `TrainingData`, which sets each example's intent again (stripped) and drops
    duplicates by the examples' fingerprints: Rasa's `set` forgets the fingerprint, so each merge hashed every
    example again (some 775,000 fingerprints before training began, 8-10 s). A copy has the data it was
    copied from, and setting a text, a number or None to the value it already has changes nothing, so both
    keep the fingerprint; anything else (a list of tokens, features) forgets it, as Rasa's does."""

    @classmethod
    def of(cls, message: Message) -> ImportedMessage:
        copied = cls(time=message.time, output_properties=set(message.output_properties))
        copied.data = message.data
        copied.features = message.features
        return copied

    def __deepcopy__(self, memo: dict[int, Any]) -> ImportedMessage:
        copied = ImportedMessage.__new__(ImportedMessage)  # Message.__init__ would only set what is set here
        copied.time = self.time
        copied.output_properties = set(self.output_properties)
        copied.data = {key: _copied(value, memo) for key, value in self.data.items()}
        copied.features = copy.deepcopy(self.features, memo) if self.features else []
        copied._cached_fingerprint = self._cached_fingerprint
        return copied

    def set(self, prop: str, info: Any, add_to_output: bool = False) -> None:
        """Rasa's `set`; the fingerprint is kept when an immutable value is set to what it already is."""
        unchanged = _is_immutable(info) and prop in self.data and _same_value(self.data[prop], info)
        kept = self._cached_fingerprint
        super().set(prop, info, add_to_output)
        if unchanged:
            self._cached_fingerprint = kept

    def fingerprint(self) -> str:
        """What Rasa's fingerprint covers (every data entry, each token's text, offsets, lemma and data, every
        feature), hashed in one pass.

        Why: Rasa's training cache fingerprints the whole training data before and after every component, and
        Rasa's `Message.fingerprint` hashes each token's every field on its own (an MD5 and a JSON dump each):
        some 10 million calls per training of 25,500 examples. The fingerprint is also the examples'
        equality (Rasa drops duplicate examples by it): equal data gives equal fingerprints, as before, and
        every example of the NLU data is an `ImportedMessage`, so all are compared the same way."""
        if self._cached_fingerprint is None:
            digest = hashlib.md5(usedforsecurity=False)
            for key in sorted(self.data):
                digest.update(f"{key}\0{_serialised(self.data[key])}\1".encode())
            for feature in self.features:
                digest.update(f"{feature.fingerprint()}\0".encode())
            self._cached_fingerprint = digest.hexdigest()
        return self._cached_fingerprint


def _serialised(value: Any) -> str:
    """A stable text of a message's data entry: tokens by their fields, anything else as JSON (objects with a
    fingerprint of their own by it, others as text, as Rasa's fingerprint does)."""
    if isinstance(value, list) and value and _are_tokens(value):
        value = [[token.text, token.start, token.end, token.lemma, token.data] for token in value]
    return json.dumps(value, sort_keys=True, ensure_ascii=False, default=_fingerprint_or_text)


def _is_token(value: Any) -> bool:
    """A Rasa `Token`, told by its fields (rasa.nlu, heavy, is not imported by the tools reading content)."""
    return all(hasattr(value, field) for field in ("text", "start", "end", "lemma", "data"))


def _are_tokens(values: list[Any]) -> bool:
    """Every item a token: each item's class asked once (a message's tokens are of one class).

    Why (forty-ninth round): Rasa's training cache fingerprints the tokenized training data after the
    tokenizer, and asking every one of its million tokens for its five fields took 2 s of the training."""
    token_classes: dict[type, bool] = {}
    for value in values:
        kind = type(value)
        if kind not in token_classes:
            token_classes[kind] = _is_token(value)
        if not token_classes[kind]:
            return False
    return True


def _fingerprint_or_text(value: Any) -> str:
    fingerprint = getattr(value, "fingerprint", None)
    return fingerprint() if callable(fingerprint) else str(value)


def _is_immutable(value: Any) -> bool:
    return isinstance(value, (str, int, float, bool)) or value is None


def _same_value(old: Any, new: Any) -> bool:
    """Equal and of the same type (True == 1, but the fingerprint's JSON tells them apart)."""
    return type(old) is type(new) and old == new


def _copied(value: Any, memo: dict[int, Any]) -> Any:
    """Strings and numbers as they are (immutable); lists and dicts (entities, marks) copied in full."""
    if _is_immutable(value):
        return value
    return copy.deepcopy(value, memo)


class ContentImporter(RasaFileImporter):
    """Rasa's file importer, with the domain completed by content/responses/ and the NLU data by the
    opened recognition sets bot/config.yml names (`recognition_sets`; helpline/content/recognition_sets.py).
    """

    def __init__(
        self,
        config_file: str | None = None,
        domain_path: str | None = None,
        training_data_paths: list[str] | str | None = None,
        recognition_sets: list[str] | None = None,
    ) -> None:
        super().__init__(config_file, domain_path, training_data_paths)
        self._recognition_sets = list(recognition_sets or [])
        self._nlu_data: TrainingData | None = None

    def get_nlu_data(self, language: str | None = "en") -> TrainingData:
        """Read and merged once: Rasa asks for it several times while it trains, once with its default
        language ("en") and then with the config's ("xx"), and reading and merging some 11,500 examples
        cost seconds each time. The language changes nothing that is read: Rasa's YAML reader ignores
        it, and one model serves every language."""
        if self._nlu_data is None:
            data = super().get_nlu_data(language)
            examples = list(data.training_examples)
            if self._recognition_sets:
                examples += recognition_sets.training_data(self._recognition_sets).training_examples
            self._nlu_data = TrainingData(
                [ImportedMessage.of(message) for message in examples],
                data.entity_synonyms,
                data.regex_features,
                data.lookup_tables,
                data.responses,
            )
        return self._nlu_data

    def get_domain(self) -> Domain:
        if not self._domain_path or not Path(self._domain_path).exists():
            return super().get_domain()
        return load_domain(self._domain_path)
