"""What a target on a KPI means, what history says it could be, and how it splits into milestones.

A KPI's value over a span (``start..end``, inclusive) is what its periods add up to
(see ``docs/targets_contract.md``): the total for sums, pooled numerator over pooled
denominator for ratios, and the mean of the months for KPIs whose days do not add
up (distinct customers). :func:`outlook` fetches the history through the engine and
simulates the rest of the span with :func:`kpi.stats.forecast.forecast`;
:func:`suggest_targets` and :func:`phase` read that outlook.

Examples
--------
>>> import kpi
>>> ws = kpi.Workspace.open(":memory:"); _ = kpi.load_sample(ws)
>>> [s.code for s in suggest_targets(ws, "revenue", "2026-11-01", "2027-01-31", draws=300)]
['last_year', 'trailing_growth', 'seasonal_baseline', 'p50', 'p80']
"""

from __future__ import annotations

import datetime as dt
import warnings
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from kpi.compiler import to_date
from kpi.errors import DegenerateDataWarning, TargetError
from kpi.formats import format_period, format_value
from kpi.i18n import message
from kpi.metrics import Metric, lookup
from kpi.stats.forecast import Forecast, forecast

if TYPE_CHECKING:
    from kpi.workspace import Workspace

__all__ = ["Outlook", "TargetSuggestion", "aggregation", "is_daily", "outlook", "phase", "resolve_value",
           "span_value", "suggest_targets"]

#: Measures whose days (or months) do not add up: distinct customers, followers at a moment.
NON_ADDITIVE = frozenset({"orders.customers", "orders.retained", "orders.lost", "orders.previous_customers",
                          "orders.repeat_customers", "social.followers_end"})
#: At the start of the data every customer looks new; these first days are left out of new customers' history.
BURN_IN_DAYS = 90
DRAWS = 2000
_DAY = dt.timedelta(days=1)


@dataclass(frozen=True)
class TargetSuggestion:
    """A target value history supports, how likely it is to be reached, and why.

    ``code`` is ``last_year``, ``trailing_growth``, ``seasonal_baseline``, ``p50``
    (realistic) or ``p80`` (stretch); ``label`` and ``explanation`` are in the
    language asked for; ``probability`` is the share of simulated futures reaching it.
    """

    code: str
    label: str
    value: float
    probability: float
    method: str
    explanation: str


@dataclass(frozen=True)
class Outlook:
    """A KPI over a span: the parts seen up to ``as_of`` and the simulated rest.

    ``actual`` holds the parts seen (``value``, or ``numerator`` and
    ``denominator``; ``periods`` for averages); ``forecast`` is ``None`` when the
    span is over. ``history`` is the first and last day fitted.
    """

    metric: Metric
    kind: str
    start: dt.date
    end: dt.date
    as_of: dt.date
    actual: Mapping[str, float]
    forecast: Forecast | None
    history: tuple[dt.date, dt.date]
    notes: tuple[str, ...] = field(default=())

    def values(self, *, flat: bool = False) -> np.ndarray:
        """Draws of the KPI's value over the whole span."""
        if self.forecast is None:
            return np.array([actual_value(self.actual, self.kind, self.metric.scale)])
        return self.forecast.values(self.actual, flat=flat)

    def quantile(self, q: float, *, flat: bool = False) -> float:
        """The ``q`` quantile of :meth:`values`."""
        return float(np.nanquantile(self.values(flat=flat), q))

    def probability(self, target: float) -> float:
        """Share of draws reaching ``target`` (at or above it; at or below when lower is better)."""
        v = self.values()
        v = v[np.isfinite(v)]
        if not len(v):
            return float("nan")
        return float(np.mean(v >= target) if self.metric.higher_is_better else np.mean(v <= target))


def aggregation(metric: Metric) -> str:
    """How ``metric`` adds up over a span: ``sum``, ``ratio`` or ``average``.

    Examples
    --------
    >>> from kpi.metrics import CATALOG
    >>> [aggregation(CATALOG[m]) for m in ("revenue", "conversion_rate", "active_customers")]
    ['sum', 'ratio', 'average']
    """
    if metric.kind == "cumulative" or metric.cumulative:
        raise TargetError("target_cumulative", metric=metric.name)
    if metric.is_ratio:
        return "ratio"
    return "average" if set(metric.measures) & NON_ADDITIVE else "sum"


