"""The weighted intent classifier (bot/components/intent_classifier.py): the weighting is scikit-learn's
sublinear TF-IDF, a trained component saved and loaded again ranks messages the same way, and one that learns
from the frequent feature columns only (`min_df`) keeps them when saved."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest
from rasa.engine.graph import ExecutionContext
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.nlu.classifiers.logistic_regression_classifier import LogisticRegressionClassifier
from rasa.nlu.featurizers.sparse_featurizer.count_vectors_featurizer import CountVectorsFeaturizer
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData
from scipy.sparse import coo_matrix, csr_matrix, hstack, vstack
from sklearn.feature_extraction.text import TfidfTransformer

from bot.components.intent_classifier import (
    OTHER_RISK,
    OtherRiskClassifier,
    WeightedLogisticRegressionClassifier,
    column_positions,
    frequent_columns,
    inverse_document_frequency,
    keep_columns,
    stack_rows,
    weigh,
)
from bot.components.tokenizer import HelplineTokenizer

EXAMPLES = {
    "ask_should_pay": ["should i pay him", "do i pay or not", "is it better to just pay"],
    "ask_police_report": ["how do i report to the police", "can i go to the police", "police report how"],
    "greet": ["hi", "hello there", "hey"],
}


def test_the_weighting_is_sublinear_tf_idf() -> None:
    counts = csr_matrix(np.array([[3, 0, 1], [0, 2, 0], [1, 1, 0]], dtype=float))
    expected = TfidfTransformer(sublinear_tf=True).fit_transform(counts).toarray()
    assert np.allclose(weigh(counts, inverse_document_frequency(counts)).toarray(), expected)


def _tokenised(texts: list[tuple[str, str | None]]) -> list[Message]:
    tokenizer = HelplineTokenizer(HelplineTokenizer.get_default_config())
    messages = [Message(data={"text": t, **({"intent": i} if i else {})}) for t, i in texts]
    tokenizer.process(messages)
    return messages


def _trained_on_examples(
    storage: LocalModelStorage,
    context: ExecutionContext,
    resource: Resource,
    config: dict[str, Any] | None = None,
) -> tuple[CountVectorsFeaturizer, WeightedLogisticRegressionClassifier]:
    """A featurizer and an intent classifier trained on EXAMPLES, the classifier saved in `resource`."""
    featurizer = CountVectorsFeaturizer.create(
        CountVectorsFeaturizer.get_default_config(), storage, Resource("features"), context
    )
    training = TrainingData(_tokenised([(t, i) for i, texts in EXAMPLES.items() for t in texts]))
    featurizer.train(training)
    featurizer.process_training_data(training)
    config = config or WeightedLogisticRegressionClassifier.get_default_config()
    trained = WeightedLogisticRegressionClassifier.create(config, storage, resource, context)
    trained.train(training)
    return featurizer, trained


# bot/config.yml's solver (lbfgs, multinomial, stopped at 120 iterations since the thirty-ninth round) and
# liblinear's dual form (one intent against the rest, the thirty-eighth round's): a loaded model must predict
# with the same form it was fitted with.
SOLVERS = {
    "liblinear_dual": {"solver": "liblinear", "dual": True, "max_iter": 1000},
    "lbfgs": {"solver": "lbfgs", "dual": False, "max_iter": 120},
}


def _trained_and_loaded(
    tmp_path: Path, config: dict[str, Any], text: str
) -> tuple[WeightedLogisticRegressionClassifier, WeightedLogisticRegressionClassifier]:
    """An intent classifier trained on EXAMPLES with `config`, and the same loaded from where it was saved;
    both rank `text` first as ask_should_pay, with the same ranking and confidences."""
    storage = LocalModelStorage(tmp_path)
    context = ExecutionContext(graph_schema=None, node_name="intents")  # type: ignore[arg-type]
    resource = Resource("intents")
    featurizer, trained = _trained_on_examples(storage, context, resource, config)
    loaded = WeightedLogisticRegressionClassifier.load(config, storage, resource, context)
    rankings = []
    for classifier in (trained, loaded):
        probe = _tokenised([(text, None)])
        featurizer.process(probe)
        rankings.append(classifier.process(probe)[0].get("intent_ranking"))
    first, second = rankings
    assert first[0]["name"] == "ask_should_pay"
    assert [r["name"] for r in first] == [r["name"] for r in second]
    assert np.allclose([r["confidence"] for r in first], [r["confidence"] for r in second])
    return trained, loaded


@pytest.mark.parametrize("solver", sorted(SOLVERS))
def test_a_saved_classifier_ranks_the_same_when_loaded(tmp_path: Path, solver: str) -> None:
    config = {**WeightedLogisticRegressionClassifier.get_default_config(), **SOLVERS[solver]}
    trained, loaded = _trained_and_loaded(tmp_path, config, "should i pay")
    assert loaded.idf is not None and np.allclose(loaded.idf, trained.idf)
    saved = {p.name for p in (tmp_path / "intents").iterdir()}
    assert "weights.npz" in saved and not any(name.endswith(".skops") for name in saved)


def _yes_probabilities_beside_the_intent(
    tmp_path: Path, cls: type, output: str, training: TrainingData, probes: list[str]
) -> list[float]:
    """Trains `cls` (a yes-probability classifier) on `training`, checks that it sets `output` on the
    probes and never the intent, and that it sets the same once saved and loaded; the probabilities."""
    storage = LocalModelStorage(tmp_path)
    context = ExecutionContext(graph_schema=None, node_name="yes")  # type: ignore[arg-type]
    featurizer = CountVectorsFeaturizer.create(
        CountVectorsFeaturizer.get_default_config(), storage, Resource("features"), context
    )
    featurizer.train(training)
    featurizer.process_training_data(training)
    classifier = cls.create(cls.get_default_config(), storage, Resource("yes"), context)
    classifier.train(training)
    first = _tokenised([(text, None) for text in probes])
    featurizer.process(first)
    classifier.process(first)
    assert all(message.get("intent") is None for message in first)  # beside the intent, never the intent
    loaded = cls.load(cls.get_default_config(), storage, Resource("yes"), context)
    again = _tokenised([(text, None) for text in probes])
    featurizer.process(again)
    loaded.process(again)
    probabilities = [message.get(output) for message in first]
    assert [message.get(output) for message in again] == pytest.approx(probabilities)
    return probabilities


def test_the_someone_else_classifier_learns_from_the_risky_requests_for_someone_else(tmp_path: Path) -> None:
    examples = [
        ("my son says he wants to die", "help_someone_else"),
        ("my daughter said she wants to kill herself", "help_someone_else"),
        ("my friend told me she wants to end her life", "help_someone_else"),
        ("my son is being blackmailed what do we do", "help_someone_else"),
        ("my daughter got a message from a scammer", "help_someone_else"),
        ("should i pay him", "ask_should_pay"),
        ("hi", "greet"),
        ("i want to report it to the police", "ask_police_report"),
    ]
    risky, harmless = _yes_probabilities_beside_the_intent(
        tmp_path,
        OtherRiskClassifier,
        OTHER_RISK,
        TrainingData(_tokenised(examples)),
        ["my son says he wants to die tonight", "should i pay"],
    )
    assert 0.0 <= harmless < risky <= 1.0


def test_a_model_saved_by_an_earlier_version_with_rasas_skops_file_still_loads(tmp_path: Path) -> None:
    storage = LocalModelStorage(tmp_path)
    context = ExecutionContext(graph_schema=None, node_name="intents")  # type: ignore[arg-type]
    config = WeightedLogisticRegressionClassifier.get_default_config()
    featurizer, trained = _trained_on_examples(storage, context, Resource("old"))
    (tmp_path / "old" / "weights.npz").unlink()
    LogisticRegressionClassifier.persist(trained)  # the skops file earlier versions wrote

    loaded = WeightedLogisticRegressionClassifier.load(config, storage, Resource("old"), context)
    probes = [_tokenised([("should i pay", None)])[0] for _ in range(2)]
    featurizer.process(probes)
    first = trained.process([probes[0]])[0].get("intent_ranking")
    second = loaded.process([probes[1]])[0].get("intent_ranking")
    assert loaded.idf is not None and np.allclose(loaded.idf, trained.idf)
    assert [(r["name"], round(r["confidence"], 9)) for r in first] == [
        (r["name"], round(r["confidence"], 9)) for r in second
    ]


def test_a_classifier_with_nothing_saved_loads_untrained_and_predicts_nothing(tmp_path: Path) -> None:
    context = ExecutionContext(graph_schema=None, node_name="empty")  # type: ignore[arg-type]
    loaded = OtherRiskClassifier.load(
        OtherRiskClassifier.get_default_config(), LocalModelStorage(tmp_path), Resource("none"), context
    )
    probe = _tokenised([("my son says he wants to die", None)])
    assert loaded.process(probe)[0].get(OTHER_RISK) is None


def test_the_fast_stacking_gives_rasas_matrix(tmp_path: Path) -> None:
    storage = LocalModelStorage(tmp_path)
    context = ExecutionContext(graph_schema=None, node_name="stack")  # type: ignore[arg-type]
    messages = _tokenised([(t, i) for i, texts in EXAMPLES.items() for t in texts])
    for analyzer in ("word", "char_wb"):
        featurizer = CountVectorsFeaturizer.create(
            {**CountVectorsFeaturizer.get_default_config(), "analyzer": analyzer},
            storage,
            Resource(analyzer),
            context,
        )
        featurizer.train(TrainingData(messages))
        featurizer.process(messages)
    classifier = WeightedLogisticRegressionClassifier.create(
        WeightedLogisticRegressionClassifier.get_default_config(), storage, Resource("intents"), context
    )
    rasas = LogisticRegressionClassifier._create_X(classifier, messages)
    assert (classifier._counts(messages) != rasas).nnz == 0
    assert classifier._counts(messages).shape == rasas.shape


def test_stacking_one_row_features_gives_scipys_matrix_value_for_value() -> None:
    """The same values, columns and row starts as `vstack` then CSR, with columns out of order and repeated
    in a row, and an empty row: the classifiers' fits are byte-identical either way."""
    rows = [
        coo_matrix(([1.0, 2.0, 3.0], ([0, 0, 0], [4, 1, 4])), shape=(1, 6)),
        coo_matrix(([], ([], [])), shape=(1, 6)),
        coo_matrix(([5.0], ([0], [0])), shape=(1, 6)),
    ]
    other = [coo_matrix(([7.0], ([0], [i])), shape=(1, 3)) for i in (2, 0, 1)]
    expected = hstack([vstack(rows), vstack(other)], format="csr")
    stacked = hstack([stack_rows(rows), stack_rows(other)], format="csr")
    assert np.array_equal(stacked.indptr, expected.indptr)
    assert np.array_equal(stacked.indices, expected.indices)
    assert np.array_equal(stacked.data, expected.data)


