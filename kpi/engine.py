"""Run KPIs on a workspace: :func:`compute`, :func:`sql` and :func:`cohorts`.

These are the functions behind :meth:`Workspace.compute`, :meth:`Workspace.sql`
and :meth:`Workspace.cohorts`. They check the arguments, find the datasets a KPI
reads, settle the date range, and hand over to :mod:`kpi.compiler`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import replace
from functools import lru_cache
from typing import TYPE_CHECKING, Any

import pandas as pd
from sqlglot import exp

from kpi.compiler import (
    Query,
    check_grain,
    compile_query,
    dataset_for,
    resolve_column,
    resolve_sources,
    to_date,
    usable_columns,
)
from kpi.errors import DataSchemaError, QueryError
from kpi.history import first_purchases
from kpi.i18n import Message
from kpi.measures import STEP, Source, date_literal, filter_sql, period_sql, template
from kpi.metrics import Metric, lookup
from kpi.periods import period_of
from kpi.sql import ident, table_ref

if TYPE_CHECKING:
    from kpi.workspace import Workspace

__all__ = ["cohorts", "compute", "date_range", "dimensions", "plan", "sql", "values"]


def plan(ws: Workspace, metric: str | Metric, grain: str = "month", start: Any = None, end: Any = None,
         by: Iterable[str] = (), filters: Mapping[str, Any] | None = None, *, compare: bool = False,
         window: int | None = None, datasets: Mapping[str, str] | None = None) -> Query:
    """Check the arguments and compile ``metric`` into a :class:`~kpi.compiler.Query`."""
    chosen = lookup(metric, ws.custom_metrics())
    check_grain(grain)
    by = [by] if isinstance(by, str) else list(by)
    if filters is not None and not isinstance(filters, Mapping):
        raise QueryError("bad_filter_value", column="filters", value=filters)
    if window is not None:
        if "leads.converted" not in chosen.measures:
            raise QueryError("window_not_applicable", metric=chosen.name)
        if isinstance(window, bool) or not isinstance(window, int) or window < 0:
            raise QueryError("bad_window", value=window)
    catalog = ws.datasets()
    sources = tuple(resolve_sources(chosen, catalog, by, filters, datasets))
    # The data's version: a re-import or append changes `imported_at`, so a cached plan never outlives it.
    version = tuple((d.name, d.imported_at, d.rows) for d in catalog if d.name in {s.dataset for s in sources})
    return _compiled(ws, version, chosen, grain, to_date(start, "start"), to_date(end, "end"), tuple(by), sources,
                     compare, window)


@lru_cache(maxsize=512)
def _compiled(ws: Workspace, version: tuple[Any, ...], metric: Metric, grain: str, start: dt.date | None,
              end: dt.date | None, by: tuple[str, ...], sources: tuple[Source, ...], compare: bool,
              window: int | None) -> Query:
    """The compiled query. Memoised: building and rendering it costs more than DuckDB's run of a small KPI."""
    sources = tuple(_with_blanks(ws, s) for s in sources)
    lo, hi = _range(ws, list(sources), start, end)
    return compile_query(metric, list(sources), grain, lo, hi, by, compare=compare, window=window)


def _with_blanks(ws: Workspace, src: Source) -> Source:
    """``src`` knowing whether its ``order_id`` has blanks (counted apart, at a cost, only then)."""
    if "order_id" not in src.columns:
        return src
    table = src.table.sql("duckdb", identify=True)
    blanks = ws.cursor().execute(f'SELECT count(*) FROM {table} WHERE "order_id" IS NULL').fetchall()[0][0]
    return replace(src, blank=frozenset({"order_id"})) if blanks else src


def _range(ws: Workspace, sources: list[Source], start: dt.date | None,
           end: dt.date | None) -> tuple[dt.date, dt.date]:
    """``start`` and ``end``, defaulting to the first and last date of the datasets."""
    if start is None or end is None:
        cur = ws.cursor()
        found = [cur.execute(f'SELECT min("date"), max("date") FROM {s.table.sql("duckdb", identify=True)}')
                 .fetchall()[0] for s in sources]
        lows = [lo for lo, _ in found if lo is not None]
        highs = [hi for _, hi in found if hi is not None]
        today = dt.date.today()
        start = start if start is not None else min(lows, default=end or today)
        end = end if end is not None else max(highs, default=start)
    if start > end:
        raise QueryError("start_after_end", start=start.isoformat(), end=end.isoformat())
    return start, end


