"""A KPI's sums per segment over two spans of dates, in one pass with GROUPING SETS.

:mod:`kpi.rootcause` explains a KPI's change from the sums this module fetches:
for the whole data and for every segment of one, two or three dimensions, the
KPI's value (or numerator ``x`` and denominator ``y``) in the current and the
baseline span, their sums of squares and cross products (for the tests) and
the number of rows behind them.

The data is read once. A first GROUP BY over every chosen dimension shrinks
the rows to cells, each sum taken once per span (``FILTER``); GROUPING SETS
over the cells then give every segment. Sums add up over cells, so the second
step is exact. Only the sums that are not known are taken (:func:`aggregates`).

Every KPI here is a sum over rows. Distinct counts (orders, customers) are made
one by attributing each order or customer fractionally to its rows (an order
with two purchase lines counts 1/2 on each), so that segments add up to the KPI.
For such counts the variance is taken as Poisson (the count itself), as the
rows of one order are not independent draws.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import combinations
from typing import TYPE_CHECKING, Any

import pandas as pd
from sqlglot import exp

from kpi import formula as f
from kpi.compiler import resolve_sources
from kpi.errors import QueryError
from kpi.measures import PURCHASE, Source, answer_rows, date_literal, filter_sql, need, template
from kpi.metrics import Metric

if TYPE_CHECKING:
    from kpi.workspace import Workspace

__all__ = ["SIDES", "Layout", "aggregates", "fetch", "grouping_sets", "layout", "query"]

#: The sums fetched per span: prefix ``c`` (current) or ``b`` (baseline) + one of these.
SIDES = ("x", "xx", "y", "yy", "xy", "n")
#: Measures that count distinct orders or customers: attributed fractionally, Poisson variance.
_DISTINCT = {"orders.orders", "orders.customers"}
#: Measures whose row value is always 1, or 0 or 1: their sums of squares are known.
_ONES = {"leads.leads"}
_BINARY = {"leads.converted", "orders.new_customers", "survey.nps_responses", "survey.csat_satisfied",
           "survey.csat_responses"}
#: Measures that cannot be split over segments as sums of rows, and what to explain instead.
UNSUPPORTED = {"orders.retained": "active_customers", "orders.lost": "active_customers",
               "orders.previous_customers": "active_customers", "orders.repeat_customers": "orders",
               "social.follower_growth": "engagement", "social.followers_end": "engagement"}
_ROW = {
    "orders.revenue": ('coalesce("amount", 0)', ("amount",)),
    "leads.leads": ("1", ()),
    "leads.converted": ('CASE WHEN "converted" THEN 1 ELSE 0 END', ("converted",)),
    "spend.spend": ('coalesce("spend", 0)', ("spend",)),
    "spend.clicks": ('coalesce("clicks", 0)', ("clicks",)),
    "spend.impressions": ('coalesce("impressions", 0)', ("impressions",)),
    "social.engagement_base": ('coalesce("impressions", 0)', ("impressions",)),
}


@dataclass(frozen=True)
class Layout:
    """How a KPI splits into row values: ``x`` (value or numerator) and ``y`` (denominator) per dataset."""

    metric: Metric
    ratio: bool
    #: ``(kind, side, expression)`` with side ``"x"`` or ``"y"``: the side's row value in that dataset.
    terms: tuple[tuple[str, str, f.Node], ...]


def _dataset(node: f.Node) -> str:
    """The one dataset kind a side's formula reads; ``ValueError`` if several, or if it is not linear."""
    kinds = {name.split(".")[0] for name in f.names(node)}
    if len(kinds) != 1 or not _linear(node):
        raise ValueError(node)
    return kinds.pop()


