"""The KPI catalog and custom KPIs from formulas."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import kpi
from kpi import CATALOG, FormulaError, UnknownMetricError
from kpi.metrics import UNITS, define

DESIGN_NAMES = ["revenue", "orders", "aov", "active_customers", "new_customers", "retention_rate", "churn_rate",
                "repeat_purchase_rate", "leads", "conversion_rate", "spend", "cpl", "cac", "roas", "ctr",
                "engagement", "engagement_rate", "follower_growth", "nps", "csat"]


def test_the_catalog_holds_every_kpi_of_the_design():
    assert set(DESIGN_NAMES) <= set(CATALOG)
    assert {m.kind for m in CATALOG.values()} == {"simple", "ratio", "cumulative", "cohort"}


@pytest.mark.parametrize("name", sorted(CATALOG))
def test_every_kpi_is_described_in_both_languages(name):
    metric = CATALOG[name]
    assert metric.name == name
    assert metric.label("id") and metric.label("en")
    assert metric.description("id") != metric.description("en")
    assert metric.unit in UNITS
    assert metric.datasets and set(metric.datasets) <= set(kpi.KINDS)
    assert metric.is_ratio == (metric.kind == "ratio")


def test_labels_follow_the_design():
    assert CATALOG["revenue"].label("id") == "Angka Penjualan"
    assert CATALOG["retention_rate"].label("id") == "Tingkat Loyalitas"
    assert CATALOG["conversion_rate"].label("en") == "Conversion rate"
    assert not CATALOG["churn_rate"].higher_is_better and not CATALOG["cac"].higher_is_better


def test_unknown_kpi_suggests_the_closest():
    with pytest.raises(UnknownMetricError) as info:
        kpi.metrics.lookup("convertion_rate")
    assert "`conversion_rate`" in str(info.value)
    assert isinstance(info.value, KeyError)
    assert "Maksud Anda" in info.value.message("id")


@pytest.mark.parametrize("formula, code", [
    ("revenue / custmers", "formula_unknown_name"),
    ("impressions / 2", "formula_ambiguous_role"),
    ("revenue +", "formula_syntax"),
    ("mine * 2", "formula_cycle"),
    ("revenue_cumulative / 2", "formula_unknown_name"),
])
def test_bad_formulas_say_why(formula, code):
    with pytest.raises(FormulaError) as info:
        define("mine", formula, CATALOG)
    assert info.value.code == code
    assert info.value.message("id") != info.value.message("en")


@pytest.mark.parametrize("name", ["Revenue", "1x", "a-b", "x" * 41, "revenue"])
def test_bad_names_are_refused(name):
    with pytest.raises(FormulaError):
        define(name, "revenue", CATALOG)


def test_roles_and_kinds_in_formulas():
    per_item = define("price_per_item", "revenue / quantity", CATALOG)
    assert per_item.measures == ("orders.revenue", "orders.sum_quantity")
    reach = define("reach_rate", "social.reach / social.impressions", CATALOG)
    assert reach.datasets == ("social",) and reach.is_ratio
    assert define("margin", "(revenue - spend) / revenue", CATALOG).datasets == ("orders", "spend")


def test_nps_keeps_its_points_inside_a_formula():
    half = define("half_nps", "nps / 2", CATALOG)
    assert half.is_ratio and kpi.formula.to_text(half.expr).startswith("100 * (survey.nps_net")


@pytest.fixture(scope="module")
def sample():
    ws = kpi.Workspace.open(":memory:")
    kpi.load_sample(ws)
    return ws


def test_a_custom_kpi_works_like_a_built_in_one(sample):
    sample.add_metric("revenue_per_customer", "revenue / active_customers", label_id="Penjualan per Pelanggan",
                      label_en="Revenue per customer", unit="currency")
    try:
        got = sample.compute("revenue_per_customer", grain="quarter", by=["kanal"])
        orders = sample.table("orders")
        orders = orders[orders["amount"].notna()]
        quarter = orders["date"].dt.to_period("Q").dt.start_time
        revenue = orders.groupby([quarter, "kanal"])["amount"].sum()
        buyers = orders[orders["amount"] > 0].groupby([quarter, "kanal"])["customer_id"].nunique()
        expected = (revenue / buyers).rename("value")
        merged = got.set_index(["period", "kanal"])["value"]
        np.testing.assert_allclose(merged.loc[expected.index].to_numpy(), expected.to_numpy(), rtol=1e-12)
        assert list(got.columns) == ["period", "kanal", "value", "numerator", "denominator"]
        assert sample.metrics()["revenue_per_customer"].format(123456.7) == "Rp123.457"
    finally:
        sample.drop_metric("revenue_per_customer")
    assert "revenue_per_customer" not in sample.metrics()


def test_custom_kpis_are_saved_in_the_workspace_file(tmp_path):
    path = tmp_path / "w.duckdb"
    with kpi.Workspace.open(path) as ws:
        ws.add_metric("aov_net", "aov", unit="currency")
        ws.add_metric("double_aov", "aov_net * 2", unit="currency")
        ws.drop_metric("aov_net")  # double_aov keeps its own expanded definition
        with pytest.raises(FormulaError):
            ws.drop_metric("revenue")
        with pytest.raises(FormulaError):
            ws.add_metric("double_aov", "aov")
    with kpi.Workspace.open(path) as ws:
        kept = ws.custom_metrics()
        assert list(kept) == ["double_aov"]
        assert kept["double_aov"].formula == "aov_net * 2"
        assert kept["double_aov"].datasets == ("orders",)
        frame = pd.DataFrame({"tanggal": ["2026-01-05", "2026-01-06"], "total": [100.0, 300.0], "no": ["a", "b"]})
        ws.import_frame(frame, kind="orders", mapping={"date": "tanggal", "amount": "total", "order_id": "no"})
        assert ws.compute("double_aov")["value"].tolist() == [400.0]
