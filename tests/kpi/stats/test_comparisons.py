"""kpi.stats.comparisons: known answers, calibration by simulation, thin data, bad arguments, sentences.

Known answers come from independent sources:

- Newcombe RG (1998). Interval estimation for the difference between independent
  proportions: comparison of eleven methods. Statistics in Medicine 17:873-890,
  Table II, method 10 (published to 4 decimals). Found in the test files of
  capeconomics/mergeron-extra (tests/test_proportions_tests.py, all eight
  examples), petelaud/ratesci (tests/testthat, example (d)) and m-Py/propint
  (tests/testthat/test_Two_Independent_Props_CI.R, examples (a) and (b)).
- Newcombe RG (1998a). Two-sided confidence intervals for the single proportion:
  comparison of seven methods. Statistics in Medicine 17:857-872: Wilson
  intervals of 81/263 and 15/148 (4 decimals; m-Py/propint,
  tests/testthat/test_Single_Proportion_CI.R).
- R's ``poisson.test(c(11, 6+8+7), c(800, 1083+1050+878))`` (the example of its
  help page): p-value = 0.07967, rate ratio 1.971488, 95% CI 0.8584264 to
  4.2772659, as printed by R and quoted in public validation notes; a 60-digit
  computation in another public test suite gives 0.85842640 and 4.27726594.
- Benjamini & Hochberg (1995), JRSS B 57:289-300: their 15 p-values, of which
  the step-up procedure rejects 4 at q = 0.05 (the example of SciPy's
  ``false_discovery_control``).
- SciPy (chi2_contingency, binomtest, ttest_ind, mannwhitneyu,
  false_discovery_control) and formulas recomputed here, to 1e-10 or better.

Calibration: 2,000 seeded replications per test at alpha = 0.05, false-positive
rates within 3-7% and power within 5 points of an independent theory.
"""

from __future__ import annotations

import itertools
import math
from collections import Counter

import numpy as np
import pytest
from scipy import stats as sps

import kpi
from kpi.stats import bootstrap
from kpi.stats.comparisons import (
    Comparison,
    adjust_pvalues,
    compare_counts,
    compare_means,
    compare_proportions,
    compare_ratios,
    compare_totals,
    newcombe_interval,
    wilson_interval,
)
from kpi.stats.intervals import critical_u, shift_interval

REPS, ALPHA, Z = 2000, 0.05, sps.norm.isf(0.025)


def rate(pvalues) -> float:
    return float(np.mean(np.asarray(pvalues) < ALPHA))


# --- known answers -----------------------------------------------------------------

NEWCOMBE_TABLE_II = [  # (x1, n1, x2, n2): 95% interval of p1 - p2, method 10
    ((56, 70, 48, 80), (0.0524, 0.3339)),
    ((9, 10, 3, 10), (0.1705, 0.8090)),
    ((6, 7, 2, 7), (0.0582, 0.8062)),
    ((5, 56, 0, 29), (-0.0381, 0.1926)),
    ((0, 10, 0, 20), (-0.1611, 0.2775)),
    ((0, 10, 0, 10), (-0.2775, 0.2775)),
    ((10, 10, 0, 20), (0.6791, 1.0000)),
    ((10, 10, 0, 10), (0.6075, 1.0000)),
]


@pytest.mark.parametrize(("counts", "published"), NEWCOMBE_TABLE_II)
def test_newcombe_interval_matches_newcombe_1998_table_ii(counts, published):
    low, high = newcombe_interval(*counts)
    assert low == pytest.approx(published[0], abs=5e-5) and high == pytest.approx(published[1], abs=5e-5)


def wilson_formula(x: int, n: int, z: float = Z) -> tuple[float, float]:
    p = x / n
    centre, half = (p + z * z / (2 * n)), z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    return (centre - half) / (1 + z * z / n), (centre + half) / (1 + z * z / n)


@pytest.mark.parametrize(("x", "n", "published"), [(81, 263, (0.2553, 0.3662)), (15, 148, (0.0624, 0.1605))])
def test_wilson_interval_matches_newcombe_1998a_and_the_formula(x, n, published):
    low, high = wilson_interval(x, n)
    assert (low, high) == pytest.approx(published, abs=5e-5)
    assert (low, high) == pytest.approx(wilson_formula(x, n), rel=1e-12)
    ci = sps.binomtest(x, n).proportion_ci(method="wilson")
    assert (low, high) == pytest.approx((ci.low, ci.high), rel=1e-12)


