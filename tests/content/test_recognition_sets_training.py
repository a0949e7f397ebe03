"""The opened recognition sets as training data (helpline/content/recognition_sets.py): what is taken,
what never is, and that a change to a set retrains the model."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from rasa.nlu.tokenizers.tokenizer import Token
from rasa.shared.nlu.constants import FEATURE_TYPE_SENTENCE, FEATURE_TYPE_SEQUENCE, TEXT, TEXT_TOKENS
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData
from scipy.sparse import coo_matrix

from bot.components.featurizer import CountFeatures
from helpline.content import recognition_sets
from helpline.content.rasa_domain import ContentImporter, ImportedMessage
from service.model import fingerprint
from service.model import recognition_sets as configured_sets

ROOT = Path(__file__).resolve().parents[2]
CONFIG = ROOT / "bot" / "config.yml"


def test_every_text_is_taken_and_its_level_is_marked() -> None:
    cases = [
        {"text": "i took  all the pills", "risk": "crisis", "about": "self", "intent": "self_harm"},
        {
            "text": "my son says goodbye to everyone",
            "risk": "crisis",
            "about": "other",
            "intent": "help_someone_else",
        },
        {"text": "nothing matters", "risk": "concern", "about": "self", "intent": "express_distress"},
        {
            "text": "my sister stopped eating",
            "risk": "concern",
            "about": "other",
            "intent": "help_someone_else",
        },
        {"text": "how do i report him", "risk": "none", "about": None, "intent": "ask_police_report"},
    ]
    taken = recognition_sets.examples_of(cases)
    assert [m.get("text") for m in taken] == [
        "i took all the pills",
        "my son says goodbye to everyone",
        "nothing matters",
        "my sister stopped eating",
        "how do i report him",
    ]
    assert [m.get("intent") for m in taken] == [c["intent"] for c in cases]
    # marked as the training files mark someone else at risk, for OtherRiskClassifier; a clear signal is
    # marked `crisis` for LevelNetClassifier (fifteenth round)
    assert taken[1].get("metadata") == {"intent": {"risk": "other", "crisis": True}}
    assert taken[0].get("metadata") == {"intent": {"crisis": True}}
    # a text without risk is marked so: the risk net learns it even when its intent is an unsure one
    # (`express_distress`, `help_someone_else`), thirty-second round
    assert taken[4].get("metadata") == {"intent": {"risk": "none"}}
    # a possible signal: for RiskNetClassifier, which the intent classifiers leave out
    assert taken[2].get("metadata") == {"intent": {"concern": True}}
    assert taken[3].get("metadata") == {"intent": {"risk": "other", "concern": True}}


def test_the_configured_sets_are_all_development_sets() -> None:
    names = configured_sets(CONFIG)
    assert names and not {"tests/nlu/sealed", "tests/nlu/hold54"} & set(names)
    data = recognition_sets.training_data(names)
    assert len(data.training_examples) > 2000
    assert {m.get("intent") for m in data.training_examples} >= {"self_harm", "help_someone_else"}


@pytest.mark.parametrize("name", ["tests/nlu/sealed", "tests/nlu/hold54"])
def test_a_held_out_or_sealed_set_is_refused(name: str) -> None:
    with pytest.raises(recognition_sets.HeldOutSet):
        recognition_sets.training_data([name])


def test_a_set_still_called_held_out_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "hold99"
    folder.mkdir()
    (folder / "README.md").write_text("# hold99: held out. Never tune on it\n", encoding="utf-8")
    (folder / "hold99_en.yml").write_text("- {text: hi, risk: none, about: null, intent: greet}\n")
    with pytest.raises(recognition_sets.HeldOutSet):
        recognition_sets.training_data([folder])
    (folder / "README.md").write_text("# hold99: a development set since today\n", encoding="utf-8")
    assert [m.get("text") for m in recognition_sets.training_data([folder]).training_examples] == ["hi"]


def test_the_importer_adds_the_sets_to_the_nlu_data_once() -> None:
    plain = ContentImporter(str(CONFIG), str(ROOT / "bot" / "domain"), [str(ROOT / "data" / "nlu")])
    with_sets = ContentImporter(
        str(CONFIG), str(ROOT / "bot" / "domain"), [str(ROOT / "data" / "nlu")], ["tests/nlu/dev4"]
    )
    extra = recognition_sets.training_data(["tests/nlu/dev4"]).training_examples
    merged = with_sets.get_nlu_data()
    assert len(merged.training_examples) > len(plain.get_nlu_data().training_examples)
    texts = {(m.get("text"), m.get("intent")) for m in merged.training_examples}
    assert {(m.get("text"), m.get("intent")) for m in extra} <= texts
    assert with_sets.get_nlu_data() is merged  # read and merged once
    assert with_sets.get_nlu_data("xx") is merged  # whatever language Rasa asks for


def test_an_imported_example_copies_as_a_deep_copy_would() -> None:
    """Rasa's merges deep-copy every example; the importer's copy themselves one level down (a text, an
    intent, entities and marks, no features yet): the same data, nothing shared that could change."""
    importer = ContentImporter(
        str(CONFIG), str(ROOT / "bot" / "domain"), [str(ROOT / "data" / "nlu")], ["tests/nlu/dev4"]
    )
    data = importer.get_nlu_data()
    marked = next(m for m in data.training_examples if m.get("metadata"))
    entity = {"entity": "platform", "value": "WhatsApp", "start": 10, "end": 18}
    with_entities = ImportedMessage.of(
        Message(data={"text": "he is on whatsapp", "intent": "report_sextortion", "entities": [entity]})
    )
    for example in (with_entities, marked):
        assert isinstance(example, ImportedMessage)
        copied = copy.deepcopy(example)
        assert isinstance(copied, ImportedMessage)
        assert copied.data == example.data and copied.data is not example.data
        assert copied.output_properties == example.output_properties
        assert copied.fingerprint() == example.fingerprint()
    copied = copy.deepcopy(with_entities)
    copied.get("entities")[0]["value"] = "changed"
    assert with_entities.get("entities")[0]["value"] != "changed"
    copied = copy.deepcopy(marked)
    copied.get("metadata")["intent"] = {}
    assert marked.get("metadata")["intent"]
    merged = data.merge()
    assert [m.data for m in merged.training_examples] == [m.data for m in data.training_examples]


def test_imported_examples_are_equal_exactly_when_their_data_and_features_are() -> None:
    """An imported example's fingerprint is Rasa's training-cache key and its equality (Rasa drops duplicate
    examples by it): computed in one pass, it must tell apart what Rasa's tells apart, and no more."""

    def example(text: str = "hi there", intent: str = "greet", **more: Any) -> ImportedMessage:
        return ImportedMessage.of(Message(data={"text": text, "intent": intent, **more}))

    first, same = example(), ImportedMessage.of(Message(data={"intent": "greet", "text": "hi there"}))
    assert first == same and hash(first) == hash(same)
    assert first != example(intent="thank") and first != example(text="hi")
    assert first != example(metadata={"intent": {"crisis": True}})

    tokens = [Token("hi", 0), Token("there", 3)]
    first.set(TEXT_TOKENS, tokens)
    assert first != same  # the cached fingerprint is renewed when data is set
    same.set(TEXT_TOKENS, [Token("hi", 0), Token("there", 3)])
    assert first == same
    for changed in ([Token("hi", 0), Token("there", 4)], [Token("hi", 0, lemma="x"), Token("there", 3)]):
        assert example(**{TEXT_TOKENS: changed}) != first
    tagged = [Token("hi", 0, data={"pattern": 1}), Token("there", 3)]
    assert example(**{TEXT_TOKENS: tagged}) != first
    # a list that is not all tokens is hashed as it is written, not as tokens (each item's class asked once)
    mixed = example(**{TEXT_TOKENS: [Token("hi", 0), "there"]})
    assert mixed != first and mixed == example(**{TEXT_TOKENS: [Token("hi", 0), "there"]})

    for one in (first, same):
        one.add_features(CountFeatures(coo_matrix(np.eye(2)), FEATURE_TYPE_SENTENCE, TEXT, "words"))
    assert first == same
    same.add_features(CountFeatures(coo_matrix(np.eye(2) * 2), FEATURE_TYPE_SEQUENCE, TEXT, "chars"))
    assert first != same

    duplicated = [example(), example(intent="thank"), example()]
    assert len(TrainingData(duplicated).training_examples) == 2
    plain = [Message(data={"text": "hi there", "intent": i}) for i in ("greet", "thank", "greet")]
    assert len(TrainingData(plain).training_examples) == 2


