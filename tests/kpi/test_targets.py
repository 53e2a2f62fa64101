"""Targets: validation, storage round trips, soft delete, history, milestones, check-ins."""

from __future__ import annotations

import datetime as dt
import math

import pandas as pd
import pytest

import kpi
from kpi import goals, targets
from kpi.metrics import CATALOG, define, save_custom

INJECTION = "x'); DROP TABLE kinerja_targets; --"


@pytest.fixture
def ws():
    workspace = kpi.Workspace.open(":memory:")
    yield workspace
    workspace.close()


@pytest.fixture
def cur(ws):
    cursor = ws.cursor()
    yield cursor
    cursor.close()


def plan() -> pd.DataFrame:
    return pd.DataFrame({"period": [pd.Timestamp("2026-02-01"), dt.date(2026, 1, 1), "2026-03-01"],
                         "end": ["2026-02-28", "2026-01-31", "2026-03-31"],
                         "value": [300.0, 200.0, 500.0], "weight": [0.3, 0.2, 0.5]})


def full_target(cur, **overrides) -> targets.Target:
    cur.begin()
    goal = goals.insert_goal(cur, "Menaikkan penjualan")
    args = {"metric": "revenue", "start": "2026-01-01", "end": dt.date(2026, 3, 31), "value": 1000.0,
            "owner": "Sari", "filters": {"region": ["Jawa Barat", None], "channel": "Instagram"},
            "note": "Q1 push", "goal": goal.id, "kind": "growth", "amount": 0.2, "baseline": 833.25,
            "grain": "week", "milestones": plan(), "author": "Budi", **overrides}
    target = targets.insert_target(cur, **args)
    cur.commit()
    return target


# ---- the dataclass ------------------------------------------------------------------------------------
def test_segment_and_label():
    t = targets.Target(1, "conversion_rate", dt.date(2026, 1, 1), dt.date(2026, 6, 30), 0.15, None,
                       {"channel": ("Instagram",), "region": ("Jawa Barat",)}, None, dt.datetime(2026, 1, 1))
    assert t.segment == "Instagram, Jawa Barat"
    assert t.label("id") == "Persentase Konversi · Instagram, Jawa Barat"
    assert t.label("en") == "Conversion rate · Instagram, Jawa Barat"
    plain = targets.Target(2, "my_kpi", t.start, t.end, 1.0, None, None, None, t.created_at)
    assert plain.segment == "" and plain.label("en") == "my_kpi"
    several = targets.Target(3, "revenue", t.start, t.end, 1.0, None, {"channel": ("Shopee", "Tokopedia", None)},
                             None, t.created_at)
    assert several.segment == "Shopee / Tokopedia / –"


def test_normalize_filters():
    assert targets.normalize_filters(None) is None and targets.normalize_filters({}) is None
    assert targets.normalize_filters({"z": 3, "a": ["b", None, "b", float("nan")]}) == {"a": ("b", None), "z": ("3",)}
    with pytest.raises(kpi.TargetError) as info:
        targets.normalize_filters({"channel": [object()]})
    assert info.value.code == "bad_target_filters" and "`channel`" in info.value.message("id")
    with pytest.raises(kpi.TargetError) as info:
        targets.normalize_filters({"channel": []})
    assert "`channel`" in info.value.message("en")
    with pytest.raises(kpi.TargetError) as info:
        targets.normalize_filters(["channel"])
    assert info.value.code == "target_filters_shape" and "`filters`" in info.value.message("id")


# ---- validation ---------------------------------------------------------------------------------------
def test_validate_returns_dates():
    assert targets.validate(CATALOG["revenue"], pd.Timestamp("2026-01-01"), dt.date(2026, 1, 1), 0, "week") == (
        dt.date(2026, 1, 1), dt.date(2026, 1, 1))
    assert targets.validate(CATALOG["follower_growth"], "2026-01-01", "2026-02-01", -50, "month")
    assert targets.validate(CATALOG["nps"], "2026-01-01", "2026-02-01", -20, "month")


