"""The seasonal baseline behind :mod:`kpi.stats.anomalies`: a robust regression on the Indonesian calendar.

The expected value of a KPI in a period is a linear model, on a scale that
suits the data (:func:`choose_scale`), of:

- a level and a linear trend, plus a step at each level shift found;
- the weekday (day grain) and, with a year of history or more, the month of year;
- payday (25th to month end), Ramadan (a level, a ramp through its first half,
  and its last 14 days), the Lebaran window day by day, 12.12, 11.11, the twin
  dates and other public holidays (:mod:`kpi.events`). At week and month grain
  each is the share of the period's days it covers.

**Events seen once or twice.** Calendar effects get a ridge prior: each is
N(0, tau^2) on the model's scale, tau being a factor of e on a log scale (the
equivalent elsewhere, :class:`Scale`). An event seen many times is estimated
from the data; one seen once (Lebaran in a year of data) can barely be told
from noise, so it is judged against that wide prior: the leave-one-out residual
(:attr:`Fit.loo`) of such a day is its distance from the no-event baseline over
sqrt(sigma^2 + tau^2), so at the default threshold only a day some 30 times
off the ordinary (a total outage, say) is flagged. An event seen in two years
is judged against the other year. Idul Fitri itself and its eve get one effect
per year, not a shared one: a year whose Lebaran falls a day before the
government's date (2026 in the sample) would otherwise pit a Lebaran day
against an ordinary last day of Ramadan. Month of year gets a tighter prior
(tau / 2): months are seen whole, and a year of data can barely tell them from
the trend.

**Robust fit.** Iteratively reweighted least squares, Huber weights first then
Tukey's bisquare, so a spike or an outage gets weight ~0 and does not bend the
baseline it is judged against.

Examples
--------
>>> import numpy as np, pandas as pd
>>> days = pd.date_range("2025-01-01", periods=120)
>>> d = design(days, "day")
>>> d.names[:4], d.X.shape[0]
(['level', 'trend', 'weekday_1', 'weekday_2'], 120)
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from kpi.events import calendar_features

__all__ = ["Design", "Fit", "Scale", "choose_scale", "design", "robust_fit", "side_scales", "years"]

_HUBER, _BISQUARE = 1.345, 4.685  # 95% efficiency at the normal
_WINSOR = 2.5  # side scales cap residuals here (in scale units) so an anomaly cannot widen its own band
_KAPPA = 0.9775  # E[min(Z^2, 2.5^2)] for Z ~ N(0, 1): makes the capped RMS consistent for sigma
_SMALL_COUNT = 50  # integer series with a median below this are counts on a square-root scale


@dataclass(frozen=True)
class Scale:
    """The scale a series is modelled on: ``log`` (log(x + offset)), ``sqrt``, ``arcsine`` or ``identity``.

    ``prior_sd`` is how far a calendar event may plausibly move the series on
    this scale (a factor of e on ``log``; its delta-method equivalent at the
    series' typical level on ``sqrt`` and ``arcsine``; the typical level itself
    on ``identity``).

    Examples
    --------
    >>> s = Scale("log", offset=1.0, prior_sd=1.0)
    >>> round(float(s.inverse(s.forward(np.array([99.0])))[0]), 6)
    99.0
    """

    name: str
    offset: float = 0.0
    prior_sd: float = 1.0
    integer: bool = False  # whole numbers (counts): bands are shown as the whole numbers they allow

    def forward(self, value: np.ndarray) -> np.ndarray:
        """``value`` on the model's scale."""
        if self.name == "log":
            return np.log(np.maximum(value, 0.0) + self.offset)
        if self.name == "sqrt":
            return np.sqrt(np.maximum(value, 0.0))
        if self.name == "arcsine":
            return np.arcsin(np.sqrt(np.clip(value, 0.0, 1.0)))
        return np.asarray(value, dtype=float)

    def inverse(self, y: np.ndarray) -> np.ndarray:
        """Back from the model's scale to KPI units."""
        if self.name == "log":
            return np.exp(y) - self.offset
        if self.name == "sqrt":
            return np.maximum(y, 0.0) ** 2
        if self.name == "arcsine":
            return np.sin(np.clip(y, 0.0, np.pi / 2)) ** 2
        return np.asarray(y, dtype=float)


