"""An independent pandas reference for every catalog KPI and for cohorts.

Written from ``docs/engine_contract.md`` alone (no SQL, nothing taken from ``kpi.engine``), so that the
engine's tests compare two implementations of one written definition. It is deliberately plain: one small
function per KPI, each a few lines of pandas that read like the contract's table; speed is not a goal (a
KPI on the sample data, 31k order lines, takes tens of milliseconds).

Where the contract leaves a choice open, this file makes one and says so: blank dimension values are a
segment of their own; `by` segments are the combinations seen (not the cross product); the blank values of
a role (``followers``...) are skipped when taking a first or last value; ``cohorts(start, end)`` select
customers by the date of their first purchase, like ``new_customers``.

Input: the dataset tables as ``ws.table(name)`` returns them, keyed by kind, e.g.
``{"orders": ws.table("orders"), "spend": ws.table("spend")}``. Their columns are role names (``date``,
``amount``, ``order_id``, ``customer_id``, ``lead_id``, ``converted``, ``converted_date``, ``spend``,
``clicks``, ``impressions``, ``likes``, ``shares``, ``comments``, ``followers``, ``platform``, ``score``,
``question``), dimensions under their own names, and ``_line`` (the row's number in the file).
``by`` and ``filters`` name those table columns.

Output: what ``ws.compute`` returns: ``period``, the ``by`` columns, ``value`` (+ ``numerator``,
``denominator`` for ratio KPIs; + the ``compare`` columns), one row per period x segment, sorted.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

__all__ = ["DATASETS", "GRAINS", "KPIS", "RATIOS", "cohorts", "compute", "period_of", "periods_of"]

GRAINS = ("day", "week", "month", "quarter", "year")

#: The dataset kinds each KPI reads.
DATASETS: dict[str, tuple[str, ...]] = {
    **dict.fromkeys(("revenue", "orders", "aov", "active_customers", "new_customers", "retention_rate",
                     "churn_rate", "repeat_purchase_rate", "revenue_cumulative"), ("orders",)),
    **dict.fromkeys(("leads", "conversion_rate"), ("leads",)),
    **dict.fromkeys(("spend", "ctr"), ("spend",)),
    "cpl": ("spend", "leads"),
    "cac": ("spend", "orders"),
    "roas": ("orders", "spend"),
    **dict.fromkeys(("engagement", "engagement_rate", "follower_growth"), ("social",)),
    **dict.fromkeys(("nps", "csat"), ("survey",)),
}

#: Ratio KPIs: they report numerator and denominator, and value = scale * numerator / denominator.
RATIOS = frozenset({"aov", "retention_rate", "churn_rate", "repeat_purchase_rate", "conversion_rate", "cpl",
                    "cac", "roas", "ctr", "engagement_rate", "nps", "csat"})

#: A blank dimension value while grouping (pandas drops NaN group keys); put back as None at the end.
BLANK = "\x00(blank)"


# ---- periods ------------------------------------------------------------------------------------------
def periods_of(dates: pd.Series, grain: str) -> pd.Series:
    """The first day of each date's period (weeks start on Monday)."""
    days = pd.to_datetime(dates).astype("datetime64[ns]").dt.normalize()
    if grain == "day":
        return days
    if grain == "week":
        return days - pd.to_timedelta(days.dt.day_of_week, unit="D")
    freq = {"month": "M", "quarter": "Q", "year": "Y"}[grain]
    return days.dt.to_period(freq).dt.start_time.astype("datetime64[ns]")


def period_of(date: Any, grain: str) -> pd.Timestamp:
    """The first day of ``date``'s period."""
    return periods_of(pd.Series([pd.Timestamp(date)]), grain).iloc[0]


def step(grain: str, n: int = 1) -> pd.DateOffset | pd.Timedelta:
    """``n`` periods, as an offset to add to a date (or to a Series of dates)."""
    if grain == "day":
        return pd.Timedelta(days=n)
    if grain == "week":
        return pd.Timedelta(days=7 * n)
    return pd.DateOffset(months={"month": 1, "quarter": 3, "year": 12}[grain] * n)


def year_back(grain: str) -> pd.DateOffset | pd.Timedelta:
    """How far back ``last_year`` looks: 12 months, 4 quarters, 1 year, 52 weeks, 364 days."""
    if grain in ("day", "week"):
        return pd.Timedelta(days=364)
    return pd.DateOffset(months=12)


