"""Anomalies and level shifts (kpi.stats.anomalies): synthetic series with planted answers, the sample's stories.

Error rates measured with the fixed seeds below (threshold 3.5, p < 0.05 for shifts):

- falsely flagged points, 30 series x 365 days each: log-normal money 7 of 10,950 (0.06%), Poisson(20)
  counts 13 (0.12%), Poisson(5) counts 67 (0.6%), 63 of them natural zeros: flagging a 0 where ~5
  are normal is what the square-root scale is for, and Poisson(5) has a 0 on 0.7% of days;
- false level shifts on 300 stationary weekly series (104 weeks, normal noise): 13 (4.3%).
"""

from __future__ import annotations

import time
import warnings

import numpy as np
import pandas as pd
import pytest

import kpi
from kpi.stats import AnomalyResult, ChangePoint, change_points, find_anomalies

DAYS = pd.date_range("2025-01-01", periods=365)
WEEKS = pd.date_range("2024-11-04", periods=104, freq="W-MON")
WEEKDAY = np.array([1.0, 0.95, 0.95, 1.0, 1.1, 1.15, 1.05])[DAYS.day_of_week]


def money(rng: np.random.Generator) -> pd.Series:
    """Daily revenue: weekday pattern, 25% growth a year, log-normal noise."""
    return pd.Series(5e6 * WEEKDAY * np.exp(rng.normal(0, 0.15, 365) + 0.25 * np.arange(365) / 365), index=DAYS)


def counts(rng: np.random.Generator, mean: float) -> pd.Series:
    return pd.Series(rng.poisson(mean * WEEKDAY).astype(float), index=DAYS)


def flagged(result: AnomalyResult) -> list[str]:
    return [str(p.date()) for p in result.anomalies["period"]]


# --- synthetic series -------------------------------------------------------------------------------


@pytest.mark.parametrize("seed", range(5))
def test_planted_spike_and_dip_are_flagged(seed):
    series = money(np.random.default_rng(seed))
    series["2025-04-15"] *= 2.5
    series["2025-09-02"] *= 0.35
    result = find_anomalies(series)
    rows = result.points.set_index("period")
    assert rows.loc["2025-04-15", "direction"] == "high" and rows.loc["2025-09-02", "direction"] == "low"
    assert rows.loc["2025-04-15", "value"] > rows.loc["2025-04-15", "upper"]
    assert rows.loc["2025-09-02", "value"] < rows.loc["2025-09-02", "lower"]
    assert len(result.anomalies) <= 3


@pytest.mark.parametrize("seed", range(8))
def test_a_day_without_orders_is_flagged_where_five_are_normal(seed):
    series = counts(np.random.default_rng(seed), 5.0)
    series["2025-06-14"] = 0  # a Saturday: ~5.75 orders expected
    result = find_anomalies(series)
    row = result.points.set_index("period").loc["2025-06-14"]
    assert row["anomaly"] and row["direction"] == "low" and row["z"] < -3.5
    assert row["lower"] >= 1  # counts: the band is in whole orders


@pytest.mark.parametrize("seed", range(3))
def test_a_day_without_orders_stands_out_where_there_always_is_one(seed):
    # Like WhatsApp in the sample: at least one order a day, ~2.6 on average; one day none.
    series = pd.Series(1 + np.random.default_rng(seed).poisson(1.6 * WEEKDAY).astype(float), index=DAYS)
    series["2025-06-11"] = 0
    assert flagged(find_anomalies(series)) == ["2025-06-11"]


@pytest.mark.parametrize(("make", "bound"), [(money, 0.002), (lambda r: counts(r, 20), 0.002),
                                             (lambda r: counts(r, 5), 0.01)])
def test_few_false_flags_on_series_without_anomalies(make, bound):
    results = [find_anomalies(make(np.random.default_rng(1000 + s))) for s in range(30)]
    share = sum(len(r.anomalies) for r in results) / sum(r.n for r in results)
    assert share <= bound