@pytest.mark.parametrize(("metric", "start", "end", "value", "grain", "code", "named"), [
    ("revenue", None, "2026-03-31", 1, "month", "target_span_missing", "`start`"),
    ("revenue", "2026-01-01", None, 1, "month", "target_span_missing", "`end`"),
    ("revenue", "2026-03-31", "2026-01-01", 1, "month", "target_span_reversed", "`end`"),
    ("revenue", "2026-01-01", "2026-03-31", 1, "day", "target_bad_grain", "`grain`"),
    ("revenue_cumulative", "2026-01-01", "2026-03-31", 1, "month", "target_cumulative", "`revenue`"),
    ("revenue", "2026-01-01", "2026-03-31", math.nan, "month", "target_value_bad", "`value`"),
    ("revenue", "2026-01-01", "2026-03-31", math.inf, "month", "target_value_bad", "`value`"),
    ("revenue", "2026-01-01", "2026-03-31", "100", "month", "target_value_bad", "`value`"),
    ("revenue", "2026-01-01", "2026-03-31", True, "month", "target_value_bad", "`value`"),
    ("revenue", "2026-01-01", "2026-03-31", -1, "month", "target_value_negative", "`value`"),
    ("orders", "2026-01-01", "2026-03-31", -1, "month", "target_value_negative", "`orders`"),
    ("conversion_rate", "2026-01-01", "2026-03-31", 15, "month", "target_rate_range", "0.15 = 15%"),
    ("churn_rate", "2026-01-01", "2026-03-31", -0.1, "month", "target_rate_range", "`value`"),
    ("nps", "2026-01-01", "2026-03-31", 120, "month", "target_points_range", "`value`"),
])
def test_validate_errors_name_the_argument(metric, start, end, value, grain, code, named):
    with pytest.raises(kpi.TargetError) as info:
        targets.validate(CATALOG[metric], start, end, value, grain)
    assert info.value.code == code
    for lang in ("en", "id"):
        assert named in info.value.message(lang), info.value.message(lang)
    if code == "target_span_reversed":
        assert "2026-03-31" in str(info.value) and "2026-01-01" in str(info.value) and "`start`" in str(info.value)


@pytest.mark.parametrize("which", ["start", "end"])
def test_validate_bad_date_names_the_argument(which):
    args = {"start": "2026-01-01", "end": "2026-03-31", which: "31/31/2026"}
    with pytest.raises(kpi.KpiError) as info:
        targets.validate(CATALOG["revenue"], args["start"], args["end"], 1.0, "month")
    assert f"`{which}`" in info.value.message("id") and isinstance(info.value, ValueError)


# ---- storage ------------------------------------------------------------------------------------------
def test_round_trip_of_every_field(cur):
    target = full_target(cur)
    assert (target.id, target.metric, target.start, target.end, target.value) == (
        1, "revenue", dt.date(2026, 1, 1), dt.date(2026, 3, 31), 1000.0)
    assert target.filters == {"channel": ("Instagram",), "region": ("Jawa Barat", None)}
    assert (target.owner, target.note, target.goal, target.kind, target.amount, target.baseline, target.grain) == (
        "Sari", "Q1 push", 1, "growth", 0.2, 833.25, "week")
    assert target.updated_at is None and target.deleted_at is None and target.created_at.tzinfo is None
    again = targets.read_target(cur, 1)
    assert again == target  # microseconds of created_at survive
    assert targets.read_targets(cur) == [target]
    assert target.segment == "Instagram, Jawa Barat / –"


def test_microseconds_survive(cur):
    stamps = {full_target(cur).created_at for _ in range(3)}
    stored = {t.created_at for t in targets.read_targets(cur)}
    assert stored == stamps and any(s.microsecond for s in stored)


def test_defaults_and_increasing_ids(cur):
    cur.begin()
    made = [targets.insert_target(cur, metric=m, start="2026-01-01", end="2026-01-31", value=v)
            for m, v in (("orders", 10), ("conversion_rate", 0.1), ("nps", 30))]
    cur.commit()
    assert [t.id for t in made] == [1, 2, 3]
    first = made[0]
    assert (first.owner, first.filters, first.note, first.goal, first.kind, first.amount, first.baseline,
            first.grain) == (None, None, None, None, "value", None, None, "month")
    assert targets.read_targets(cur) == made
    assert targets.read_milestones(cur, 1).empty


def test_custom_metric_and_unknown_goal(cur):
    save_custom(cur, define("per_customer", "revenue / active_customers", CATALOG))
    t = targets.insert_target(cur, metric="per_customer", start="2026-01-01", end="2026-01-31", value=5.0)
    assert t.label("en") == "per_customer"
    with pytest.raises(kpi.UnknownMetricError):
        targets.insert_target(cur, metric="revenu", start="2026-01-01", end="2026-01-31", value=5.0)
    with pytest.raises(kpi.TargetError) as info:
        targets.insert_target(cur, metric="revenue", start="2026-01-01", end="2026-01-31", value=5.0, goal=9)
    assert info.value.code == "unknown_goal" and "`9`" in info.value.message("id")
    with pytest.raises(kpi.TargetError) as info:
        targets.insert_target(cur, metric="revenue", start="2026-01-01", end="2026-01-31", value=5.0, kind="x")
    assert info.value.code == "target_bad_kind"


def test_goal_filter(cur):
    full_target(cur)
    cur.begin()
    other = goals.insert_goal(cur, "other")
    mine = targets.insert_target(cur, metric="leads", start="2026-01-01", end="2026-01-31", value=5, goal=other)
    cur.commit()
    assert targets.read_targets(cur, goal=other) == [mine] and targets.read_targets(cur, goal=other.id) == [mine]
    assert [t.id for t in targets.read_targets(cur, goal=1)] == [1]