@pytest.mark.parametrize("counts", [(56, 70, 48, 80), (5, 56, 0, 29), (1210, 10000, 980, 10000), (3, 40, 9, 41)])
def test_newcombe_interval_is_square_and_add_of_wilson_intervals(counts):
    x1, n1, x2, n2 = counts
    (l1, u1), (l2, u2), d = wilson_formula(x1, n1), wilson_formula(x2, n2), x1 / n1 - x2 / n2
    expected = (d - math.hypot(x1 / n1 - l1, u2 - x2 / n2), d + math.hypot(u1 - x1 / n1, x2 / n2 - l2))
    assert newcombe_interval(*counts) == pytest.approx(expected, rel=1e-10)


@pytest.mark.parametrize("counts", [(56, 70, 48, 80), (120, 1000, 98, 1000), (1, 30, 9, 35), (450, 500, 430, 520)])
def test_z_test_equals_pearson_chi_square_without_continuity_correction(counts):
    x1, n1, x2, n2 = counts
    res = compare_proportions(x1, n1, x2, n2)
    chi2 = sps.chi2_contingency([[x1, n1 - x1], [x2, n2 - x2]], correction=False)
    assert res.pvalue == pytest.approx(chi2.pvalue, rel=1e-10)
    assert res.statistic**2 == pytest.approx(chi2.statistic, rel=1e-10)
    assert res.interval == newcombe_interval(x1, n1, x2, n2)
    assert (res.current, res.baseline, res.n) == (x1 / n1, x2 / n2, (n1, n2))


def test_poisson_test_matches_r_poisson_test_help_example():
    # R: poisson.test(c(11, 6+8+7), c(800, 1083+1050+878)) -> p-value = 0.07967, CI 0.8584264 4.2772659
    res = compare_counts(11, 6 + 8 + 7, exposure_current=800, exposure_baseline=1083 + 1050 + 878)
    assert res.pvalue == pytest.approx(0.07967, abs=5e-6)
    assert res.pvalue == pytest.approx(sps.binomtest(11, 32, 800 / 3811).pvalue, rel=1e-12)
    assert res.relative + 1 == pytest.approx(1.971488, abs=5e-7)  # the rate ratio
    scale = 800 / 3011  # back from the count scale to the conditional p, then to the rate ratio
    ratio = [p / (1 - p) / scale for p in ((d / 32 + scale) / (1 + scale) for d in res.interval)]
    assert ratio == pytest.approx([0.8584264, 4.2772659], abs=5e-8)
    assert (res.current, res.baseline, res.statistic) == (11, 21, 11)
    assert res.difference == pytest.approx(11 - 21 * scale) and res.interval[0] < res.difference < res.interval[1]


def test_welch_matches_scipy_and_the_satterthwaite_formula():
    rng = np.random.default_rng(20)
    x, y = rng.normal(10, 2, 25), rng.normal(9, 4, 40)
    res = compare_means(x, y, method="welch", alpha=0.1)
    ref = sps.ttest_ind(x, y, equal_var=False)
    assert (res.statistic, res.pvalue) == pytest.approx((ref.statistic, ref.pvalue), rel=1e-12)
    vx, vy = x.var(ddof=1) / x.size, y.var(ddof=1) / y.size
    df = (vx + vy) ** 2 / (vx**2 / (x.size - 1) + vy**2 / (y.size - 1))
    half = sps.t.isf(0.05, df) * math.sqrt(vx + vy)
    assert res.interval == pytest.approx((x.mean() - y.mean() - half, x.mean() - y.mean() + half), rel=1e-10)
    assert res.method == "Welch t-test, Welch-Satterthwaite interval"


def r_wilcox_interval(x, y, alpha):
    """R's wilcox.test(conf.int = TRUE) for untied samples: diffs[qu], diffs[n m - qu + 1], qu = qwilcox(alpha/2)."""
    n, m = len(x), len(y)
    counts = Counter(sum(sum(1 for j in range(n + m) if j not in chosen and j < i) for i in chosen)
                     for chosen in map(set, itertools.combinations(range(n + m), n)))
    total, cdf, qu = sum(counts.values()), 0, None
    for u in sorted(counts):
        cdf += counts[u]
        if cdf / total >= alpha / 2:
            qu = u
            break
    diffs = np.sort(np.subtract.outer(x, y).ravel())
    return qu, (diffs[qu - 1], diffs[n * m - qu])


