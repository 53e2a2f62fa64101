"""The KPI bench's two contenders beside the engine: hand-written DuckDB SQL and plain pandas, for the
same numbers as ``ws.compute``. See ``kpi_bench.py``."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


import kpi  # noqa: E402


def metric_info(name: str) -> tuple[str, float, tuple[str, ...]]:
    """Shape (``simple``, ``ratio`` or ``cumulative``), scale and dataset kinds of catalog KPI ``name``."""
    m = kpi.CATALOG[name]
    shape = "ratio" if m.is_ratio else "cumulative" if m.kind == "cumulative" else "simple"
    return shape, float(m.scale), tuple(m.datasets)

# ---- hand-written SQL ----------------------------------------------------------------------------------------
PERIOD = "date_trunc('month', date) AS period"
ORDER_COUNT = "count(DISTINCT order_id) + count(*) FILTER (WHERE order_id IS NULL)"
BUYERS = "FROM ds.orders WHERE amount > 0 AND customer_id IS NOT NULL"


def _new_customers(k: str, by: tuple[str, ...]) -> dict[str, str]:
    if not by:  # only the month of each customer's first purchase matters
        return {"_first": f"SELECT min(date) AS date {BUYERS} GROUP BY customer_id",
                "n": f"SELECT {k}, count(*) AS new FROM _first GROUP BY ALL"}
    dims = ", ".join(f"arg_min({b}, (date, _line)) AS {b}" for b in by)
    return {"_first": f"SELECT min(date) AS date, {dims} {BUYERS} GROUP BY customer_id",
            "n": f"SELECT {k}, count(*) AS new FROM _first GROUP BY ALL"}


def _retention(k: str, by: tuple[str, ...]) -> dict[str, str]:
    same = "".join(f" AND c.{b} = p.{b}" for b in by)
    dims = "".join(f", p.{b}" for b in by)
    return {"_act": f"SELECT DISTINCT customer_id, {k} {BUYERS}",
            "ret": f"SELECT p.period + INTERVAL 1 MONTH AS period{dims}, count(c.customer_id) AS retained, "
                   f"count(*) AS previous FROM _act p LEFT JOIN _act c ON c.customer_id = p.customer_id "
                   f"AND c.period = p.period + INTERVAL 1 MONTH{same} GROUP BY ALL"}


def hand_parts(name: str, by: tuple[str, ...]) -> tuple[dict[str, str], str, str | None]:
    """CTEs giving ``period``, the ``by`` columns and some sums; the value (or numerator) and denominator."""
    k = ", ".join([PERIOD, *by])
    keys = ", ".join(["period", *by])
    revenue = {"r": f"SELECT {k}, sum(amount) AS revenue FROM ds.orders GROUP BY ALL"}
    spend = {"s": f"SELECT {k}, sum(spend) AS spend FROM ds.spend GROUP BY ALL"}
    leads = {"l": f"SELECT {k}, count(*) AS leads FROM ds.leads GROUP BY ALL"}
    engagement = "sum(coalesce(likes, 0) + coalesce(shares, 0) + coalesce(comments, 0))"
    table: dict[str, tuple[dict[str, str], str, str | None]] = {
        "revenue": (revenue, "revenue", None),
        "revenue_cumulative": (revenue, "revenue", None),
        "orders": ({"o": f"SELECT {k}, {ORDER_COUNT} AS orders FROM ds.orders WHERE amount > 0 GROUP BY ALL"},
                   "orders", None),
        "aov": ({**revenue, "o": f"SELECT {k}, {ORDER_COUNT} AS orders FROM ds.orders WHERE amount > 0 "
                                 "GROUP BY ALL"}, "revenue", "orders"),
        "active_customers": ({"c": f"SELECT {k}, count(DISTINCT customer_id) AS customers FROM ds.orders "
                                   "WHERE amount > 0 GROUP BY ALL"}, "customers", None),
        "new_customers": (_new_customers(k, by), "new", None),
        "retention_rate": (_retention(k, by), "retained", "previous"),
        "churn_rate": (_retention(k, by), "previous - retained", "previous"),
        "repeat_purchase_rate": (
            # Orders per customer from distinct (customer, order) pairs: DuckDB's count(DISTINCT) per group
            # is slow with millions of groups. A line without an order ID is an order of its own.
            {"_pc": f"SELECT {keys}, customer_id, count(*) AS n FROM (SELECT DISTINCT {k}, customer_id, order_id, "
                    f"CASE WHEN order_id IS NULL THEN _line END AS lone {BUYERS}) GROUP BY ALL",
             "rp": f"SELECT {keys}, count(*) FILTER (WHERE n >= 2) AS repeaters, count(*) AS customers "
                   "FROM _pc GROUP BY ALL"}, "repeaters", "customers"),
        "leads": (leads, "leads", None),
        "conversion_rate": ({"l": f"SELECT {k}, count(*) FILTER (WHERE converted) AS converted, "
                                  "count(*) AS leads FROM ds.leads GROUP BY ALL"}, "converted", "leads"),
        "spend": (spend, "spend", None),
        "cpl": ({**spend, **leads}, "spend", "leads"),
        "cac": ({**spend, **_new_customers(k, by)}, "spend", "new"),
        "roas": ({**revenue, **spend}, "revenue", "spend"),
        "ctr": ({"s": f"SELECT {k}, sum(clicks) AS clicks, sum(impressions) AS impressions FROM ds.spend "
                      "GROUP BY ALL"}, "clicks", "impressions"),
        "engagement": ({"e": f"SELECT {k}, {engagement} AS engagement FROM ds.social GROUP BY ALL"},
                       "engagement", None),
        "engagement_rate": ({"e": f"SELECT {k}, {engagement} AS engagement, sum(impressions) AS impressions "
                                  "FROM ds.social GROUP BY ALL"}, "engagement", "impressions"),
        "follower_growth": (
            {"_pp": f"SELECT platform, {k}, arg_max(followers, (date, _line)) AS last, "
                    "arg_min(followers, (date, _line)) AS first FROM ds.social GROUP BY ALL",
             "g": f"SELECT {keys}, sum(growth) AS growth FROM (SELECT {keys}, last - coalesce(lag(last) OVER "
                  "(PARTITION BY platform ORDER BY period), first) AS growth FROM _pp) GROUP BY ALL"},
            "growth", None),
        "nps": ({"n": f"SELECT {k}, count(*) FILTER (WHERE score >= 9) - count(*) FILTER (WHERE score <= 6) "
                      "AS net, count(*) AS answers FROM ds.survey WHERE score BETWEEN 0 AND 10 "
                      "AND question ILIKE '%nps%' GROUP BY ALL"}, "net", "answers"),
        "csat": ({"c": f"SELECT {k}, count(*) FILTER (WHERE score >= 4) AS satisfied, count(*) AS answers "
                       "FROM ds.survey WHERE score BETWEEN 1 AND 5 AND question ILIKE '%csat%' GROUP BY ALL"},
                 "satisfied", "answers"),
    }
    return table[name]


def hand_sql(name: str, by: tuple[str, ...]) -> str:
    """The whole query: every month (x every channel) of the datasets' range, left-joined to the sums."""
    if name == "cohorts":
        return COHORTS_SQL
    shape, scale, kinds = metric_info(name)
    parts, num, den = hand_parts(name, by)
    keys = ", ".join(["period", *by])
    spans = " UNION ALL ".join(f"SELECT min(date) AS lo, max(date) AS hi FROM ds.{t}" for t in kinds)
    ctes = [f"bounds AS (SELECT date_trunc('month', min(lo)) AS lo, date_trunc('month', max(hi)) AS hi "
            f"FROM ({spans}))",
            "grid AS (SELECT unnest(generate_series(lo, hi, INTERVAL 1 MONTH)) AS period FROM bounds)"]
    if by:
        cols = ", ".join(by)
        ctes.append("segs AS (" + " UNION ".join(f"SELECT DISTINCT {cols} FROM ds.{t}" for t in kinds) + ")")
    ctes += [f"{n} AS ({q})" for n, q in parts.items()]
    joins = "grid" + (" CROSS JOIN segs" if by else "") + "".join(
        f" LEFT JOIN {n} USING ({keys})" for n in parts if not n.startswith("_"))
    if shape == "ratio":
        select = (f"coalesce({num}, 0) AS numerator, coalesce({den}, 0) AS denominator, "
                  f"{scale} * coalesce({num}, 0) / nullif(coalesce({den}, 0), 0) AS value")
    elif shape == "cumulative":
        part = f"PARTITION BY {', '.join(by)} " if by else ""
        select = f"sum(coalesce({num}, 0)) OVER ({part}ORDER BY period) AS value"
    else:
        select = f"coalesce({num}, 0) AS value"
    return "WITH " + ",\n".join(ctes) + f"\nSELECT {keys}, {select}\nFROM {joins}\nORDER BY {keys}"


