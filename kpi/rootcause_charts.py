"""Altair charts of a root-cause explanation and of a corrective action's effect.

They draw the frames of ``docs/rootcause_contract.md`` (``Explanation.contributions``,
``Explanation.dimensions``, ``ActionEffect.frame``) with the theme, locale, axes and
tooltip texts of :mod:`kpi.charts`, which re-exports them. Every number a test may
want to check (a waterfall bar's start and end, a rolling mean) is computed here in
pandas, not by Vega transforms, so it sits in the chart's data.
"""

from __future__ import annotations

from typing import Any

import altair as alt
import numpy as np
import pandas as pd
from babel.numbers import format_decimal

from kpi.charts import PALETTE, _x_axis, _y_axis, theme
from kpi.formats import BLANK, LOCALES, format_change, format_period, format_value

__all__ = ["contribution_chart", "dimension_chart", "effect_chart", "mix_rate_chart", "segment_chart"]

# Labels as (Indonesian, English).
_WORDS: dict[str, tuple[str, str]] = {
    "baseline": ("Pembanding", "Baseline"), "current": ("Sekarang", "Current"), "other": ("Lainnya", "Other"),
    "blank": ("(kosong)", "(blank)"), "segment": ("Segmen", "Segment"), "increase": ("Naik", "Increase"),
    "decrease": ("Turun", "Decrease"), "total": ("Total", "Total"), "contribution": ("Kontribusi", "Contribution"),
    "share": ("Bagian dari perubahan", "Share of change"), "running": ("Total berjalan", "Running total"),
    "contribution_title": ("Kontribusi per {}", "Contribution by {}"), "mix": ("Efek bauran", "Mix effect"),
    "rate": ("Efek tingkat", "Rate effect"), "effect": ("Efek", "Effect"),
    "mix_title": ("Efek bauran dan tingkat per {}", "Mix and rate effects by {}"),
    "dimension": ("Dimensi", "Dimension"), "surprise": ("Kejutan (divergensi JS)", "Surprise (JS divergence)"),
    "explained": ("Perubahan yang dijelaskan", "Change explained"), "top_segment": ("Segmen teratas", "Top segment"),
    "top_share": ("Bagian segmen teratas", "Top segment's share"),
    "dimension_title": ("Dimensi yang paling menjelaskan", "Dimensions that explain the change"),
    "change": ("Perubahan", "Change"), "qvalue": ("Nilai q", "q-value"),
    "significant": ("Signifikan", "Significant"), "not_significant": ("Tidak signifikan", "Not significant"),
    "segment_title": ("{}: pembanding dan sekarang", "{}: baseline and current"),
    "treated": ("Segmen sasaran", "Targeted segment"), "control": ("Pembanding (kontrol)", "Control"),
    "group": ("Kelompok", "Group"), "day": ("Tanggal", "Day"), "started": ("Aksi dimulai", "Action started"),
    "effect_title": ("Efek aksi", "Effect of the action"), "rolling": ("{} (rata-rata {} hari)", "{} ({}-day mean)"),
    "value": ("Nilai", "Value"),
}
_UP, _DOWN, _GREY = PALETTE[2], PALETTE[3], PALETTE[7]


def _say(key: str, lang: str) -> str:
    return _WORDS[key][0 if lang == "id" else 1]


def _signed(value: float, unit: str, lang: str, currency: str, compact: bool = False) -> str:
    """A change in KPI units: ``+Rp20.000``, ``-1,2 poin`` for rates, ``+5 poin`` for NPS."""
    if pd.isna(value):
        return BLANK
    if unit in ("percent", "points"):
        return format_change(value, 0.0, unit, lang)
    text = format_value(abs(value), unit, lang, currency, compact=compact)
    return ("-" if value < 0 else "+") + text


