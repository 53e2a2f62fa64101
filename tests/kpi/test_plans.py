"""Target suggestions, milestones and setting targets on the sample data."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest

import kpi
from kpi import plans
from kpi.metrics import CATALOG
from kpi.samples import SAMPLE_DIR

DRAWS = 400


@pytest.fixture(scope="module")
def ws():
    w = kpi.Workspace.open(":memory:")
    kpi.load_sample(w)
    yield w
    w.close()


def test_suggestions_say_what_history_says(ws):
    s = {x.code: x for x in ws.suggest_targets("revenue", "2026-11-01", "2027-04-30", lang="en", draws=DRAWS)}
    assert list(s) == ["last_year", "trailing_growth", "seasonal_baseline", "p50", "p80"]
    assert s["last_year"].value == pytest.approx(plans.span_value(ws, "revenue", "2025-11-01", "2026-04-30"))
    assert s["p50"].probability == pytest.approx(0.5, abs=0.02)
    assert s["p80"].probability == pytest.approx(0.2, abs=0.02)
    assert s["p80"].value > s["p50"].value
    # the sample grew ~30% over its second year: the trailing growth suggestion carries it
    growth = (plans.span_value(ws, "revenue", "2025-11-01", "2026-10-31")
              / plans.span_value(ws, "revenue", "2024-11-01", "2025-10-31") - 1)
    assert s["trailing_growth"].value == pytest.approx(s["last_year"].value * (1 + growth))
    for x in s.values():
        assert x.label and x.method and x.explanation and 0 <= x.probability <= 1
    ids = ws.suggest_targets("revenue", "2026-11-01", "2027-04-30", lang="id", draws=DRAWS)
    assert ids[3].label == "Realistis (P50)" and ids[3].value == pytest.approx(s["p50"].value)


def test_a_typed_value_gets_its_probability(ws):
    s = ws.suggest_targets("revenue", "2026-11-01", "2027-01-31", value=1.0, draws=DRAWS)
    assert s[-1].code == "custom" and s[-1].probability == 1.0
    s = ws.suggest_targets("revenue", "2026-11-01", "2027-01-31", value=1e12, draws=DRAWS)
    assert s[-1].probability == 0.0


def test_without_a_year_of_history_the_year_back_suggestions_are_left_out(ws):
    s = ws.suggest_targets("revenue", "2025-06-01", "2025-08-31", draws=DRAWS)
    assert [x.code for x in s] == ["seasonal_baseline", "p50", "p80"]


def test_milestones_add_up_to_the_target(ws):
    t = ws.set_target("revenue", "2027-01-01", "2027-06-30", value=1.5e9)
    m = ws.milestones(t)
    assert len(m) == 6 and m["value"].sum() == pytest.approx(1.5e9)
    assert m["weight"].sum() == pytest.approx(1.0)
    r = ws.set_target("conversion_rate", "2027-01-01", "2027-06-30", value=0.15)
    m = ws.milestones(r)
    assert float((m["value"] * m["weight"]).sum()) == pytest.approx(0.15)
    # The running plan of a rate is the pooled rate to date, not a sum of rates (once shown as 35.1% for 11.7%).
    pooled = [float((m["value"] * m["weight"]).iloc[: k + 1].sum() / m["weight"].iloc[: k + 1].sum())
              for k in range(len(m))]
    assert m["cumulative"].tolist() == pytest.approx(pooled) and m["cumulative"].iloc[-1] == pytest.approx(0.15)
    assert ws.milestones(t)["cumulative"].iloc[-1] == pytest.approx(1.5e9)


def test_milestones_follow_lebaran(ws):
    """Ramadan and Lebaran lift the sample's sales; in 2027 they fall in February and March."""
    t = ws.set_target("revenue", "2027-01-01", "2027-06-30", value=1.2e9)
    m = ws.milestones(t).set_index(pd.to_datetime(ws.milestones(t)["period"]).dt.month)["value"]
    # March 2026 (Lebaran 20 March) was the sample's biggest month, ~1.4x its neighbours
    monthly = ws.compute("revenue", "month", "2026-01-01", "2026-06-30").set_index("period")["value"]
    assert monthly.idxmax().month == 3
    assert m[3] > 1.15 * m[[1, 4, 5, 6]].mean()
    weekly = ws.set_target("revenue", "2027-03-01", "2027-03-31", value=3e8, grain="week")
    w = ws.milestones(weekly)
    assert len(w) == 5 and w["value"].sum() == pytest.approx(3e8)