def _linear(node: f.Node) -> bool:
    if isinstance(node, f.Ref | f.Num):
        return True
    if isinstance(node, f.Neg):
        return _linear(node.operand)
    if node.op in "+-":
        return _linear(node.left) and _linear(node.right)
    if node.op == "*":  # a constant times a linear formula
        return (isinstance(node.left, f.Num) and _linear(node.right)) or (
            isinstance(node.right, f.Num) and _linear(node.left))
    return isinstance(node.right, f.Num) and _linear(node.left)


def layout(metric: Metric) -> Layout:
    """The row values of ``metric``; :class:`~kpi.errors.QueryError` if it is not a sum of rows."""
    for name in metric.measures:
        if name in UNSUPPORTED or metric.kind == "cumulative":
            raise QueryError("explain_not_supported", metric=metric.name,
                             instead=UNSUPPORTED.get(name, "revenue"))
    sides = {"x": metric.expr.left, "y": metric.expr.right} if metric.is_ratio else {"x": metric.expr}
    try:
        terms = tuple((_dataset(node), side, node) for side, node in sides.items())
    except ValueError:
        raise QueryError("explain_not_linear", metric=metric.name) from None
    return Layout(metric, metric.is_ratio, terms)


def _measure_sql(name: str, src: Source, metric: str) -> str:
    """One row's share of measure ``name`` (constant SQL over role columns and window helpers)."""
    if name in _ROW:
        text, roles = _ROW[name]
        need(src, roles, metric)
        return text
    _, role = name.split(".", 1)
    if role.startswith("sum_"):
        need(src, (role.removeprefix("sum_"),), metric)
        return f'coalesce("{role.removeprefix("sum_")}", 0)'
    if role == "_rows":
        return "1"
    if name == "orders.orders":
        return "_order_share"
    if name == "orders.customers":
        need(src, ("customer_id",), metric)
        return "_customer_share"
    if name == "orders.new_customers":
        need(src, ("customer_id",), metric)
        return "_first"
    if name == "social.engagement":
        present = [r for r in ("likes", "shares", "comments") if r in src.columns]
        if not present:
            need(src, ("likes",), metric)  # raises: at least one of the three must be mapped
        return " + ".join(f'coalesce("{r}", 0)' for r in present)
    nps, csat = answer_rows(src, "nps"), answer_rows(src, "csat")
    return {"survey.nps_net": f'CASE WHEN {nps} AND "score" >= 9 THEN 1 WHEN {nps} AND "score" <= 6 THEN -1 ELSE 0 END',
            "survey.nps_responses": f"CASE WHEN {nps} THEN 1 ELSE 0 END",
            "survey.csat_satisfied": f'CASE WHEN {csat} AND "score" >= 4 THEN 1 ELSE 0 END',
            "survey.csat_responses": f"CASE WHEN {csat} THEN 1 ELSE 0 END"}[name]


def _node_sql(node: f.Node, src: Source, metric: str) -> str:
    if isinstance(node, f.Num):
        return repr(float(node.value))
    if isinstance(node, f.Ref):
        return f"({_measure_sql(node.name, src, metric)})"
    if isinstance(node, f.Neg):
        return f"(-{_node_sql(node.operand, src, metric)})"
    return f"({_node_sql(node.left, src, metric)} {node.op} {_node_sql(node.right, src, metric)})"


