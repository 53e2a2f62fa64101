"""Generate Kinerja's bundled sample data set: "Toko Kinerja", a fictional Indonesian SME.

Toko Kinerja sells fashion, beauty and home goods on Shopee, Tokopedia, Instagram, WhatsApp,
TikTok Shop and in its own shops (Offline) in eight provinces, 2024-11-01..2026-10-31. Five CSV
files (orders, leads, spend, social, survey) with Indonesian headers; README.md describes the
columns, the seasonality and the planted stories. Each dataset draws from its own child of one
``SeedSequence(SEED)`` and nothing reads the clock, so a re-run writes byte-identical files
(with the same numpy version). Usage: ``python data/sample/generate.py [--out DIR]``.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

SEED = 20241101
START, END = np.datetime64("2024-11-01"), np.datetime64("2026-10-31")
DAYS = np.arange(START, END + 1)
N_DAYS = len(DAYS)
CAL = pd.DatetimeIndex(DAYS)
T = np.arange(N_DAYS)
GROWTH = 1.0 + 0.30 * T / (N_DAYS - 1)  # mild growth: +30% over the two years

CHANNELS = ("Shopee", "Tokopedia", "Instagram", "WhatsApp", "TikTok Shop", "Offline")
CHANNEL_SHARE = (0.32, 0.18, 0.14, 0.14, 0.10, 0.12)
MARKETPLACES = ("Shopee", "Tokopedia", "TikTok Shop")
PROVINCES = ("DKI Jakarta", "Jawa Barat", "Jawa Tengah", "Jawa Timur", "Banten", "Bali",
             "Sumatera Utara", "Sulawesi Selatan")
PROVINCE_SHARE = np.array([0.22, 0.24, 0.12, 0.18, 0.09, 0.05, 0.06, 0.04])
STORES = np.array([0, 1, 3])  # the shops (toko) are in Jakarta, Bandung and Surabaya
STORE_SHARE = np.array([0.5, 0.3, 0.2])
PRODUCTS = (  # kategori, produk, harga (Rp, before the 2026 price rise), popularity
    ("Fashion", "Gamis Katun", 189_900, 1.0), ("Fashion", "Kemeja Batik", 159_900, 0.9),
    ("Fashion", "Hijab Voal", 59_900, 1.6), ("Fashion", "Kaos Polos", 49_900, 1.3),
    ("Fashion", "Celana Kulot", 119_900, 0.9), ("Fashion", "Mukena Travel", 149_900, 0.6),
    ("Kecantikan", "Serum Wajah", 89_900, 1.3), ("Kecantikan", "Lipstik Matte", 49_900, 1.1),
    ("Kecantikan", "Sunscreen SPF50", 69_900, 1.2), ("Kecantikan", "Masker Wajah", 29_900, 0.8),
    ("Kecantikan", "Body Mist", 59_900, 0.7), ("Rumah Tangga", "Sprei Katun", 179_900, 0.8),
    ("Rumah Tangga", "Set Panci", 299_900, 0.5), ("Rumah Tangga", "Toples Kaca", 89_900, 0.7),
    ("Rumah Tangga", "Keset Microfiber", 39_900, 0.8), ("Rumah Tangga", "Lampu Hias LED", 119_900, 0.6),
)
CATEGORY, PRODUCT = np.array([p[0] for p in PRODUCTS]), np.array([p[1] for p in PRODUCTS])
PRICE, POPULARITY = np.array([p[2] for p in PRODUCTS]), np.array([p[3] for p in PRODUCTS])
PRICE_RISE_FROM, PRICE_RISE = "2026-01-01", 1.05
RAMADAN = (("2025-03-01", "2025-03-30"), ("2026-02-18", "2026-03-19"))  # Idul Fitri = next day
WEEKDAY = np.array([1.00, 0.97, 0.97, 1.00, 1.04, 1.12, 1.10])  # Monday..Sunday
BASE_ORDERS = 14.5  # expected orders a day at the start, before every multiplier
LINES_P = (0.33, 0.34, 0.33)  # 1, 2 or 3 lines per order
WALKIN_SHARE = 0.20  # of Offline orders: no id_pelanggan
RETURN_RATE = {"Fashion": 0.04, "Kecantikan": 0.02, "Rumah Tangga": 0.035}

# Planted stories (see README.md).
OUTAGE_DAY = "2026-06-10"  # d: no WhatsApp orders at all
FASHION_RETURNS_FROM, FASHION_RETURN_RATE = "2026-07-01", 0.15  # b: sizing problem
IG_JB_FROM, IG_JB_RATE = "2026-08-01", 0.04  # a: Instagram x Jawa Barat leads
TIKTOK_ORDERS = (("2025-12-31", 1.0), ("2026-08-31", 3.5), ("2026-10-31", 3.8))  # c
TIKTOK_BUDGET = (("2025-12-31", 50_000), ("2026-08-31", 300_000), ("2026-09-01", 700_000),
                 ("2026-10-31", 700_000))  # c: spend surges, ROAS falls
TIKTOK_CVR_FROM = "2026-09-01"
INFLUENCER_DAY = "2026-05-16"  # e: influencer collaboration on Instagram
INFLUENCER_FOLLOWERS, INFLUENCER_VIEWS = (4_800, 1_400, 500), (14.0, 4.0, 1.8)
INFLUENCER_ORDERS, INFLUENCER_DAYS = 2.5, 7


def day_index(date: str) -> int:
    """Position of ISO ``date`` in ``DAYS``."""
    return int((np.datetime64(date) - START).astype(int))


def between(lo: str, hi: str) -> np.ndarray:
    """Boolean mask of the days from ``lo`` to ``hi`` inclusive."""
    return (DAYS >= np.datetime64(lo)) & (DAYS <= np.datetime64(hi))


def ramp(points: Sequence[tuple[str, float]]) -> np.ndarray:
    """Piecewise-linear daily series through ``(date, value)`` points, flat outside them."""
    return np.interp(T, [day_index(d) for d, _ in points], [v for _, v in points])


def draw_categorical(u: np.ndarray, p: np.ndarray) -> np.ndarray:
    """Category index per row of probabilities ``p`` (rows sum to 1), given uniforms ``u``."""
    cum = np.cumsum(p, axis=1)
    return np.minimum((u[:, None] > cum).sum(axis=1), p.shape[1] - 1)


def ramadan_multiplier() -> np.ndarray:
    """Ramadan ramp-up, a peak in its last two weeks, and the Lebaran slump."""
    m = np.ones(N_DAYS)
    for first, last in RAMADAN:
        s, e = day_index(first), day_index(last)
        m[s : e - 13] = np.linspace(1.10, 1.40, e - 13 - s)
        m[e - 13 : e + 1] = 1.85
        m[e + 1 : e + 5] = (0.25, 0.35, 0.50, 0.75)  # Idul Fitri and the three days after
    return m


def base_demand() -> np.ndarray:
    """Multiplier shared by every channel: growth, weekday, payday (25th..end), Ramadan."""
    payday = np.where(CAL.day >= 25, 1.25, 1.0)
    return GROWTH * WEEKDAY[CAL.day_of_week] * payday * ramadan_multiplier()


def channel_multiplier(channel: str) -> np.ndarray:
    """Festivals (twin dates 1.1..10.10, Harbolnas 11.11 and 12.12) and the channel's own stories."""
    market = channel in MARKETPLACES
    m = ramp(TIKTOK_ORDERS) if channel == "TikTok Shop" else np.ones(N_DAYS)
    m[(CAL.month == CAL.day) & (CAL.month <= 10)] *= 1.3 if market else 1.0
    m[(CAL.month == 11) & (CAL.day == 11)] *= 2.5 if market else 1.4
    m[(CAL.month == 12) & (CAL.day == 12)] *= 4.0 if market else 1.6
    if channel == "Instagram":
        s = day_index(INFLUENCER_DAY)
        m[s : s + INFLUENCER_DAYS] *= INFLUENCER_ORDERS
    if channel == "WhatsApp":
        m[day_index(OUTAGE_DAY)] = 0.0
    return m


