"""The classifiers' L-BFGS (bot/components/lbfgs.py) takes L-BFGS-B's steps: the same fit as SciPy's."""

from __future__ import annotations

import numpy as np
import pytest
from scipy.sparse import random as sparse_random
from sklearn.linear_model import LogisticRegression, _logistic
from threadpoolctl import threadpool_info

from bot.components.lbfgs import minimize, sklearn_fit_with_lbfgs


def _texts_like(seed: int = 7) -> tuple[object, np.ndarray]:
    """Sparse, unit-length rows and four unbalanced classes, as the intent features are."""
    rng = np.random.default_rng(seed)
    features = sparse_random(400, 120, density=0.05, format="csr", random_state=seed)
    weights = rng.normal(size=(120, 4))
    labels = np.asarray((features @ weights).argmax(axis=1)).ravel()
    labels[:40] = 3  # one class much larger than the rest
    return features, labels


def _classifier(max_iter: int) -> LogisticRegression:
    return LogisticRegression(C=10.0, solver="lbfgs", max_iter=max_iter, class_weight="balanced", tol=1e-4)


@pytest.mark.filterwarnings("ignore::sklearn.exceptions.ConvergenceWarning")
@pytest.mark.parametrize("max_iter", [15, 200])
def test_the_fit_matches_scipys_stopped_early_or_run_to_convergence(max_iter: int) -> None:
    features, labels = _texts_like()
    theirs = _classifier(max_iter).fit(features, labels)
    with sklearn_fit_with_lbfgs():
        ours = _classifier(max_iter).fit(features, labels)
    difference = np.linalg.norm(ours.coef_ - theirs.coef_) / np.linalg.norm(theirs.coef_)
    assert difference < 1e-3
    assert np.allclose(ours.intercept_, theirs.intercept_, atol=1e-2)
    assert (ours.predict(features) == theirs.predict(features)).mean() > 0.99
    assert ours.n_iter_[0] <= max_iter


def test_a_binary_fit_matches_too() -> None:
    features, labels = _texts_like(seed=11)
    binary = labels == 3
    theirs = _classifier(300).fit(features, binary)
    with sklearn_fit_with_lbfgs():
        ours = _classifier(300).fit(features, binary)
    assert np.allclose(ours.predict_proba(features), theirs.predict_proba(features), atol=1e-3)


def test_a_quadratic_reaches_its_minimum_and_says_so() -> None:
    scale = np.array([1.0, 10.0, 100.0])
    target = np.array([3.0, -2.0, 0.5])

    def loss(x: np.ndarray) -> tuple[float, np.ndarray]:
        return float(0.5 * scale @ (x - target) ** 2), scale * (x - target)

    result = minimize(loss, np.zeros(3), options={"gtol": 1e-8, "maxiter": 100})
    assert result.status == 0 and result.success
    assert np.allclose(result.x, target, atol=1e-6)


def test_the_iteration_limit_stops_it_with_scipys_status() -> None:
    def rosenbrock(x: np.ndarray) -> tuple[float, np.ndarray]:
        a, b = x
        value = (1 - a) ** 2 + 100 * (b - a * a) ** 2
        gradient = np.array([-2 * (1 - a) - 400 * a * (b - a * a), 200 * (b - a * a)])
        return float(value), gradient

    result = minimize(rosenbrock, np.array([-1.2, 1.0]), options={"maxiter": 3})
    assert result.status == 1 and result.nit == 3
    assert result.fun < rosenbrock(np.array([-1.2, 1.0]))[0]


def test_only_the_gradient_form_of_l_bfgs_b_is_taken() -> None:
    with pytest.raises(ValueError):
        minimize(lambda x: (0.0, x), np.zeros(2), method="BFGS")


def test_scipy_is_back_after_the_fit_even_when_it_fails() -> None:
    original = _logistic.optimize
    with pytest.raises(RuntimeError), sklearn_fit_with_lbfgs():
        assert _logistic.optimize is not original
        raise RuntimeError("fit failed")
    assert _logistic.optimize is original


def test_blas_runs_on_one_thread_inside_the_fit_and_as_before_after_it() -> None:
    before = [(pool["user_api"], pool["num_threads"]) for pool in threadpool_info()]
    assert any(api == "blas" for api, _ in before)  # NumPy's and SciPy's OpenBLAS
    with sklearn_fit_with_lbfgs():
        assert all(pool["num_threads"] == 1 for pool in threadpool_info() if pool["user_api"] == "blas")
    assert [(pool["user_api"], pool["num_threads"]) for pool in threadpool_info()] == before