def _cells(src: Source, parts: dict[str, f.Node], metric: Metric, current: tuple[dt.date, dt.date],
           baseline: tuple[dt.date, dt.date], aggregates: dict[str, str]) -> exp.Expression:
    """``SELECT _d0.., c<sum>.., b<sum>..`` over ``src``: the rows grouped by every dimension, each of
    ``aggregates`` taken once per span (``FILTER``), so a cell holds both spans."""
    names = {n for node in parts.values() for n in f.names(node)}
    day = exp.column("date", quoted=True)
    spans = exp.or_(*(exp.Between(this=day.copy(), low=date_literal(lo), high=date_literal(hi))
                      for lo, hi in (current, baseline)))
    inner = exp.select(exp.Star()).select(
        exp.alias_(exp.Between(this=day.copy(), low=date_literal(current[0]), high=date_literal(current[1])),
                   "_cur"), copy=False)
    table: exp.Expression = src.table
    if "orders.new_customers" in names:
        # A customer's first purchase ever: ranked over the whole dataset, before dates and filters apply.
        ranked = template(f'SELECT *, row_number() OVER (PARTITION BY "customer_id", ({PURCHASE} AND '
                          '"customer_id" IS NOT NULL) ORDER BY "date", "_line") AS _rank FROM :t', t=src.table)
        table = ranked.subquery("_ranked")
    inner = inner.from_(table).where(exp.and_(*(c for c in (spans, filter_sql(src)) if c is not None)))
    helpers: dict[str, str] = {}  # alias: constant SQL of a per-row share that needs a window
    if "orders.orders" in names:
        if "order_id" in src.columns:
            helpers["_order_share"] = (f'CASE WHEN {PURCHASE} THEN CASE WHEN "order_id" IS NULL THEN 1.0 ELSE 1.0 / '
                                       f'sum(CASE WHEN {PURCHASE} THEN 1 ELSE 0 END) OVER (PARTITION BY "order_id", '
                                       "_cur) END ELSE 0 END")
        else:
            helpers["_order_share"] = f"CASE WHEN {PURCHASE} THEN 1 ELSE 0 END"
    if "orders.customers" in names:
        helpers["_customer_share"] = (f'CASE WHEN {PURCHASE} AND "customer_id" IS NOT NULL THEN 1.0 / sum(CASE WHEN '
                                      f'{PURCHASE} THEN 1 ELSE 0 END) OVER (PARTITION BY "customer_id", _cur) '
                                      "ELSE 0 END")
    if "orders.new_customers" in names:
        helpers["_first"] = f'CASE WHEN {PURCHASE} AND "customer_id" IS NOT NULL AND _rank = 1 THEN 1 ELSE 0 END'
    dims = [exp.alias_(exp.cast(exp.column(d, quoted=True), "VARCHAR"), f"_d{i}") for i, d in enumerate(src.dims)]
    rows = exp.select(*dims, exp.column("_cur"))
    for side in ("x", "y"):
        node = parts.get(side)
        rows = rows.select(exp.alias_(template(_node_sql(node, src, metric.name)) if node is not None
                                      else exp.Literal.number(0), f"_{side}"), copy=False)
    source: exp.Expression = inner.subquery("_in")
    if helpers:
        source = exp.select(exp.Star(), *(template(text).as_(alias) for alias, text in helpers.items())).from_(
            source).subquery("_w")
    rows = rows.from_(source)
    sums = [exp.column(f"_d{i}") for i in range(len(src.dims))]
    for prefix, cond in (("c", "_cur"), ("b", "NOT _cur")):
        sums += [template(f"coalesce({text} FILTER (WHERE {cond}), 0)").as_(prefix + name)
                 for name, text in aggregates.items()]
    select = exp.select(*sums).from_(rows.subquery("_r"))
    return select.group_by(*(exp.Literal.number(i + 1) for i in range(len(src.dims)))) if src.dims else select


def _shape(node: f.Node | None) -> str:
    """What a side's row values are: ``"none"`` (no such side), ``"one"`` (always 1: a lead, a row),
    ``"binary"`` (0 or 1), ``"count"`` (fractional counts of orders or customers) or ``"sum"``."""
    if node is None:
        return "none"
    names = set(f.names(node))
    if not isinstance(node, f.Ref):
        return "count" if names <= _DISTINCT else "sum"
    if node.name in _ONES or node.name.endswith("._rows"):
        return "one"
    return "binary" if node.name in _BINARY else ("count" if node.name in _DISTINCT else "sum")


