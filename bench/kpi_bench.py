"""KPI suite speed: Kinerja's engine against hand-written DuckDB SQL and pandas.

Not a test. Generates orders (default 10 million lines), leads (a third as many), spend, social and survey data
with numpy, writes them as Parquet to a temporary folder and imports them into a temporary workspace. Then
every catalog KPI by month, and by month and channel (``kanal``) where all its datasets have that column,
plus monthly cohorts, is computed three ways:

- **engine**: ``ws.compute(name, by=...)`` / ``ws.cohorts()``;
- **hand SQL**: DuckDB SQL written for these tables, run on a cursor of the same workspace;
- **pandas**: plain pandas on the tables already loaded as DataFrames.

The three results are compared first (values within 1e-9 relative, NaN in the same places); then each
contender runs in a fresh child process of this run: for every KPI one warm-up, then the best of three.
Peak memory is the child's peak resident set (it includes loading the DataFrames for pandas).

    python bench/kpi_bench.py --rows 1000000
    python bench/kpi_bench.py                 # 10M order lines
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import math
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

import kpi  # noqa: E402

SEED = 20240101
DAY0 = np.datetime64("2024-01-01", "D")
DAYS = 731  # 2024-01-01 .. 2025-12-31
BY = "kanal"  # the channel dimension shared by orders, leads, spend and survey

ORDER_CHANNELS = ["Shopee", "Tokopedia", "Instagram", "WhatsApp", "TikTok Shop", "Offline"]
LEAD_CHANNELS = ["Instagram", "WhatsApp", "TikTok Shop", "Google", "Referral"]
PROVINCES = ["DKI Jakarta", "Jawa Barat", "Jawa Tengah", "Jawa Timur", "Banten", "Bali", "Sumatera Utara",
             "Sulawesi Selatan"]
CATEGORIES = ["Fashion", "Kecantikan", "Rumah Tangga"]
CAMPAIGNS = [("Shopee", "Iklan Pencarian"), ("Tokopedia", "TopAds Produk"), ("Instagram", "Katalog IG"),
             ("TikTok Shop", "Video Belanja"), ("Google", "Google Brand")]
PLATFORMS = ["Instagram", "TikTok", "Facebook"]

MAPPINGS = {
    "orders": {"date": "tanggal", "order_id": "no_pesanan", "customer_id": "id_pelanggan", "quantity": "qty",
               "unit_price": "harga_satuan", "amount": "total", "status": "status"},
    "leads": {"date": "tanggal", "lead_id": "id_prospek", "converted": "terkonversi",
              "converted_date": "tanggal_konversi", "value": "nilai"},
    "spend": {"date": "tanggal", "spend": "biaya", "impressions": "tayangan", "clicks": "klik",
              "conversions": "konversi"},
    "social": {"date": "tanggal", "platform": "platform", "posts": "postingan", "likes": "suka",
               "shares": "bagikan", "comments": "komentar", "followers": "pengikut", "impressions": "tayangan"},
    "survey": {"date": "tanggal", "customer_id": "id_pelanggan", "question": "pertanyaan", "score": "skor"},
}


# ---- data ---------------------------------------------------------------------------------------------------
def _day_weights() -> np.ndarray:
    """Relative busyness of each day: growth, weekend, payday, 12.12 and 11.11."""
    days = DAY0 + np.arange(DAYS)
    weekday = (days.astype("int64") + 3) % 7  # 0 = Monday (1970-01-01 was a Thursday)
    dom = (days - days.astype("datetime64[M]").astype("datetime64[D]")).astype("int64") + 1
    month = days.astype("datetime64[M]").astype("int64") % 12 + 1
    w = np.linspace(1.0, 1.3, DAYS) * np.array([1.0, 0.97, 0.97, 1.0, 1.04, 1.1, 1.12])[weekday]
    w *= np.where(dom >= 25, 1.25, 1.0)
    w *= np.where((month == 12) & (dom == 12), 4.0, 1.0) * np.where((month == 11) & (dom == 11), 2.5, 1.0)
    return w / w.sum()


def _ids(prefix: str, numbers: np.ndarray, width: int) -> pa.Array:
    text = pc.utf8_lpad(pa.array(numbers).cast(pa.string()), width=width, padding="0")
    return pc.binary_join_element_wise(pa.scalar(prefix), text, "")


def _dates(days: np.ndarray) -> pa.Array:
    return pa.array((DAY0 + days).astype("datetime64[D]"), type=pa.date32())


def _customers(rng: np.random.Generator, n_orders: int) -> np.ndarray:
    """A customer number per order (orders in date order); -1 for walk-ins without a customer ID.

    45% of identified orders come from a new customer. A repeat order goes, 40% of the time, to a recently
    acquired customer (repeat buying fades fast after the first order) and otherwise to the loyal core
    (every twelfth customer), picked uniformly from those acquired so far. About 58% of customers buy once,
    6% five times or more.
    """
    walk_in = rng.random(n_orders) < 0.025
    new = (rng.random(n_orders) < 0.45) & ~walk_in
    new[np.flatnonzero(~walk_in)[:1]] = True
    seen = np.cumsum(new)  # customers acquired up to and including this order
    u = rng.random(n_orders)
    recent = seen - 1 - np.floor(seen * u**10).astype(np.int64)
    loyal = 12 * np.floor(u * ((seen + 11) // 12)).astype(np.int64)
    repeat = np.where(rng.random(n_orders) < 0.4, recent, np.minimum(loyal, seen - 1))
    return np.where(walk_in, -1, np.where(new, seen - 1, repeat))


def make_orders(rng: np.random.Generator, rows: int) -> pa.Table:
    """``rows`` order lines: 1-3 lines per order, about 4% return lines (negative total, 3-30 days later).

    The order number of a return is the sold one's with ``-R``; 0.2% of sales lines have none.
    """
    n_returns = round(rows * 0.04)
    n_sales = rows - n_returns
    sizes = rng.choice([1, 2, 3], p=[0.35, 0.35, 0.30], size=n_sales * 2 // 3 + 100)
    ends = np.cumsum(sizes)
    n_orders = int(np.searchsorted(ends, n_sales)) + 1
    sizes = sizes[:n_orders]
    sizes[-1] -= ends[n_orders - 1] - n_sales
    order_day = np.sort(rng.choice(DAYS, size=n_orders, p=_day_weights()))
    customer = _customers(rng, n_orders)
    channel = rng.choice(len(ORDER_CHANNELS), size=n_orders, p=[0.3, 0.22, 0.14, 0.1, 0.12, 0.12])
    channel[customer < 0] = ORDER_CHANNELS.index("Offline")
    province = np.where(customer >= 0, (customer * 7 + 3) % len(PROVINCES), rng.integers(0, 3, n_orders))
    line_order = np.repeat(np.arange(n_orders), sizes)
    qty = rng.integers(1, 4, n_sales)
    price = 10_000 + 1_000 * rng.integers(0, 400, n_sales)
    returned = rng.choice(n_sales, size=n_returns, replace=False)
    src = np.concatenate([np.arange(n_sales), returned])
    sign = np.concatenate([np.ones(n_sales, np.int64), -np.ones(n_returns, np.int64)])
    day = order_day[line_order][src] + np.where(sign < 0, rng.integers(3, 31, len(src)), 0)
    day = np.minimum(day, DAYS - 1)
    keep = np.argsort(day, kind="stable")  # the file is in date order, returns among the sales
    src, sign, day = src[keep], sign[keep], day[keep]
    order = line_order[src]
    cust = customer[order]
    order_id = _ids("P", order, 9)
    order_id = pc.if_else(pa.array(sign < 0), pc.binary_join_element_wise(order_id, pa.scalar("-R"), ""), order_id)
    no_number = (sign > 0) & (rng.random(rows) < 0.002)  # a few sales typed in without an order number
    order_id = pc.if_else(pa.array(no_number), pa.scalar(None, pa.string()), order_id)
    customer_id = pc.if_else(pa.array(cust < 0), pa.scalar(None, pa.string()), _ids("C", cust, 8))
    return pa.table({
        "tanggal": _dates(day),
        "no_pesanan": order_id,
        "id_pelanggan": customer_id,
        "kanal": pa.DictionaryArray.from_arrays(channel[order].astype(np.int8), ORDER_CHANNELS),
        "provinsi": pa.DictionaryArray.from_arrays(province[order].astype(np.int8), PROVINCES),
        "kategori": pa.DictionaryArray.from_arrays(rng.integers(0, 3, rows).astype(np.int8), CATEGORIES),
        "qty": sign * qty[src],
        "harga_satuan": price[src],
        "total": sign * qty[src] * price[src],
        "status": pa.DictionaryArray.from_arrays((sign < 0).astype(np.int8), ["selesai", "retur"]),
    })


def make_leads(rng: np.random.Generator, rows: int) -> pa.Table:
    """``rows`` leads; conversion 6-30% by source, converted 0-30 days later, up to the last day."""
    day = np.sort(rng.choice(DAYS, size=rows, p=_day_weights()))
    source = rng.choice(len(LEAD_CHANNELS), size=rows, p=[0.35, 0.2, 0.2, 0.15, 0.1])
    converted = rng.random(rows) < np.array([0.14, 0.22, 0.08, 0.06, 0.30])[source]
    conv_day = day + rng.integers(0, 31, rows)
    converted &= conv_day < DAYS
    value = np.where(converted, 50_000 + 1_000 * rng.integers(0, 900, rows), np.nan)
    return pa.table({
        "tanggal": _dates(day),
        "id_prospek": _ids("L", np.arange(1, rows + 1), 9),
        "kanal": pa.DictionaryArray.from_arrays(source.astype(np.int8), LEAD_CHANNELS),
        "provinsi": pa.DictionaryArray.from_arrays(rng.integers(0, 8, rows).astype(np.int8), PROVINCES),
        "terkonversi": pa.array(converted),
        "tanggal_konversi": pa.array((DAY0 + conv_day).astype("datetime64[D]"), type=pa.date32(),
                                     mask=~converted),
        "nilai": pa.array(value, from_pandas=True),
    })


def make_spend(rng: np.random.Generator, rows: int) -> pa.Table:
    """Day x channel x campaign: five always-on campaigns plus Shopee 12.12 in early December."""
    days, camp = np.meshgrid(np.arange(DAYS), np.arange(len(CAMPAIGNS)), indexing="ij")
    days, camp = days.ravel(), camp.ravel()
    date = DAY0 + days
    dec = (date.astype("datetime64[M]").astype("int64") % 12 == 11) & (
        (date - date.astype("datetime64[M]").astype("datetime64[D]")).astype("int64") < 12)
    extra = np.flatnonzero(dec & (camp == 0))
    channel = [c for c, _ in CAMPAIGNS] + ["Shopee"]
    names = [n for _, n in CAMPAIGNS] + ["Harbolnas 12.12"]
    days = np.concatenate([days, days[extra]])
    camp = np.concatenate([camp, np.full(len(extra), len(CAMPAIGNS))])
    order = np.argsort(days, kind="stable")
    days, camp = days[order], camp[order]
    daily = rows / DAYS * 419_000 * 0.1 / 5  # ads cost about 10% of revenue
    spend = np.round(daily * rng.uniform(0.5, 1.5, len(days)) * _day_weights()[days] * DAYS)
    impressions = np.round(spend / rng.uniform(5, 20, len(days)))
    clicks = np.round(impressions * rng.uniform(0.005, 0.03, len(days)))
    return pa.table({
        "tanggal": _dates(days),
        "kanal": pa.array(np.array(channel)[camp]),
        "kampanye": pa.array(np.array(names)[camp]),
        "biaya": spend, "tayangan": impressions, "klik": clicks,
        "konversi": np.round(clicks * rng.uniform(0.01, 0.05, len(days))),
    })


def make_social(rng: np.random.Generator) -> pa.Table:
    """Day x platform; followers cumulative (some days down); about 1% of likes blank."""
    n = DAYS * len(PLATFORMS)
    days = np.repeat(np.arange(DAYS), len(PLATFORMS))
    plat = np.tile(np.arange(len(PLATFORMS)), DAYS)
    gain = rng.integers(-5, 40, n).reshape(DAYS, len(PLATFORMS))
    followers = (np.array([18_000, 5_000, 9_600]) + np.cumsum(gain, axis=0)).ravel()
    impressions = rng.integers(100, 20_000, n)
    likes = np.round(impressions * rng.uniform(0.01, 0.05, n))
    return pa.table({
        "tanggal": _dates(days),
        "platform": pa.array(np.array(PLATFORMS)[plat]),
        "postingan": rng.integers(0, 4, n),
        "suka": pa.array(likes, mask=rng.random(n) < 0.01),
        "bagikan": np.round(likes * rng.uniform(0.02, 0.1, n)),
        "komentar": np.round(likes * rng.uniform(0.01, 0.05, n)),
        "pengikut": followers,
        "tayangan": impressions,
    })


def make_survey(rng: np.random.Generator, orders: pa.Table) -> pa.Table:
    """One answer per 50 order lines with a customer, 1-7 days later: 60% NPS (0-10), 40% CSAT (1-5)."""
    has_customer = np.flatnonzero(orders["id_pelanggan"].is_valid().to_numpy(zero_copy_only=False))
    pick = np.sort(rng.choice(has_customer, size=len(has_customer) // 50, replace=False))
    n = len(pick)
    day = np.minimum((orders["tanggal"].to_numpy().astype("datetime64[D]")[pick] - DAY0).astype("int64")
                     + rng.integers(1, 8, n), DAYS - 1)
    keep = np.argsort(day, kind="stable")
    pick, day = pick[keep], day[keep]
    nps = rng.random(n) < 0.6
    score = np.where(nps, rng.choice(11, size=n, p=[.02, .02, .02, .03, .03, .05, .08, .15, .2, .2, .2]),
                     rng.choice([1, 2, 3, 4, 5], size=n, p=[.05, .07, .13, .35, .4]))
    idx = pa.array(pick)
    return pa.table({
        "tanggal": _dates(day),
        "id_pelanggan": orders["id_pelanggan"].take(idx),
        "kanal": orders["kanal"].take(idx),
        "provinsi": orders["provinsi"].take(idx),
        "pertanyaan": pa.array(np.where(nps, "nps", "csat")),
        "skor": score,
    })


def generate(rows: int, folder: Path) -> dict[str, Path]:
    """Write the five datasets as Parquet files in ``folder``; deterministic for a given ``rows``."""
    rngs = [np.random.default_rng(s) for s in np.random.SeedSequence(SEED).spawn(5)]
    orders = make_orders(rngs[0], rows)
    tables = {"orders": orders, "leads": make_leads(rngs[1], rows // 3), "spend": make_spend(rngs[2], rows),
              "social": make_social(rngs[3]), "survey": make_survey(rngs[4], orders)}
    paths = {}
    for kind, table in tables.items():
        paths[kind] = folder / f"{kind}.parquet"
        pq.write_table(table, paths[kind])
    return paths


def import_all(ws: kpi.Workspace, paths: dict[str, Path]) -> dict[str, dict[str, Any]]:
    """Import every file with ``ws.import_file``; rows and seconds per dataset."""
    out = {}
    for kind, path in paths.items():
        start = time.perf_counter()
        res = ws.import_file(path, kind=kind, mapping=MAPPINGS[kind])
        out[kind] = {"rows": res.rows, "rejected": res.rejected, "seconds": time.perf_counter() - start,
                     "dimensions": list(res.dataset.dimensions)}
        if res.rejected:
            raise SystemExit(f"{kind}: {res.rejected} rows rejected on import: {res.rejected_sample}")
    return out


# ---- the suite -----------------------------------------------------------------------------------------------
def catalog() -> dict[str, Any]:
    """``kpi.CATALOG`` (from ``kpi.metrics`` while the package does not export it yet)."""
    found = getattr(kpi, "CATALOG", None)
    if found is None:
        from kpi.metrics import CATALOG as found
    return dict(found)


def kinds_of(metric: Any) -> tuple[str, ...]:
    return tuple(metric.datasets)


def variants(dims: dict[str, list[str]]) -> tuple[list[tuple[str, tuple[str, ...]]], list[str]]:
    """Every catalog KPI by month, and by month and ``kanal`` where all its datasets have it; the skipped."""
    out, skipped = [], []
    for name, metric in catalog().items():
        out.append((name, ()))
        if all(BY in dims.get(kind, []) for kind in kinds_of(metric)):
            out.append((name, (BY,)))
        else:
            skipped.append(name)
    out.append(("cohorts", ()))
    return out, skipped


def label(name: str, by: tuple[str, ...]) -> str:
    return name + "".join(f" x {b}" for b in by)


def metric_info(name: str) -> tuple[str, float, tuple[str, ...]]:
    """Shape (``simple``, ``ratio`` or ``cumulative``), scale and dataset kinds of catalog KPI ``name``."""
    m = catalog()[name]
    shape = "ratio" if m.is_ratio else "cumulative" if m.kind == "cumulative" else "simple"
    return shape, float(m.scale), kinds_of(m)


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


# ---- agreement ----------------------------------------------------------------------------------------------
def normalise(df: pd.DataFrame, by: tuple[str, ...], cohorts: bool = False) -> pd.DataFrame:
    """Key columns as datetime64[ns] / text, numbers as float, sorted by the keys."""
    if cohorts:
        keys, numbers = ["cohort", "period_index"], ["customers", "retention"]
    else:
        keys = ["period", *by]
        numbers = [c for c in ("numerator", "denominator", "value") if c in df.columns]
    out = df[keys + numbers].copy()
    out[keys[0]] = pd.to_datetime(out[keys[0]]).astype("datetime64[ns]")
    for k in keys[1:]:
        out[k] = out[k].astype("int64") if k == "period_index" else out[k].astype(str)
    for c in numbers:
        out[c] = out[c].astype(float)
    return out.sort_values(keys).reset_index(drop=True)


def disagreements(results: dict[str, pd.DataFrame], by: tuple[str, ...], cohorts: bool = False) -> list[str]:
    """What differs between the contenders' results (empty when they agree)."""
    names = list(results)
    frames = {n: normalise(results[n], by, cohorts) for n in names}
    ref_name, ref = names[0], frames[names[0]]
    keys = ["cohort", "period_index"] if cohorts else ["period", *by]
    problems = []
    for name in names[1:]:
        other = frames[name]
        if len(other) != len(ref) or not other[keys].equals(ref[keys]):
            problems.append(f"{name} has {len(other)} rows, {ref_name} {len(ref)}; keys differ: "
                            f"{_key_diff(ref, other, keys)}")
            continue
        for col in ref.columns.difference(keys):
            if col not in other:
                problems.append(f"{name} lacks column {col}")
                continue
            a, b = ref[col].to_numpy(), other[col].to_numpy()
            bad = ~(np.isclose(a, b, rtol=1e-9, atol=1e-9) | (np.isnan(a) & np.isnan(b)))
            if bad.any():
                i = np.flatnonzero(bad)[:3]
                rows = ref.loc[i, keys].astype(str).agg(" ".join, axis=1).tolist()
                problems.append(f"{col}: {bad.sum()} of {len(a)} rows differ between {ref_name} and {name}, "
                                f"e.g. {rows}: {a[i].tolist()} vs {b[i].tolist()}")
    return problems


