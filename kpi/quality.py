"""The data-quality report shown after each import.

:func:`quality_report` runs a fixed set of checks on one imported dataset table
and returns a :class:`QualityReport`: one :class:`QualityItem` per problem
found, each with a count, a share of the rows, up to five example rows (with
their ``_line`` in the source file) and a plain sentence on what it means for
the KPIs. Every check runs as DuckDB SQL over the whole table; only counts and
a handful of example rows ever reach pandas, so a 10-million-row table is fine.

Rules worth knowing:

- a value is *missing* when it is NULL, NaN, or text made only of whitespace;
- *outlying dates* are dates before ``max(P1 - 1 year, 2000-01-01)`` or after
  ``P99 + 1 year`` (P1/P99: ``quantile_disc`` 1st and 99th percentiles), and not
  in the future (those are future dates). The floor at 2000 catches spreadsheet
  and Unix "zero" dates (1899-12-30, 1900-01-01, 1970-01-01) even when they are
  over 1% of the rows; a percentile rule alone would hide them;
- *outliers* use the robust z-score ``0.6745 * (x - median) / MAD`` with
  ``|z| > 3.5`` (Iglewicz & Hoaglin, 1993); skipped when MAD is 0;
- *date gaps* are runs of 7 or more calendar days without rows, between the
  first and last date that are neither future nor outlying; a warning for
  orders/spend/social with rows on at least half of the days, else info.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

import pandas as pd

from kpi.i18n import format_number, format_percent, message
from kpi.sql import ident

__all__ = ["QualityItem", "QualityReport", "quality_report"]

#: Roles whose missing values leave rows out of the core KPIs (warning).
REQUIRED_ROLES = frozenset({"date", "amount", "lead_id", "spend", "score", "platform"})
#: Kinds whose customer IDs feed customer KPIs (the `missing_customer` check).
CUSTOMER_KINDS = frozenset({"orders", "leads", "survey"})
#: The money-like column checked for outliers, by dataset kind.
OUTLIER_ROLE = {"orders": "amount", "spend": "spend", "leads": "value", "deals": "value"}
#: Kinds expected to have rows every day, so a gap is a warning.
DAILY_KINDS = frozenset({"orders", "spend", "social"})
MIN_GAP_DAYS = 7
#: Dates before this are implausible whatever the data (spreadsheet and Unix "zero" dates).
DATE_FLOOR = datetime.date(2000, 1, 1)
MAX_EXAMPLES = 5
_SEVERITY_RANK = {"warning": 0, "info": 1}


@dataclass(frozen=True)
class QualityItem:
    """One problem found in a dataset.

    Attributes
    ----------
    code, column
        Stable check name (``"missing_values"``, ``"returns"``...) and the role
        or column concerned (``None`` for whole-row checks).
    count, share
        Rows concerned and ``count / rows``; for ``date_gaps``, missing days and
        missing days / days in the covered range.
    examples
        Up to five rows, ``_line`` first (``date_gaps``: the longest runs as
        ``start, end, days``).
    severity
        ``"warning"`` (KPIs are likely wrong) or ``"info"``.
    message, params
        The :data:`kpi.i18n.MESSAGES` code and raw values behind :meth:`meaning`.
    label
        The column as the user's file names it (``id_pelanggan`` for ``customer_id``).
    """

    code: str
    column: str | None
    count: int
    share: float
    examples: pd.DataFrame = field(compare=False, repr=False)
    severity: str
    message: str = field(default="", compare=False, repr=False)
    params: Mapping[str, Any] = field(default_factory=dict, compare=False, repr=False)
    label: str | None = None

    def meaning(self, lang: str = "en") -> str:
        """What was found and what it means for the KPIs, in ``lang``."""
        params = {k: _fmt(v, lang) for k, v in self.params.items()}
        params.update(count=_fmt(self.count, lang), share=format_percent(self.share, lang))
        params["column"] = self.label or self.column or ""
        return message(self.message or f"quality_{self.code}", lang, **params)


@dataclass(frozen=True)
class QualityReport:
    """All problems found in one dataset, most severe first."""

    rows: int
    items: tuple[QualityItem, ...]

    def item(self, code: str, column: str | None = None) -> QualityItem | None:
        """The first item with ``code`` (and ``column``, when given), else ``None``."""
        for it in self.items:
            if it.code == code and (column is None or it.column == column):
                return it
        return None

    def to_frame(self, lang: str = "en") -> pd.DataFrame:
        """One row per item: ``check, column, count, share, severity, meaning``."""
        data = [(it.code, it.column, it.count, it.share, it.severity, it.meaning(lang))
                for it in self.items]
        return pd.DataFrame(data, columns=["check", "column", "count", "share", "severity", "meaning"])

    @property
    def ok(self) -> bool:
        """True when no item is a warning."""
        return all(it.severity != "warning" for it in self.items)


@dataclass(frozen=True)
class _Ctx:
    cur: Any
    table: str
    kind: str
    roles: frozenset[str]
    types: dict[str, str]
    rows: int
    today: datetime.date

    def has(self, role: str) -> bool:
        return role in self.roles and role in self.types

    def value(self, column: str) -> str:
        """SQL for ``column`` with blank text and NaN turned into NULL."""
        col, typ = ident(column), self.types[column].upper()
        if typ == "VARCHAR":
            return f"CASE WHEN regexp_full_match({col}, '\\s*') THEN NULL ELSE {col} END"
        if typ in ("DOUBLE", "FLOAT", "REAL"):
            return f"CASE WHEN isnan({col}) THEN NULL ELSE {col} END"
        return col

    def one(self, sql: str, params: list[Any] | None = None) -> tuple[Any, ...]:
        # fetchall, not fetchone: DuckDB 2.0 keeps a half-read result open on the
        # connection and refuses other work (register, ...) until it is consumed.
        return self.cur.execute(sql, params or []).fetchall()[0]

    def examples(self, where: str, params: list[Any] | None = None, order: str = "_line",
                 extra: str = "") -> pd.DataFrame:
        """Up to five rows matching ``where``, ``_line`` first."""
        sql = (f"SELECT _line, {extra}* EXCLUDE (_line) FROM {self.table} WHERE {where} "
               f"ORDER BY {order} LIMIT {MAX_EXAMPLES}")
        return self.cur.execute(sql, params or []).df()

    def item(self, code: str, column: str | None, count: int, examples: pd.DataFrame,
             severity: str, msg: str | None = None, **params: Any) -> QualityItem:
        share = count / self.rows if self.rows else 0.0
        return QualityItem(code, column, int(count), share, examples, severity,
                           msg or f"quality_{code}", params)


def quality_report(cur: Any, table: str, kind: str, *, roles: Collection[str],
                   today: datetime.date | str | None = None,
                   names: Mapping[str, str] | None = None) -> QualityReport:
    """Check an imported dataset table and describe its data-quality problems.

    Parameters
    ----------
    cur
        A DuckDB connection or cursor.
    table
        The already-quoted table reference, e.g. ``kpi.sql.table_ref("orders")``.
    kind
        Dataset kind: ``orders``, ``leads``, ``deals``, ``spend``, ``social`` or ``survey``.
    roles
        The role columns present in the table (``date``, ``amount``, ...).
    today
        The date after which dates count as future (a date, ``"YYYY-MM-DD"`` or a
        pandas Timestamp); defaults to today.
    names
        Role -> the file's own column name, so that messages name what the user sees.

    Returns
    -------
    QualityReport
        ``rows`` and the items with a count above zero, warnings first, then by share.

    Examples
    --------
    >>> import duckdb
    >>> con = duckdb.connect()
    >>> _ = con.execute("CREATE TABLE t AS SELECT range + 1 AS _line, -1.0 * range AS amount FROM range(3)")
    >>> rep = quality_report(con, "t", "orders", roles=["amount"])
    >>> [(it.code, it.count) for it in rep.items]
    [('returns', 2), ('nonpositive_price', 1)]
    """
    types = {r[0]: r[1] for r in cur.execute(f"DESCRIBE SELECT * FROM {table}").fetchall()}
    rows = int(cur.execute(f"SELECT count(*) FROM {table}").fetchall()[0][0])
    day = datetime.date.today() if today is None else pd.Timestamp(today).date()
    ctx = _Ctx(cur, table, kind, frozenset(roles), types, rows, day)
    if rows == 0:
        return QualityReport(0, ())
    items: list[QualityItem] = []
    for check in _CHECKS:
        items.extend(it for it in check(ctx) if it.count > 0)
    # A stable sort: ties keep the order of _CHECKS.
    items.sort(key=lambda it: (_SEVERITY_RANK.get(it.severity, 2), -it.share))
    names = names or {}
    return QualityReport(rows, tuple(replace(it, label=names.get(it.column or "", it.column)) for it in items))


def _check_missing(ctx: _Ctx) -> list[QualityItem]:
    """Missing values per role; `customer_id` goes to `missing_customer` where it matters."""
    cols = [r for r in sorted(ctx.roles) if ctx.has(r)]
    if not cols:
        return []
    counts = ctx.one("SELECT " + ", ".join(
        f"count(*) FILTER (WHERE {ctx.value(c)} IS NULL)" for c in cols) + f" FROM {ctx.table}")
    items = []
    for col, count in zip(cols, counts, strict=True):
        if not count:
            continue
        where = f"{ctx.value(col)} IS NULL"
        if col == "customer_id" and ctx.kind in CUSTOMER_KINDS:
            items.append(ctx.item("missing_customer", col, count, ctx.examples(where), "warning"))
            continue
        required = col in REQUIRED_ROLES
        items.append(ctx.item(
            "missing_values", col, count, ctx.examples(where),
            "warning" if required else "info",
            "quality_missing_required" if required else "quality_missing_optional"))
    return items


def _check_lead_ids(ctx: _Ctx) -> list[QualityItem]:
    """Rows repeating a `lead_id` seen on an earlier line."""
    if ctx.kind not in ("leads", "deals") or not ctx.has("lead_id"):
        return []
    val = ctx.value("lead_id")
    count, ids = ctx.one(
        f"SELECT coalesce(sum(n - 1), 0), count(*) FILTER (WHERE n > 1) FROM "
        f"(SELECT count(*) AS n FROM {ctx.table} WHERE {val} IS NOT NULL GROUP BY {val})")
    if not count:
        return []
    where = (f"{val} IS NOT NULL WINDOW w AS (PARTITION BY {val}) "
             f"QUALIFY row_number() OVER (PARTITION BY {val} ORDER BY _line) > 1")
    ex = ctx.examples(where, extra="min(_line) OVER w AS _first_line, ")
    return [ctx.item("duplicate_ids", "lead_id", count, ex, "warning", ids=ids)]


def _check_order_ids(ctx: _Ctx) -> list[QualityItem]:
    """Order IDs whose lines disagree on date or customer."""
    keys = [r for r in ("date", "customer_id") if ctx.has(r)]
    if ctx.kind != "orders" or not ctx.has("order_id") or not keys:
        return []
    val = ctx.value("order_id")
    # min <> max is "more than one distinct non-blank value", at a fraction of count(DISTINCT)'s cost.
    having = " OR ".join(f"min({ctx.value(k)}) <> max({ctx.value(k)})" for k in keys)
    # A return booked under its order's ID on a later day is normal: only purchase lines count.
    purchases = f" AND NOT coalesce({ident('amount')} < 0, false)" if ctx.has("amount") else ""
    conflicting = (f"SELECT {val} AS oid, count(*) AS n FROM {ctx.table} WHERE {val} IS NOT NULL{purchases} "
                   f"GROUP BY {val} HAVING {having}")
    ids, count = ctx.one(f"SELECT count(*), coalesce(sum(n), 0) FROM ({conflicting})")
    if not count:
        return []
    # The first five rows by (ID, line) belong to the five smallest conflicting IDs.
    where = f"{val} IN (SELECT oid FROM ({conflicting}) ORDER BY oid LIMIT {MAX_EXAMPLES})"
    ex = ctx.examples(where, order=f"{val}, _line")
    return [ctx.item("duplicate_ids", "order_id", count, ex, "warning",
                     "quality_conflicting_ids", ids=ids)]


def _check_duplicate_rows(ctx: _Ctx) -> list[QualityItem]:
    """Rows equal to an earlier row in every column but `_line`."""
    cols = ", ".join(ident(c) for c in ctx.types if c != "_line")
    if not cols:
        return []
    count = ctx.one(f"SELECT coalesce(sum(n - 1), 0) FROM "
                    f"(SELECT count(*) AS n FROM {ctx.table} GROUP BY {cols})")[0]
    if not count:
        return []
    where = (f"true WINDOW w AS (PARTITION BY {cols}) "
             f"QUALIFY row_number() OVER (PARTITION BY {cols} ORDER BY _line) > 1")
    ex = ctx.examples(where, extra="min(_line) OVER w AS _first_line, ")
    return [ctx.item("duplicate_rows", None, count, ex, "warning")]


def _check_amounts(ctx: _Ctx) -> list[QualityItem]:
    """Returns (negative amounts), zero-amount lines and non-positive prices."""
    items = []
    if ctx.kind == "orders" and ctx.has("amount"):
        amount = ident("amount")
        count, total = ctx.one(f"SELECT count(*), sum({amount}) FROM {ctx.table} WHERE {amount} < 0")
        if count:
            ex = ctx.examples(f"{amount} < 0")
            items.append(ctx.item("returns", "amount", count, ex, "info", total=total))
        count = ctx.one(f"SELECT count(*) FROM {ctx.table} WHERE {amount} = 0")[0]
        if count:
            items.append(ctx.item("nonpositive_price", "amount", count,
                                  ctx.examples(f"{amount} = 0"), "info", "quality_zero_amount"))
    if ctx.has("unit_price"):
        where = f"{ident('unit_price')} <= 0"
        count = ctx.one(f"SELECT count(*) FROM {ctx.table} WHERE {where}")[0]
        if count:
            items.append(ctx.item("nonpositive_price", "unit_price", count,
                                  ctx.examples(where), "warning"))
    return items


def _check_future(ctx: _Ctx) -> list[QualityItem]:
    """Dates after `today` in `date` and `converted_date`."""
    items = []
    for role in ("date", "converted_date"):
        if not ctx.has(role):
            continue
        where = f"{ident(role)} > ?"
        count, latest = ctx.one(f"SELECT count(*), max({ident(role)}) FROM {ctx.table} WHERE {where}",
                                [ctx.today])
        if count:
            ex = ctx.examples(where, [ctx.today])
            items.append(ctx.item("future_dates", role, count, ex, "warning",
                                  today=ctx.today, latest=latest))
    return items



def _date_bounds(ctx: _Ctx) -> tuple[datetime.date, datetime.date] | None:
    """The ``[low, high]`` range of plausible dates (see the module docstring)."""
    p1, p99 = ctx.one(f"SELECT quantile_disc({ident('date')}, 0.01), "
                      f"quantile_disc({ident('date')}, 0.99) FROM {ctx.table}")
    if p1 is None:
        return None
    low = max(_shift_year(p1, -1), DATE_FLOOR)
    return low, _shift_year(p99, 1)


def _check_outlying_dates(ctx: _Ctx) -> list[QualityItem]:
    """Dates far outside the bulk of the data (future dates excluded)."""
    bounds = _date_bounds(ctx) if ctx.has("date") else None
    if bounds is None:
        return []
    low, high = bounds
    col = ident("date")
    where = f"({col} < ? OR {col} > ?) AND {col} <= ?"
    params = [low, high, ctx.today]
    count = ctx.one(f"SELECT count(*) FROM {ctx.table} WHERE {where}", params)[0]
    if not count:
        return []
    return [ctx.item("outlying_dates", "date", count, ctx.examples(where, params), "warning",
                     low=low, high=high)]


def _check_outliers(ctx: _Ctx) -> list[QualityItem]:
    """Robust z-score outliers of the kind's money column (Iglewicz & Hoaglin)."""
    role = OUTLIER_ROLE.get(ctx.kind)
    if role is None or not ctx.has(role):
        return []
    val = ctx.value(role)
    med = ctx.one(f"SELECT median({val}) FROM {ctx.table} WHERE {val} IS NOT NULL")[0]
    if med is None:
        return []
    mad = ctx.one(f"SELECT median(abs({val} - ?)) FROM {ctx.table} WHERE {val} IS NOT NULL", [med])[0]
    if not mad:
        return []
    z = f"0.6745 * ({val} - ?) / ?"
    where = f"abs({z}) > 3.5"
    count = ctx.one(f"SELECT count(*) FROM {ctx.table} WHERE {where}", [med, mad])[0]
    if not count:
        return []
    # Positional parameters: the SELECT's z, the WHERE's z, then the ORDER BY's median.
    ex = ctx.examples(where, [med, mad, med, mad, med], order=f"abs({val} - ?) DESC, _line",
                      extra=f"round({z}, 2) AS _robust_z, ")
    return [ctx.item("amount_outliers", role, count, ex, "info", median=med, mad=mad)]


