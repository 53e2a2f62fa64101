"""Chart builders, checked through their Vega-Lite specs (``chart.to_dict()``), never pixels."""

from __future__ import annotations

import datetime as dt
import json

import altair as alt
import numpy as np
import pandas as pd
import pytest

import kpi
from kpi import charts
from kpi.metrics import CATALOG
from kpi.progress import Progress
from kpi.targets import Target

PERIODS = pd.to_datetime(["2026-08-01", "2026-09-01", "2026-10-01"])


def frame(values=(1.5e8, 1.9e8, 2.1e8), **columns) -> pd.DataFrame:
    return pd.DataFrame({"period": PERIODS[: len(values)], **columns, "value": list(values)})


def split_frame() -> pd.DataFrame:
    return pd.DataFrame({
        "period": PERIODS.repeat(2),
        "kanal": ["Shopee", None] * 3,
        "value": [1e6, 2e6, 1.5e6, 2.5e6, 1.7e6, float("nan")],
    })


def test_trend_chart_is_a_line_over_period():
    spec = charts.trend_chart(frame(), metric=CATALOG["revenue"]).to_dict()
    assert spec["mark"]["type"] == "line"
    assert (spec["encoding"]["x"]["field"], spec["encoding"]["x"]["type"]) == ("period", "temporal")
    assert (spec["encoding"]["y"]["field"], spec["encoding"]["y"]["type"]) == ("value", "quantitative")
    assert spec["encoding"]["y"]["title"] == "Angka Penjualan"
    assert "color" not in spec["encoding"]


def test_trend_chart_speaks_english():
    spec = charts.trend_chart(frame(), metric=CATALOG["revenue"], lang="en").to_dict()
    assert spec["encoding"]["y"]["title"] == "Revenue"
    assert [t["title"] for t in spec["encoding"]["tooltip"]] == ["Period", "Revenue"]
    assert spec["config"]["locale"]["number"]["decimal"] == "."


def test_trend_tooltips_show_the_cards_text():
    chart = charts.trend_chart(frame(), metric=CATALOG["revenue"])
    spec = chart.to_dict()
    assert [t["field"] for t in spec["encoding"]["tooltip"]] == ["period_text", "value_text"]
    data = chart.data
    assert data["value_text"].tolist() == ["Rp150.000.000", "Rp190.000.000", "Rp210.000.000"]
    assert data["period_text"].tolist() == ["Agu 2026", "Sep 2026", "Okt 2026"]


def test_trend_chart_by_segment_has_one_colour_per_segment():
    chart = charts.trend_chart(split_frame(), metric=CATALOG["revenue"], by="kanal")
    spec = chart.to_dict()
    assert spec["encoding"]["color"]["field"] == "segment"
    assert spec["encoding"]["color"]["title"] == "kanal"
    assert [t["title"] for t in spec["encoding"]["tooltip"]] == ["Periode", "kanal", "Angka Penjualan"]
    assert set(chart.data["segment"]) == {"Shopee", "(kosong)"}  # a blank segment is named, not dropped
    assert chart.data["value_text"].tolist()[-1] == "–"


def test_a_column_name_with_a_dot_is_not_read_as_a_nested_field():
    df = split_frame().rename(columns={"kanal": "toko.kanal"})
    spec = charts.trend_chart(df, metric=CATALOG["revenue"], by="toko.kanal").to_dict()
    assert spec["encoding"]["color"]["field"] == "segment"
    assert spec["encoding"]["color"]["title"] == "toko.kanal"


@pytest.mark.parametrize(("name", "key", "expected"), [
    ("conversion_rate", "format", ".1~%"),
    ("nps", "format", "+,d"),
])
def test_axis_format_by_unit(name, key, expected):
    spec = charts.trend_chart(frame((0.1, 0.2, 0.3)), metric=CATALOG[name]).to_dict()
    assert spec["encoding"]["y"]["axis"][key] == expected


def test_money_axis_labels_are_compact_rupiah_in_the_language():
    spec_id = charts.trend_chart(frame(), metric=CATALOG["revenue"]).to_dict()
    spec_en = charts.trend_chart(frame(), metric=CATALOG["revenue"], lang="en").to_dict()
    assert "'Rp'" in spec_id["encoding"]["y"]["axis"]["labelExpr"]
    assert "jt'" in spec_id["encoding"]["y"]["axis"]["labelExpr"]
    assert "M'" in spec_en["encoding"]["y"]["axis"]["labelExpr"]
    assert "x'" in charts.trend_chart(frame(), metric=CATALOG["roas"]).to_dict()["encoding"]["y"]["axis"]["labelExpr"]