@pytest.mark.parametrize(("n", "m", "alpha"), [(6, 6, 0.05), (5, 8, 0.05), (8, 8, 0.1), (4, 9, 0.2)])
def test_mann_whitney_matches_scipy_and_r_hodges_lehmann_interval(n, m, alpha):
    rng = np.random.default_rng(n * 100 + m)
    x, y = rng.normal(1, 1, n).round(3), rng.normal(0, 1, m).round(3)
    res = compare_means(x, y, method="mannwhitney", alpha=alpha)
    ref = sps.mannwhitneyu(x, y, alternative="two-sided")
    assert (res.statistic, res.pvalue) == (ref.statistic, pytest.approx(ref.pvalue, rel=1e-12))
    qu, expected = r_wilcox_interval(x, y, alpha)
    assert critical_u(x, y, alpha, exact=True) == qu
    assert res.interval == pytest.approx(expected, abs=1e-12)
    assert res.method.startswith("Mann-Whitney U test (exact)") and res.difference == x.mean() - y.mean()


def test_hodges_lehmann_interval_inverts_scipys_asymptotic_test_with_ties():
    rng = np.random.default_rng(3)
    x, y = rng.normal(0, 1, 60).round(1), rng.normal(0.4, 1, 45).round(1)  # many ties
    low, high = compare_means(x, y, method="mannwhitney").interval
    assert low in np.subtract.outer(x, y) and high in np.subtract.outer(x, y)

    def p(shift):
        return sps.mannwhitneyu(x - shift, y, method="asymptotic").pvalue

    eps = 1e-7
    assert p(low - eps) < ALPHA <= p(low + eps) and p(high + eps) < ALPHA <= p(high - eps)
    assert shift_interval(x, y, ALPHA, exact=False) == (low, high)


def test_mann_whitney_gives_no_shift_interval_for_answers_on_a_three_point_scale():
    rng = np.random.default_rng(4)
    now, before = rng.choice([100.0, 0, -100], (2, 2000), p=[0.6, 0.25, 0.15])
    before = np.where(rng.random(2000) < 0.25, -100.0, before)  # more detractors before
    res = compare_means(now, before, method="mannwhitney")
    # The test rejects every shift, zero (with its ties) and either side of it: no location shift describes
    # the change, so the interval is missing rather than a misleading [0, 0].
    assert res.significant and np.isnan(res.interval).all() and "too many ties" in res.method
    assert res.summary("en", "NPS", "points").endswith("; the difference is significant (p < 0.001).")


def test_adjust_pvalues_matches_benjamini_hochberg_1995():
    ps = [0.0001, 0.0004, 0.0019, 0.0095, 0.0201, 0.0278, 0.0298, 0.0344,
          0.0459, 0.3240, 0.4262, 0.5719, 0.6528, 0.7590, 1.000]
    q = adjust_pvalues(ps)
    assert (q < 0.05).sum() == 4 and (q[:4] < 0.05).all()  # the paper's four rejections
    assert q[:4] == pytest.approx([0.0001 * 15, 0.0004 * 15 / 2, 0.0019 * 15 / 3, 0.0095 * 15 / 4], rel=1e-12)
    np.testing.assert_allclose(q, sps.false_discovery_control(ps), rtol=1e-15)
    np.testing.assert_allclose(adjust_pvalues(ps, "by"), sps.false_discovery_control(ps, method="by"), rtol=1e-15)


def test_adjust_pvalues_leaves_missing_tests_out():
    q = adjust_pvalues([0.01, np.nan, 0.04, 0.03])
    np.testing.assert_allclose(q[[0, 2, 3]], sps.false_discovery_control([0.01, 0.04, 0.03]))
    assert np.isnan(q[1]) and np.isnan(adjust_pvalues([np.nan, np.nan])).all()
    assert adjust_pvalues([]).shape == (0,)