def test_growth_and_points(ws):
    t = ws.set_target("orders", "2026-07-01", "2026-09-30", growth=0.2)
    assert t.kind == "growth" and t.amount == 0.2
    assert t.value == pytest.approx(1.2 * plans.span_value(ws, "orders", "2025-07-01", "2025-09-30"))
    nps = ws.set_target("nps", "2026-07-01", "2026-09-30", points=5)
    assert nps.value == pytest.approx(plans.span_value(ws, "nps", "2025-07-01", "2025-09-30") + 5)


@pytest.mark.parametrize(("kwargs", "match"), [
    ({"value": 1.0, "growth": 0.1}, "exactly one"),
    ({}, "exactly one"),
    ({"points": 2}, "`points`"),  # revenue is money, not a rate
])
def test_how_a_target_is_given(ws, kwargs, match):
    with pytest.raises(kpi.TargetError, match=match):
        ws.set_target("revenue", "2026-11-01", "2027-01-31", **kwargs)


def test_impossible_targets(ws):
    with pytest.raises(kpi.TargetError, match="running total"):
        ws.set_target("revenue_cumulative", "2026-11-01", "2027-01-31", value=1.0)
    with pytest.raises(kpi.TargetError, match="a year earlier"):
        ws.set_target("revenue", "2025-01-01", "2025-03-31", growth=0.1)
    with pytest.raises(kpi.TargetError, match="`end`"):
        ws.set_target("revenue", "2027-01-31", "2026-11-01", value=1.0)
    with pytest.raises(kpi.TargetError):
        ws.set_target("conversion_rate", "2026-11-01", "2027-01-31", value=15)  # 15 is not 15%
    with pytest.raises(kpi.UnknownMetricError):
        ws.set_target("omzet", "2026-11-01", "2027-01-31", value=1.0)
    err = None
    try:
        ws.set_target("revenue", "2026-11-01", "2027-01-31", value=1.0, growth=0.2)
    except kpi.TargetError as exc:
        err = exc
    assert err is not None and err.message("id") != err.message("en") and "`value`" in err.message("id")


def test_update_replans_and_keeps_history(ws):
    t = ws.set_target("revenue", "2027-01-01", "2027-03-31", value=6e8, owner="Sari")
    u = ws.update_target(t, value=7.2e8, note="naik", author="Budi")
    assert ws.milestones(u)["value"].sum() == pytest.approx(7.2e8)
    assert list(ws.target_history(t)["action"]) == ["created", "updated"]
    assert ws.target(t.id).owner == "Sari" and ws.target(t.id).note == "naik"


def test_segment_targets_use_the_segment(ws):
    s = ws.suggest_targets("revenue", "2026-11-01", "2027-01-31", filters={"kanal": "Instagram"}, draws=DRAWS)
    total = ws.suggest_targets("revenue", "2026-11-01", "2027-01-31", draws=DRAWS)
    assert s[0].value == pytest.approx(plans.span_value(ws, "revenue", "2025-11-01", "2026-01-31",
                                                        {"kanal": "Instagram"}))
    assert s[3].value < 0.5 * total[3].value


def test_short_history_warns_and_still_suggests():
    w = kpi.Workspace.open(":memory:")
    days = pd.date_range("2026-09-01", "2026-10-20")
    rng = np.random.default_rng(3)
    w.import_frame(pd.DataFrame({"tanggal": days.strftime("%Y-%m-%d"), "total": rng.integers(1, 9, len(days)) * 1e5}),
                   kind="orders", mapping={"date": "tanggal", "amount": "total"})
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        s = w.suggest_targets("revenue", "2026-11-01", "2026-11-30", draws=200)
    assert any(issubclass(c.category, kpi.DegenerateDataWarning) for c in caught)
    assert [x.code for x in s] == ["seasonal_baseline", "p50", "p80"] and s[1].value > 0


