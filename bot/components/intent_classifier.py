"""The intent classifier, Rasa's logistic regression on sublinear TF-IDF weighted n-gram counts, and
a second, binary one on the same features: someone else at risk.

Why not Rasa's own `LogisticRegressionClassifier` as it is: it fits raw counts with a fixed C=1, so a long
story-style message (the way real texters write) is dominated by its many common n-grams. Weighting the
counts (log of the count, times the n-gram's inverse document frequency, each message scaled to unit
length) and a weaker regularisation (C=10) measured better on every labelled set that was never trained
on (README "Understanding": held-out cases, dev3, dev4), at the same speed. Everything else, the ranking
and the output keys, is Rasa's.

Thirty-eighth round: the intent classifier is fitted one intent against the rest by liblinear's dual solver
(`solver: liblinear`, `dual: true` in bot/config.yml) instead of lbfgs's multinomial fit stopped at 60
iterations. The dual solver runs to convergence in less time (about 17 s against 21-28 s), and on texts the
model was not trained on it ranks intents better: intent macro-F1 0.875 -> 0.886 on hold41 (opened this round,
read with both models before it was trained on), 0.896 -> 0.904 on hold38-40 left out of an offline copy,
the same (0.880) on hold35-37. Its probabilities are the one-against-the-rest ones scaled to sum to one, with
the same median top confidence (0.86 against 0.87), so the fallback and triage thresholds keep their meaning.

Thirty-ninth round: back to lbfgs's multinomial fit, stopped at 120 iterations (bot/config.yml). On the sets
it was not trained on it ranks intents as well as liblinear (hold42 0.910 against 0.913, the fresh set 0.900
against 0.876), and its softmax reads fewer texts without self-harm as `self_harm` surely enough for the
annotator's crisis (CLASSIFIER_CRISIS_CONFIDENCE): a quarter fewer on hold38-40 and dev12-15. Both solvers
stay configurable; models trained with either load and predict the same way.

Forty-third round: the intent classifier learns from the feature columns present in at least three of its
training examples (`min_df: 3` in bot/config.yml; the featurizers keep those in two, and the three nets still
read them all): 175,552 columns -> 101,129, so the lbfgs fit's weights, its memory of past steps and its
products shrink alike. The fit took 78 s instead of 115 s, the whole training 185 s instead of 240 s, from an
empty cache on this 2-core machine (one run each); intent macro-F1 on the held-out cases 0.979 -> 0.980, on
a stratified tenth of the training examples left out of a fit 0.904 -> 0.902. The kept columns are saved
beside the weights (`columns.npy`); a model without them reads every column, as before.

Forty-fourth round: the lbfgs fits take their steps from bot/components/lbfgs.py, L-BFGS-B's steps without
the bound handling SciPy's Fortran does for every step (the fits have no bounds): on the forty-third round's
31,459 training examples the intent classifier's fit took 39 s instead of 55 s, its 2.3 million weights within
0.05 % of SciPy's (relative norm of the difference), intent macro-F1 on a stratified tenth left out 0.903
against 0.902.
"""

from __future__ import annotations

import hashlib
from contextlib import nullcontext
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
from rasa.engine.graph import ExecutionContext
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.classifiers.logistic_regression_classifier import LogisticRegressionClassifier
from rasa.shared.nlu.constants import FEATURE_TYPE_SENTENCE, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData
from scipy.sparse import csr_matrix, diags, hstack, isspmatrix_coo, vstack
from sklearn.linear_model import LogisticRegression
from sklearn.preprocessing import normalize

from bot.components.lbfgs import sklearn_fit_with_lbfgs
from bot.components.sparse_products import for_fitting

IDF_FILE = "idf.npy"
WEIGHTS_FILE = "weights.npz"
COLUMNS_FILE = "columns.npy"


def inverse_document_frequency(counts: csr_matrix) -> np.ndarray:
    """Smoothed idf per feature column, as scikit-learn's TfidfTransformer computes it."""
    documents = counts.shape[0]
    frequency = np.bincount(counts.tocsr().indices, minlength=counts.shape[1])
    return np.log((1.0 + documents) / (1.0 + frequency)) + 1.0