def daily_order_counts(rng: np.random.Generator) -> np.ndarray:
    """Orders per day and channel (days x channels); >= 1 a day, so the outage stands alone."""
    base = BASE_ORDERS * base_demand()
    expected = np.column_stack([base * share * channel_multiplier(c)
                                for c, share in zip(CHANNELS, CHANNEL_SHARE, strict=True)])
    counts = rng.poisson(expected)
    return np.where(expected > 0, np.maximum(counts, 1), 0)


class CustomerPool:
    """Customers seen so far: home province, purchase propensity and last active day."""

    def __init__(self, rng: np.random.Generator, capacity: int) -> None:
        self.rng, self.size = rng, 0
        self.province = np.zeros(capacity, dtype=np.int64)
        self.weight = np.zeros(capacity)
        self.until = np.zeros(capacity, dtype=np.int64)

    def add(self, provinces: np.ndarray, day: int) -> np.ndarray:
        """Register new customers; heavy-tailed propensity makes a loyal core."""
        n, s = len(provinces), self.size
        self.province[s : s + n] = provinces
        self.weight[s : s + n] = self.rng.gamma(0.35, 1.0, n)
        self.until[s : s + n] = day + self.rng.exponential(300.0, n).astype(np.int64)
        self.size += n
        return np.arange(s, s + n)

    def pick(self, n: int, day: int, stores_only: bool) -> np.ndarray | None:
        """Draw ``n`` returning customers still active on ``day`` (None if nobody is)."""
        w = self.weight[: self.size] * (self.until[: self.size] >= day)
        if stores_only:
            w = w * np.isin(self.province[: self.size], STORES)
        if n == 0 or w.sum() == 0:
            return None if n else np.zeros(0, dtype=np.int64)
        return self.rng.choice(self.size, size=n, p=w / w.sum())


