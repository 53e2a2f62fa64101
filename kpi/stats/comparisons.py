"""Is the difference between two periods (or two segments) of a KPI real?

One function per kind of KPI, each returning a :class:`Comparison`:

- :func:`compare_proportions` (successes of trials): pooled z-test, Newcombe interval;
- :func:`compare_means` (one value per order or answer): Welch, Mann-Whitney or bootstrap-t;
- :func:`compare_counts` (events over exposures): exact conditional Poisson test,
  or the bootstrap-t over days when the days are overdispersed;
- :func:`compare_totals` and :func:`compare_ratios` (daily values): bootstrap-t over days.

The bootstrap is the symmetric bootstrap-t (:mod:`kpi.stats.bootstrap` says
why), so its p-value and interval agree; :mod:`kpi.stats.intervals` holds the
Wilson, Newcombe and Hodges-Lehmann intervals. :func:`adjust_pvalues` turns the
p-values of many segments into Benjamini-Hochberg q-values."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np
from scipy import stats

from kpi.errors import QueryError
from kpi.formats import format_value
from kpi.i18n import message
from kpi.stats import _checks as check
from kpi.stats import bootstrap
from kpi.stats._text import format_p, number, warn_degenerate
from kpi.stats.intervals import mann_whitney, newcombe_interval, wilson_interval

__all__ = ["Comparison", "adjust_pvalues", "compare_counts", "compare_means", "compare_proportions",
           "compare_ratios", "compare_totals", "newcombe_interval", "wilson_interval"]

NAN = math.nan
#: ``compare_means(method="auto")`` uses Mann-Whitney below this many values in a group.
SMALL_SAMPLE = 10
#: ... and the bootstrap-t when a group's skewness exceeds this (up to :data:`MAX_BOOTSTRAP` values a group).
SKEWED = 1.0
MAX_BOOTSTRAP = 5000
#: Daily counts are "clearly" overdispersed below this index-of-dispersion p-value.
OVERDISPERSED = 0.01


@dataclass(frozen=True)
class Comparison:
    """The difference between a current and a baseline period (or segment) of a KPI, and whether it is real.

    ``difference`` is ``current - baseline`` and ``interval`` its ``1 - alpha``
    confidence interval; for counts over unequal exposures both compare rates
    (the baseline rescaled to the current exposure). ``direction`` is ``"no
    change"`` whenever ``pvalue >= alpha``.

    Examples
    --------
    >>> res = compare_counts(1250, 1204)
    >>> res.direction, res.difference, res.significant
    ('no change', 46.0, False)
    >>> res.summary("en", label="Orders")
    'Orders rose from 1,204 to 1,250, within normal variation (p = 0.36).'
    >>> res.summary("id", label="Pesanan")
    'Pesanan naik dari 1.204 ke 1.250, masih dalam variasi wajar (p = 0,36).'
    """

    kind: str
    current: float
    baseline: float
    difference: float
    relative: float
    interval: tuple[float, float]
    statistic: float
    pvalue: float
    method: str
    direction: str
    n: tuple[int, int]
    alpha: float

    @property
    def significant(self) -> bool:
        """Whether ``pvalue < alpha`` (never for a missing p-value)."""
        return bool(self.pvalue < self.alpha)

    def summary(self, lang: str = "id", label: str | None = None, unit: str | None = None) -> str:
        """One plain sentence in ``lang`` (``"id"`` or ``"en"``), numbers in ``unit`` (see :mod:`kpi.formats`).

        ``unit`` defaults to ``"percent"`` for proportions and ``"number"``
        otherwise; percent differences read in points.

        Examples
        --------
        >>> compare_proportions(980, 10000, 1210, 10000).summary("id", "Konversi")
        'Konversi turun dari 12,1% ke 9,8%; perbedaannya signifikan (p < 0,001, IK 95% selisih -3,2 sampai -1,4 poin).'
        """
        unit = unit or ("percent" if self.kind == "proportion" else "number")

        def show(value: float) -> str:
            return format_value(value, unit, lang)

        start = show(self.baseline)
        comparable = self.current - self.difference
        if not math.isclose(comparable, self.baseline, rel_tol=1e-9, abs_tol=1e-12) and math.isfinite(comparable):
            start = message("compare_rescaled", lang, adjusted=show(comparable), raw=start)
        params: dict[str, Any] = {"label": label or message("compare_label", lang), "baseline": start,
                                  "current": show(self.current), "p": format_p(self.pvalue, lang)}
        params["verb"] = message("compare_rose" if self.difference > 0 else "compare_fell", lang)
        if math.isnan(self.pvalue):
            return message("compare_untestable", lang, **params)
        if self.difference == 0:
            return message("compare_same", lang, **params)
        if not self.significant:
            return message("compare_not_significant", lang, **params)
        if math.isnan(self.interval[0]):
            return message("compare_significant_no_interval", lang, **params)
        level = round(100 * (1 - self.alpha), 6)
        low, high = self.interval
        if unit == "percent":  # a difference of rates reads in percentage points
            low, high = number(100 * low, lang), message("compare_points", lang, value=number(100 * high, lang))
        else:
            low, high = format_value(low, unit, lang), format_value(high, unit, lang)
        return message("compare_significant", lang, level=number(level, lang, 0 if level.is_integer() else 1),
                       low=low, high=high, **params)


# --- proportions -------------------------------------------------------------


def compare_proportions(x_current: int, n_current: int, x_baseline: int, n_baseline: int, *,
                        alpha: float = 0.05) -> Comparison:
    """Compare two proportions (conversion, retention, CTR...): ``x`` successes out of ``n`` trials each.

    The pooled two-proportion z-test (the p-value of Pearson's chi-square
    without continuity correction) with Newcombe's hybrid score interval. A
    group without trials, or no variation at all (every trial a failure, or
    every one a success), gives a result and a :class:`kpi.DegenerateDataWarning`.

    Examples
    --------
    >>> res = compare_proportions(56, 70, 48, 80)
    >>> res.direction, round(res.pvalue, 4), [round(v, 4) for v in res.interval]
    ('increase', 0.008, [0.0524, 0.3339])
    """
    alpha = check.alpha(alpha)
    nc, nb = check.count(n_current, "n_current"), check.count(n_baseline, "n_baseline")
    xc = check.count(x_current, "x_current", at_most=(nc, "n_current"))
    xb = check.count(x_baseline, "x_baseline", at_most=(nb, "n_baseline"))
    pc, pb = (xc / nc if nc else NAN), (xb / nb if nb else NAN)
    method = "two-proportion z-test (pooled), Newcombe hybrid score interval"
    if nc == 0 or nb == 0:
        warn_degenerate("compare_no_trials", name="n_current" if nc == 0 else "n_baseline")
        return _result("proportion", pc, pb, (NAN, NAN), NAN, NAN, method, (nc, nb), alpha)
    pooled = (xc + xb) / (nc + nb)
    if pooled in (0.0, 1.0):
        warn_degenerate("compare_no_variation", value=format_value(pooled, "percent", "en"))
        z, p = 0.0, 1.0
    else:
        z = (pc - pb) / math.sqrt(pooled * (1 - pooled) * (1 / nc + 1 / nb))
        p = float(2 * stats.norm.sf(abs(z)))
    return _result("proportion", pc, pb, newcombe_interval(xc, nc, xb, nb, alpha), z, p, method, (nc, nb), alpha)


# --- means -------------------------------------------------------------------


def compare_means(current: Any, baseline: Any, *, method: str = "auto", alpha: float = 0.05, n_boot: int = 9999,
                  seed: int | None = None) -> Comparison:
    """Compare the means of two samples of unit values (order values, NPS answers coded -100/0/100).

    Parameters
    ----------
    current, baseline
        One value per unit (order, answer).
    method
        ``"welch"``: Welch's t-test and interval. ``"mannwhitney"``: the
        Mann-Whitney U test and the Hodges-Lehmann interval of the shift
        (:mod:`kpi.stats.intervals`); ``difference`` stays the difference of means.
        ``"bootstrap"``: the symmetric bootstrap-t of the difference of means.
        ``"auto"``: Mann-Whitney when a group has fewer than
        :data:`SMALL_SAMPLE` values (too few for a mean's sampling distribution);
        the bootstrap-t when a group's skewness exceeds :data:`SKEWED` (order
        values: its interval covers better than Welch's when skewed periods
        differ in shape) and no group exceeds :data:`MAX_BOOTSTRAP` values;
        Welch otherwise. The result's ``method`` names the test used.
    alpha
        1 - confidence level; ``pvalue < alpha`` is significant.
    n_boot, seed
        Bootstrap resamples, and the seed that makes them reproducible.

    Examples
    --------
    >>> res = compare_means([52, 61, 48, 70, 55, 66, 59, 63, 58, 60, 64, 57],
    ...                     [50, 49, 55, 47, 52, 51, 46, 53, 48, 50, 54, 45])
    >>> res.method, res.direction, round(res.difference, 2)
    ('Welch t-test, Welch-Satterthwaite interval', 'increase', 9.42)
    """
    alpha, n_boot = check.alpha(alpha), check.n_boot(n_boot)
    if method != "auto" and method not in _MEAN_TESTS:
        raise QueryError("compare_bad_method", value=method, known=", ".join(["auto", *_MEAN_TESTS]))
    x, y = check.values(current, "current"), check.values(baseline, "baseline")
    means = (float(x.mean()) if x.size else NAN, float(y.mean()) if y.size else NAN)
    thin = _degenerate("mean", bootstrap.mean_difference, x[:, None], y[:, None], *means, alpha)
    if thin is not None:
        return thin
    return _MEAN_TESTS[_auto(x, y) if method == "auto" else method](x, y, alpha, n_boot, seed)


def _auto(x: np.ndarray, y: np.ndarray) -> str:
    if min(x.size, y.size) < SMALL_SAMPLE:
        return "mannwhitney"
    if max(abs(_skewness(x)), abs(_skewness(y))) > SKEWED and max(x.size, y.size) <= MAX_BOOTSTRAP:
        return "bootstrap"
    return "welch"


def _skewness(x: np.ndarray) -> float:
    dev = x - x.mean()
    m2 = (dev**2).mean()
    return float((dev**3).mean() / m2**1.5) if m2 > 0 else 0.0


def _welch(x: np.ndarray, y: np.ndarray, alpha: float, n_boot: int, seed: int | None) -> Comparison:
    res = stats.ttest_ind(x, y, equal_var=False)
    ci = res.confidence_interval(confidence_level=1 - alpha)
    return _result("mean", x.mean(), y.mean(), (ci.low, ci.high), res.statistic, res.pvalue,
                   "Welch t-test, Welch-Satterthwaite interval", (x.size, y.size), alpha)


def _mannwhitney(x: np.ndarray, y: np.ndarray, alpha: float, n_boot: int, seed: int | None) -> Comparison:
    u, p, kind, interval = mann_whitney(x, y, alpha)
    method = f"Mann-Whitney U test ({kind}), Hodges-Lehmann interval of the shift; difference of means"
    if np.isinf(interval).any():
        warn_degenerate("compare_cannot_reach", stacklevel=4, n_current=x.size, n_baseline=y.size, alpha=alpha)
    elif np.isnan(interval).any():
        method = f"Mann-Whitney U test ({kind}), no interval: too many ties for a shift; difference of means"
    return _result("mean", x.mean(), y.mean(), interval, u, p, method, (x.size, y.size), alpha,
                   sign=u - x.size * y.size / 2)


def _bootstrap_means(x: np.ndarray, y: np.ndarray, alpha: float, n_boot: int, seed: int | None) -> Comparison:
    return _bootstrap_compare("mean", bootstrap.mean_difference, x, y, x.mean(), y.mean(),
                              f"symmetric bootstrap-t of the difference of means, {n_boot} resamples",
                              alpha, n_boot, seed)


_MEAN_TESTS = {"welch": _welch, "mannwhitney": _mannwhitney, "bootstrap": _bootstrap_means}


# --- counts, totals, ratios ----------------------------------------------------


def compare_counts(k_current: int, k_baseline: int, *, exposure_current: float = 1.0, exposure_baseline: float = 1.0,
                   daily_current: Any = None, daily_baseline: Any = None, alpha: float = 0.05, n_boot: int = 9999,
                   seed: int | None = None) -> Comparison:
    """Compare two event counts (orders, leads) over their exposures (days, visitors).

    The exact conditional Poisson test (as R's ``poisson.test``): given the
    total, ``k_current`` is binomial with ``p = e_c / (e_c + e_b)``. The
    Clopper-Pearson interval of ``p`` (so of the rate ratio) is mapped onto the
    difference in counts at the current exposure, ``total (p - (1 - p) e_c / e_b)``,
    holding the total fixed as the test does. ``difference`` is
    ``k_current - k_baseline e_c / e_b``, ``relative`` the rate ratio minus 1,
    ``n`` the counts (or the days, when given per day).

    Given ``daily_current`` and ``daily_baseline`` (the same counts split by
    day) that vary clearly more than Poisson counts (index-of-dispersion test,
    p < :data:`OVERDISPERSED`), the symmetric bootstrap-t over days replaces the
    Poisson test, and ``method`` says so.

    Examples
    --------
    >>> res = compare_counts(11, 21, exposure_current=800, exposure_baseline=3011)  # R: poisson.test
    >>> round(res.pvalue, 5), res.direction
    (0.07967, 'no change')
    """
    alpha, n_boot = check.alpha(alpha), check.n_boot(n_boot)
    kc, kb = check.count(k_current, "k_current"), check.count(k_baseline, "k_baseline")
    scale = check.exposure(exposure_current, "exposure_current") / check.exposure(exposure_baseline,
                                                                                  "exposure_baseline")
    n, difference = (kc, kb), kc - scale * kb
    if (daily_current is None) != (daily_baseline is None):
        raise QueryError("compare_daily_pair")
    if daily_current is not None:
        days_c = check.daily(daily_current, "daily_current", kc, "k_current")
        days_b = check.daily(daily_baseline, "daily_baseline", kb, "k_baseline")
        n, dispersion = (days_c.size, days_b.size), _dispersion_pvalue(days_c, days_b)
        if dispersion < OVERDISPERSED:
            method = (f"symmetric bootstrap-t over days (daily counts overdispersed: index of dispersion "
                      f"p = {dispersion:.2g}), {n_boot} resamples")
            return _bootstrap_compare("count", bootstrap.total_difference(scale), days_c, days_b, kc, kb, method,
                                      alpha, n_boot, seed, difference=difference)
    method = "exact conditional Poisson test, Clopper-Pearson interval"
    total = kc + kb
    if total == 0:
        warn_degenerate("compare_no_events")
        return _result("count", kc, kb, (NAN, NAN), kc, 1.0, method, n, alpha, difference=0.0)
    pvalue = stats.binomtest(kc, total, scale / (1 + scale)).pvalue
    # Clopper-Pearson limits as beta quantiles (as R's binom.test does), then onto the count scale.
    p_low = stats.beta.ppf(alpha / 2, kc, total - kc + 1) if kc > 0 else 0.0
    p_high = stats.beta.ppf(1 - alpha / 2, kc + 1, total - kc) if kc < total else 1.0
    interval = (total * (p_low - (1 - p_low) * scale), total * (p_high - (1 - p_high) * scale))
    return _result("count", kc, kb, interval, kc, pvalue, method, n, alpha, difference=difference)


def _dispersion_pvalue(*periods: np.ndarray) -> float:
    """Index-of-dispersion test: ``sum (x - mean)^2 / mean`` is chi-square(n - 1) for Poisson days."""
    stat, df = 0.0, 0
    for days in periods:
        if days.size >= 2 and days.mean() > 0:
            stat, df = stat + ((days - days.mean()) ** 2).sum() / days.mean(), df + days.size - 1
    return float(stats.chi2.sf(stat, df)) if df else 1.0


def compare_totals(current: Any, baseline: Any, *, alpha: float = 0.05, n_boot: int = 9999,
                   seed: int | None = None) -> Comparison:
    """Compare two period totals (revenue, spend) from their DAILY totals.

    The symmetric bootstrap-t over days: each period's days are resampled with
    replacement, keeping its length, and ``sum(current) - sum(baseline)`` is
    studentized by ``sqrt(n_c var_c + n_b var_b)``; p-value and interval come
    from the same resamples (:mod:`kpi.stats.bootstrap`).

    Examples
    --------
    >>> res = compare_totals([120, 135, 128, 140, 131, 150, 138], [100, 98, 110, 105, 99, 102, 108], seed=1)
    >>> res.current, res.baseline, res.direction
    (942.0, 722.0, 'increase')
    """
    alpha, n_boot = check.alpha(alpha), check.n_boot(n_boot)
    x, y = check.values(current, "current"), check.values(baseline, "baseline")
    return _bootstrap_compare("total", bootstrap.total_difference(), x, y, x.sum(), y.sum(),
                              f"symmetric bootstrap-t over days of the totals, {n_boot} resamples",
                              alpha, n_boot, seed)


def compare_ratios(num_current: Any, den_current: Any, num_baseline: Any, den_baseline: Any, *, alpha: float = 0.05,
                   n_boot: int = 9999, seed: int | None = None) -> Comparison:
    """Compare a ratio of sums (ROAS = revenue / spend, cost per lead) from daily numerators and denominators.

    The KPI of a period is ``sum(num) / sum(den)``; the symmetric bootstrap-t
    over days resamples (numerator, denominator) days together, studentized by
    the delta-method standard error of a ratio estimator.

    Examples
    --------
    >>> res = compare_ratios([300, 320, 280, 310], [100, 100, 100, 100], [200, 190, 210, 205], [100, 95, 100, 100],
    ...                      seed=1)
    >>> round(res.current, 2), round(res.baseline, 2), res.direction
    (3.02, 2.04, 'increase')
    """
    alpha, n_boot = check.alpha(alpha), check.n_boot(n_boot)
    cur, base = check.days(num_current, den_current, "current"), check.days(num_baseline, den_baseline, "baseline")
    (num_c, den_c), (num_b, den_b) = cur.sum(axis=0), base.sum(axis=0)
    rc, rb = (num_c / den_c if den_c else NAN), (num_b / den_b if den_b else NAN)
    if (len(cur) and not den_c) or (len(base) and not den_b):
        warn_degenerate("compare_zero_denominator", name="den_current" if len(cur) and not den_c else "den_baseline")
        return _result("ratio", rc, rb, (NAN, NAN), NAN, NAN, "none: no denominator", (len(cur), len(base)), alpha)
    return _bootstrap_compare("ratio", bootstrap.ratio_difference, cur, base, rc, rb,
                              f"symmetric bootstrap-t over days of the ratio of sums, {n_boot} resamples",
                              alpha, n_boot, seed)


# --- many comparisons ----------------------------------------------------------


def adjust_pvalues(pvalues: Any, method: str = "bh") -> np.ndarray:
    """Benjamini-Hochberg q-values (``method="bh"``; ``"by"`` for Benjamini-Yekutieli) of many comparisons.

    NaN p-values (comparisons that could not be tested) stay NaN and are left
    out of the adjustment.

    Examples
    --------
    >>> adjust_pvalues([0.01, 0.04, float("nan"), 0.03]).round(3).tolist()
    [0.03, 0.04, nan, 0.04]
    """
    if method not in ("bh", "by"):
        raise QueryError("compare_bad_adjust", value=method)
    p = np.asarray(pvalues, dtype=float)
    tested = ~np.isnan(p)
    outside = p[tested][(p[tested] < 0) | (p[tested] > 1)]
    if outside.size:
        raise QueryError("compare_bad_pvalues", value=outside[0])
    out = np.full(p.shape, NAN)
    if tested.any():
        out[tested] = stats.false_discovery_control(p[tested], method=method)
    return out


# --- shared --------------------------------------------------------------------


def _bootstrap_compare(kind: str, stat: bootstrap.Statistic, cur: np.ndarray, base: np.ndarray, cur_value: float,
                       base_value: float, method: str, alpha: float, n_boot: int, seed: int | None,
                       difference: float | None = None) -> Comparison:
    # Rows sorted: for a given seed the answer must not depend on the order rows came in (SQL promises none).
    cur, base = (rows[np.lexsort(rows.T[::-1])] for rows in (a if a.ndim == 2 else a[:, None] for a in (cur, base)))
    thin = _degenerate(kind, stat, cur, base, cur_value, base_value, alpha, difference, stacklevel=5)
    if thin is not None:
        return thin
    _, t, p, low, high = bootstrap.bootstrap_t(stat, cur[None], base[None], alpha=alpha, n_boot=n_boot,
                                               rng=np.random.default_rng(seed))
    return _result(kind, cur_value, base_value, (low[0], high[0]), t[0], p[0], method, (len(cur), len(base)),
                   alpha, difference=difference)


def _degenerate(kind: str, stat: bootstrap.Statistic, cur: np.ndarray, base: np.ndarray, cur_value: float,
                base_value: float, alpha: float, difference: float | None = None,
                stacklevel: int = 4) -> Comparison | None:
    """A result for samples too thin to test (fewer than 2 values, or no spread at all), else None.

    ``stacklevel`` points the warning at the line that called the public function.
    """
    n = (len(cur), len(base))
    if min(n) < 2:
        warn_degenerate("compare_too_few", stacklevel=stacklevel, name="current" if n[0] < 2 else "baseline", n=min(n))
        return _result(kind, cur_value, base_value, (NAN, NAN), NAN, NAN, "none: too few values", n, alpha,
                       difference=difference)
    if stat(cur[None], base[None])[1][0] > 0:
        return None
    warn_degenerate("compare_constant", stacklevel=stacklevel)
    same = (cur_value - base_value if difference is None else difference) == 0
    return _result(kind, cur_value, base_value, (0.0, 0.0) if same else (NAN, NAN), NAN, 1.0 if same else NAN,
                   "none: no variation", n, alpha, difference=difference)


def _result(kind: str, current: float, baseline: float, interval: tuple[float, float], statistic: float,
            pvalue: float, method: str, n: tuple[int, int], alpha: float, *, difference: float | None = None,
            sign: float | None = None) -> Comparison:
    difference = current - baseline if difference is None else difference
    comparable = current - difference  # the baseline on the current period's footing
    relative = current / comparable - 1 if comparable != 0 and not math.isnan(comparable) else NAN
    sign = difference if sign is None else sign
    direction = "no change"
    if pvalue < alpha and sign != 0:
        direction = "increase" if sign > 0 else "decrease"
    return Comparison(kind, float(current), float(baseline), float(difference), float(relative),
                      (float(interval[0]), float(interval[1])), float(statistic), float(pvalue), method, direction,
                      (int(n[0]), int(n[1])), alpha)