def frequent_columns(counts: csr_matrix, min_df: int) -> np.ndarray | None:
    """The feature columns present in at least `min_df` of the rows, or None when that is every column."""
    if min_df <= 1:
        return None
    frequency = np.bincount(counts.tocsr().indices, minlength=counts.shape[1])
    columns = np.flatnonzero(frequency >= min_df)
    return None if len(columns) == counts.shape[1] else columns


def column_positions(columns: np.ndarray, width: int) -> np.ndarray:
    """Each of `width` feature columns' place among the sorted kept `columns`, -1 where it is dropped."""
    positions = np.full(width, -1, dtype=np.int64)
    positions[columns] = np.arange(len(columns))
    return positions


def keep_columns(counts: csr_matrix, positions: np.ndarray, width: int) -> csr_matrix:
    """`counts[:, columns]` for the `width` sorted columns `positions` keeps (`column_positions`), by
    renumbering the stored entries.

    Why: scipy's column indexing walks every selected column (about 1 ms for one message's row, against a
    parse of some 16 ms); renumbering touches only the row's stored entries, in the same order."""
    counts = counts.tocsr()
    renumbered = positions[counts.indices]
    kept = renumbered >= 0
    rows = np.repeat(np.arange(counts.shape[0]), np.diff(counts.indptr))
    indptr = np.concatenate(([0], np.cumsum(np.bincount(rows[kept], minlength=counts.shape[0]))))
    return csr_matrix((counts.data[kept], renumbered[kept], indptr), shape=(counts.shape[0], width))


def weigh(counts: csr_matrix, idf: np.ndarray) -> csr_matrix:
    """Sublinear tf (1 + log count) times idf, each row scaled to unit length."""
    weighted = csr_matrix(counts, dtype=np.float64, copy=True)
    weighted.data = 1.0 + np.log(np.maximum(weighted.data, 1e-12))
    return normalize(weighted @ diags(idf), norm="l2", copy=False)