COHORTS_SQL = f"""
WITH act AS (SELECT DISTINCT customer_id, {PERIOD} {BUYERS}),
tagged AS (SELECT period, min(period) OVER (PARTITION BY customer_id) AS cohort FROM act),
counts AS (SELECT cohort, datediff('month', cohort, period) AS period_index, count(*) AS customers
           FROM tagged GROUP BY ALL),
grid AS (SELECT cohort, customers AS size, unnest(range(0, datediff('month', cohort, hi) + 1)) AS period_index
         FROM counts, (SELECT date_trunc('month', max(date)) AS hi FROM ds.orders) WHERE period_index = 0)
SELECT g.cohort, g.period_index, coalesce(c.customers, 0) AS customers,
       coalesce(c.customers, 0) / g.size AS retention
FROM grid g LEFT JOIN counts c ON c.cohort = g.cohort AND c.period_index = g.period_index
ORDER BY g.cohort, g.period_index
"""


# ---- pandas -------------------------------------------------------------------------------------------------
def load_frames(ws: kpi.Workspace) -> dict[str, pd.DataFrame]:
    """Every dataset as a DataFrame, in file order (as ``ws.table`` gives it)."""
    return {d.name: ws.table(d.name) for d in ws.datasets()}


def _months(dates: pd.Series) -> np.ndarray:
    """Months since 1970-01 as integers (fast: no Period objects)."""
    return dates.to_numpy().astype("datetime64[M]").astype(np.int64)