def customers_of_day(pool: CustomerPool, channels: np.ndarray, day: int) -> np.ndarray:
    """Customer index of each order of one day (-1 = offline walk-in buyer)."""
    rng, n = pool.rng, len(channels)
    offline = channels == CHANNELS.index("Offline")
    walkin = offline & (rng.random(n) < WALKIN_SHARE)
    new = ~walkin & (rng.random(n) < 0.42 + 0.50 * np.exp(-day / 45))
    cust = np.full(n, -1, dtype=np.int64)
    for mask, stores_only in ((~walkin & ~new & ~offline, False), (~walkin & ~new & offline, True)):
        picked = pool.pick(int(mask.sum()), day, stores_only)
        if picked is None:
            new |= mask
        else:
            cust[mask] = picked
    online_new, offline_new = new & ~offline, new & offline
    cust[online_new] = pool.add(rng.choice(len(PROVINCES), int(online_new.sum()), p=PROVINCE_SHARE), day)
    cust[offline_new] = pool.add(rng.choice(STORES, int(offline_new.sum()), p=STORE_SHARE), day)
    return cust


def make_order_headers(rng: np.random.Generator) -> pd.DataFrame:
    """One row per order: day, order, customer (-1 = walk-in), channel and province indices."""
    counts = daily_order_counts(rng)
    day = np.repeat(T, counts.sum(axis=1))
    channel = np.concatenate([rng.permutation(np.repeat(np.arange(len(CHANNELS)), row)) for row in counts])
    pool = CustomerPool(rng, len(day))
    bounds = np.concatenate([[0], np.cumsum(counts.sum(axis=1))])
    cust = np.concatenate([customers_of_day(pool, channel[a:b], d)
                           for d, (a, b) in enumerate(zip(bounds[:-1], bounds[1:], strict=True))])
    walkin_prov = rng.choice(STORES, len(day), p=STORE_SHARE)
    province = np.where(cust >= 0, pool.province[np.maximum(cust, 0)], walkin_prov)
    return pd.DataFrame({"day": day, "order": np.arange(len(day)), "cust": cust,
                         "channel": channel, "province": province})


