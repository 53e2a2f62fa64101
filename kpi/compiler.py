"""Compile a KPI with a grain, a date range, ``by`` and filters into one SQL query.

The query is built as a SQLGlot expression (identifiers quoted, values as
literals) and rendered for DuckDB, which runs it, or for Spark SQL. Its shape:

* one CTE per group of measures (:mod:`kpi.measures`, :mod:`kpi.history`);
* ``_spine``: every period from the first to the last, so empty periods show;
* ``_keys``: every combination of ``by`` values seen in the range;
* the spine times the keys, left-joined to the measure CTEs, with the KPI's
  value (and numerator and denominator for ratio KPIs) computed from them;
* with ``compare=True``, that result joined to itself one period and one
  year back.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import pandas as pd
from sqlglot import exp

from kpi import formula as f
from kpi.errors import DataSchemaError, QueryError, UnknownDatasetError
from kpi.i18n import Message
from kpi.measures import STEP, Bounds, Part, Source, build_parts, date_literal, shift, template
from kpi.metrics import Metric
from kpi.periods import GRAINS, last_year_start, period_of, previous_start
from kpi.roles import ROLES

__all__ = ["DIALECTS", "Query", "check_grain", "compile_query", "resolve_column", "resolve_sources", "to_date",
           "usable_columns"]

DIALECTS = ("duckdb", "spark")
_LAST_YEAR = {"day": "INTERVAL 364 DAY", "week": "INTERVAL 364 DAY", "month": "INTERVAL 1 YEAR",
              "quarter": "INTERVAL 1 YEAR", "year": "INTERVAL 1 YEAR"}


@dataclass(frozen=True)
class Query:
    """A compiled KPI query and what its result looks like."""

    metric: Metric
    expression: exp.Expression
    by: tuple[str, ...]
    columns: tuple[str, ...]
    _texts: dict[str, str] = field(default_factory=dict, compare=False, repr=False)  # rendered once per dialect

    def sql(self, dialect: str = "duckdb") -> str:
        """The query as SQL text for ``dialect`` (``duckdb`` or ``spark``)."""
        if dialect not in DIALECTS:
            raise QueryError("bad_dialect", value=dialect)
        if dialect not in self._texts:
            self._texts[dialect] = self.expression.sql(dialect=dialect, pretty=True, identify=True)
        return self._texts[dialect]


def to_date(value: Any, option: str) -> dt.date | None:
    """Accept ``"YYYY-MM-DD"``, ``datetime.date`` or ``pandas.Timestamp`` (``None`` stays ``None``)."""
    if value is None:
        return None
    try:
        stamp = pd.Timestamp(value)
    except (ValueError, TypeError) as exc:
        raise QueryError("bad_date", option=option, value=value) from exc
    if pd.isna(stamp):
        raise QueryError("bad_date", option=option, value=value)
    return stamp.date()


def dataset_for(kind: str, metric: str, catalog: Sequence[Any], chosen: Mapping[str, str]) -> Any:
    """The dataset of ``kind`` a KPI reads: as ``chosen``, else named like the kind, else the only one."""
    if kind in chosen:
        found = [d for d in catalog if d.name == chosen[kind]]
        if not found:
            known = ", ".join(f"`{d.name}`" for d in catalog) or "(none yet)"
            raise UnknownDatasetError("unknown_dataset", name=chosen[kind], known=known)
        if found[0].kind != kind:
            raise DataSchemaError("wrong_dataset_kind", kind=kind, name=found[0].name, actual=found[0].kind)
        return found[0]
    same = [d for d in catalog if d.kind == kind]
    named = [d for d in same if d.name == kind]
    if named or len(same) == 1:
        return (named or same)[0]
    if not same:
        raise UnknownDatasetError("no_dataset_for_kpi", metric=metric, kind=kind)
    raise DataSchemaError("ambiguous_dataset", kind=kind, metric=metric,
                          known=", ".join(f"`{d.name}`" for d in same))


def usable_columns(ds: Any, ids: bool = True) -> list[str]:
    """The columns of dataset ``ds`` that can split or filter KPIs: dimensions, then text (and ID) roles."""
    types = ("text", "id") if ids else ("text",)
    return list(ds.dimensions) + [c for r, c in ds.mapping.items() if r in ds.columns and ROLES[r].type in types]


def resolve_column(ds: Any, name: str, use: str) -> str:
    """The table column that the user-facing ``name`` refers to in dataset ``ds``."""
    if name in ds.dimensions:
        return name
    for role, column in ds.mapping.items():
        if role in ds.columns and ROLES[role].type in ("text", "id") and name in (column, role):
            return role
    usable = usable_columns(ds)
    raise DataSchemaError("unknown_dimension", dataset=ds.name, column=name, use=Message(f"use_{use}"),
                          known=", ".join(f"`{c}`" for c in usable) or "(none)")


def _values(column: str, value: Any) -> tuple[str | None, ...]:
    items = list(value) if isinstance(value, list | tuple | set | frozenset) else [value]
    out: list[str | None] = []
    for item in items:
        if item is None or (isinstance(item, float) and item != item):
            out.append(None)
        elif isinstance(item, str | int | float | dt.date):
            out.append(item if isinstance(item, str) else str(item))
        else:
            raise QueryError("bad_filter_value", column=column, value=item)
    return tuple(dict.fromkeys(out))


def resolve_sources(metric: Metric, catalog: Sequence[Any], by: Iterable[str],
                    filters: Mapping[str, Any] | None, datasets: Mapping[str, str] | None) -> list[Source]:
    """The datasets ``metric`` reads, with ``by`` and ``filters`` resolved to their columns."""
    by = list(by)
    filters = dict(filters or {})
    sources = []
    for kind in metric.datasets:
        ds = dataset_for(kind, metric.name, catalog, dict(datasets or {}))
        dims = tuple(resolve_column(ds, name, "by") for name in by)
        picked = tuple((resolve_column(ds, name, "filters"), _values(name, value)) for name, value in filters.items())
        sources.append(Source(kind, ds.name, frozenset(ds.columns), dims, picked))
    return sources


def compile_query(metric: Metric, sources: list[Source], grain: str, lo: dt.date, hi: dt.date,
                  by: Sequence[str], *, compare: bool = False, window: int | None = None) -> Query:
    """Build the SQL expression of ``metric`` over ``sources`` for periods of ``lo``..``hi``."""
    first = period_of(lo, grain)
    data_lo = last_year_start(first, grain) if compare else lo
    bounds = Bounds(grain, data_lo, hi, window)
    parts: list[Part] = []
    for src in sources:
        wanted = [m for m in metric.measures if m.split(".")[0] == src.kind]
        parts.extend(build_parts(src, wanted, bounds, metric.name, f"_{src.kind}"))
    ctes: list[tuple[str, exp.Expression]] = []
    for part in parts:
        ctes.extend(part.helpers)
        ctes.append((part.name, part.query))
    dims = [f"_d{i}" for i in range(len(by))]
    ctes.append(("_spine", _spine(period_of(data_lo, grain), period_of(hi, grain), grain)))
    if dims:
        ctes.append(("_keys", _keys(parts, dims, first, period_of(hi, grain))))
    result = _result(metric, parts, dims, by, first, grain, compare)
    if compare:
        ctes.append(("_result", result))
        result = _compared(metric, dims, by, first, grain)
    else:
        result = result.order_by(*[exp.column("period", quoted=True)] + [exp.column(b, quoted=True) for b in by])
    for name, query in ctes:
        result = result.with_(exp.to_identifier(name), as_=query)
    columns = ["period", *by, "value"]
    if metric.is_ratio:
        columns += ["numerator", "denominator"]
    if compare:
        columns += ["previous", "last_year"]
        if metric.is_ratio:
            columns += ["previous_numerator", "previous_denominator", "last_year_numerator",
                        "last_year_denominator"]
    return Query(metric, result, tuple(by), tuple(columns))


def _spine(first: dt.date, last: dt.date, grain: str) -> exp.Expression:
    step = STEP[grain]
    series = template(f"UNNEST(GENERATE_SERIES(:a, :b, {step}))",
                      a=date_literal(first), b=date_literal(last))
    return exp.select(exp.alias_(series, "period"))


def _keys(parts: list[Part], dims: list[str], first: dt.date, last: dt.date) -> exp.Expression:
    """Every combination of ``by`` values that some measure CTE has in the reported periods."""
    period = exp.column("period", quoted=True)
    in_range = exp.Between(this=period, low=date_literal(first), high=date_literal(last))
    columns = [exp.column(d, quoted=True) for d in dims]
    selects = [exp.select(*(c.copy() for c in columns)).from_(exp.table_(p.key_source)) if p.key_source else
               exp.select(*(c.copy() for c in columns)).from_(exp.table_(p.name)).where(in_range.copy())
               for p in parts if p.segments]
    union = selects[0]
    for other in selects[1:]:
        union = exp.union(union, other, distinct=False)
    return exp.select(*(exp.column(d, quoted=True) for d in dims)).distinct().from_(union.subquery("_u"))


def _result(metric: Metric, parts: list[Part], dims: list[str], by: Sequence[str], first: dt.date,
            grain: str, compare: bool) -> exp.Select:
    """Spine x keys, joined to the measures, with the KPI's value."""
    refs: dict[str, exp.Expression] = {}
    select = exp.select().from_(exp.alias_(exp.table_("_spine"), "s", table=True))
    if dims:
        select = select.join(exp.alias_(exp.table_("_keys"), "k", table=True), join_type="cross")
    for i, part in enumerate(parts):
        alias = f"p{i}"
        on = [exp.EQ(this=exp.column("period", alias, quoted=True), expression=exp.column("period", "s", quoted=True))]
        on += [exp.NullSafeEQ(this=exp.column(d, alias, quoted=True), expression=exp.column(d, "k", quoted=True))
               for d in dims]
        select = select.join(exp.alias_(exp.table_(part.name), alias, table=True), on=exp.and_(*on),
                             join_type="left")
        for measure, column in part.columns.items():
            refs.setdefault(measure, template("coalesce(:c, 0)", c=exp.column(column, alias, quoted=True)))
    keys = [exp.alias_(exp.column("period", "s", quoted=True), "period")]
    keys += [exp.alias_(exp.column(d, "k", quoted=True), b, quoted=True) for d, b in zip(dims, by, strict=True)]
    order = ["value", "numerator", "denominator"]
    outputs = sorted(_outputs(metric, refs, dims, first, grain, compare),
                     key=lambda o: order.index(o[0]) if o[0] in order else len(order))
    return select.select(*keys, *(exp.alias_(_double(e), name, quoted=True) for name, e in outputs))


