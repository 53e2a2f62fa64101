"""The studentized bootstrap over days (or orders) behind :mod:`kpi.stats.comparisons`.

Each period's units (days, orders) are resampled with replacement, keeping the
period's length, and every resample is *studentized*: ``t* = (est* - est) / se*``.
The test and the interval are the *symmetric* bootstrap-t (Hall 1988): the
``1 - alpha`` quantile ``q`` of ``|t*|`` gives the interval ``est +- q se``, and
the share of ``|t*|`` at least ``|est / se|`` the two-sided p-value, so
``pvalue < alpha`` exactly when the interval leaves out zero (``q`` is taken
as the order statistic of ``|t*|`` at which the p-value crosses ``alpha``).

Why this construction: in simulations of 2,000 two-sample comparisons of 30
values with no true difference (seeded, 999 resamples), the percentile interval
rejected 6-8% of the time at ``alpha = 0.05`` (it misses the ``t`` quantiles and
the ``(n - 1) / n`` of a resampled variance) and the equal-tailed bootstrap-t
5-9% (the skewness it estimates from each sample is noise when both periods
share a shape), while the symmetric bootstrap-t rejected 4.9% of normal values
and 2.8-4.5% of skewed ones (gamma, lognormal order values), and covered a true
difference between differently skewed periods better than Welch's interval.

Everything is vectorised over a leading batch axis, so a calibration study runs
thousands of comparisons in one call; the public functions use a batch of one.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

__all__ = ["Statistic", "bootstrap_t", "mean_difference", "ratio_difference", "total_difference"]

#: ``stat(current, baseline) -> (estimate, standard_error)`` on arrays shaped
#: ``(..., units, columns)``, reducing the units axis.
Statistic = Callable[[np.ndarray, np.ndarray], tuple[np.ndarray, np.ndarray]]

# Elements resampled per chunk: bounds memory (about 100 MB of float64 and indices).
_CHUNK = 4_000_000
# A t* this large is already "infinitely" far out; clipping keeps quantiles finite.
_T_MAX = 1e6


def mean_difference(current: np.ndarray, baseline: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Difference of means and its Welch standard error (column 0 holds the values).

    Examples
    --------
    >>> est, se = mean_difference(np.array([[1.0], [3.0]]), np.array([[1.0], [1.0]]))
    >>> float(est), float(se)
    (1.0, 1.0)
    """
    xc, xb = current[..., 0], baseline[..., 0]
    se = np.sqrt(xc.var(-1, ddof=1) / xc.shape[-1] + xb.var(-1, ddof=1) / xb.shape[-1])
    return xc.mean(-1) - xb.mean(-1), se