def _key_diff(a: pd.DataFrame, b: pd.DataFrame, keys: list[str]) -> str:
    both = a[keys].merge(b[keys], how="outer", indicator=True)
    left = both[both["_merge"] == "left_only"].head(3).astype(str).values.tolist()
    right = both[both["_merge"] == "right_only"].head(3).astype(str).values.tolist()
    return f"only in first {left}, only in second {right}"


# ---- running --------------------------------------------------------------------------------------------------
CONTENDERS = ("engine", "hand", "pandas")


def has_engine() -> bool:
    return hasattr(kpi.Workspace, "compute") and hasattr(kpi.Workspace, "cohorts")


def runner(contender: str, ws: kpi.Workspace, frames: dict[str, pd.DataFrame] | None) -> Any:
    """A function ``(name, by) -> DataFrame`` computing KPI ``name`` (or ``"cohorts"``) the contender's way."""
    if contender == "engine":
        return lambda name, by: ws.cohorts() if name == "cohorts" else ws.compute(name, by=list(by))
    if contender == "hand":
        cur = ws.cursor()
        return lambda name, by: cur.execute(hand_sql(name, by)).df()
    assert frames is not None
    return lambda name, by: pandas_kpi(frames, name, by)


def peak_mb() -> float:
    """This process's peak resident memory.

    ``VmHWM`` belongs to the process's own address space; ``ru_maxrss`` is kept across ``exec``, so a child
    would report the parent's peak if that was higher.
    """
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def phase_run(workspace: str, contender: str, out: str, suite: list[list[Any]]) -> dict[str, Any]:
    """Child: every KPI once; results pickled to ``out`` for the comparison. Reports the peak memory."""
    ws = kpi.Workspace.open(workspace)
    start = time.perf_counter()
    frames = load_frames(ws) if contender == "pandas" else None
    loaded = time.perf_counter() - start
    fn = runner(contender, ws, frames)
    results, errors, sql = {}, {}, {}
    for name, by in suite:
        key = label(name, tuple(by))
        try:
            results[key] = fn(name, tuple(by))
            if contender == "engine" and name != "cohorts":
                sql[key] = ws.sql(name, by=list(by))
        except Exception as exc:  # report every failure, keep going
            errors[key] = f"{type(exc).__name__}: {exc}"
    pd.to_pickle(results, out)
    return {"peak_mb": peak_mb(), "seconds": time.perf_counter() - start - loaded, "load_seconds": loaded,
            "errors": errors, "sql": sql}


