"""A training matrix for scikit-learn's logistic regression that keeps a row-major copy of its transpose and
multiplies in two halves at once.

Why: the lbfgs fit evaluates the loss and its gradient some 130 times in a training, and each evaluation takes
the products `X @ weights` and `residuals.T @ X`: on the intent classifier's 31,000 x 170,000 matrix they are
nearly all of its fit. scipy computes a dense-times-sparse product by walking X's transpose as a column-major
view, about four times slower than the same product on a row-major copy of the transpose made once (0.26 s
against 0.07 s a product). And scipy multiplies on one core while the training machine has two (CI's too):
each product is split into the rows of its top half and of its bottom half, the bottom half multiplied on a
second thread (scipy's sparse kernels let go of the interpreter lock), about 1.6 times faster. Each entry of
a result adds the same terms in the same order either way, so the fitted weights are bit-identical
(tests/triage/test_sparse_products.py).
"""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor
from functools import lru_cache
from typing import Any

import numpy as np
from scipy.sparse import csr_matrix

# Below this many stored entries a product is too quick for a second thread to pay.
SPLIT_MIN_STORED = 500_000


def _cores() -> int:
    """The cores this process may run on (the container's share, not the host's count)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


@lru_cache(maxsize=1)
def _second_thread() -> ThreadPoolExecutor:
    return ThreadPoolExecutor(max_workers=1, thread_name_prefix="sparse-products")


class _RowHalves:
    """A CSR matrix cut into its top and bottom rows, multiplied with a dense matrix or vector at once."""

    def __init__(self, matrix: csr_matrix) -> None:
        middle = matrix.shape[0] // 2
        self.top = matrix[:middle]
        self.bottom = matrix[middle:]

    def times(self, dense: np.ndarray) -> np.ndarray:
        bottom = _second_thread().submit(self.bottom.__matmul__, dense)
        return np.concatenate([self.top @ dense, bottom.result()])


def _splits(matrix: csr_matrix) -> bool:
    return matrix.nnz >= SPLIT_MIN_STORED and matrix.shape[0] >= 2 and _cores() >= 2


class TransposeCachedCSR(csr_matrix):
    """A CSR matrix whose product with a dense matrix on its left uses its transpose, made once as CSR, and
    whose large products are taken in two halves on two threads."""

    _halves: _RowHalves | None = None
    _transposed: TransposeCachedCSR | None = None

    def transpose(self, axes: Any = None, copy: bool = False) -> Any:
        """The transpose as a row-major copy, made once and itself multiplied in two halves: the one both
        kinds of fit multiply by.

        Why (forty-ninth round): the binary fits (the three nets) take their gradient as `X.T @ residuals`
        with a vector; scipy's transpose is a column-major view, walked on one core, 7 s of the nets' 20 s.
        Each entry of the product adds the same terms in the same order on the row-major copy, so the
        weights are bit-identical (tests/triage/test_sparse_products.py)."""
        if axes is not None or copy:
            return super().transpose(axes=axes, copy=copy)
        if self._transposed is None:
            self._transposed = TransposeCachedCSR(csr_matrix(self).T.tocsr(), copy=False)
        return self._transposed

    def __matmul__(self, other: Any) -> Any:
        if isinstance(other, np.ndarray) and other.ndim in (1, 2) and _splits(self):
            if self._halves is None:
                self._halves = _RowHalves(csr_matrix(self))
            return self._halves.times(other)
        return super().__matmul__(other)

    def __rmatmul__(self, other: Any) -> Any:
        if isinstance(other, np.ndarray) and other.ndim == 2:
            return (self.T @ other.T).T  # the multinomial fit's `residuals @ X`, on the kept transpose
        return super().__rmatmul__(other)


def for_fitting(matrix: csr_matrix) -> TransposeCachedCSR:
    """`matrix` (CSR) as the logistic regression's training matrix; its data is shared, not copied."""
    return TransposeCachedCSR(matrix, copy=False)