def test_rate_series_are_weighted_by_their_denominator():
    rng = np.random.default_rng(11)
    leads = rng.poisson(60, 104).astype(float)
    won = rng.binomial(leads.astype(int), 0.2).astype(float)
    won[50] = 0  # no conversion in a week of ~60 leads
    frame = pd.DataFrame({"period": WEEKS, "value": won / leads, "numerator": won, "denominator": leads})
    result = find_anomalies(frame, grain="week")
    assert flagged(result) == [str(WEEKS[50].date())]


@pytest.mark.parametrize(("seed", "start"), [(1, 45), (2, 30), (3, 90)])
def test_a_planted_weekly_shift_is_found_within_a_few_weeks(seed, start):
    # Starts away from Ramadan and Lebaran: a shift that starts inside them is partly taken for their effect.
    rng = np.random.default_rng(seed)
    values = rng.normal(100, 10, 104) - 15 * (np.arange(104) >= start)
    (cp,) = change_points(pd.Series(values, index=WEEKS), grain="week")
    assert isinstance(cp, ChangePoint)
    assert abs((cp.period - WEEKS[start]).days) <= 3 * 7
    assert cp.before == pytest.approx(100, abs=5) and cp.after == pytest.approx(85, abs=5)
    assert cp.change == pytest.approx(cp.after - cp.before) and cp.pvalue < 0.05


def test_a_planted_daily_shift_is_found_and_followed_by_the_baseline():
    rng = np.random.default_rng(5)
    series = counts(rng, 20.0)
    series[250:] = rng.poisson(28 * WEEKDAY[250:]).astype(float)
    result = find_anomalies(series)
    assert [abs((cp.period - DAYS[250]).days) <= 7 for cp in result.change_points] == [True]
    assert len(result.anomalies) <= 2  # the days after the shift are expected at the new level


def test_a_shift_in_a_rate_is_found():
    rng = np.random.default_rng(8)
    leads = rng.poisson(15, 104)
    rate = np.where(np.arange(104) >= 88, 0.02, 0.14)
    won = rng.binomial(leads, rate).astype(float)
    frame = pd.DataFrame({"period": WEEKS, "value": won / leads, "numerator": won, "denominator": leads})
    (cp,) = change_points(frame, grain="week")
    assert abs((cp.period - WEEKS[88]).days) <= 4 * 7
    assert cp.before > 0.1 and cp.after < 0.05


def test_steady_growth_is_not_a_shift():
    rng = np.random.default_rng(4)
    assert change_points(pd.Series(rng.normal(100, 10, 104) + np.linspace(0, 30, 104), index=WEEKS),
                         grain="week") == ()


def test_false_shifts_on_stationary_series_are_about_five_percent():
    false = sum(bool(change_points(pd.Series(np.random.default_rng(30000 + s).normal(100, 10, 104), index=WEEKS),
                                   grain="week")) for s in range(300))
    assert false <= 21  # 7%; measured: 13 of 300 (4.3%). The binomial sd at 5% is 1.3%.


def test_a_lone_spike_is_an_anomaly_not_a_shift():
    series = money(np.random.default_rng(2))
    series["2025-07-01"] *= 20
    result = find_anomalies(series)
    assert "2025-07-01" in flagged(result) and result.change_points == ()


def test_points_frame():
    result = find_anomalies(money(np.random.default_rng(0)))
    assert list(result.points.columns) == ["period", "value", "expected", "lower", "upper", "z", "anomaly",
                                           "direction", "context"]
    assert len(result.points) == result.n == 365 and result.grain == "day" and result.threshold == 3.5
    assert (result.points["lower"] <= result.points["expected"]).all()
    assert (result.points["expected"] <= result.points["upper"]).all()
    assert result.points.loc[0, "context"] == "Wed, 1.1"  # New Year's Day, also a twin date
    assert result.points.loc[1, "context"] == "Thu"
    assert result.points["direction"].isna().tolist() == (~result.points["anomaly"]).tolist()
    assert result.points["direction"].dtype == object and result.points["anomaly"].dtype == bool
    assert "log" in result.method