def test_aggregation_of_every_catalog_kpi():
    kinds = {}
    for name, m in CATALOG.items():
        if m.kind == "cumulative":
            with pytest.raises(kpi.TargetError):
                plans.aggregation(m)
            continue
        kinds[name] = plans.aggregation(m)
    assert kinds["revenue"] == "sum" and kinds["new_customers"] == "sum" and kinds["roas"] == "ratio"
    assert kinds["active_customers"] == "average" and kinds["retention_rate"] == "ratio"
    assert not plans.is_daily(CATALOG["retention_rate"]) and plans.is_daily(CATALOG["conversion_rate"])


def test_reopened_workspace_keeps_targets(tmp_path):
    path = tmp_path / "w.duckdb"
    with kpi.Workspace.open(path) as w:
        kpi.load_sample(w)
        g = w.add_goal("Naikkan penjualan", owner="Sari")
        t = w.set_target("revenue", "2026-11-01", "2027-01-31", growth=0.15, goal=g, owner="Sari")
        w.check_in(t, "Promo 12.12 disiapkan", author="Sari")
        before = (w.targets(), w.milestones(t), w.check_ins(t), w.goals())
    with kpi.Workspace.open(path) as w:
        assert w.targets() == before[0]
        pd.testing.assert_frame_equal(w.milestones(t), before[1])
        assert w.check_ins(t) == before[2] and w.goals() == before[3]
        assert w.targets(goal=g)[0].id == t.id


def test_a_goal_keeps_its_kpis(ws):
    g = ws.add_goal("Pelanggan setia", kpis=["retention_rate", "repeat_purchase_rate", "retention_rate"])
    assert g.kpis == ("retention_rate", "repeat_purchase_rate")
    assert [x for x in ws.goals() if x.id == g.id][0].kpis == g.kpis
    with pytest.raises(kpi.UnknownMetricError):
        ws.add_goal("Typo", kpis=["retensi"])


def test_the_same_target_twice_is_refused(ws):
    t = ws.set_target("spend", "2027-02-01", "2027-04-30", value=9e7, filters={"kanal": "TikTok Shop"})
    with pytest.raises(kpi.TargetError, match=f"target {t.id}"):
        ws.set_target("spend", "2027-02-01", "2027-04-30", value=9e7, filters={"kanal": "TikTok Shop"})
    other = ws.set_target("spend", "2027-02-01", "2027-04-30", value=9.5e7, filters={"kanal": "TikTok Shop"})
    ws.delete_target(t)
    again = ws.set_target("spend", "2027-02-01", "2027-04-30", value=9e7, filters={"kanal": "TikTok Shop"})
    assert len({t.id, other.id, again.id}) == 3


def test_suggestions_as_of_an_earlier_day_use_only_the_data_up_to_it(ws):
    # The same suggestions as a workspace that holds only the orders up to the day (a backtest without leaks).
    cut = "2026-07-31"
    early = kpi.Workspace.open(":memory:")
    orders = pd.read_csv(SAMPLE_DIR / "orders.csv")
    early.import_frame(orders[orders["tanggal"] <= cut], kind="orders", name="orders")
    then = ws.suggest_targets("revenue", "2026-08-01", "2026-10-31", as_of=cut, draws=400)
    alone = early.suggest_targets("revenue", "2026-08-01", "2026-10-31", draws=400)
    assert [s.code for s in then] == [s.code for s in alone]
    assert [s.value for s in then] == pytest.approx([s.value for s in alone], rel=1e-9)
    assert [s.probability for s in then] == pytest.approx([s.probability for s in alone], abs=1e-9)
    now = ws.suggest_targets("revenue", "2026-08-01", "2026-10-31", draws=400)
    assert {s.code: s.probability for s in now}["p50"] in (0.0, 1.0)  # today the span is over