@pytest.mark.parametrize(("grain", "lang", "expected"), [
    ("month", "id", "%b %Y"), ("quarter", "id", "K%q %Y"), ("quarter", "en", "Q%q %Y"), ("year", "id", "%Y"),
])
def test_time_axis_format_by_grain(grain, lang, expected):
    spec = charts.trend_chart(frame(), metric=CATALOG["orders"], grain=grain, lang=lang).to_dict()
    assert spec["encoding"]["x"]["axis"]["format"] == expected


def test_theme_carries_the_language_locale():
    spec = charts.trend_chart(frame(), metric=CATALOG["revenue"]).to_dict()
    locale = spec["config"]["locale"]
    assert (locale["number"]["decimal"], locale["number"]["thousands"]) == (",", ".")
    assert locale["time"]["shortMonths"][9] == "Okt"
    assert locale["time"]["days"][0] == "Minggu"  # d3 weeks start on Sunday
    assert spec["config"]["range"]["category"] == list(charts.PALETTE)


def test_sparkline_has_no_axes_and_marks_the_latest_value():
    chart = charts.sparkline_chart(frame(), metric=CATALOG["revenue"])
    spec = chart.to_dict()
    line, last = spec["layer"]
    assert (line["mark"]["type"], last["mark"]["type"]) == ("line", "point")
    for layer in (line, last):
        assert layer["encoding"]["x"]["axis"] is None and layer["encoding"]["y"]["axis"] is None
    assert spec["height"] == 48
    assert "title" not in spec


def test_sparkline_skips_missing_values():
    chart = charts.sparkline_chart(frame((0.1, float("nan"), 0.3)), metric=CATALOG["conversion_rate"], lang="en")
    assert chart.data["value_text"].tolist() == ["10.0%", "30.0%"]


def test_cohort_chart_is_a_retention_heatmap():
    df = pd.DataFrame({"cohort": pd.to_datetime(["2026-09-01", "2026-09-01", "2026-10-01"]),
                       "period_index": [0, 1, 0], "customers": [10, 3, 8], "retention": [1.0, 0.3, 1.0]})
    chart = charts.cohort_chart(df, "en")
    spec = chart.to_dict()
    assert spec["mark"]["type"] == "rect"
    assert (spec["encoding"]["x"]["field"], spec["encoding"]["y"]["field"]) == ("period_index", "cohort_text")
    assert spec["encoding"]["color"]["field"] == "retention"
    assert spec["encoding"]["color"]["legend"]["format"] == ".0%"
    assert spec["encoding"]["y"]["sort"] == ["Sep 2026", "Oct 2026"]
    assert chart.data["retention_text"].tolist() == ["100.0%", "30.0%", "100.0%"]


@pytest.mark.parametrize("metric", CATALOG.values(), ids=lambda m: m.name)
def test_every_catalog_kpi_charts(metric):
    for chart in (charts.trend_chart(frame((1, 2, 3)), metric=metric),
                  charts.sparkline_chart(frame((1, 2, 3)), metric=metric)):
        assert isinstance(chart, alt.TopLevelMixin)
        chart.to_dict()  # validates against the Vega-Lite schema


def test_trend_chart_marks_anomalies_and_level_shifts():
    from kpi import stats

    days = pd.date_range("2026-01-01", periods=120, freq="D")
    values = 100 + np.random.default_rng(3).normal(0, 3, 120)
    values[60:] += 40  # a level shift
    values[30] = 10  # an outage
    found = stats.find_anomalies(pd.DataFrame({"period": days, "value": values}))
    frame = pd.DataFrame({"period": days, "value": values})
    spec = charts.trend_chart(frame, metric=CATALOG["orders"], grain="day", anomalies=found, lang="en").to_dict()
    marks = [layer["mark"]["type"] for layer in spec["layer"]]
    assert marks == ["area", "line", "point", "rule"]
    flagged = spec["datasets"][spec["layer"][2]["data"]["name"]]
    assert "31 Jan 2026" in [row["period_text"] for row in flagged]
    assert len(flagged) == int(found.points["anomaly"].sum())
    assert {t["title"] for t in spec["layer"][2]["encoding"]["tooltip"]} == {"Period", "Orders", "Expected range",
                                                                              "Context"}
    shifts = spec["datasets"][spec["layer"][3]["data"]["name"]]
    assert len(shifts) == 1 and shifts[0]["period"].startswith("2026-03-02")
    # Split by a segment, the chart keeps one line per segment and draws no baseline.
    split = charts.trend_chart(frame.assign(kanal="A"), metric=CATALOG["orders"], by="kanal", anomalies=found).to_dict()
    assert split["mark"]["type"] == "line"