def test_the_bootstrap_is_reproducible_whatever_the_row_order_and_is_the_batch_engine():
    rng = np.random.default_rng(5)
    x, y = rng.gamma(3, 100, 31), rng.gamma(3, 90, 30)
    res = compare_totals(x, y, seed=42, n_boot=999)
    shuffled = compare_totals(x[::-1], rng.permutation(y), seed=42, n_boot=999)  # SQL rows come in any order
    assert (shuffled.pvalue, shuffled.interval, shuffled.statistic) == (res.pvalue, res.interval, res.statistic)
    _, t, p, low, high = bootstrap.bootstrap_t(bootstrap.total_difference(), np.sort(x)[None, :, None],
                                               np.sort(y)[None, :, None], alpha=ALPHA, n_boot=999,
                                               rng=np.random.default_rng(42))
    assert (res.statistic, res.pvalue) == pytest.approx((t[0], p[0]), rel=1e-12)
    assert res.interval == pytest.approx((low[0], high[0]), rel=1e-12)
    assert res.interval[0] < res.difference == x.sum() - y.sum() < res.interval[1]
    assert compare_totals(x, y, seed=43, n_boot=999).interval != res.interval  # other seed, other resamples


def test_means_auto_rules():
    rng = np.random.default_rng(8)
    assert compare_means(rng.normal(size=8), rng.normal(size=30)).method.startswith("Mann-Whitney")
    assert compare_means(rng.normal(size=30), rng.normal(size=30)).method.startswith("Welch")
    skewed = compare_means(rng.lognormal(12, 1, 200), rng.lognormal(12, 1, 180), seed=1)
    assert skewed.method.startswith("symmetric bootstrap-t") and skewed.n == (200, 180)


def test_counts_fall_back_to_the_bootstrap_when_days_are_overdispersed():
    rng = np.random.default_rng(9)
    calm_c, calm_b = rng.poisson(40, 31), rng.poisson(40, 30)
    calm = compare_counts(calm_c.sum(), calm_b.sum(), exposure_current=31, exposure_baseline=30,
                          daily_current=calm_c, daily_baseline=calm_b)
    assert calm.method.startswith("exact conditional Poisson") and calm.n == (31, 30)
    wild_c, wild_b = rng.negative_binomial(2, 2 / 42, 31), rng.negative_binomial(2, 2 / 42, 30)
    wild = compare_counts(wild_c.sum(), wild_b.sum(), exposure_current=31, exposure_baseline=30,
                          daily_current=wild_c, daily_baseline=wild_b, seed=1)
    assert "overdispersed" in wild.method and wild.n == (31, 30)
    assert wild.difference == pytest.approx(wild_c.sum() - wild_b.sum() * 31 / 30)


# --- calibration -------------------------------------------------------------------


def batch(stat, cur, base, seed):
    """p-values of the bootstrap engine for a batch of comparisons (999 resamples each)."""
    _, _, p, low, high = bootstrap.bootstrap_t(stat, cur, base, alpha=ALPHA, n_boot=999,
                                               rng=np.random.default_rng(seed))
    assert np.array_equal(p < ALPHA, (low > 0) | (high < 0))  # the p-value and the interval always agree
    return p


def two_proportion_power(p1, p2, n):
    """Normal-approximation power of the pooled z-test: null SE pooled, alternative SE unpooled, no continuity
    correction (the textbook formula, e.g. Fleiss, Levin & Paik 2003, Statistical Methods for Rates and
    Proportions, ch. 4)."""
    pooled, sd1 = (p1 + p2) / 2, math.sqrt((p1 * (1 - p1) + p2 * (1 - p2)) / n)
    sd0 = math.sqrt(pooled * (1 - pooled) * 2 / n)
    return sps.norm.cdf((abs(p1 - p2) - Z * sd0) / sd1) + sps.norm.cdf((-abs(p1 - p2) - Z * sd0) / sd1)


def test_two_proportion_z_test_is_calibrated():
    rng = np.random.default_rng(101)
    null = [compare_proportions(int(a), 500, int(b), 500).pvalue for a, b in rng.binomial(500, 0.2, (REPS, 2))]
    assert 0.03 <= rate(null) <= 0.07
    xs, xb = rng.binomial(500, 0.26, REPS), rng.binomial(500, 0.20, REPS)
    power = rate([compare_proportions(int(a), 500, int(b), 500).pvalue for a, b in zip(xs, xb)])
    assert power == pytest.approx(two_proportion_power(0.26, 0.20, 500), abs=0.05)


