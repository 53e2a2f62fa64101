"""Level shifts in a KPI series once its calendar is taken out: :class:`ChangePoint` and :func:`find_steps`.

Method: forward selection of steps on the seasonal baseline of
:mod:`kpi.stats.baseline` (without month of year, see below). Each round fits
the baseline with the steps found so far, then scans every admissible start
for one more step with the score statistic of adding ``1[t >= k]`` to the
model (once the level, calendar and earlier steps are projected out), as a t
over the residual spread with that step fitted. The largest |t| is judged
against the same maximum over 999 permutations of the standardised
residuals, each put through the very same projection, studentising and
correction: the null distribution of "no further shift" for independent
noise. A shift is kept when that p-value is below 0.05, so a series with no
shift gets a false one in about 5% of cases (the tests count 13 in 300
stationary series). A backward pass then tests each shift again given all the
others (and a trend that joined later), drops it if it no longer holds, and
otherwise settles it on its best date between its neighbours.

Choices, and why:

- **Robust.** Residuals are capped at 2.5 spreads, so one spike never reads as
  a shift (the periods after a real shift keep their full weight).
- **Autocorrelation.** A wandering series looks like a string of shifts to a
  test that assumes independence, so the best t is divided by
  sqrt((1 + rho) / (1 - rho)), rho being the lag-1 autocorrelation of the
  residuals once the candidate step is fitted (so the shift itself does not
  count as autocorrelation).
- **Trend or shift.** A linear trend competes with the best step in every
  round: when it explains about as much (t^2 + log n > the step's t^2: the
  step also chose its date, BIC's price for one parameter) and is itself clear
  (|t| > 2), it joins the model instead, so steady growth is not read as a
  string of shifts. A trend is not forced on every series: it would lean
  towards a shift in the last months (13% -> 2% conversion from August of a
  two-year series) and hide half of it.
- **Month of year** is left out under three years of data: with two Augusts, an
  August effect and a shift from this August cannot be told apart.
- **Rates** (numerator and denominator given) are weighted by their
  denominator: a week of 8 leads counts less than one of 80, as in a
  binomial likelihood, while the spread is estimated, not assumed binomial.
- ``before`` / ``after`` average the segments either side, each period first
  moved to an average calendar and, with a trend, along it to the shift's
  date (:func:`segment_levels`): for a flat rate, the pooled rates.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from kpi.formats import format_period, format_value
from kpi.i18n import message
from kpi.stats._text import format_p
from kpi.stats.baseline import Scale, design, robust_fit, years

__all__ = ["ALPHA", "MIN_SEGMENT", "PERMUTATIONS", "ChangePoint", "Steps", "find_steps", "segment_levels"]

#: Significance level for keeping a shift (the false-shift rate on a stationary series).
ALPHA = 0.05
#: Permutations for each p-value (so the smallest is 1/1000).
PERMUTATIONS = 999
#: Shortest segment, in periods, either side of a shift.
MIN_SEGMENT = {"day": 14, "week": 4, "month": 3}
_CAP = 2.5  # residuals are capped here (in spreads) before scanning
_SEED = 20240101  # fixed permutations: the same series always gets the same p-value
_FIRST_BATCH = 199
_P_MIN = 1 / (PERMUTATIONS + 1)  # no permutation reached the observed z: read as p < 0.001
_TREND_Z = 2.0  # a trend joins the model only when it is clear on its own


@dataclass(frozen=True)
class ChangePoint:
    """A level shift: the first period at the new level, the levels either side and the test.

    Attributes
    ----------
    period
        First period at the new level.
    before, after
        Level of the segment before and from ``period``, deseasonalised (and moved along the trend, if
        any, to ``period``), in KPI units.
    change
        ``after - before``.
    statistic
        The shift's t (its score over the residual spread), divided by the autocorrelation factor.
    pvalue
        Permutation p-value of the largest z among all admissible starts; 0.001 (no permutation
        reached it) reads "p < 0.001".
    method
        How it was found.

    Examples
    --------
    >>> cp = ChangePoint(pd.Timestamp("2026-08-03"), 0.133, 0.018, -0.115, 5.1, 0.001, "x")
    >>> cp.summary("en", label="Conversion", unit="percent")
    'Conversion shifted from 13.3% to 1.8% from 3 Aug 2026 (p < 0.001).'
    >>> cp.summary("id", unit="percent")
    'Level deret ini bergeser dari 13,3% ke 1,8% mulai 3 Agu 2026 (p < 0,001).'
    """

    period: pd.Timestamp
    before: float
    after: float
    change: float
    statistic: float
    pvalue: float
    method: str

    def summary(self, lang: str = "id", label: str | None = None, unit: str | None = None) -> str:
        """The shift in one sentence in ``lang``; ``label`` names the KPI, ``unit`` formats its values."""
        unit = unit or "number"
        code = "anomaly_shift_label" if label else "anomaly_shift"
        return message(code, lang, label=label, before=format_value(self.before, unit, lang),
                       after=format_value(self.after, unit, lang), date=format_period(self.period, "day", lang),
                       p=format_p(self.pvalue * 0.999 if self.pvalue <= _P_MIN else self.pvalue, lang))


def _scan(U: np.ndarray, V: np.ndarray, XW: np.ndarray, A_inv: np.ndarray, allowed: np.ndarray,
          dof: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Largest |t| of a step over the ``allowed`` starts for each row of ``U``: raw, corrected, and where.

    ``U`` holds standardised residuals (one series per row) with the model's columns projected out,
    ``V`` the square roots of the weights, ``XW`` the rows of ``X * W``, ``A_inv`` the inverse of
    ``X' W X`` and ``dof`` the residual degrees of freedom. A step's z is its score
    <u, sqrt(W) 1[t >= k]> over the sd the step keeps once ``X`` is projected out; the best one
    becomes a t by dividing by the row's own spread with that step fitted (a permuted row, projected
    once more, has a little less variance than the observed one and would otherwise look calm). The
    corrected t also divides by sqrt((1 + rho) / (1 - rho)), rho being the row's lag-1
    autocorrelation with the step fitted (clipped to [0, 0.9]), so a wandering series is not read as
    shifts, the shift itself does not count as autocorrelation, and permuted rows get the same.
    """
    score = np.cumsum((U * V)[:, ::-1], axis=1)[:, ::-1]  # sum over t >= k
    b = np.cumsum(XW[::-1], axis=0)[::-1]  # X' W 1[t >= k], one row per k
    w_tail = np.cumsum((V**2)[::-1])[::-1]
    var = w_tail - np.einsum("kp,pq,kq->k", b, A_inv, b)
    with np.errstate(invalid="ignore", divide="ignore"):
        z = np.where(allowed & (var > 1e-9 * w_tail[0]), score / np.sqrt(np.maximum(var, 1e-300)), 0.0)
    best = np.argmax(np.abs(z), axis=1)
    raw = _student(np.abs(z[np.arange(len(U)), best]), U, dof)
    step = V * (np.arange(U.shape[1]) >= best[:, None])
    r = U - step * (np.sum(U * step, axis=1) / np.maximum(np.sum(step**2, axis=1), 1e-12))[:, None]
    r = r - r.mean(axis=1, keepdims=True)
    rho = np.clip(np.sum(r[:, 1:] * r[:, :-1], axis=1) / np.maximum(np.sum(r**2, axis=1), 1e-12), 0.0, 0.9)
    return raw, raw / np.sqrt((1 + rho) / (1 - rho)), best