# ---- targets: progress and milestones ---------------------------------------------------------------------------
NAN = float("nan")
MONTHS = pd.to_datetime(["2026-08-01", "2026-09-01", "2026-10-01", "2026-11-01"])
PLAN = [100e6, 120e6, 130e6, 150e6]


def target(metric="revenue", value=500e6, **fields) -> Target:
    fields = {"owner": None, "filters": None, "note": None, **fields}
    return Target(1, metric, dt.date(2026, 8, 1), dt.date(2026, 11, 30), value,
                  created_at=dt.datetime(2026, 7, 20), **fields)


def progress_of(actual=(110e6, 115e6, NAN, NAN), projected=(NAN, NAN, 380e6, 540e6), metric="revenue",
                plan=PLAN, cumulate=np.nancumsum, **fields) -> Progress:
    """A Progress built by hand: ``actual`` and ``projected`` per period (NaN where not applicable)."""
    actual, projected = np.array(actual, float), np.array(projected, float)
    actual_cum = np.where(np.isnan(actual), np.nan, cumulate(actual))
    frame = pd.DataFrame({"period": MONTHS, "end": MONTHS + pd.offsets.MonthEnd(0), "target": plan,
                          "target_cumulative": cumulate(np.array(plan, float)), "actual": actual,
                          "actual_cumulative": actual_cum, "projected": projected,
                          "projected_low": projected * 0.9, "projected_high": projected * 1.1})
    t = target(metric, float(frame["target_cumulative"].iloc[-1]), **fields)
    return Progress(target=t, as_of=dt.date(2026, 9, 30), actual=NAN, expected=NAN, attainment=NAN, gap=NAN,
                    projected=NAN, projected_low=NAN, projected_high=NAN, probability=0.5, status="on_track",
                    elapsed=0.5, frame=frame, method="test")


def running_mean(values):
    return np.nancumsum(values) / np.arange(1, len(values) + 1)


def layers(spec) -> dict[str, dict]:
    return {layer["name"]: layer for layer in spec["layer"]}


def rows(spec, layer) -> list[dict]:
    return spec["datasets"][layer["data"]["name"]]


def test_progress_chart_layers_and_marks():
    spec = charts.progress_chart(progress_of()).to_dict()
    marks = {name: layer["mark"]["type"] for name, layer in layers(spec).items()}
    assert marks == {"band": "area", "plan": "line", "actual": "line", "projection": "line", "target": "rule"}
    by = layers(spec)
    assert by["actual"]["mark"]["point"]["filled"] is True
    band = by["band"]["encoding"]
    assert (band["y"]["field"], band["y2"]["field"]) == ("low", "high")
    # Dashes come from one strokeDash scale, in the legend's order: plan dashed, actual solid, projection dotted.
    dash = by["plan"]["encoding"]["strokeDash"]["scale"]
    styles = dict(zip(dash["domain"], dash["range"], strict=True))
    assert styles == {"Rencana": [6, 4], "Realisasi": [1, 0], "Proyeksi (rentang 80%)": [2, 3], "Target": [1, 0]}
    assert spec["title"] == "Angka Penjualan"
    assert spec["height"] == 360


@pytest.mark.parametrize(("lang", "labels"), [
    ("id", ["Rencana", "Realisasi", "Proyeksi (rentang 80%)", "Target"]),
    ("en", ["Plan", "Actual", "Projection (80% range)", "Target"]),
])
def test_progress_legend_speaks_the_language(lang, labels):
    spec = charts.progress_chart(progress_of(), lang=lang).to_dict()
    for name, layer in layers(spec).items():
        if name == "band":
            assert "color" not in layer["encoding"]  # the band is named by the projection's entry
            continue
        enc = layer["encoding"]
        assert enc["color"]["scale"]["domain"] == labels
        assert enc["strokeDash"]["scale"]["domain"] == labels  # same domain: one merged legend
        assert {row["series"] for row in rows(spec, layer)} == {labels[["plan", "actual", "projection",
                                                                         "target"].index(name)]}
    assert spec["config"]["locale"]["number"]["decimal"] == ("," if lang == "id" else ".")


