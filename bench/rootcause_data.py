"""Planted-cause datasets for the root-cause bench (:mod:`rootcause_bench`, issue 6): a cause, where, how big.

Not a test. Pure numpy/pandas, deterministic from a seed. Each :func:`planted` case is one marketing-like
dataset over two spans of four weeks (baseline, then current), daily dates:

- **dimensions**: 4-6 of :data:`DIMENSIONS` (seeded choice), 3-12 values each (as many as the dimension has),
  with skewed shares (Zipf, exponent 0.6-1.4, values in a random order), independent of each other, so that no
  segment of one dimension has the same rows as a segment of another;
- **volume**: 20k-60k rows in the baseline span (log-uniform; 5k-15k a week), a weekday pattern (busier
  or quieter weekends, up to +-20%), and a common volume trend of -15%..+15% into the current span;
- **leads** (``conversion_rate`` or ``leads``): a base conversion of 8-15%, times a factor per value of every
  dimension (log-sd 0.05-0.35 per dimension, weighted mean 1 within the dimension), so single segments convert
  at roughly 5-25%; a common conversion trend of -15%..+15% (relative) into the current span, the same for
  every row;
- **orders** (``revenue``): one row per order, lognormal amounts (mean Rp 150-500 ribu, log-sd 0.6-1.0), a
  mean factor per value of every dimension (log-sd 0-0.25, weighted mean 1) and a common amount trend of
  -10%..+10%, rounded to Rp 100.

The cause, only in the current span, in one segment (one dimension's value) or, a third of the time, in a
combination of two dimensions' values, holding 3-25% of the baseline rows:

- ``rate_drop`` (``conversion_rate``): the segment converts x0.4-0.7 of what it would;
- ``volume_drop`` (``revenue`` two times in three, else ``leads``): the segment has x0.4-0.7 of the rows it
  would;
- ``mix_shift`` (``conversion_rate``): the segment, which converts at 40-70% of the overall rate in both spans
  (set so by the generator: its factor, or an interaction for a pair), has x1.8-3 the rows it would.

``kind="null"`` gives the same data with no cause (the common trends still apply; the metric is
``conversion_rate`` half the time, ``revenue`` a third, ``leads`` a sixth).

:attr:`Case.params` holds every drawn parameter, and :attr:`Case.oracle_z` (:func:`oracle_z`) the z of the planted effect at the data's
expected values (true conversion probabilities and amount means summed over the rows drawn): how detectable the
cause is, whatever the method ranks first.

Examples
--------
>>> case = planted(3, "rate_drop", combo=False, rows=5000)
>>> case.metric, case.kind, case.effect, len(case.cause), 4 <= len(case.dims) <= 6
('conversion_rate', 'leads', 'rate_drop', 1, True)
>>> case.frame.columns[:2].tolist(), case.mapping["converted"]
(['tanggal', 'id_prospek'], 'konversi')
>>> planted(3, "null", rows=5000).cause is None
True
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from itertools import combinations
from typing import Any

import numpy as np
import pandas as pd

__all__ = ["DIMENSIONS", "EFFECTS", "TEXT", "Case", "oracle_z", "planted"]

#: Marketing-like dimensions and their values (a case takes 4-6 of them and 3-12 of their values).
DIMENSIONS: dict[str, tuple[str, ...]] = {
    "kanal": ("Instagram", "TikTok", "WhatsApp", "Google Ads", "Facebook", "Shopee", "Tokopedia", "Referral",
              "Website", "Email", "YouTube", "Offline"),
    "provinsi": ("DKI Jakarta", "Jawa Barat", "Jawa Timur", "Jawa Tengah", "Banten", "Sumatera Utara", "Bali",
                 "Sulawesi Selatan", "DI Yogyakarta", "Kalimantan Timur", "Riau", "Lampung"),
    "kampanye": ("Ramadan Sale", "Payday", "Harbolnas", "Brand Awareness", "Retargeting", "Produk Baru",
                 "Flash Sale", "Gratis Ongkir", "Bundling", "Loyalty"),
    "perangkat": ("Android", "iOS", "Desktop", "Tablet"),
    "kategori": ("Fashion", "Kecantikan", "Elektronik", "Rumah Tangga", "Makanan", "Olahraga", "Mainan", "Buku",
                 "Kesehatan"),
    "usia": ("18-24", "25-34", "35-44", "45-54", "55+"),
    "pelanggan": ("Baru", "Lama", "Reseller"),
    "tim_sales": ("Andi", "Budi", "Sari", "Dewi", "Rina", "Eko", "Fajar", "Gita", "Hendra", "Intan", "Joko"),
}
#: The planted effects and the metric each is measured on (``volume_drop``: revenue 2/3, leads 1/3).
EFFECTS = ("rate_drop", "volume_drop", "mix_shift")
SHARE = (0.03, 0.25)  # the cause's share of the baseline rows
FACTOR = {"rate_drop": (0.4, 0.7), "volume_drop": (0.4, 0.7), "mix_shift": (1.8, 3.0)}
MIX_RATE = (0.4, 0.7)  # a mix-shift segment's conversion relative to the overall rate
ROWS = (20_000, 60_000)  # rows in the baseline span (log-uniform)
WEEKS = 4
#: Text columns as Arrow strings: DuckDB reads them as VARCHAR straight from Arrow (plain ``str`` columns are
#: converted value by value on import, which takes longer than the rest of the import).
TEXT = pd.StringDtype("pyarrow")
FIRST = dt.date(2025, 1, 6)  # a Monday; the baseline starts 0-60 weeks later


@dataclass(frozen=True)
class Case:
    """One generated dataset, what was planted in it, and how to ask :meth:`kpi.Workspace.explain` about it."""

    seed: int
    frame: pd.DataFrame = field(repr=False)
    #: the dataset kind to import as: ``"leads"`` or ``"orders"``
    kind: str
    #: ``"conversion_rate"``, ``"revenue"`` or ``"leads"``
    metric: str
    mapping: dict[str, str]
    dims: list[str]
    #: the planted segment ``{dimension: value}``, or ``None`` for a null case
    cause: dict[str, str] | None
    #: ``"rate_drop"``, ``"volume_drop"``, ``"mix_shift"`` or ``None``
    effect: str | None
    current: tuple[str, str]
    baseline: tuple[str, str]
    params: dict[str, Any] = field(repr=False)
    #: the planted segment's test statistic at expected values (NaN for null cases)
    oracle_z: float = float("nan")
    #: each row's expected ``x`` (conversion probability, mean amount, or 1 for a lead), in ``frame`` order
    expected: np.ndarray = field(default=None, repr=False)  # type: ignore[assignment]

    @property
    def combo(self) -> bool:
        """Whether the cause is a combination of two dimensions."""
        return self.cause is not None and len(self.cause) == 2


def _shares(rng: np.random.Generator, k: int) -> np.ndarray:
    """Zipf-like shares of ``k`` values in a random order."""
    s = rng.uniform(0.6, 1.4)
    p = 1.0 / np.arange(1, k + 1) ** s
    return rng.permutation(p / p.sum())


def _factors(rng: np.random.Generator, shares: np.ndarray, sd: float) -> np.ndarray:
    """Multiplicative effects of a dimension's values, weighted mean 1."""
    f = np.exp(rng.normal(0.0, sd, len(shares)))
    return f / (shares @ f)


