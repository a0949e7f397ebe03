"""Rasa's `CountVectorsFeaturizer`, featurizing all messages of a call at once.

Why: Rasa's own `process` calls scikit-learn's `transform` twice for every message and attribute (once
for the tokens, once for the sentence), mostly the fixed cost of each call; with the hashing below, each
featurizer's pass over ~11,500 training examples took 13-16 s of every training run on this 2-core
machine, and takes 5 s now.
`transform` treats each document on its own, so one call over all tokens and one over all sentences,
then sliced into each message's rows, gives the very same features (tests/triage/test_featurizer.py
compares them), in the same order on each message. Training, vocabularies and persistence are Rasa's.

Forty-fourth round: with `sentence_features_only: true` (bot/config.yml) it gives each message only the text's
sentence features, the one row the classifiers read (bot/components/intent_classifier.py). Rasa's per-token
sequence features and its features of the intent labels are for DIET and end-to-end policies, which this
pipeline does not have; leaving them out spares a transform of every token of every example and a small
matrix per message and attribute, each featurizer's pass over the training data and every parse.

Fiftieth round: the training texts' sentence rows are counted once. Rasa fits each vectorizer on every
training text, which counts them all and throws the counts away, then its `process_training_data` counts the
same texts again with the fitted vocabulary (`transform`), in another instance loaded from the model storage.
The fit now keeps what it counted (`fit_transform`, the same counts `transform` gives for the same texts and
vocabulary), under its vocabulary's digest, and the first `process` with that vocabulary whose texts are all
among them takes their rows instead of counting again (`CountedTexts`); any other call counts as before.

The features also hash faster: Rasa's training cache fingerprints all the training data after every
component, and Rasa hashes a sparse matrix by printing each of its entries as text (2.5-5 s a time).
`CountFeatures` hashes the matrix's arrays as bytes instead.
"""

from __future__ import annotations

import hashlib
from typing import Any, ClassVar

import numpy as np
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.nlu.constants import DENSE_FEATURIZABLE_ATTRIBUTES
from rasa.nlu.featurizers.sparse_featurizer.count_vectors_featurizer import CountVectorsFeaturizer
from rasa.shared.nlu.constants import FEATURE_TYPE_SENTENCE, FEATURE_TYPE_SEQUENCE, TEXT
from rasa.shared.nlu.training_data.features import Features
from rasa.shared.nlu.training_data.message import Message
from scipy.sparse import coo_matrix, csr_matrix


class CountFeatures(Features):
    """Rasa's `Features` for a sparse count matrix, hashed from the matrix's arrays.

    The fingerprint covers what Rasa's covers (type, origin, attribute and every entry), plus the
    shape and dtypes; it is stable from run to run, so Rasa's training cache works as before."""

    def fingerprint(self) -> str:
        if self._cached_fingerprint is None:
            matrix = self.features.tocoo()
            digest = hashlib.md5(usedforsecurity=False)
            for part in (self.type, str(self.origin), self.attribute, str(matrix.shape)):
                digest.update(part.encode())
                digest.update(b"\0")
            for array in (matrix.row, matrix.col, matrix.data):
                digest.update(array.dtype.str.encode())
                digest.update(np.ascontiguousarray(array).tobytes())
            self._cached_fingerprint = digest.hexdigest()
        return self._cached_fingerprint


def vocabulary_digest(vectorizer: Any) -> str:
    """A digest of a fitted vocabulary (terms and their columns), the same for the fitted vectorizer and the
    one loaded from the model storage; made once per vectorizer (some 170,000 terms)."""
    vocabulary = vectorizer.vocabulary_
    made = getattr(vectorizer, "_helpline_digest", None)
    if made is not None and made[0] is vocabulary:
        return made[1]
    digest = hashlib.md5(usedforsecurity=False)
    for term, column in sorted(vocabulary.items()):
        digest.update(f"{term}\0{int(column)}\1".encode())
    vectorizer._helpline_digest = (vocabulary, digest.hexdigest())
    return vectorizer._helpline_digest[1]


