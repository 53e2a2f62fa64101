"""Progress of a target: where the KPI is, where the seasonal plan says it should be, and where it is heading.

Examples
--------
>>> import kpi
>>> ws = kpi.Workspace.open(":memory:"); _ = kpi.load_sample(ws)
>>> t = ws.set_target("revenue", "2026-08-01", "2026-12-31", growth=0.2)
>>> p = ws.progress(t, as_of="2026-10-31")
>>> p.status in STATUSES, 0 < p.elapsed < 1
(True, True)
"""

from __future__ import annotations

import datetime as dt
import numbers
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from kpi import plans
from kpi.compiler import to_date
from kpi.errors import QueryError
from kpi.formats import format_value
from kpi.i18n import message
from kpi.targets import Target

if TYPE_CHECKING:
    from kpi.workspace import Workspace

__all__ = ["STATUSES", "Progress", "Thresholds", "progress"]

STATUSES = ("not_started", "on_track", "at_risk", "behind", "reached", "missed")


@dataclass(frozen=True)
class Thresholds:
    """When a target is on track: attainment (actual over the plan to date) at or above ``on_track``;
    at risk down to ``at_risk``; behind below. For KPIs where lower is better attainment is the plan
    over the actual, so the same thresholds apply.

    Examples
    --------
    >>> Thresholds().status(0.98), Thresholds().status(0.93), Thresholds(at_risk=0.95).status(0.93)
    ('on_track', 'at_risk', 'behind')
    """

    on_track: float = 0.97
    at_risk: float = 0.90

    def __post_init__(self) -> None:
        for name in ("on_track", "at_risk"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, numbers.Real) or not 0 < value <= 2:
                raise QueryError("progress_bad_threshold", name=name, value=value)
        if self.at_risk > self.on_track:
            raise QueryError("progress_thresholds_order", on_track=self.on_track, at_risk=self.at_risk)

    def status(self, attainment: float) -> str:
        """``on_track``, ``at_risk`` or ``behind`` for an ``attainment``."""
        if not np.isfinite(attainment) or attainment >= self.on_track:
            return "on_track"
        return "at_risk" if attainment >= self.at_risk else "behind"


@dataclass(frozen=True)
class Progress:
    """A target's progress as of a day.

    ``actual`` is the KPI over the span so far; ``expected`` the plan to date
    (the milestones done, and the running one pro rata by days); ``attainment``
    their ratio (plan over actual when lower is better); ``gap`` actual minus
    expected; ``projected`` the median value at the span's end, with an 80%
    interval ``projected_low..projected_high``; ``probability`` the share of
    simulated futures reaching the target; ``elapsed`` the share of the span's
    days gone. ``frame`` has one row per milestone: ``period, end, target,
    target_cumulative, actual, actual_cumulative, projected, projected_low,
    projected_high`` (cumulative: the running total, pooled rate or running mean).
    """

    target: Target
    as_of: dt.date
    actual: float
    expected: float
    attainment: float
    gap: float
    projected: float
    projected_low: float
    projected_high: float
    probability: float
    status: str
    elapsed: float
    frame: pd.DataFrame
    method: str
    unit: str = "number"  # the KPI's unit, for formatting

    def summary(self, lang: str = "id") -> str:
        """The progress in one or two plain sentences."""
        m, unit = self.target, self.unit
        words = {"actual": format_value(self.actual, unit, lang), "expected": format_value(self.expected, unit, lang),
                 "target": format_value(m.value, unit, lang), "projected": format_value(self.projected, unit, lang),
                 "low": format_value(self.projected_low, unit, lang),
                 "high": format_value(self.projected_high, unit, lang),
                 "probability": format_value(self.probability, "percent", lang),
                 "status": message(f"status_{self.status}", lang)}
        code = "progress_summary_not_started" if self.status == "not_started" else (
            "progress_summary_done" if self.status in ("reached", "missed") else "progress_summary")
        return message(code, lang, **words)


def progress(ws: Workspace, target: Target, as_of: Any = None, thresholds: Thresholds | None = None, *,
             draws: int = plans.DRAWS, seed: int | None = 0) -> Progress:
    """The progress of ``target`` as of ``as_of`` (default: the data's last day)."""
    limits = thresholds or Thresholds()
    view = plans.outlook(ws, target.metric, target.start, target.end, target.filters,
                         to_date(as_of, "as_of"), grain=target.grain, draws=draws, seed=seed)
    milestones = ws.milestones(target)
    hib = view.metric.higher_is_better
    day = view.as_of
    elapsed = float(np.clip(((day - target.start).days + 1) / ((target.end - target.start).days + 1), 0, 1))
    frame = _frame(ws, target, view, milestones)
    if day < target.start:
        actual = expected = float("nan")
    else:
        actual = plans.actual_value(view.actual, view.kind, view.metric.scale)
        expected = _expected(milestones, view, day)
    attainment = _attainment(actual, expected, hib)
    draws_ = view.values()
    draws_ = draws_[np.isfinite(draws_)]
    low, mid, high = (np.quantile(draws_, [0.1, 0.5, 0.9]) if len(draws_) else (np.nan,) * 3)
    probability = view.probability(target.value)
    if day < target.start:
        status = "not_started"
    elif day >= target.end:
        status = "reached" if probability >= 1.0 else "missed"
    else:
        status = limits.status(attainment)
    return Progress(target=target, as_of=day, actual=actual, expected=expected, attainment=attainment,
                    gap=actual - expected, projected=float(mid), projected_low=float(low),
                    projected_high=float(high), probability=probability, status=status, elapsed=elapsed,
                    frame=frame, method=view.forecast.method if view.forecast else "actual",
                    unit=view.metric.unit)


