"""Altair chart builders shared by the app and notebooks.

Each builder takes a tidy DataFrame (as :meth:`kpi.Workspace.compute` or
:meth:`kpi.Workspace.cohorts` return it) and keyword options, and returns a
chart without displaying it: ``st.altair_chart(chart)`` in the app, the chart
itself as the last line of a notebook cell. The theme and the number and date
formats are defined once, here: axes speak the language's separators and month
names (a Vega ``locale`` built from Babel), tooltips show the same text as the
KPI cards (:func:`kpi.formats.format_value`). The charts of targets,
:func:`progress_chart` and :func:`milestone_chart`, live in
:mod:`kpi.target_charts` and are re-exported here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol

import altair as alt
import pandas as pd
from babel import Locale
from babel.numbers import format_compact_decimal, get_currency_symbol

from kpi.formats import LOCALES, format_period, format_value

if TYPE_CHECKING:
    from kpi.rootcause_charts import contribution_chart, dimension_chart, effect_chart, mix_rate_chart, segment_chart
    from kpi.target_charts import milestone_chart, progress_chart

__all__ = ["cohort_chart", "contribution_chart", "dimension_chart", "effect_chart", "milestone_chart",
           "mix_rate_chart", "progress_chart", "segment_chart", "sparkline_chart", "theme", "trend_chart"]


class MetricLike(Protocol):
    """What a chart needs of a :class:`kpi.metrics.Metric`."""

    name: str
    unit: str

    def label(self, lang: str = "id") -> str: ...


#: One colour per segment, in order; the first is the single-series colour.
PALETTE = ("#1f6f8b", "#e07a1f", "#3a9d5d", "#c0392b", "#7d5ba6", "#8c6d31", "#d35d9e", "#5f6b73",
           "#b5a300", "#17a2b8")
_SPARK_COLOUR = PALETTE[0]
_BAND_COLOUR, _ANOMALY_COLOUR, _SHIFT_COLOUR = "#dfe7ec", "#c0392b", "#e07a1f"
_WORDS = {
    "period": {"id": "Periode", "en": "Period"},
    "segment": {"id": "Segmen", "en": "Segment"},
    "blank": {"id": "(kosong)", "en": "(blank)"},
    "cohort": {"id": "Kohort (pembelian pertama)", "en": "Cohort (first purchase)"},
    "period_index": {"id": "Periode sejak pembelian pertama", "en": "Periods since first purchase"},
    "retention": {"id": "Retensi", "en": "Retention"},
    "customers": {"id": "Pelanggan", "en": "Customers"},
    "expected": {"id": "Rentang wajar", "en": "Expected range"},
    "context": {"id": "Konteks", "en": "Context"},
    "shift": {"id": "Pergeseran level", "en": "Level shift"},
}
# d3 time formats of the x axis per grain; "%q" is the quarter (K in Indonesian: kuartal).
_TIME_FORMATS = {"day": "%-d %b %Y", "week": "%-d %b %Y", "month": "%b %Y", "year": "%Y",
                 "quarter": {"id": "K%q %Y", "en": "Q%q %Y"}}


def _word(key: str, lang: str) -> str:
    entry = _WORDS[key]
    return entry.get(lang) or entry["en"]


def vega_locale(lang: str = "id", currency: str = "IDR") -> dict[str, Any]:
    """Vega's number and time locale for ``lang``, taken from Babel (CLDR).

    Examples
    --------
    >>> loc = vega_locale("id")
    >>> loc["number"]["decimal"], loc["number"]["thousands"], loc["number"]["currency"]
    (',', '.', ['Rp', ''])
    >>> loc["time"]["shortMonths"][9], vega_locale("en")["time"]["shortMonths"][9]
    ('Okt', 'Oct')
    """
    loc = Locale.parse(LOCALES.get(lang, "en_US"))
    symbols = loc.number_symbols.get("latn", loc.number_symbols)
    sunday_first = [6, 0, 1, 2, 3, 4, 5]  # Babel counts from Monday, d3 from Sunday
    days, months = loc.days["format"], loc.months["format"]
    ampm = loc.day_periods["format"]["abbreviated"]
    return {
        "number": {"decimal": symbols["decimal"], "thousands": symbols["group"], "grouping": [3],
                   "currency": [get_currency_symbol(currency, locale="id_ID"), ""], "minus": symbols["minusSign"]},
        "time": {
            "dateTime": "%a, %e %b %Y %X", "date": "%d/%m/%Y", "time": "%H:%M:%S",
            "periods": [ampm["am"], ampm["pm"]],
            "days": [days["wide"][i] for i in sunday_first],
            "shortDays": [days["abbreviated"][i] for i in sunday_first],
            "months": [months["wide"][i] for i in range(1, 13)],
            "shortMonths": [months["abbreviated"][i] for i in range(1, 13)],
        },
    }


def theme(lang: str = "id", currency: str = "IDR") -> dict[str, Any]:
    """The Vega-Lite ``config`` every chart of this module carries."""
    return {
        "locale": vega_locale(lang, currency),
        "view": {"stroke": None},
        "range": {"category": list(PALETTE)},
        "axis": {"labelFontSize": 12, "titleFontSize": 12, "titleFontWeight": "normal", "gridOpacity": 0.5},
        "legend": {"labelFontSize": 12, "titleFontSize": 12, "titleFontWeight": "normal", "orient": "bottom",
                   "labelLimit": 220},
        "line": {"strokeWidth": 2},
    }


def _compact_expr(unit: str, lang: str) -> str:
    """A Vega expression that writes an axis label compactly (``Rp1,2 jt``, ``15 rb``), as Babel would."""
    locale = LOCALES.get(lang, "en_US")
    prefix = get_currency_symbol("IDR", locale="id_ID") if unit == "currency" else ""
    expr = "format(abs(datum.value), ',.0f')"
    for size in (1e3, 1e6, 1e9, 1e12):
        suffix = format_compact_decimal(size, locale=locale, fraction_digits=0).lstrip("1")
        expr = (f"abs(datum.value) >= {size:.0f} ? format(abs(datum.value) / {size:.0f}, ',.1~f') + "
                f"'{suffix}' : {expr}")
    return f"(datum.value < 0 ? '-' : '') + '{prefix}' + ({expr})"


def _y_axis(unit: str, lang: str) -> alt.Axis:
    if unit == "percent":
        return alt.Axis(format=".1~%")  # 12.5%, not a second "13%", on a narrow range
    if unit == "points":
        return alt.Axis(format="+,d")
    if unit == "ratio":
        return alt.Axis(labelExpr="format(datum.value, ',.1~f') + 'x'")
    if unit in ("currency", "count"):
        return alt.Axis(labelExpr=_compact_expr(unit, lang))
    return alt.Axis(format=",~f")


# One tick per period for grains whose labels name the period: a free tick count puts weekly ticks on a
# three-month span, and each is labelled "Agu 2026".
_TICKS = {"month": {"interval": "month", "step": 1}, "quarter": {"interval": "month", "step": 3},
          "year": {"interval": "year", "step": 1}}


def _x_axis(grain: str, lang: str) -> alt.Axis:
    fmt = _TIME_FORMATS.get(grain, "%b %Y")
    fmt = fmt.get(lang, fmt["en"]) if isinstance(fmt, dict) else fmt
    return alt.Axis(format=fmt, labelAngle=0, labelOverlap=True, tickCount=_TICKS.get(grain, 8))


def _tooltip_frame(df: pd.DataFrame, unit: str, lang: str, grain: str, currency: str) -> pd.DataFrame:
    """``period`` and ``value`` plus their texts ``period_text`` and ``value_text``, for tooltips."""
    out = pd.DataFrame({"period": pd.to_datetime(df["period"]), "value": df["value"].astype(float)})
    out["period_text"] = [format_period(p, grain, lang) for p in out["period"]]
    out["value_text"] = [format_value(v, unit, lang, currency) for v in out["value"]]
    return out


class AnomaliesLike(Protocol):
    """What a chart needs of a :class:`kpi.stats.AnomalyResult`."""

    points: pd.DataFrame
    change_points: tuple[Any, ...]


def trend_chart(df: pd.DataFrame, *, metric: MetricLike, lang: str = "id", by: str | None = None,
                grain: str = "month", currency: str = "IDR",
                anomalies: AnomaliesLike | None = None) -> alt.Chart | alt.LayerChart:
    """A line of ``value`` over ``period``; one line (and colour) per segment of ``by``.

    Parameters
    ----------
    df
        :meth:`kpi.Workspace.compute` output: ``period``, ``value`` and the ``by`` column.
    metric
        The KPI (its label titles the y axis, its unit formats axis and tooltips).
    lang
        ``"id"`` or ``"en"``.
    by
        The column that splits the line into segments, or ``None``.
    grain
        The periods' grain, for the x-axis labels and tooltips.
    currency
        ISO code for money KPIs.
    anomalies
        :meth:`kpi.Workspace.anomalies` of the same series (without ``by``): adds the
        expected range as a band, a red dot on each unusual period and a dashed rule
        where the level shifted.

    Examples
    --------
    >>> from kpi.metrics import CATALOG
    >>> frame = pd.DataFrame({"period": pd.to_datetime(["2026-09-01", "2026-10-01"]), "value": [1e6, 2e6]})
    >>> spec = trend_chart(frame, metric=CATALOG["revenue"]).to_dict()
    >>> spec["mark"]["type"], spec["encoding"]["x"]["field"], spec["encoding"]["y"]["title"]
    ('line', 'period', 'Angka Penjualan')
    """
    title = metric.label(lang)
    data = _tooltip_frame(df, metric.unit, lang, grain, currency)
    tooltip = [alt.Tooltip("period_text:N", title=_word("period", lang)),
               alt.Tooltip("value_text:N", title=title)]
    encoding: dict[str, Any] = {
        "x": alt.X("period:T", title=None, axis=_x_axis(grain, lang)),
        "y": alt.Y("value:Q", title=title, axis=_y_axis(metric.unit, lang)),
    }
    if by is not None:
        # Renamed, so that a user's column name with dots or brackets is not read as a nested field.
        data["segment"] = df[by].astype("string").fillna(_word("blank", lang)).to_numpy()
        encoding["color"] = alt.Color("segment:N", title=by, sort="ascending")
        tooltip.insert(1, alt.Tooltip("segment:N", title=by))
    # Dots help read a short series; on a long one, or on many lines, they are noise.
    few = data["period"].nunique() <= 36 and (by is None or data["segment"].nunique() <= 3)
    chart = alt.Chart(data).mark_line(point=few).encode(**encoding, tooltip=tooltip)
    if anomalies is not None and by is None:
        chart = alt.layer(_expected_band(anomalies.points, metric, lang, grain, currency), chart,
                          *_marks(anomalies, metric, lang, grain, currency))
    return chart.properties(height=360).configure(**theme(lang, currency))


def _expected_band(points: pd.DataFrame, metric: MetricLike, lang: str, grain: str, currency: str) -> alt.Chart:
    """The baseline's expected range, drawn behind the line."""
    band = pd.DataFrame({"period": pd.to_datetime(points["period"]), "lower": points["lower"].astype(float),
                         "upper": points["upper"].astype(float)}).dropna()
    return alt.Chart(band).mark_area(color=_BAND_COLOUR, opacity=0.5).encode(
        x=alt.X("period:T", title=None, axis=_x_axis(grain, lang)),
        y=alt.Y("lower:Q", title=metric.label(lang), axis=_y_axis(metric.unit, lang)),
        y2="upper:Q",
    )


