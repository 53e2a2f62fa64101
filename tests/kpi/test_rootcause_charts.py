"""Root-cause and action-effect charts, checked through their Vega-Lite specs (``chart.to_dict()``)."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from kpi import charts, rootcause_charts


def contributions(values=(-50.0, 20.0, -10.0), names=("Instagram", "Shopee", "Tokopedia"), *, mix=None,
                  significant=None) -> pd.DataFrame:
    """One single dimension ``kanal`` plus a two-dimension row that must be ignored by default."""
    n = len(values)
    df = pd.DataFrame({
        "dimension": ["kanal"] * n, "segment": list(names), "level": [1] * n,
        "baseline": np.linspace(100.0, 300.0, n), "contribution": list(values),
        "mix_effect": np.nan, "rate_effect": np.nan,
        "qvalue": np.linspace(0.0001, 0.5, n),
        "significant": significant if significant is not None else [True] + [False] * (n - 1),
    })
    df["current"] = df["baseline"] + df["contribution"]
    if mix is not None:
        df["mix_effect"] = list(mix)
        df["rate_effect"] = df["contribution"] - df["mix_effect"]
    pair = {c: df[c].iloc[0] for c in df.columns} | {"dimension": "kanal, provinsi", "segment": "Instagram, Bali",
                                                     "level": 2}
    return pd.concat([pd.DataFrame([pair]), df], ignore_index=True)  # the pair comes first, on purpose


def rows(spec, layer=None) -> list[dict]:
    return spec["datasets"][(layer or spec)["data"]["name"]]


def colour_of(layer) -> dict[str, str]:
    scale = layer["encoding"]["color"]["scale"]
    return dict(zip(scale["domain"], scale["range"], strict=True))


def test_waterfall_floats_each_segment_from_the_previous_end():
    spec = charts.contribution_chart(contributions(), 1000, 960, unit="count").to_dict()
    data = rows(spec)
    assert [r["step"] for r in data] == ["Pembanding", "Instagram", "Shopee", "Tokopedia", "Sekarang"]
    assert [(r["start"], r["end"]) for r in data] == [(0, 1000), (1000, 950), (950, 970), (970, 960), (0, 960)]
    assert data[-2]["end"] == pytest.approx(960)  # the last segment lands on the current total
    assert [r["kind"] for r in data] == ["total", "decrease", "increase", "decrease", "total"]
    assert [r["share"] for r in data[1:-1]] == pytest.approx([1.25, -0.5, 0.25])
    assert [r["share_text"] for r in data[1:-1]] == ["125,0%", "-50,0%", "25,0%"]
    assert [r["value_text"] for r in data] == ["1.000", "-50", "+20", "-10", "960"]
    bars, labels = spec["layer"]
    assert (bars["mark"]["type"], labels["mark"]["type"]) == ("bar", "text")
    assert (bars["encoding"]["y"]["field"], bars["encoding"]["y2"]["field"]) == ("start", "end")
    assert bars["encoding"]["x"]["sort"] == [r["step"] for r in data]
    json.dumps(spec, allow_nan=False)


def test_waterfall_colours_follow_the_sign():
    spec = charts.contribution_chart(contributions(), 1000, 960, unit="count", lang="en").to_dict()
    colours = colour_of(spec["layer"][0])
    by_step = {r["step"]: colours[r["kind_text"]] for r in rows(spec)}
    assert by_step["Instagram"] == by_step["Tokopedia"] == "#c0392b"
    assert by_step["Shopee"] == "#3a9d5d"
    assert by_step["Baseline"] == by_step["Current"] == "#5f6b73"


def test_waterfall_folds_the_smallest_segments_into_other():
    values = [-40.0, 30.0, -20.0, 5.0, -3.0, 2.0]
    df = contributions(values, [f"S{i}" for i in range(6)])
    spec = charts.contribution_chart(df, 500, 474, top=3, unit="count", lang="en").to_dict()
    data = rows(spec)
    assert [r["step"] for r in data] == ["Baseline", "S0", "S1", "S2", "Other", "Current"]
    assert data[4]["value"] == pytest.approx(4.0)  # 5 - 3 + 2
    assert data[4]["end"] == pytest.approx(474)
    lainnya = rows(charts.contribution_chart(df, 500, 474, top=3, unit="count").to_dict())
    assert lainnya[4]["step"] == "Lainnya"


def test_waterfall_orders_by_size_and_keeps_the_remainder():
    # Suppressed segments leave a remainder: it becomes "Other", so the waterfall still ends at the total.
    df = contributions((5.0, -30.0), ("Kecil", "Besar"))
    data = rows(charts.contribution_chart(df, 200, 170, unit="count").to_dict())
    assert [r["step"] for r in data] == ["Pembanding", "Besar", "Kecil", "Lainnya", "Sekarang"]
    assert data[3]["value"] == pytest.approx(-5.0) and data[3]["end"] == pytest.approx(170)


def test_a_segment_called_other_stays_apart_from_the_fold():
    df = contributions((-40.0, 30.0, -20.0, 5.0), ("Other", "B", "C", "D"))
    data = rows(charts.contribution_chart(df, 500, 475, top=3, unit="count", lang="en").to_dict())
    steps = [r["step"] for r in data]
    assert len(set(steps)) == len(steps) and steps[1] == "Other"


@pytest.mark.parametrize(("lang", "title", "tips"), [
    ("id", "Kontribusi per kanal", ["Segmen", "Kontribusi", "Bagian dari perubahan", "Total berjalan"]),
    ("en", "Contribution by kanal", ["Segment", "Contribution", "Share of change", "Running total"]),
])
def test_waterfall_speaks_the_language(lang, title, tips):
    spec = charts.contribution_chart(contributions(), 1000, 960, unit="currency", lang=lang).to_dict()
    assert spec["title"] == title
    assert [t["title"] for t in spec["layer"][0]["encoding"]["tooltip"]] == tips
    assert "'Rp'" in spec["layer"][0]["encoding"]["y"]["axis"]["labelExpr"]
    assert rows(spec)[1]["value_text"] == "-Rp50"


def test_waterfall_of_a_rate_speaks_points():
    df = contributions((-0.01, 0.004), ("A", "B"))
    spec = charts.contribution_chart(df, 0.05, 0.044, unit="percent", lang="en", title="CR").to_dict()
    data = rows(spec)
    assert [r["value_text"] for r in data] == ["5.0%", "-1.0\xa0pts", "+0.4\xa0pts", "4.4%"]
    assert spec["title"] == "CR" and spec["layer"][0]["encoding"]["y"]["axis"]["format"] == ".1~%"


def test_an_unknown_dimension_is_named():
    with pytest.raises(ValueError, match="`dimension` 'kota'"):
        charts.contribution_chart(contributions(), 1000, 960, dimension="kota", unit="count")


def test_mix_rate_bars_add_up_to_the_contributions():
    df = contributions((-0.02, 0.01, -0.004), mix=(-0.005, 0.003, 0.001))
    spec = charts.mix_rate_chart(df, unit="percent", lang="en").to_dict()
    data = rows(spec)
    assert len(data) == 6
    assert sum(r["value"] for r in data) == pytest.approx(-0.014)
    by = {(r["segment"], r["effect"]): r["value"] for r in data}
    assert by[("Instagram", "mix")] == pytest.approx(-0.005) and by[("Instagram", "rate")] == pytest.approx(-0.015)
    enc = spec["encoding"]
    assert (enc["xOffset"]["field"], enc["x"]["field"]) == ("effect_text", "segment")
    assert enc["color"]["scale"]["domain"] == ["Mix effect", "Rate effect"]
    assert spec["mark"]["type"] == "bar"
    assert data[0]["value_text"] == "-0.5\xa0pts"


def test_mix_rate_speaks_indonesian_and_folds():
    df = contributions((-0.02, 0.01, -0.004), mix=(-0.005, 0.003, 0.001))
    spec = charts.mix_rate_chart(df, top=2, unit="percent").to_dict()
    assert spec["encoding"]["color"]["scale"]["domain"] == ["Efek bauran", "Efek tingkat"]
    data = rows(spec)
    assert {r["segment"] for r in data} == {"Instagram", "Shopee", "Lainnya"}
    assert sum(r["value"] for r in data) == pytest.approx(-0.014)


def test_mix_rate_of_an_additive_kpi_is_refused():
    with pytest.raises(ValueError, match="contribution_chart"):
        charts.mix_rate_chart(contributions(), unit="count")


def dimensions() -> pd.DataFrame:
    return pd.DataFrame({"dimension": ["kanal", "provinsi", "produk"], "surprise": [0.02, 0.15, 0.07],
                         "explained": [0.2, 0.8, 0.5], "top_segment": ["Instagram", "Jawa Barat", None],
                         "top_share": [0.3, 0.65, 0.4]})


@pytest.mark.parametrize(("lang", "tips"), [
    ("id", ["Dimensi", "Kejutan (divergensi JS)", "Perubahan yang dijelaskan", "Segmen teratas",
            "Bagian segmen teratas"]),
    ("en", ["Dimension", "Surprise (JS divergence)", "Change explained", "Top segment", "Top segment's share"]),
])
def test_dimension_chart_ranks_by_surprise(lang, tips):
    spec = charts.dimension_chart(dimensions(), lang=lang).to_dict()
    assert spec["mark"]["type"] == "bar"
    assert (spec["encoding"]["x"]["field"], spec["encoding"]["y"]["field"]) == ("surprise", "dimension")
    assert spec["encoding"]["y"]["sort"] == ["provinsi", "produk", "kanal"]
    assert [t["title"] for t in spec["encoding"]["tooltip"]] == tips
    data = rows(spec)
    assert [r["top_segment"] for r in data] == ["Jawa Barat", "(kosong)" if lang == "id" else "(blank)", "Instagram"]
    assert data[0]["top_share_text"] == ("65,0%" if lang == "id" else "65.0%")


def test_segment_chart_emphasises_significant_segments():
    df = contributions(significant=[True, False, True])
    spec = charts.segment_chart(df, dimension="kanal", unit="count", lang="en").to_dict()
    assert [layer["mark"]["type"] for layer in spec["layer"]] == ["rule", "point", "point"]
    data = rows(spec)
    assert [r["segment"] for r in data] == ["Instagram", "Shopee", "Tokopedia"]
    assert [r["significant"] for r in data] == [True, False, True]
    opacity = spec["layer"][0]["encoding"]["opacity"]["scale"]
    levels = dict(zip(opacity["domain"], opacity["range"], strict=True))
    assert levels["Significant"] > levels["Not significant"]
    assert [levels[r["significance"]] for r in data] == [1.0, 0.35, 1.0]
    assert [r["shape"] for r in data] == ["triangle-left", "triangle-right", "triangle-left"]
    assert data[0]["qvalue_text"] == "< 0.001" and data[1]["qvalue_text"] == "0.250"
    assert "q-value" in [t["title"] for t in spec["layer"][0]["encoding"]["tooltip"]]
    rule = spec["layer"][0]["encoding"]
    assert (rule["x"]["field"], rule["x2"]["field"]) == ("baseline", "current")


def test_segment_chart_in_indonesian():
    spec = charts.segment_chart(contributions(), dimension="kanal, provinsi", unit="currency").to_dict()
    data = rows(spec)
    assert [r["segment"] for r in data] == ["Instagram, Bali"]
    assert data[0]["baseline_text"] == "Rp100" and data[0]["change_text"] == "-Rp50"
    assert spec["title"] == "kanal, provinsi: pembanding dan sekarang"


def effect_frame() -> pd.DataFrame:
    days = pd.date_range("2026-09-01", periods=20)
    frame = pd.DataFrame({"day": np.tile(days, 2), "group": ["treated"] * 20 + ["control"] * 20,
                          "window": np.tile(np.where(days < "2026-09-11", "before", "after"), 2),
                          "value": np.r_[np.arange(20.0), np.full(20, 5.0)]})
    return frame.sample(frac=1, random_state=1)  # the chart must not rely on the order of the rows


@pytest.mark.parametrize(("lang", "label", "groups"), [
    ("id", "Aksi dimulai", {"Segmen sasaran", "Pembanding (kontrol)"}),
    ("en", "Action started", {"Targeted segment", "Control"}),
])
def test_effect_chart_has_both_groups_and_the_start_rule(lang, label, groups):
    spec = charts.effect_chart(effect_frame(), "2026-09-11", unit="count", lang=lang).to_dict()
    lines, rule, text = spec["layer"]
    assert [layer["mark"]["type"] for layer in spec["layer"]] == ["line", "rule", "text"]
    assert {r["group_text"] for r in rows(spec, lines)} == groups
    assert [pd.Timestamp(r["day"]) for r in rows(spec, rule)] == [pd.Timestamp("2026-09-11")]
    assert rows(spec, text)[0]["text"] == label
    assert lines["encoding"]["detail"]["field"] == "window"


def test_effect_chart_smooths_within_each_window():
    spec = charts.effect_chart(effect_frame(), "2026-09-11", unit="count", lang="en").to_dict()
    data = pd.DataFrame(rows(spec, spec["layer"][0]))
    data["day"] = pd.to_datetime(data["day"])
    treated = data[data["group"] == "treated"].set_index("day")["value"]
    assert treated[pd.Timestamp("2026-09-07")] == pytest.approx(3.0)  # mean of days 0..6
    assert treated[pd.Timestamp("2026-09-12")] == pytest.approx(10.5)  # after starts afresh: mean of 10, 11
    assert (data.loc[data["group"] == "control", "value"] == 5.0).all()
    assert spec["layer"][0]["encoding"]["y"]["title"] == "Value (7-day mean)"
    daily = charts.effect_chart(effect_frame(), "2026-09-11", unit="count", smooth=1, lang="en").to_dict()
    raw = pd.DataFrame(rows(daily, daily["layer"][0]))
    assert sorted(raw.loc[raw["group"] == "treated", "value"]) == list(np.arange(20.0))


def test_rootcause_charts_are_reexported():
    for name in rootcause_charts.__all__:
        assert getattr(charts, name) is getattr(rootcause_charts, name)
        assert name in charts.__all__