def _attainment(actual: float, expected: float, hib: bool) -> float:
    if not (np.isfinite(actual) and np.isfinite(expected)):
        return float("nan")
    num, den = (actual, expected) if hib else (expected, actual)
    return float(num / den) if den > 0 else float("nan")


def _expected(milestones: pd.DataFrame, view: plans.Outlook, day: dt.date) -> float:
    """The plan to ``day``: milestones done, the running one pro rata by days; pooled for ratios."""
    start = pd.to_datetime(milestones["period"]).dt.date
    end = pd.to_datetime(milestones["end"]).dt.date
    days = np.array([(e - s).days + 1 for s, e in zip(start, end, strict=True)], dtype=float)
    gone = np.array([max(0, min((day - s).days + 1, (e - s).days + 1)) for s, e in zip(start, end, strict=True)],
                    dtype=float)
    share = gone / days
    value = milestones["value"].to_numpy(float)
    if view.kind == "sum":
        return float(np.sum(value * share))
    if view.kind == "ratio":
        w = milestones["weight"].to_numpy(float) * share
        return float(np.sum(value * w) / w.sum()) if w.sum() > 0 else float("nan")
    done = share >= 1.0  # an average KPI is judged on whole months
    return float(value[done].mean()) if done.any() else float("nan")


def _frame(ws: Workspace, target: Target, view: plans.Outlook, milestones: pd.DataFrame) -> pd.DataFrame:
    """Per milestone: the plan, the actual so far, and the projection, each also cumulative."""
    out = pd.DataFrame({"period": pd.to_datetime(milestones["period"]), "end": pd.to_datetime(milestones["end"]),
                        "target": milestones["value"].to_numpy(float)})
    weight = milestones["weight"].to_numpy(float)
    kind, scale = view.kind, view.metric.scale
    out["target_cumulative"] = plans.cumulate(out["target"].to_numpy(), weight, kind)
    parts = _period_parts(ws, target, view, out)
    out["actual"] = [plans.actual_value(p, kind, scale) if p is not None else np.nan for p in parts]
    seen = [p for p in parts if p is not None]
    running = [plans.actual_value(_add(seen[: i + 1]), kind, scale) for i in range(len(seen))]
    out["actual_cumulative"] = running + [np.nan] * (len(out) - len(running))
    proj = _projection(view, out, parts)
    for name in ("projected", "projected_low", "projected_high"):
        out[name] = proj[name]
    return out


def _period_parts(ws: Workspace, target: Target, view: plans.Outlook, out: pd.DataFrame) -> list[dict | None]:
    """The parts seen in each milestone period up to the outlook's day (``None`` for periods to come)."""
    m = view.metric
    result: list[dict | None] = []
    for start, end in zip(out["period"].dt.date, out["end"].dt.date, strict=True):
        if start > view.as_of:
            result.append(None)
            continue
        if view.kind == "average" and end > view.as_of:
            result.append(None)  # a month of distinct customers counts when it is whole
            continue
        result.append(plans.span_parts(ws, m, start, min(end, view.as_of), target.filters))
    return result


def _add(parts: list[dict]) -> dict[str, float]:
    total: dict[str, float] = {}
    for p in parts:
        for k, v in p.items():
            total[k] = total.get(k, 0.0) + v
    return total


def _projection(view: plans.Outlook, out: pd.DataFrame, parts: list[dict | None]) -> dict:
    """Cumulative projection per milestone: quantiles of the actual so far plus the simulated path."""
    n = len(out)
    res = {k: np.full(n, np.nan) for k in ("projected", "projected_low", "projected_high")}
    fc = view.forecast
    if fc is None:
        return res
    # Forecast periods line up with the milestone periods from the first one not wholly seen.
    first_open = next((i for i, p in enumerate(parts) if p is None or out["end"].dt.date.iloc[i] > view.as_of), n)
    for j in range(len(fc.periods)):
        i = first_open + j
        if i >= n:
            break
        values = fc.values(view.actual, periods=slice(0, j + 1))
        values = values[np.isfinite(values)]
        if len(values):
            res["projected_low"][i], res["projected"][i], res["projected_high"][i] = np.quantile(values,
                                                                                                 [0.1, 0.5, 0.9])
    return res