def period_range(first: pd.Timestamp, last: pd.Timestamp, grain: str) -> list[pd.Timestamp]:
    """Every period from the one holding ``first`` to the one holding ``last``."""
    out, p, stop = [], period_of(first, grain), period_of(last, grain)
    while p <= stop:
        out.append(p)
        p = p + step(grain)
    return out


# ---- rows ---------------------------------------------------------------------------------------------
@dataclasses.dataclass(frozen=True)
class Query:
    grain: str
    start: pd.Timestamp
    end: pd.Timestamp
    by: tuple[str, ...]
    filters: Mapping[str, Any]
    window: int | None

    @property
    def keys(self) -> list[str]:
        return ["period", *self.by]


def present(values: pd.Series) -> pd.Series:
    """True where an ID is not blank (the importer stores blanks as NULL)."""
    return values.notna() & (values.astype(object).astype(str).str.strip() != "")


def matches(df: pd.DataFrame, filters: Mapping[str, Any] | None) -> pd.Series:
    """Rows matching ``{column: value or [values]}``; values compare as text, None matches blanks."""
    keep = pd.Series(True, index=df.index)
    for column, wanted in (filters or {}).items():
        values = list(wanted) if isinstance(wanted, (list, tuple, set, frozenset)) else [wanted]
        texts = {str(v) for v in values if v is not None}
        as_text = df[column].astype(object).map(lambda v: None if pd.isna(v) else str(v))
        hit = as_text.isin(texts)
        if any(v is None for v in values):
            hit |= df[column].isna()
        keep &= hit
    return keep


def scope(df: pd.DataFrame, q: Query, *, since: pd.Timestamp | None = None, upto_end_only: bool = False
          ) -> pd.DataFrame:
    """Rows that match the filters and fall in [start (or ``since``), end], with their ``period``."""
    rows = df[matches(df, q.filters)]
    first = q.start if since is None else since
    dates = pd.to_datetime(rows["date"])
    in_range = dates <= q.end if upto_end_only else (dates >= first) & (dates <= q.end)
    rows = rows[in_range].copy()
    rows["period"] = periods_of(rows["date"], q.grain)
    for col in q.by:
        rows[col] = rows[col].astype(object).where(rows[col].notna(), BLANK)
    return rows


def purchases(orders: pd.DataFrame) -> pd.DataFrame:
    """Order lines with amount > 0."""
    return orders[orders["amount"] > 0]


def customer_purchases(orders: pd.DataFrame) -> pd.DataFrame:
    """Purchases with a customer ID."""
    rows = purchases(orders)
    if "customer_id" not in rows:
        return rows.iloc[0:0].assign(customer_id=pd.Series(dtype=object))
    return rows[present(rows["customer_id"])]


def order_keys(rows: pd.DataFrame) -> pd.Series:
    """One key per order: the order ID, or the line itself when the ID is blank (or not mapped)."""
    own_line = "\x00line " + rows["_line"].astype(str)
    if "order_id" not in rows:
        return own_line
    return rows["order_id"].astype(object).where(present(rows["order_id"]), own_line)


def first_purchases(orders: pd.DataFrame) -> pd.DataFrame:
    """Each customer's first purchase: the earliest purchase row by (date, _line), over the whole dataset."""
    return customer_purchases(orders).sort_values(["date", "_line"]).drop_duplicates("customer_id")


# ---- aggregation helpers: each returns a sparse frame (keys + one column) -------------------------------
def total(rows: pd.DataFrame, q: Query, values: pd.Series | float, name: str = "value") -> pd.DataFrame:
    return rows.assign(_v=values).groupby(q.keys)["_v"].sum().rename(name).reset_index()


def count(rows: pd.DataFrame, q: Query, name: str = "value") -> pd.DataFrame:
    return rows.groupby(q.keys).size().rename(name).reset_index()


def distinct(rows: pd.DataFrame, q: Query, values: pd.Series, name: str = "value") -> pd.DataFrame:
    return rows.assign(_v=values).groupby(q.keys)["_v"].nunique().rename(name).reset_index()


def ratio(numerator: pd.DataFrame, denominator: pd.DataFrame, q: Query) -> pd.DataFrame:
    num = numerator.rename(columns={"value": "numerator"})
    den = denominator.rename(columns={"value": "denominator"})
    return num.merge(den, on=q.keys, how="outer").fillna({"numerator": 0, "denominator": 0})


def numbers(rows: pd.DataFrame, column: str) -> pd.Series:
    """A numeric role; blank or unmapped counts as 0."""
    return rows[column].fillna(0) if column in rows else pd.Series(0.0, index=rows.index)


# ---- the catalog ----------------------------------------------------------------------------------------
Tables = Mapping[str, pd.DataFrame]