def compute(ws: Workspace, metric: str | Metric, grain: str = "month", start: Any = None, end: Any = None,
            by: Iterable[str] = (), filters: Mapping[str, Any] | None = None, *, compare: bool = False,
            window: int | None = None, datasets: Mapping[str, str] | None = None) -> pd.DataFrame:
    """The KPI per period (and ``by`` segment); see :meth:`kpi.Workspace.compute`."""
    query = plan(ws, metric, grain, start, end, by, filters, compare=compare, window=window, datasets=datasets)
    frame = ws.cursor().execute(query.sql("duckdb")).df()
    if list(frame.columns) != list(query.columns):  # pragma: no cover - the SQL names them in this order
        frame = frame[list(query.columns)]
    return frame


def sql(ws: Workspace, metric: str | Metric, grain: str = "month", start: Any = None, end: Any = None,
        by: Iterable[str] = (), filters: Mapping[str, Any] | None = None, *, compare: bool = False,
        window: int | None = None, datasets: Mapping[str, str] | None = None, dialect: str = "duckdb") -> str:
    """The SQL that :func:`compute` runs, for ``dialect`` (``duckdb`` or ``spark``)."""
    query = plan(ws, metric, grain, start, end, by, filters, compare=compare, window=window, datasets=datasets)
    return query.sql(dialect)


def cohort_query(ws: Workspace, grain: str = "month", start: Any = None, end: Any = None,
                 filters: Mapping[str, Any] | None = None, *,
                 datasets: Mapping[str, str] | None = None) -> exp.Expression:
    """The SQL expression behind :func:`cohorts`."""
    check_grain(grain)
    (src,) = resolve_sources(lookup("new_customers"), ws.datasets(), (), filters, datasets)
    lo, hi = _range(ws, [src], to_date(start, "start"), to_date(end, "end"))
    table = src.table.sql("duckdb", identify=True)
    last = ws.cursor().execute(f'SELECT max("date") FROM {table}').fetchall()[0][0] or hi
    wanted = [name for name, _ in src.filters]
    cohort = exp.select(exp.column("customer_id", quoted=True),
                        exp.alias_(period_sql(grain, exp.column("first_date", quoted=True)), "cohort"))
    where = [exp.Between(this=exp.column("first_date", quoted=True), low=date_literal(lo), high=date_literal(hi)),
             filter_sql(src, [f"_k{i}" for i in range(len(wanted))])]
    cohort = cohort.from_("_first").where(exp.and_(*(w for w in where if w is not None)))
    active = exp.select(exp.column("customer_id", quoted=True), exp.alias_(period_sql(grain), "period"))
    active = active.distinct().from_(src.table).where(template('"amount" > 0 AND "customer_id" IS NOT NULL'))
    index = {"day": "date_diff('day', g.cohort, g.period)", "week": "date_diff('day', g.cohort, g.period) // 7",
             "month": "date_diff('month', g.cohort, g.period)",
             "quarter": "date_diff('quarter', g.cohort, g.period)",
             "year": "date_diff('year', g.cohort, g.period)"}[grain]
    body = template(f"""
        WITH _sizes AS (SELECT cohort, count(*) AS size FROM _cohort GROUP BY cohort),
        _counts AS (SELECT c.cohort, a.period, count(*) AS customers
                    FROM _cohort AS c JOIN _active AS a ON a.customer_id = c.customer_id GROUP BY 1, 2),
        _grid AS (SELECT cohort, UNNEST(GENERATE_SERIES(cohort, CAST(:last AS TIMESTAMP), {STEP[grain]})) AS period
                  FROM _sizes)
        SELECT g.cohort AS cohort, {index} AS period_index, coalesce(n.customers, 0) AS customers,
               coalesce(n.customers, 0) / s.size AS retention
        FROM _grid AS g JOIN _sizes AS s ON s.cohort = g.cohort
        LEFT JOIN _counts AS n ON n.cohort = g.cohort AND n.period = g.period
        ORDER BY 1, 2""", last=date_literal(period_of(last, grain)))
    with_ = body.args["with_"] if "with_" in body.args else body.args.get("with")
    for name, query in reversed((("_first", first_purchases(src, wanted)), ("_cohort", cohort),
                                 ("_active", active))):
        with_.expressions.insert(0, exp.CTE(this=query, alias=exp.TableAlias(this=exp.to_identifier(name))))
    return body