def total_difference(scale: float = 1.0) -> Statistic:
    """Difference of period totals, ``sum(current) - scale * sum(baseline)``, and its standard error.

    ``scale`` puts the baseline on the current period's exposure (counts per day
    over months of 31 and 30 days).

    Examples
    --------
    >>> est, se = total_difference()(np.array([[1.0], [3.0]]), np.array([[1.0], [1.0]]))
    >>> float(est), float(se)
    (2.0, 2.0)
    """

    def stat(current: np.ndarray, baseline: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        xc, xb = current[..., 0], baseline[..., 0]
        var = xc.shape[-1] * xc.var(-1, ddof=1) + scale**2 * xb.shape[-1] * xb.var(-1, ddof=1)
        return xc.sum(-1) - scale * xb.sum(-1), np.sqrt(var)

    return stat


def ratio_difference(current: np.ndarray, baseline: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Difference of ratios of sums (column 0 numerators, 1 denominators) and its delta-method standard error.

    The ratio ``R = sum(num) / sum(den)`` moves with the residuals ``num - R den``:
    ``var(R) = n var(num - R den) / sum(den)**2`` (linearisation of a ratio estimator).

    Examples
    --------
    >>> days = np.array([[2.0, 1.0], [4.0, 2.0]])
    >>> est, se = ratio_difference(days, days)
    >>> float(est), float(se)
    (0.0, 0.0)
    """

    def ratio_and_var(days: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        num, den = days[..., 0], days[..., 1]
        total = den.sum(-1)
        with np.errstate(divide="ignore", invalid="ignore"):
            ratio = num.sum(-1) / total
            resid = num - ratio[..., None] * den
            return ratio, days.shape[-2] * resid.var(-1, ddof=1) / total**2

    (rc, vc), (rb, vb) = ratio_and_var(current), ratio_and_var(baseline)
    return rc - rb, np.sqrt(vc + vb)


def bootstrap_t(stat: Statistic, current: np.ndarray, baseline: np.ndarray, *, alpha: float, n_boot: int,
                rng: np.random.Generator) -> tuple[np.ndarray, ...]:
    """Symmetric studentized bootstrap (bootstrap-t) of ``stat`` for a batch of comparisons.

    Parameters
    ----------
    stat
        A :data:`Statistic`.
    current, baseline
        Arrays shaped ``(batch, units, columns)``; each row of the batch is one comparison.
    alpha
        1 - confidence level of the interval.
    n_boot
        Resamples per comparison.
    rng
        The generator the resamples are drawn from (results are reproducible for a seed).

    Returns
    -------
    tuple of arrays shaped ``(batch,)``
        ``estimate, t_observed, pvalue, low, high``.

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> cur, base = rng.normal(1, 1, (1, 40, 1)), rng.normal(0, 1, (1, 40, 1))
    >>> est, t, p, low, high = bootstrap_t(mean_difference, cur, base, alpha=0.05, n_boot=999, rng=rng)
    >>> bool(low[0] < est[0] < high[0]), bool(p[0] < 0.05) == bool(low[0] > 0)
    (True, True)
    >>> bool(np.isclose(est[0] - low[0], high[0] - est[0]))  # symmetric about the estimate
    True
    """
    est, se = stat(current, baseline)
    t_star = np.abs(np.concatenate([_t_star(stat, current, baseline, est, size, rng)
                                    for size in _chunks(n_boot, current, baseline)], axis=1))
    with np.errstate(divide="ignore", invalid="ignore"):
        t_obs = est / se
    valid = (~np.isnan(t_star)).sum(axis=1)
    beyond = (t_star >= np.abs(t_obs)[:, None]).sum(axis=1)
    # (1 + count) / (1 + B): a bootstrap p-value is never exactly 0 (Davison & Hinkley 1997, ch. 4).
    pvalue = np.minimum(1.0, (1 + beyond) / (1 + valid))
    # q is the order statistic of |t*| that this p-value crosses alpha at, so that pvalue < alpha
    # exactly when the interval leaves out zero (a plain quantile would disagree now and then).
    allowed = np.ceil(alpha * (valid + 1) - 1e-9).astype(int) - 2  # most |t*| >= |t| still significant
    rank = valid - allowed - 1
    q = np.take_along_axis(np.sort(t_star, axis=1), np.clip(rank, 0, t_star.shape[1] - 1)[:, None], axis=1)[:, 0]
    q = np.where(rank < valid, q, np.inf)
    return est, t_obs, pvalue, est - q * se, est + q * se


def _chunks(n_boot: int, current: np.ndarray, baseline: np.ndarray) -> list[int]:
    per_draw = current[..., 0].size + baseline[..., 0].size
    size = max(1, _CHUNK // max(per_draw, 1))
    return [min(size, n_boot - start) for start in range(0, n_boot, size)]


def _t_star(stat: Statistic, current: np.ndarray, baseline: np.ndarray, est: np.ndarray, size: int,
            rng: np.random.Generator) -> np.ndarray:
    est_b, se_b = stat(_resample(current, size, rng), _resample(baseline, size, rng))
    with np.errstate(divide="ignore", invalid="ignore"):
        # A resample with no spread (se* = 0) is a t* at infinity, or 0 when it also hits est.
        t = (est_b - est[:, None]) / se_b
    t[(se_b == 0) & (est_b == est[:, None])] = 0.0
    return np.clip(t, -_T_MAX, _T_MAX)


def _resample(data: np.ndarray, size: int, rng: np.random.Generator) -> np.ndarray:
    """``size`` resamples of each row's units: ``(batch, units, cols) -> (batch, size, units, cols)``."""
    batch, units = data.shape[:2]
    idx = rng.integers(0, units, size=(batch, size, units))
    return data[np.arange(batch)[:, None, None], idx]