def _outputs(metric: Metric, refs: dict[str, exp.Expression], dims: list[str], first: dt.date, grain: str,
             compare: bool) -> list[tuple[str, exp.Expression]]:
    if metric.is_ratio:
        num, den = _sql(metric.expr.left, refs), _sql(metric.expr.right, refs)
        parts = [("numerator", num), ("denominator", den)]
    else:
        parts = [("value", _sql(metric.expr, refs))]
    if metric.cumulative:
        # A running total from the first reported period. The previous period's and last year's values
        # are running totals over the same number of periods, one period and one year earlier.
        starts = [("", first)]
        if compare:
            starts += [("_prev", previous_start(first, grain)), ("_ly", last_year_start(first, grain))]
        parts = [(name + suffix, _running(e, dims, since)) for suffix, since in starts for name, e in parts]
    if metric.is_ratio:
        for suffix in ("", "_prev", "_ly") if metric.cumulative and compare else ("",):
            num, den = dict(parts)["numerator" + suffix], dict(parts)["denominator" + suffix]
            parts.append(("value" + suffix, _ratio(num, den, metric.scale)))
    return parts


def _running(e: exp.Expression, dims: list[str], since: dt.date) -> exp.Expression:
    partition = ", ".join(f'"k"."{d}"' for d in dims)
    over = (f"PARTITION BY {partition} " if dims else "") + '''ORDER BY "s"."period"'''
    return template(f"""sum(CASE WHEN "s"."period" >= :since THEN :e ELSE 0 END) OVER ({over}
                    ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)""", since=date_literal(since), e=e)


