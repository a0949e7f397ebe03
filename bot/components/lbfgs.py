"""Limited-memory BFGS without bounds, for the classifiers' logistic-regression fits.

Why: scikit-learn fits its multinomial logistic regression with SciPy's L-BFGS-B, whose Fortran code also
handles bounds the fit never has. On the intent classifier's 2.3 million weights that bookkeeping (the
generalized Cauchy point and the subspace minimization over the compact limited-memory matrices) took more
time than the loss and its gradient: 36 of a 66 s fit on this 2-core machine. Without bounds the search
direction is the quasi-Newton one, which the classic two-loop recursion gives in a few dot products per
stored pair. Everything else is L-BFGS-B's: ten pairs, the same scaling of the first matrix, the same
Moré-Thuente line search (MINPACK's dcsrch, with L-BFGS-B's tolerances and first step), the same rules for
skipping a pair and for stopping (projected gradient, relative reduction, iteration limit). In exact
arithmetic the steps are L-BFGS-B's; in floating point the weights agree closely
(tests/triage/test_lbfgs.py).

`minimize` takes SciPy's arguments as scikit-learn passes them (`method="L-BFGS-B"`, `jac=True`, `args`,
`options` with `gtol` and `maxiter`), and `sklearn_fit_with_lbfgs` puts it in place of SciPy's for one fit.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import numpy as np
import scipy.optimize
from scipy.linalg.blas import get_blas_funcs
from scipy.optimize import OptimizeResult
from scipy.optimize import _minpack2 as minpack2
from sklearn.linear_model import _logistic
from threadpoolctl import threadpool_limits

MEMORY = 10  # pairs kept (L-BFGS-B's maxcor default)
# L-BFGS-B's line search (lnsrlb): sufficient decrease, curvature and step tolerances, at most 20 evaluations
LINE_FTOL, LINE_GTOL, LINE_XTOL, LINE_EVALUATIONS = 1e-3, 0.9, 0.1, 20
STEP_MAX = 1e10
DEFAULT_FTOL = 2.220446049250313e-09  # SciPy's default for L-BFGS-B (factr 1e7)
EPS = np.finfo(float).eps

LossAndGradient = Callable[..., tuple[float, np.ndarray]]


def minimize(
    fun: LossAndGradient,
    x0: np.ndarray,
    args: tuple[Any, ...] = (),
    method: str = "L-BFGS-B",
    jac: bool = True,
    options: dict[str, Any] | None = None,
    **_: Any,
) -> OptimizeResult:
    """Minimise `fun` (returning the value and the gradient) from `x0`; SciPy's result fields."""
    if method.upper() != "L-BFGS-B" or jac is not True:
        raise ValueError("only L-BFGS-B with the gradient returned by the function")
    options = options or {}
    max_iter = int(options.get("maxiter", 15000))
    gtol = float(options.get("gtol", 1e-5))
    ftol = float(options.get("ftol", DEFAULT_FTOL))
    x = np.array(x0, dtype=float, copy=True)
    f, g = fun(x, *args)
    evaluations = 1
    pairs: deque[tuple[np.ndarray, np.ndarray, float]] = deque(maxlen=MEMORY)
    if np.max(np.abs(g)) <= gtol:
        return _result(x, f, g, 0, evaluations, 0, "CONVERGENCE: NORM_OF_PROJECTED_GRADIENT_<=_PGTOL")
    for iteration in range(max_iter):
        direction = -_inverse_hessian_times(g, pairs)
        slope = float(direction @ g)
        if slope >= 0:  # not a descent direction: forget the pairs, as L-BFGS-B does
            pairs.clear()
            direction, slope = -g, -float(g @ g)
        first = min(1.0 / np.linalg.norm(direction), STEP_MAX) if iteration == 0 else 1.0
        found = _line_search(fun, args, x, f, g, direction, slope, first)
        evaluations += found.evaluations
        if found.step is None:
            return _result(x, f, g, 2, evaluations, iteration, "ABNORMAL_TERMINATION_IN_LNSRCH")
        step = found.step * direction
        change = found.gradient - g
        curvature = float(step @ change)
        if curvature > EPS * float(change @ change):
            pairs.append((step, change, 1.0 / curvature))
        previous = f
        x, f, g = x + step, found.value, found.gradient
        done = iteration + 1
        if np.max(np.abs(g)) <= gtol:
            return _result(x, f, g, 0, evaluations, done, "CONVERGENCE: NORM_OF_PROJECTED_GRADIENT_<=_PGTOL")
        if previous - f <= ftol * max(abs(previous), abs(f), 1.0):
            return _result(x, f, g, 0, evaluations, done, "CONVERGENCE: REL_REDUCTION_OF_F_<=_FACTR*EPSMCH")
    return _result(x, f, g, 1, evaluations, max_iter, "STOP: TOTAL NO. of ITERATIONS REACHED LIMIT")