def test_a_lower_threshold_flags_more():
    series = money(np.random.default_rng(3))
    assert len(find_anomalies(series, threshold=2.5).anomalies) > len(find_anomalies(series).anomalies)


# --- the sample data's stories ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def sample() -> dict[str, pd.DataFrame]:
    ws = kpi.Workspace.open(":memory:")
    kpi.load_sample(ws)
    return {
        "revenue": ws.compute("revenue", grain="day"),
        "orders": ws.compute("orders", grain="day"),
        "whatsapp": ws.compute("orders", grain="day", filters={"kanal": "WhatsApp"}),
        "followers": ws.compute("follower_growth", grain="day", filters={"platform": "Instagram"}),
        "conversion": ws.compute("conversion_rate", grain="week",
                                 filters={"sumber": "Instagram", "provinsi": "Jawa Barat"}),
        "roas": ws.compute("roas", grain="week", filters={"kanal": "TikTok Shop"}),
    }


@pytest.fixture(scope="module")
def totals(sample) -> dict[str, AnomalyResult]:
    return {name: find_anomalies(sample[name]) for name in ("revenue", "orders")}


def test_whatsapp_outage_is_the_one_low_day(sample):
    result = find_anomalies(sample["whatsapp"])
    assert flagged(result) == ["2026-06-10"]
    row = result.anomalies.iloc[0]
    assert row["direction"] == "low" and row["value"] == 0 and row["lower"] == 1
    assert result.describe("en", label="WhatsApp orders", unit="count") == [
        "WhatsApp orders on 10 Jun 2026 came in unusually low at 0 for a Wednesday (expected 1 to 10)."]
    assert result.describe("id", label="Pesanan WhatsApp", unit="count") == [
        "Pesanan WhatsApp pada 10 Jun 2026 tercatat 0, luar biasa rendah untuk hari Rabu (perkiraan 1 sampai 10)."]


def test_influencer_day_is_flagged_high(sample):
    result = find_anomalies(sample["followers"])
    assert flagged(result) == ["2026-05-16", "2026-05-17", "2026-05-18"]
    assert (result.anomalies["direction"] == "high").all()
    assert result.anomalies["z"].idxmax() == result.points.index[result.points["period"] == "2026-05-16"][0]


@pytest.mark.parametrize("name", ["revenue", "orders"])
def test_lebaran_and_shopping_days_are_expected(totals, name):
    rows = totals[name].points.set_index("period")
    planned = ["2025-03-31", "2025-04-01", "2025-04-02", "2026-03-20", "2026-03-21", "2026-03-22",
               "2024-12-12", "2025-12-12", "2024-11-11", "2025-11-11"]
    assert not rows.loc[pd.to_datetime(planned), "anomaly"].any()
    assert rows.loc["2026-03-20", "value"] < 0.5 * rows.loc["2026-03-13", "value"]  # Lebaran's empty day


@pytest.mark.parametrize(("name", "days"), [("revenue", ["2026-07-08"]), ("orders", ["2026-02-27"])])
def test_few_flags_beyond_the_stories_on_the_totals(totals, name, days):
    # Revenue: a Wednesday at Rp1.8 million (z = -3.6) against Rp5.1 million expected; orders: 48 on a
    # Friday of Ramadan (z = +4.0) against ~27. Neither is a planted story: noise at 1 in 730 days.
    assert flagged(totals[name]) == days


def test_without_the_calendar_lebaran_and_12_12_would_be_flagged(sample):
    days = flagged(find_anomalies(sample["revenue"], events=False))
    assert {"2025-03-31", "2026-03-20", "2024-12-12"} <= set(days)