def test_an_imported_example_keeps_its_fingerprint_only_while_its_data_is_the_same() -> None:
    """Rasa's merges copy every example and set its intent again; the fingerprint (the duplicate check's key)
    is kept through both, and forgotten whenever the data may have changed."""
    example = ImportedMessage.of(Message(data={"text": "he wants money", "intent": "report_sextortion"}))
    first = example.fingerprint()
    copied = copy.deepcopy(example)
    assert copied._cached_fingerprint == first == copied.fingerprint()
    copied.set("intent", "report_sextortion")  # what TrainingData's sanitising does
    assert copied._cached_fingerprint == first
    copied.set("intent", "ask_should_pay")
    assert copied._cached_fingerprint is None and copied.fingerprint() != first
    marked = ImportedMessage.of(Message(data={"text": "ok", "intent": "affirm", "flag": 1}))
    before = marked.fingerprint()
    marked.set("flag", True)  # equal to 1 in Python, not in the fingerprint's JSON
    assert marked.fingerprint() != before
    tokens = [Token("he", 0)]
    example.set(TEXT_TOKENS, tokens)
    with_tokens = example.fingerprint()
    example.set(TEXT_TOKENS, tokens)  # a list may have changed in place: always hashed again
    assert example._cached_fingerprint is None and example.fingerprint() == with_tokens
    merged = TrainingData([example]).merge(TrainingData([copied]))
    assert [m.fingerprint() for m in merged.training_examples] == [with_tokens, copied.fingerprint()]


def test_a_changed_set_changes_the_model_fingerprint(tmp_path: Path) -> None:
    config = tmp_path / "config.yml"
    text = CONFIG.read_text(encoding="utf-8")
    config.write_text(text, encoding="utf-8")
    with_sets = fingerprint(config)
    config.write_text(text.replace("      - tests/nlu/hold11\n", ""), encoding="utf-8")
    assert fingerprint(config) != with_sets
