"""Backtest of target suggestions: set targets at the forecast's P50 and P80 as of past dates, see what happened.

Not a test (``tests/kpi/stats/test_backtest.py`` runs it with fewer draws and checks the bar). Two parts:

- **simulated**: ``--series`` series from :mod:`target_data` (by default 240: two thirds money, a sixth
  counts, a sixth conversion ratios), each with two as-of dates (origins, the last day of a month) after 24-30
  months of history, one with a 3-month and one with a 6-month target span (the whole calendar months after
  the origin);
- **sample**: the bundled sample data (revenue, orders, leads, conversion rate, ROAS and a few segments), origins
  the last day of each month from 2025-10-31 to 2026-07-31, span the next 3 months.

For each case the history is cut at the origin and :func:`kpi.stats.forecast.forecast` is asked for the span.
Recorded: P50, P80, the realized value, whether each was reached; and for calibration seven targets per case
(last year's same-span value times 0.9, 1.0, 1.1, 1.2, 1.3, and P50 and P80 themselves), with the forecaster's
stated probability of reaching each, a naive competitor's (:func:`naive_probability`) and the outcome.

Reported: the share of P50 and P80 targets reached (bar: 40-60% and 10-30%); calibration by decile of stated
probability (bar: within 10 points in each bin of 30 cases or more); the Brier score of the forecaster against
the naive last-year baseline (bar: lower); and the same by kind and horizon, with the median bias of P50 and
how wide the forecasts are against the spread of what happened.

    python bench/target_backtest.py --series 240 --draws 2000
    python bench/target_backtest.py --series 60 --draws 500 --no-sample
"""

from __future__ import annotations

import argparse
import ctypes
import math
import os
import sys
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from scipy.stats import norm

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
for _path in (str(ROOT), str(HERE)):
    if _path not in sys.path:
        sys.path.insert(0, _path)

from target_data import simulate  # noqa: E402

#: Target spans, in whole calendar months after the origin.
HORIZONS = (3, 6)
#: Months of history before an origin (inclusive range).
HISTORY_MONTHS = (24, 30)
#: Calibration targets: last year's same-span value times (1 + g).
GROWTHS = (-0.1, 0.0, 0.1, 0.2, 0.3)
#: The bar of issue 5.
BAR = {"p50": (0.40, 0.60), "p80": (0.10, 0.30), "gap_points": 10.0, "min_bin": 30}
#: Series kinds: the label in the report -> (the generator's kind, the forecaster's kind).
KINDS = {"money": ("sum", "sum"), "count": ("count", "sum"), "ratio": ("ratio", "ratio")}
#: Sample-data KPIs: (metric, filters, forecaster kind).
SAMPLE_KPIS: tuple[tuple[str, dict[str, str], str], ...] = (
    ("revenue", {}, "sum"),
    ("orders", {}, "sum"),
    ("leads", {}, "sum"),
    ("conversion_rate", {}, "ratio"),
    ("roas", {}, "ratio"),
    ("revenue", {"kanal": "Shopee"}, "sum"),
    ("orders", {"kanal": "WhatsApp"}, "sum"),
    ("leads", {"sumber": "Instagram"}, "sum"),
    ("conversion_rate", {"sumber": "Instagram"}, "ratio"),
)
SAMPLE_SPAN = ("2024-11-01", "2026-10-31")
SAMPLE_ORIGINS = ("2025-10-31", "2026-07-31")
_BLAS_SETTERS = ("scipy_openblas_set_num_threads64_", "scipy_openblas_set_num_threads", "openblas_set_num_threads64_",
                 "openblas_set_num_threads")


# ---- spans and values ----------------------------------------------------------------------------------------
def month_end(day: pd.Timestamp, months: int = 0) -> pd.Timestamp:
    """The last day of the month ``months`` after ``day``'s month."""
    return (pd.Timestamp(day).to_period("M") + months).to_timestamp(how="end").normalize()


def target_span(origin: pd.Timestamp, horizon: int) -> tuple[pd.Timestamp, pd.Timestamp]:
    """The ``horizon`` whole calendar months after ``origin`` (first and last day)."""
    return origin + pd.Timedelta(days=1), month_end(origin, horizon)