def test_welch_is_calibrated():
    rng = np.random.default_rng(102)
    null = [compare_means(x, y, method="welch").pvalue for x, y in rng.normal(50, 10, (REPS, 2, 30))]
    assert 0.03 <= rate(null) <= 0.07
    shifted = [compare_means(x + 6, y, method="welch").pvalue for x, y in rng.normal(50, 10, (REPS, 2, 30))]
    ncp = 6 / (10 * math.sqrt(2 / 30))  # noncentral t with Welch-Satterthwaite df = 2 (n - 1) for equal n and sigma
    crit = sps.t.isf(0.025, 58)
    assert rate(shifted) == pytest.approx(sps.nct.sf(crit, 58, ncp) + sps.nct.cdf(-crit, 58, ncp), abs=0.05)


def test_mann_whitney_is_calibrated():
    rng = np.random.default_rng(103)
    null = [compare_means(x, y, method="mannwhitney").pvalue for x, y in rng.normal(0, 1, (REPS, 2, 30))]
    assert 0.03 <= rate(null) <= 0.07
    shifted = [compare_means(x + 0.6, y, method="mannwhitney").pvalue for x, y in rng.normal(0, 1, (REPS, 2, 30))]
    # Noether (1987), JASA 82:645-647: power = Phi(sqrt(12 c (1 - c) N) |P(X > Y) - 1/2| - z), P(X > Y) = Phi(d / sqrt 2)
    noether = sps.norm.cdf(math.sqrt(12 * 0.25 * 60) * abs(sps.norm.cdf(0.6 / math.sqrt(2)) - 0.5) - Z)
    assert rate(shifted) == pytest.approx(noether, abs=0.05)


def test_bootstrap_means_is_calibrated_on_skewed_values():
    rng = np.random.default_rng(104)
    orders = rng.gamma(2, 150_000, (2, REPS, 40, 1))  # order values in Rupiah, skewness 1.4
    assert 0.03 <= rate(batch(bootstrap.mean_difference, orders[0], orders[1], seed=1)) <= 0.07


def poisson_test_power(lam_c: float, lam_b: float) -> float:
    """Exact power of the conditional test: the binomial test's rejection region summed over Poisson totals."""
    mean, power = lam_c + lam_b, 0.0
    for total in range(int(sps.poisson.ppf(1e-12, mean)), int(sps.poisson.isf(1e-12, mean)) + 1):
        k = np.arange(total + 1)
        pvalues = np.minimum(1.0, 2 * sps.binom.cdf(np.minimum(k, total - k), total, 0.5))  # symmetric null
        power += sps.poisson.pmf(total, mean) * sps.binom.pmf(k, total, lam_c / mean)[pvalues < ALPHA].sum()
    return power


def test_poisson_test_is_calibrated():
    rng = np.random.default_rng(105)
    null = [compare_counts(int(a), int(b)).pvalue for a, b in rng.poisson(100, (REPS, 2))]
    assert 0.03 <= rate(null) <= 0.07
    more = [compare_counts(int(a), int(b)).pvalue for a, b in zip(rng.poisson(130, REPS), rng.poisson(100, REPS))]
    assert rate(more) == pytest.approx(poisson_test_power(130, 100), abs=0.05)


def test_bootstrap_totals_is_calibrated():
    rng = np.random.default_rng(106)
    days = rng.normal(1_000_000, 200_000, (2, REPS, 30, 1))  # daily revenue, 30 days a period
    assert 0.03 <= rate(batch(bootstrap.total_difference(), days[0], days[1], seed=2)) <= 0.07
    lift = 130_000  # a day; normal theory of a difference of two 30-day sums with the known daily sigma
    p = batch(bootstrap.total_difference(), days[0] + lift, rng.normal(1_000_000, 200_000, (REPS, 30, 1)), seed=3)
    sd = 200_000 * math.sqrt(60)
    assert rate(p) == pytest.approx(sps.norm.cdf(30 * lift / sd - Z) + sps.norm.cdf(-30 * lift / sd - Z), abs=0.05)


def test_bootstrap_ratios_is_calibrated():
    rng = np.random.default_rng(107)
    spend = rng.gamma(4, 250_000, (2, REPS, 30))
    revenue = spend * 3 * rng.lognormal(0, 0.3, (2, REPS, 30))  # ROAS 3 with daily noise
    days = np.stack([revenue, spend], axis=-1)
    assert 0.03 <= rate(batch(bootstrap.ratio_difference, days[0], days[1], seed=4)) <= 0.07