def _marks(anomalies: AnomaliesLike, metric: MetricLike, lang: str, grain: str, currency: str) -> list[alt.Chart]:
    """A red dot on each flagged period and a dashed rule at each level shift, with tooltips that explain."""
    marks = []
    flagged = anomalies.points[anomalies.points["anomaly"].astype(bool)]
    if not flagged.empty:
        data = _tooltip_frame(flagged, metric.unit, lang, grain, currency)
        data["expected_text"] = [f"{format_value(lo, metric.unit, lang, currency)} – "
                                 f"{format_value(hi, metric.unit, lang, currency)}"
                                 for lo, hi in zip(flagged["lower"], flagged["upper"], strict=True)]
        data["context"] = flagged["context"].fillna("").astype(str).to_numpy()
        tooltip = [alt.Tooltip("period_text:N", title=_word("period", lang)),
                   alt.Tooltip("value_text:N", title=metric.label(lang)),
                   alt.Tooltip("expected_text:N", title=_word("expected", lang)),
                   alt.Tooltip("context:N", title=_word("context", lang))]
        marks.append(alt.Chart(data).mark_point(color=_ANOMALY_COLOUR, filled=True, size=90).encode(
            x="period:T", y="value:Q", tooltip=tooltip))
    if anomalies.change_points:
        shifts = pd.DataFrame({"period": [pd.Timestamp(c.period) for c in anomalies.change_points],
                               "text": [c.summary(lang, metric.label(lang), metric.unit)
                                        for c in anomalies.change_points]})
        marks.append(alt.Chart(shifts).mark_rule(color=_SHIFT_COLOUR, strokeDash=[6, 4], strokeWidth=1.5).encode(
            x="period:T", tooltip=[alt.Tooltip("text:N", title=_word("shift", lang))]))
    return marks