def product_weights(day: np.ndarray) -> np.ndarray:
    """Log product weights per order; Fashion sells 1.8x more from two weeks before Ramadan."""
    base, fashion = np.log(POPULARITY), CATEGORY == "Fashion"
    festive = np.zeros(N_DAYS, dtype=bool)
    for first, last in RAMADAN:
        festive[day_index(first) - 14 : day_index(last) + 1] = True
    return base[None, :] + np.outer(festive[day], fashion * np.log(1.8))


def make_lines(rng: np.random.Generator, orders: pd.DataFrame) -> pd.DataFrame:
    """Expand orders into 1-3 lines of distinct products with quantity and price."""
    n_lines = rng.choice([1, 2, 3], len(orders), p=LINES_P)
    keys = product_weights(orders["day"].to_numpy()) + rng.gumbel(size=(len(orders), len(PRODUCTS)))
    top = np.argsort(-keys, axis=1, kind="stable")[:, :3]
    product = top[np.arange(3)[None, :] < n_lines[:, None]]
    lines = orders.loc[orders.index.repeat(n_lines)].reset_index(drop=True)
    lines["line"] = np.concatenate([np.arange(k) for k in n_lines])
    lines["product"] = product
    base_price = PRICE[product]
    qty_p = np.where(base_price[:, None] < 70_000, [0.60, 0.28, 0.12], [0.80, 0.15, 0.05])
    lines["qty"] = draw_categorical(rng.random(len(lines)), qty_p) + 1
    risen = np.round(base_price * PRICE_RISE / 1000) * 1000 - 100
    lines["price"] = np.where(lines["day"] >= day_index(PRICE_RISE_FROM), risen, base_price).astype(np.int64)
    return lines


def make_returns(rng: np.random.Generator, lines: pd.DataFrame) -> pd.DataFrame:
    """Return rows: negative qty, dated 3-30 days after the sale, dropped after END."""
    category = CATEGORY[lines["product"].to_numpy()]
    rate = pd.Series(category).map(RETURN_RATE).to_numpy(dtype=float, copy=True)
    rate[(category == "Fashion") & (lines["day"] >= day_index(FASHION_RETURNS_FROM))] = FASHION_RETURN_RATE
    delay = np.minimum(2 + rng.geometric(0.2, lines["order"].max() + 1), 30)
    returned = rng.random(len(lines)) < rate
    partial = (lines["qty"] >= 2) & (rng.random(len(lines)) < 0.3)
    ret = lines[returned].copy()
    ret["qty"] = -np.where(partial.to_numpy()[returned], 1, ret["qty"].to_numpy())
    ret["day"] = ret["day"] + delay[ret["order"].to_numpy()]
    return ret[ret["day"] < N_DAYS]


def make_orders(rng: np.random.Generator) -> tuple[pd.DataFrame, pd.DataFrame]:
    """orders.csv as a frame, plus the sales lines (internal columns) for the survey."""
    lines = make_lines(rng, make_order_headers(rng))
    returns = make_returns(rng, lines)
    allrows = pd.concat([lines.assign(ret=0), returns.assign(ret=1)], ignore_index=True)
    allrows = allrows.sort_values(["day", "order", "ret", "line"], kind="stable")
    out = pd.DataFrame({
        "tanggal": np.datetime_as_string(DAYS[allrows["day"].to_numpy()]),
        "no_pesanan": [f"TK{o + 1:06d}{'-R' if r else ''}" for o, r in zip(allrows["order"], allrows["ret"])],
        "id_pelanggan": [f"C{c + 1:05d}" if c >= 0 else "" for c in allrows["cust"]],
        "kanal": np.array(CHANNELS)[allrows["channel"]], "provinsi": np.array(PROVINCES)[allrows["province"]],
        "kategori": CATEGORY[allrows["product"]], "produk": PRODUCT[allrows["product"]],
        "qty": allrows["qty"].to_numpy(), "harga_satuan": allrows["price"].to_numpy(),
    })
    out["total"] = out["qty"] * out["harga_satuan"]
    out["status"] = np.where(allrows["ret"] == 1, "retur", "selesai")
    lines["returned"] = lines["order"].isin(returns["order"])
    return out, lines