def _pick(contributions: pd.DataFrame, dimension: str | None, lang: str) -> tuple[str, pd.DataFrame]:
    """The rows of one ``dimension`` (default: the first single one), segments named, blanks spelled out."""
    if dimension is None:
        names = contributions.loc[contributions["level"] == 1, "dimension"].tolist()
        if not names:
            raise ValueError("`contributions` has no single-dimension rows; pass `dimension=` explicitly.")
        dimension = names[0]
    rows = contributions[contributions["dimension"] == dimension].copy()
    if rows.empty:
        known = ", ".join(dict.fromkeys(contributions["dimension"].astype(str)))
        raise ValueError(f"`dimension` {dimension!r} is not in `contributions`; use one of: {known}.")
    rows["segment"] = rows["segment"].astype("object").fillna(_say("blank", lang)).astype(str)
    order = rows["contribution"].astype(float).abs().sort_values(ascending=False, kind="stable").index
    return dimension, rows.loc[order].reset_index(drop=True)


def _distinct(label: str, taken: set[str]) -> str:
    # A segment may really be called "Other": a zero-width space keeps the two bars apart.
    while label in taken:
        label += "\u200b"
    return label


def _fold(rows: pd.DataFrame, top: int, columns: list[str], lang: str) -> pd.DataFrame:
    """The ``top`` rows by |contribution| and one row "Lainnya"/"Other" summing ``columns`` of the rest."""
    head, rest = rows[["segment", *columns]].iloc[:top], rows.iloc[top:]
    if rest.empty:
        return head.reset_index(drop=True)
    other = {"segment": _distinct(_say("other", lang), set(head["segment"])),
             **{c: float(rest[c].astype(float).sum()) for c in columns}}
    return pd.concat([head, pd.DataFrame([other])], ignore_index=True)


def _tips(lang: str, *fields: tuple[str, str]) -> list[alt.Tooltip]:
    """Tooltips of text columns, each ``(column, word)`` titled by its word in ``lang``."""
    return [alt.Tooltip(f"{column}:N", title=_say(word, lang)) for column, word in fields]


def _q_text(q: float, lang: str) -> str:
    if pd.isna(q):
        return BLANK
    return ("< " if q < 0.001 else "") + format_decimal(max(q, 0.001), format="0.000", locale=LOCALES.get(lang, "en_US"))