def is_daily(metric: Metric) -> bool:
    """Whether ``metric``'s days add up to its months (then it is forecast from days)."""
    return not set(metric.measures) & NON_ADDITIVE


def cumulate(values: np.ndarray, weight: np.ndarray, kind: str) -> np.ndarray:
    """Milestones' running value: a running sum, a pooled rate (weighted by the periods' denominators) or a mean.

    Examples
    --------
    >>> cumulate(np.array([0.10, 0.20]), np.array([0.75, 0.25]), "ratio").round(3).tolist()
    [0.1, 0.125]
    """
    if kind == "sum":
        return np.cumsum(values)
    if kind == "ratio":
        return np.cumsum(values * weight) / np.cumsum(weight)
    return np.cumsum(values) / np.arange(1, len(values) + 1)


def actual_value(parts: Mapping[str, float], kind: str, scale: float = 1.0) -> float:
    """The KPI's value from its parts."""
    if kind == "ratio":
        den = parts.get("denominator", 0.0)
        return scale * parts.get("numerator", 0.0) / den if den else float("nan")
    if kind == "average":
        n = parts.get("periods", 0)
        return parts.get("value", 0.0) / n if n else float("nan")
    return float(parts.get("value", 0.0))


def resolve_value(kind: str, amount: float | None, baseline: float | None, unit: str) -> float:
    """A target's value from how the user gave it: ``value``, ``growth`` over ``baseline`` or ``points``.

    Points are percentage points for percent KPIs (2 = +0.02) and plain points for NPS.

    Examples
    --------
    >>> resolve_value("growth", 0.2, 100.0, "currency"), resolve_value("points", 2, 0.14, "percent")
    (120.0, 0.16)
    """
    if isinstance(amount, bool) or not isinstance(amount, (int, float, np.number)) or not np.isfinite(amount):
        raise TargetError("target_value_bad", value=amount)
    if kind == "value":
        return float(amount)
    if kind == "points" and unit not in ("percent", "points"):
        raise TargetError("target_points_unit", unit=unit)
    if baseline is None:
        raise TargetError("target_baseline_missing", kind=kind)
    if kind == "growth":
        return float(baseline) * (1 + float(amount))
    return float(baseline) + (float(amount) / 100 if unit == "percent" else float(amount))


def span_parts(ws: Workspace, m: Metric, start: dt.date, end: dt.date,
               filters: Mapping[str, Any] | None) -> dict[str, float]:
    """The parts of ``m`` over ``start..end`` (for averages: whole months only)."""
    kind = aggregation(m)
    if end < start:
        return {"periods": 0} if kind == "average" else {}
    frame = ws.compute(m, "month", start, end, filters=filters)
    if kind == "ratio":
        return {"numerator": float(frame["numerator"].fillna(0).sum()),
                "denominator": float(frame["denominator"].fillna(0).sum())}
    if kind == "average":
        return {"value": float(frame["value"].fillna(0).sum()), "periods": len(frame)}
    return {"value": float(frame["value"].fillna(0).sum())}


def span_value(ws: Workspace, metric: str | Metric, start: Any, end: Any,
               filters: Mapping[str, Any] | None = None) -> float:
    """The value of ``metric`` over ``start..end`` as a target on that span reads it.

    Examples
    --------
    >>> import kpi
    >>> ws = kpi.Workspace.open(":memory:"); _ = kpi.load_sample(ws)
    >>> round(span_value(ws, "conversion_rate", "2026-01-01", "2026-03-31"), 4)
    0.1409
    """
    m = lookup(metric, ws.custom_metrics())
    lo, hi = _span(start, end)
    return actual_value(span_parts(ws, m, lo, hi, filters), aggregation(m), m.scale)