LEAD_SOURCES = ("Instagram", "WhatsApp", "TikTok", "Website", "Referral")
LEAD_CAMPAIGN = ("Katalog IG", "Broadcast WA", "Video Belanja", "Google Brand", "Ajak Teman")
LEAD_RATE = (6.0, 3.5, 1.8, 1.6, 1.0)  # expected leads a day at the start
LEAD_CONVERSION = (0.14, 0.22, 0.08, 0.06, 0.30)


def make_leads(rng: np.random.Generator) -> pd.DataFrame:
    """leads.csv: leads per day and source, conversion 0-30 days later, deal value."""
    lam = np.column_stack([rate * base_demand() ** 0.6 for rate in LEAD_RATE])
    lam[:, LEAD_SOURCES.index("TikTok")] *= ramp(TIKTOK_ORDERS)
    s = day_index(INFLUENCER_DAY)
    lam[s : s + INFLUENCER_DAYS, LEAD_SOURCES.index("Instagram")] *= 2.0
    counts = rng.poisson(lam)
    day = np.repeat(np.tile(T, (len(LEAD_SOURCES), 1)).T.ravel(), counts.ravel())
    src = np.repeat(np.tile(np.arange(len(LEAD_SOURCES)), N_DAYS), counts.ravel())
    order = np.lexsort((rng.random(len(day)), day))
    day, src = day[order], src[order]
    source = np.array(LEAD_SOURCES)[src]
    prov = np.array(PROVINCES)[rng.choice(len(PROVINCES), len(day), p=PROVINCE_SHARE)]
    p = np.array(LEAD_CONVERSION)[src]
    p[(source == "Instagram") & (prov == "Jawa Barat") & (day >= day_index(IG_JB_FROM))] = IG_JB_RATE
    kampanye = np.array(LEAD_CAMPAIGN, dtype=object)[src]
    for kanal, name, first, last, *_ in CAMPAIGNS[5:]:  # Instagram leads join its Ramadan campaign
        kampanye[(source == kanal) & between(first, last)[day]] = name
    conv_day = day + np.minimum(rng.geometric(0.18, len(day)) - 1, 30)
    converted = (rng.random(len(day)) < p) & (conv_day < N_DAYS)  # not yet known after END
    value = rng.lognormal(np.log(275_000), 0.45, len(day)) * np.where(source == "Referral", 1.3, 1.0)
    conv_date = np.datetime_as_string(DAYS[np.minimum(conv_day, N_DAYS - 1)])
    return pd.DataFrame({
        "tanggal": np.datetime_as_string(DAYS[day]),
        "id_prospek": [f"L{i + 1:06d}" for i in range(len(day))],
        "sumber": source, "kampanye": kampanye, "provinsi": prov,
        "terkonversi": np.where(converted, "ya", "tidak"),
        "tanggal_konversi": np.where(converted, conv_date, ""),
        "nilai": pd.array(np.where(converted, np.round(value, -3), np.nan), dtype="Int64"),
    })


