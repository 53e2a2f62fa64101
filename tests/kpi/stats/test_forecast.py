"""The forecaster against series whose truth is known: planted trend, season, weekday and Lebaran.

Each series is generated here with numpy from an explicit model, and the expected monthly totals are
computed from that model (lognormal means), independently of :mod:`kpi.stats.forecast`. Calibration over
hundreds of series is the backtest's job (``test_backtest.py``).
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest

import kpi
from kpi.events import LEBARAN_WINDOW, eid_al_fitr
from kpi.stats.forecast import Forecast, forecast

SIGMA = 0.2  # day noise on the log scale


def planted(days: pd.DatetimeIndex, growth: float = 0.2, lebaran: float = -0.6) -> np.ndarray:
    """Log of the expected daily value (before noise): level, trend, yearly wave, weekend, Lebaran."""
    years = (days - pd.Timestamp("2023-01-01")).days.to_numpy() / 365.25
    mu = np.log(2e6) + np.log1p(growth) * years + 0.15 * np.sin(2 * np.pi * days.day_of_year.to_numpy() / 365.25)
    mu += np.where(days.day_of_week >= 5, 0.25, 0.0)
    for eid in eid_al_fitr(range(days.year.min(), days.year.max() + 1)):
        offset = (days - pd.Timestamp(eid)).days.to_numpy()
        mu += np.where((offset >= LEBARAN_WINDOW[0]) & (offset <= LEBARAN_WINDOW[1]), lebaran, 0.0)
    return mu


def history(seed: int = 0, end: str = "2025-12-31", **kw) -> pd.DataFrame:
    days = pd.date_range("2023-01-01", end)
    rng = np.random.default_rng(seed)
    return pd.DataFrame({"period": days, "value": np.exp(planted(days, **kw) + rng.normal(0, SIGMA, len(days)))})


def truth(start: str, end: str, **kw) -> pd.Series:
    """Expected monthly totals of the planted model: sum of exp(mu + sigma^2 / 2)."""
    days = pd.date_range(start, end)
    daily = pd.Series(np.exp(planted(days, **kw) + SIGMA**2 / 2), index=days)
    return daily.groupby(days.to_period("M")).sum()


def test_recovers_planted_months_including_lebaran():
    f = forecast(history(), "2026-01-01", "2026-06-30", draws=1000)
    want = truth("2026-01-01", "2026-06-30")
    got = f.expected()["value"].to_numpy()
    np.testing.assert_allclose(got, want.to_numpy(), rtol=0.06)
    # Lebaran 2026 (20 March) pulls March down; the model knows where it falls although it moved 11 days
    shape = got / got.mean()
    np.testing.assert_allclose(shape, (want / want.mean()).to_numpy(), atol=0.04)
    blind = forecast(history(), "2026-01-01", "2026-06-30", draws=1000, events=False).expected()["value"]
    assert abs(blind.iloc[2] / want.iloc[2] - 1) > abs(got[2] / want.iloc[2] - 1)


def test_interval_covers_the_truth_and_median_is_central():
    f = forecast(history(1), "2026-01-01", "2026-03-31", draws=2000)
    total = truth("2026-01-01", "2026-03-31").sum()
    assert f.quantile(0.1) < total < f.quantile(0.9)
    assert f.quantile(0.5) == pytest.approx(total, rel=0.06)
    assert f.probability(f.quantile(0.5)) == pytest.approx(0.5, abs=0.01)
    assert f.probability(f.quantile(0.8)) == pytest.approx(0.2, abs=0.01)
    assert f.probability(f.quantile(0.2), higher_is_better=False) == pytest.approx(0.2, abs=0.01)


def test_wider_for_a_longer_horizon():
    near = forecast(history(2), "2026-01-01", "2026-01-31", draws=1000)
    far = forecast(history(2), "2026-12-01", "2026-12-31", draws=1000)
    spread = [np.log(x.quantile(0.9) / x.quantile(0.1)) for x in (near, far)]
    assert spread[1] > spread[0]


def test_the_gap_between_history_and_span_is_simulated_then_dropped():
    f = forecast(history(end="2025-11-15"), "2026-01-01", "2026-02-28", draws=200)
    assert f.periods["period"].dt.strftime("%Y-%m").tolist() == ["2026-01", "2026-02"]
    assert f.periods["days"].tolist() == [31, 28]


def test_weekly_periods_clip_to_the_span():
    f = forecast(history(), "2026-01-07", "2026-01-31", grain="week", draws=200)
    assert f.periods["period"].iloc[0] == pd.Timestamp("2026-01-07")  # a Wednesday: the first week is clipped
    assert f.periods["days"].sum() == 25 and (f.periods["period"].iloc[1:].dt.day_of_week == 0).all()


def test_ratio_forecast_uses_numerator_and_denominator():
    days = pd.date_range("2023-06-01", "2025-12-31")
    rng = np.random.default_rng(5)
    leads = rng.poisson(80, len(days))
    won = rng.binomial(leads, 0.12)
    f = forecast(pd.DataFrame({"period": days, "numerator": won, "denominator": leads}), "2026-01-01", "2026-03-31",
                 kind="ratio", draws=1000)
    assert set(f.parts) == {"numerator", "denominator"}
    assert f.quantile(0.5) == pytest.approx(0.12, abs=0.01)
    assert f.expected()["denominator"].sum() == pytest.approx(80 * 90, rel=0.05)
    # a rate of ~7,200 binomial trials: its 80% interval is a couple of points wide, not more
    assert 0.005 < f.quantile(0.9) - f.quantile(0.1) < 0.04
    scaled = forecast(pd.DataFrame({"period": days, "numerator": won * 10, "denominator": leads * 10}),
                      "2026-01-01", "2026-03-31", kind="ratio", draws=1000)
    assert scaled.quantile(0.5) == pytest.approx(f.quantile(0.5), abs=0.005)


def test_monthly_series_average():
    months = pd.date_range("2023-01-01", "2025-12-01", freq="MS")
    rng = np.random.default_rng(2)
    values = 500 * 1.01 ** np.arange(len(months)) * rng.lognormal(0, 0.03, len(months))
    f = forecast(pd.DataFrame({"period": months, "value": values}), "2026-01-01", "2026-06-30", kind="average",
                 daily=False, draws=1000)
    assert len(f.periods) == 6
    assert f.quantile(0.5) == pytest.approx(500 * np.mean(1.01 ** np.arange(36, 42)), rel=0.05)
    with pytest.raises(kpi.QueryError, match="whole months"):
        forecast(pd.DataFrame({"period": months, "value": values}), "2026-01-05", "2026-06-30", kind="average",
                 daily=False)


def test_repeatable_with_a_seed():
    a = forecast(history(), "2026-01-01", "2026-01-31", draws=300, seed=7).values()
    b = forecast(history(), "2026-01-01", "2026-01-31", draws=300, seed=7).values()
    np.testing.assert_array_equal(a, b)


def test_short_history_warns_and_carries_the_level():
    h = history().tail(30)
    with pytest.warns(kpi.DegenerateDataWarning, match="30 periods"):
        f = forecast(h, "2026-01-01", "2026-01-31", draws=300)
    assert isinstance(f, Forecast)
    assert f.quantile(0.5) == pytest.approx(h["value"].mean() * 31, rel=0.25)


@pytest.mark.parametrize(("kwargs", "match"), [
    ({"kind": "median"}, "`kind`"),
    ({"draws": 10}, "`draws`"),
    ({"grain": "day"}, "`grain"),
])
def test_bad_arguments(kwargs, match):
    with pytest.raises(kpi.QueryError, match=match):
        forecast(history(), "2026-01-01", "2026-01-31", **kwargs)


def test_span_must_follow_the_history():
    with pytest.raises(kpi.QueryError, match="after the history"):
        forecast(history(), "2025-12-01", "2026-01-31")
    with pytest.raises(kpi.QueryError, match="swap"):
        forecast(history(), "2026-03-01", "2026-01-31")
    with pytest.raises(kpi.DataSchemaError):
        forecast(pd.DataFrame({"period": [], "amount": []}), "2026-01-01", "2026-01-31")


def test_quiet_on_good_data():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        forecast(history(), "2026-01-01", "2026-01-31", draws=200)
