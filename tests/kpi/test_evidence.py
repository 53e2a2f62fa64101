"""The workspace's statistics: the right test for each KPI, fed with the right numbers.

Every figure a test receives is recomputed here from the sample CSV files with
pandas (not through the engine), and p-values are checked against SciPy,
pymannkendall or our own :mod:`kpi.stats` functions called on those pandas
figures, so a wrong query (a filter lost, a day missing, returns counted as
orders) shows up as a mismatch.
"""

from __future__ import annotations

import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pymannkendall
import pytest
from scipy import stats as sps

import kpi
from kpi import evidence, stats
from kpi.metrics import CATALOG, define

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "sample"


@pytest.fixture(scope="module")
def ws():
    ws = kpi.Workspace.open(":memory:")
    kpi.load_sample(ws)
    yield ws
    ws.close()


@pytest.fixture(scope="module")
def files():
    return {name: pd.read_csv(SAMPLE / f"{name}.csv", parse_dates=["tanggal"])
            for name in ("orders", "leads", "spend", "survey")}


def _month(frame: pd.DataFrame, month: str) -> pd.DataFrame:
    return frame[frame["tanggal"].dt.strftime("%Y-%m") == month]


def test_every_catalog_kpi_has_a_test_family_but_running_totals():
    families = {name: evidence.family(m) for name, m in CATALOG.items()}
    assert families.pop("revenue_cumulative") is None
    assert set(families.values()) <= {"proportion", "mean", "count", "total", "ratio"}
    assert all(families.values())


def test_custom_kpis_get_a_family_from_their_formula():
    def family(formula: str, unit: str) -> str | None:
        return evidence.family(define("custom", formula, CATALOG, unit=unit))

    assert family("revenue / leads", "currency") == "ratio"
    assert family("orders / leads", "percent") == "proportion"
    assert family("revenue - spend", "currency") == "total"


def test_conversion_uses_the_two_proportion_test_on_the_months_leads(ws, files):
    leads = files["leads"]
    jabar = leads[(leads["sumber"] == "Instagram") & (leads["provinsi"] == "Jawa Barat")]
    cur, base = _month(jabar, "2026-09"), _month(jabar, "2026-06")
    x = [(cur["terkonversi"] == "ya").sum(), (base["terkonversi"] == "ya").sum()]
    n = [len(cur), len(base)]
    res = ws.compare("conversion_rate", "2026-09-15", "2026-06-01",
                     filters={"sumber": "Instagram", "provinsi": "Jawa Barat"})
    assert res.kind == "proportion" and res.n == (n[0], n[1])
    assert res.current == pytest.approx(x[0] / n[0]) and res.baseline == pytest.approx(x[1] / n[1])
    table = np.array([[x[0], n[0] - x[0]], [x[1], n[1] - x[1]]])
    assert res.pvalue == pytest.approx(sps.chi2_contingency(table, correction=False).pvalue, rel=1e-9)
    assert res.direction == "decrease"  # story a: 14% -> 4%


def test_baseline_defaults_to_the_previous_period(ws):
    explicit = ws.compare("leads", "2026-10-01", "2026-09-01")
    default = ws.compare("leads", "2026-10-31")
    assert (default.current, default.baseline, default.pvalue) == (explicit.current, explicit.baseline,
                                                                   explicit.pvalue)


def test_aov_compares_order_values(ws, files):
    orders = files["orders"]
    sales = orders[(orders["total"] > 0) & (orders["kanal"] == "Shopee")]
    values = {m: _month(sales, m).groupby("no_pesanan")["total"].sum().to_numpy(float)
              for m in ("2026-10", "2026-09")}
    res = ws.compare("aov", "2026-10-01", filters={"kanal": "Shopee"})
    assert res.kind == "mean" and res.n == (len(values["2026-10"]), len(values["2026-09"]))
    assert res.current == pytest.approx(values["2026-10"].mean())
    assert res.baseline == pytest.approx(values["2026-09"].mean())
    reference = stats.compare_means(values["2026-10"], values["2026-09"], seed=0)
    assert (res.pvalue, res.method) == (reference.pvalue, reference.method)


def test_nps_compares_answers_coded_plus_minus_100(ws, files):
    survey = files["survey"]
    nps = survey[survey["pertanyaan"] == "nps"]
    coded = {m: np.select([_month(nps, m)["skor"] >= 9, _month(nps, m)["skor"] <= 6], [100.0, -100.0], 0.0)
             for m in ("2026-08", "2026-05")}
    res = ws.compare("nps", "2026-08-01", "2026-05-01")
    assert res.current == pytest.approx(coded["2026-08"].mean())
    assert res.current == pytest.approx(ws.compute("nps", start="2026-08-01", end="2026-08-31")["value"].iloc[0])
    reference = stats.compare_means(coded["2026-08"], coded["2026-05"], seed=0)
    assert res.pvalue == reference.pvalue


def test_revenue_is_compared_over_its_daily_totals(ws, files):
    orders = files["orders"]
    daily = {m: _month(orders, m).groupby("tanggal")["total"].sum() for m in ("2026-10", "2026-09")}
    res = ws.compare("revenue", "2026-10-01")
    assert res.kind == "total" and res.n == (31, 30)
    assert res.current == pytest.approx(daily["2026-10"].sum()) and res.baseline == pytest.approx(
        daily["2026-09"].sum())
    reference = stats.compare_totals(daily["2026-10"].to_numpy(), daily["2026-09"].to_numpy(), seed=0)
    assert res.pvalue == reference.pvalue and res.interval == reference.interval