def revenue(t: Tables, q: Query) -> pd.DataFrame:
    rows = scope(t["orders"], q)
    return total(rows, q, rows["amount"])


def orders(t: Tables, q: Query) -> pd.DataFrame:
    rows = purchases(scope(t["orders"], q))
    return distinct(rows, q, order_keys(rows))


def aov(t: Tables, q: Query) -> pd.DataFrame:
    return ratio(revenue(t, q), orders(t, q), q)


def active_customers(t: Tables, q: Query) -> pd.DataFrame:
    rows = customer_purchases(scope(t["orders"], q))
    return distinct(rows, q, rows["customer_id"])


def new_customers(t: Tables, q: Query) -> pd.DataFrame:
    return count(scope(first_purchases(t["orders"]), q), q)


def active_sets(t: Tables, q: Query) -> pd.DataFrame:
    """(period, *by, customer_id) for every customer with a purchase, from the period before start."""
    since = period_of(q.start, q.grain) - step(q.grain)
    rows = customer_purchases(scope(t["orders"], q, since=since))
    return rows[[*q.keys, "customer_id"]].drop_duplicates()


def retained(t: Tables, q: Query) -> pd.DataFrame:
    """numerator = abs(A(p-1) & A(p)), denominator = abs(A(p-1)), per period p and segment."""
    now = active_sets(t, q)
    before = now.assign(period=now["period"] + step(q.grain))  # A(p-1), labelled p
    both = before.merge(now, on=[*q.keys, "customer_id"])
    return ratio(count(both, q), count(before, q), q)


def retention_rate(t: Tables, q: Query) -> pd.DataFrame:
    return retained(t, q)


def churn_rate(t: Tables, q: Query) -> pd.DataFrame:
    out = retained(t, q)
    return out.assign(numerator=out["denominator"] - out["numerator"])


def repeat_purchase_rate(t: Tables, q: Query) -> pd.DataFrame:
    rows = customer_purchases(scope(t["orders"], q))
    per_customer = rows.assign(_o=order_keys(rows)).groupby([*q.keys, "customer_id"])["_o"].nunique()
    repeaters = (per_customer >= 2).groupby(level=q.keys).sum().rename("value").reset_index()
    return ratio(repeaters, active_customers(t, q), q)


def revenue_cumulative(t: Tables, q: Query) -> pd.DataFrame:
    return revenue(t, q)  # the running total is taken on the full grid, see `evaluate`


def leads(t: Tables, q: Query) -> pd.DataFrame:
    return count(scope(t["leads"], q), q)


def conversion_rate(t: Tables, q: Query) -> pd.DataFrame:
    rows = scope(t["leads"], q)
    won = rows["converted"].fillna(False).astype(bool) if "converted" in rows else pd.Series(False, rows.index)
    if q.window is not None:  # a blank (or unmapped) converted_date is never within the window
        converted = rows["converted_date"] if "converted_date" in rows else pd.Series(pd.NaT, index=rows.index)
        days = (pd.to_datetime(converted) - pd.to_datetime(rows["date"])).dt.days
        won &= (days <= q.window).fillna(False).astype(bool)
    return ratio(total(rows, q, won.astype(float)), count(rows, q), q)


def spend(t: Tables, q: Query) -> pd.DataFrame:
    rows = scope(t["spend"], q)
    return total(rows, q, numbers(rows, "spend"))


def cpl(t: Tables, q: Query) -> pd.DataFrame:
    return ratio(spend(t, q), leads(t, q), q)


def cac(t: Tables, q: Query) -> pd.DataFrame:
    return ratio(spend(t, q), new_customers(t, q), q)


def roas(t: Tables, q: Query) -> pd.DataFrame:
    return ratio(revenue(t, q), spend(t, q), q)


def ctr(t: Tables, q: Query) -> pd.DataFrame:
    rows = scope(t["spend"], q)
    return ratio(total(rows, q, numbers(rows, "clicks")), total(rows, q, numbers(rows, "impressions")), q)


def engagement(t: Tables, q: Query) -> pd.DataFrame:
    rows = scope(t["social"], q)
    return total(rows, q, numbers(rows, "likes") + numbers(rows, "shares") + numbers(rows, "comments"))


def followers_at_end(t: Tables, q: Query) -> pd.DataFrame:
    """Sum over platforms of the last non-blank followers value in the period."""
    rows = scope(t["social"], q)
    rows = rows[rows["followers"].notna()].sort_values(["date", "_line"])
    per_platform = list(dict.fromkeys([*q.keys, "platform"]))
    last = rows.groupby(per_platform, dropna=False)["followers"].last().reset_index()
    return total(last, q, last["followers"])