def test_progress_rule_is_at_the_target_value():
    p = progress_of()
    spec = charts.progress_chart(p).to_dict()
    rule = layers(spec)["target"]
    assert rule["encoding"]["y"]["field"] == "value" and "x" not in rule["encoding"]
    assert [r["value"] for r in rows(spec, rule)] == [p.target.value]
    assert rows(spec, rule)[0]["value_text"] == "Rp500.000.000"


def test_progress_actual_line_is_the_actual_so_far():
    p = progress_of()
    spec = charts.progress_chart(p).to_dict()
    actual = rows(spec, layers(spec)["actual"])
    assert [r["value"] for r in actual] == p.frame["actual_cumulative"].dropna().tolist()
    assert [r["value_text"] for r in actual] == ["Rp110.000.000", "Rp225.000.000"]
    assert [r["plan_text"] for r in actual] == ["Rp100.000.000", "Rp220.000.000"]
    assert [r["period_text"] for r in actual] == ["Agu 2026", "Sep 2026"]
    plan = rows(spec, layers(spec)["plan"])
    assert [r["value"] for r in plan] == p.frame["target_cumulative"].tolist()


def test_progress_projection_starts_at_the_last_actual_point():
    p = progress_of()
    spec = charts.progress_chart(p).to_dict()
    proj = rows(spec, layers(spec)["projection"])
    last = p.frame.dropna(subset=["actual_cumulative"]).iloc[-1]
    first = proj[0]
    assert pd.Timestamp(first["period"]) == last["period"]
    assert first["value"] == first["low"] == first["high"] == last["actual_cumulative"]
    ahead = p.frame.dropna(subset=["projected"])
    assert [r["value"] for r in proj[1:]] == ahead["projected"].tolist()
    assert [r["low"] for r in proj[1:]] == ahead["projected_low"].tolist()
    assert [r["high"] for r in proj[1:]] == ahead["projected_high"].tolist()
    assert proj[1]["range_text"] == "Rp342.000.000 – Rp418.000.000"
    assert layers(spec)["band"]["data"] == layers(spec)["projection"]["data"]  # the band starts there too


def test_projection_of_a_running_period_joins_the_last_whole_one():
    # Mid-October: October has a partial actual and an end-of-month projection.
    p = progress_of(actual=(110e6, 115e6, 40e6, NAN), projected=(NAN, NAN, 380e6, 540e6))
    spec = charts.progress_chart(p).to_dict()
    assert len(rows(spec, layers(spec)["actual"])) == 3
    proj = rows(spec, layers(spec)["projection"])
    assert [pd.Timestamp(r["period"]) for r in proj] == list(MONTHS[1:])
    assert proj[0]["value"] == 225e6


def progress_variants():
    return {
        "midway": progress_of(),
        "not_started": progress_of(actual=(NAN,) * 4, projected=(100e6, 210e6, 330e6, 470e6)),
        "finished": progress_of(actual=(110e6, 115e6, 125e6, 160e6), projected=(NAN,) * 4),
        "first_period_running": progress_of(actual=(30e6, NAN, NAN, NAN), projected=(95e6, 200e6, 330e6, 480e6)),
        "no_forecast": progress_of(actual=(110e6, NAN, NAN, NAN), projected=(NAN,) * 4),
        "percent": progress_of(actual=(0.12, 0.13, NAN, NAN), projected=(NAN, NAN, 0.13, 0.135),
                               metric="conversion_rate", plan=[0.12, 0.13, 0.14, 0.15], cumulate=running_mean),
        "lower_is_better": progress_of(actual=(90e3, 95e3, NAN, NAN), projected=(NAN, NAN, 93e3, 92e3),
                                       metric="cac", plan=[100e3] * 4, cumulate=running_mean),
        "custom_kpi": progress_of(metric="my_kpi"),
    }