def test_milestones_are_ordered_with_a_running_sum(cur):
    target = full_target(cur)
    frame = targets.read_milestones(cur, target)
    assert list(frame.columns) == ["period", "end", "value", "weight", "cumulative"]
    assert pd.api.types.is_datetime64_any_dtype(frame["period"]) and pd.api.types.is_datetime64_any_dtype(frame["end"])
    assert frame["period"].tolist() == [pd.Timestamp(f"2026-0{m}-01") for m in (1, 2, 3)]
    assert frame["end"].iloc[1] == pd.Timestamp("2026-02-28")
    assert frame["value"].tolist() == [200.0, 300.0, 500.0] and frame["weight"].tolist() == [0.2, 0.3, 0.5]
    assert frame["cumulative"].tolist() == [200.0, 500.0, 1000.0]


def test_update_changes_allowed_fields_and_writes_history(cur):
    target = full_target(cur)
    cur.begin()
    other = goals.insert_goal(cur, "other")
    new_plan = pd.DataFrame({"period": ["2026-01-01"], "end": ["2026-03-31"], "value": [1200.0], "weight": [1.0]})
    updated = targets.update_target(cur, target.id, {"value": 1200, "owner": "Dewi", "note": None, "goal": other.id},
                                    author="Sari", milestones=new_plan)
    cur.commit()
    assert (updated.value, updated.owner, updated.note, updated.goal) == (1200.0, "Dewi", None, other.id)
    assert (updated.kind, updated.amount, updated.baseline) == ("value", None, 833.25)
    assert updated.updated_at is not None and targets.read_target(cur, target) == updated
    assert targets.read_milestones(cur, target)["value"].tolist() == [1200.0]
    history = targets.read_history(cur, target)
    assert history["action"].tolist() == ["created", "updated"]
    assert history["author"].tolist() == ["Budi", "Sari"]
    created, change = history.iloc[0], history.iloc[1]
    assert created["before"] is None and created["after"]["value"] == 1000.0
    assert created["after"]["start"] == "2026-01-01" and created["after"]["end"] == "2026-03-31"
    assert created["after"]["created_at"] == target.created_at.isoformat()  # the time and microseconds too
    assert created["after"]["goal"] == 1 and created["after"]["kind"] == "growth"
    assert created["after"]["filters"] == {"channel": ["Instagram"], "region": ["Jawa Barat", None]}
    assert change["before"]["owner"] == "Sari" and change["after"]["owner"] == "Dewi"
    assert change["before"]["value"] == 1000.0 and change["after"]["value"] == 1200.0
    assert change["before"]["updated_at"] is None and change["after"]["updated_at"] is not None
    # nothing changes: no history row
    assert targets.update_target(cur, target, {"owner": "Dewi"}) == updated
    assert len(targets.read_history(cur, target)) == 2


@pytest.mark.parametrize("field", ["metric", "start", "end", "filters", "grain", "kind", "id"])
def test_update_of_a_fixed_field_raises(cur, field):
    target = full_target(cur)
    with pytest.raises(kpi.TargetError) as info:
        targets.update_target(cur, target, {field: "x"})
    assert info.value.code == "target_field_fixed"
    for lang in ("en", "id"):
        assert f"`{field}`" in info.value.message(lang)
    assert targets.read_target(cur, target) == target


def test_update_checks_the_value(cur):
    cur.begin()
    target = targets.insert_target(cur, metric="conversion_rate", start="2026-01-01", end="2026-01-31", value=0.1)
    cur.commit()
    with pytest.raises(kpi.TargetError) as info:
        targets.update_target(cur, target, {"value": 12})
    assert info.value.code == "target_rate_range"
    with pytest.raises(kpi.TargetError):
        targets.update_target(cur, target, {"goal": 4})


def test_soft_delete_and_restore(cur):
    target = full_target(cur)
    cur.begin()
    keep = targets.insert_target(cur, metric="leads", start="2026-01-01", end="2026-01-31", value=5)
    deleted = targets.set_deleted(cur, target.id, True, author="Sari")
    cur.commit()
    assert deleted.deleted_at is not None
    assert targets.read_targets(cur) == [keep]
    assert [t.id for t in targets.read_targets(cur, include_deleted=True)] == [1, 2]
    assert targets.read_target(cur, 1) == deleted
    with pytest.raises(kpi.TargetError):
        targets.read_target(cur, 1, include_deleted=False)
    with pytest.raises(kpi.TargetError) as info:
        targets.update_target(cur, 1, {"value": 5})
    assert info.value.code == "target_deleted" and "restore" in str(info.value)
    assert targets.set_deleted(cur, 1, True) == deleted  # no-op
    restored = targets.set_deleted(cur, deleted, False, author="Dewi")
    assert restored.deleted_at is None and targets.read_targets(cur) == [restored, keep]
    assert targets.set_deleted(cur, 1, False) == restored  # no-op
    history = targets.read_history(cur, 1)
    assert history["action"].tolist() == ["created", "deleted", "restored"]
    assert history["author"].tolist() == ["Budi", "Sari", "Dewi"]
    assert history.iloc[1]["before"]["deleted_at"] is None and history.iloc[1]["after"]["deleted_at"] is not None
    assert history.iloc[2]["after"]["deleted_at"] is None
    assert history["changed_at"].is_monotonic_increasing