def test_stacking_anything_but_one_row_coo_features_is_scipys_own() -> None:
    rows = [csr_matrix(np.array([[0.0, 1.0]])), coo_matrix(np.array([[2.0, 0.0], [0.0, 3.0]]))]
    assert (stack_rows(rows) != vstack(rows)).nnz == 0


def test_the_someone_else_classifier_is_retrained_when_the_lexicon_changes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Its labels come from the lexicon, which Rasa does not fingerprint: the lexicon's hash (with the code
    that reads it) is part of its config, so Rasa's training cache cannot restore a classifier trained on an
    older lexicon."""
    from bot.components import intent_classifier

    before = OtherRiskClassifier.get_default_config()["lexicon_version"]
    (tmp_path / "lexicon").mkdir()
    (tmp_path / "crisis.py").write_text("# code", encoding="utf-8")
    (tmp_path / "needles.py").write_text("# code", encoding="utf-8")
    (tmp_path / "lexicon" / "crisis.yml").write_text("en: []", encoding="utf-8")
    monkeypatch.setattr(intent_classifier, "LEXICON_DIR", tmp_path)
    first = OtherRiskClassifier.get_default_config()["lexicon_version"]
    (tmp_path / "lexicon" / "crisis.yml").write_text("en: [{id: new}]", encoding="utf-8")
    second = OtherRiskClassifier.get_default_config()["lexicon_version"]
    (tmp_path / "needles.py").write_text("# the code that skips patterns", encoding="utf-8")
    third = OtherRiskClassifier.get_default_config()["lexicon_version"]
    assert len({before, first, second, third}) == 4


def test_a_training_block_marked_risk_other_teaches_the_someone_else_classifier() -> None:
    """Wording the lexicon cannot read ("keeps asking which station has no gates") is what the classifier
    must learn: a `help_someone_else` block marked `metadata: {risk: other}` counts as someone else at risk;
    the same mark on another intent, or an unmarked harmless request, does not."""
    from bot.components.intent_classifier import marked_or_read_at_risk

    def example(text: str, intent: str, metadata: dict | None = None) -> Message:
        return Message(data={"text": text, "intent": intent, **({"metadata": metadata} if metadata else {})})

    marked = {"intent": {"risk": "other"}}
    help_other = "help_someone_else"
    assert marked_or_read_at_risk(example("my roommate asks which station has no gates", help_other, marked))
    assert marked_or_read_at_risk(example("my son says he wants to die", help_other))  # read by the lexicon
    assert not marked_or_read_at_risk(example("my son got a message from a scammer", help_other))
    assert not marked_or_read_at_risk(example("i ask which station has no gates", "self_harm", marked))
    assert not marked_or_read_at_risk(example("my son got a message", help_other, {"intent": {"x": 1}}))


def _risk_net_examples() -> list[Message]:
    """Clear and possible signals, requests without risk, and the unsure intents the net leaves out."""
    concern = {"metadata": {"intent": {"concern": True}}}
    no_risk = {"metadata": {"intent": {"risk": "none"}}}
    rows = [
        ("i want to end it all tonight", "self_harm", {}),
        ("i took every pill in the box", "self_harm", {}),
        ("everyone would be better off without me", "express_distress", concern),
        ("i just want to sleep and not wake up", "express_distress", concern),
        (
            "my sister gave her cat away for good",
            "help_someone_else",
            {"metadata": {"intent": {"risk": "other"}}},
        ),
        ("should i pay him", "ask_should_pay", {}),
        ("how do i report to the police", "ask_police_report", {}),
        ("hi", "greet", {}),
        ("i am so stressed about this", "express_distress", {}),  # unsure: left out
        ("my friend got a message from a scammer", "help_someone_else", {}),  # unsure: left out
        # an opened set's request its writer labelled without risk: learnt as one (thirty-second round)
        ("my son is being blackmailed, how do i help him", "help_someone_else", no_risk),
        # the lexicon reads a death-word here, but the writer labelled it anger at the blackmailer
        ("my daughter is 14 and if i find him i'll kill him", "help_someone_else", no_risk),
    ]
    messages = _tokenised([(text, intent) for text, intent, _ in rows])
    for message, (_, _, extra) in zip(messages, rows, strict=True):
        for key, value in extra.items():
            message.set(key, value)
    return messages


def test_the_risk_net_learns_clear_and_possible_signals_against_requests_without_risk() -> None:
    from bot.components.intent_classifier import RiskNetClassifier

    net = RiskNetClassifier.__new__(RiskNetClassifier)
    examples = _risk_net_examples()
    learnt = [m for m in examples if net._learns_from(m)]
    assert [m.get("text") for m in learnt] == [m.get("text") for m in examples[:8] + examples[10:]]
    assert net._labels(learnt) == ["yes"] * 5 + ["no"] * 5


def test_a_request_labelled_without_risk_is_never_someone_else_at_risk() -> None:
    """The writer's label wins over the lexicon's reading, for the someone-else net as for the risk net."""
    from bot.components.intent_classifier import marked_or_read_at_risk

    examples = _risk_net_examples()
    assert marked_or_read_at_risk(examples[4])  # marked `risk: other`
    assert not marked_or_read_at_risk(examples[11])
    assert OtherRiskClassifier.__new__(OtherRiskClassifier)._labels(examples[10:]) == ["no", "no"]


def test_the_intent_classifiers_never_learn_from_a_marked_concern() -> None:
    """A possible signal labelled with its story intent taught the intent classifier to lower
    `self_harm`: only the risk net learns from it (helpline/content/recognition_sets.py)."""
    examples = _risk_net_examples()
    for cls in (WeightedLogisticRegressionClassifier, OtherRiskClassifier):
        learner = cls.__new__(cls)
        learnt = {m.get("text") for m in examples if learner._learns_from(m)}
        assert "everyone would be better off without me" not in learnt
        assert "i just want to sleep and not wake up" not in learnt
        assert {"i am so stressed about this", "should i pay him", "i want to end it all tonight"} <= learnt


def test_the_risk_net_sets_a_probability_beside_the_intent(tmp_path: Path) -> None:
    from bot.components.intent_classifier import RISK_NET, RiskNetClassifier

    risky, harmless = _yes_probabilities_beside_the_intent(
        tmp_path,
        RiskNetClassifier,
        RISK_NET,
        TrainingData(_risk_net_examples()),
        ["better off without me, i want to sleep", "how do i report him"],
    )
    assert 0.0 <= harmless < risky <= 1.0


def test_the_level_net_learns_clear_against_possible_signals_of_the_opened_sets_only() -> None:
    """LevelNetClassifier learns crisis against concern from the opened sets' marked texts alone: the
    training files' `self_harm` examples and everything without risk are not its question."""
    from bot.components.intent_classifier import LevelNetClassifier

    rows = [
        ("saved two strips of pills for tonight", "self_harm", {"crisis": True}),
        ("my son gave his guitar away for good", "help_someone_else", {"risk": "other", "crisis": True}),
        ("i wish i could sleep and not wake up", "express_distress", {"concern": True}),
        ("i want to end it all tonight", "self_harm", {}),
        ("how do i report him", "ask_police_report", {}),
    ]
    messages = _tokenised([(text, intent) for text, intent, _ in rows])
    for message, (_, _, marks) in zip(messages, rows, strict=True):
        if marks:
            message.set("metadata", {"intent": marks})
    net = LevelNetClassifier.__new__(LevelNetClassifier)
    learnt = [m for m in messages if net._learns_from(m)]
    assert [m.get("text") for m in learnt] == [text for text, _, _ in rows[:3]]
    assert net._labels(learnt) == ["yes", "yes", "no"]