# kanal, kampanye, first day (None = always on), last day, daily budget (Rp), CPM (Rp), CTR, CVR
CAMPAIGNS = (
    ("Shopee", "Iklan Pencarian", None, None, 150_000, 9_000, 0.025, 0.030),
    ("Tokopedia", "TopAds Produk", None, None, 80_000, 8_000, 0.020, 0.025),
    ("Instagram", "Katalog IG", None, None, 120_000, 15_000, 0.010, 0.015),
    ("TikTok Shop", "Video Belanja", None, None, 50_000, 10_000, 0.014, 0.025),
    ("Google", "Google Brand", None, None, 40_000, 25_000, 0.050, 0.040),
    ("Shopee", "Harbolnas 11.11", "2024-11-01", "2024-11-11", 200_000, 9_000, 0.030, 0.035),
    ("Shopee", "Harbolnas 12.12", "2024-12-01", "2024-12-12", 300_000, 9_000, 0.030, 0.035),
    ("Instagram", "Ramadan 2025", "2025-02-15", "2025-03-30", 250_000, 15_000, 0.012, 0.018),
    ("Shopee", "Harbolnas 11.11", "2025-11-01", "2025-11-11", 200_000, 9_000, 0.030, 0.035),
    ("Shopee", "Harbolnas 12.12", "2025-12-01", "2025-12-12", 300_000, 9_000, 0.030, 0.035),
    ("Instagram", "Ramadan 2026", "2026-02-04", "2026-03-19", 250_000, 15_000, 0.012, 0.018),
)


def campaign_days(rng: np.random.Generator, campaign: tuple[Any, ...]) -> pd.DataFrame:
    """Daily rows of one campaign: spend, impressions, clicks, conversions."""
    kanal, name, first, last, budget, cpm, ctr, cvr = campaign
    active = np.ones(N_DAYS, dtype=bool) if first is None else between(first, last)
    plan = budget * (GROWTH if first is None else 1.0) * (base_demand() / GROWTH) ** 0.5
    cvr_day = np.full(N_DAYS, cvr)
    if kanal == "TikTok Shop":
        plan = ramp(TIKTOK_BUDGET) * (base_demand() / GROWTH) ** 0.5
        cvr_day[T >= day_index(TIKTOK_CVR_FROM)] = cvr * 0.45
    biaya = np.round(plan * rng.lognormal(0.0, 0.12, N_DAYS)).astype(np.int64)
    tayangan = np.round(biaya / cpm * 1000 * rng.lognormal(0.0, 0.15, N_DAYS)).astype(np.int64)
    klik = rng.binomial(tayangan, ctr)
    konversi = rng.binomial(klik, cvr_day)
    return pd.DataFrame({"day": T, "kanal": kanal, "kampanye": name, "biaya": biaya,
                         "tayangan": tayangan, "klik": klik, "konversi": konversi})[active]


def make_spend(rng: np.random.Generator) -> pd.DataFrame:
    """spend.csv: one row per day and active campaign."""
    df = pd.concat([campaign_days(rng, c) for c in CAMPAIGNS], ignore_index=True)
    df = df.sort_values(["day", "kanal", "kampanye"], kind="stable")
    df.insert(0, "tanggal", np.datetime_as_string(DAYS[df.pop("day")]))
    return df


# platform: followers on 2024-10-31, gains a day, losses a day, posts a day,
# views per follower without / per post, like rate
SOCIAL = {
    "Instagram": (18_400, 12.0, 3.0, 1.1, 0.04, 0.18, 0.035),
    "TikTok": (5_200, 7.0, 2.0, 1.0, 0.08, 0.60, 0.050),
    "Facebook": (9_600, 3.0, 2.4, 0.5, 0.02, 0.08, 0.020),
}


