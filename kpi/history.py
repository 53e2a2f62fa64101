"""Measures that need history: each customer's first purchase, who came back, who bought twice, and
each platform's follower count over time.

Every builder returns :class:`kpi.measures.Part` objects whose query has the
columns ``period``, ``_d0.._dn`` and one column per measure, like the plain
measures, so the engine joins them the same way.
"""

from __future__ import annotations

import datetime as dt

from sqlglot import exp

from kpi.measures import (
    Bounds,
    Part,
    Source,
    date_literal,
    dim_aliases,
    filter_sql,
    need,
    period_sql,
    rows_between,
    shift,
    template,
)
from kpi.periods import period_of

__all__ = ["build", "first_purchases"]

# The earliest row: by date, then by line in the file. A row value (not a named struct) because
# DuckDB compares those about as fast as a single column.
_KEY = '("date", "_line")'
_BUYER = template('"amount" > 0 AND "customer_id" IS NOT NULL')


def _col(name: str, table: str | None = None) -> exp.Column:
    return exp.column(name, table=table, quoted=True)


def _keys(grain: str, src: Source, period: exp.Expression | None = None,
          dims: list[str] | None = None) -> list[exp.Expression]:
    """``period`` and the ``by`` columns under their aliases."""
    dims = dims if dims is not None else list(src.dims)
    return [exp.alias_(period if period is not None else period_sql(grain), "period")] + [
        exp.alias_(_col(d), a) for d, a in zip(dims, dim_aliases(src), strict=True)]


def _group_all(select: exp.Select, count: int) -> exp.Select:
    return select.group_by(*(exp.Literal.number(i + 1) for i in range(count)))


def build(src: Source, measures: list[str], bounds: Bounds, metric: str, prefix: str) -> list[Part]:
    """The CTEs for the history ``measures`` of ``src``."""
    parts = []
    if "orders.new_customers" in measures:
        parts.append(_new_customers(src, bounds, metric, prefix))
    retention = [m for m in measures if m in ("orders.retained", "orders.lost", "orders.previous_customers")]
    if retention:
        parts.append(_retention(src, bounds, metric, prefix))
    if "orders.repeat_customers" in measures:
        parts.append(_repeat(src, bounds, metric, prefix))
    if "social.follower_growth" in measures:
        parts.append(_followers(src, bounds, metric, prefix, growth=True))
    if {"social.followers_end", "social.engagement_base"} & set(measures):
        parts.append(_followers(src, bounds, metric, prefix, growth=False))
    return parts


def first_purchases(src: Source, columns: list[str]) -> exp.Select:
    """Each customer's first purchase: ``customer_id, first_date`` and ``columns`` of that row as ``_k<i>``."""
    select = exp.select(_col("customer_id"), exp.alias_(template('min("date")'), "first_date"))
    if columns:
        # One struct of the row's columns: ARG_MIN skips NULL values, and a blank channel on the
        # first purchase must stay blank rather than borrow a later purchase's channel.
        row = exp.Struct(expressions=[exp.PropertyEQ(this=exp.to_identifier(f"_k{i}"), expression=_col(c))
                                      for i, c in enumerate(columns)])
        select = select.select(exp.alias_(template(f"arg_min(:r, {_KEY})", r=row), "first_row"))
    inner = select.from_(src.table).where(_BUYER.copy()).group_by(exp.Literal.number(1))
    if not columns:
        return inner
    fields = [exp.alias_(exp.Dot(this=_col("first_row"), expression=exp.to_identifier(f"_k{i}")), f"_k{i}")
              for i in range(len(columns))]
    return exp.select(_col("customer_id"), _col("first_date"), *fields).from_(inner.subquery("f"))


def _new_customers(src: Source, bounds: Bounds, metric: str, prefix: str) -> Part:
    need(src, ("customer_id",), metric)
    # The first purchase is looked up over the whole dataset; `by` and filters then apply to that row.
    wanted = list(dict.fromkeys([*src.dims, *(name for name, _ in src.filters)]))
    alias = {c: f"_k{i}" for i, c in enumerate(wanted)}
    first = f"{prefix}_first"
    keys = _keys(bounds.grain, src, period_sql(bounds.grain, _col("first_date")), [alias[d] for d in src.dims])
    day = _col("first_date")
    where = [exp.Between(this=day, low=date_literal(bounds.lo), high=date_literal(bounds.hi)),
             filter_sql(src, [alias[name] for name, _ in src.filters])]
    select = exp.select(*keys, exp.alias_(template("count(*)"), "new_customers")).from_(exp.table_(first))
    select = select.where(exp.and_(*(w for w in where if w is not None)))
    return Part(f"{prefix}_new", _group_all(select, len(keys)), {"orders.new_customers": "new_customers"},
                ((first, first_purchases(src, wanted)),))