def stack_rows(rows: list[Any]) -> Any:
    """One sparse matrix of the messages' one-row sentence features, the same as scipy's `vstack`.

    Why: `vstack` goes through a block matrix and checks every one of some 27,000 small matrices, about 2 s
    for each classifier's training matrix (four of them); one-row COO matrices, as the featurizers make them,
    are joined here by concatenating their columns and values."""
    if not all(isspmatrix_coo(row) and row.shape[0] == 1 for row in rows):
        return vstack(rows)
    lengths = np.fromiter((row.nnz for row in rows), dtype=np.int64, count=len(rows))
    indptr = np.concatenate(([0], np.cumsum(lengths)))
    columns = np.concatenate([row.col for row in rows])
    values = np.concatenate([row.data for row in rows])
    matrix = csr_matrix((values, columns, indptr), shape=(len(rows), rows[0].shape[1]))
    matrix.sum_duplicates()  # sorted and summed, as `vstack` and the CSR conversion after it leave them
    return matrix


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=True)
class WeightedLogisticRegressionClassifier(LogisticRegressionClassifier):
    """Logistic regression on TF-IDF weighted sparse features; `C` is configurable."""

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        return {**LogisticRegressionClassifier.get_default_config(), "C": 10.0, "dual": False, "min_df": 1}

    def __init__(
        self, config: dict[str, Any], name: str, model_storage: ModelStorage, resource: Resource
    ) -> None:
        super().__init__(config, name, model_storage, resource)
        self.clf = LogisticRegression(
            C=float(self.config["C"]),
            solver=self.config["solver"],
            dual=bool(self.config["dual"]),  # liblinear's dual form: fewer samples than features
            max_iter=self.config["max_iter"],
            class_weight="balanced",
            tol=self.config["tol"],
            random_state=self.config["random_state"],
        )
        self.idf: np.ndarray | None = None
        # the feature columns it learns from (None: all of them); see `min_df` in bot/config.yml
        self.columns: np.ndarray | None = None
        self._positions: np.ndarray | None = None

    def train(self, training_data: TrainingData) -> Resource:
        counts, labels = self._create_training_matrix(training_data)
        if counts.shape[0] == 0:
            return self._resource
        self.columns = frequent_columns(counts, int(self.config["min_df"]))
        if self.columns is not None:
            counts = self._kept(counts)
        self.idf = inverse_document_frequency(counts)
        # lbfgs: L-BFGS-B's steps without its bound handling (lbfgs.py); liblinear as it is
        with sklearn_fit_with_lbfgs() if self.clf.solver == "lbfgs" else nullcontext():
            self.clf.fit(for_fitting(weigh(counts, self.idf)), labels)
        self.persist()
        return self._resource

    def _counts(self, messages: list[Message]) -> csr_matrix:
        """The messages' sparse sentence features, one row each: each featurizer's rows stacked at
        once, then side by side, in the same order as Rasa's `get_sparse_features`.

        Rasa's own way deep-copies every message's features (sequence ones too) and stacks them one
        message at a time, which took most of the training time on 6,000 examples; it is still the way
        for messages whose featurizers differ."""
        columns: list[list[Any]] = []
        for message in messages:
            parts = [
                f.features
                for f in message.features
                if f.attribute == TEXT and f.type == FEATURE_TYPE_SENTENCE and f.is_sparse()
            ]
            if not columns:
                columns = [[] for _ in parts]
            if not parts or len(parts) != len(columns):
                return LogisticRegressionClassifier._create_X(self, messages)
            for column, part in zip(columns, parts, strict=True):
                column.append(part)
        if not columns:
            return LogisticRegressionClassifier._create_X(self, messages)
        return hstack([stack_rows(column) for column in columns], format="csr")

    def _create_X(self, messages: list[Message]) -> csr_matrix:  # noqa: N802 (Rasa's name)
        counts = self._counts(messages)
        if self.idf is None:  # an untrained component: Rasa's behaviour
            return counts
        if self.columns is not None:
            counts = self._kept(counts)
        return weigh(counts, self.idf)

    def _kept(self, counts: csr_matrix) -> csr_matrix:
        """The columns of `counts` the classifier learns from (`self.columns`)."""
        if self._positions is None or len(self._positions) != counts.shape[1]:
            self._positions = column_positions(self.columns, counts.shape[1])
        return keep_columns(counts, self._positions, len(self.columns))

    def _create_training_matrix(self, training_data: TrainingData) -> tuple[csr_matrix, list[str]]:
        examples = [e for e in training_data.intent_examples if self._learns_from(e)]
        return self._counts(examples), self._labels(examples)

    def _learns_from(self, example: Message) -> bool:
        """Whether the example is one to learn from: an intent's, and not a possible signal marked
        `concern` (helpline/content/recognition_sets.py: with their story intent they taught the
        classifier to lower `self_harm` on possible signals)."""
        return bool(example.get("intent") and example.get("text")) and not marked_concern(example)

    def _labels(self, examples: list[Message]) -> list[str]:
        """What the classifier learns for each training example: here its intent."""
        return [e.get("intent") for e in examples]

    def persist(self) -> None:
        """Saves the fitted weights and the idf as plain arrays.

        Why not Rasa's skops file: importing skops walks every scikit-learn module (about 7 s on this
        machine), once in every training and again whenever a server or test loads the model. The arrays
        are all a fitted logistic regression predicts with, and load without pickle."""
        if not hasattr(self.clf, "coef_"):
            return
        with self._model_storage.write_to(self._resource) as model_dir:
            np.savez(
                model_dir / WEIGHTS_FILE,
                classes=np.asarray(self.clf.classes_, dtype=str),
                coef=self.clf.coef_,
                intercept=self.clf.intercept_,
            )
            if self.idf is not None:
                np.save(model_dir / IDF_FILE, self.idf, allow_pickle=False)
            if self.columns is not None:
                np.save(model_dir / COLUMNS_FILE, self.columns, allow_pickle=False)

    @classmethod
    def load(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        **kwargs: Any,
    ) -> WeightedLogisticRegressionClassifier:
        try:
            with model_storage.read_from(resource) as model_dir:
                weights_path, idf_path = model_dir / WEIGHTS_FILE, model_dir / IDF_FILE
                if weights_path.exists():
                    component = cls(config, execution_context.node_name, model_storage, resource)
                    with np.load(weights_path, allow_pickle=False) as weights:
                        component.clf.classes_ = weights["classes"]
                        component.clf.coef_ = weights["coef"]
                        component.clf.intercept_ = weights["intercept"]
                        component.clf.n_features_in_ = component.clf.coef_.shape[1]
                else:  # a model saved by an earlier version, with Rasa's skops file
                    component = super().load(config, model_storage, resource, execution_context, **kwargs)
                component.idf = _saved_array(idf_path)
                component.columns = _saved_array(model_dir / COLUMNS_FILE)
                return component
        except ValueError:  # nothing saved: Rasa's own behaviour, an untrained component
            return super().load(config, model_storage, resource, execution_context, **kwargs)