def _keys(df: pd.DataFrame, by: tuple[str, ...]) -> list[Any]:
    return [_months(df["date"]), *(df[b].to_numpy() for b in by)]


def _order_count(df: pd.DataFrame, keys: list[Any]) -> pd.Series:
    return df["order_id"].groupby(keys).nunique() + df["order_id"].isna().groupby(keys).sum()


def _pd_new(o: pd.DataFrame, by: tuple[str, ...]) -> pd.Series:
    buyers = o[(o["amount"] > 0) & o["customer_id"].notna()]
    if not by:
        first = buyers.groupby("customer_id")["date"].min()
        return first.groupby(_months(first)).size()
    # The frame is in file order, so a stable sort by date orders rows by (date, _line).
    first = buyers.sort_values("date", kind="stable").drop_duplicates("customer_id")
    return first.groupby(_keys(first, by)).size()


def _pd_retention(o: pd.DataFrame, by: tuple[str, ...]) -> tuple[pd.Series, pd.Series]:
    buyers = o[(o["amount"] > 0) & o["customer_id"].notna()]
    act = pd.DataFrame({"customer_id": buyers["customer_id"].to_numpy(), "period": _months(buyers["date"]),
                        **{b: buyers[b].to_numpy() for b in by}}).drop_duplicates()
    prev = act.assign(period=act["period"] + 1)
    kept = prev.merge(act, on=["customer_id", "period", *by])
    keys = ["period", *by]
    return kept.groupby(keys).size(), prev.groupby(keys).size()


def _pd_repeat(o: pd.DataFrame, by: tuple[str, ...]) -> tuple[pd.Series, pd.Series]:
    buyers = o[(o["amount"] > 0) & o["customer_id"].notna()]
    per = _order_count(buyers, [*_keys(buyers, by), buyers["customer_id"].to_numpy()])
    levels = list(range(1 + len(by)))
    return (per >= 2).groupby(level=levels).sum(), per.groupby(level=levels).size()


def _pd_growth(s: pd.DataFrame) -> pd.Series:
    s = s.sort_values("date", kind="stable").assign(period=_months(s["date"]))
    per = s.groupby(["platform", "period"])["followers"].agg(["first", "last"])
    before = per["last"].groupby(level="platform").shift()
    return (per["last"] - before.fillna(per["first"])).groupby(level="period").sum()