def phase_time(workspace: str, contenders: list[str], suite: list[list[Any]], repeat: int) -> dict[str, Any]:
    """Child: per KPI, one warm-up of each contender, then ``repeat`` rounds taking turns; the best time each.

    Taking turns, rather than timing one contender after the other, keeps a busy machine fair to all three.
    """
    ws = kpi.Workspace.open(workspace)
    frames = load_frames(ws) if "pandas" in contenders else None
    fns = {c: runner(c, ws, frames) for c in contenders}
    best: dict[str, dict[str, float | None]] = {}
    for name, by in suite:
        key = label(name, tuple(by))
        best[key] = {}
        live = []
        for c in contenders:
            try:
                fns[c](name, tuple(by))
                live.append(c)
            except Exception:
                best[key][c] = None
        for _ in range(repeat):
            for c in live:
                start = time.perf_counter()
                fns[c](name, tuple(by))
                seconds = time.perf_counter() - start
                best[key][c] = min(seconds, best[key].get(c) or math.inf)
        print(key, best[key], file=sys.stderr, flush=True)
    return {"best": best}


def child(phase: str, **kwargs: Any) -> dict[str, Any]:
    """Run ``phase`` in a fresh Python process; its JSON answer."""
    proc = subprocess.run([sys.executable, __file__, "--phase", phase, "--args", json.dumps(kwargs)],
                          cwd=ROOT, stdout=subprocess.PIPE, text=True)
    if proc.returncode:
        raise SystemExit(f"child {phase} failed ({proc.returncode})")
    return json.loads(proc.stdout.strip().splitlines()[-1])