def _saved_array(path: Path) -> np.ndarray | None:
    """An array saved beside the weights, or None where the model has none (older models, no selection)."""
    return np.load(path, allow_pickle=False) if path.exists() else None


OTHER_RISK = "other_risk"
LEXICON_DIR = Path(__file__).resolve().parent.parent / "triage"


def lexicon_version() -> str:
    """A hash of the crisis lexicon and the code that reads it. Why: OtherRiskClassifier's labels come
    from the lexicon, which Rasa does not see as a training input, so without this in the component's
    config Rasa's training cache would restore a classifier trained on an older lexicon."""
    digest = hashlib.sha256()
    code = [LEXICON_DIR / "crisis.py", LEXICON_DIR / "needles.py"]
    for path in [*code, *sorted((LEXICON_DIR / "lexicon").glob("*.yml"))]:
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


@lru_cache(maxsize=65536)  # training asks twice per example: other risk, risk net
def someone_else_at_risk(text: str) -> bool:
    """A training example asked for someone else whose words the lexicon reads as a risk signal."""
    from bot.triage.crisis import detect_crisis

    return detect_crisis(text, someone_else=True).risk != "none"


def _intent_marks(example: Message) -> dict[str, Any]:
    """The marks a training file or an opened set puts on the example's intent block (`metadata:`)."""
    metadata = example.get("metadata")
    intent_metadata = metadata.get("intent") if isinstance(metadata, dict) else None
    return intent_metadata if isinstance(intent_metadata, dict) else {}


def marked_concern(example: Message) -> bool:
    """An opened set's possible signal (`concern: true`), taken for RiskNetClassifier only."""
    return _intent_marks(example).get("concern") is True


def marked_crisis(example: Message) -> bool:
    """An opened set's clear signal (`crisis: true`): with the marked concerns, what LevelNetClassifier
    learns from."""
    return _intent_marks(example).get("crisis") is True


def marked_at_risk(example: Message) -> bool:
    """The training file marks the example's block as someone else at risk (`metadata: {risk: other}`
    on a `help_someone_else` block). Why: the lexicon cannot read wording it lacks, and that wording is
    what the classifier must learn ("my roommate keeps asking which station has no platform doors")."""
    return _intent_marks(example).get("risk") == "other"


def marked_no_risk(example: Message) -> bool:
    """An opened set's text its writer labelled without risk (`risk: none`)."""
    return _intent_marks(example).get("risk") == "none"


def marked_or_read_at_risk(example: Message) -> bool:
    """A `help_someone_else` example about someone else at risk: marked so, or read so by the lexicon
    unless its writer labelled it without risk (the lexicon reads anger or an idiom in a few of those)."""
    if example.get("intent") != "help_someone_else" or marked_no_risk(example):
        return False
    return marked_at_risk(example) or someone_else_at_risk(example.get("text"))