def _student(z: np.ndarray, U: np.ndarray, dof: float) -> np.ndarray:
    """z of one added column as a t: over the rows' residual spread once that column is fitted."""
    rest = np.maximum(np.sum(U**2, axis=1) - z**2, 1e-12) / max(dof - 1, 1.0)
    return z / np.sqrt(rest)


def _allowed(n: int, grain: str, steps: list[int]) -> np.ndarray:
    """Starts that leave at least :data:`MIN_SEGMENT` periods between shifts and to either end."""
    k, gap = np.arange(n), MIN_SEGMENT[grain]
    allowed = (k >= gap) & (k <= n - gap)
    for s in steps:
        allowed &= np.abs(k - s) >= gap
    return allowed


def _round(periods: pd.DatetimeIndex, y: np.ndarray, w: np.ndarray, grain: str, scale: Scale, *, events: bool,
           months: bool, trend: bool, steps: list[int], rng: np.random.Generator,
           window: tuple[int, int] | None = None) -> tuple[str, int, float, float]:
    """One round: ``("trend", ...)``, or ``("step", k, corrected t, permutation p)``, or ``("none", ...)``.

    ``window`` limits the search to starts strictly between two positions (and no trend competes).
    """
    allowed = _allowed(len(y), grain, steps)
    if window is not None:
        allowed &= (np.arange(len(y)) > window[0]) & (np.arange(len(y)) < window[1])
    if not allowed.any():
        return "none", -1, math.nan, math.nan
    d = design(periods, grain, events=events, months=months, trend=trend, steps=steps)
    fit = robust_fit(d.X, y, w, d.prior * scale.prior_sd)
    V = np.sqrt(w)
    # Prior weights only: robust weights would discount the very periods after a shift (they look like
    # outliers to a fit without the step); capping the residuals is what keeps a lone spike harmless.
    noise = np.clip(V * (y - fit.fitted) / fit.sigma, -_CAP, _CAP)
    XW = d.X * w[:, None]
    A_inv = np.linalg.pinv(XW.T @ d.X, hermitian=True)  # the step test's projection: no ridge here
    XA = d.X @ A_inv

    def project(U: np.ndarray) -> np.ndarray:
        return U - (((U * V) @ d.X) @ XA.T) * V

    dof = len(y) - float(np.sum(XW * XA))  # minus the trace of the projection
    u = project(noise[None, :])
    raw, observed, best = _scan(u, V, XW, A_inv, allowed, dof)
    if not trend and window is None:
        t_trend = abs(float(_student(np.array([_trend_z(u[0], V, years(periods), XW, A_inv)]), u, dof)[0]))
        if t_trend > _TREND_Z and t_trend**2 + math.log(len(y)) > raw[0] ** 2:
            return "trend", -1, math.nan, math.nan
    exceed, done = 0, 0
    for size in (_FIRST_BATCH, PERMUTATIONS - _FIRST_BATCH):  # a clear "no" stops after the first batch
        permuted = project(rng.permuted(np.tile(noise, (size, 1)), axis=1))
        exceed += int(np.sum(_scan(permuted, V, XW, A_inv, allowed, dof)[1] >= observed[0]))
        done += size
        if exceed > 4 * ALPHA * done:
            break
    return "step", int(best[0]), float(observed[0]), (1 + exceed) / (done + 1)