def pandas_parts(f: dict[str, pd.DataFrame], name: str, by: tuple[str, ...]) -> tuple[pd.Series, pd.Series | None]:
    """The value (or numerator) and denominator of ``name`` by month and ``by``, for months with data."""
    o, sp, so = f.get("orders"), f.get("spend"), f.get("social")

    def total(df: pd.DataFrame, values: pd.Series) -> pd.Series:
        return values.groupby(_keys(df, by)).sum()

    def rows(df: pd.DataFrame) -> pd.Series:
        return df.groupby(_keys(df, by)).size()

    def orders() -> pd.Series:
        p = o[o["amount"] > 0]
        return _order_count(p, _keys(p, by))

    def survey(lo: int, hi: int, word: str) -> pd.DataFrame:
        sv = f["survey"]
        return sv[sv["score"].between(lo, hi) & sv["question"].str.contains(word, case=False, na=False)]

    def engagement() -> pd.Series:
        return total(so, so[["likes", "shares", "comments"]].fillna(0).sum(axis=1))

    if name in ("revenue", "revenue_cumulative"):
        return total(o, o["amount"]), None
    if name == "orders":
        return orders(), None
    if name == "aov":
        return total(o, o["amount"]), orders()
    if name == "active_customers":
        p = o[o["amount"] > 0]
        return p["customer_id"].groupby(_keys(p, by)).nunique(), None
    if name == "new_customers":
        return _pd_new(o, by), None
    if name in ("retention_rate", "churn_rate"):
        kept, prev = _pd_retention(o, by)
        return (kept if name == "retention_rate" else prev.sub(kept, fill_value=0)), prev
    if name == "repeat_purchase_rate":
        return _pd_repeat(o, by)
    if name == "leads":
        return rows(f["leads"]), None
    if name == "conversion_rate":
        return total(f["leads"], f["leads"]["converted"].fillna(False).astype(bool)), rows(f["leads"])
    if name == "spend":
        return total(sp, sp["spend"]), None
    if name == "cpl":
        return total(sp, sp["spend"]), rows(f["leads"])
    if name == "cac":
        return total(sp, sp["spend"]), _pd_new(o, by)
    if name == "roas":
        return total(o, o["amount"]), total(sp, sp["spend"])
    if name == "ctr":
        return total(sp, sp["clicks"]), total(sp, sp["impressions"])
    if name == "engagement":
        return engagement(), None
    if name == "engagement_rate":
        return engagement(), total(so, so["impressions"])
    if name == "follower_growth":
        return _pd_growth(so), None
    if name == "nps":
        r = survey(0, 10, "nps")
        return total(r, (r["score"] >= 9).astype(int) - (r["score"] <= 6).astype(int)), rows(r)
    if name == "csat":
        r = survey(1, 5, "csat")
        return total(r, r["score"] >= 4), rows(r)
    raise KeyError(name)


def pandas_kpi(f: dict[str, pd.DataFrame], name: str, by: tuple[str, ...]) -> pd.DataFrame:
    """``name`` by month (and ``by``) over every month of its datasets' range, as the engine defines it."""
    if name == "cohorts":
        return pandas_cohorts(f["orders"])
    shape, scale, kinds = metric_info(name)
    num, den = pandas_parts(f, name, by)
    lo = min(_months(f[k]["date"]).min() for k in kinds)
    hi = max(_months(f[k]["date"]).max() for k in kinds)
    if by:
        segs = sorted(set().union(*(f[k][by[0]].dropna().unique() for k in kinds)))
        index = pd.MultiIndex.from_product([np.arange(lo, hi + 1), segs], names=["period", *by])
    else:
        index = pd.Index(np.arange(lo, hi + 1), name="period")
    out = pd.DataFrame(index=index)
    value = num.reindex(index, fill_value=0).astype(float)
    if shape == "ratio":
        out["numerator"] = value
        out["denominator"] = den.reindex(index, fill_value=0).astype(float)
        out["value"] = scale * out["numerator"] / out["denominator"].where(out["denominator"] != 0)
    elif shape == "cumulative":
        out["value"] = value.groupby(level=by[0]).cumsum() if by else value.cumsum()
    else:
        out["value"] = value
    out = out.reset_index()
    out["period"] = out["period"].to_numpy().astype("datetime64[M]").astype("datetime64[ns]")
    return out


def pandas_cohorts(o: pd.DataFrame) -> pd.DataFrame:
    buyers = o[(o["amount"] > 0) & o["customer_id"].notna()]
    act = pd.DataFrame({"customer_id": buyers["customer_id"].to_numpy(),
                        "period": _months(buyers["date"])}).drop_duplicates()
    cohort = act.groupby("customer_id")["period"].transform("min")
    counts = act.groupby([cohort.to_numpy(), (act["period"] - cohort).to_numpy()]).size()
    sizes = counts.xs(0, level=1)
    hi = _months(o["date"]).max()
    spans = hi - sizes.index.to_numpy() + 1
    grid = pd.MultiIndex.from_arrays([np.repeat(sizes.index.to_numpy(), spans),
                                      np.concatenate([np.arange(n) for n in spans])])
    customers = counts.reindex(grid, fill_value=0)
    return pd.DataFrame({
        "cohort": grid.get_level_values(0).to_numpy().astype("datetime64[M]").astype("datetime64[ns]"),
        "period_index": grid.get_level_values(1).to_numpy(),
        "customers": customers.to_numpy(),
        "retention": customers.to_numpy() / np.repeat(sizes.to_numpy(), spans),
    })
