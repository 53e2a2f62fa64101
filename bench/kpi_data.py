"""The KPI bench's data: orders, leads, spend, social and survey generated with numpy, written as
Parquet and imported into a workspace. See ``kpi_bench.py``."""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

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