def _trend_z(u: np.ndarray, V: np.ndarray, t: np.ndarray, XW: np.ndarray, A_inv: np.ndarray) -> float:
    """Score z of adding a linear trend to the model (``u``: its standardised, projected residuals)."""
    tv = V * t
    var = float(tv @ tv - (t @ XW) @ A_inv @ (XW.T @ t))
    return float(u @ tv) / math.sqrt(var) if var > 1e-12 else 0.0


@dataclass(frozen=True)
class Steps:
    """What :func:`find_steps` found: shift positions with their z and p-value, and whether a trend joined."""

    found: tuple[tuple[int, float, float], ...]
    trend: bool


def find_steps(periods: pd.DatetimeIndex, y: np.ndarray, w: np.ndarray, grain: str, scale: Scale, *,
               events: bool = True, max_points: int = 5) -> Steps:
    """Up to ``max_points`` level shifts in ``y`` (on ``scale``) with weights ``w``, in time order.

    Examples
    --------
    >>> from kpi.stats.baseline import Scale
    >>> rng = np.random.default_rng(3)
    >>> y = np.r_[rng.normal(10, 1, 60), rng.normal(13, 1, 40)]
    >>> weeks = pd.date_range("2024-01-01", periods=100, freq="W-MON")
    >>> steps = find_steps(weeks, y, np.ones(100), "week", Scale("identity", prior_sd=10))
    >>> [(k, p) for k, _, p in steps.found], steps.trend
    ([(60, 0.001)], False)
    """
    rng = np.random.default_rng(_SEED)
    months = _months(periods)
    found: list[tuple[int, float, float]] = []
    trend = False
    while len(found) < max_points:
        kind, k, stat, pvalue = _round(periods, y, w, grain, scale, events=events, months=months, trend=trend,
                                       steps=[s for s, _, _ in found], rng=rng)
        if kind == "trend":
            trend = True
            continue
        if kind == "none" or pvalue > ALPHA:
            break
        found.append((k, stat, pvalue))
    found.sort()
    # Backward pass: each shift again, given the others and the trend that joined later. A step taken
    # for growth before the trend came in goes; the others settle on their best date between neighbours.
    i = 0
    while i < len(found):
        others = [s for j, (s, _, _) in enumerate(found) if j != i]
        window = (found[i - 1][0] if i else -1, found[i + 1][0] if i + 1 < len(found) else len(y))
        kind, k, stat, pvalue = _round(periods, y, w, grain, scale, events=events, months=months, trend=trend,
                                       steps=others, rng=rng, window=window)
        if kind == "step" and pvalue <= ALPHA:
            found[i] = (k, stat, pvalue)
            i += 1
        else:
            found.pop(i)
    return Steps(tuple(found), trend)


