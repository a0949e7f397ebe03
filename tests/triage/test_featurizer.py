"""The batched count-vectors featurizer (bot/components/featurizer.py) gives every message exactly the
features Rasa's own `CountVectorsFeaturizer` gives it, for both analysers the model uses, on real
training texts in all three languages, at training and for a single message at inference; at training the
instance Rasa loads from the model storage takes the rows the fit counted (fiftieth round), with the same
features."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from rasa.engine.graph import ExecutionContext
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.nlu.featurizers.sparse_featurizer.count_vectors_featurizer import CountVectorsFeaturizer
from rasa.shared.nlu.constants import FEATURE_TYPE_SENTENCE, TEXT
from rasa.shared.nlu.training_data.loading import load_data
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.components.featurizer import BatchedCountVectorsFeaturizer, CountedTexts
from bot.components.tokenizer import HelplineTokenizer

REPO = Path(__file__).resolve().parents[2]
ANALYSERS = [
    {"analyzer": "word", "min_ngram": 1, "max_ngram": 3, "min_df": 2},
    {"analyzer": "char_wb", "min_ngram": 2, "max_ngram": 4, "min_df": 2},
]


def _training_data() -> TrainingData:
    """Some of every language's training files, tokenised as the model tokenises them."""
    files = sorted((REPO / "data" / "nlu").rglob("*.yml"))
    assert files, "no NLU training files"
    data = TrainingData().merge(*[load_data(str(f)) for f in files[::4]])
    HelplineTokenizer(HelplineTokenizer.get_default_config()).process_training_data(data)
    return data


def _featurizer(
    cls: type[CountVectorsFeaturizer], config: dict[str, Any], path: Path
) -> CountVectorsFeaturizer:
    context = ExecutionContext(graph_schema=None, node_name="features")  # type: ignore[arg-type]
    path.mkdir()
    return cls.create({**cls.get_default_config(), **config}, LocalModelStorage(path), Resource("f"), context)


def _features(message: Message) -> list[tuple[str, str, tuple[int, int], list[tuple[int, int, float]]]]:
    return [
        (
            f.type,
            f.attribute,
            f.features.shape,
            sorted(
                zip(f.features.row.tolist(), f.features.col.tolist(), f.features.data.tolist(), strict=True)
            ),
        )
        for f in message.features
    ]


@pytest.mark.parametrize("config", ANALYSERS, ids=[c["analyzer"] for c in ANALYSERS])
def test_every_message_gets_the_features_rasa_gives_it(config: dict[str, Any], tmp_path: Path) -> None:
    rasas, batched = _training_data(), _training_data()
    theirs = _featurizer(CountVectorsFeaturizer, config, tmp_path / "rasa")
    ours = _featurizer(BatchedCountVectorsFeaturizer, config, tmp_path / "batched")
    theirs.train(rasas)
    ours.train(batched)
    theirs.process_training_data(rasas)
    ours.process_training_data(batched)

    assert len(rasas.training_examples) > 500
    featurized = 0
    for expected, got in zip(rasas.training_examples, batched.training_examples, strict=True):
        assert _features(got) == _features(expected), expected.get("text")
        featurized += bool(expected.features)
    assert featurized > 500


def test_a_single_message_at_inference_gets_the_same_features(tmp_path: Path) -> None:
    data = _training_data()
    theirs = _featurizer(CountVectorsFeaturizer, ANALYSERS[1], tmp_path / "rasa")
    ours = _featurizer(BatchedCountVectorsFeaturizer, ANALYSERS[1], tmp_path / "batched")
    theirs.train(data)
    ours.train(data)
    # (the fit's counts wait for the training texts; a text it never saw is counted anew, fiftieth round)
    seen_and_unseen = ["he says he will send the pics to my mum", "佢話要放我啲相上網 😭", "我不想活了", "hi"]
    for text in [*seen_and_unseen, "7 zebras texted"]:
        tokenizer = HelplineTokenizer(HelplineTokenizer.get_default_config())
        expected, got = Message(data={"text": text}), Message(data={"text": text})
        tokenizer.process([expected, got])
        theirs.process([expected])
        ours.process([got])
        assert _features(got) == _features(expected) and got.features, text
    CountedTexts._kept.clear()  # what the fit kept for a training pass that never came


def test_an_untrained_featurizer_adds_nothing(tmp_path: Path) -> None:
    ours = _featurizer(BatchedCountVectorsFeaturizer, ANALYSERS[0], tmp_path / "untrained")
    message = Message(data={"text": "hello"})
    HelplineTokenizer(HelplineTokenizer.get_default_config()).process([message])
    assert ours.process([message]) == [message] and not message.features


@pytest.mark.parametrize("config", ANALYSERS, ids=[c["analyzer"] for c in ANALYSERS])
def test_sentence_features_only_gives_the_texts_sentence_row_alone(
    config: dict[str, Any], tmp_path: Path
) -> None:
    full, sentence_only = _training_data(), _training_data()
    everything = _featurizer(BatchedCountVectorsFeaturizer, config, tmp_path / "all")
    rows_only = _featurizer(
        BatchedCountVectorsFeaturizer, {**config, "sentence_features_only": True}, tmp_path / "rows"
    )
    everything.train(full)
    rows_only.train(sentence_only)
    everything.process_training_data(full)
    rows_only.process_training_data(sentence_only)

    compared = 0
    for expected, got in zip(full.training_examples, sentence_only.training_examples, strict=True):
        wanted = [f for f in _features(expected) if f[0] == FEATURE_TYPE_SENTENCE and f[1] == TEXT]
        assert _features(got) == wanted, expected.get("text")
        compared += bool(wanted)
    assert compared > 500


@pytest.mark.parametrize("config", ANALYSERS, ids=[c["analyzer"] for c in ANALYSERS])
def test_the_loaded_featurizer_takes_the_fits_counts_with_the_same_features(
    config: dict[str, Any], tmp_path: Path
) -> None:
    """As Rasa's graph trains: one instance fits and persists, another is loaded and featurizes the data."""
    (tmp_path / "batched").mkdir()
    storage, resource = LocalModelStorage(tmp_path / "batched"), Resource("f")
    rasas = _training_data()
    theirs = _featurizer(CountVectorsFeaturizer, config, tmp_path / "rasa")
    theirs.train(rasas)
    theirs.process_training_data(rasas)
    batched = _training_data()
    context = ExecutionContext(graph_schema=None, node_name="features")  # type: ignore[arg-type]
    full_config = {**BatchedCountVectorsFeaturizer.get_default_config(), **config}
    BatchedCountVectorsFeaturizer.create(full_config, storage, resource, context).train(batched)
    assert CountedTexts._kept, "the fit kept its counts"
    loaded = BatchedCountVectorsFeaturizer.load(full_config, storage, resource, context)
    loaded.process_training_data(batched)

    assert not CountedTexts._kept, "the loaded featurizer took them (and they were dropped)"
    for expected, got in zip(rasas.training_examples, batched.training_examples, strict=True):
        assert _features(got) == _features(expected), expected.get("text")