# ---- report ---------------------------------------------------------------------------------------------------
def _fmt(x: float | None, digits: int = 3) -> str:
    return "-" if x is None or not math.isfinite(x) else f"{x:.{digits}f}"


def _ratio(a: float | None, b: float | None) -> float | None:
    return a / b if a is not None and b else None


def table_rows(best: dict[str, dict[str, float | None]]) -> list[list[str]]:
    rows = []
    totals = {c: 0.0 for c in CONTENDERS}
    complete = True
    for key, times in best.items():
        e, h, p = (times.get(c) for c in CONTENDERS)
        complete &= None not in (e, h, p)
        for c, v in zip(CONTENDERS, (e, h, p)):
            totals[c] += v or 0.0
        rows.append([key, _fmt(e), _fmt(h), _fmt(p), _fmt(_ratio(e, h), 2), _fmt(_ratio(p, e), 1)])
    e, h, p = (totals[c] or None for c in CONTENDERS)
    name = "**suite total**" if complete else "**suite total** (incomplete)"
    rows.append([name, _fmt(e, 2), _fmt(h, 2), _fmt(p, 2), _fmt(_ratio(e, h), 2), _fmt(_ratio(p, e), 1)])
    return rows


HEADER = ["KPI / variant", "engine s", "hand SQL s", "pandas s", "engine / hand", "pandas / engine"]