def span_value(frame: pd.DataFrame, start: Any, end: Any, kind: str) -> float:
    """The KPI over ``start`` .. ``end`` (inclusive): the sum, or for ratios the pooled ratio."""
    days = frame["period"]
    part = frame[(days >= pd.Timestamp(start)) & (days <= pd.Timestamp(end))]
    if kind == "ratio":
        den = float(part["denominator"].sum())
        return float(part["numerator"].sum()) / den if den > 0 else math.nan
    return float(part["value"].sum())


def monthly_values(history: pd.DataFrame, kind: str) -> pd.Series:
    """The KPI by calendar month, whole months of the history only (a part month would look like a drop)."""
    month = history["period"].dt.to_period("M")
    cols = ["numerator", "denominator"] if kind == "ratio" else ["value"]
    grouped = history[cols].groupby(month)
    sums = grouped.sum()
    whole = grouped.size().to_numpy() == sums.index.days_in_month.to_numpy()
    sums = sums[whole]
    if kind == "ratio":
        den = sums["denominator"].where(sums["denominator"] > 0)
        return sums["numerator"] / den
    return sums["value"]


def yoy_log_sd(history: pd.DataFrame, kind: str) -> float:
    """Standard deviation of the year-over-year log ratios of the history's monthly values (NaN under 2)."""
    monthly = monthly_values(history, kind)
    monthly = monthly[monthly > 0]
    previous = monthly.reindex(monthly.index - 12)
    ratios = np.log(monthly.to_numpy() / previous.to_numpy())
    ratios = ratios[np.isfinite(ratios)]
    return float(np.std(ratios, ddof=1)) if len(ratios) >= 2 else math.nan


def last_year(start: Any, end: Any) -> tuple[pd.Timestamp, pd.Timestamp]:
    """The same span a year earlier (29 February's year maps to 28 February)."""
    return pd.Timestamp(start) - pd.DateOffset(years=1), pd.Timestamp(end) - pd.DateOffset(years=1)


def naive_probability(history: pd.DataFrame, start: Any, end: Any, target: float, kind: str,
                      higher_is_better: bool = True) -> float:
    """The naive "last year" probability that the span ``start`` .. ``end`` reaches ``target``.

    The span's value is modelled as last year's value of the same span times a lognormal factor with median 1
    and log-sd the standard deviation of the history's year-over-year log ratios of monthly values: what a
    team does with a spreadsheet, made probabilistic. A fair, simple competitor for the Brier score.

    Parameters
    ----------
    history
        Daily ``period`` and ``value`` (``kind="sum"``) or ``numerator``, ``denominator`` (``"ratio"``),
        covering last year's span and at least two year-over-year pairs of whole months.
    start, end
        The target span (inclusive).
    target
        The target value.
    kind
        ``"sum"`` or ``"ratio"``.
    higher_is_better
        ``P(value >= target)`` if true, else ``P(value <= target)``.

    Returns
    -------
    float
        The probability; NaN when last year's value or the log-sd cannot be had.
    """
    return naive_sf(*naive_model(history, start, end, kind), target, higher_is_better)


def naive_model(history: pd.DataFrame, start: Any, end: Any, kind: str) -> tuple[float, float]:
    """Median and log-sd of the naive baseline for a span: last year's same-span value, the YoY log-sd."""
    return span_value(history, *last_year(start, end), kind), yoy_log_sd(history, kind)


def naive_sf(base: float, sd: float, target: float, higher_is_better: bool = True) -> float:
    """``P(value >= target)`` (or ``<=``) for a lognormal value with median ``base`` and log-sd ``sd``."""
    if not (np.isfinite(base) and base > 0 and np.isfinite(sd)):
        return math.nan
    if target <= 0:
        above = 1.0
    elif sd == 0:
        above = float(base >= target)
    else:
        above = float(norm.sf((math.log(target) - math.log(base)) / sd))
    return above if higher_is_better else 1.0 - above


# ---- one case --------------------------------------------------------------------------------------------------
def _forecaster() -> Callable[..., Any]:
    """:func:`kpi.stats.forecast.forecast`, imported late so this module loads (and plans) without it."""
    from kpi.stats.forecast import forecast

    return forecast


def _case_seed(*keys: int) -> int:
    return int(np.random.SeedSequence(list(keys)).generate_state(1)[0])