def sparkline_chart(df: pd.DataFrame, *, metric: MetricLike, lang: str = "id", grain: str = "month",
                    currency: str = "IDR") -> alt.LayerChart:
    """A tiny line of ``value`` over ``period``, with no axes, and a dot on the latest value.

    Examples
    --------
    >>> from kpi.metrics import CATALOG
    >>> frame = pd.DataFrame({"period": pd.to_datetime(["2026-09-01", "2026-10-01"]), "value": [0.2, 0.3]})
    >>> spec = sparkline_chart(frame, metric=CATALOG["conversion_rate"]).to_dict()
    >>> [layer["mark"]["type"] for layer in spec["layer"]], spec["height"]
    (['line', 'point'], 48)
    """
    data = _tooltip_frame(df, metric.unit, lang, grain, currency).dropna(subset=["value"])
    tooltip = [alt.Tooltip("period_text:N", title=_word("period", lang)),
               alt.Tooltip("value_text:N", title=metric.label(lang))]
    base = alt.Chart(data).encode(
        x=alt.X("period:T", axis=None),
        y=alt.Y("value:Q", axis=None, scale=alt.Scale(zero=False)),
        tooltip=tooltip,
    )
    line = base.mark_line(color=_SPARK_COLOUR, strokeWidth=1.5)
    last = base.transform_window(rank="rank()", sort=[alt.SortField("period", order="descending")]) \
        .transform_filter("datum.rank == 1").mark_point(color=_SPARK_COLOUR, filled=True, size=30)
    return alt.layer(line, last).properties(height=48).configure(**theme(lang, currency))