def test_the_level_net_sets_a_probability_beside_the_intent(tmp_path: Path) -> None:
    from bot.components.intent_classifier import LEVEL_NET, LevelNetClassifier

    rows = [
        ("saved two strips of pills for tonight", "self_harm", {"crisis": True}),
        ("the rope is ready in the garage", "self_harm", {"crisis": True}),
        ("wrote the letter for after, tonight", "self_harm", {"crisis": True}),
        ("i wish i could sleep and not wake up", "express_distress", {"concern": True}),
        ("everyone would be better off without me", "express_distress", {"concern": True}),
        ("nothing is ever going to get better", "express_distress", {"concern": True}),
    ]
    messages = _tokenised([(text, intent) for text, intent, _ in rows])
    for message, (_, _, marks) in zip(messages, rows, strict=True):
        message.set("metadata", {"intent": marks})
    clear, possible = _yes_probabilities_beside_the_intent(
        tmp_path,
        LevelNetClassifier,
        LEVEL_NET,
        TrainingData(messages),
        ["pills saved for tonight", "i wish i could sleep and never wake up"],
    )
    assert 0.0 <= possible < clear <= 1.0


def test_the_frequent_columns_are_those_in_enough_rows() -> None:
    counts = csr_matrix(np.array([[1, 0, 2, 0], [1, 0, 0, 0], [3, 1, 1, 0]], dtype=float))
    assert list(frequent_columns(counts, 2)) == [0, 2]
    assert frequent_columns(counts, 1) is None  # min_df 1: every column, no selection
    assert frequent_columns(csr_matrix(np.ones((2, 3))), 2) is None  # every column is frequent


def test_keeping_columns_by_renumbering_gives_scipys_column_selection() -> None:
    rng = np.random.default_rng(5)
    counts = csr_matrix(rng.integers(0, 3, size=(40, 60)) * (rng.random((40, 60)) < 0.2))
    columns = np.flatnonzero(rng.random(60) < 0.5)
    kept = keep_columns(counts, column_positions(columns, 60), len(columns))
    expected = counts[:, columns]
    assert kept.shape == expected.shape
    assert np.array_equal(kept.toarray(), expected.toarray())
    assert np.array_equal(kept.indptr, expected.indptr) and np.array_equal(kept.indices, expected.indices)


def test_a_classifier_learning_from_frequent_columns_only_saves_them_and_ranks_the_same_when_loaded(
    tmp_path: Path,
) -> None:
    config = {**WeightedLogisticRegressionClassifier.get_default_config(), "min_df": 2}
    trained, loaded = _trained_and_loaded(tmp_path, config, "should i pay him or not")
    assert trained.columns is not None and len(trained.columns) == trained.clf.coef_.shape[1]
    assert loaded.columns is not None and np.array_equal(loaded.columns, trained.columns)