def engagement_rate(t: Tables, q: Query) -> pd.DataFrame:
    if "impressions" in t["social"]:
        rows = scope(t["social"], q)
        return ratio(engagement(t, q), total(rows, q, numbers(rows, "impressions")), q)
    return ratio(engagement(t, q), followers_at_end(t, q), q)


def follower_growth(t: Tables, q: Query) -> pd.DataFrame:
    """Per platform: last value in the period minus the last value before it (else the first in it)."""
    rows = scope(t["social"], q, upto_end_only=True)  # every row up to `end`: earlier ones give "before"
    rows = rows[rows["followers"].notna()].sort_values(["date", "_line"])
    series = list(dict.fromkeys([*q.by, "platform"]))  # one follower count per platform (and segment)
    ends = rows.groupby([*series, "period"], dropna=False)["followers"].agg(["first", "last"]).reset_index()
    ends = ends.sort_values("period")
    before = ends.groupby(series, dropna=False)["last"].shift(1)  # the last value of the latest earlier period
    ends["growth"] = ends["last"] - before.fillna(ends["first"])
    return total(ends, q, ends["growth"])


def nps(t: Tables, q: Query) -> pd.DataFrame:
    rows = scope(t["survey"], q)
    rows = rows[rows["score"].between(0, 10) & asks(rows, "nps")]
    promoters_minus_detractors = (rows["score"] >= 9).astype(float) - (rows["score"] <= 6).astype(float)
    return ratio(total(rows, q, promoters_minus_detractors), count(rows, q), q)


def csat(t: Tables, q: Query) -> pd.DataFrame:
    rows = scope(t["survey"], q)
    rows = rows[rows["score"].between(1, 5) & asks(rows, "csat")]
    return ratio(total(rows, q, (rows["score"] >= 4).astype(float)), count(rows, q), q)


def asks(rows: pd.DataFrame, word: str) -> pd.Series:
    """Rows whose question contains ``word`` (any case); every row when no question is mapped."""
    if "question" not in rows:
        return pd.Series(True, index=rows.index)
    return rows["question"].astype(object).map(lambda v: isinstance(v, str) and word in v.lower()).astype(bool)


KPIS: dict[str, Callable[[Tables, Query], pd.DataFrame]] = {f.__name__: f for f in (
    revenue, orders, aov, active_customers, new_customers, retention_rate, churn_rate, repeat_purchase_rate,
    revenue_cumulative, leads, conversion_rate, spend, cpl, cac, roas, ctr, engagement, engagement_rate,
    follower_growth, nps, csat)}


# ---- the result grid ------------------------------------------------------------------------------------
def grid(frames: Iterable[pd.DataFrame], q: Query, also: pd.DataFrame | None = None) -> pd.DataFrame:
    """Every period from period(start) to period(end) x every `by` combination seen in range after filters
    (and in ``also``)."""
    periods = pd.DataFrame({"period": pd.Series(period_range(q.start, q.end, q.grain), dtype="datetime64[ns]")})
    if not q.by:
        return periods
    seen = [scope(df, q)[list(q.by)] for df in frames] + ([also[list(q.by)]] if also is not None else [])
    return periods.merge(pd.concat(seen, ignore_index=True).drop_duplicates(), how="cross")


def evaluate(t: Tables, metric: str, q: Query, scale: float) -> pd.DataFrame:
    """One KPI on the full grid; values still carry BLANK for blank segments."""
    also = None
    if metric in ("retention_rate", "churn_rate"):
        # they read whole periods from the one before start; segments with customers there get rows (contract)
        also = active_sets(t, q)
    full = grid([t[k] for k in DATASETS[metric]], q, also)
    sparse = KPIS[metric](t, q)
    sparse = sparse.assign(period=sparse["period"].astype("datetime64[ns]"))
    measures = [c for c in sparse.columns if c not in q.keys]
    out = full.merge(sparse, on=q.keys, how="left").fillna({c: 0 for c in measures})
    out = out.sort_values(q.keys, kind="stable").reset_index(drop=True)
    for col in measures:
        out[col] = out[col].astype(float)
    if metric == "revenue_cumulative":
        out["value"] = out.groupby(list(q.by))["value"].cumsum() if q.by else out["value"].cumsum()
    if metric in RATIOS:
        den = out["denominator"].where(out["denominator"] != 0)
        out.insert(len(q.keys), "value", scale * out["numerator"] / den)
    return out