def cohort_chart(df: pd.DataFrame, lang: str = "id", *, grain: str = "month") -> alt.Chart:
    """A heatmap of ``retention`` by ``cohort`` (rows) and ``period_index`` (columns).

    ``df`` is :meth:`kpi.Workspace.cohorts` output: ``cohort, period_index, customers, retention``.

    Examples
    --------
    >>> frame = pd.DataFrame({"cohort": pd.to_datetime(["2026-09-01", "2026-09-01", "2026-10-01"]),
    ...                       "period_index": [0, 1, 0], "customers": [10, 3, 8], "retention": [1, 0.3, 1]})
    >>> spec = cohort_chart(frame).to_dict()
    >>> spec["mark"]["type"], spec["encoding"]["color"]["field"], spec["encoding"]["y"]["title"]
    ('rect', 'retention', 'Kohort (pembelian pertama)')
    """
    data = pd.DataFrame({
        "cohort_text": [format_period(c, grain, lang) for c in df["cohort"]],
        "period_index": df["period_index"].astype(int).to_numpy(),
        "retention": df["retention"].astype(float).to_numpy(),
        "retention_text": [format_value(v, "percent", lang) for v in df["retention"]],
        "customers_text": [format_value(v, "count", lang) for v in df["customers"]],
    })
    order = list(dict.fromkeys(format_period(c, grain, lang) for c in sorted(df["cohort"])))
    chart = alt.Chart(data).mark_rect().encode(
        x=alt.X("period_index:O", title=_word("period_index", lang), axis=alt.Axis(labelAngle=0)),
        y=alt.Y("cohort_text:O", title=_word("cohort", lang), sort=order),
        color=alt.Color("retention:Q", title=_word("retention", lang), scale=alt.Scale(scheme="blues",
                        domain=[0, 1]), legend=alt.Legend(format=".0%", orient="right")),
        tooltip=[alt.Tooltip("cohort_text:N", title=_word("cohort", lang)),
                 alt.Tooltip("period_index:O", title=_word("period_index", lang)),
                 alt.Tooltip("customers_text:N", title=_word("customers", lang)),
                 alt.Tooltip("retention_text:N", title=_word("retention", lang))],
    )
    return chart.properties(height=alt.Step(16)).configure(**theme(lang))


_REEXPORTS = {"milestone_chart": "target_charts", "progress_chart": "target_charts",
              "contribution_chart": "rootcause_charts", "mix_rate_chart": "rootcause_charts",
              "dimension_chart": "rootcause_charts", "segment_chart": "rootcause_charts",
              "effect_chart": "rootcause_charts"}


def __getattr__(name: str) -> Any:
    """The charts of targets (:mod:`kpi.target_charts`) and of root causes (:mod:`kpi.rootcause_charts`) build on
    this module; they are looked up on first use so that either module can be imported first."""
    if name in _REEXPORTS:
        import importlib

        return getattr(importlib.import_module(f"kpi.{_REEXPORTS[name]}"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
