"""Which test a KPI's change gets, and the data that test needs.

:mod:`kpi.stats` works on numbers; this module fetches them from a workspace
and picks the test from the KPI's kind, so that ``ws.compare("conversion_rate",
...)`` runs a two-proportion test and ``ws.compare("revenue", ...)`` a bootstrap
over days without the caller knowing which is which:

========== ====================================== ==========================================
family     KPIs                                   data and test
========== ====================================== ==========================================
proportion conversion, retention, churn, repeat   successes and trials of each period:
           purchase, CTR, engagement rate, CSAT    two-proportion z-test, Newcombe interval
mean       AOV (order values), NPS (answers coded  one value per order or answer:
           +100 / 0 / -100)                        Welch / Mann-Whitney / bootstrap
count      orders, leads, active and new           the counts, per day when they add up over
           customers                               days: Poisson test, or a bootstrap over days
                                                   when the days vary more than Poisson allows
total      revenue, spend, engagement, follower    daily totals: bootstrap over days
           growth, custom sums
ratio      ROAS, cost per lead, CAC, custom        daily numerators and denominators:
           ratios of sums                          bootstrap over days of the ratio of sums
========== ====================================== ==========================================

Periods are whole calendar periods at the ``grain`` (the one holding the date
given), so a comparison says the same as the KPI cards. AOV's order values are
each order's purchase lines (returns, which arrive later and as documents of
their own, cannot be pinned on an order), so its test compares mean *gross*
order values; the card's AOV is net of returns.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd
from sqlglot import exp

from kpi import stats
from kpi.compiler import check_grain, resolve_sources, to_date
from kpi.errors import QueryError
from kpi.measures import PURCHASE, answer_rows, filter_sql, rows_between, template
from kpi.metrics import Metric, lookup
from kpi.periods import period_end, period_of, previous_start, whole_periods

if TYPE_CHECKING:
    from kpi.workspace import Workspace

__all__ = ["FAMILIES", "anomalies", "compare", "compare_by", "compare_segments", "family", "trend"]

FAMILIES: dict[str, str] = {
    "conversion_rate": "proportion", "retention_rate": "proportion", "churn_rate": "proportion",
    "repeat_purchase_rate": "proportion", "ctr": "proportion", "engagement_rate": "proportion",
    "csat": "proportion",
    "aov": "mean", "nps": "mean",
    "orders": "count", "leads": "count", "active_customers": "count", "new_customers": "count",
    "revenue": "total", "spend": "total", "engagement": "total", "follower_growth": "total",
    "roas": "ratio", "cpl": "ratio", "cac": "ratio",
}
#: Counts whose daily values add up to the period's (distinct customers of a month do not).
_DAILY_COUNTS = {"orders", "leads", "new_customers"}
#: Seasonal cycle in periods, for the seasonal trend test.
SEASON = {"day": 7, "month": 12, "quarter": 4}

Span = tuple[dt.date, dt.date]
Cell = tuple[Span, Mapping[str, Any] | None]


def family(metric: Metric) -> str | None:
    """The test family of ``metric`` (see the module's table); ``None`` for running totals.

    Examples
    --------
    >>> from kpi.metrics import CATALOG
    >>> family(CATALOG["conversion_rate"]), family(CATALOG["roas"]), family(CATALOG["revenue_cumulative"])
    ('proportion', 'ratio', None)
    """
    if metric.name in FAMILIES and not metric.custom:
        return FAMILIES[metric.name]
    if metric.kind == "cumulative":
        return None
    if metric.is_ratio:
        return "proportion" if metric.unit == "percent" else "ratio"
    return "total"


def span(day: Any, grain: str, option: str) -> Span:
    """The first and last day of the ``grain`` period holding ``day``."""
    first = period_of(to_date(day, option), grain)
    return first, period_end(first, grain)


def compare(ws: Workspace, metric: str | Metric, current: Any, baseline: Any = None, *, grain: str = "month",
            filters: Mapping[str, Any] | None = None, alpha: float = 0.05, seed: int | None = 0) -> stats.Comparison:
    """Is ``metric`` in the period holding ``current`` different from the one holding ``baseline``?

    ``baseline`` defaults to the period before ``current``.
    """
    m, cur = _setup(ws, metric, grain), span(current, grain, "current")
    base = span(baseline, grain, "baseline") if baseline is not None else span(previous_start(cur[0], grain),
                                                                                 grain, "baseline")
    return _test(ws, m, (cur, filters), (base, filters), alpha, seed)


def compare_segments(ws: Workspace, metric: str | Metric, column: str, a: str | None, b: str | None, *,
                     period: Any, grain: str = "month", filters: Mapping[str, Any] | None = None,
                     alpha: float = 0.05, seed: int | None = 0) -> stats.Comparison:
    """Is ``metric`` different in segment ``column = a`` (current) than in ``column = b`` (baseline)?"""
    m, when = _setup(ws, metric, grain), span(period, grain, "period")
    rest = dict(filters or {})
    return _test(ws, m, (when, {**rest, column: a}), (when, {**rest, column: b}), alpha, seed)


def compare_by(ws: Workspace, metric: str | Metric, column: str, current: Any, baseline: Any = None, *,
               grain: str = "month", filters: Mapping[str, Any] | None = None, alpha: float = 0.05,
               seed: int | None = 0) -> pd.DataFrame:
    """Each segment of ``column``: its change between two periods, with Benjamini-Hochberg q-values.

    Returns a DataFrame with columns ``segment, current, baseline, difference,
    relative, low, high, pvalue, qvalue, significant, direction, method``, one
    row per value of ``column`` (``None`` for blanks), most significant first.
    ``significant`` and ``direction`` follow the q-value: with many segments
    tested at once, some small p-values are expected by chance alone.
    """
    m = _setup(ws, metric, grain)
    rows = []
    for value in ws.values(column, m):
        res = compare(ws, m, current, baseline, grain=grain, filters={**dict(filters or {}), column: value},
                      alpha=alpha, seed=seed)
        rows.append({"segment": value, "current": res.current, "baseline": res.baseline,
                     "difference": res.difference, "relative": res.relative, "low": res.interval[0],
                     "high": res.interval[1], "pvalue": res.pvalue, "method": res.method})
    frame = pd.DataFrame(rows, columns=["segment", "current", "baseline", "difference", "relative", "low", "high",
                                        "pvalue", "method"])
    frame.insert(8, "qvalue", stats.adjust_pvalues(frame["pvalue"].to_numpy(dtype=float)))
    frame.insert(9, "significant", frame["qvalue"] < alpha)
    frame.insert(10, "direction", np.where(~frame["significant"], "no change",
                                           np.where(frame["difference"] > 0, "increase", "decrease")))
    return frame.sort_values(["qvalue", "pvalue"], na_position="last", kind="stable").reset_index(drop=True)


def trend(ws: Workspace, metric: str | Metric, grain: str = "month", start: Any = None, end: Any = None,
          filters: Mapping[str, Any] | None = None, alpha: float = 0.05) -> stats.TrendResult:
    """Mann-Kendall trend of ``metric`` over the whole ``grain`` periods between ``start`` and ``end``.

    Partial periods at either end are left out (a half month would read as a
    drop), unless no whole period fits. Monthly, quarterly and daily series
    carry their season length (12, 4, 7) so the test can allow for it.
    """
    m = _setup(ws, metric, grain)
    frame = ws.compute(m, grain, *_whole(ws, m, start, end, grain), filters=filters)
    return stats.trend(frame["value"].to_numpy(dtype=float), alpha, period=SEASON.get(grain))


def anomalies(ws: Workspace, metric: str | Metric, grain: str = "day", start: Any = None, end: Any = None,
              filters: Mapping[str, Any] | None = None, threshold: float = 3.5) -> stats.AnomalyResult:
    """Unusual periods and level shifts of ``metric`` against its seasonal baseline.

    Like :func:`trend`, over whole periods only: a three-day first week is not an unusually low week.
    """
    m = _setup(ws, metric, grain)
    frame = ws.compute(m, grain, *_whole(ws, m, start, end, grain), filters=filters)
    return stats.find_anomalies(frame, grain=grain, threshold=threshold)


def _whole(ws: Workspace, m: Metric, start: Any, end: Any, grain: str) -> tuple[Any, Any]:
    """``start`` and ``end`` (default: the data's dates) narrowed to whole periods, if one fits."""
    lo, hi = to_date(start, "start"), to_date(end, "end")
    if lo is None or hi is None:
        found = ws.date_range(m)
        if found is not None:
            lo, hi = lo or found[0], hi or found[1]
    if lo is not None and hi is not None:
        first, last = whole_periods(lo, hi, grain)
        if first <= last:
            return first, last
    return lo, hi


def _setup(ws: Workspace, metric: str | Metric, grain: str) -> Metric:
    check_grain(grain)
    return lookup(metric, ws.custom_metrics())


def _test(ws: Workspace, m: Metric, current: Cell, baseline: Cell, alpha: float,
          seed: int | None) -> stats.Comparison:
    kind = family(m)
    if kind is None:
        raise QueryError("compare_not_applicable", metric=m.name)
    if kind == "proportion":
        (xc, nc), (xb, nb) = _totals(ws, m, *current), _totals(ws, m, *baseline)
        return stats.compare_proportions(xc, nc, xb, nb, alpha=alpha)
    if kind == "mean":
        return stats.compare_means(_units(ws, m, *current), _units(ws, m, *baseline), alpha=alpha, seed=seed)
    dc, db = _daily(ws, m, *current), _daily(ws, m, *baseline)
    if kind == "ratio":
        return stats.compare_ratios(dc["numerator"].to_numpy(), dc["denominator"].to_numpy(),
                                    db["numerator"].to_numpy(), db["denominator"].to_numpy(), alpha=alpha, seed=seed)
    if kind == "total":
        return stats.compare_totals(dc["value"].to_numpy(), db["value"].to_numpy(), alpha=alpha, seed=seed)
    (kc, _), (kb, _) = _totals(ws, m, *current), _totals(ws, m, *baseline)
    # Days show whether the counts vary more than Poisson allows, when they add up to the period's count
    # (an order whose lines fall on two days would be counted on both).
    additive = m.name in _DAILY_COUNTS and (dc["value"].sum(), db["value"].sum()) == (kc, kb)
    return stats.compare_counts(kc, kb, exposure_current=_days(current[0]), exposure_baseline=_days(baseline[0]),
                                daily_current=dc["value"].to_numpy() if additive else None,
                                daily_baseline=db["value"].to_numpy() if additive else None,
                                alpha=alpha, seed=seed)


def _days(when: Span) -> float:
    return float((when[1] - when[0]).days + 1)


def _totals(ws: Workspace, m: Metric, when: Span, filters: Mapping[str, Any] | None) -> tuple[float, float]:
    """(numerator, denominator) of a ratio KPI, or (value, nan), over ``when`` as one period."""
    frame = ws.compute(m, _grain_of(when), when[0], when[1], filters=filters)
    if "numerator" in frame:
        return float(frame["numerator"].fillna(0).sum()), float(frame["denominator"].fillna(0).sum())
    return float(frame["value"].fillna(0).sum()), float("nan")


def _grain_of(when: Span) -> str:
    """The grain whose single period is ``when`` (spans come from :func:`span`)."""
    for grain in ("day", "week", "month", "quarter", "year"):
        if (period_of(when[0], grain), period_end(when[0], grain)) == when:
            return grain
    raise AssertionError(f"{when} is not a calendar period")  # pragma: no cover - spans are built by `span`


def _daily(ws: Workspace, m: Metric, when: Span, filters: Mapping[str, Any] | None) -> pd.DataFrame:
    """One row per day of ``when``, empty days as zeros (a day without orders is a day of the sample)."""
    frame = ws.compute(m, "day", when[0], when[1], filters=filters)
    columns = [c for c in ("value", "numerator", "denominator") if c in frame]
    return frame[columns].fillna(0)


def _units(ws: Workspace, m: Metric, when: Span, filters: Mapping[str, Any] | None) -> np.ndarray:
    """One value per order (AOV) or per NPS answer, in ``when``."""
    src = resolve_sources(m, ws.datasets(), (), filters, None)[0]
    conditions = [rows_between(when[0], when[1]), filter_sql(src)]
    if m.name == "nps":
        conditions.append(template(answer_rows(src, "nps")))
        value = template('CASE WHEN "score" >= 9 THEN 100 WHEN "score" <= 6 THEN -100 ELSE 0 END')
        query = exp.select(exp.alias_(value, "value")).from_(src.table)
    elif "order_id" in src.columns:
        conditions.append(template(PURCHASE))
        query = exp.select(exp.alias_(template('sum("amount")'), "value")).from_(src.table)
        # A line without an order number is an order of its own (as the KPI counts it).
        query = query.group_by(template('"order_id"'), template('CASE WHEN "order_id" IS NULL THEN rowid END'))
    else:
        conditions.append(template(PURCHASE))
        query = exp.select(exp.alias_(template('"amount"'), "value")).from_(src.table)
    query = query.where(exp.and_(*(c for c in conditions if c is not None)))
    rows = ws.cursor().execute(query.sql("duckdb")).fetchall()
    return np.array([r[0] for r in rows], dtype=float)