def contribution_chart(contributions: pd.DataFrame, total_baseline: float, total_current: float, *,
                       dimension: str | None = None, top: int = 8, unit: str, lang: str = "id",
                       currency: str = "IDR", title: str | None = None) -> alt.LayerChart:
    """A waterfall from the baseline total to the current one, one floating bar per segment of ``dimension``.

    Segments are ordered by |contribution|; those beyond ``top`` are folded into one bar
    "Lainnya"/"Other". Should the rows not add up to the change (segments suppressed as
    too small), the remainder joins that bar, so the last floating bar always ends at
    ``total_current``. Increases are green, decreases red, totals grey. The data holds,
    per bar: ``step, kind`` (``total``, ``increase``, ``decrease``), ``start, end, value,
    share`` and their texts.

    Parameters
    ----------
    contributions
        ``Explanation.contributions``.
    total_baseline, total_current
        The KPI over the whole data in each span (``Explanation.total_baseline``, ``total_current``).
    dimension
        The ``dimension`` whose segments make the bars; default the first single dimension.
    top
        How many segments get their own bar.
    unit, lang, currency, title
        The KPI's unit; ``"id"`` or ``"en"``; ISO code for money; the chart's title.

    Examples
    --------
    >>> c = pd.DataFrame({"dimension": ["kanal"] * 2, "segment": ["A", "B"], "level": [1, 1],
    ...                   "contribution": [-50.0, 10.0]})
    >>> spec = contribution_chart(c, 1000, 960, unit="count", lang="en").to_dict()
    >>> [(r["step"], r["start"], r["end"]) for r in spec["datasets"][spec["data"]["name"]]]
    [('Baseline', 0.0, 1000.0), ('A', 1000.0, 950.0), ('B', 950.0, 960.0), ('Current', 0.0, 960.0)]
    """
    dimension, rows = _pick(contributions, dimension, lang)
    bars = _fold(rows, top, ["contribution"], lang)
    change = float(total_current) - float(total_baseline)
    rest = change - float(bars["contribution"].sum())
    if len(rows) > top:  # the fold takes the remainder too
        bars.loc[len(bars) - 1, "contribution"] += rest
    elif abs(rest) > 1e-9 * max(1.0, abs(total_baseline), abs(total_current)):
        bars.loc[len(bars)] = [_distinct(_say("other", lang), set(bars["segment"])), rest]
    value = bars["contribution"].astype(float).to_numpy()
    end = float(total_baseline) + np.cumsum(value)
    taken = set(bars["segment"])
    data = pd.DataFrame({
        "step": [_distinct(_say("baseline", lang), taken), *bars["segment"], _distinct(_say("current", lang), taken)],
        "kind": ["total", *np.where(value >= 0, "increase", "decrease"), "total"],
        "start": [0.0, *(end - value), 0.0],
        "end": [float(total_baseline), *end, float(total_current)],
        "value": [float(total_baseline), *value, float(total_current)],
    })
    data["share"] = [np.nan, *(value / change if change else np.full(len(value), np.nan)), np.nan]
    data["kind_text"] = [_say(k, lang) for k in data["kind"]]
    totals = data["kind"] == "total"
    for column, compact in (("value_text", False), ("label", True)):
        data[column] = [(format_value if t else _signed)(v, unit, lang, currency, compact=compact)
                        for v, t in zip(data["value"], totals)]
    data["share_text"] = [format_value(s, "percent", lang) for s in data["share"]]
    data["end_text"] = [format_value(v, unit, lang, currency) for v in data["end"]]
    data["top"] = data[["start", "end"]].max(axis=1)
    color = alt.Color("kind_text:N", title=None, scale=alt.Scale(
        domain=[_say(k, lang) for k in ("increase", "decrease", "total")], range=[_UP, _DOWN, _GREY]))
    x = alt.X("step:N", title=None, sort=data["step"].tolist(),
              axis=alt.Axis(labelAngle=0 if len(data) <= 6 else -30, labelLimit=160))
    tooltip = _tips(lang, ("step", "segment"), ("value_text", "contribution"), ("share_text", "share"),
                    ("end_text", "running"))
    base = alt.Chart(data).encode(x=x, tooltip=tooltip)
    bars_ = base.mark_bar().encode(y=alt.Y("start:Q", title=None, axis=_y_axis(unit, lang)), y2="end:Q", color=color)
    labels = base.mark_text(dy=-4, baseline="bottom", fontSize=11, color="#333333").encode(
        y="top:Q", text="label:N")
    words = title if title is not None else _say("contribution_title", lang).format(dimension)
    return alt.layer(bars_, labels).properties(height=360, title=words).configure(**theme(lang, currency))