def aggregates(parts: dict[str, f.Node], full: bool) -> dict[str, str | None]:
    """The sums of :data:`SIDES` a cell needs (SQL over ``_x``, ``_y``), or the name of the one it equals
    (``"=x"``), or ``None`` for zero. Only what is not known is summed (``full``: everything, so that the
    cells of several datasets line up); a leads KPI's denominator is its row count, a conversion's square
    is itself, and an order or customer weighs 1 in the variance however many rows it has (Poisson)."""
    x, y = _shape(parts.get("x")), _shape(parts.get("y"))
    out: dict[str, str | None] = {"x": "sum(_x)", "xx": "sum(_x)" if x == "count" else "sum(_x * _x)",
                                  "y": "sum(_y)", "yy": "sum(_y)" if y == "count" else "sum(_y * _y)",
                                  "xy": "sum(_x * _y)", "n": "count(*)"}
    if full:
        return out
    if x in ("count", "binary", "one"):
        out["xx"] = "=x"
    if y == "none":
        out.update(y=None, yy=None, xy=None)
    elif y == "one":
        out.update(y="=n", yy="=n", xy="=x")
    elif y in ("count", "binary"):
        out["yy"] = "=y"
    return out


def grouping_sets(count: int, depth: int) -> list[tuple[int, ...]]:
    """Every combination of 1..``depth`` of ``count`` dimensions, plus the empty set (the total).

    Examples
    --------
    >>> grouping_sets(3, 2)
    [(), (0,), (1,), (2,), (0, 1), (0, 2), (1, 2)]
    """
    sets: list[tuple[int, ...]] = [()]
    for size in range(1, min(depth, count) + 1):
        sets.extend(combinations(range(count), size))
    return sets


def query(ws: Workspace, lay: Layout, by: Sequence[str], filters: Mapping[str, Any] | None,
          current: tuple[dt.date, dt.date], baseline: tuple[dt.date, dt.date], depth: int,
          datasets: Mapping[str, str] | None = None) -> exp.Expression:
    """The SQL of :func:`fetch`."""
    sources = {s.kind: s for s in resolve_sources(lay.metric, ws.datasets(), by, filters, datasets)}
    plan = {kind: {side: node for k, side, node in lay.terms if k == kind} for kind in sources}
    sums = aggregates(next(iter(plan.values())), full=len(sources) > 1)
    needed = {name: text for name, text in sums.items() if text is not None and not text.startswith("=")}
    cells = [_cells(src, plan[kind], lay.metric, current, baseline, needed) for kind, src in sources.items()]
    union = cells[0]
    for other in cells[1:]:
        union = exp.union(union, other, distinct=False)
    keys = [exp.column(f"_d{i}") for i in range(len(by))]
    picked = []
    for prefix in "cb":
        for name in SIDES:
            text = sums[name]
            source = name if text is not None and not text.startswith("=") else (text or "")[1:]
            picked.append((template(f'sum("{prefix}{source}")') if source else template("0.0")).as_(prefix + name))
    sets = [exp.Tuple(expressions=[keys[i].copy() for i in chosen]) for chosen in grouping_sets(len(by), depth)]
    grouping = exp.Anonymous(this="GROUPING", expressions=[k.copy() for k in keys]) if keys else exp.Literal.number(0)
    select = exp.select(*keys, grouping.as_("_g"), *picked).from_(union.subquery("_cells"))
    return select.group_by(exp.GroupingSets(expressions=sets))


def fetch(ws: Workspace, lay: Layout, by: Sequence[str], filters: Mapping[str, Any] | None,
          current: tuple[dt.date, dt.date], baseline: tuple[dt.date, dt.date], depth: int,
          datasets: Mapping[str, str] | None = None) -> pd.DataFrame:
    """One row per segment (and one for the total): ``_d0.._dn`` (values, NaN where not grouped), ``_g``
    (GROUPING bitmask, first dimension highest), then ``c*`` and ``b*`` sums (:data:`SIDES`)."""
    sql = query(ws, lay, by, filters, current, baseline, depth, datasets).sql("duckdb")
    return ws.cursor().execute(sql).df()