def compute(tables: Tables, metric: str, grain: str = "month", start: Any = None, end: Any = None,
            by: Sequence[str] = (), filters: Mapping[str, Any] | None = None, *, compare: bool = False,
            window: int | None = None, scale: float = 1.0) -> pd.DataFrame:
    """What ``ws.compute`` should return; ``tables`` maps each kind the KPI reads to its table.

    ``scale`` multiplies ratio values (``Metric.scale``: 100 for nps, and for percent KPIs if the catalog
    says so). ``by`` and ``filters`` name table columns (role names or the file's dimension names).
    """
    used = [tables[k] for k in DATASETS[metric]]
    start = pd.Timestamp(start) if start is not None else min(pd.to_datetime(df["date"]).min() for df in used)
    if compare:
        start = period_of(start, grain)  # comparisons are between whole periods (contract)
    end = pd.Timestamp(end) if end is not None else max(pd.to_datetime(df["date"]).max() for df in used)
    q = Query(grain, start, end, tuple(by), dict(filters or {}), window)
    out = evaluate(tables, metric, q, scale)
    if compare:
        for label, back in (("previous", step(grain)), ("last_year", year_back(grain))):
            # "computed as if start had been that much earlier", then moved forward onto this period
            earlier = evaluate(tables, metric, dataclasses.replace(q, start=q.start - back), scale)
            earlier = earlier.assign(period=earlier["period"] + back)
            measures = [c for c in earlier.columns if c not in q.keys]
            earlier = earlier.rename(columns={c: label if c == "value" else f"{label}_{c}" for c in measures})
            out = out.merge(earlier, on=q.keys, how="left")
    return finish(out, q)


def finish(out: pd.DataFrame, q: Query) -> pd.DataFrame:
    """Blank segments back to None, columns in contract order, rows sorted by period then segment."""
    for col in q.by:
        out[col] = out[col].astype(object).where(out[col] != BLANK, None)
    first = [*q.keys, "value", "numerator", "denominator", "previous", "last_year", "previous_numerator",
             "previous_denominator", "last_year_numerator", "last_year_denominator"]
    out = out[[c for c in first if c in out.columns]]
    return out.sort_values(q.keys, kind="stable", na_position="last").reset_index(drop=True)


# ---- cohorts --------------------------------------------------------------------------------------------
def cohorts(tables: Tables, grain: str = "month", start: Any = None, end: Any = None,
            filters: Mapping[str, Any] | None = None) -> pd.DataFrame:
    """What ``ws.cohorts`` should return: cohort, period_index, customers, retention.

    A cohort is the customers whose first purchase (earliest purchase row by date, _line) falls in its
    period; the first purchase row must match ``filters`` and lie in [start, end]. Their purchases anywhere
    count, in every period from the cohort's own to the last period with data (zeros included).
    """
    orders_ = tables["orders"]
    first = first_purchases(orders_)
    dates = pd.to_datetime(first["date"])
    keep = matches(first, filters)
    if start is not None:
        keep &= dates >= pd.Timestamp(start)
    if end is not None:
        keep &= dates <= pd.Timestamp(end)
    first = first[keep].assign(cohort=periods_of(first["date"][keep], grain))[["customer_id", "cohort"]]
    columns = ["cohort", "period_index", "customers", "retention"]
    if first.empty:
        return pd.DataFrame({c: pd.Series(dtype=t) for c, t in zip(columns, ["datetime64[ns]", int, int, float])})
    last = period_of(pd.to_datetime(orders_["date"]).max(), grain)
    index = {p: i for i, p in enumerate(period_range(first["cohort"].min(), last, grain))}
    buys = customer_purchases(orders_)
    buys = buys.assign(period=periods_of(buys["date"], grain))[["customer_id", "period"]].drop_duplicates()
    active = buys.merge(first, on="customer_id")
    active["period_index"] = active["period"].map(index) - active["cohort"].map(index)
    counted = active.groupby(["cohort", "period_index"]).size().rename("customers")
    size = first.groupby("cohort").size()
    rows = [(c, k) for c in sorted(size.index) for k in range(index[last] - index[c] + 1)]
    out = pd.DataFrame(rows, columns=["cohort", "period_index"])
    out = out.join(counted, on=["cohort", "period_index"]).fillna({"customers": 0})
    out["customers"] = out["customers"].astype(np.int64)
    out["retention"] = out["customers"] / out["cohort"].map(size).astype(float)
    out["cohort"] = out["cohort"].astype("datetime64[ns]")
    return out[columns]