def _ratio(num: exp.Expression, den: exp.Expression, scale: float) -> exp.Expression:
    value = template("(:n) / NULLIF(:d, 0)", n=num.copy(), d=den.copy())
    return template(":s * :v", s=exp.Literal.number(scale), v=value) if scale != 1 else value


def _double(e: exp.Expression) -> exp.Expression:
    return exp.cast(e, "DOUBLE")


def _sql(node: f.Node, refs: dict[str, exp.Expression]) -> exp.Expression:
    """A formula tree over measures as SQL; division by zero gives NULL."""
    if isinstance(node, f.Num):
        return exp.Literal.number(repr(node.value))
    if isinstance(node, f.Ref):
        return refs[node.name].copy()
    if isinstance(node, f.Neg):
        return exp.Neg(this=exp.Paren(this=_sql(node.operand, refs)))
    left, right = _sql(node.left, refs), _sql(node.right, refs)
    if node.op == "/":
        return exp.Paren(this=template("(:a) / NULLIF(:b, 0)", a=left, b=right))
    cls = {"+": exp.Add, "-": exp.Sub, "*": exp.Mul}[node.op]
    return exp.Paren(this=cls(this=left, expression=right))


def _compared(metric: Metric, dims: list[str], by: Sequence[str], first: dt.date, grain: str) -> exp.Select:
    """The result with the previous period's and last year's values beside each period."""
    def join_on(alias: str, period: exp.Expression) -> exp.Expression:
        on = [exp.EQ(this=exp.column("period", alias, quoted=True), expression=period)]
        on += [exp.NullSafeEQ(this=exp.column(b, alias, quoted=True), expression=exp.column(b, "r", quoted=True))
               for b in by]
        return exp.and_(*on)

    this = exp.column("period", "r", quoted=True)
    last_year = template(f":p - {_LAST_YEAR[grain]}", p=this.copy())
    names = ["value", "numerator", "denominator"] if metric.is_ratio else ["value"]
    prev, ly = ("_prev", "_ly") if metric.cumulative else ("", "")
    columns = [exp.column("period", "r", quoted=True)] + [exp.column(b, "r", quoted=True) for b in by]
    columns += [exp.column(n, "r", quoted=True) for n in names]
    for label, alias, suffix in (("previous", "p", prev), ("last_year", "l", ly)):
        for n in names:
            out = label if n == "value" else f"{label}_{n}"
            columns.append(exp.alias_(exp.column(n + suffix, alias, quoted=True), out, quoted=True))
    select = exp.select(*columns).from_(exp.alias_(exp.table_("_result"), "r", table=True))
    select = select.join(exp.alias_(exp.table_("_result"), "p", table=True),
                         on=join_on("p", shift(this.copy(), grain, -1)), join_type="left")
    select = select.join(exp.alias_(exp.table_("_result"), "l", table=True), on=join_on("l", last_year),
                         join_type="left")
    select = select.where(exp.GTE(this=this.copy(), expression=date_literal(first)))
    return select.order_by(this.copy(), *(exp.column(b, "r", quoted=True) for b in by))


def check_grain(grain: str) -> None:
    if grain not in GRAINS:
        raise QueryError("bad_grain", value=grain)