def _months(periods: pd.DatetimeIndex) -> bool:
    """Month of year joins the shift search from three years of data (see the module docstring)."""
    return len(periods) > 0 and (periods.max() - periods.min()).days >= 3 * 365


def segment_levels(periods: pd.DatetimeIndex, y: np.ndarray, w: np.ndarray, grain: str, scale: Scale,
                   steps: Steps, *, events: bool = True) -> list[ChangePoint]:
    """:class:`ChangePoint` objects for ``steps``: the level of the segments either side of each shift.

    Each period's value is moved to an average calendar and, when the model
    has a trend, along it to the shift's date (times the baseline's level
    there over its fitted value; plus their difference on an identity scale),
    then averaged over its segment with the fit's weights. For a flat rate this
    is the pooled rate of each segment.
    """
    if not steps.found:
        return []
    positions = [k for k, _, _ in steps.found]
    d = design(periods, grain, events=events, months=_months(periods), trend=steps.trend, steps=positions)
    fit = robust_fit(d.X, y, w, d.prior * scale.prior_sd)
    seasonal = d.X[:, d.calendar] @ fit.beta[d.calendar]
    level = scale.inverse(d.X[:, ~d.calendar] @ fit.beta[~d.calendar] + np.average(seasonal, weights=w))
    fitted, value = scale.inverse(fit.fitted), scale.inverse(y)
    weight = w * fit.robust_weight + 1e-12
    bounds = [0, *positions, len(y)]
    levels = []
    for i, k in enumerate(positions):
        for a, b, at in ((bounds[i], k, k - 1), (k, bounds[i + 2], k)):
            moved = (value[a:b] * level[at] / fitted[a:b] if scale.name != "identity" and (fitted[a:b] > 0).all()
                     else value[a:b] + level[at] - fitted[a:b])
            levels.append(float(np.average(moved, weights=weight[a:b])))
    method = message("anomaly_method_shift", "en")
    return [ChangePoint(period=pd.Timestamp(periods[k]), before=levels[2 * i], after=levels[2 * i + 1],
                        change=levels[2 * i + 1] - levels[2 * i], statistic=stat, pvalue=pvalue, method=method)
            for i, (k, stat, pvalue) in enumerate(steps.found)]