def outlook(ws: Workspace, metric: str | Metric, start: Any, end: Any, filters: Mapping[str, Any] | None = None,
            as_of: Any = None, *, from_start: bool = False, grain: str = "month", draws: int = DRAWS,
            seed: int | None = 0) -> Outlook:
    """The parts of ``metric`` seen in ``start..as_of`` and a forecast of the rest of the span.

    ``as_of`` defaults to the data's last day. With ``from_start`` the forecast
    covers the whole span from history before ``start`` (the plan's seasonal shape).
    """
    m = lookup(metric, ws.custom_metrics())
    kind = aggregation(m)
    lo, hi = _span(start, end)
    found = ws.date_range(m)
    if found is None:
        raise TargetError("plan_no_data", metric=m.name)
    first, last = found
    cut = min(to_date(as_of, "as_of") or last, last)
    if from_start:
        cut = min(cut, lo - _DAY)
    daily = is_daily(m)
    if not daily:
        _check_whole_months(m, lo, hi)
        cut = _month_end_before(cut)
    cut = min(cut, hi)
    begin = first + dt.timedelta(days=BURN_IN_DAYS) if "orders.new_customers" in m.measures else first
    if (cut - begin).days < 60:
        begin = first
    if cut < begin:
        raise TargetError("plan_no_history", metric=m.name, start=lo, first=first)
    actual = span_parts(ws, m, lo, cut, filters) if cut >= lo else ({"periods": 0} if kind == "average" else {})
    fc = None
    notes: list[str] = []
    if cut < hi:
        grain_history = "day" if daily else "month"
        history = ws.compute(m, grain_history, begin, cut, filters=filters)
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", DegenerateDataWarning)
            fc = forecast(history, max(lo, cut + _DAY), hi, kind=kind, grain=grain, scale=m.scale, draws=draws,
                          seed=seed, daily=daily)
        notes = [str(w.message) for w in caught if issubclass(w.category, DegenerateDataWarning)]
        for note in notes:
            warnings.warn(DegenerateDataWarning(note), stacklevel=2)
    return Outlook(metric=m, kind=kind, start=lo, end=hi, as_of=cut, actual=actual, forecast=fc,
                   history=(begin, cut), notes=tuple(notes))


def phase(view: Outlook, value: float) -> pd.DataFrame:
    """Split a target ``value`` into milestones that follow the forecast's seasonal path.

    Returns ``period, end, value, weight``: each period's milestone (its share of
    a total, its rate, or its level) and its weight in the span (its share of the
    expected total, denominator or periods). Sums split in proportion to the
    expected path; ratios move every period's expected rate by the same points
    (percent and points KPIs) or the same factor (others), so the pooled rate is
    the target; averages scale the expected levels.
    """
    if view.forecast is None or view.as_of >= view.start:
        raise TargetError("plan_phase_needs_start", start=view.start)
    exp = view.forecast.expected()
    out = exp[["period", "end"]].copy()
    if view.kind == "ratio":
        den = exp["denominator"].to_numpy(float)
        weight = den / den.sum() if den.sum() > 0 else np.full(len(den), 1 / len(den))
        rate = exp["value"].to_numpy(float)
        pooled = float(np.nansum(rate * weight))
        if view.metric.unit in ("percent", "points"):
            values = rate + (value - pooled)
        else:
            values = rate * (value / pooled) if pooled else np.full(len(rate), value)
    else:
        level = exp["value"].to_numpy(float)
        total = level.sum()
        weight = level / total if total > 0 else np.full(len(level), 1 / len(level))
        values = value * weight if view.kind == "sum" else value * weight * len(level)
        if view.kind == "average":
            weight = np.full(len(level), 1 / len(level))
    out["value"] = values
    out["weight"] = weight
    return out


def suggest_targets(ws: Workspace, metric: str | Metric, start: Any, end: Any,
                    filters: Mapping[str, Any] | None = None, lang: str = "en", *, grain: str = "month",
                    value: float | None = None, draws: int = DRAWS, seed: int | None = 0,
                    as_of: Any = None) -> list[TargetSuggestion]:
    """Targets history supports for ``metric`` over ``start..end``, each with its probability.

    Last year's value of the same span, last year's value grown at the trailing
    rate, the seasonal baseline (the forecast with growth held at today's level),
    and the forecast's median (realistic, P50) and 80th percentile (stretch, P80;
    the 20th for KPIs where lower is better). A suggestion history cannot support
    (no data a year back) is left out. A ``value`` the user typed comes last
    (code ``custom``), with its own probability.

    ``as_of`` makes the suggestions as they would have been made on that day, from
    the data up to it only (a backtest); it defaults to the data's last day. Rows
    are cut by their own date: a lead from before ``as_of`` that converted after
    it still counts as converted.
    """
    view = outlook(ws, metric, start, end, filters, as_of, grain=grain, draws=draws, seed=seed)
    m, unit = view.metric, view.metric.unit
    lo, hi = view.start, view.end
    months = _months(view.history)
    out: list[TargetSuggestion] = []
    ly = _year_back(ws, m, lo, hi, filters, view.history[1])
    words = {"span": _span_text(lo, hi, lang), "months": months, "draws": f"{draws:,}".replace(",", ".")
             if lang == "id" else f"{draws:,}"}
    if ly is not None:
        out.append(_suggest(view, "last_year", ly, lang, value=format_value(ly, unit, lang),
                            last=_span_text(_year_ago(lo), _year_ago(hi), lang)))
        growth = _trailing_growth(ws, m, view.history[1], filters)
        if growth is not None:
            grown = ly * (1 + growth)
            out.append(_suggest(view, "trailing_growth", grown, lang, growth=format_value(growth, "percent", lang),
                                value=format_value(ly, unit, lang)))
    out.append(_suggest(view, "seasonal_baseline", view.quantile(0.5, flat=True), lang, **words))
    out.append(_suggest(view, "p50", view.quantile(0.5), lang, **words))
    stretch = 0.8 if m.higher_is_better else 0.2
    out.append(_suggest(view, "p80", view.quantile(stretch), lang, **words))
    if value is not None:
        out.append(_suggest(view, "custom", float(value), lang, **words))
    return out