def choose_scale(value: np.ndarray, rate: bool = False) -> Scale:
    """The scale for ``value`` (NaN ignored): variance-stabilising, so one band width fits every period.

    Small counts (integers, median below 50) or sparse series (over 20% zeros)
    take a square root: Poisson noise has a constant spread there, and a day
    with 0 orders where 4 or 5 are normal lands ~4 spreads low. Other positive
    series (money, big counts, ROAS) vary in proportion to their level: log.
    Proportions (a rate within 0..1) take the arcsine of the square root, whose
    spread is 1 / (2 sqrt(denominator)) at any level, so a fall from 13% to 2%
    is not hidden by the rate's smaller spread near 0; rates are also weighted
    by their denominator. Series with negative values stay as they are.

    Examples
    --------
    >>> choose_scale(np.array([3.0, 5, 4, 0, 6])).name, choose_scale(np.array([5e6, 4.1e6, 6e6])).name
    ('sqrt', 'log')
    >>> choose_scale(np.array([0.12, 0.15]), rate=True).name, choose_scale(np.array([-2.0, 11, 15])).name
    ('arcsine', 'identity')
    """
    v = value[np.isfinite(value)]
    if len(v) == 0:
        return Scale("identity")
    level = float(np.median(np.abs(v))) or float(np.mean(np.abs(v))) or 1.0
    if rate and v.min() >= 0 and v.max() <= 1:
        return Scale("arcsine", prior_sd=0.5 * float(np.arcsin(np.sqrt(min(level, 1.0)))) or 0.1)
    integer = not rate and bool(np.all(v == np.round(v)))
    if (v < 0).any():
        return Scale("identity", prior_sd=level, integer=integer)
    if not rate and ((integer and np.median(v) < _SMALL_COUNT) or np.mean(v == 0) > 0.2):
        return Scale("sqrt", prior_sd=0.5 * math.sqrt(level), integer=integer)
    positive = v[v > 0]
    offset = 0.01 * float(np.median(positive)) if len(positive) else 1.0
    return Scale("log", offset=max(offset, 1.0) if integer else offset, prior_sd=1.0, integer=integer)


@dataclass(frozen=True)
class Design:
    """A design matrix: ``X`` (periods x columns), column ``names``, and each column's prior sd.

    ``prior`` is in units of :attr:`Scale.prior_sd` (``inf``: no prior) and
    ``calendar`` marks the seasonal columns (what a deseasonalised series removes).
    """

    X: np.ndarray
    names: list[str]
    prior: np.ndarray
    calendar: np.ndarray


def _daily_columns(cal: pd.DataFrame, events: bool) -> dict[str, np.ndarray]:
    """Calendar indicators per day; the week and month grains average them over their days."""
    cols: dict[str, np.ndarray] = {}
    if not events:
        return cols
    ramadan_day = cal["ramadan_day"].to_numpy()
    early = cal["ramadan"].to_numpy() & ~cal["ramadan_late"].to_numpy()
    cols["payday"] = cal["payday"].to_numpy(float)
    cols["ramadan"] = cal["ramadan"].to_numpy(float)
    cols["ramadan_ramp"] = np.where(early, ramadan_day / 16.0, 0.0)
    cols["ramadan_late"] = cal["ramadan_late"].to_numpy(float)
    offset = cal["lebaran_day"].to_numpy(dtype=float, na_value=np.nan)
    eid_year = (cal["date"] - pd.to_timedelta(np.nan_to_num(offset), unit="D")).dt.year.to_numpy()
    for k in np.unique(offset[np.isfinite(offset)]).astype(int):
        if k <= 0:  # the eve and the day itself: one effect per year (the date is disputed by a day)
            for year in np.unique(eid_year[offset == k]):
                cols[f"lebaran_{k}_{year}"] = ((offset == k) & (eid_year == year)).astype(float)
        else:
            cols[f"lebaran_{k}"] = (offset == k).astype(float)
    shop = cal["harbolnas"].to_numpy()
    cols["harbolnas_12_12"] = (shop == "12.12").astype(float)
    cols["harbolnas_11_11"] = (shop == "11.11").astype(float)
    cols["twin_date"] = (pd.notna(shop) & (shop != "12.12") & (shop != "11.11")).astype(float)
    cols["holiday"] = (cal["holiday"].notna().to_numpy() & ~cal["lebaran"].to_numpy()).astype(float)
    return cols


def _calendar(periods: pd.DatetimeIndex, grain: str, events: bool) -> pd.DataFrame:
    """Calendar columns per period (cached: one analysis builds its design several times)."""
    key = (periods.asi8.tobytes(), grain, events)
    if key not in _CACHE:
        if len(_CACHE) >= 32:
            _CACHE.pop(next(iter(_CACHE)))
        _CACHE[key] = _calendar_columns(periods, grain, events)
    return _CACHE[key]


