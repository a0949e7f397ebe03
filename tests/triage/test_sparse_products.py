"""The training matrix that keeps its transpose and multiplies in two halves
(bot/components/sparse_products.py): the products the logistic regression takes with it, and the weights it
fits, are bit for bit those of a plain CSR matrix."""

from __future__ import annotations

import numpy as np
import pytest
from scipy.sparse import csr_matrix
from scipy.sparse import random as sparse_random
from sklearn.linear_model import LogisticRegression

from bot.components.sparse_products import TransposeCachedCSR, for_fitting


def _matrix(rows: int = 300, columns: int = 2_000, seed: int = 7) -> csr_matrix:
    return sparse_random(rows, columns, density=0.01, format="csr", random_state=seed)


def test_a_dense_matrix_times_it_is_bit_identical_to_scipys_product() -> None:
    matrix = _matrix()
    dense = np.random.default_rng(1).normal(size=(5, matrix.shape[0]))
    cached = for_fitting(matrix)
    assert np.array_equal(dense @ cached, dense @ matrix)
    assert np.array_equal(dense @ cached, dense @ matrix)  # the second product uses the kept transpose
    assert cached._transposed is not None


def test_it_shares_the_data_and_still_multiplies_as_a_csr_matrix() -> None:
    matrix = _matrix()
    cached = for_fitting(matrix)
    assert isinstance(cached, TransposeCachedCSR)
    assert np.shares_memory(cached.data, matrix.data)
    vector = np.arange(matrix.shape[1], dtype=float)
    assert np.array_equal(cached @ vector, matrix @ vector)
    assert np.array_equal((cached.T @ np.ones(matrix.shape[0])), matrix.T @ np.ones(matrix.shape[0]))


def _split_every_product(monkeypatch: pytest.MonkeyPatch) -> None:
    """Products of any size in two halves on two threads, whatever this machine's cores."""
    monkeypatch.setattr("bot.components.sparse_products.SPLIT_MIN_STORED", 1)
    monkeypatch.setattr("bot.components.sparse_products._cores", lambda: 2)


@pytest.mark.parametrize("in_halves", [False, True])
def test_a_multinomial_fit_on_it_gives_the_same_weights(
    in_halves: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    if in_halves:
        _split_every_product(monkeypatch)
    matrix = _matrix()
    labels = np.random.default_rng(3).integers(0, 4, size=matrix.shape[0])
    params = {"C": 10.0, "max_iter": 30, "class_weight": "balanced", "random_state": 42}
    plain = LogisticRegression(**params).fit(matrix, labels)
    cached = LogisticRegression(**params).fit(for_fitting(matrix), labels)
    assert np.array_equal(plain.coef_, cached.coef_)
    assert np.array_equal(plain.intercept_, cached.intercept_)


def test_its_products_in_two_halves_on_two_threads_are_bit_identical(monkeypatch: pytest.MonkeyPatch) -> None:
    _split_every_product(monkeypatch)
    matrix = _matrix(rows=301)
    cached = for_fitting(matrix)
    rng = np.random.default_rng(5)
    weights, vector = rng.normal(size=(matrix.shape[1], 4)), rng.normal(size=matrix.shape[1])
    residuals = rng.normal(size=(4, matrix.shape[0]))
    assert np.array_equal(cached @ weights, matrix @ weights)
    assert np.array_equal(cached @ vector, matrix @ vector)
    assert np.array_equal(residuals @ cached, residuals @ matrix)
    assert cached._halves is not None and cached._transposed._halves is not None


@pytest.mark.parametrize("in_halves", [False, True])
def test_a_binary_fit_on_it_gives_the_same_weights(in_halves: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    """The nets' fits take `X.T @ residuals` with a vector: on the kept row-major transpose (forty-ninth
    round), bit for bit scipy's product on its column-major view."""
    if in_halves:
        _split_every_product(monkeypatch)
    matrix = _matrix(rows=301)
    labels = np.random.default_rng(4).integers(0, 2, size=matrix.shape[0])
    params = {"C": 3.0, "max_iter": 40, "class_weight": "balanced", "random_state": 42}
    plain = LogisticRegression(**params).fit(matrix, labels)
    cached_matrix = for_fitting(matrix)
    cached = LogisticRegression(**params).fit(cached_matrix, labels)
    assert np.array_equal(plain.coef_, cached.coef_)
    assert np.array_equal(plain.intercept_, cached.intercept_)
    assert cached_matrix._transposed is not None  # the fit went through the kept transpose


def test_its_transpose_times_a_vector_is_bit_identical(monkeypatch: pytest.MonkeyPatch) -> None:
    _split_every_product(monkeypatch)
    matrix = _matrix(rows=301)
    vector = np.random.default_rng(6).normal(size=matrix.shape[0])
    cached = for_fitting(matrix)
    assert np.array_equal(cached.T @ vector, matrix.T @ vector)
    assert cached.T is cached.T  # made once
    assert (cached.T.T != matrix).nnz == 0