def markdown(rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(HEADER) + " |", "|---|" + "---:|" * (len(HEADER) - 1)]
    lines += ["| " + " | ".join(r) + " |" for r in rows]
    return "\n".join(lines)


def plain(rows: list[list[str]]) -> str:
    widths = [max(len(r[i]) for r in [HEADER, *rows]) for i in range(len(HEADER))]
    return "\n".join("  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(r, widths)))
                     for r in [HEADER, *rows])


def machine() -> dict[str, Any]:
    import duckdb

    ram = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    source = hashlib.sha256(b"".join(p.read_bytes() for p in sorted((ROOT / "kpi").glob("*.py"))))
    return {"nproc": os.cpu_count(), "ram_gib": round(ram, 1), "duckdb": duckdb.__version__,
            "kpi_source_sha256": source.hexdigest()[:12],
            "pandas": pd.__version__, "numpy": np.__version__, "python": platform.python_version(),
            "date": dt.date.today().isoformat(), "loadavg_start": [round(x, 2) for x in os.getloadavg()]}


# ---- main -----------------------------------------------------------------------------------------------------
def prepare(rows: int, folder: Path) -> tuple[str, dict[str, Any]]:
    """Generate and import the data; the workspace path and what happened."""
    start = time.perf_counter()
    paths = generate(rows, folder)
    generated = time.perf_counter() - start
    workspace = str(folder / "bench.duckdb")
    ws = kpi.Workspace.open(workspace)
    imports = import_all(ws, paths)
    ws.close()
    return workspace, {"generate_seconds": round(generated, 2), "imports": imports,
                       "parquet_mb": {k: round(p.stat().st_size / 1e6, 1) for k, p in paths.items()}}