_CACHE: dict[tuple[bytes, str, bool], pd.DataFrame] = {}


def _calendar_columns(periods: pd.DatetimeIndex, grain: str, events: bool) -> pd.DataFrame:
    """Calendar columns per period: the day's indicators, or their mean over the period's days."""
    if grain == "day":
        return pd.DataFrame(_daily_columns(calendar_features(periods), events), index=range(len(periods)))
    ends = periods + (pd.DateOffset(days=7) if grain == "week" else pd.DateOffset(months=1))
    days = pd.date_range(periods.min(), ends.max() - pd.Timedelta(days=1))
    daily = pd.DataFrame(_daily_columns(calendar_features(days), events), index=days)
    # Each day belongs to the last period starting on or before it.
    owner = np.searchsorted(periods.values, days.values, side="right") - 1
    inside = (owner >= 0) & (days.values < ends.values[np.maximum(owner, 0)])
    means = daily[inside].groupby(owner[inside]).mean()
    return means.reindex(range(len(periods))).fillna(0.0)


def design(periods: Sequence | pd.DatetimeIndex, grain: str, *, events: bool = True, months: bool = True,
           trend: bool = True, steps: Sequence[int] = ()) -> Design:
    """The baseline's design matrix for ``periods`` (sorted period starts) at ``grain``.

    Parameters
    ----------
    periods
        Period starts: days, Mondays or first days of months.
    grain
        ``"day"``, ``"week"`` or ``"month"``.
    events
        Include the Indonesian calendar (payday, Ramadan, Lebaran, shopping days, holidays).
    months
        Include month of year when the periods span a year or more.
    trend
        Include a linear trend (in years since the first period).
    steps
        Positions where a level shift starts (a column 0 before, 1 from there on).

    Returns
    -------
    Design
        Columns with no variation (an event the periods never meet) are left out.
    """
    periods = pd.DatetimeIndex(periods).as_unit("ns")
    n = len(periods)
    span = (periods.max() - periods.min()).days if n else 0
    cols: dict[str, tuple[np.ndarray, float, bool]] = {"level": (np.ones(n), math.inf, False)}
    if trend:
        cols["trend"] = (years(periods), math.inf, False)
    if grain == "day" and n >= 14:
        for k in range(1, 7):
            cols[f"weekday_{k}"] = ((periods.day_of_week == k).astype(float), math.inf, True)
    if months and span >= 365 and (grain != "month" or n >= 36):
        for m in range(1, 13):  # all twelve, shrunk together towards the level (no reference month)
            cols[f"month_{m}"] = ((periods.month == m).astype(float), 0.5, True)
    if grain != "month" or n >= 24:
        for name, values in _calendar(periods, grain, events).items():
            cols[name] = (values.to_numpy(float), 1.0, True)
    for k in steps:
        cols[f"step_{k}"] = ((np.arange(n) >= k).astype(float), math.inf, False)
    keep = {k: v for k, v in cols.items() if k == "level" or np.ptp(v[0]) > 0}
    return Design(X=np.column_stack([v[0] for v in keep.values()]) if n else np.zeros((0, len(keep))),
                  names=list(keep), prior=np.array([v[1] for v in keep.values()]),
                  calendar=np.array([v[2] for v in keep.values()]))


def years(periods: pd.DatetimeIndex) -> np.ndarray:
    """Time in years since the first period: the trend's unit."""
    return (periods - periods.min()).days.to_numpy(float) / 365.25 if len(periods) else np.zeros(0)


@dataclass(frozen=True)
class Fit:
    """A robust fit: coefficients, fitted values, robustness weights and leave-one-out residuals.

    ``loo`` is each period's residual against a fit without it, scaled to unit
    variance (sqrt(w) r / sqrt(1 - h)); NaN where the period alone decides its
    fit (leverage 1: an unshrunk effect of its own) and so cannot be judged.
    """

    beta: np.ndarray
    fitted: np.ndarray
    robust_weight: np.ndarray
    hat: np.ndarray
    loo: np.ndarray
    sigma: float


def _mad(u: np.ndarray) -> float:
    return 1.4826 * float(np.median(np.abs(u - np.median(u)))) if len(u) else 0.0


def _normal_matrix(X: np.ndarray, W: np.ndarray, penalty: np.ndarray) -> np.ndarray:
    A = (X.T * W) @ X + np.diag(penalty)
    # A whisker of ridge keeps a column the data never vary (a step with no periods after it) solvable.
    return A + np.eye(len(A)) * 1e-10 * max(float(np.trace(A)), 1e-300)