def mix_rate_chart(contributions: pd.DataFrame, *, dimension: str | None = None, top: int = 8, unit: str,
                   lang: str = "id", currency: str = "IDR", title: str | None = None) -> alt.Chart:
    """A ratio KPI's change per segment of ``dimension``, split into its mix and rate effects (grouped bars).

    Segments are ordered by |contribution|; those beyond ``top`` are folded into "Lainnya"/"Other".
    The data is long: ``segment, effect`` (``mix`` or ``rate``), ``effect_text, value`` and texts,
    two rows per segment, so the values add up to the segments' contributions.

    Raises
    ------
    ValueError
        When ``contributions`` has no mix and rate effects (an additive KPI): draw
        :func:`contribution_chart` instead.

    Examples
    --------
    >>> c = pd.DataFrame({"dimension": ["kanal"] * 2, "segment": ["A", "B"], "level": [1, 1],
    ...                   "contribution": [-0.02, 0.01], "mix_effect": [-0.005, 0.0], "rate_effect": [-0.015, 0.01]})
    >>> spec = mix_rate_chart(c, unit="percent", lang="en").to_dict()
    >>> spec["encoding"]["xOffset"]["field"], spec["encoding"]["color"]["scale"]["domain"]
    ('effect_text', ['Mix effect', 'Rate effect'])
    """
    dimension, rows = _pick(contributions, dimension, lang)
    if "mix_effect" not in rows or rows[["mix_effect", "rate_effect"]].isna().all().all():
        raise ValueError("`contributions` has no `mix_effect`/`rate_effect` (an additive KPI); "
                         "use contribution_chart() instead.")
    rows[["mix_effect", "rate_effect"]] = rows[["mix_effect", "rate_effect"]].astype(float).fillna(0.0)
    bars = _fold(rows, top, ["contribution", "mix_effect", "rate_effect"], lang)
    data = bars.melt(id_vars=["segment", "contribution"], value_vars=["mix_effect", "rate_effect"],
                     var_name="effect", value_name="value")
    data["effect"] = data["effect"].str.removesuffix("_effect")
    data["effect_text"] = [_say(e, lang) for e in data["effect"]]
    data["value_text"] = [_signed(v, unit, lang, currency) for v in data["value"]]
    data["contribution_text"] = [_signed(v, unit, lang, currency) for v in data["contribution"]]
    effects = [_say("mix", lang), _say("rate", lang)]
    # A rate's effects are tenths of a point: whole percents (the level axis) would all read 0%.
    axis = alt.Axis(format="+.1~%") if unit == "percent" else _y_axis(unit, lang)
    chart = alt.Chart(data).mark_bar().encode(
        x=alt.X("segment:N", title=None, sort=bars["segment"].tolist(),
                axis=alt.Axis(labelAngle=0 if len(bars) <= 6 else -30, labelLimit=160)),
        xOffset=alt.XOffset("effect_text:N", sort=effects),
        y=alt.Y("value:Q", title=_say("effect", lang), axis=axis),
        color=alt.Color("effect_text:N", title=None, scale=alt.Scale(domain=effects, range=[PALETTE[1], PALETTE[0]])),
        tooltip=_tips(lang, ("segment", "segment"), ("effect_text", "effect"), ("value_text", "value"),
                      ("contribution_text", "contribution")))
    words = title if title is not None else _say("mix_title", lang).format(dimension)
    return chart.properties(height=320, title=words).configure(**theme(lang, currency))


def dimension_chart(dimensions: pd.DataFrame, *, lang: str = "id", title: str | None = None) -> alt.Chart:
    """Horizontal bars of each dimension's ``surprise``, the most surprising on top.

    ``dimensions`` is ``Explanation.dimensions``: ``dimension, surprise, explained, top_segment, top_share``.

    Examples
    --------
    >>> d = pd.DataFrame({"dimension": ["kanal", "provinsi"], "surprise": [0.01, 0.2], "explained": [0.1, 0.8],
    ...                   "top_segment": ["A", "Bali"], "top_share": [0.1, 0.7]})
    >>> dimension_chart(d, lang="en").to_dict()["encoding"]["y"]["sort"]
    ['provinsi', 'kanal']
    """
    locale = LOCALES.get(lang, "en_US")
    data = dimensions[["dimension", "surprise", "explained", "top_segment", "top_share"]].astype(
        {"dimension": str, "surprise": float, "explained": float, "top_share": float}).reset_index(drop=True)
    data["top_segment"] = data["top_segment"].astype("object").fillna(_say("blank", lang)).astype(str)
    data = data.sort_values(["surprise", "explained"], ascending=False, kind="stable").reset_index(drop=True)
    data["surprise_text"] = [BLANK if pd.isna(v) else format_decimal(v, format="#,##0.0000", locale=locale)
                             for v in data["surprise"]]
    data["explained_text"] = [format_value(v, "percent", lang) for v in data["explained"]]
    data["top_share_text"] = [format_value(v, "percent", lang) for v in data["top_share"]]
    chart = alt.Chart(data).mark_bar(color=PALETTE[0]).encode(
        y=alt.Y("dimension:N", title=None, sort=data["dimension"].tolist()),
        x=alt.X("surprise:Q", title=_say("surprise", lang), axis=alt.Axis(format=",.3~f")),
        tooltip=_tips(lang, ("dimension", "dimension"), ("surprise_text", "surprise"),
                      ("explained_text", "explained"), ("top_segment", "top_segment"),
                      ("top_share_text", "top_share")))
    words = title if title is not None else _say("dimension_title", lang)
    return chart.properties(height=alt.Step(28), title=words).configure(**theme(lang))