def test_overdispersed_days_break_the_poisson_test_but_not_the_bootstrap():
    rng = np.random.default_rng(108)
    days = rng.negative_binomial(5, 5 / 45, (2, REPS, 30)).astype(float)  # mean 40 a day, variance 360
    poisson = [sps.binomtest(int(a), int(a + b), 0.5).pvalue for a, b in zip(days[0].sum(1), days[1].sum(1))]
    assert rate(poisson) > 0.3
    assert 0.03 <= rate(batch(bootstrap.total_difference(), days[0][..., None], days[1][..., None], seed=5)) <= 0.07


# --- thin data ---------------------------------------------------------------------


def untested(res: Comparison) -> bool:
    return math.isnan(res.pvalue) and res.direction == "no change" and not res.significant


def test_a_group_without_trials():
    with pytest.warns(kpi.DegenerateDataWarning, match="n_current"):
        res = compare_proportions(0, 0, 5, 50)
    assert untested(res) and math.isnan(res.current) and res.baseline == 0.1


def test_no_variation_in_proportions_gives_p_1_and_newcombes_interval():
    with pytest.warns(kpi.DegenerateDataWarning, match="0.0%"):
        res = compare_proportions(0, 10, 0, 20)
    assert (res.pvalue, res.direction, res.statistic) == (1.0, "no change", 0.0)
    assert res.interval == pytest.approx((-0.1611, 0.2775), abs=5e-5)  # Newcombe's example (e)


@pytest.mark.parametrize(("current", "baseline", "n"), [([], [], (0, 0)), ([5.0], [1, 2, 3], (1, 3))])
def test_too_few_values(current, baseline, n):
    for compare in (compare_means, compare_totals):
        with pytest.warns(kpi.DegenerateDataWarning, match="at least 2"):
            res = compare(current, baseline)
        assert untested(res) and res.n == n


def test_values_without_spread():
    with pytest.warns(kpi.DegenerateDataWarning, match="no variation"):
        same = compare_means([4, 4, 4], [4, 4])
    assert (same.pvalue, same.interval, same.direction) == (1.0, (0.0, 0.0), "no change")
    with pytest.warns(kpi.DegenerateDataWarning, match="no variation"):
        apart = compare_totals([7, 7, 7], [5, 5, 5])
    assert untested(apart) and apart.difference == 6


def test_mann_whitney_on_tiny_samples_cannot_be_significant():
    with pytest.warns(kpi.DegenerateDataWarning, match="cannot reach"):
        res = compare_means([1.0, 2.0, 3.0], [4.0, 5.0, 6.0])
    assert res.pvalue == 0.1 and res.interval == (-math.inf, math.inf) and res.direction == "no change"


def test_no_events_in_either_period():
    with pytest.warns(kpi.DegenerateDataWarning, match="no events"):
        res = compare_counts(0, 0, exposure_current=31, exposure_baseline=30)
    assert (res.pvalue, res.difference, res.direction) == (1.0, 0.0, "no change")


def test_a_ratio_without_denominator():
    with pytest.warns(kpi.DegenerateDataWarning, match="den_baseline"):
        res = compare_ratios([5, 6], [1, 2], [3, 4], [0, 0])
    assert untested(res) and res.current == pytest.approx(11 / 3)
    with pytest.warns(kpi.DegenerateDataWarning, match="at least 2"):
        assert untested(compare_ratios([5], [1], [3, 4], [1, 1]))


# --- bad arguments ------------------------------------------------------------------