def _solve(X: np.ndarray, y: np.ndarray, W: np.ndarray, penalty: np.ndarray) -> np.ndarray:
    A = _normal_matrix(X, W, penalty)
    try:
        return np.linalg.solve(A, (X.T * W) @ y)
    except np.linalg.LinAlgError:
        return np.linalg.lstsq(A, (X.T * W) @ y, rcond=None)[0]


def robust_fit(X: np.ndarray, y: np.ndarray, w: np.ndarray, prior_sd: np.ndarray, iterations: int = 30) -> Fit:
    """Fit ``y ~ X`` with prior weights ``w`` by IRLS: Huber, then bisquare; ridge priors N(0, prior_sd^2).

    Examples
    --------
    >>> x = np.arange(50.0); y = 2 + 0.1 * x + np.sin(x) * 0.1; y[10] = 40
    >>> X = np.column_stack([np.ones(50), x])
    >>> fit = robust_fit(X, y, np.ones(50), np.array([np.inf, np.inf]))
    >>> np.round(fit.beta, 1).tolist(), float(fit.robust_weight[10])
    ([2.0, 0.1], 0.0)
    """
    sw = np.sqrt(w)
    # A flat stretch has no spread; without a floor every rounding error would count as an outlier.
    floor = 1e-6 * max(_mad(y), abs(float(np.median(y))), 1e-12)
    sigma = max(_mad(sw * (y - np.median(y))), floor)
    rw = np.ones_like(y)
    beta = None
    for it in range(iterations):
        penalty = np.where(np.isfinite(prior_sd), sigma**2 / np.square(prior_sd), 0.0)
        new = _solve(X, y, w * rw, penalty)
        u = sw * (y - X @ new)
        sigma = max(_mad(u[w > 0]) or float(np.sqrt(np.mean(u**2))), floor)
        c = _HUBER if it < 5 else _BISQUARE
        a = np.abs(u) / (c * sigma)
        rw = 1.0 / np.maximum(a, 1.0) if it < 5 else np.where(a < 1, (1 - a**2) ** 2, 0.0)
        done = beta is not None and np.allclose(new, beta, rtol=1e-7, atol=1e-9 * sigma)
        beta = new
        if done and it >= 6:
            break
    W = w * rw
    A_inv = np.linalg.pinv(_normal_matrix(X, W, penalty), hermitian=True)
    hat = np.einsum("ij,jk,ik->i", X, A_inv, X) * W
    resid = y - X @ beta
    with np.errstate(invalid="ignore", divide="ignore"):
        loo = np.where(hat < 1 - 1e-6, sw * resid / np.sqrt(np.clip(1 - hat, 1e-12, None)), np.nan)
    return Fit(beta=beta, fitted=X @ beta, robust_weight=rw, hat=hat, loo=loo, sigma=sigma)


def side_scales(e: np.ndarray) -> tuple[float, float]:
    """Robust spreads of ``e`` below and above 0: root mean square with values capped at 2.5 spreads.

    One spread per side because counts and money are skewed: a series that
    never falls below a floor (a shop with at least one order a day) must be
    judged by how little it falls, not by how far it jumps. Capped squares use
    every point, so they are not coarse on small counts the way the MAD is,
    yet a few anomalies cannot inflate them.

    Examples
    --------
    Twenty values 25 spreads high widen the upper spread by only ~5%:

    >>> rng = np.random.default_rng(1); e = rng.normal(0, 2, 5000)
    >>> [round(s, 1) for s in side_scales(e)], [round(s, 1) for s in side_scales(np.r_[e, [50.0] * 20])]
    ([2.0, 2.0], [2.0, 2.1])
    """
    e = e[np.isfinite(e)]
    start = _mad(e)
    if start == 0 and len(e):
        # Over half the residuals tie. If they are exactly 0 the series is flat but for a few periods,
        # and those stand out; otherwise (sparse counts: mostly 0, some 1) the RMS is the spread.
        exact = np.abs(e) <= 1e-6 * np.abs(e).max()
        start = 1e-6 * float(np.abs(e).max()) if exact.mean() > 0.5 else float(np.sqrt(np.mean(e**2)))
    scales = []
    for side in (e[e < 0], e[e > 0]):
        s = start
        for _ in range(4):
            if s == 0 or len(side) == 0:
                break
            s = float(np.sqrt(np.mean(np.minimum(side**2, (_WINSOR * s) ** 2)) / _KAPPA))
        scales.append(s)
    return scales[0], scales[1]
