"""Measures: the sums and counts over one dataset that every KPI is built from.

Each measure becomes a column of one CTE with the columns ``period``,
``_d0.._dn`` (the ``by`` dimensions) and one column per measure. Plain
measures (sums and counts of rows in the range) of one dataset share a single
scan; measures that need each customer's or platform's history (new
customers, retention, repeat buyers, followers) get CTEs of their own.

SQL here is written as constant templates over role columns, whose names are
ours (``"amount"``, ``"date"``); everything that comes from users (dimension
names, filter values, dates) is put in as quoted identifiers or literals by
:func:`template` and the builders, never as text.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import lru_cache

import sqlglot
from sqlglot import exp

from kpi.errors import DataSchemaError
from kpi.periods import GRAINS, period_of

__all__ = ["GRAINS", "Bounds", "Part", "Source", "build_parts", "period_of", "template"]

# One grain in SQL interval units; weeks are 7 days, quarters 3 months.
GRAIN_STEP = {"day": (1, "DAY"), "week": (7, "DAY"), "month": (1, "MONTH"), "quarter": (3, "MONTH"),
              "year": (1, "YEAR")}
STEP = {grain: f"INTERVAL {n} {unit}" for grain, (n, unit) in GRAIN_STEP.items()}

# Plain measures: an aggregate over the rows of the range, and the roles it needs.
PURCHASE = '"amount" > 0'
NPS_ROWS = '"score" BETWEEN 0 AND 10'
CSAT_ROWS = '"score" BETWEEN 1 AND 5'
PLAIN: dict[str, tuple[str, tuple[str, ...]]] = {
    "orders.revenue": ('sum("amount")', ("amount",)),
    "orders.customers": (f'count(DISTINCT "customer_id") FILTER (WHERE {PURCHASE})', ("customer_id",)),
    "leads.leads": ("count(*)", ()),
    "leads.converted": ('count(*) FILTER (WHERE "converted")', ("converted",)),
    "spend.spend": ('sum("spend")', ("spend",)),
    "spend.clicks": ('sum("clicks")', ("clicks",)),
    "spend.impressions": ('sum("impressions")', ("impressions",)),
}
HISTORY = {"orders.new_customers", "orders.retained", "orders.lost", "orders.previous_customers",
           "orders.repeat_customers", "social.follower_growth", "social.followers_end"}


@dataclass(frozen=True)
class Source:
    """A dataset as one query reads it: its table, the ``by`` columns and the filters."""

    kind: str
    dataset: str
    columns: frozenset[str]
    dims: tuple[str, ...] = ()
    filters: tuple[tuple[str, tuple[str | None, ...]], ...] = ()
    #: ID columns holding blanks; only then does the SQL pay for counting them apart.
    blank: frozenset[str] = frozenset()

    @property
    def table(self) -> exp.Table:
        return exp.table_(self.dataset, db="ds", quoted=True)


@dataclass(frozen=True)
class Bounds:
    """The dates of a query: rows from ``lo`` to ``hi``, periods ``first`` to ``last``."""

    grain: str
    lo: dt.date
    hi: dt.date
    window: int | None = None

    @property
    def first(self) -> dt.date:
        return period_of(self.lo, self.grain)

    @property
    def last(self) -> dt.date:
        return period_of(self.hi, self.grain)


@dataclass(frozen=True)
class Part:
    """One CTE of measures, plus the helper CTEs it reads."""

    name: str
    query: exp.Select
    columns: dict[str, str]
    helpers: tuple[tuple[str, exp.Expression], ...] = field(default_factory=tuple)
    #: Whether its ``by`` values count as "seen in the range" (follower growth also reads earlier rows).
    segments: bool = True
    #: A CTE whose every row's ``by`` values count as seen, instead of this one's rows in the reported periods.
    key_source: str | None = None


@lru_cache(maxsize=256)
def _parsed(text: str) -> exp.Expression:
    return sqlglot.parse_one(text, read="duckdb")


def template(text: str, **values: exp.Expression) -> exp.Expression:
    """Constant SQL ``text`` with ``:name`` placeholders replaced by expressions.

    Examples
    --------
    >>> template("sum(:x)", x=exp.column('a"b', quoted=True)).sql("duckdb")
    'SUM("a""b")'
    """
    return exp.replace_placeholders(_parsed(text).copy(), **values)


def date_literal(day: dt.date) -> exp.Expression:
    """``CAST('YYYY-MM-DD' AS DATE)``."""
    return exp.cast(exp.Literal.string(day.isoformat()), "DATE")


def period_sql(grain: str, column: exp.Expression | None = None) -> exp.Expression:
    """The period (its first day, a TIMESTAMP) of ``column`` (default ``"date"``) at ``grain``."""
    column = column if column is not None else exp.column("date", quoted=True)
    # A TIMESTAMP, as DATE_TRUNC gives it: casting back to DATE costs time on every row.
    return template(f"DATE_TRUNC('{grain}', :c)", c=column)


def shift(period: exp.Expression, grain: str, times: int = 1) -> exp.Expression:
    """``period`` moved ``times`` grains later (earlier when negative)."""
    op = "+" if times > 0 else "-"
    amount, unit = GRAIN_STEP[grain]
    return template(f":p {op} INTERVAL {amount * abs(times)} {unit}", p=period)


def dim_aliases(src: Source) -> list[str]:
    return [f"_d{i}" for i in range(len(src.dims))]


def filter_sql(src: Source, columns: list[str] | None = None, table: str | None = None) -> exp.Expression | None:
    """The filters as a condition; ``columns`` renames the filter columns (same order)."""
    parts = []
    for i, (name, values) in enumerate(src.filters):
        column = exp.column(columns[i] if columns else name, table=table, quoted=True)
        kept = [exp.Literal.string(v) for v in values if v is not None]
        tests = [column.isin(*kept)] if kept else []
        if None in values:
            tests.append(exp.Is(this=column.copy(), expression=exp.Null()))
        parts.append(exp.or_(*tests) if len(tests) > 1 else tests[0])
    return exp.and_(*parts) if parts else None


def rows_between(lo: dt.date | None, hi: dt.date) -> exp.Expression:
    day = exp.column("date", quoted=True)
    if lo is None:
        return exp.LTE(this=day, expression=date_literal(hi))
    return exp.Between(this=day, low=date_literal(lo), high=date_literal(hi))


def _grouped(src: Source, grain: str, aggregates: dict[str, exp.Expression], where: list,
             table: exp.Expression | None = None) -> exp.Select:
    """``SELECT period, dims, aggregates FROM table WHERE ... GROUP BY period, dims``."""
    keys = [exp.alias_(period_sql(grain), "period")] + [
        exp.alias_(exp.column(d, quoted=True), a) for d, a in zip(src.dims, dim_aliases(src), strict=True)]
    select = exp.select(*keys, *(exp.alias_(agg, alias) for alias, agg in aggregates.items()))
    select = select.from_(table if table is not None else src.table)
    conditions = [w for w in where if w is not None]
    if conditions:
        select = select.where(exp.and_(*conditions))
    return select.group_by(*(exp.Literal.number(i + 1) for i in range(len(keys))))


def need(src: Source, roles: tuple[str, ...], metric: str) -> None:
    for role in roles:
        if role not in src.columns:
            raise DataSchemaError("role_missing_for_kpi", metric=metric, role=role, dataset=src.dataset)


def plain_sql(measure: str, src: Source, bounds: Bounds, metric: str) -> exp.Expression:
    """The aggregate of a plain measure over the rows of ``src``."""
    if measure.split(".", 1)[1].startswith("sum_"):  # a number role summed, from a custom formula
        role = measure.split(".", 1)[1].removeprefix("sum_")
        need(src, (role,), metric)
        return template("sum(:c)", c=exp.column(role, quoted=True))
    if measure.endswith("._rows"):
        return template("count(*)")
    if measure == "orders.orders":
        if "order_id" not in src.columns:
            return template(f"count(*) FILTER (WHERE {PURCHASE})")
        if "order_id" not in src.blank:
            return template(f'count(DISTINCT "order_id") FILTER (WHERE {PURCHASE})')
        # An order line without an order number is an order of its own.
        return template(f'count(DISTINCT "order_id") FILTER (WHERE {PURCHASE}) '
                        f'+ count(*) FILTER (WHERE {PURCHASE} AND "order_id" IS NULL)')
    if measure == "leads.converted" and bounds.window is not None:
        need(src, ("converted", "converted_date"), metric)
        return template('count(*) FILTER (WHERE "converted" AND '
                        f'''date_diff('day', "date", "converted_date") <= {int(bounds.window)})''')
    if measure == "social.engagement":
        present = [r for r in ("likes", "shares", "comments") if r in src.columns]
        if not present:
            need(src, ("likes",), metric)
        return template("sum(" + " + ".join(f'coalesce("{r}", 0)' for r in present) + ")")
    if measure == "social.engagement_base":
        return template('sum("impressions")')
    if measure.startswith("survey."):
        return _survey_sql(measure, src)
    text, roles = PLAIN[measure]
    need(src, roles, metric)
    return template(text)


def answer_rows(src: Source, question: str) -> str:
    """The condition (constant SQL) that picks a survey's ``nps`` or ``csat`` answers."""
    rows = NPS_ROWS if question == "nps" else CSAT_ROWS
    if "question" in src.columns:
        rows += f""" AND lower("question") LIKE '%{question}%'"""
    return rows