def cohorts(ws: Workspace, grain: str = "month", start: Any = None, end: Any = None,
            filters: Mapping[str, Any] | None = None, *, datasets: Mapping[str, str] | None = None) -> pd.DataFrame:
    """The cohort retention matrix; see :meth:`kpi.Workspace.cohorts`."""
    query = cohort_query(ws, grain, start, end, filters, datasets=datasets)
    frame = ws.cursor().execute(query.sql("duckdb", identify=True)).df()
    frame["cohort"] = pd.to_datetime(frame["cohort"])
    return frame.astype({"period_index": "int64", "customers": "int64", "retention": "float64"})


def _read_by(ws: Workspace, metric: str | Metric | None, datasets: Mapping[str, str] | None) -> list[Any]:
    """The datasets ``metric`` reads (every dataset when ``metric`` is ``None``)."""
    catalog = ws.datasets()
    if metric is None:
        return catalog
    chosen = lookup(metric, ws.custom_metrics())
    return [dataset_for(kind, chosen.name, catalog, dict(datasets or {})) for kind in chosen.datasets]


def date_range(ws: Workspace, metric: str | Metric | None = None, *,
               datasets: Mapping[str, str] | None = None) -> tuple[dt.date, dt.date] | None:
    """The first and last date in the datasets ``metric`` reads (all datasets without one); ``None`` if empty."""
    found = [ws.cursor().execute(f'SELECT min("date"), max("date") FROM {table_ref(d.name)}').fetchall()[0]
             for d in _read_by(ws, metric, datasets) if "date" in d.columns]
    lows, highs = [lo for lo, _ in found if lo is not None], [hi for _, hi in found if hi is not None]
    return (min(lows), max(highs)) if lows else None


def dimensions(ws: Workspace, metric: str | Metric | None = None, *,
               datasets: Mapping[str, str] | None = None) -> list[str]:
    """The columns that can split or filter ``metric``: those of every dataset it reads.

    Dimensions and text roles (``platform``, ``status``); ID columns can filter too
    but are left out here, as nobody splits a chart by order number. Without
    ``metric``: the columns of any dataset, each once.
    """
    per_dataset = [usable_columns(d, ids=False) for d in _read_by(ws, metric, datasets)]
    if not per_dataset:
        return []
    names = list(dict.fromkeys(c for columns in per_dataset for c in columns))
    if metric is None:
        return names
    return [c for c in names if all(c in columns for columns in per_dataset)]


def values(ws: Workspace, column: str, metric: str | Metric | None = None, *,
           datasets: Mapping[str, str] | None = None) -> list[str | None]:
    """The values of ``column`` in the datasets ``metric`` reads that have it; sorted, blank (``None``) last."""
    found: set[str | None] = set()
    holders = [d for d in _read_by(ws, metric, datasets) if column in usable_columns(d)]
    if not holders:
        raise DataSchemaError("unknown_dimension", dataset=", ".join(d.name for d in _read_by(ws, metric, datasets)),
                              column=column, use=Message("use_filters"),
                              known=", ".join(f"`{c}`" for c in dimensions(ws, metric, datasets=datasets)))
    for ds in holders:
        physical = ident(resolve_column(ds, column, "filters"))
        rows = ws.cursor().execute(f"SELECT DISTINCT {physical} FROM {table_ref(ds.name)}").fetchall()
        found.update(None if v is None else str(v) for (v,) in rows)
    return sorted(v for v in found if v is not None) + ([None] if None in found else [])
