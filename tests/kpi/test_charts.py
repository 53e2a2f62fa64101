"""Chart builders, checked through their Vega-Lite specs (``chart.to_dict()``), never pixels."""

from __future__ import annotations

import altair as alt
import numpy as np
import pandas as pd
import pytest

from kpi import charts
from kpi.metrics import CATALOG

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
    ("conversion_rate", "format", ".0%"),
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