@pytest.mark.parametrize(("call", "named"), [
    (lambda: compare_proportions(5, 10, 1, 10, alpha=0), "`alpha`"),
    (lambda: compare_proportions(5, 10, 1, 10, alpha=1.5), "`alpha`"),
    (lambda: compare_means([1, 2], [3, 4], alpha="0.05"), "`alpha`"),
    (lambda: compare_proportions(-1, 10, 1, 10), "`x_current`"),
    (lambda: compare_proportions(11, 10, 1, 10), "`x_current`"),
    (lambda: compare_proportions(1, 10, 1.5, 10), "`x_baseline`"),
    (lambda: compare_means([1, 2], [3, 4], method="ttest"), "`method`"),
    (lambda: compare_means([1, np.nan], [3, 4]), "`current`"),
    (lambda: compare_means([[1, 2]], [3, 4]), "`current`"),
    (lambda: compare_means(["a", "b"], [3, 4]), "`current`"),
    (lambda: compare_totals([1, 2], [3, 4], n_boot=10), "`n_boot`"),
    (lambda: compare_counts(-3, 4), "`k_current`"),
    (lambda: compare_counts(3, 4, exposure_baseline=0), "`exposure_baseline`"),
    (lambda: compare_counts(3, 4, daily_current=[1, 2]), "`daily_current`"),
    (lambda: compare_counts(3, 4, daily_current=[1, 2], daily_baseline=[4, 1]), "`daily_baseline`"),
    (lambda: compare_ratios([1, 2], [1], [1, 2], [1, 1]), "`num_current`"),
    (lambda: compare_ratios([1, 2], [1, 1], [1, 2], [1, -1]), "`den_baseline`"),
    (lambda: adjust_pvalues([0.2, 1.5]), "`pvalues`"),
    (lambda: adjust_pvalues([0.2], method="holm"), "`method`"),
    (lambda: wilson_interval(3, -1), "`n`"),
])
def test_bad_arguments_name_the_argument(call, named):
    with pytest.raises(ValueError, match=named):
        call()


# --- sentences ----------------------------------------------------------------------


def test_summary_of_a_significant_fall_in_a_rate_reads_in_points():
    res = compare_proportions(980, 10000, 1210, 10000)
    assert res.direction == "decrease" and res.relative == pytest.approx(0.098 / 0.121 - 1)
    assert res.summary("en", "Conversion") == ("Conversion fell from 12.1% to 9.8%; the difference is significant "
                                               "(p < 0.001, 95% CI of the difference -3.2 to -1.4 points).")
    assert res.summary("id", "Konversi") == ("Konversi turun dari 12,1% ke 9,8%; perbedaannya signifikan "
                                             "(p < 0,001, IK 95% selisih -3,2 sampai -1,4 poin).")


def test_summary_of_normal_variation():
    res = compare_counts(1250, 1204)
    assert res.summary("en", "Orders") == "Orders rose from 1,204 to 1,250, within normal variation (p = 0.36)."
    assert res.summary("id", "Pesanan") == "Pesanan naik dari 1.204 ke 1.250, masih dalam variasi wajar (p = 0,36)."
    assert res.summary("en") == "The KPI rose from 1,204 to 1,250, within normal variation (p = 0.36)."


def test_summary_in_rupiah_at_another_confidence_level():
    res = compare_totals([120e6, 135e6, 128e6, 140e6, 131e6, 150e6, 138e6],
                         [100e6, 98e6, 110e6, 105e6, 99e6, 102e6, 108e6], alpha=0.1, seed=1)
    assert res.summary("id", "Omzet", "currency") == (
        "Omzet naik dari Rp722.000.000 ke Rp942.000.000; perbedaannya signifikan (p < 0,001, IK 90% selisih "
        "Rp168.249.812 sampai Rp271.750.188).")
    assert res.summary("en", "Revenue", "currency") == (
        "Revenue rose from Rp722,000,000 to Rp942,000,000; the difference is significant (p < 0.001, 90% CI of the "
        "difference Rp168,249,812 to Rp271,750,188).")


def test_summary_of_counts_over_unequal_periods_says_so():
    res = compare_counts(1250, 1204, exposure_current=31, exposure_baseline=30)
    assert res.summary("en", "Orders") == ("Orders rose from 1,244.13 (1,204 before adjusting for the period length) "
                                           "to 1,250, within normal variation (p = 0.92).")
    assert "1.204 sebelum disetarakan dengan panjang periode" in res.summary("id", "Pesanan", "count")


def test_summary_of_no_change_and_of_thin_data():
    assert compare_means([5, 6, 7], [7, 6, 5], method="welch").summary("en", "AOV") == "AOV stayed at 6 (p = 1.0)."
    with pytest.warns(kpi.DegenerateDataWarning):
        thin = compare_means([40.0], [20.0, -10.0])
    assert thin.summary("en", "NPS", "points") == ("NPS went from +5 to +40; there is too little data to test the "
                                                   "difference.")
    assert thin.summary("id", "NPS", "points") == ("NPS dari +5 menjadi +40; datanya terlalu sedikit untuk "
                                                   "menguji perbedaannya.")