def _candidates(shares: list[np.ndarray], combo: bool) -> list[tuple[tuple[int, int], ...]]:
    """Segments ``((dim, value), ...)`` whose share of the rows is within :data:`SHARE`."""
    out = []
    if not combo:
        for d, p in enumerate(shares):
            out += [((d, v),) for v in range(len(p)) if SHARE[0] <= p[v] <= SHARE[1]]
        return out
    for d1, d2 in combinations(range(len(shares)), 2):
        joint = np.outer(shares[d1], shares[d2])
        out += [((d1, int(a)), (d2, int(b))) for a, b in zip(*np.nonzero((joint >= SHARE[0]) & (joint <= SHARE[1])),
                                                             strict=True)]
    return out


def planted(seed: int, kind: str | None = None, *, combo: bool | None = None, rows: int | None = None) -> Case:
    """One dataset with a cause planted in the current span (or none), the same for the same arguments.

    Parameters
    ----------
    seed
        Decides every random choice.
    kind
        The effect: ``"rate_drop"``, ``"volume_drop"``, ``"mix_shift"``, ``"null"`` (no cause), or ``None``
        (one of the three effects, drawn from the seed).
    combo
        Plant the cause in a combination of two dimensions (``True``), in one segment (``False``), or draw
        (``None``: a combination one time in three).
    rows
        Rows in the baseline span instead of the drawn 20k-60k.
    """
    rng = np.random.default_rng([seed, 6])
    effect = EFFECTS[int(rng.integers(3))] if kind is None else (None if kind == "null" else kind)
    if effect not in (*EFFECTS, None):
        raise ValueError(f"unknown effect {kind!r}")
    combo_draw = rng.random() < 1 / 3
    combo = bool(combo_draw if combo is None else combo) and effect is not None
    metric_draw = rng.random()
    if effect == "volume_drop":
        metric = "revenue" if metric_draw < 2 / 3 else "leads"
    elif effect is None:
        metric = "conversion_rate" if metric_draw < 1 / 2 else "revenue" if metric_draw < 5 / 6 else "leads"
    else:
        metric = "conversion_rate"
    orders = metric == "revenue"

    # Dimensions: 4-6 of the catalogue, 3-12 values each, Zipf shares; redrawn until a cause fits.
    for _ in range(100):
        names = sorted(rng.choice(list(DIMENSIONS), int(rng.integers(4, 7)), replace=False).tolist(),
                       key=list(DIMENSIONS).index)
        values = [rng.permutation(DIMENSIONS[d])[:int(rng.integers(3, len(DIMENSIONS[d]) + 1))].tolist()
                  for d in names]
        shares = [_shares(rng, len(v)) for v in values]
        options = _candidates(shares, combo) if effect else [()]
        if options:
            break
    else:  # pragma: no cover - does not happen with these ranges
        raise RuntimeError(f"no segment with a share in {SHARE} for seed {seed}")
    target = options[int(rng.integers(len(options)))]
    share = float(np.prod([shares[d][v] for d, v in target])) if target else float("nan")
    factor = float(rng.uniform(*FACTOR[effect])) if effect else 1.0

    n_base = int(round(np.exp(rng.uniform(np.log(ROWS[0]), np.log(ROWS[1]))))) if rows is None else int(rows)
    trend_volume = float(rng.uniform(-0.15, 0.15))
    trend_rate = float(rng.uniform(-0.15, 0.15))
    trend_amount = float(rng.uniform(-0.10, 0.10))
    base_rate = float(rng.uniform(0.08, 0.15))
    rate_sd = rng.uniform(0.05, 0.35, len(names))
    rate_f = [_factors(rng, p, sd) for p, sd in zip(shares, rate_sd, strict=True)]
    amount_mean = float(rng.uniform(150_000, 500_000))
    amount_sd = float(rng.uniform(0.6, 1.0))
    amount_f = [_factors(rng, p, sd) for p, sd in zip(shares, rng.uniform(0.0, 0.25, len(names)), strict=True)]
    weekday = np.r_[np.zeros(5), np.full(2, rng.uniform(-0.2, 0.2))]
    interaction = 1.0
    if effect == "mix_shift":  # a segment that converts clearly below the average, in both spans
        relative = float(rng.uniform(*MIX_RATE))
        if len(target) == 1:
            d, v = target[0]
            f = rate_f[d]
            others = float(f @ shares[d] - f[v] * shares[d][v])  # keep the dimension's weighted mean at 1
            f = f * (1.0 - relative * shares[d][v]) / others
            f[v] = relative
            rate_f[d] = f
        else:
            (d1, a), (d2, b) = target
            interaction = relative / (rate_f[d1][a] * rate_f[d2][b])

    start = FIRST + dt.timedelta(weeks=int(rng.integers(0, 61)))
    days = WEEKS * 7
    spans = {"b": (start, start + dt.timedelta(days=days - 1)),
             "c": (start + dt.timedelta(days=days), start + dt.timedelta(days=2 * days - 1))}

    def draw(n: int) -> np.ndarray:
        return np.column_stack([rng.choice(len(p), n, p=p) for p in shares]) if n else np.zeros((0, len(shares)), int)

    def inside(codes: np.ndarray) -> np.ndarray:
        hit = np.ones(len(codes), bool)
        for d, v in target:
            hit &= codes[:, d] == v
        return hit if target else np.zeros(len(codes), bool)

    base_codes = draw(int(rng.poisson(n_base)))
    cur_codes = draw(int(rng.poisson(n_base * (1 + trend_volume))))
    if effect == "volume_drop":
        hit = inside(cur_codes)
        cur_codes = cur_codes[~hit | (rng.random(len(cur_codes)) < factor)]
    elif effect == "mix_shift":
        extra = draw(int(rng.poisson(n_base * (1 + trend_volume) * share * (factor - 1))))
        for d, v in target:
            extra[:, d] = v
        cur_codes = np.vstack([cur_codes, extra])
    codes = np.vstack([base_codes, cur_codes])
    current = np.r_[np.zeros(len(base_codes), bool), np.ones(len(cur_codes), bool)]
    n = len(codes)
    hit = inside(codes)

    # Dates: a day of the span, weekends weighted.
    week = np.exp(np.tile(weekday, WEEKS))
    day = rng.choice(days, n, p=week / week.sum())
    first = np.where(current, np.datetime64(spans["c"][0]), np.datetime64(spans["b"][0]))
    dates = first + day.astype("timedelta64[D]")

    frame: dict[str, Any] = {"tanggal": dates}
    if orders:
        mean = amount_mean * np.prod([f[codes[:, d]] for d, f in enumerate(amount_f)], axis=0)
        mean = mean * np.where(current, 1 + trend_amount, 1.0)
        amount = np.round(mean * np.exp(rng.normal(-amount_sd**2 / 2, amount_sd, n)), -2)
        frame["no_pesanan"] = np.char.add("INV", np.arange(1, n + 1).astype(str))
        expected = {"x": mean, "xx": mean**2 * np.exp(amount_sd**2)}
        mapping = {"date": "tanggal", "order_id": "no_pesanan", "amount": "nilai"}
    else:
        rate = base_rate * np.prod([f[codes[:, d]] for d, f in enumerate(rate_f)], axis=0)
        if effect == "mix_shift" and len(target) == 2:
            rate = np.where(hit, rate * interaction, rate)
        rate = rate * np.where(current, 1 + trend_rate, 1.0)
        if effect == "rate_drop":
            rate = np.where(hit & current, rate * factor, rate)
        rate = np.clip(rate, 0.005, 0.9)
        frame["id_prospek"] = np.char.add("L", np.arange(1, n + 1).astype(str))
        if metric == "leads":
            expected = {"x": np.ones(n), "xx": np.ones(n)}
        else:
            expected = {"x": rate, "xx": rate}
        mapping = {"date": "tanggal", "lead_id": "id_prospek", "converted": "konversi"}
    for d, name in enumerate(names):
        frame[name] = pd.array(np.asarray(values[d], dtype=object)[codes[:, d]], dtype=TEXT)
    if orders:
        frame["nilai"] = amount
    else:
        frame["konversi"] = rng.random(n) < rate
    df = pd.DataFrame(frame)
    for col in ("no_pesanan", "id_prospek"):
        if col in df:
            df[col] = df[col].astype(TEXT)
    # Rows as an export would have them: by date, shuffled within a day.
    order = rng.permutation(n)
    order = order[np.argsort(dates[order], kind="stable")]
    df = df.iloc[order].reset_index(drop=True)

    cause = {names[d]: values[d][v] for d, v in target} if target else None
    params = {"names": names, "values": values, "shares": [p.tolist() for p in shares], "share": share,
              "factor": factor, "rows_base": int(len(base_codes)), "rows_current": int(len(cur_codes)),
              "trend_volume": trend_volume, "trend_rate": trend_rate, "trend_amount": trend_amount,
              "base_rate": base_rate, "rate_sd": rate_sd.tolist(), "amount_mean": amount_mean,
              "amount_sd": amount_sd, "weekend": float(weekday[-1]), "interaction": interaction,
              "rate_factors": [f.tolist() for f in rate_f], "amount_factors": [f.tolist() for f in amount_f]}
    z = oracle_z(hit, current, expected, effect) if target else float("nan")
    span = {k: (lo.isoformat(), hi.isoformat()) for k, (lo, hi) in spans.items()}
    return Case(seed, df, "orders" if orders else "leads", metric, mapping, names, cause, effect, span["c"],
                span["b"], params, z, expected["x"][order])