@pytest.mark.parametrize("name", list(progress_variants()))
def test_progress_chart_data_holds_no_nan(name):
    spec = charts.progress_chart(progress_variants()[name], lang="en").to_dict()
    json.dumps(spec, allow_nan=False)
    for dataset in spec["datasets"].values():
        for row in dataset:
            assert all(v is not None for v in row.values()), row


def test_a_not_started_progress_has_no_actual_and_a_projection_from_the_start():
    p = progress_variants()["not_started"]
    spec = charts.progress_chart(p, lang="en").to_dict()
    assert set(layers(spec)) == {"band", "plan", "projection", "target"}
    proj = rows(spec, layers(spec)["projection"])
    assert [r["value"] for r in proj] == [100e6, 210e6, 330e6, 470e6]
    assert layers(spec)["plan"]["encoding"]["color"]["scale"]["domain"] == ["Plan", "Projection (80% range)",
                                                                            "Target"]


def test_a_finished_progress_has_no_projection():
    p = progress_variants()["finished"]
    spec = charts.progress_chart(p, lang="en").to_dict()
    assert set(layers(spec)) == {"plan", "actual", "target"}
    assert layers(spec)["actual"]["encoding"]["color"]["scale"]["domain"] == ["Plan", "Actual", "Target"]
    assert [r["value"] for r in rows(spec, layers(spec)["actual"])] == p.frame["actual_cumulative"].tolist()


def test_progress_of_a_percent_kpi_uses_the_percent_axis():
    spec = charts.progress_chart(progress_variants()["percent"], lang="en").to_dict()
    for layer in spec["layer"]:
        y = layer["encoding"]["y"]
        assert y["axis"]["format"] == ".1~%"
        assert y["title"] == "Conversion rate to date"
        assert y["scale"]["zero"] is False  # a rate is read around its level
    assert rows(spec, layers(spec)["target"])[0]["value_text"] == "13.5%"
    assert spec["title"] == "Conversion rate"


def test_sums_climb_from_zero_on_a_compact_money_axis():
    spec = charts.progress_chart(progress_of()).to_dict()
    y = layers(spec)["plan"]["encoding"]["y"]
    assert y["scale"]["zero"] is True
    assert "'Rp'" in y["axis"]["labelExpr"] and "jt'" in y["axis"]["labelExpr"]
    assert y["title"] == "Angka Penjualan kumulatif"


def test_progress_where_lower_is_better_draws_the_same_layers():
    assert not CATALOG["cac"].higher_is_better
    spec = charts.progress_chart(progress_variants()["lower_is_better"]).to_dict()
    assert set(layers(spec)) == {"band", "plan", "actual", "projection", "target"}


def test_progress_of_a_custom_kpi_and_a_segment():
    spec = charts.progress_chart(progress_variants()["custom_kpi"], lang="en").to_dict()
    assert spec["title"] == "my_kpi"
    assert layers(spec)["plan"]["encoding"]["y"]["axis"]["format"] == ",~f"
    p = progress_of(filters={"channel": ("Instagram",)})
    assert charts.progress_chart(p, lang="en").to_dict()["title"] == "Revenue · Instagram"


def test_progress_of_a_weekly_target_labels_days():
    spec = charts.progress_chart(progress_of(grain="week"), lang="en").to_dict()
    assert layers(spec)["actual"]["encoding"]["x"]["axis"]["format"] == "%-d %b %Y"
    assert rows(spec, layers(spec)["actual"])[0]["period_text"] == "1 Aug 2026"


def test_target_charts_are_reexported():
    from kpi import target_charts
    from kpi.charts import milestone_chart, progress_chart

    assert progress_chart is target_charts.progress_chart
    assert milestone_chart is target_charts.milestone_chart
    assert {"progress_chart", "milestone_chart"} <= set(charts.__all__)


def milestones_frame(values=(150e6, 140e6, 210e6, 160e6)) -> pd.DataFrame:
    values = np.array(values, float)
    return pd.DataFrame({"period": MONTHS, "end": MONTHS + pd.offsets.MonthEnd(0), "value": values,
                         "weight": values / values.sum(), "cumulative": values.cumsum()})


