"""Progress of targets on the sample data, checked against an independent pandas computation.

The actuals come from ``reference.py`` (plain pandas over the imported tables, no SQL); the plan to date
is recomputed here from the stored milestones; statuses are checked at their thresholds.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import kpi
from kpi.metrics import CATALOG
from kpi.progress import STATUSES, Thresholds

sys.path.insert(0, str(Path(__file__).resolve().parent))  # tests/kpi has no __init__.py
import reference  # noqa: E402

DRAWS = 400


@pytest.fixture(scope="module")
def ws():
    w = kpi.Workspace.open(":memory:")
    kpi.load_sample(w)
    yield w
    w.close()


@pytest.fixture(scope="module")
def tables(ws):
    return {d.kind: ws.table(d.name) for d in ws.datasets()}


def ref_parts(tables, metric: str, start, end, filters=None) -> dict[str, float]:
    """Numerator/denominator (or value) of ``metric`` over ``start..end``, summed over months, by pandas."""
    frame = reference.compute(tables, metric, "month", start, end, filters=filters, scale=CATALOG[metric].scale)
    if "numerator" in frame:
        return {"numerator": frame["numerator"].sum(), "denominator": frame["denominator"].sum()}
    return {"value": frame["value"].sum()}


def plan_to_date(milestones: pd.DataFrame, day: dt.date, kind: str) -> float:
    """The plan to ``day`` from the stored milestones: whole ones, and the running one by its share of days."""
    share = []
    for start, end in zip(milestones["period"].dt.date, milestones["end"].dt.date, strict=True):
        total = (end - start).days + 1
        share.append(min(max((day - start).days + 1, 0), total) / total)
    share = np.array(share)
    if kind == "sum":
        return float((milestones["value"] * share).sum())
    w = milestones["weight"].to_numpy() * share
    return float((milestones["value"].to_numpy() * w).sum() / w.sum())


def test_revenue_progress_equals_pandas(ws, tables):
    t = ws.set_target("revenue", "2026-08-01", "2026-12-31", growth=0.2)
    p = ws.progress(t, as_of="2026-10-20", draws=DRAWS)
    actual = ref_parts(tables, "revenue", "2026-08-01", "2026-10-20")["value"]
    expected = plan_to_date(ws.milestones(t), dt.date(2026, 10, 20), "sum")
    assert p.actual == pytest.approx(actual, rel=1e-9)
    assert p.expected == pytest.approx(expected, rel=1e-9)
    assert p.attainment == pytest.approx(actual / expected, rel=1e-9)
    assert p.gap == pytest.approx(actual - expected, rel=1e-9)
    assert p.elapsed == pytest.approx(81 / 153)
    # the year-earlier baseline, by pandas
    assert t.baseline == pytest.approx(ref_parts(tables, "revenue", "2025-08-01", "2025-12-31")["value"])
    assert t.value == pytest.approx(1.2 * t.baseline)
    # the frame: per-month actuals up to as_of, running totals, and the plan's running total
    monthly = reference.compute(tables, "revenue", "month", "2026-08-01", "2026-10-20")["value"].to_numpy()
    np.testing.assert_allclose(p.frame["actual"].to_numpy()[:3], monthly)
    np.testing.assert_allclose(p.frame["actual_cumulative"].to_numpy()[:3], np.cumsum(monthly))
    assert p.frame["actual"].iloc[3:].isna().all()
    np.testing.assert_allclose(p.frame["target_cumulative"], np.cumsum(ws.milestones(t)["value"]))
    assert p.frame["target_cumulative"].iloc[-1] == pytest.approx(t.value)
    # the projection: the actual so far plus what is still to come, with an interval around it
    assert p.projected_low <= p.projected <= p.projected_high
    assert p.projected_low > actual
    assert 0 <= p.probability <= 1


def test_ratio_progress_pools_numerator_and_denominator(ws, tables):
    segment = {"sumber": "Instagram"}
    t = ws.set_target("conversion_rate", "2026-07-01", "2026-12-31", points=2, filters=segment)
    p = ws.progress(t, as_of="2026-09-15", draws=DRAWS)
    parts = ref_parts(tables, "conversion_rate", "2026-07-01", "2026-09-15", segment)
    assert p.actual == pytest.approx(parts["numerator"] / parts["denominator"], rel=1e-9)
    base = ref_parts(tables, "conversion_rate", "2025-07-01", "2025-12-31", segment)
    assert t.value == pytest.approx(base["numerator"] / base["denominator"] + 0.02, rel=1e-9)
    assert p.expected == pytest.approx(plan_to_date(ws.milestones(t), dt.date(2026, 9, 15), "ratio"), rel=1e-9)
    # Instagram's conversion collapsed from August (the sample's story): well behind a +2 points target
    assert p.status == "behind"
    assert p.probability < 0.05


def test_status_changes_at_the_thresholds(ws):
    t = ws.set_target("revenue", "2026-08-01", "2026-12-31", growth=0.45)
    p = ws.progress(t, as_of="2026-10-31", draws=DRAWS)
    a = p.attainment
    assert ws.progress(t, "2026-10-31", Thresholds(on_track=a, at_risk=a / 2), draws=DRAWS).status == "on_track"
    above = min(a + 0.01, 2.0)
    assert ws.progress(t, "2026-10-31", Thresholds(on_track=above, at_risk=a), draws=DRAWS).status == "at_risk"
    assert ws.progress(t, "2026-10-31", Thresholds(on_track=above, at_risk=above), draws=DRAWS).status == "behind"


def test_lower_is_better_kpi(ws, tables):
    """CAC: attainment is plan over actual, so a CAC below plan is on track and one above it is behind."""
    assert not CATALOG["cac"].higher_is_better
    easy = ws.set_target("cac", "2026-08-01", "2026-12-31", growth=0.8)  # allow CAC 80% above last year's
    hard = ws.set_target("cac", "2026-08-01", "2026-12-31", growth=-0.3)
    parts = ref_parts(tables, "cac", "2026-08-01", "2026-10-31")
    for t in (easy, hard):
        p = ws.progress(t, as_of="2026-10-31", draws=DRAWS)
        assert p.actual == pytest.approx(parts["numerator"] / parts["denominator"], rel=1e-9)
        assert p.attainment == pytest.approx(p.expected / p.actual, rel=1e-12)
    pe, ph = ws.progress(easy, "2026-10-31", draws=DRAWS), ws.progress(hard, "2026-10-31", draws=DRAWS)
    assert pe.status == "on_track" and pe.probability > 0.9
    assert ph.status == "behind" and ph.probability < 0.1
    # its stretch suggestion is the low one
    s = {x.code: x for x in ws.suggest_targets("cac", "2026-11-01", "2027-01-31", draws=DRAWS)}
    assert s["p80"].value < s["p50"].value
    assert s["p80"].probability == pytest.approx(0.2, abs=0.03)


def test_before_and_after_the_span(ws):
    t = ws.set_target("orders", "2026-09-01", "2026-10-31", value=1.0)  # surely reached
    early = ws.progress(t, as_of="2026-08-15", draws=DRAWS)
    assert early.status == "not_started" and np.isnan(early.actual) and early.elapsed == 0
    done = ws.progress(t, as_of="2026-10-31", draws=DRAWS)
    assert done.status == "reached" and done.probability == 1.0
    missed = ws.set_target("orders", "2026-09-01", "2026-10-31", value=1e9)
    assert ws.progress(missed, as_of="2026-10-31", draws=DRAWS).status == "missed"
    assert {early.status, done.status} <= set(STATUSES)


def test_average_kpi_counts_whole_months(ws, tables):
    t = ws.set_target("active_customers", "2026-07-01", "2026-12-31", value=700)
    assert ws.milestones(t)["value"].mean() == pytest.approx(700)
    p = ws.progress(t, as_of="2026-10-15", draws=DRAWS)
    monthly = reference.compute(tables, "active_customers", "month", "2026-07-01", "2026-09-30")["value"]
    assert p.actual == pytest.approx(monthly.mean())
    with pytest.raises(kpi.TargetError, match="whole months"):
        ws.set_target("active_customers", "2026-07-05", "2026-12-31", value=700)


def test_scorecard_lists_live_targets(ws):
    t = ws.set_target("leads", "2026-10-01", "2026-12-31", growth=0.1, owner="Budi")
    card = ws.scorecard(as_of="2026-10-31", draws=200)
    assert t.id in set(card["id"])
    row = card.set_index("id").loc[t.id]
    assert row["owner"] == "Budi" and row["status"] in STATUSES
    ws.delete_target(t)
    assert t.id not in set(ws.scorecard(as_of="2026-10-31", draws=200)["id"])
    ws.restore_target(t)


def test_summary_in_both_languages(ws):
    t = ws.set_target("revenue", "2026-08-01", "2026-12-31", growth=0.1)
    p = ws.progress(t, as_of="2026-10-31", draws=DRAWS)
    assert "Rp" in p.summary("id") and p.summary("id") != p.summary("en")
    assert "target" in p.summary("en")


def test_bad_thresholds():
    with pytest.raises(kpi.QueryError, match="`at_risk`"):
        Thresholds(on_track=0.9, at_risk=0.95)
    with pytest.raises(ValueError, match="`on_track`"):
        Thresholds(on_track=-1)