# ---- helpers ------------------------------------------------------------------------------------------
def _suggest(view: Outlook, code: str, amount: float, lang: str, **words: Any) -> TargetSuggestion:
    return TargetSuggestion(code=code, label=message(f"suggest_{code}", lang), value=float(amount),
                            probability=view.probability(amount), method=message(f"suggest_{code}_method", lang),
                            explanation=message(f"suggest_{code}_why", lang, **words))


def _span(start: Any, end: Any) -> tuple[dt.date, dt.date]:
    lo, hi = to_date(start, "start"), to_date(end, "end")
    if lo is None or hi is None:
        raise TargetError("target_span_missing", option="start" if lo is None else "end")
    if hi < lo:
        raise TargetError("target_span_reversed", start=lo, end=hi)
    return lo, hi


def _check_whole_months(m: Metric, lo: dt.date, hi: dt.date) -> None:
    if lo.day != 1 or (hi + _DAY).day != 1:
        raise TargetError("plan_whole_months", metric=m.name, start=lo, end=hi)


def _month_end_before(day: dt.date) -> dt.date:
    """``day`` if it ends a month, else the last day of the month before."""
    return day if (day + _DAY).day == 1 else day.replace(day=1) - _DAY


def _year_ago(day: dt.date) -> dt.date:
    return (pd.Timestamp(day) - pd.DateOffset(years=1)).date()


def _year_back(ws: Workspace, m: Metric, lo: dt.date, hi: dt.date,
               filters: Mapping[str, Any] | None, until: dt.date | None = None) -> float | None:
    """The same span a year earlier, when the data up to ``until`` cover it whole."""
    a, b = _year_ago(lo), _year_ago(hi)
    found = ws.date_range(m)
    if found is None or a < found[0] or b > min(found[1], until or found[1]):
        return None
    value = actual_value(span_parts(ws, m, a, b, filters), aggregation(m), m.scale)
    return value if np.isfinite(value) else None


def _trailing_growth(ws: Workspace, m: Metric, last: dt.date, filters: Mapping[str, Any] | None) -> float | None:
    """Growth of the last (up to) 12 whole months over the same months a year before."""
    found = ws.date_range(m)
    if found is None:
        return None
    end = _month_end_before(last)
    for months in (12, 6, 3):
        start = (pd.Timestamp(end) + _DAY - pd.DateOffset(months=months)).date()
        if _year_ago(start) >= found[0]:
            now = span_value(ws, m, start, end, filters)
            before = span_value(ws, m, _year_ago(start), _year_ago(end), filters)
            if np.isfinite(now) and np.isfinite(before) and before > 0:
                return now / before - 1
            return None
    return None


def _months(history: tuple[dt.date, dt.date]) -> int:
    return max(1, round((history[1] - history[0]).days / 30.44))


def _span_text(lo: dt.date, hi: dt.date, lang: str) -> str:
    if lo.day == 1 and (hi + _DAY).day == 1:
        a, b = format_period(lo, "month", lang), format_period(hi, "month", lang)
        return a if a == b else f"{a} – {b}"
    return f"{format_period(lo, 'day', lang)} – {format_period(hi, 'day', lang)}"
