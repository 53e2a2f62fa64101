"""Attribution of a KPI's change to segments: contributions, mix and rate effects, surprise and tests.

Pure numpy over the sums that :mod:`kpi.segments` fetches, so it can be
checked against plain formulas. Every function takes the segment sums and the
totals for both spans (current ``c``, baseline ``b``):

- ``x``, ``y``: the KPI's value (additive KPIs) or numerator and denominator;
- ``xx``, ``yy``, ``xy``: sums of squares and cross products over rows, for variances.

Contributions
    Additive KPIs: a segment's change. Ratio KPIs ``R = scale * N / D`` with
    segment weights ``w = D_i / D`` and rates ``r = scale * N_i / D_i``:
    ``rate = (r' - r)(w + w') / 2`` and ``mix = (w' - w)((r + r') / 2 - (R + R') / 2)``.
    Over any partition both add up to ``R' - R`` exactly (the mean rate
    subtracted from the mix term sums to zero because the weights do).

Tests
    Whether a segment changed differently from the rest of the data (the total
    minus the segment), by the delta method with variances from the rows
    (compound Poisson: a sum's variance is the sum of its rows' squares).
    Additive KPIs: the segment's current value against its baseline grown at
    the rest's rate. Ratio KPIs: the rate's change against the rest's (rate
    effect), and the mix effect against zero; the smaller p-value counts,
    doubled (Bonferroni over the two).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import stats

__all__ = ["CHI2_MEDIAN", "Sums", "decompose", "segment_tests", "surprise", "z_inflation"]


@dataclass(frozen=True)
class Sums:
    """Per-segment sums of one span (arrays of one length) and the same sums of the total (floats)."""

    x: np.ndarray
    xx: np.ndarray
    y: np.ndarray
    yy: np.ndarray
    xy: np.ndarray
    #: Rows behind the sums; with them a sum's variance pools both spans (see :func:`_additive_z`).
    n: np.ndarray | None = None


def _div(a: np.ndarray | float, b: np.ndarray | float) -> np.ndarray:
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(np.asarray(b) != 0, np.asarray(a, dtype=float) / np.where(np.asarray(b) != 0, b, 1), np.nan)


def surprise(p: np.ndarray, q: np.ndarray) -> np.ndarray:
    """Each segment's term of the Jensen-Shannon divergence between shares ``p`` (before) and ``q`` (after).

    Examples
    --------
    >>> surprise(np.array([0.5, 0.5]), np.array([0.5, 0.5])).tolist()
    [0.0, 0.0]
    >>> round(float(surprise(np.array([0.2]), np.array([0.1]))[0]), 5)
    0.00849
    """
    p, q = np.clip(np.asarray(p, float), 0, None), np.clip(np.asarray(q, float), 0, None)
    m = (p + q) / 2
    with np.errstate(divide="ignore", invalid="ignore"):
        a = np.where(p > 0, p * np.log(np.where(p > 0, p, 1) / np.where(m > 0, m, 1)), 0.0)
        b = np.where(q > 0, q * np.log(np.where(q > 0, q, 1) / np.where(m > 0, m, 1)), 0.0)
    return 0.5 * (a + b)


def decompose(cur: Sums, base: Sums, tc: Sums, tb: Sums, ratio: bool, scale: float = 1.0) -> dict[str, np.ndarray]:
    """Values, weights, contributions (and mix/rate effects) and surprise of each segment.

    ``tc`` and ``tb`` are the totals' sums (floats). Returns arrays ``baseline, current, change,
    baseline_weight, current_weight, contribution, mix_effect, rate_effect, excess, surprise,
    rest_baseline, rest_current``.

    Examples
    --------
    >>> one = lambda *v: Sums(*(np.array(v_, float) for v_ in v))
    >>> base = one([10, 30], [10, 30], [100, 100], [100, 100], [10, 30])
    >>> cur = one([5, 30], [5, 30], [100, 100], [100, 100], [5, 30])
    >>> tot = lambda s: Sums(*(float(a.sum()) for a in (s.x, s.xx, s.y, s.yy, s.xy)))
    >>> out = decompose(cur, base, tot(cur), tot(base), ratio=True)
    >>> out["rate_effect"].round(3).tolist(), float(out["contribution"].sum())
    ([-0.025, 0.0], -0.025)
    """
    if not ratio:
        wb, wc = _safe(_div(base.x, tb.x)), _safe(_div(cur.x, tc.x))
        change = cur.x - base.x
        total = tc.x - tb.x
        out = {"baseline": base.x.astype(float), "current": cur.x.astype(float), "change": change,
               "baseline_weight": wb, "current_weight": wc, "contribution": change,
               "mix_effect": np.full(len(change), np.nan), "rate_effect": np.full(len(change), np.nan),
               "surprise": surprise(wb, wc), "rest_baseline": tb.x - base.x, "rest_current": tc.x - cur.x}
    else:
        rb, rc = scale * _div(base.x, base.y), scale * _div(cur.x, cur.y)
        # A segment absent from one span takes its other span's rate: its whole change is then mix.
        rb, rc = np.where(np.isnan(rb), rc, rb), np.where(np.isnan(rc), rb, rc)
        rb, rc = np.nan_to_num(rb), np.nan_to_num(rc)
        wb, wc = _safe(_div(base.y, tb.y)), _safe(_div(cur.y, tc.y))
        big_rb, big_rc = scale * float(_div(tb.x, tb.y)), scale * float(_div(tc.x, tc.y))
        mean_rate = (np.nan_to_num(big_rb) + np.nan_to_num(big_rc)) / 2
        rate = (rc - rb) * (wb + wc) / 2
        mix = (wc - wb) * ((rb + rc) / 2 - mean_rate)
        total = big_rc - big_rb
        shares = surprise(_safe(_div(base.x, tb.x)), _safe(_div(cur.x, tc.x))) + surprise(wb, wc)
        out = {"baseline": scale * _div(base.x, base.y), "current": scale * _div(cur.x, cur.y), "change": rc - rb,
               "baseline_weight": wb, "current_weight": wc, "contribution": mix + rate, "mix_effect": mix,
               "rate_effect": rate, "surprise": shares,
               "rest_baseline": scale * _div(tb.x - base.x, tb.y - base.y),
               "rest_current": scale * _div(tc.x - cur.x, tc.y - cur.y)}
        out["change"] = out["current"] - out["baseline"]
    out["excess"] = out["contribution"] - (wb + wc) / 2 * total
    return out


def _safe(a: np.ndarray) -> np.ndarray:
    return np.nan_to_num(np.asarray(a, dtype=float))


def _rate_var(x: np.ndarray, xx: np.ndarray, y: np.ndarray, yy: np.ndarray, xy: np.ndarray) -> np.ndarray:
    """Delta-method variance of ``x / y`` from row sums."""
    r = _div(x, y)
    return _div(xx - 2 * r * xy + r * r * yy, y * y)


def _pooled(sc: np.ndarray, vsc: np.ndarray, nc: np.ndarray, sb: np.ndarray, vsb: np.ndarray,
            nb: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Variances of two sums from their rows' mean square relative to their mean, pooled over both spans.

    ``sum(x^2) / sum(x)^2`` within one span is low exactly when the sum is low by chance (few large
    orders), which makes a drop look surer than it is; pooled, the squared coefficient of variation
    of a row is taken from both spans, and each span's variance is its sum squared times that over rows.
    """
    rows = nc + nb
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = (vsc + vsb) * rows / (sc + sb) ** 2
    ok = np.isfinite(ratio) & (nc > 0) & (nb > 0)
    return (np.where(ok, sc * sc * _div(ratio, nc), vsc), np.where(ok, sb * sb * _div(ratio, nb), vsb))