def evaluate_case(frame: pd.DataFrame, origin: pd.Timestamp, horizon: int, kind: str, draws: int, seed: int,
                  info: Mapping[str, Any]) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """Forecast one span as of ``origin`` and score it against what ``frame`` says happened.

    Returns
    -------
    tuple
        The case row (``info`` plus horizon, origin, P50, P80, realized, reached flags, timing) and its
        calibration rows (target, source, stated, naive, outcome).
    """
    start, end = target_span(origin, horizon)
    history = frame[frame["period"] <= origin].reset_index(drop=True)
    realized = span_value(frame, start, end, kind)
    t0 = time.perf_counter()
    f = _forecaster()(history, start.date(), end.date(), kind=kind, grain="month", draws=draws, seed=seed)
    p50, p80 = float(f.quantile(0.5)), float(f.quantile(0.8))
    seconds = time.perf_counter() - t0
    case = {**info, "horizon": horizon, "origin": origin.date(), "history_months": _months(history),
            "p50": p50, "p80": p80, "realized": realized, "reached_p50": realized >= p50,
            "reached_p80": realized >= p80, "seconds": seconds}
    base, sd = naive_model(history, start, end, kind)  # once per case: the targets share it
    targets = [(f"ly{g:+.0%}", base * (1.0 + g)) for g in GROWTHS] + [("p50", p50), ("p80", p80)]
    probs = []
    for source, target in targets:
        if not np.isfinite(target):
            continue
        probs.append({**info, "horizon": horizon, "origin": origin.date(), "source": source, "target": target,
                      "stated": float(f.probability(target)),
                      "naive": naive_sf(base, sd, target),
                      "outcome": float(realized >= target)})
    return case, probs


def _months(history: pd.DataFrame) -> int:
    first, last = history["period"].iloc[0], history["period"].iloc[-1]
    return (last.year - first.year) * 12 + last.month - first.month + 1


# ---- the simulated part ----------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Task:
    """One simulated series and its origins."""

    series: int
    label: str  # "money", "count" or "ratio"
    seed: int
    start: pd.Timestamp
    origins: tuple[tuple[pd.Timestamp, int], ...]  # (origin, horizon)


def kind_counts(series: int) -> dict[str, int]:
    """Series per kind: a sixth counts, a sixth ratios, the rest money (160 / 40 / 40 of 240)."""
    count = ratio = round(series / 6)
    return {"money": series - count - ratio, "count": count, "ratio": ratio}


def plan(series: int, seed: int) -> list[Task]:
    """The series, their start dates (the 1st of a month in 2017-2023: Lebaran falls in other months) and
    origins: one per horizon, after 24-30 months of history each."""
    tasks = []
    labels = [k for k, n in kind_counts(series).items() for _ in range(n)]
    for i, label in enumerate(labels):
        rng = np.random.default_rng(_case_seed(seed, i))
        start = pd.Timestamp(year=int(rng.integers(2017, 2024)), month=int(rng.integers(1, 13)), day=1)
        origins = tuple((month_end(start, int(rng.integers(HISTORY_MONTHS[0], HISTORY_MONTHS[1] + 1)) - 1), h)
                        for h in HORIZONS)
        tasks.append(Task(i, label, _case_seed(seed, i, 1), start, origins))
    return tasks


