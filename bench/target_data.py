"""Simulated daily KPI series for the target backtest (:mod:`target_backtest`): seasonal, trending, drifting.

Not a test. Pure numpy/pandas, deterministic from a seed. Every series is a
product, on the log scale a sum, of:

- a **base level**: money around Rp 5 juta a day (lognormal), or 5-200 a day for counts;
- a **trend** between -15% and +40% a year;
- **yearly seasonality**: two smooth harmonics, peak at most 0-30% above the mean;
- a **weekday pattern** and a **payday lift** (25th to month end, 0-15%);
- **Ramadan and Lebaran** on the real Indonesian dates (:func:`kpi.events.calendar_features`): a rise in late
  Ramadan, a drop over the Lebaran window, deepest on Idul Fitri and the two days after; Lebaran moves about
  11 days earlier each year, so a model that only knows "same month last year" gets it wrong;
- **12.12 and 11.11** spikes (0-100% each);
- **slow level drift** no model can know in advance: a monthly AR(1) on the log scale (phi 0.5-0.8,
  innovation sd 0.02-0.08), so honest forecasts must widen with the horizon;
- **day noise**: lognormal (sd 0.1-0.4) for money, Poisson for counts.

Ratios (``kind="ratio"``) are conversions over leads: leads a count series as above, a conversion probability
of 5-25% with its own mild seasonality, trend and drift on the logit scale, and conversions Binomial.

The drawn parameters are in ``frame.attrs["params"]`` (for ratios the leads' under ``"leads"``), so tests can
check that what was planted can be found.

Examples
--------
>>> df = simulate(3, "count", years=1.0)
>>> list(df.columns), len(df), df["value"].dtype.kind
(['period', 'value'], 365, 'f')
>>> bool((df["value"] == df["value"].round()).all())
True
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from kpi.events import calendar_features

__all__ = ["KINDS", "LEBARAN_PROFILE", "draw_params", "simulate"]

#: ``"sum"`` money-like, ``"count"`` a sum KPI of whole counts (orders, leads), ``"ratio"`` conversions / leads.
KINDS = ("sum", "count", "ratio")
#: Share of the Lebaran drop by ``lebaran_day`` -1 .. 6: the eve already quiet, the deepest on the day and the
#: two after (shops shut, staff on *mudik*), then a week of recovery.
LEBARAN_PROFILE = np.array([0.5, 1.0, 1.0, 0.9, 0.7, 0.5, 0.35, 0.2])
_YEAR = 365.25


def draw_params(rng: np.random.Generator, counts: bool) -> dict[str, Any]:
    """The random make-up of one level series (money or counts); always the same number of draws.

    Parameters
    ----------
    rng
        The series' generator; drawing order is fixed so a seed always gives the same series.
    counts
        Counts (5-200 a day) instead of money (lognormal around Rp 5 juta a day).

    Returns
    -------
    dict
        ``base``, ``trend`` (growth a year), ``season_amp``, ``season_phase``, ``season2``, ``season2_phase``,
        ``weekday`` (7 log effects), ``payday``, ``ramadan``, ``ramadan_late``, ``lebaran`` (drop on the deepest
        day, 0-1), ``d1212``, ``d1111``, ``noise_sd``, ``drift_phi``, ``drift_sd``.
    """
    money = float(np.exp(rng.normal(np.log(5e6), 0.7)))
    count = float(np.exp(rng.uniform(np.log(5.0), np.log(200.0))))
    weekday_sd = rng.uniform(0.02, 0.12)
    weekday = rng.normal(0.0, weekday_sd, 7)
    return {
        "counts": counts,
        "base": count if counts else money,
        "trend": rng.uniform(-0.15, 0.40),
        "season_amp": rng.uniform(0.0, 0.30),
        "season_phase": rng.uniform(0.0, 1.0),
        "season2": rng.uniform(0.0, 0.5),  # second harmonic relative to the first: lopsided years
        "season2_phase": rng.uniform(0.0, 1.0),
        "weekday": weekday - weekday.mean(),
        "payday": rng.uniform(0.0, 0.15),
        "ramadan": rng.uniform(-0.10, 0.10),
        "ramadan_late": rng.uniform(0.0, 0.35),
        "lebaran": rng.uniform(0.10, 0.60),
        "d1212": rng.uniform(0.0, 1.0),
        "d1111": rng.uniform(0.0, 1.0),
        "noise_sd": rng.uniform(0.10, 0.40),
        "drift_phi": rng.uniform(0.5, 0.8),
        "drift_sd": rng.uniform(0.02, 0.08),
    }


def _years(days: pd.DatetimeIndex) -> np.ndarray:
    """Time in years since the first day (the trend's clock)."""
    return (days - days[0]).days.to_numpy() / _YEAR


def _season(days: pd.DatetimeIndex, amp: float, phase: float, second: float, phase2: float) -> np.ndarray:
    """Smooth yearly log effect whose peak is at most ``log1p(amp)`` (two harmonics, scaled by their sum)."""
    x = (days.day_of_year.to_numpy() - 1) / _YEAR
    wave = np.cos(2 * np.pi * (x - phase)) + second * np.cos(4 * np.pi * (x - phase2))
    return np.log1p(amp) * wave / (1.0 + second)


def _drift(days: pd.DatetimeIndex, phi: float, sd: float, rng: np.random.Generator) -> np.ndarray:
    """A monthly AR(1) on the log scale, one value per calendar month, held through the month's days.

    Starts from its stationary distribution: the first month of data is no better known than any other.
    """
    month = (days.year.to_numpy() - days.year[0]) * 12 + days.month.to_numpy() - days.month[0]
    shocks = rng.normal(0.0, sd, month.max() + 1)
    level = np.empty(month.max() + 1)
    level[0] = shocks[0] / np.sqrt(1.0 - phi**2)
    for m in range(1, len(level)):
        level[m] = phi * level[m - 1] + shocks[m]
    return level[month]


def _calendar_log(cal: pd.DataFrame, p: Mapping[str, Any]) -> np.ndarray:
    """Weekday, payday, Ramadan, Lebaran and 12.12 / 11.11 effects on the log scale."""
    out = np.asarray(p["weekday"])[cal["weekday"].to_numpy()]
    out = out + np.log1p(p["payday"]) * cal["payday"].to_numpy()
    out = out + np.log1p(p["ramadan"]) * cal["ramadan"].to_numpy()
    out = out + np.log1p(p["ramadan_late"]) * cal["ramadan_late"].to_numpy()
    lebaran = cal["lebaran"].to_numpy()
    offset = cal["lebaran_day"].fillna(-1).to_numpy(dtype=int) + 1  # -1 .. 6 -> 0 .. 7
    drop = np.where(lebaran, p["lebaran"] * LEBARAN_PROFILE[np.clip(offset, 0, 7)], 0.0)
    out = out + np.log1p(-drop)
    shop = cal["harbolnas"].to_numpy()
    out = out + np.log1p(p["d1212"]) * (shop == "12.12") + np.log1p(p["d1111"]) * (shop == "11.11")
    return out


def _level_log(days: pd.DatetimeIndex, cal: pd.DataFrame, p: Mapping[str, Any], drift: np.ndarray) -> np.ndarray:
    """The log of the expected value per day, drift included."""
    return (np.log(p["base"]) + np.log1p(p["trend"]) * _years(days)
            + _season(days, p["season_amp"], p["season_phase"], p["season2"], p["season2_phase"])
            + _calendar_log(cal, p) + drift)


def _level_series(days: pd.DatetimeIndex, cal: pd.DataFrame, p: Mapping[str, Any], rng: np.random.Generator,
                  noise: bool) -> np.ndarray:
    """Daily values of a money or count series (whole numbers for counts, Rp 100 steps for money)."""
    drift = _drift(days, p["drift_phi"], p["drift_sd"], rng) if noise else np.zeros(len(days))
    mean = np.exp(_level_log(days, cal, p, drift))
    if not noise:
        return mean
    if p["counts"]:
        return rng.poisson(mean).astype(float)
    return np.round(mean * np.exp(rng.normal(0.0, p["noise_sd"], len(days))), -2)


def _draw_conversion(rng: np.random.Generator) -> dict[str, float]:
    """Make-up of a conversion probability: mild next to the leads' own swings."""
    return {
        "p0": rng.uniform(0.05, 0.25),
        "trend": rng.uniform(-0.15, 0.15),  # on the logit scale, a year
        "season_amp": rng.uniform(0.0, 0.15),
        "season_phase": rng.uniform(0.0, 1.0),
        "drift_phi": rng.uniform(0.5, 0.8),
        "drift_sd": rng.uniform(0.02, 0.06),
    }


def _conversion(days: pd.DatetimeIndex, c: Mapping[str, float], rng: np.random.Generator,
                noise: bool) -> np.ndarray:
    """Daily conversion probability: logit-linear trend, one smooth harmonic and monthly AR(1) drift."""
    logit = np.log(c["p0"] / (1.0 - c["p0"])) + c["trend"] * _years(days)
    logit = logit + _season(days, c["season_amp"], c["season_phase"], 0.0, 0.0)
    if noise:
        logit = logit + _drift(days, c["drift_phi"], c["drift_sd"], rng)
    return 1.0 / (1.0 + np.exp(-logit))


def simulate(seed: int, kind: str = "sum", start: Any = "2023-01-01", years: float = 3.0, *,
             noise: bool = True, params: Mapping[str, Any] | None = None) -> pd.DataFrame:
    """One simulated daily KPI series, the same for the same arguments.

    Parameters
    ----------
    seed
        Decides every random choice: the make-up (:func:`draw_params`), the drift and the day noise.
    kind
        ``"sum"`` (money), ``"count"`` (a sum KPI of whole counts) or ``"ratio"`` (conversions / leads).
    start
        The first day.
    years
        Length, in years of 365.25 days (rounded to whole days).
    noise
        ``False`` gives the expected values: no drift, no day noise, counts not rounded (for tests that look
        for the planted features).
    params
        Overrides of drawn parameters (for ratios, of the leads' parameters; ``"conversion"`` may hold a
        mapping of conversion overrides). Applied after drawing, so the rest of the series stays the same.

    Returns
    -------
    pandas.DataFrame
        ``period`` (consecutive days, datetime64[us]) and ``value``; for ratios also ``numerator``
        (conversions) and ``denominator`` (leads), ``value`` their quotient (NaN on a day without leads,
        as :meth:`kpi.Workspace.compute` gives it). ``attrs["params"]`` holds the make-up.
    """
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {KINDS}, not {kind!r}")
    rng = np.random.default_rng(seed)
    days = pd.date_range(pd.Timestamp(start), periods=int(round(years * _YEAR)), freq="D").as_unit("us")
    cal = calendar_features(days)
    overrides = dict(params or {})
    conv_over = overrides.pop("conversion", {})
    p = draw_params(rng, counts=kind != "sum")
    conv = _draw_conversion(rng)  # drawn for every kind so a kind change does not reshuffle the rest
    p.update(overrides)
    conv.update(conv_over)
    values = _level_series(days, cal, p, rng, noise)
    frame = pd.DataFrame({"period": days, "value": values})
    if kind == "ratio":
        prob = _conversion(days, conv, rng, noise)
        conversions = rng.binomial(values.astype(np.int64), prob).astype(float) if noise else values * prob
        with np.errstate(invalid="ignore", divide="ignore"):
            rate = np.where(values > 0, conversions / np.where(values > 0, values, 1.0), np.nan)
        frame = pd.DataFrame({"period": days, "value": rate, "numerator": conversions, "denominator": values})
        frame.attrs["params"] = {"leads": p, "conversion": conv}
    else:
        frame.attrs["params"] = p
    return frame