def _additive_z(sc: np.ndarray, vsc: np.ndarray, sb: np.ndarray, vsb: np.ndarray, tc: float, vtc: float, tb: float,
                vtb: float, nc: np.ndarray | None = None, nb: np.ndarray | None = None, tnc: float = 0.0,
                tnb: float = 0.0) -> np.ndarray:
    """z of the segment's growth ``sc / sb`` against the rest's (``(tc - sc) / (tb - sb)``).

    On the log scale when all four sums have one sign (sums of skewed amounts are better behaved as
    logs); otherwise (a segment of returns against a rest of sales) ``sc`` against ``sb`` grown at the
    rest's rate.
    """
    rc, rb = tc - sc, tb - sb
    vrc, vrb = np.clip(vtc - vsc, 0, None), np.clip(vtb - vsb, 0, None)
    if nc is not None and nb is not None:
        vsc, vsb = _pooled(sc, vsc, nc, sb, vsb, nb)
        vrc, vrb = _pooled(rc, vrc, tnc - nc, rb, vrb, tnb - nb)
    ok = (rc > 0) & (rb > 0)
    # Returns are negative sums: a segment and a rest of returns compare like positive ones.
    positive = (rc * rb > 0) & (sc * sb > 0) & (sc * rc > 0)
    with np.errstate(divide="ignore", invalid="ignore"):
        # Signed so that z > 0 means "rose more than the rest" for negative sums too.
        logs = np.sign(sc) * (np.log(np.where(positive, sc * rb, 1.0)) - np.log(np.where(positive, sb * rc, 1.0)))
        log_var = _div(vsc, sc * sc) + _div(vsb, sb * sb) + _div(vrc, rc * rc) + _div(vrb, rb * rb)
    g = _div(rc, np.where(ok, rb, np.nan))
    var = vsc + g * g * vsb + sb * sb * g * g * (_div(vrc, rc * rc) + _div(vrb, rb * rb))
    plain = np.where(ok & (var > 0), _div(sc - g * sb, np.sqrt(np.where(var > 0, var, 1))), np.nan)
    return np.where(positive & (log_var > 0), _div(logs, np.sqrt(np.where(log_var > 0, log_var, 1))), plain)