@pytest.mark.parametrize("bad", [42, "42", 2.5, -(2**70)])
def test_unknown_target_names_the_id(cur, bad):
    full_target(cur)
    for call in (targets.read_target, targets.read_milestones, targets.read_check_ins, targets.read_history):
        with pytest.raises(kpi.TargetError) as info:
            call(cur, bad)
        assert info.value.code == "unknown_target"
        for lang in ("en", "id"):
            assert f"`{bad}`" in info.value.message(lang) and "`ws.targets()`" in info.value.message(lang)


def test_check_ins(cur):
    target = full_target(cur)
    cur.begin()
    first = targets.add_check_in(cur, target, "  Iklan Instagram dinaikkan  ", author="Sari")
    second = targets.add_check_in(cur, target.id, "Promo gajian")
    cur.commit()
    assert (first.id, first.target, first.author, first.note) == (1, 1, "Sari", "Iklan Instagram dinaikkan")
    assert second.author is None
    assert targets.read_check_ins(cur, target) == [second, first]
    for note in ("", "   ", None):
        with pytest.raises(kpi.TargetError) as info:
            targets.add_check_in(cur, target, note)
        assert info.value.code == "checkin_empty" and "`note`" in info.value.message("id")


def test_injection_shaped_values_round_trip(cur):
    target = full_target(cur, owner=INJECTION, note=INJECTION, filters={INJECTION: [INJECTION, "a\"b"]},
                         author=INJECTION)
    targets.add_check_in(cur, target, INJECTION, author=INJECTION)
    again = targets.read_target(cur, target.id)
    assert again.owner == INJECTION and again.note == INJECTION
    assert again.filters == {INJECTION: (INJECTION, 'a"b')}
    assert targets.read_check_ins(cur, target)[0].note == INJECTION
    assert targets.read_history(cur, target)["author"].tolist() == [INJECTION]
    assert targets.read_targets(cur) == [again]


def test_a_file_workspace_keeps_everything(tmp_path):
    path = tmp_path / "w.duckdb"
    with kpi.Workspace.open(path) as ws:
        cur = ws.cursor()
        target = full_target(cur)
        cur.begin()
        targets.update_target(cur, target, {"note": "revised"}, author="Sari")
        targets.add_check_in(cur, target, "on it", author="Budi")
        cur.commit()
        before = (goals.read_goals(cur), targets.read_targets(cur), targets.read_milestones(cur, 1),
                  targets.read_check_ins(cur, 1), targets.read_history(cur, 1))
        cur.close()
    with kpi.Workspace.open(path) as ws:
        cur = ws.cursor()
        after = (goals.read_goals(cur), targets.read_targets(cur), targets.read_milestones(cur, 1),
                 targets.read_check_ins(cur, 1), targets.read_history(cur, 1))
        cur.close()
    assert after[0] == before[0] and after[1] == before[1] and after[3] == before[3]
    pd.testing.assert_frame_equal(after[2], before[2])
    pd.testing.assert_frame_equal(after[4], before[4])
    assert after[1][0].note == "revised" and len(after[4]) == 2


def test_a_failed_write_leaves_nothing(cur):
    cur.begin()
    try:
        targets.insert_target(cur, metric="revenue", start="2026-01-01", end="2026-01-31", value=1.0,
                              milestones=pd.DataFrame({"period": ["2026-01-01"]}))
    except kpi.TargetError as exc:
        cur.rollback()
        assert exc.code == "bad_milestones" and "`weight`" in exc.message("id")
    else:  # pragma: no cover
        pytest.fail("bad milestones were accepted")
    assert targets.read_targets(cur, include_deleted=True) == []
    assert cur.execute("SELECT count(*) FROM kinerja_target_history").fetchone()[0] == 0


def test_public_exports():
    assert kpi.Target is targets.Target and kpi.CheckIn is targets.CheckIn and kpi.Goal is goals.Goal
    assert issubclass(kpi.TargetError, kpi.KpiError) and issubclass(kpi.TargetError, ValueError)