def segment_chart(contributions: pd.DataFrame, *, dimension: str, top: int = 15, unit: str, lang: str = "id",
                  currency: str = "IDR", title: str | None = None) -> alt.LayerChart:
    """Each segment of ``dimension`` from its baseline value (open dot) to its current one (arrow head).

    One row per segment, the ``top`` biggest |contribution| first; significant segments
    (``significant``) are drawn solid and the others faded. Green when the value went up, red when down.

    Examples
    --------
    >>> c = pd.DataFrame({"dimension": ["kanal"] * 2, "segment": ["A", "B"], "level": [1, 1],
    ...                   "contribution": [-5.0, 1.0], "baseline": [50.0, 10.0], "current": [45.0, 11.0],
    ...                   "change": [-5.0, 1.0], "qvalue": [0.001, 0.4], "significant": [True, False]})
    >>> [layer["mark"]["type"] for layer in segment_chart(c, dimension="kanal", unit="count").to_dict()["layer"]]
    ['rule', 'point', 'point']
    """
    dimension, rows = _pick(contributions, dimension, lang)
    data = rows.head(top)[["segment", "baseline", "current", "contribution", "qvalue"]].astype(
        {"baseline": float, "current": float, "contribution": float, "qvalue": float})
    data["significant"] = rows["significant"].astype("boolean").fillna(False).astype(bool)
    up = data["current"] >= data["baseline"]
    data["direction"] = np.where(up, _say("increase", lang), _say("decrease", lang))
    data["shape"] = np.where(up, "triangle-right", "triangle-left")
    data["significance"] = np.where(data["significant"], _say("significant", lang), _say("not_significant", lang))
    for column in ("baseline", "current"):
        data[f"{column}_text"] = [format_value(v, unit, lang, currency) for v in data[column]]
    data["change_text"] = [_signed(c - b, unit, lang, currency) for b, c in zip(data["baseline"], data["current"])]
    data["contribution_text"] = [_signed(v, unit, lang, currency) for v in data["contribution"]]
    data["qvalue_text"] = [_q_text(q, lang) for q in data["qvalue"]]
    opacity = alt.Opacity("significance:N", title=None, scale=alt.Scale(
        domain=[_say("significant", lang), _say("not_significant", lang)], range=[1.0, 0.35]))
    y = alt.Y("segment:N", title=None, sort=data["segment"].tolist(), axis=alt.Axis(labelLimit=200))
    tooltip = _tips(lang, ("segment", "segment"), ("baseline_text", "baseline"), ("current_text", "current"),
                    ("change_text", "change"), ("contribution_text", "contribution"), ("qvalue_text", "qvalue"),
                    ("significance", "significant"))
    color = alt.Color("direction:N", title=None, scale=alt.Scale(
        domain=[_say("increase", lang), _say("decrease", lang)], range=[_UP, _DOWN]))
    value_x = alt.X("baseline:Q", title=_say("value", lang), axis=_y_axis(unit, lang), scale=alt.Scale(zero=False))
    base = alt.Chart(data).encode(y=y, opacity=opacity, tooltip=tooltip)
    line = base.mark_rule(strokeWidth=2).encode(x=value_x, x2="current:Q", color=color)
    start = base.mark_point(filled=False, size=60, color=_GREY).encode(x=value_x)
    end = base.mark_point(filled=True, size=110).encode(x="current:Q", color=color,
                                                        shape=alt.Shape("shape:N", scale=None))
    words = title if title is not None else _say("segment_title", lang).format(dimension)
    return alt.layer(line, start, end).properties(height=alt.Step(26), title=words).configure(**theme(lang, currency))