def segment_tests(cur: Sums, base: Sums, tc: Sums, tb: Sums, ratio: str | None,
                  inflation: float = 1.0) -> dict[str, np.ndarray]:
    """``statistic``, ``pvalue`` and ``test`` (``"total"``, ``"rate"`` or ``"mix"``) per segment.

    ``ratio`` is ``None`` for additive KPIs, else how rates are compared: ``"proportion"`` (the
    relative change, binomial variances of rates smoothed by half a success), ``"log"`` (the relative
    change, for ratios such as ROAS or AOV) or ``"difference"`` (the change in the KPI's units, for
    NPS, which can be negative). Relative changes let a common trend that cuts every segment's rate
    by the same percentage pass as no difference.
    ``inflation`` divides every z^2 (genomic control, see :func:`kpi.rootcause.explain`).
    NaN where a segment cannot be tested (it is the whole data, the rest is empty in a span, or a
    relative change has a zero rate).
    """
    if ratio is None:
        rows = {} if cur.n is None or base.n is None else {"nc": cur.n, "nb": base.n, "tnc": tc.n, "tnb": tb.n}
        z = _additive_z(cur.x, cur.xx, base.x, base.xx, tc.x, tc.xx, tb.x, tb.xx, **rows) / np.sqrt(inflation)
        return {"statistic": z, "pvalue": _two_sided(z), "test": np.full(len(z), "total", dtype=object)}
    # Rate: the segment's rate change minus the rest's.
    rest = {side: Sums(t.x - s.x, t.xx - s.xx, t.y - s.y, t.yy - s.yy, t.xy - s.xy)
            for side, s, t in (("c", cur, tc), ("b", base, tb))}
    groups = [cur, base, rest["c"], rest["b"]]
    rates = [_div(g.x, g.y) for g in groups]
    if ratio == "proportion":
        # Binomial, with half a success added so that a rate of 0 still has a logarithm and a variance.
        rates = [_div(g.x + 0.5, g.y + 1) for g in groups]
        variances = [_div(p * (1 - p), g.y) for p, g in zip(rates, groups, strict=True)]
    else:
        variances = [_rate_var(g.x, g.xx, g.y, g.yy, g.xy) for g in groups]
    if ratio in ("log", "proportion"):
        with np.errstate(divide="ignore", invalid="ignore"):
            positive = np.all([r > 0 for r in rates], axis=0)
            logs = [np.log(np.where(positive, r, 1.0)) for r in rates]
            variances = [np.where(positive, _div(v, r * r), np.nan) for v, r in zip(variances, rates, strict=True)]
        diff = np.where(positive, (logs[0] - logs[1]) - (logs[2] - logs[3]), np.nan)
    else:
        diff = (rates[0] - rates[1]) - (rates[2] - rates[3])
    var = sum(variances)
    z_rate = np.where(var > 0, _div(diff, np.sqrt(np.where(var > 0, var, 1) * inflation)), np.nan)
    parts = [(cur, "c"), (base, "b")]
    rates = {"c": _div(cur.x, cur.y), "b": _div(base.x, base.y)}
    # Mix: the segment's shift in weight times its rate's distance from the mean rate.
    weights, wvar = {}, {}
    for s, k in parts:
        t = tc if k == "c" else tb
        other = t.y - s.y
        weights[k] = _div(s.y, t.y)
        wvar[k] = _div(other * other * s.yy + s.y * s.y * np.clip(t.yy - s.yy, 0, None), t.y ** 4)
    mean_rate = (float(_div(tc.x, tc.y)) + float(_div(tb.x, tb.y))) / 2
    seg_rate = (np.nan_to_num(rates["c"]) + np.nan_to_num(rates["b"])) / 2
    shift = weights["c"] - weights["b"]
    vrates = (_rate_var(cur.x, cur.xx, cur.y, cur.yy, cur.xy) + _rate_var(base.x, base.xx, base.y, base.yy, base.xy))
    mix_var = (seg_rate - mean_rate) ** 2 * (wvar["c"] + wvar["b"]) + shift ** 2 * np.nan_to_num(vrates) / 4
    mix = shift * (seg_rate - mean_rate)
    z_mix = np.where(mix_var > 0, _div(mix, np.sqrt(np.where(mix_var > 0, mix_var, 1) * inflation)), np.nan)
    p_rate, p_mix = _two_sided(z_rate), _two_sided(z_mix)
    both = ~np.isnan(p_rate) & ~np.isnan(p_mix)
    use_mix = np.where(both, p_mix < p_rate, np.isnan(p_rate) & ~np.isnan(p_mix))
    p = np.where(use_mix, p_mix, p_rate)
    p = np.where(both, np.minimum(1.0, 2 * p), p)
    return {"statistic": np.where(use_mix, z_mix, z_rate), "pvalue": p,
            "test": np.where(use_mix, "mix", "rate").astype(object)}