def _retention(src: Source, bounds: Bounds, metric: str, prefix: str) -> Part:
    need(src, ("customer_id",), metric)
    before = period_of(bounds.first - dt.timedelta(days=1), bounds.grain)
    act = f"{prefix}_active"
    active = exp.select(*_keys(bounds.grain, src), _col("customer_id")).distinct().from_(src.table)
    conditions = [_BUYER.copy(), rows_between(before, bounds.hi), filter_sql(src)]
    active = active.where(exp.and_(*(c for c in conditions if c is not None)))
    dims = dim_aliases(src)
    on = [exp.EQ(this=_col("customer_id", "b"), expression=_col("customer_id", "a")),
          exp.EQ(this=_col("period", "b"), expression=shift(_col("period", "a"), bounds.grain))]
    on += [exp.NullSafeEQ(this=_col(d, "b"), expression=_col(d, "a")) for d in dims]
    keys = [exp.alias_(shift(_col("period", "a"), bounds.grain), "period")] + [
        exp.alias_(_col(d, "a"), d) for d in dims]
    select = exp.select(
        *keys,
        exp.alias_(template("count(*)"), "previous_customers"),
        exp.alias_(template('count("b"."customer_id")'), "retained"),
        exp.alias_(template('count(*) - count("b"."customer_id")'), "lost"),
    ).from_(exp.alias_(exp.table_(act), "a", table=True))
    select = select.join(exp.alias_(exp.table_(act), "b", table=True), on=exp.and_(*on), join_type="left")
    columns = {"orders.previous_customers": "previous_customers", "orders.retained": "retained", "orders.lost": "lost"}
    # Segments of every customer retention reads (from the period before `start`) get rows.
    return Part(f"{prefix}_retention", _group_all(select, len(keys)), columns, ((act, active),), key_source=act)


def _repeat(src: Source, bounds: Bounds, metric: str, prefix: str) -> Part:
    need(src, ("customer_id",), metric)
    keys = _keys(bounds.grain, src)
    conditions = [_BUYER.copy(), rows_between(bounds.lo, bounds.hi), filter_sql(src)]
    where = exp.and_(*(c for c in conditions if c is not None))
    names = [_col("period")] + [_col(d) for d in dim_aliases(src)] + [_col("customer_id")]
    if "order_id" in src.blank:
        # A line without an order number is an order of its own. Counting distinct
        # (order, line-if-blank) rows is twice as fast in DuckDB as adding a FILTER count.
        lone = exp.alias_(template('CASE WHEN "order_id" IS NULL THEN "_line" END'), "lone")
        lines = exp.select(*keys, _col("customer_id"), _col("order_id"), lone).distinct().from_(src.table)
        per_customer = exp.select(*names, exp.alias_(template("count(*)"), "n")).from_(
            lines.where(where).subquery("o"))
    else:
        orders = 'count(DISTINCT "order_id")' if "order_id" in src.columns else "count(*)"
        per_customer = exp.select(*keys, _col("customer_id"), exp.alias_(template(orders), "n"))
        per_customer = per_customer.from_(src.table).where(where)
    per_customer = _group_all(per_customer, len(names))
    outer = names[:-1]
    select = exp.select(*(n.copy() for n in outer),
                        exp.alias_(template('count(*) FILTER (WHERE "n" >= 2)'), "repeat_customers"),
                        exp.alias_(template("count(*)"), "customers"))
    select = select.from_(per_customer.subquery("c"))
    columns = {"orders.repeat_customers": "repeat_customers", "orders.customers": "customers"}
    return Part(f"{prefix}_repeat", _group_all(select, len(outer)), columns)


def _followers(src: Source, bounds: Bounds, metric: str, prefix: str, *, growth: bool) -> Part:
    """Followers at each period's end (rows in the range), or their growth (rows up to ``end``)."""
    need(src, ("followers",), metric)
    dims = dim_aliases(src)
    per_platform = exp.select(
        *_keys(bounds.grain, src), exp.alias_(_col("platform"), "_pf"),
        exp.alias_(template(f'arg_max("followers", {_KEY})'), "last_f"),
        exp.alias_(template(f'arg_min("followers", {_KEY})'), "first_f"),
    ).from_(src.table)
    # Follower counts are stocks: for growth, rows before `start` give the level the first period grows from.
    days = rows_between(None if growth else bounds.lo, bounds.hi)
    conditions = [template('"followers" IS NOT NULL'), days, filter_sql(src)]
    per_platform = _group_all(per_platform.where(exp.and_(*(c for c in conditions if c is not None))),
                              len(dims) + 2)
    partition = ", ".join(["_pf", *dims])
    change = template(f"last_f - coalesce(lag(last_f) OVER (PARTITION BY {partition} ORDER BY period), first_f)")
    inner = exp.select(_col("period"), *(_col(d) for d in dims), _col("last_f"), exp.alias_(change, "growth"))
    inner = inner.from_(per_platform.subquery("p"))
    total = ('sum("growth")', "follower_growth") if growth else ('sum("last_f")', "followers_end")
    select = exp.select(_col("period"), *(_col(d) for d in dims),
                        exp.alias_(template(total[0]), total[1])).from_(inner.subquery("g"))
    if growth:
        return Part(f"{prefix}_growth", _group_all(select, len(dims) + 1), {"social.follower_growth": total[1]},
                    segments=False)
    columns = {"social.followers_end": total[1], "social.engagement_base": total[1]}
    return Part(f"{prefix}_followers", _group_all(select, len(dims) + 1), columns)
