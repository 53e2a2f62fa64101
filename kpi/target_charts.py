"""Altair charts of targets: a target's progress and its milestones.

Built like the other charts of :mod:`kpi.charts` (same theme, locale, axes and
tooltip texts) and re-exported from it, so ``from kpi.charts import
progress_chart`` works. Charts are returned, not displayed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import altair as alt
import numpy as np
import pandas as pd

from kpi.charts import PALETTE, _x_axis, _y_axis, theme
from kpi.formats import format_period, format_value
from kpi.metrics import CATALOG

if TYPE_CHECKING:
    from kpi.progress import Progress

__all__ = ["milestone_chart", "progress_chart"]

_WORDS = {
    "plan": {"id": "Rencana", "en": "Plan"},
    "actual": {"id": "Realisasi", "en": "Actual"},
    "projection": {"id": "Proyeksi (rentang 80%)", "en": "Projection (80% range)"},
    "target": {"id": "Target", "en": "Target"},
    "period": {"id": "Periode", "en": "Period"},
    "series": {"id": "Seri", "en": "Series"},
    "value": {"id": "Nilai", "en": "Value"},
    "range": {"id": "Rentang 80%", "en": "80% range"},
    "to_date": {"id": "{} kumulatif", "en": "{} to date"},
    "until": {"id": "Sampai", "en": "Until"},
    "weight": {"id": "Bobot", "en": "Weight"},
    "cumulative": {"id": "Kumulatif", "en": "Cumulative"},
    "month": {"id": "Target per bulan", "en": "Target by month"},
    "week": {"id": "Target per minggu", "en": "Target by week"},
}
# Each series' colour and dash, in legend order.
_STYLE = {"plan": ("#5f6b73", [6, 4]), "actual": (PALETTE[0], [1, 0]), "projection": (PALETTE[1], [2, 3]),
          "target": (PALETTE[2], [1, 0])}
_BAND_COLOUR = "#f6d5b5"


def _say(key: str, lang: str) -> str:
    entry = _WORDS[key]
    return entry.get(lang) or entry["en"]


def _kpi(metric: Any, lang: str) -> tuple[str, str]:
    """The unit and label of ``metric`` (a catalog name, a custom KPI's name, or a Metric)."""
    if isinstance(metric, str):
        m = CATALOG.get(metric)
        return (m.unit, m.label(lang)) if m is not None else ("number", metric)
    return getattr(metric, "unit", "number"), metric.label(lang)


def _points(period: pd.Series, value: pd.Series, key: str, *, unit: str, lang: str, grain: str,
            currency: str) -> pd.DataFrame:
    """``period, value, series`` and their tooltip texts; rows without a finite value are dropped."""
    out = pd.DataFrame({"period": pd.to_datetime(period).to_numpy(),
                        "value": pd.to_numeric(value, errors="coerce").astype(float).to_numpy()})
    out = out[np.isfinite(out["value"])].reset_index(drop=True)
    out["series"] = _say(key, lang)
    out["period_text"] = [format_period(p, grain, lang) for p in out["period"]]
    out["value_text"] = [format_value(v, unit, lang, currency) for v in out["value"]]
    return out


def _projection(frame: pd.DataFrame) -> pd.DataFrame:
    """The projected rows, led by the last actual row before them (low = high = projected = actual)."""
    proj = frame[np.isfinite(frame["projected"].astype(float))]
    if proj.empty:
        return proj
    seen = frame[(frame.index < proj.index[0]) & np.isfinite(frame["actual_cumulative"].astype(float))]
    if seen.empty:  # nothing seen yet, or only a part of the first projected period
        return proj
    anchor = seen.iloc[[-1]].copy()
    for name in ("projected", "projected_low", "projected_high"):
        anchor[name] = anchor["actual_cumulative"]
    return pd.concat([anchor, proj])


def progress_chart(progress: Progress, *, lang: str = "id", currency: str = "IDR") -> alt.LayerChart:
    """A target's path over its milestone periods: plan, actual so far, projection, and the target.

    Layers, back to front: the projection's 80% range (a band), the plan to date
    (``target_cumulative``, dashed), the actual to date (``actual_cumulative``,
    solid with dots), the median projection (dotted, joined to the last actual
    point) and a rule at the target value. Values are cumulative: running totals
    for sums, pooled rates for ratios, running means for averages. Periods without
    a value are left out rather than drawn as gaps; a layer with nothing to draw
    (no actual before the start, no projection once the span is over) is left out,
    and so is its legend entry. Each layer is named (``band``, ``plan``, ``actual``,
    ``projection``, ``target``).

    Parameters
    ----------
    progress
        :meth:`kpi.Workspace.progress` output.
    lang
        ``"id"`` or ``"en"``: legend, tooltips, axis labels.
    currency
        ISO code for money KPIs.

    Examples
    --------
    >>> import datetime as dt
    >>> from kpi.progress import Progress
    >>> from kpi.targets import Target
    >>> t = Target(1, "orders", dt.date(2026, 9, 1), dt.date(2026, 10, 31), 300.0, None, None, None,
    ...            dt.datetime(2026, 8, 1))
    >>> frame = pd.DataFrame({"period": pd.to_datetime(["2026-09-01", "2026-10-01"]),
    ...                       "end": pd.to_datetime(["2026-09-30", "2026-10-31"]), "target": [140.0, 160.0],
    ...                       "target_cumulative": [140.0, 300.0], "actual": [150.0, np.nan],
    ...                       "actual_cumulative": [150.0, np.nan], "projected": [np.nan, 310.0],
    ...                       "projected_low": [np.nan, 280.0], "projected_high": [np.nan, 340.0]})
    >>> p = Progress(t, dt.date(2026, 9, 30), 150.0, 140.0, 1.07, 10.0, 310.0, 280.0, 340.0, 0.6, "on_track",
    ...              0.5, frame, "test")
    >>> spec = progress_chart(p, lang="en").to_dict()
    >>> [layer["mark"]["type"] for layer in spec["layer"]], spec["title"]
    (['area', 'line', 'line', 'line', 'rule'], 'Orders')
    """
    t = progress.target
    unit, name = _kpi(t.metric, lang)
    grain = t.grain
    frame = progress.frame.reset_index(drop=True)
    opts = {"unit": unit, "lang": lang, "grain": grain, "currency": currency}
    plan = _points(frame["period"], frame["target_cumulative"], "plan", **opts)
    actual = _points(frame["period"], frame["actual_cumulative"], "actual", **opts)
    actual["plan_text"] = [format_value(v, unit, lang, currency) for v in
                           frame.set_index("period")["target_cumulative"].reindex(actual["period"])]
    ahead = _projection(frame)
    projection = _points(ahead["period"], ahead["projected"], "projection", **opts)
    # Low and high are finite wherever the median is (all three are quantiles of the same draws).
    projection["low"] = ahead["projected_low"].astype(float).to_numpy()
    projection["high"] = ahead["projected_high"].astype(float).to_numpy()
    projection = projection[np.isfinite(projection["low"]) & np.isfinite(projection["high"])].copy()
    projection["range_text"] = [f"{format_value(lo, unit, lang, currency)} – {format_value(hi, unit, lang, currency)}"
                                for lo, hi in zip(projection["low"], projection["high"], strict=True)]
    goal = pd.DataFrame({"value": [float(t.value)], "series": [_say("target", lang)],
                         "value_text": [format_value(t.value, unit, lang, currency)]})

    keys = [k for k, data in (("plan", plan), ("actual", actual), ("projection", projection), ("target", goal))
            if not data.empty]
    domain = [_say(k, lang) for k in keys]
    color = alt.Color("series:N", title=None,
                      scale=alt.Scale(domain=domain, range=[_STYLE[k][0] for k in keys]),
                      legend=alt.Legend(symbolType="stroke", symbolStrokeWidth=2))
    dash = alt.StrokeDash("series:N", title=None,
                          scale=alt.Scale(domain=domain, range=[_STYLE[k][1] for k in keys]))
    # Sums climb from zero to the target; a rate or a mean is read around its level.
    values = frame["target"].astype(float).to_numpy()
    sums = bool(np.allclose(np.nancumsum(values), frame["target_cumulative"].astype(float).to_numpy(), rtol=1e-6))
    y_title = _say("to_date", lang).format(name)

    def y(field: str) -> alt.Y:
        return alt.Y(f"{field}:Q", title=y_title, axis=_y_axis(unit, lang), scale=alt.Scale(zero=sums))

    x = alt.X("period:T", title=None, axis=_x_axis(grain, lang))
    period_tip = alt.Tooltip("period_text:N", title=_say("period", lang))
    layers = []
    if not projection.empty:
        layers.append(alt.Chart(projection, name="band").mark_area(color=_BAND_COLOUR, opacity=0.6).encode(
            x=x, y=y("low"), y2="high:Q",
            tooltip=[period_tip, alt.Tooltip("range_text:N", title=_say("range", lang))]))
    tips = {"plan": [period_tip, alt.Tooltip("value_text:N", title=_say("plan", lang))],
            "actual": [period_tip, alt.Tooltip("value_text:N", title=_say("actual", lang)),
                       alt.Tooltip("plan_text:N", title=_say("plan", lang))],
            "projection": [period_tip, alt.Tooltip("value_text:N", title=_say("projection", lang)),
                           alt.Tooltip("range_text:N", title=_say("range", lang))]}
    for key, data, size in (("plan", plan, 20), ("actual", actual, 50), ("projection", projection, 20)):
        if not data.empty:  # dots carry the tooltips; filled, so that no dash breaks their outline
            layers.append(alt.Chart(data, name=key).mark_line(point=alt.OverlayMarkDef(size=size, filled=True)).encode(
                x=x, y=y("value"), color=color, strokeDash=dash, tooltip=tips[key]))
    layers.append(alt.Chart(goal, name="target").mark_rule(strokeWidth=1.5).encode(
        y=y("value"), color=color, strokeDash=dash,
        tooltip=[alt.Tooltip("value_text:N", title=_say("target", lang))]))
    return alt.layer(*layers).properties(height=360, title=t.label(lang)).configure(**theme(lang, currency))


def milestone_chart(milestones: pd.DataFrame, *, metric: Any, lang: str = "id", currency: str = "IDR",
                    grain: str = "month") -> alt.LayerChart:
    """One bar per milestone of a target (its seasonal split), labelled with its value.

    Parameters
    ----------
    milestones
        :meth:`kpi.Workspace.milestones` output: ``period, end, value, weight, cumulative``.
    metric
        The KPI: a catalog name (``"revenue"``), a custom KPI's name, or a :class:`kpi.metrics.Metric`.
    lang
        ``"id"`` or ``"en"``.
    currency
        ISO code for money KPIs.
    grain
        The milestones' grain, ``"month"`` or ``"week"`` (the target's ``grain``).

    Examples
    --------
    >>> frame = pd.DataFrame({"period": pd.to_datetime(["2026-03-01", "2026-04-01"]),
    ...                       "end": pd.to_datetime(["2026-03-31", "2026-04-30"]), "value": [3e8, 2e8],
    ...                       "weight": [0.6, 0.4], "cumulative": [3e8, 5e8]})
    >>> spec = milestone_chart(frame, metric="revenue", lang="en").to_dict()
    >>> spec["layer"][0]["mark"]["type"], spec["title"], spec["layer"][0]["encoding"]["y"]["title"]
    ('bar', 'Target by month', 'Revenue')
    """
    unit, name = _kpi(metric, lang)
    data = pd.DataFrame({"period": pd.to_datetime(milestones["period"]).to_numpy(),
                         "value": milestones["value"].astype(float).to_numpy()})
    data["period_text"] = [format_period(p, grain, lang) for p in data["period"]]
    data["end_text"] = [format_period(e, "day", lang) for e in milestones["end"]]
    data["value_text"] = [format_value(v, unit, lang, currency) for v in data["value"]]
    data["label"] = [format_value(v, unit, lang, currency, compact=True) for v in data["value"]]
    data["weight_text"] = [format_value(w, "percent", lang) for w in milestones["weight"]]
    data["cumulative_text"] = [format_value(v, unit, lang, currency) for v in milestones["cumulative"]]
    data = data[np.isfinite(data["value"])].reset_index(drop=True)
    order = data["period_text"].tolist()
    x = alt.X("period_text:O", title=None, sort=order,
              axis=alt.Axis(labelAngle=0 if len(order) <= 8 else -45, labelOverlap=True))
    tooltip = [alt.Tooltip("period_text:N", title=_say("period", lang)),
               alt.Tooltip("end_text:N", title=_say("until", lang)),
               alt.Tooltip("value_text:N", title=name),
               alt.Tooltip("weight_text:N", title=_say("weight", lang)),
               alt.Tooltip("cumulative_text:N", title=_say("cumulative", lang))]
    base = alt.Chart(data).encode(x=x, tooltip=tooltip)
    bars = base.mark_bar(color=PALETTE[0]).encode(y=alt.Y("value:Q", title=name, axis=_y_axis(unit, lang)))
    labels = base.mark_text(dy=-6, baseline="bottom", fontSize=11, color="#333333").encode(
        y="value:Q", text="label:N")
    layers = [bars, labels] if len(order) <= 16 else [bars]  # many weekly labels would overlap
    words = _say(grain if grain in ("month", "week") else "month", lang)
    return alt.layer(*layers).properties(height=280, title=words).configure(**theme(lang, currency))