def _survey_sql(measure: str, src: Source) -> exp.Expression:
    nps, csat = answer_rows(src, "nps"), answer_rows(src, "csat")
    return template({
        "survey.nps_net": f'count(*) FILTER (WHERE {nps} AND "score" >= 9) '
                          f'- count(*) FILTER (WHERE {nps} AND "score" <= 6)',
        "survey.nps_responses": f"count(*) FILTER (WHERE {nps})",
        "survey.csat_satisfied": f'count(*) FILTER (WHERE {csat} AND "score" >= 4)',
        "survey.csat_responses": f"count(*) FILTER (WHERE {csat})",
    }[measure])


def is_history(measure: str, src: Source) -> bool:
    """Whether ``measure`` needs each customer's or platform's history (a CTE of its own)."""
    if measure == "social.engagement_base":
        return "impressions" not in src.columns
    return measure in HISTORY


def build_parts(src: Source, measures: list[str], bounds: Bounds, metric: str, prefix: str) -> list[Part]:
    """The CTEs that compute ``measures`` of ``src``."""
    from kpi import history

    parts: list[Part] = []
    if "orders.repeat_customers" in measures and "orders.customers" in measures:
        # The repeat-buyer CTE counts the active customers too: one scan instead of two.
        measures = [m for m in measures if m != "orders.customers"]
    plain = [m for m in measures if not is_history(m, src)]
    if src.dims and not plain:
        plain = [f"{src.kind}._rows"]  # so that every segment seen in the range gets a row
    if plain:
        aliases = {m: m.split(".", 1)[1].lstrip("_") for m in plain}  # readable SQL: "revenue", "leads"...
        aggregates = {aliases[m]: plain_sql(m, src, bounds, metric) for m in plain}
        query = _grouped(src, bounds.grain, aggregates, [rows_between(bounds.lo, bounds.hi), filter_sql(src)])
        parts.append(Part(f"{prefix}_rows", query, aliases))
    history_measures = [m for m in measures if is_history(m, src)]
    if history_measures:
        parts.extend(history.build(src, history_measures, bounds, metric, prefix))
    return parts