def run_task(task: Task, draws: int) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Simulate one series and evaluate its origins."""
    gen_kind, kind = KINDS[task.label]
    months = HISTORY_MONTHS[1] + max(HORIZONS) + 1
    frame = simulate(task.seed, gen_kind, start=task.start, years=months / 12)
    frame.attrs = {}  # pandas deep-copies attrs into every slice: the make-up is not needed here
    cases, probs = [], []
    for origin, horizon in task.origins:
        info = {"series": task.series, "kind": task.label}
        case, rows = evaluate_case(frame, origin, horizon, kind, draws, _case_seed(task.seed, horizon), info)
        cases.append(case)
        probs.extend(rows)
    return cases, probs


def _one_blas_thread() -> None:
    """Limit every OpenBLAS loaded in this process to one thread (best effort, Linux; what threadpoolctl does).

    Two workers each running OpenBLAS's two threads fight over two cores: 0.087 s per forecast against
    0.025 s with one thread each (measured). The environment variable would come too late: a forked worker
    inherits a numpy that is already loaded.
    """
    try:
        with open("/proc/self/maps") as maps:
            paths = {line.split()[-1] for line in maps if "openblas" in line.lower() and "/" in line}
    except OSError:
        return
    for path in paths:
        try:
            lib = ctypes.CDLL(path)
        except OSError:
            continue
        for name in _BLAS_SETTERS:
            setter = getattr(lib, name, None)
            if setter is not None:
                setter(1)
                break


def _run_all(tasks: list[Task], draws: int, workers: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    if workers <= 1:
        results = [run_task(t, draws) for t in tasks]
    else:
        # Whole series per job, results in order: they do not depend on the number of workers.
        with ProcessPoolExecutor(max_workers=workers, initializer=_one_blas_thread) as pool:
            results = list(pool.map(run_task, tasks, [draws] * len(tasks), chunksize=4))
    cases = [c for r in results for c in r[0]]
    probs = [p for r in results for p in r[1]]
    return pd.DataFrame(cases), pd.DataFrame(probs)


def default_workers() -> int:
    """Both cores on this 2-core machine: the forecasts are independent and CPU-bound."""
    return max(1, min(2, os.cpu_count() or 1))


def run_simulated(series: int = 240, draws: int = 2000, seed: int = 0,
                  workers: int | None = None) -> dict[str, Any]:
    """The simulated part: cases, calibration rows and the summaries (see :func:`summarize`)."""
    t0 = time.perf_counter()
    cases, probs = _run_all(plan(series, seed), draws, workers or default_workers())
    out = summarize(cases, probs)
    out["wall_seconds"] = time.perf_counter() - t0
    return out


# ---- the sample part -----------------------------------------------------------------------------------------
def _sample_label(metric: str, filters: Mapping[str, str]) -> str:
    return metric + "".join(f" [{k}={v}]" for k, v in filters.items())


def run_sample(draws: int = 2000, seed: int = 0) -> dict[str, Any]:
    """The sample part: each of :data:`SAMPLE_KPIS` as of each month end in :data:`SAMPLE_ORIGINS`, 3 months on."""
    import kpi

    t0 = time.perf_counter()
    ws = kpi.Workspace.open(":memory:")
    kpi.load_sample(ws)
    origins = [month_end(d) for d in pd.period_range(*SAMPLE_ORIGINS, freq="M").to_timestamp()]
    cases, probs = [], []
    for i, (metric, filters, kind) in enumerate(SAMPLE_KPIS):
        frame = ws.compute(metric, "day", *SAMPLE_SPAN, filters=filters or None)
        label = _sample_label(metric, filters)
        for j, origin in enumerate(origins):
            info = {"series": label, "kind": kind}
            case, rows = evaluate_case(frame, origin, 3, kind, draws, _case_seed(seed, 7, i, j), info)
            cases.append(case)
            probs.extend(rows)
    out = summarize(pd.DataFrame(cases), pd.DataFrame(probs), groupings=(("series",), ("origin",)))
    out["wall_seconds"] = time.perf_counter() - t0
    return out


# ---- summaries ---------------------------------------------------------------------------------------------------
def brier(prob: Iterable[float], outcome: Iterable[float]) -> float:
    """Mean squared difference between the probability and what happened (0 or 1)."""
    p, o = np.asarray(list(prob), float), np.asarray(list(outcome), float)
    return float(np.mean((p - o) ** 2)) if len(p) else math.nan


def calibration(probs: pd.DataFrame, column: str = "stated") -> pd.DataFrame:
    """Stated probability against the observed rate, by decile bin of the stated probability.

    Returns
    -------
    pandas.DataFrame
        ``bin`` ("0.0-0.1" ..), ``n``, ``stated`` (mean), ``observed`` (rate), ``gap`` (absolute, in
        percentage points) and ``judged`` (the bin has at least :data:`BAR` ``min_bin`` cases).
    """
    p = probs[column].to_numpy(float)
    keep = np.isfinite(p)
    idx = np.minimum((p[keep] * 10).astype(int), 9)
    frame = pd.DataFrame({"bin": idx, "p": p[keep], "o": probs["outcome"].to_numpy(float)[keep]})
    rows = []
    for b in range(10):
        part = frame[frame["bin"] == b]
        stated, observed = part["p"].mean(), part["o"].mean()
        rows.append({"bin": f"{b / 10:.1f}-{(b + 1) / 10:.1f}", "n": len(part), "stated": stated,
                     "observed": observed, "gap": abs(stated - observed) * 100,
                     "judged": len(part) >= BAR["min_bin"]})
    return pd.DataFrame(rows)


def worst_gap(table: pd.DataFrame) -> float:
    """The largest gap (points) among the bins that are judged; NaN when none is."""
    judged = table[table["judged"]]
    return float(judged["gap"].max()) if len(judged) else math.nan


def _spread(cases: pd.DataFrame) -> tuple[float, float]:
    """Median bias of P50 (realized / P50 - 1) and how wide the forecasts are against what happened.

    The width ratio is the median forecast log-sd (from P50 and P80, as if lognormal) over a robust sd of
    log(realized / P50) (1.4826 x MAD): below 1 the forecasts are too narrow, above 1 too wide.
    """
    ok = (cases["p50"] > 0) & (cases["realized"] > 0) & (cases["p80"] > cases["p50"])
    part = cases[ok]
    if part.empty:
        return math.nan, math.nan
    err = np.log(part["realized"].to_numpy() / part["p50"].to_numpy())
    stated_sd = np.log(part["p80"].to_numpy() / part["p50"].to_numpy()) / norm.ppf(0.8)
    actual_sd = 1.4826 * np.median(np.abs(err - np.median(err)))
    return float(np.expm1(np.median(err))), float(np.median(stated_sd) / actual_sd) if actual_sd > 0 else math.nan


def _headline(cases: pd.DataFrame, probs: pd.DataFrame) -> dict[str, Any]:
    both = probs[np.isfinite(probs["naive"])]
    bias, width = _spread(cases)
    return {"cases": len(cases), "p50_reached": float(cases["reached_p50"].mean()),
            "p80_reached": float(cases["reached_p80"].mean()), "targets": len(probs),
            "brier_model": brier(probs["stated"], probs["outcome"]),
            "brier_model_common": brier(both["stated"], both["outcome"]),
            "brier_naive": brier(both["naive"], both["outcome"]), "naive_cases": len(both),
            "worst_gap": worst_gap(calibration(probs)), "p50_bias": bias, "width_ratio": width,
            "seconds_per_forecast": float(cases["seconds"].mean())}


def summarize(cases: pd.DataFrame, probs: pd.DataFrame,
              groupings: Sequence[Sequence[str]] = (("kind",), ("horizon",), ("kind", "horizon"))
              ) -> dict[str, Any]:
    """Headline numbers, the calibration tables and the breakdown by each of ``groupings``.

    Returns
    -------
    dict
        The :func:`_headline` numbers (``p50_reached``, ``p80_reached``, ``brier_model``, ``brier_naive``
        (both on the targets where the naive baseline is defined, ``brier_model_common`` for the model's),
        ``worst_gap`` ...) plus DataFrames ``cases``, ``probs``, ``calibration`` (model), ``calibration_naive``,
        ``calibration_by_kind`` (bin x kind) and ``groups`` (one row per value of each grouping).
    """
    out = _headline(cases, probs)
    rows = []
    for names in map(list, groupings):
        for values, part in cases.groupby(names, sort=True):
            mask = np.ones(len(probs), bool)
            for name, v in zip(names, values):
                mask &= (probs[name] == v).to_numpy()
            row = {"group": " / ".join(str(v) for v in values)}
            row.update(_headline(part, probs[mask]))
            rows.append(row)
    out.update({"cases_frame": cases, "probs": probs, "calibration": calibration(probs),
                "calibration_naive": calibration(probs, "naive"), "groups": pd.DataFrame(rows),
                "calibration_by_kind": {k: calibration(p) for k, p in probs.groupby("kind")}})
    out["passes"] = passes(out)
    return out


def passes(summary: Mapping[str, Any]) -> dict[str, bool]:
    """Which parts of the bar ``summary`` meets."""
    lo50, hi50 = BAR["p50"]
    lo80, hi80 = BAR["p80"]
    gap = summary["worst_gap"]
    return {"p50": lo50 <= summary["p50_reached"] <= hi50, "p80": lo80 <= summary["p80_reached"] <= hi80,
            "calibration": bool(np.isfinite(gap) and gap <= BAR["gap_points"]),
            "brier": summary["brier_model_common"] < summary["brier_naive"]}


def run(series: int = 240, draws: int = 2000, seed: int = 0, workers: int | None = None,
        sample: bool = True) -> dict[str, Any]:
    """The whole backtest: ``{"simulated": ..., "sample": ...}``, each as :func:`summarize` gives it."""
    out = {"simulated": run_simulated(series, draws, seed, workers)}
    if sample:
        out["sample"] = run_sample(draws, seed)
    return out


# ---- printing --------------------------------------------------------------------------------------------------
def _cell(x: Any) -> str:
    if isinstance(x, (bool, np.bool_)):
        return "yes" if x else "no"
    if isinstance(x, (float, np.floating)):
        return "" if not np.isfinite(x) else f"{x:.3f}"
    return str(x)


def markdown(frame: pd.DataFrame, formats: Mapping[str, str] | None = None) -> str:
    """A DataFrame as a markdown table (numbers right-aligned; ``formats`` per column, e.g. ``"{:.1%}"``)."""
    formats = formats or {}
    cols = list(frame.columns)
    right = [pd.api.types.is_numeric_dtype(frame[c]) and not pd.api.types.is_bool_dtype(frame[c]) for c in cols]
    lines = ["| " + " | ".join(cols) + " |", "|" + "|".join("---:" if r else "---" for r in right) + "|"]
    for _, row in frame.iterrows():
        cells = [formats[c].format(row[c]) if c in formats and pd.notna(row[c]) else _cell(row[c]) for c in cols]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


_CAL_FORMATS = {"stated": "{:.3f}", "observed": "{:.3f}", "gap": "{:.1f}"}
_GROUP_COLUMNS = ["group", "cases", "p50_reached", "p80_reached", "brier_model_common", "brier_naive",
                  "naive_cases", "worst_gap", "p50_bias", "width_ratio", "seconds_per_forecast"]
_GROUP_FORMATS = {"p50_reached": "{:.1%}", "p80_reached": "{:.1%}", "brier_model_common": "{:.4f}",
                  "brier_naive": "{:.4f}", "worst_gap": "{:.1f}", "p50_bias": "{:+.1%}",
                  "width_ratio": "{:.2f}", "seconds_per_forecast": "{:.3f}"}


def report(name: str, summary: Mapping[str, Any]) -> str:
    """The markdown report of one part."""
    ok = summary["passes"]
    lines = [f"## {name}", "",
             f"{summary['cases']} cases, {summary['targets']} calibration targets, "
             f"{summary['wall_seconds']:.1f} s wall, {summary['seconds_per_forecast']:.3f} s per forecast.", "",
             f"- P50 reached: {summary['p50_reached']:.1%} (bar 40-60%: {_cell(ok['p50'])})",
             f"- P80 reached: {summary['p80_reached']:.1%} (bar 10-30%: {_cell(ok['p80'])})",
             f"- worst calibration gap, bins of {BAR['min_bin']}+: {summary['worst_gap']:.1f} points "
             f"(bar 10: {_cell(ok['calibration'])})",
             f"- Brier: model {summary['brier_model_common']:.4f}, naive last-year {summary['brier_naive']:.4f} "
             f"on the {summary['naive_cases']} targets the naive baseline can price (model on all "
             f"{summary['targets']}: {summary['brier_model']:.4f}); model better: {_cell(ok['brier'])}",
             f"- P50 median bias (realized / P50 - 1): {summary['p50_bias']:+.1%}; forecast width / actual "
             f"spread: {summary['width_ratio']:.2f}", "",
             "Calibration of the forecaster's stated probability:", "",
             markdown(summary["calibration"], _CAL_FORMATS), "",
             "Calibration of the naive last-year baseline:", "",
             markdown(summary["calibration_naive"], _CAL_FORMATS), "",
             "By group:", "", markdown(summary["groups"][_GROUP_COLUMNS], _GROUP_FORMATS), ""]
    for kind, table in summary["calibration_by_kind"].items():
        lines += [f"Calibration, {kind} only:", "", markdown(table, _CAL_FORMATS), ""]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--series", type=int, default=240, help="simulated series (default 240)")
    parser.add_argument("--draws", type=int, default=2000, help="forecast draws (default 2000)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--workers", type=int, default=None, help="processes (default: up to 2 cores)")
    parser.add_argument("--no-sample", action="store_true", help="skip the sample-data part")
    parser.add_argument("--save", type=Path, default=None, help="write the case and target rows as CSV here")
    args = parser.parse_args(argv)
    out = run(args.series, args.draws, args.seed, args.workers, sample=not args.no_sample)
    print(f"# Target backtest: {args.series} simulated series, {args.draws} draws, seed {args.seed}\n")
    print(report("Simulated series", out["simulated"]))
    if "sample" in out:
        print(report("Sample data", out["sample"]))
    if args.save:
        args.save.mkdir(parents=True, exist_ok=True)
        for part, summary in out.items():
            summary["cases_frame"].to_csv(args.save / f"target_{part}_cases.csv", index=False)
            summary["probs"].to_csv(args.save / f"target_{part}_targets.csv", index=False)


if __name__ == "__main__":
    main()