class _YesProbabilityClassifier(WeightedLogisticRegressionClassifier):
    """A binary classifier on the intent classifier's features that sets the probability of "yes" under
    its `output` key and leaves the intent alone. Its labels come partly from the crisis lexicon, which
    Rasa does not see as a training input, hence `lexicon_version` in its config."""

    output = ""

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        return {
            **WeightedLogisticRegressionClassifier.get_default_config(),
            "C": 3.0,
            "lexicon_version": lexicon_version(),
        }

    def process(self, messages: list[Message]) -> list[Message]:
        if self.idf is None:
            return messages
        probabilities = self.clf.predict_proba(self._create_X(messages))
        column = list(self.clf.classes_).index("yes")
        for message, row in zip(messages, probabilities, strict=True):
            message.set(self.output, float(row[column]))
        return messages


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=True)
class OtherRiskClassifier(_YesProbabilityClassifier):
    """How likely the message tells of someone else at risk: sets `other_risk` (0-1), not the intent.

    Why: a parent or friend describes the signs in their own words ("she gave her guitar away and paid
    back everyone she owed"), which the intent classifier reads as `help_someone_else` and the lexicon
    often misses. Trained on the `help_someone_else` examples whose words carry a risk signal (read by
    the lexicon in the other person's place, or marked `risk: other` in the training file) against every
    other example, it generalises from them to wording neither has seen; the annotator makes a high
    probability a concern about someone else.
    """

    output = OTHER_RISK

    def _labels(self, examples: list[Message]) -> list[str]:
        return ["yes" if marked_or_read_at_risk(e) else "no" for e in examples]


RISK_NET = "risk_net"
# Intents whose unmarked examples say nothing sure about risk: distress may be a possible signal or
# not, and a request for someone else may be about their risk or only their case.
UNSURE_RISK_INTENTS = {"express_distress", "help_someone_else"}


def marked_or_labelled_risk(example: Message) -> bool:
    """A training example that tells of a risk: `self_harm`, a possible signal (`concern`), or someone
    else at risk (marked, or a `help_someone_else` example the lexicon reads so)."""
    return example.get("intent") == "self_harm" or marked_concern(example) or marked_or_read_at_risk(example)


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=True)
class RiskNetClassifier(_YesProbabilityClassifier):
    """How likely the message carries a risk signal, clear or possible, about anyone: sets `risk_net`
    (0-1), not the intent.

    Why: a new writer's indirect wording (a pet found a new home "for good", a bank card left with a
    sister) is what the lexicon lacks, and the intent classifier, which never learns from the possible
    signals (they carry their story intent), gives it too little `self_harm` for its concern net. This
    one learns exactly the question the concern net asks, risk or none, from every opened set's crisis
    and concern texts and the training files' `self_harm` examples, against everything that carries no
    risk. An `express_distress` or `help_someone_else` example of the training files is left out: it may
    carry a risk or not. The opened sets' texts of those intents are labelled (`risk: none` when without
    risk) and are learnt: without them the net had never seen a plain request for someone else as a text
    without risk, and asked a parent about suicide first (thirty-second round, README).
    The annotator makes a high probability a concern: the assistant asks directly.
    """

    output = RISK_NET

    def _learns_from(self, example: Message) -> bool:
        if not (example.get("intent") and example.get("text")):
            return False
        return (
            marked_or_labelled_risk(example)
            or marked_no_risk(example)
            or example.get("intent") not in UNSURE_RISK_INTENTS
        )

    def _labels(self, examples: list[Message]) -> list[str]:
        return ["yes" if marked_or_labelled_risk(e) else "no" for e in examples]


LEVEL_NET = "level_net"


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=True)
class LevelNetClassifier(_YesProbabilityClassifier):
    """How likely a message at risk is a clear signal (crisis) rather than a possible one (concern):
    sets `level_net` (0-1), not the intent.

    Why (fifteenth round, README "Fifteenth round"): the intent classifier learns `self_harm` from every
    clear signal and never from a possible one, so its confidence does not tell "i wish i could sleep and
    not wake up" (ask directly) from "saved two strips of pills, tonight" (the crisis line at once): more
    than half of the opened sets' possible signals were read as a crisis, and clear signals in wording the
    lexicon lacks stayed a concern. This net learns only that question, from the opened sets' crisis texts
    against their concern texts, written and labelled by people outside the project; the annotator asks it
    only about a message something else already found at risk.
    """

    output = LEVEL_NET

    def _learns_from(self, example: Message) -> bool:
        return bool(example.get("text")) and (marked_crisis(example) or marked_concern(example))

    def _labels(self, examples: list[Message]) -> list[str]:
        return ["yes" if marked_crisis(e) else "no" for e in examples]