def test_milestone_chart_has_one_bar_per_milestone():
    ms = milestones_frame()
    spec = charts.milestone_chart(ms, metric="revenue").to_dict()
    bars, labels = spec["layer"]
    assert (bars["mark"]["type"], labels["mark"]["type"]) == ("bar", "text")
    data = rows(spec, spec)  # bars and labels share the chart's data
    assert [r["value"] for r in data] == ms["value"].tolist()
    assert [r["period_text"] for r in data] == ["Agu 2026", "Sep 2026", "Okt 2026", "Nov 2026"]
    assert [r["value_text"] for r in data][2] == "Rp210.000.000"  # the Lebaran-like peak
    assert [r["weight_text"] for r in data][2] == "31,8%"
    assert bars["encoding"]["x"]["sort"] == ["Agu 2026", "Sep 2026", "Okt 2026", "Nov 2026"]
    assert "'Rp'" in bars["encoding"]["y"]["axis"]["labelExpr"]
    json.dumps(spec, allow_nan=False)


@pytest.mark.parametrize(("lang", "title", "tips"), [
    ("id", "Target per bulan", ["Periode", "Sampai", "Angka Penjualan", "Bobot", "Kumulatif"]),
    ("en", "Target by month", ["Period", "Until", "Revenue", "Weight", "Cumulative"]),
])
def test_milestone_chart_speaks_the_language(lang, title, tips):
    spec = charts.milestone_chart(milestones_frame(), metric="revenue", lang=lang).to_dict()
    bars = spec["layer"][0]
    assert spec["title"] == title
    assert bars["encoding"]["y"]["title"] == tips[2]
    assert [t["title"] for t in bars["encoding"]["tooltip"]] == tips


def test_milestone_chart_weekly_percent_and_custom():
    weeks = pd.to_datetime(["2026-10-05", "2026-10-12"])
    ms = pd.DataFrame({"period": weeks, "end": weeks + pd.Timedelta(days=6), "value": [0.12, 0.15],
                       "weight": [0.5, 0.5], "cumulative": [0.12, 0.135]})
    spec = charts.milestone_chart(ms, metric="conversion_rate", grain="week", lang="en").to_dict()
    assert spec["title"] == "Target by week"
    data = rows(spec, spec)
    assert [r["period_text"] for r in data] == ["5 Oct 2026", "12 Oct 2026"]
    assert [r["label"] for r in data] == ["12.0%", "15.0%"]
    assert spec["layer"][0]["encoding"]["y"]["axis"]["format"] == ".1~%"
    custom = charts.milestone_chart(ms, metric="my_kpi", lang="en").to_dict()
    assert custom["layer"][0]["encoding"]["y"]["title"] == "my_kpi"
    assert charts.milestone_chart(ms, metric=CATALOG["ctr"], lang="en").to_dict()["layer"][0]["encoding"]["y"][
        "title"] == CATALOG["ctr"].label("en")


def test_target_charts_end_to_end():
    ws = kpi.Workspace.open(":memory:")
    kpi.load_sample(ws)
    t = ws.set_target("revenue", "2026-08-01", "2026-12-31", growth=0.2)
    p = ws.progress(t, as_of="2026-10-31", draws=300)
    spec = charts.progress_chart(p).to_dict()
    json.dumps(spec, allow_nan=False)
    assert [r["value"] for r in rows(spec, layers(spec)["actual"])] == pd.Series(
        p.frame["actual_cumulative"]).dropna().tolist()
    assert rows(spec, layers(spec)["target"])[0]["value"] == t.value
    proj = rows(spec, layers(spec)["projection"])
    assert proj[0]["value"] == p.frame["actual_cumulative"].dropna().iloc[-1]
    ms = ws.milestones(t)
    bars = charts.milestone_chart(ms, metric=t.metric, grain=t.grain).to_dict()
    assert [r["value"] for r in rows(bars, bars)] == ms["value"].tolist()


def test_a_monthly_axis_has_one_tick_per_month():
    # A free tick count put weekly ticks on a three-month span, each labelled "Agu 2026".
    frame = pd.DataFrame({"period": pd.to_datetime(["2026-08-01", "2026-09-01", "2026-10-01"]),
                          "value": [0.13, 0.12, 0.10]})
    spec = charts.trend_chart(frame, metric=CATALOG["conversion_rate"], lang="id", grain="month").to_dict()
    x = next(layer["encoding"]["x"] for layer in spec.get("layer", [spec]) if "x" in layer.get("encoding", {}))
    assert x["axis"]["tickCount"] == {"interval": "month", "step": 1}