def _two_sided(z: np.ndarray) -> np.ndarray:
    z = np.asarray(z, dtype=float)
    return np.where(np.isnan(z), np.nan, 2 * stats.norm.sf(np.abs(np.nan_to_num(z))))


#: The median of a chi-square with one degree of freedom: the median z^2 of tests where nothing changed.
CHI2_MEDIAN = 0.454936423119572


def z_inflation(z: np.ndarray) -> float:
    """How much more the z-statistics vary than they should when (almost) nothing changed.

    Real segments vary more than independent rows would (a big customer, a day's promotion), and
    hundreds of segments are tested at once; the median z^2 over them measures the excess (genomic
    control, Devlin and Roeder 1999) and is robust to the few segments that really changed. At least 1:
    it never makes the tests bolder.

    Examples
    --------
    >>> z = np.random.default_rng(0).normal(0, 1.5, 5000)   # spread 1.5 times too wide: 1.5^2 = 2.25
    >>> round(z_inflation(z), 1), z_inflation(z / 1.5) == 1.0 or round(z_inflation(z / 1.5), 2)
    (2.3, 1.02)
    """
    z = z[np.isfinite(z)]
    return max(1.0, float(np.median(z * z)) / CHI2_MEDIAN) if len(z) >= 20 else 1.0