def _check_date_gaps(ctx: _Ctx) -> list[QualityItem]:
    """Runs of 7+ days without rows between the first and last plausible date."""
    bounds = _date_bounds(ctx) if ctx.has("date") else None
    if bounds is None:
        return []
    col = ident("date")
    days = f"SELECT DISTINCT {col} AS d FROM {ctx.table} WHERE {col} BETWEEN ? AND ? AND {col} <= ?"
    runs = (f"SELECT d + 1 AS start, nxt - 1 AS \"end\", nxt - d - 1 AS days FROM "
            f"(SELECT d, lead(d) OVER (ORDER BY d) AS nxt FROM ({days})) "
            f"WHERE nxt - d - 1 >= {MIN_GAP_DAYS}")
    params = [*bounds, ctx.today]
    first, last, seen = ctx.one(f"SELECT min(d), max(d), count(*) FROM ({days})", params)
    n_runs, missing, longest = ctx.one(
        f"SELECT count(*), coalesce(sum(days), 0), max(days) FROM ({runs})", params)
    if not missing:
        return []
    span = (last - first).days + 1
    ex = ctx.cur.execute(f"SELECT * FROM ({runs}) ORDER BY days DESC, start LIMIT {MAX_EXAMPLES}",
                         params).df()
    dense = ctx.kind in DAILY_KINDS and seen / span >= 0.5
    return [QualityItem("date_gaps", "date", int(missing), missing / span, ex,
                        "warning" if dense else "info", "quality_date_gaps",
                        {"runs": n_runs, "longest": longest, "start": first, "end": last})]


_CHECKS: tuple[Callable[[_Ctx], list[QualityItem]], ...] = (
    _check_missing, _check_lead_ids, _check_order_ids, _check_duplicate_rows, _check_amounts,
    _check_future, _check_outlying_dates, _check_outliers, _check_date_gaps,
)


def _shift_year(day: datetime.date, years: int) -> datetime.date:
    """``day`` moved by whole years (29 February becomes 28 February)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def _fmt(value: Any, lang: str) -> str:
    """A message parameter as text: numbers with the language's separators."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return str(value)
    return format_number(value, lang)