class CountedTexts:
    """The counts a vectorizer's fit made of the training texts, kept for the `process` that would count
    them again. One set per vocabulary (each featurizer's), given out once: then it is dropped, and its
    memory with it."""

    _kept: ClassVar[dict[str, tuple[dict[str, int], csr_matrix]]] = {}

    @classmethod
    def keep(cls, vectorizer: Any, texts: list[str], counts: csr_matrix) -> None:
        counts.sort_indices()  # as `transform` gives them (the fit's are remapped to sorted columns)
        rows = {text: row for row, text in enumerate(texts)}
        cls._kept[vocabulary_digest(vectorizer)] = (rows, counts)

    @classmethod
    def take(cls, vectorizer: Any, texts: list[str]) -> csr_matrix | None:
        """The rows of `texts` if all were counted with this vocabulary (and the counts are dropped)."""
        if not cls._kept:
            return None
        digest = vocabulary_digest(vectorizer)
        kept = cls._kept.get(digest)
        if kept is None:
            return None
        rows, counts = kept
        wanted = [rows.get(text) for text in texts]
        if any(row is None for row in wanted):
            return None
        del cls._kept[digest]
        return counts[np.asarray(wanted, dtype=np.int64)]


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER, is_trainable=True)
class BatchedCountVectorsFeaturizer(CountVectorsFeaturizer):
    """Count vectors for every attribute of every message, one `transform` per attribute and type."""

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        return {**CountVectorsFeaturizer.get_default_config(), "sentence_features_only": False}

    def _fit_vectorizer_from_scratch(self, attribute: str, attribute_texts: list[str]) -> None:
        """Rasa's fit, keeping the text's counts for the `process` that follows (`CountedTexts`)."""
        if attribute != TEXT:
            super()._fit_vectorizer_from_scratch(attribute, attribute_texts)
            return
        vectorizer = self.vectorizers[attribute]
        try:
            counts = vectorizer.fit_transform(attribute_texts)
        except ValueError:
            super()._fit_vectorizer_from_scratch(attribute, attribute_texts)  # Rasa's warning, untrained
            return
        CountedTexts.keep(vectorizer, attribute_texts, counts)

    def process(self, messages: list[Message]) -> list[Message]:
        """Sets each message's sequence and sentence features, as Rasa's `process` would (only the text's
        sentence features with `sentence_features_only`)."""
        if not self.vectorizers:
            return super().process(messages)  # Rasa logs that it is untrained and adds nothing
        sentence_only = bool(self._config.get("sentence_features_only"))
        for attribute in [TEXT] if sentence_only else self._attributes:
            if self.vectorizers.get(attribute):
                self._featurize_attribute(attribute, messages, sequences_too=not sentence_only)
        return messages

    def add_features_to_message(self, sequence: Any, sentence: Any, attribute: str, message: Message) -> None:
        """As Rasa's, with features that hash fast (`CountFeatures`)."""
        for kind, matrix in ((FEATURE_TYPE_SEQUENCE, sequence), (FEATURE_TYPE_SENTENCE, sentence)):
            if matrix is not None:
                message.add_features(CountFeatures(matrix, kind, attribute, self._identifier))

    def _featurize_attribute(
        self, attribute: str, messages: list[Message], sequences_too: bool = True
    ) -> None:
        tokenized = [
            (message, tokens)
            for message in messages
            if (tokens := self._get_processed_message_tokens_by_attribute(message, attribute))
        ]
        if not tokenized:
            return
        vectorizer = self.vectorizers[attribute]
        sequences: csr_matrix | None = None
        if sequences_too:
            sequences = vectorizer.transform([token for _, tokens in tokenized for token in tokens])
        sentences: csr_matrix | None = None
        if attribute in DENSE_FEATURIZABLE_ATTRIBUTES:
            texts = [" ".join(tokens) for _, tokens in tokenized]
            counted = CountedTexts.take(vectorizer, texts) if attribute == TEXT else None
            sentences = counted if counted is not None else vectorizer.transform(texts)
        start = 0
        for row, (message, tokens) in enumerate(tokenized):
            sequence = None if sequences is None else _rows(sequences, start, start + len(tokens))
            start += len(tokens)
            sentence = None if sentences is None else _rows(sentences, row, row + 1)
            self.add_features_to_message(sequence, sentence, attribute, message)


def _rows(matrix: csr_matrix, start: int, stop: int) -> coo_matrix:
    """Rows start..stop of a CSR matrix with sorted indices (as `transform` returns it), as the COO
    matrix Rasa stores per message. Built from the CSR arrays directly: slicing the matrix row by row
    cost more than the transform itself."""
    low, high = matrix.indptr[start], matrix.indptr[stop]
    per_row = np.diff(matrix.indptr[start : stop + 1])
    rows = np.repeat(np.arange(stop - start, dtype=matrix.indices.dtype), per_row)
    return coo_matrix(
        (matrix.data[low:high], (rows, matrix.indices[low:high])),
        shape=(stop - start, matrix.shape[1]),
        copy=True,
    )
