"""What Rasa's training cache hashes, made faster (bot/components/featurizer.py, tokenizer.py): a count
matrix's hash changes with any entry, its place or its kind and never from run to run; a token's
remembered hash is Rasa's own and follows any change to what it covers."""

from __future__ import annotations

import numpy as np
from rasa.nlu.tokenizers.tokenizer import Token
from scipy.sparse import coo_matrix

from bot.components.featurizer import CountFeatures
from bot.components.tokenizer import HelplineToken


def _features(
    entries: list[tuple[int, int, int]], kind: str = "sentence", attribute: str = "text"
) -> CountFeatures:
    rows, cols, counts = zip(*entries, strict=True)
    matrix = coo_matrix((np.array(counts, dtype=np.int64), (rows, cols)), shape=(2, 5))
    return CountFeatures(matrix, kind, attribute, "featurizer")


def test_a_count_matrix_hash_is_stable_and_follows_every_entry() -> None:
    base = [(0, 1, 2), (1, 3, 1)]
    assert _features(base).fingerprint() == _features(base).fingerprint()
    assert (
        len(
            {
                _features(base).fingerprint(),
                _features([(0, 1, 3), (1, 3, 1)]).fingerprint(),  # a count
                _features([(0, 2, 2), (1, 3, 1)]).fingerprint(),  # a column
                _features([(1, 1, 2), (1, 3, 1)]).fingerprint(),  # a row
                _features(base, kind="sequence").fingerprint(),
                _features(base, attribute="intent").fingerprint(),
            }
        )
        == 6
    )


def test_a_token_remembers_rasas_own_hash_and_recomputes_it_after_a_change() -> None:
    token = HelplineToken("死", 3, 4)
    assert token.fingerprint() == Token("死", 3, 4).fingerprint()
    token.text = "生"  # the lemma stays "死"
    assert (
        token.fingerprint() == Token("生", 3, 4, lemma="死").fingerprint() != Token("死", 3, 4).fingerprint()
    )
    token.set("pos", "NOUN")  # token data, which the memo does not cover: Rasa's hash each time
    assert token.fingerprint() == Token("生", 3, 4, data={"pos": "NOUN"}, lemma="死").fingerprint()
    token.set("pos", "VERB")
    assert token.fingerprint() == Token("生", 3, 4, data={"pos": "VERB"}, lemma="死").fingerprint()