def test_instagram_conversion_in_west_java_collapses(sample):
    shifts = change_points(sample["conversion"], grain="week")
    assert len(shifts) == 1
    (cp,) = shifts
    # Planted from 2026-08-01; May to July happened to run low already (15 of 173 leads, 8.7%), so the
    # likelihood cannot tell 22 June from 3 August (binomial LR 27.4 against 26.3): within 8 weeks.
    assert abs((cp.period - pd.Timestamp("2026-08-01")).days) <= 8 * 7
    assert cp.before > 0.12 and cp.after < 0.04 and cp.pvalue < 0.01
    assert cp.summary("en", label="Conversion", unit="percent") == (
        "Conversion shifted from 13.9% to 2.9% from 22 Jun 2026 (p < 0.001).")
    assert cp.summary("id", label="Konversi", unit="percent") == (
        "Konversi bergeser dari 13,9% ke 2,9% mulai 22 Jun 2026 (p < 0,001).")


def test_tiktok_roas_falls_in_september(sample):
    shifts = change_points(sample["roas"], grain="week")
    last = shifts[-1]
    assert abs((last.period - pd.Timestamp("2026-09-01")).days) <= 7
    assert last.before > 5 and last.after < 3.5


def test_anomaly_result_reports_the_shifts_and_follows_them(sample):
    result = find_anomalies(sample["roas"], grain="week")
    assert result.change_points == change_points(sample["roas"], grain="week")
    assert result.anomalies.empty  # the weeks after the fall are at the new level, not anomalies
    text = result.summary("en", label="ROAS", unit="ratio")
    assert text.startswith("No unusual weeks in ROAS: all 105 stay within the expected range")
    assert "ROAS shifted from 6.6x to 2.9x from 31 Aug 2026" in text


def test_sample_series_are_fast(sample):
    start = time.process_time()
    find_anomalies(sample["revenue"])
    assert time.process_time() - start < 1.0


# --- thin data and bad arguments --------------------------------------------------------------------


@pytest.mark.parametrize(("values", "code"), [
    ([5.0] * 10, "only 10 days"),
    ([7.0] * 60, "every value is 7"),
    ([0.0] * 60, "every value is 0"),
    ([np.nan] * 50 + [3.0] * 10, "only 10 days"),
])
def test_degenerate_series_warn_and_flag_nothing(values, code):
    series = pd.Series(values, index=pd.date_range("2026-01-01", periods=len(values)))
    with pytest.warns(kpi.DegenerateDataWarning) as caught:
        result = find_anomalies(series)
    assert result.anomalies.empty and result.change_points == () and len(result.points) == len(values)
    assert any(code in str(w.message).lower() for w in caught) or code in result.summary("en").lower()
    assert result.summary("id") != result.summary("en")


def test_too_short_message_names_the_minimum():
    series = pd.Series([5.0] * 10, index=pd.date_range("2026-01-01", periods=10))
    with pytest.warns(kpi.DegenerateDataWarning, match="Only 10 days with a value: a baseline needs at least 28"):
        find_anomalies(series)
    with pytest.warns(kpi.DegenerateDataWarning):
        assert change_points(series) == ()


def test_a_few_missing_values_are_skipped_without_warning():
    series = money(np.random.default_rng(6))
    series.iloc[[10, 200]] = np.nan
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        result = find_anomalies(series)
    assert result.n == 363 and result.points["z"].isna().sum() == 2 and not result.points["anomaly"].iloc[10]


def test_a_flat_series_with_one_spike_flags_the_spike():
    series = pd.Series(10.0, index=DAYS)
    series["2025-05-05"] = 30
    assert flagged(find_anomalies(series)) == ["2025-05-05"]


def test_thin_months_warn_but_still_judge():
    months = pd.date_range("2025-01-01", periods=18, freq="MS")
    series = pd.Series(np.random.default_rng(1).normal(100, 5, 18), index=months)
    series.iloc[9] = 200
    with pytest.warns(kpi.DegenerateDataWarning, match="Only 18 months"):
        result = find_anomalies(series, grain="month")
    assert flagged(result) == ["2025-10-01"]
    assert result.describe("en") == ["The value in Oct 2025 came in unusually high at 200 (expected 88.4 to 113.38)."]
    assert result.describe("id") == ["Nilai pada Okt 2025 tercatat 200, luar biasa tinggi (perkiraan 88,4 sampai 113,38)."]
    assert result.points["context"].tolist()[:4] == [None, None, "Lebaran", "Lebaran"]  # months: Ramadan, Lebaran