def effect_chart(frame: pd.DataFrame, start: Any, *, unit: str, smooth: int = 7, lang: str = "id",
                 currency: str = "IDR", title: str | None = None) -> alt.LayerChart:
    """The KPI of the targeted segment and of the control, before and after an action, with a rule at its start.

    ``frame`` is ``ActionEffect.frame``: ``day, group`` (``treated``/``control``), ``window``
    (``before``/``after``), ``value``. ``smooth`` days are averaged (a trailing mean over calendar
    days, computed per group and window so the after line holds no day before the start); 1 draws
    the daily values.

    Examples
    --------
    >>> days = pd.date_range("2026-09-01", periods=4)
    >>> f = pd.DataFrame({"day": days.repeat(2), "group": ["treated", "control"] * 4,
    ...                   "window": ["before"] * 4 + ["after"] * 4, "value": [1.0, 2, 3, 4, 5, 6, 7, 8]})
    >>> spec = effect_chart(f, "2026-09-03", unit="count", smooth=1, lang="en").to_dict()
    >>> [layer["mark"]["type"] for layer in spec["layer"]], spec["layer"][2]["encoding"]["text"]["field"]
    (['line', 'rule', 'text'], 'text')
    """
    data = frame[["day", "group", "window"]].astype(str).assign(
        day=pd.to_datetime(frame["day"]), raw=pd.to_numeric(frame["value"], errors="coerce").astype(float))
    data = data.dropna(subset=["raw"]).sort_values(["group", "window", "day"], kind="stable").reset_index(drop=True)
    days = max(int(smooth), 1)
    parts = [g.rolling(f"{days}D", on="day", min_periods=1)["raw"].mean()
             for _, g in data.groupby(["group", "window"], sort=False)]
    data["value"] = pd.concat(parts) if parts else data["raw"]
    data["group_text"] = [_say(g, lang) if g in ("treated", "control") else g for g in data["group"]]
    data["day_text"] = [format_period(d, "day", lang) for d in data["day"]]
    data["value_text"] = [format_value(v, unit, lang, currency) for v in data["value"]]
    name = _say("value", lang) if days == 1 else _say("rolling", lang).format(_say("value", lang), days)
    groups = [_say("treated", lang), _say("control", lang)]
    color = alt.Color("group_text:N", title=None, sort=groups, scale=alt.Scale(domain=groups, range=[PALETTE[0], _GREY]))
    lines = alt.Chart(data).mark_line(point=len(data) <= 60).encode(
        x=alt.X("day:T", title=None, axis=_x_axis("day", lang)),
        y=alt.Y("value:Q", title=name, axis=_y_axis(unit, lang), scale=alt.Scale(zero=False)),
        color=color, detail="window:N",  # one line per window: the rule, not a segment, joins before and after
        tooltip=[*_tips(lang, ("day_text", "day"), ("group_text", "group")), alt.Tooltip("value_text:N", title=name)])
    when = pd.Timestamp(start)
    mark = pd.DataFrame({"day": [when], "text": [_say("started", lang)], "day_text": [format_period(when, "day", lang)]})
    rule = alt.Chart(mark).mark_rule(color="#333333", strokeDash=[6, 4], strokeWidth=1.5).encode(
        x="day:T", tooltip=[alt.Tooltip("text:N", title=None), *_tips(lang, ("day_text", "day"))])
    label = alt.Chart(mark).mark_text(align="left", baseline="top", dx=4, y=4, fontSize=11, color="#333333").encode(
        x="day:T", text="text:N")
    words = title if title is not None else _say("effect_title", lang)
    return alt.layer(lines, rule, label).properties(height=320, title=words).configure(**theme(lang, currency))