def platform_days(rng: np.random.Generator, platform: str) -> pd.DataFrame:
    """Daily rows of one social platform; pengikut is the count at the day's end."""
    start, gain, loss, posts, v0, v1, like = SOCIAL[platform]
    boost, views_x = np.ones(N_DAYS), np.ones(N_DAYS)
    if platform == "TikTok":
        boost = ramp(TIKTOK_ORDERS)
    postingan = rng.poisson(posts * np.sqrt(boost) * ramadan_multiplier() ** 0.5)
    net = rng.poisson(gain * GROWTH * boost) - rng.poisson(loss, N_DAYS)
    if platform == "Instagram":
        s = day_index(INFLUENCER_DAY)
        net[s : s + 3] += INFLUENCER_FOLLOWERS
        views_x[s : s + 3] = INFLUENCER_VIEWS
    pengikut = start + np.cumsum(net)
    before = np.concatenate([[start], pengikut[:-1]])
    noise = rng.lognormal(0.0, 0.3, N_DAYS)
    tayangan = np.round(before * (v0 + v1 * postingan) * views_x * noise).astype(np.int64)
    suka = rng.binomial(tayangan, like)
    return pd.DataFrame({
        "tanggal": np.datetime_as_string(DAYS), "platform": platform, "postingan": postingan,
        "suka": suka, "bagikan": rng.binomial(suka, 0.07), "komentar": rng.binomial(suka, 0.04),
        "pengikut": pengikut, "tayangan": tayangan,
        "jangkauan": np.round(tayangan * rng.uniform(0.55, 0.80, N_DAYS)).astype(np.int64),
    })


NPS_P = ((0.01, 0.01, 0.01, 0.02, 0.02, 0.04, 0.06, 0.13, 0.22, 0.25, 0.23),  # happy order
         (0.06, 0.05, 0.07, 0.08, 0.10, 0.12, 0.14, 0.14, 0.12, 0.07, 0.05))  # order with a return
CSAT_P = ((0.02, 0.04, 0.12, 0.42, 0.40), (0.15, 0.25, 0.25, 0.22, 0.13))


def make_survey(rng: np.random.Generator, lines: pd.DataFrame) -> pd.DataFrame:
    """survey.csv: ~20% of identified orders answer NPS or CSAT 1-7 days after buying."""
    orders = lines.drop_duplicates("order")
    orders = orders[(orders["cust"] >= 0) & (rng.random(len(orders)) < 0.2)].copy()
    orders["day"] = orders["day"] + rng.integers(1, 8, len(orders))
    orders = orders[orders["day"] < N_DAYS]
    nps = rng.random(len(orders)) < 0.6
    bad = orders["returned"].to_numpy().astype(int)
    u = rng.random(len(orders))
    nps_score = draw_categorical(u, np.array(NPS_P)[bad])
    csat_score = draw_categorical(u, np.array(CSAT_P)[bad]) + 1
    out = pd.DataFrame({
        "tanggal": np.datetime_as_string(DAYS[orders["day"].to_numpy()]),
        "id_pelanggan": [f"C{c + 1:05d}" for c in orders["cust"]],
        "kanal": np.array(CHANNELS)[orders["channel"]], "provinsi": np.array(PROVINCES)[orders["province"]],
        "pertanyaan": np.where(nps, "nps", "csat"), "skor": np.where(nps, nps_score, csat_score),
    })
    return out.sort_values(["tanggal", "id_pelanggan"], kind="stable").reset_index(drop=True)


def generate() -> dict[str, pd.DataFrame]:
    """Build the five datasets, keyed by file stem, each from its own child seed."""
    orders_rng, leads_rng, spend_rng, social_rng, survey_rng = (
        np.random.default_rng(s) for s in np.random.SeedSequence(SEED).spawn(5))
    orders, lines = make_orders(orders_rng)
    social = pd.concat([platform_days(social_rng, p) for p in SOCIAL], ignore_index=True)
    social = social.sort_values(["tanggal", "platform"], kind="stable")
    return {"orders": orders, "leads": make_leads(leads_rng), "spend": make_spend(spend_rng),
            "social": social, "survey": make_survey(survey_rng, lines)}


def main(argv: Sequence[str] | None = None) -> int:
    """Write the CSV files into ``--out`` (default: this script's folder)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parent)
    out = parser.parse_args(argv).out
    out.mkdir(parents=True, exist_ok=True)
    for name, df in generate().items():
        df.to_csv(out / f"{name}.csv", index=False, lineterminator="\n", encoding="utf-8")
        sys.stdout.write(f"{name}.csv: {len(df)} rows\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
