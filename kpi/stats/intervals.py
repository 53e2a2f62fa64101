"""Confidence intervals of :mod:`kpi.stats.comparisons` that need no resampling.

- :func:`wilson_interval` and :func:`newcombe_interval`: a proportion, and the
  difference of two (Newcombe 1998, method 10).
- :func:`mann_whitney`: the Mann-Whitney U test with the Hodges-Lehmann
  interval of the shift. The p-value is SciPy's; the interval inverts the same
  test. Between two pairwise differences ``x_i - y_j`` the statistic of
  ``x - d`` is ``U = #{x_i - y_j > d}``, so the shifts ``d`` the test does not
  reject run from the ``c``-th to the ``(n m + 1 - c)``-th smallest difference,
  ``c`` being the smallest U with ``p >= alpha`` (Moses' interval, as R's
  ``wilcox.test(conf.int = TRUE)``). The differences are counted, never
  listed, so large samples need no ``n m`` array.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np
from scipy import stats

from kpi.stats import _checks as check

__all__ = ["critical_u", "mann_whitney", "newcombe_interval", "shift_interval", "wilson_interval"]

NAN = math.nan


def wilson_interval(x: int, n: int, alpha: float = 0.05) -> tuple[float, float]:
    """Wilson score interval of the proportion ``x / n`` (SciPy's; NaN for ``n = 0``).

    Examples
    --------
    >>> [round(v, 4) for v in wilson_interval(81, 263)]  # Newcombe (1998a)
    [0.2553, 0.3662]
    """
    n = check.count(n, "n")
    x, alpha = check.count(x, "x", at_most=(n, "n")), check.alpha(alpha)
    if n == 0:
        return NAN, NAN
    ci = stats.binomtest(x, n).proportion_ci(confidence_level=1 - alpha, method="wilson")
    return float(ci.low), float(ci.high)


def newcombe_interval(x_current: int, n_current: int, x_baseline: int, n_baseline: int,
                      alpha: float = 0.05) -> tuple[float, float]:
    """Newcombe's hybrid score interval (his method 10) of ``x_current / n_current - x_baseline / n_baseline``.

    Each proportion's Wilson interval is combined by "square and add" (Newcombe
    1998, Statistics in Medicine 17:873-890); NaN when a group has no trials.

    Examples
    --------
    >>> [round(v, 4) for v in newcombe_interval(56, 70, 48, 80)]  # Newcombe (1998), Table II (a)
    [0.0524, 0.3339]
    """
    l1, u1 = wilson_interval(x_current, n_current, alpha)
    l2, u2 = wilson_interval(x_baseline, n_baseline, alpha)
    if math.isnan(l1) or math.isnan(l2):
        return NAN, NAN
    p1, p2 = x_current / n_current, x_baseline / n_baseline
    return p1 - p2 - math.hypot(p1 - l1, u2 - p2), p1 - p2 + math.hypot(u1 - p1, p2 - l2)


def mann_whitney(x: np.ndarray, y: np.ndarray, alpha: float) -> tuple[float, float, str, tuple[float, float]]:
    """Two-sided Mann-Whitney U test of ``x`` against ``y`` and the ``1 - alpha`` interval of the shift.

    Exact (no ties, a group of 8 values or fewer: SciPy's rule for ``"auto"``)
    or asymptotic with tie and continuity corrections.

    Returns
    -------
    tuple
        ``(U of x, pvalue, "exact" or "asymptotic", (low, high))``; the interval
        is unbounded when no data of these sizes could reach ``p < alpha``, and
        NaN when ties make the test disagree with its inversion (no shift fits).

    Examples
    --------
    >>> u, p, kind, (low, high) = mann_whitney(np.array([5.0, 6, 7, 9]), np.array([1.0, 2, 4]), 0.2)
    >>> u, round(p, 3), kind, (low, high)
    (12.0, 0.057, 'exact', (2.0, 7.0))
    """
    exact = min(x.size, y.size) <= 8 and np.unique(np.concatenate([x, y])).size == x.size + y.size
    kind = "exact" if exact else "asymptotic"
    res = stats.mannwhitneyu(x, y, alternative="two-sided", method=kind)
    interval = shift_interval(x, y, alpha, exact)
    if (res.pvalue < alpha) == (interval[0] <= 0 <= interval[1]):
        # Many ties (answers on a 3-point scale): the test at zero shift disagrees with its own inversion,
        # so no location shift describes the change and there is no interval to give.
        interval = (NAN, NAN)
    return float(res.statistic), float(res.pvalue), kind, interval


def shift_interval(x: np.ndarray, y: np.ndarray, alpha: float, exact: bool) -> tuple[float, float]:
    """The Hodges-Lehmann (Moses) interval: the shifts ``d`` with ``mannwhitneyu(x - d, y)`` at ``p >= alpha``.

    Examples
    --------
    >>> shift_interval(np.arange(10.0), np.arange(10.0), 0.05, exact=False)
    (-3.0, 3.0)
    """
    c, ys = critical_u(x, y, alpha, exact), np.sort(y)
    if c == 0:  # even the most extreme U is not significant: no shift is ruled out
        return -math.inf, math.inf
    return _order_statistic(x, ys, c), _order_statistic(x, ys, x.size * y.size + 1 - c)


def critical_u(x: np.ndarray, y: np.ndarray, alpha: float, exact: bool) -> int:
    """The smallest U (of at most ``n m / 2``) whose two-sided p-value, as SciPy computes it, is at least ``alpha``.

    Examples
    --------
    >>> critical_u(np.zeros(8), np.ones(8), 0.05, exact=True)  # R: qwilcox(0.025, 8, 8)
    14
    """
    n, m = x.size, y.size
    if exact and math.comb(n + m, n) < 2**53:  # the counts stay exact integers in float64
        # The null distribution of U: the Gaussian binomial prod_k (1 - q^(m+k)) / (1 - q^k), k = 1..n.
        counts = np.zeros(n * m + 1)
        counts[0] = 1.0
        for k in range(1, n + 1):
            counts[m + k:] -= counts[:counts.size - m - k].copy()
            padded = np.concatenate([counts, np.zeros(-counts.size % k)])
            counts = padded.reshape(-1, k).cumsum(axis=0).ravel()[:n * m + 1]  # dividing by 1 - q^k
        pvalues = np.minimum(1.0, 2 * np.cumsum(counts) / counts.sum())  # p(u) = 2 P(U <= u)
        return int(np.argmax(pvalues >= alpha))
    # Normal approximation with continuity correction; ties within a group survive any shift.
    ties = sum(float((t**3 - t).sum()) for t in (np.unique(v, return_counts=True)[1] for v in (x, y)))
    total = n + m
    sigma = math.sqrt(n * m / 12 * ((total + 1) - ties / (total * (total - 1))))
    return max(0, math.ceil(n * m / 2 - 0.5 - stats.norm.isf(alpha / 2) * sigma - 1e-9))


def _order_statistic(x: np.ndarray, ys: np.ndarray, k: int) -> float:
    """The ``k``-th smallest pairwise difference ``x_i - y_j``, found by counting."""

    def at_least_k(d: np.ndarray) -> np.ndarray:  # #{x_i - y_j <= d} >= k
        return (ys.size - np.searchsorted(ys, x - d[:, None], "left")).sum(axis=-1) >= k

    found = _crossing(at_least_k, x.min() - ys[-1] - 1.0, x.max() - ys[0] + 1.0)
    # Snap to the nearest pairwise difference: the exact value the search converged on.
    pos = np.clip(np.searchsorted(ys, x - found), 1, max(ys.size - 1, 1))
    candidates = np.concatenate([x - ys[pos], x - ys[pos - 1]]) if ys.size > 1 else x - ys[0]
    return float(candidates[np.argmin(np.abs(candidates - found))])


def _crossing(predicate: Callable[[np.ndarray], np.ndarray], false_at: float, true_at: float) -> float:
    """Where a monotone, vectorised ``predicate`` turns true between ``false_at`` and ``true_at``.

    Twelve rounds of a 17-point grid narrow the bracket 16**12 (3e14) times.
    """
    for _ in range(12):
        points = np.linspace(false_at, true_at, 17)
        k = max(int(np.argmax(predicate(points))), 1)
        false_at, true_at = points[k - 1], points[k]
    return float((false_at + true_at) / 2)