def oracle_z(hit: np.ndarray, current: np.ndarray, expected: dict[str, np.ndarray], effect: str) -> float:
    """How detectable the planted cause is: the z of its effect at expected values, whatever the method does.

    The sums are of each row's expected ``x`` (conversion probability, amount mean, or 1 for a lead) and ``xx``
    (expected square) over the rows drawn, so the noise of the outcomes (conversions, amounts) is left out; the
    variances are the outcomes' (binomial, compound Poisson). Written out here, not taken from :mod:`kpi`, so that
    it measures the data, not the method:

    - ``rate_drop``: the segment's change in conversion minus the rest's, over its binomial standard error;
    - ``mix_shift``: the segment's mix effect ``(w' - w)((r + r') / 2 - (R + R') / 2)`` over its delta-method
      standard error (weights binomial over the rows, rates binomial);
    - ``volume_drop``: the segment's current total against its baseline total grown at the rest's rate.
    """
    seg = {"c": hit & current, "b": hit & ~current}
    rest = {"c": ~hit & current, "b": ~hit & ~current}

    def total(mask: np.ndarray, key: str) -> float:
        return float(expected[key][mask].sum())

    if effect == "volume_drop":
        sc, sb, rc, rb = (total(m, "x") for m in (seg["c"], seg["b"], rest["c"], rest["b"]))
        vsc, vsb, vrc, vrb = (total(m, "xx") for m in (seg["c"], seg["b"], rest["c"], rest["b"]))
        g = rc / rb
        var = vsc + g * g * vsb + sb * sb * g * g * (vrc / rc**2 + vrb / rb**2)
        return float((sc - g * sb) / np.sqrt(var))
    n = {k: float(m.sum()) for k, m in (("sc", seg["c"]), ("sb", seg["b"]), ("rc", rest["c"]), ("rb", rest["b"]))}
    p = {k: total(m, "x") / n[k] for k, m in (("sc", seg["c"]), ("sb", seg["b"]), ("rc", rest["c"]),
                                              ("rb", rest["b"]))}
    if effect == "rate_drop":
        var = sum(p[k] * (1 - p[k]) / n[k] for k in n)
        return float(((p["sc"] - p["sb"]) - (p["rc"] - p["rb"])) / np.sqrt(var))
    big_c = (p["sc"] * n["sc"] + p["rc"] * n["rc"]) / (n["sc"] + n["rc"])
    big_b = (p["sb"] * n["sb"] + p["rb"] * n["rb"]) / (n["sb"] + n["rb"])
    wc, wb = n["sc"] / (n["sc"] + n["rc"]), n["sb"] / (n["sb"] + n["rb"])
    distance = (p["sc"] + p["sb"]) / 2 - (big_c + big_b) / 2
    var_w = wc * (1 - wc) / (n["sc"] + n["rc"]) + wb * (1 - wb) / (n["sb"] + n["rb"])
    var_r = p["sc"] * (1 - p["sc"]) / n["sc"] + p["sb"] * (1 - p["sb"]) / n["sb"]
    var = distance**2 * var_w + (wc - wb) ** 2 * var_r / 4
    return float((wc - wb) * distance / np.sqrt(var))
