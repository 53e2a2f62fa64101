"""Statistics that say what is signal and what is noise.

Three families, one shape: every test returns a small frozen result with
``statistic``, ``pvalue``, ``interval``, ``method``, ``direction`` and ``n``, and
``summary(lang)`` says it in a plain sentence (Bahasa Indonesia or English).
Thin data (too few points, a flat series, zero counts) gives a result that says
so and a :class:`kpi.DegenerateDataWarning`, never an exception.

- :mod:`kpi.stats.trends`: Mann-Kendall with Sen's slope, corrected for
  autocorrelation, and a seasonal variant.
- :mod:`kpi.stats.comparisons`: two periods or two segments: rates, means,
  counts and totals, picked by the KPI's kind; Benjamini-Hochberg for many.
- :mod:`kpi.stats.anomalies`: a seasonal baseline that knows Indonesian
  holidays and shopping days, robust z-scores, and level shifts.

Examples
--------
>>> from kpi import stats
>>> stats.trend([10, 11, 13, 12, 15, 16, 18, 17, 20, 21]).direction
'increasing'
"""

from __future__ import annotations

from kpi.stats.anomalies import AnomalyResult, ChangePoint, change_points, find_anomalies
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
from kpi.stats.trends import TrendResult, sens_slope, trend

__all__ = [
    "AnomalyResult",
    "ChangePoint",
    "Comparison",
    "TrendResult",
    "adjust_pvalues",
    "change_points",
    "compare_counts",
    "compare_means",
    "compare_proportions",
    "compare_ratios",
    "compare_totals",
    "find_anomalies",
    "newcombe_interval",
    "sens_slope",
    "trend",
    "wilson_interval",
]