def test_weekly_description_names_the_event():
    rng = np.random.default_rng(2)
    series = pd.Series(rng.normal(1000, 30, 104), index=WEEKS)
    series[pd.Timestamp("2025-12-08")] = 2000  # the week of 12.12
    result = find_anomalies(series, grain="week")
    assert flagged(result) == ["2025-12-08"]
    assert result.anomalies.iloc[0]["context"] == "12.12"
    (en,), (ind,) = result.describe("en", label="Orders"), result.describe("id", label="Pesanan")
    assert en.startswith("Orders in the week of 8 Dec 2025 came in unusually high at 2,000 for a week with 12.12")
    assert ind.startswith("Pesanan pada pekan mulai 8 Des 2025 tercatat 2.000, luar biasa tinggi untuk pekan dengan "
                          "12.12 (perkiraan")


def test_daily_description_names_ramadan_and_holidays():
    series = money(np.random.default_rng(9))
    series["2025-03-20"] *= 0.2  # a Thursday in Ramadan
    series["2025-08-17"] *= 0.2  # Independence Day (a Sunday)
    result = find_anomalies(series)
    en = result.describe("en", label="Revenue", unit="currency")
    ind = result.describe("id", label="Penjualan", unit="currency")
    assert any("for a Thursday in Ramadan (expected Rp" in s for s in en)
    assert any("untuk hari Kamis di bulan Ramadan (perkiraan Rp" in s for s in ind)
    assert any("for a Sunday on Independence Day" in s for s in en)
    assert any("untuk hari Minggu saat Hari Kemerdekaan" in s for s in ind)


def test_summary_without_anomalies_in_both_languages():
    result = find_anomalies(money(np.random.default_rng(2)))
    assert result.summary("en", label="revenue").startswith(
        "No unusual days in revenue: all 365 stay within the expected range (1 Jan 2025 to 31 Dec 2025)")
    assert result.summary("id", label="penjualan").startswith(
        "Tidak ada hari yang luar biasa pada penjualan: semua 365 hari berada dalam kisaran perkiraan")


@pytest.mark.parametrize(("kwargs", "name"), [
    ({"grain": "year"}, "`grain`"),
    ({"grain": "quarter"}, "`grain`"),
    ({"threshold": 0}, "`threshold`"),
    ({"threshold": -1.0}, "`threshold`"),
    ({"threshold": "3.5"}, "`threshold`"),
    ({"threshold": float("nan")}, "`threshold`"),
])
def test_bad_arguments_raise_naming_the_argument(kwargs, name):
    with pytest.raises(kpi.QueryError, match=name) as err:
        find_anomalies(money(np.random.default_rng(0)), **kwargs)
    assert isinstance(err.value, ValueError) and "use" in str(err.value)


@pytest.mark.parametrize("max_points", [-1, 1.5, True])
def test_bad_max_points(max_points):
    with pytest.raises(ValueError, match="`max_points`"):
        change_points(money(np.random.default_rng(0)), max_points=max_points)


def test_no_shift_asked_for_none_given():
    assert change_points(money(np.random.default_rng(0)), max_points=0) == ()


@pytest.mark.parametrize(("series", "name"), [
    (pd.DataFrame({"tanggal": DAYS, "value": 1.0}), "`period`"),
    (pd.DataFrame({"period": DAYS, "nilai": 1.0}), "`value`"),
    (pd.Series([1.0, 2.0]), "DatetimeIndex"),
    ([1.0, 2.0, 3.0], "DatetimeIndex"),
    (pd.DataFrame({"period": DAYS, "value": "banyak"}), "`value`"),
    (pd.DataFrame({"period": list(DAYS[:30]) * 2, "value": 1.0}), "`by`"),
])
def test_bad_series_raise_a_schema_error(series, name):
    with pytest.raises(kpi.DataSchemaError, match=name):
        find_anomalies(series)