def _inverse_hessian_times(g: np.ndarray, pairs: deque[tuple[np.ndarray, np.ndarray, float]]) -> np.ndarray:
    """The two-loop recursion: the limited-memory inverse Hessian times `g`, scaled as L-BFGS-B's first
    matrix (the last pair's s'y / y'y).

    In BLAS's dot and in-place axpy (why: on the intent classifier's 4 million weights NumPy's
    `q -= alpha * y` makes a temporary of every product, and the recursion took 0.3 s an iteration, more than
    the loss and its gradient; BLAS's takes half that, each entry computed as before)."""
    q = g.copy()
    dot, axpy, scal = get_blas_funcs(("dot", "axpy", "scal"), (q,))
    alphas = []
    for s, y, rho in reversed(pairs):
        alpha = rho * float(dot(s, q))
        q = axpy(y, q, a=-alpha)
        alphas.append(alpha)
    if pairs:
        s, y, rho = pairs[-1]
        q = scal(1.0 / (rho * float(dot(y, y))), q)
    for (s, y, rho), alpha in zip(pairs, reversed(alphas), strict=True):
        beta = rho * float(dot(y, q))
        q = axpy(s, q, a=alpha - beta)
    return q


class _Found:
    """A line search's outcome: the step (None when it failed) and the value and gradient there."""

    def __init__(self, step: float | None, value: float, gradient: np.ndarray, evaluations: int) -> None:
        self.step, self.value, self.gradient, self.evaluations = step, value, gradient, evaluations


def _line_search(
    fun: LossAndGradient,
    args: tuple[Any, ...],
    x: np.ndarray,
    f: float,
    g: np.ndarray,
    direction: np.ndarray,
    slope: float,
    step: float,
) -> _Found:
    """MINPACK's dcsrch along `direction`, as L-BFGS-B's lnsrlb calls it."""
    isave = np.zeros((2,), np.intc)
    dsave = np.zeros((13,), float)
    task = b"START"
    value, derivative, gradient = f, slope, g
    for evaluation in range(LINE_EVALUATIONS + 1):
        step, value, derivative, task = minpack2.dcsrch(
            step, value, derivative, LINE_FTOL, LINE_GTOL, LINE_XTOL, task, 0.0, STEP_MAX, isave, dsave
        )
        if task[:2] != b"FG":
            break
        if evaluation == LINE_EVALUATIONS:
            return _Found(None, f, g, evaluation)
        value, gradient = fun(x + step * direction, *args)
        derivative = float(gradient @ direction)
    if task[:4] not in (b"CONV", b"WARN"):  # an error: no step (L-BFGS-B accepts a warning's step)
        return _Found(None, f, g, evaluation)
    return _Found(step, value, gradient, evaluation)


def _result(
    x: np.ndarray, f: float, g: np.ndarray, status: int, evaluations: int, iterations: int, message: str
) -> OptimizeResult:
    return OptimizeResult(
        x=x,
        fun=f,
        jac=g,
        status=status,
        success=status == 0,
        message=message,
        nfev=evaluations,
        njev=evaluations,
        nit=iterations,
    )


class _OptimizeWithLbfgs:
    """SciPy's `optimize` as scikit-learn's logistic module sees it, with `minimize` replaced."""

    def __getattr__(self, name: str) -> Any:
        return minimize if name == "minimize" else getattr(scipy.optimize, name)


@contextmanager
def sklearn_fit_with_lbfgs() -> Iterator[None]:
    """scikit-learn's lbfgs logistic-regression fits use `minimize` inside the block (one thread), with BLAS
    on one thread.

    Why one BLAS thread: the fit's second core multiplies the bottom half of each sparse product
    (sparse_products.py); OpenBLAS's own threads, spinning between its short vector operations, took that core
    from it (17 s of system time in a 61 s fit of the intent classifier, 52 s with BLAS on one thread)."""
    original = _logistic.optimize
    _logistic.optimize = _OptimizeWithLbfgs()
    try:
        with threadpool_limits(limits=1, user_api="blas"):
            yield
    finally:
        _logistic.optimize = original
