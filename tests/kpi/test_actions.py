"""Corrective actions: storage, history, validation in both languages, and effect estimates.

Effects are checked against a difference in differences computed here with plain pandas from the rows
that were imported (no engine, no SQL), and the bootstrap interval's coverage on simulated days.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd
import pytest

import kpi
from kpi import action_effects, actions, targets
from kpi.i18n import MESSAGES
from kpi.schema import MIGRATIONS, SCHEMA_VERSION
from kpi.sql import transaction

START = dt.date(2026, 3, 2)  # 60 days of data before (Jan 1 - Mar 1), 60 after (Mar 2 - Apr 30)
DAYS = pd.date_range("2026-01-01", "2026-04-30")
LEADS_MAP = {"date": "tanggal", "lead_id": "id", "converted": "jadi"}
TODAY = dt.datetime.now(dt.UTC).date()


def leads_frame(seed: int, *, rate_a_after: float = 0.10, extra_a_after: float = 0.0, days=DAYS) -> pd.DataFrame:
    """Leads in sources A, B, C and regions P1, P2: 12 a day per cell, 10% converting, A changed after START."""
    rng = np.random.default_rng(seed)
    rows = []
    for day in days:
        after = day.date() >= START
        for source in "ABC":
            for region in ("P1", "P2"):
                boost = source == "A" and after
                n = rng.poisson(12 + (extra_a_after if boost else 0))
                rate = rate_a_after if boost else 0.10
                rows += [(day.strftime("%Y-%m-%d"), source, region, bool(c)) for c in rng.random(n) < rate]
    df = pd.DataFrame(rows, columns=["tanggal", "sumber", "provinsi", "jadi"])
    df["id"] = np.arange(len(df))
    return df


def spend_frame(seed: int, extra_x_after: float) -> pd.DataFrame:
    """Daily spend of channels X, Y, Z around 1,000,000 each; X spends ``extra_x_after`` more a day after START."""
    rng = np.random.default_rng(seed)
    rows = [(day.strftime("%Y-%m-%d"), channel, round(rng.normal(1e6, 1e5) + (extra_x_after if channel == "X"
                                                                             and day.date() >= START else 0)))
            for day in DAYS for channel in "XYZ"]
    return pd.DataFrame(rows, columns=["tanggal", "kanal", "biaya"])


def workspace_with(leads: pd.DataFrame | None = None, spend: pd.DataFrame | None = None) -> kpi.Workspace:
    ws = kpi.Workspace.open(":memory:")
    if leads is not None:
        assert ws.import_frame(leads, kind="leads", mapping=LEADS_MAP).rejected == 0
    if spend is not None:
        assert ws.import_frame(spend, kind="spend", mapping={"date": "tanggal", "spend": "biaya"}).rejected == 0
    return ws


def speaks(effect: action_effects.ActionEffect) -> bool:
    """The summary renders in both languages: different texts, every field filled (no template fallback)."""
    texts = [effect.summary(lang).replace("{...}", "") for lang in ("id", "en")]
    return texts[0] != texts[1] and not any("{" in t or "}" in t for t in texts)


def add_target(ws: kpi.Workspace, metric: str, filters=None) -> kpi.Target:
    with transaction(ws.cursor()) as cur:
        return targets.insert_target(cur, metric=metric, start="2026-01-01", end="2026-06-30", value=0.15,
                                     filters=filters)


@pytest.fixture(scope="module")
def planted():
    """Conversion in A doubles (10% -> 20%) and A gets 6 more leads a day after START."""
    df = leads_frame(1, rate_a_after=0.20, extra_a_after=3)
    ws = workspace_with(df)
    yield ws, df
    ws.close()


@pytest.fixture
def ws():
    w = workspace_with(leads_frame(2))
    yield w
    w.close()


# ---- the independent computation ------------------------------------------------------------------------
def windows(df: pd.DataFrame, start: dt.date, days_before: int, last: dt.date) -> tuple[pd.DataFrame, pd.DataFrame]:
    day = pd.to_datetime(df["tanggal"]).dt.date
    first = start - dt.timedelta(days=days_before)
    return df[(day >= first) & (day < start)], df[(day >= start) & (day <= last)]


def pandas_rate_did(df, treated_mask, start, days_before, last) -> float:
    """(r_T after - r_T before) - (r_C after - r_C before), pooled conversion rates, from the lead rows."""
    before, after = windows(df.assign(t=treated_mask), start, days_before, last)
    rate = lambda d: d["jadi"].sum() / len(d)  # noqa: E731
    return (rate(after[after.t]) - rate(before[before.t])) - (rate(after[~after.t]) - rate(before[~before.t]))


def pandas_daily_did(df, value, treated_mask, start, days_before, last) -> float:
    """Difference in differences of mean daily totals (every calendar day counts, empty ones as 0)."""
    first = start - dt.timedelta(days=days_before)
    calendar = pd.date_range(first, last).date
    frame = df.assign(t=treated_mask, day=pd.to_datetime(df["tanggal"]).dt.date, v=value)
    daily = {g: frame[frame.t == g].groupby("day")["v"].sum().reindex(calendar, fill_value=0) for g in (True, False)}
    mean = lambda s, after: s[[d >= start for d in s.index]].mean() if after else s[[d < start for d in s.index]].mean()  # noqa: E731
    return (mean(daily[True], True) - mean(daily[True], False)) - (mean(daily[False], True) - mean(daily[False], False))


# ---- storage ------------------------------------------------------------------------------------------
def test_round_trip(ws):
    t = add_target(ws, "conversion_rate", {"provinsi": ["P1", "P2"]})
    a = ws.add_action(t, "  Balas chat dalam 1 jam ", "Sari", "2026-03-31", {"sumber": "A", "provinsi": "P1"},
                      note="uji", status="in_progress", start=dt.date(2026, 3, 2), author="Budi")
    assert (a.id, a.target_id, a.metric, a.title, a.owner) == (1, t.id, "conversion_rate", "Balas chat dalam 1 jam",
                                                               "Sari")
    assert a.segment == {"provinsi": "P1", "sumber": "A"} and a.due == dt.date(2026, 3, 31)
    assert (a.status, a.note, a.start, a.deleted_at) == ("in_progress", "uji", START, None)
    assert ws.action(a.id) == a == ws.action(a) and ws.actions() == [a] and ws.actions(t) == [a]
    assert a.segment_label == "A, P1" and a.label("en") == "Conversion rate · A, P1"  # as given
    b = ws.add_action(None, "Iklan ulang", metric="leads")
    assert (b.id, b.target_id, b.segment, b.start, b.status) == (2, None, None, None, "planned")
    assert ws.actions(t.id) == [a] and ws.actions() == [a, b]


def test_history_of_create_update_delete_restore(ws):
    a = ws.add_action(None, "Promo", metric="leads", author="Sari")
    ws.update_action(a, owner="Budi", note="mulai minggu depan", author="Sari")
    ws.update_action(a, owner="Budi")  # no change: no history row
    ws.delete_action(a, author="Rina")
    ws.delete_action(a)  # already deleted: a no-op
    assert ws.actions() == [] and [x.id for x in ws.actions(include_deleted=True)] == [a.id]
    with pytest.raises(kpi.ActionError) as info:
        ws.update_action(a, title="x")
    assert info.value.code == "action_deleted"
    ws.restore_action(a, author="Rina")
    hist = ws.action_history(a)
    assert list(hist.columns) == ["action_id", "changed_at", "action", "author", "before", "after"]
    assert hist["action"].tolist() == ["created", "updated", "deleted", "restored"]
    assert hist["author"].tolist() == ["Sari", "Sari", "Rina", "Rina"]
    assert hist["before"][0] is None and hist["after"][0]["title"] == "Promo"
    assert hist["before"][1]["owner"] is None and hist["after"][1]["owner"] == "Budi"
    assert hist["after"][2]["deleted_at"] is not None and hist["after"][3]["deleted_at"] is None
    assert set(hist["action_id"]) == {a.id} and ws.action(a).deleted_at is None


def test_reopening_a_file_keeps_actions(tmp_path):
    path = tmp_path / "w.duckdb"
    with kpi.Workspace.open(path) as w:
        a = w.add_action(None, "Promo ongkir", "Sari", "2026-05-01", {"kanal": "Shopee"}, metric="revenue",
                         status="done", start="2026-04-01")
        w.update_action(a, note="selesai")
    with kpi.Workspace.open(path) as w:
        again = w.action(a.id)
        assert again.note == "selesai" and again.segment == {"kanal": "Shopee"} and again.start == dt.date(2026, 4, 1)
        assert w.action_history(a)["action"].tolist() == ["created", "updated"]


def test_a_version_3_workspace_is_upgraded(tmp_path):
    path = tmp_path / "old.duckdb"
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE kinerja_schema (version INTEGER, applied_at TIMESTAMP)")
    for number, statements in enumerate(MIGRATIONS[:3], start=1):
        for statement in statements:
            con.execute(statement)
        con.execute("INSERT INTO kinerja_schema VALUES (?, now())", [number])
    con.close()
    with kpi.Workspace.open(path) as w:
        assert w.cursor().execute("SELECT max(version) FROM kinerja_schema").fetchone()[0] == SCHEMA_VERSION == 4
        assert w.add_action(None, "x", metric="orders").id == 1


def test_status_sets_start(ws):
    planned = ws.add_action(None, "a", metric="leads")
    assert planned.start is None and planned.effective_start == planned.created_at.date()
    going = ws.update_action(planned, status="in_progress")
    assert going.start == TODAY
    assert ws.update_action(going, status="done").start == TODAY  # kept, not moved
    assert ws.add_action(None, "b", metric="leads", status="done").start == TODAY
    assert ws.add_action(None, "c", metric="leads", status="in_progress", start="2026-02-01").start == dt.date(2026, 2, 1)
    dated = ws.update_action(ws.add_action(None, "d", metric="leads"), status="done", start="2026-03-01")
    assert dated.start == dt.date(2026, 3, 1)
    assert ws.update_action(dated, status="dropped").start == dt.date(2026, 3, 1)
    assert ws.update_action(ws.add_action(None, "e", metric="leads"), status="dropped").start is None


# ---- validation ---------------------------------------------------------------------------------------
BAD = [
    ({"target": None, "title": " "}, "action_title_empty", "`title`"),
    ({"target": None, "title": "x", "status": "finished"}, "action_bad_status", "'in_progress'"),
    ({"target": None, "title": "x", "due": "besok"}, "action_bad_date", "`due`"),
    ({"target": None, "title": "x", "due": 5}, "action_bad_date", "`due`"),
    ({"target": None, "title": "x", "start": "2026-13-01"}, "action_bad_date", "`start`"),
    ({"target": None, "title": "x", "segment": ["sumber", "A"]}, "action_segment_shape", "`segment`"),
    ({"target": None, "title": "x", "segment": {"sumber": ["A", "B"]}}, "action_segment_list", "`sumber`"),
    ({"target": None, "title": "x", "segment": {"sumber": object()}}, "action_segment_value", "`sumber`"),
    ({"target": None, "title": "x", "segment": {"kanal": "A"}}, "action_segment_unknown_dimension", "`sumber`"),
    ({"target": 99, "title": "x"}, "action_unknown_target", "`target`"),
    ({"target": "satu", "title": "x"}, "action_unknown_target", "`target`"),
    ({"target": None, "title": "x", "metric": None}, "action_no_metric", "`metric`"),
]


@pytest.mark.parametrize(("kwargs", "code", "named"), BAD)
def test_bad_actions_are_refused_in_both_languages(ws, kwargs, code, named):
    args = {"metric": "conversion_rate", **kwargs}
    with pytest.raises(kpi.ActionError) as info:
        ws.add_action(**args)
    err = info.value
    assert err.code == code and isinstance(err, ValueError) and isinstance(err, kpi.KpiError)
    assert named in err.message("id") and named in err.message("en") and err.message("id") != err.message("en")
    assert ws.actions(include_deleted=True) == []  # nothing half-saved


def test_errors_on_targets_and_existing_actions(ws):
    t = add_target(ws, "conversion_rate", {"provinsi": "P1"})
    with pytest.raises(kpi.ActionError, match="outside target") as info:
        ws.add_action(t, "x", segment={"provinsi": "P2"})
    assert "`provinsi`" in info.value.message("id")
    with pytest.raises(kpi.ActionError) as info:
        ws.add_action(t, "x", metric="leads")
    assert info.value.code == "action_metric_mismatch" and "`conversion_rate`" in info.value.message("id")
    with pytest.raises(kpi.UnknownMetricError):
        ws.add_action(None, "x", metric="konversi")
    for missing in (42, "x", None):
        with pytest.raises(kpi.ActionError) as info:
            ws.action(missing)
        assert info.value.code == "action_unknown" and "`ws.actions()`" in info.value.message("id")
    a = ws.add_action(t, "x", segment={"sumber": "A"})
    with pytest.raises(kpi.ActionError) as info:
        ws.update_action(a, segment={"wilayah": "A"})
    assert info.value.code == "action_segment_unknown_dimension" and ws.action(a).segment == {"sumber": "A"}
    with pytest.raises(kpi.ActionError) as info:
        ws.update_action(a, status="selesai")
    assert info.value.code == "action_bad_status" and "'done'" in info.value.message("id")
    cur = ws.cursor()
    with pytest.raises(kpi.ActionError) as info:
        actions.update_action(cur, a, {"metric": "leads"})
    assert info.value.code == "action_field_fixed" and "`metric`" in info.value.message("id")
    ws.delete_target(t)
    with pytest.raises(kpi.ActionError) as info:
        ws.add_action(t, "y")
    assert info.value.code == "action_target_deleted"


def test_every_reason_and_verdict_has_a_message():
    source = Path(action_effects.__file__).read_text()
    codes = set(re.findall(r'"(action_reason_\w+)"', source))
    codes |= {f"action_effect_{v}" for v in ("worked", "worse", "no_clear_effect")}
    codes |= {f"action_status_{s}" for s in actions.STATUSES}
    assert len(codes) > 10 and codes <= set(MESSAGES)


# ---- effects ------------------------------------------------------------------------------------------
def test_ratio_effect_matches_pandas_and_worked(planted):
    ws, df = planted
    a = ws.add_action(None, "Balas chat", metric="conversion_rate", segment={"sumber": "A"}, status="done",
                      start=START)
    e = ws.action_effect(a, draws=1000)
    assert (e.days_before, e.days_after, e.before, e.after) == (60, 60, (dt.date(2026, 1, 1), dt.date(2026, 3, 1)),
                                                                (START, dt.date(2026, 4, 30)))
    truth = pandas_rate_did(df, df["sumber"] == "A", START, 60, dt.date(2026, 4, 30))
    assert e.estimate == pytest.approx(truth, abs=1e-9)
    assert e.verdict == "worked" and e.low > 0 and e.pvalue < 0.01 and e.reason is None
    assert e.relative == pytest.approx(e.estimate / e.treated_before)
    assert list(e.frame.columns) == ["day", "group", "window", "value"] and len(e.frame) == 240
    assert "worked" in e.summary("en") and "berhasil" in e.summary("id") and "A" in e.summary("id")
    assert "percentage points" in e.summary("en") and "poin persentase" in e.summary("id") and speaks(e)


def test_ratio_effect_inside_a_target_uses_the_target_rows(planted):
    ws, df = planted
    with transaction(ws.cursor()) as cur:
        t = targets.insert_target(cur, metric="conversion_rate", start="2026-01-01", end="2026-06-30", value=0.2,
                                  filters={"provinsi": "P1"})
    a = ws.add_action(t, "Balas chat P1", segment={"sumber": "A"}, status="in_progress", start=START)
    e = ws.action_effect(a, as_of="2026-04-15", draws=500)
    assert (e.days_after, e.days_before) == (45, 45)
    p1 = df[df["provinsi"] == "P1"]
    truth = pandas_rate_did(p1, p1["sumber"] == "A", START, 45, dt.date(2026, 4, 15))
    assert e.estimate == pytest.approx(truth, abs=1e-9)


def test_additive_effect_matches_pandas(planted):
    ws, df = planted
    a = ws.add_action(None, "Iklan A", metric="leads", segment={"sumber": "A"}, status="done", start=START)
    e = ws.action_effect(a, draws=1000)
    truth = pandas_daily_did(df, 1.0, df["sumber"] == "A", START, 60, dt.date(2026, 4, 30))
    assert e.estimate == pytest.approx(truth, abs=1e-9) and e.verdict == "worked"
    assert e.treated_before == pytest.approx(len(windows(df[df.sumber == "A"], START, 60, START)[0]) / 60)
    assert "per day" in e.summary("en") and "per hari" in e.summary("id") and speaks(e)


def test_more_spend_is_worse():
    df = spend_frame(3, extra_x_after=300_000)
    with workspace_with(spend=df) as ws:
        a = ws.add_action(None, "Naikkan iklan X", metric="spend", segment={"kanal": "X"}, status="done",
                          start=START)
        e = ws.action_effect(a, draws=1000)
    truth = pandas_daily_did(df, df["biaya"], df["kanal"] == "X", START, 60, dt.date(2026, 4, 30))
    assert e.estimate == pytest.approx(truth, abs=1e-6)  # money: 1e-9 relative to ~3e5
    assert e.estimate == pytest.approx(truth, rel=1e-12)
    assert e.verdict == "worse" and e.low > 0 and "Rp" in e.summary("id") and speaks(e)


def test_no_planted_effect_is_mostly_no_clear_effect():
    verdicts = []
    for seed in range(20):
        with workspace_with(leads_frame(100 + seed, days=pd.date_range("2026-01-20", "2026-04-10"))) as ws:
            a = ws.add_action(None, "x", metric="conversion_rate", segment={"sumber": "B"}, status="done",
                              start=START)
            verdicts.append(ws.action_effect(a, draws=400).verdict)
    assert verdicts.count("no_clear_effect") >= 17, verdicts


@pytest.mark.parametrize("ratio", [False, True])
def test_interval_covers_the_truth(ratio):
    """40 simulated datasets of 45 + 45 days with a shared daily shock: the 95% interval covers the truth."""
    rng = np.random.default_rng(7)
    covered = 0
    for _ in range(40):
        shock = rng.lognormal(0, 0.2, 90)  # a holiday, a sale: moves treated and control alike
        after = np.arange(90) >= 45
        if ratio:
            leads_t, leads_c = rng.poisson(40 * shock), rng.poisson(120 * shock)
            treated = np.c_[rng.binomial(leads_t, np.where(after, 0.2, 0.1)), leads_t].astype(float)
            control = np.c_[rng.binomial(leads_c, 0.1), leads_c].astype(float)
            res, truth = action_effects.diff_in_diff(treated, control, 45, scale=1.0, draws=1000, seed=None), 0.1
        else:
            treated = rng.poisson(20 * shock + 8 * after)[:, None].astype(float)
            control = rng.poisson(60 * shock)[:, None].astype(float)
            res, truth = action_effects.diff_in_diff(treated, control, 45, draws=1000, seed=None), 8.0
        covered += res.low <= truth <= res.high
    assert covered >= 34  # 85% of 40


def test_too_early_and_not_applicable(planted):
    ws, _ = planted
    early = ws.add_action(None, "x", metric="conversion_rate", segment={"sumber": "A"}, status="done",
                          start="2026-04-26")
    e = ws.action_effect(early)
    assert (e.verdict, e.days_after, e.reason) == ("too_early", 5, "action_reason_few_days")
    assert np.isnan(e.estimate) and e.frame.empty and "5" in e.summary("id") and "14" in e.summary("en")
    whole = ws.add_action(None, "x", metric="conversion_rate", status="done", start=START)
    assert ws.action_effect(whole).verdict == "not_applicable"
    assert "`segment`" in ws.action_effect(whole).summary("id")
    planned = ws.add_action(None, "x", metric="conversion_rate", segment={"sumber": "A"}, start=START)
    e = ws.action_effect(planned)
    assert (e.verdict, e.reason) == ("not_applicable", "action_reason_not_started")
    assert "direncanakan" in e.summary("id") and "planned" in e.summary("en")
    nobody = ws.add_action(None, "x", metric="conversion_rate", segment={"sumber": "Z"}, status="done", start=START)
    assert ws.action_effect(nobody).verdict == "too_early"  # no rows in the segment at all
    early_data = ws.add_action(None, "x", metric="leads", segment={"sumber": "A"}, status="done", start="2026-01-05")
    e = ws.action_effect(early_data)
    assert e.reason == "action_reason_no_history" and speaks(e) and "4" in e.summary("en")
    assert all(speaks(ws.action_effect(x)) for x in (early, whole, planned, nobody))
    with transaction(ws.cursor()) as cur:
        t = targets.insert_target(cur, metric="conversion_rate", start="2026-01-01", end="2026-06-30", value=0.2,
                                  filters={"sumber": "A"})
    alone = ws.add_action(t, "x", segment={"sumber": "A"}, status="done", start=START)
    e = ws.action_effect(alone, draws=100)
    assert (e.verdict, e.reason) == ("not_applicable", "action_reason_no_control") and speaks(e)


def test_few_rows_after_the_start_is_too_early():
    df = leads_frame(5)
    tiny = df[(df["sumber"] == "C") & (pd.to_datetime(df["tanggal"]) >= pd.Timestamp(START))].index[::60]
    df.loc[df["sumber"].eq("C") & ~df.index.isin(tiny) & (pd.to_datetime(df["tanggal"]) >= pd.Timestamp(START)),
           "sumber"] = "B"
    with workspace_with(df) as ws:
        a = ws.add_action(None, "x", metric="conversion_rate", segment={"sumber": "C"}, status="done", start=START)
        e = ws.action_effect(a)
    assert (e.verdict, e.reason) == ("too_early", "action_reason_few_rows") and "30" in e.summary("en") and speaks(e)