def test_a_day_without_rows_is_a_zero_day_of_the_sample(ws):
    # WhatsApp had no orders on 2026-06-10 (story d): June still has 30 days of revenue.
    assert ws.compare("revenue", "2026-06-01", filters={"kanal": "WhatsApp"}).n == (30, 31)


def test_roas_of_tiktok_shop_fell_significantly(ws, files):
    orders, spend = files["orders"], files["spend"]
    rev = _month(orders[orders["kanal"] == "TikTok Shop"], "2026-10")["total"].sum()
    cost = _month(spend[spend["kanal"] == "TikTok Shop"], "2026-10")["biaya"].sum()
    res = ws.compare("roas", "2026-10-01", "2026-08-01", filters={"kanal": "TikTok Shop"})
    assert res.kind == "ratio" and res.current == pytest.approx(rev / cost)
    assert res.direction == "decrease" and res.pvalue < 0.01  # story c: ROAS 6-8 -> 2.7


def test_orders_use_the_poisson_test_with_days_as_exposure(ws, files):
    orders = files["orders"]
    sales = orders[(orders["total"] > 0) & (orders["kanal"] == "Instagram")]
    k = [_month(sales, m)["no_pesanan"].nunique() for m in ("2026-10", "2026-09")]
    res = ws.compare("orders", "2026-10-01", filters={"kanal": "Instagram"})
    assert res.kind == "count" and (res.current, res.baseline) == (k[0], k[1])


def test_two_segments_in_one_period(ws, files):
    leads = _month(files["leads"], "2026-10")
    x = {s: (leads[leads["sumber"] == s]["terkonversi"] == "ya").sum() for s in ("Referral", "Website")}
    n = {s: (leads["sumber"] == s).sum() for s in ("Referral", "Website")}
    res = ws.compare_segments("conversion_rate", "sumber", "Referral", "Website", period="2026-10-01")
    assert res.current == pytest.approx(x["Referral"] / n["Referral"])
    assert res.baseline == pytest.approx(x["Website"] / n["Website"])
    assert res.direction == "increase"  # planted 30% against 6%


def test_compare_by_adjusts_every_segment_with_benjamini_hochberg(ws):
    # Q3 2026 against Q2: Instagram leads of Jawa Barat convert at 3% instead of 14% from August (story a);
    # a single month holds too few of them (about 60) to stand out once eight provinces are tested.
    table = ws.compare_by("conversion_rate", "provinsi", "2026-09-01", "2026-06-01", grain="quarter",
                          filters={"sumber": "Instagram"})
    assert list(table.columns) == ["segment", "current", "baseline", "difference", "relative", "low", "high",
                                   "pvalue", "qvalue", "significant", "direction", "method"]
    assert set(table["segment"]) == set(ws.values("provinsi", "conversion_rate"))
    expected = sps.false_discovery_control(table["pvalue"].to_numpy(), method="bh")
    np.testing.assert_allclose(table["qvalue"], expected, rtol=1e-12)
    top = table.iloc[0]
    assert top["segment"] == "Jawa Barat" and top["direction"] == "decrease" and top["significant"]
    assert not table.iloc[1:]["significant"].any()  # every other province kept its planted rate


def test_monthly_revenue_trend_matches_pymannkendall_on_whole_months(ws, files):
    orders = files["orders"]
    monthly = orders.groupby(orders["tanggal"].dt.to_period("M"))["total"].sum()
    res = ws.trend("revenue", "month")
    assert res.n == len(monthly) == 24
    reference = pymannkendall.original_test(monthly.to_numpy())
    if res.method == "Mann-Kendall":
        assert res.pvalue == pytest.approx(reference.p, rel=1e-6)
    assert res.slope == pytest.approx(pymannkendall.sens_slope(monthly.to_numpy()).slope, rel=1e-6)
    assert res.direction == "increasing"


def test_trend_leaves_out_partial_periods(ws):
    # The data run from 2024-11-01 to 2026-10-31: quarters Q4 2024 (two months) and Q4 2026 (one) are partial.
    assert ws.trend("revenue", "quarter").n == 7


def test_whatsapp_outage_is_an_anomaly(ws):
    found = ws.anomalies("orders", "day", filters={"kanal": "WhatsApp"})
    flagged = set(found.anomalies["period"].dt.date.astype(str))
    assert "2026-06-10" in flagged


def test_running_totals_are_not_compared(ws):
    with pytest.raises(kpi.QueryError, match="running total"):
        ws.compare("revenue_cumulative", "2026-10-01")


def test_filter_values_reach_the_unit_query_as_literals(ws):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", kpi.DegenerateDataWarning)
        res = ws.compare("aov", "2026-10-01", filters={"kanal": "x' OR 1=1 --"})
    assert res.n == (0, 0)


def test_bad_periods_name_the_argument(ws):
    with pytest.raises(kpi.QueryError, match="`current`"):
        ws.compare("revenue", "not a date")
    with pytest.raises(kpi.QueryError, match="grain"):
        ws.compare("revenue", "2026-10-01", grain="fortnight")


@pytest.mark.parametrize("call", [lambda: stats.trend([1, 2, 3, 4, 5], alpha=5),
                                  lambda: stats.compare_means([1, 2, 3], [2, 3, 4], method="magic"),
                                  lambda: stats.find_anomalies(pd.Series([1.0, 2.0]), grain="fortnight")])
def test_bad_arguments_to_the_tests_are_kpi_errors_in_both_languages(call):
    with pytest.raises(kpi.QueryError) as caught:
        call()
    assert isinstance(caught.value, ValueError) and "`" in str(caught.value)
    assert caught.value.message("id") != caught.value.message("en")