def check(workspace: str, folder: Path, contenders: list[str], suite: list[list[Any]]) -> dict[str, Any]:
    """Each contender once, in its own process; then compare. Peak memory per contender."""
    runs, results = {}, {}
    for c in contenders:
        out = folder / f"results_{c}.pkl"
        runs[c] = child("run", workspace=workspace, contender=c, out=str(out), suite=suite)
        results[c] = pd.read_pickle(out)
    problems: dict[str, list[str]] = {}
    for name, by in suite:
        key = label(name, tuple(by))
        have = {c: results[c][key] for c in contenders if key in results[c]}
        missing = [f"{c} failed: {runs[c]['errors'][key]}" for c in contenders if key in runs[c]["errors"]]
        found = missing + (disagreements(have, tuple(by), name == "cohorts") if len(have) > 1 else [])
        if found:
            problems[key] = found
    return {"runs": runs, "problems": problems}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--check-only", action="store_true", help="compare the results, time nothing")
    parser.add_argument("--phase", help=argparse.SUPPRESS)
    parser.add_argument("--args", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.phase:
        kwargs = json.loads(args.args)
        answer = phase_run(**kwargs) if args.phase == "run" else phase_time(**kwargs)
        print(json.dumps(answer, default=str))
        return
    info = machine()
    contenders = list(CONTENDERS) if has_engine() else ["hand", "pandas"]
    if "engine" not in contenders:
        print("!! kpi.Workspace.compute does not exist yet: timing hand SQL and pandas only", flush=True)
    with tempfile.TemporaryDirectory(prefix="kinerja_kpi_bench_") as tmp:
        workspace, prep = prepare(args.rows, Path(tmp))
        dims = {k: v["dimensions"] for k, v in prep["imports"].items()}
        suite, skipped = variants(dims)
        suite = [[n, list(b)] for n, b in suite]
        counts = ", ".join(f"{k} {v['rows']:,}" for k, v in prep["imports"].items())
        print(f"generated in {prep['generate_seconds']} s; imported in "
              f"{sum(v['seconds'] for v in prep['imports'].values()):.1f} s (rows: {counts})", flush=True)
        checked = check(workspace, Path(tmp), contenders, suite)
        report_problems(checked["problems"])
        timed = None if args.check_only else child("time", workspace=workspace, contenders=contenders,
                                                    suite=suite, repeat=args.repeat)
    info["loadavg_end"] = [round(x, 2) for x in os.getloadavg()]
    summarise(args.rows, info, prep, skipped, checked, timed, suite)


def report_problems(problems: dict[str, list[str]]) -> None:
    if not problems:
        print("all contenders agree on every KPI (1e-9 relative, NaN in the same places)", flush=True)
        return
    bar = "!" * 100
    print(f"{bar}\n!! DISAGREEMENT: the contenders do not compute the same numbers for {len(problems)} variants",
          flush=True)
    for key, found in problems.items():
        for p in found:
            print(f"!! {key}: {p}", flush=True)
    print(bar, flush=True)


def summarise(rows: int, info: dict[str, Any], prep: dict[str, Any], skipped: list[str],
              checked: dict[str, Any], timed: dict[str, Any] | None, suite: list[list[Any]]) -> None:
    peaks = {c: round(r["peak_mb"]) for c, r in checked["runs"].items()}
    print(f"\nnot split by {BY} (a dataset without that column): {', '.join(skipped) or 'none'}")
    print(f"peak memory of one pass over the suite, MB: {peaks}"
          f" (pandas includes its DataFrames, loaded in {checked['runs'].get('pandas', {}).get('load_seconds', 0):.1f} s)")
    out = {"rows": rows, "machine": info, "prepare": prep, "skipped_by_channel": skipped, "peak_mb": peaks,
           "problems": checked["problems"],
           "engine_sql": checked["runs"].get("engine", {}).get("sql", {}),
           "hand_sql": {label(n, tuple(b)): hand_sql(n, tuple(b)) for n, b in suite}}
    if timed:
        table = table_rows(timed["best"])
        print("\n" + plain(table) + "\n\n" + markdown(table))
        out["best"] = timed["best"]
    print(json.dumps(info))
    path = HERE / "data" / f"kpi_bench_{rows}.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(out, indent=1, default=str))
    print(f"details (with both SQL texts of every KPI): {path}")
    if checked["problems"]:
        print(f"!! {len(checked['problems'])} variants DISAGREE: see above; their timings compare different numbers")


if __name__ == "__main__":
    main()
