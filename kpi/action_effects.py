"""Did a corrective action work? A difference in differences of the action's segment against the rest.

The *treated* data is the action's segment within its target's filters; the
*control* is the rest of the target's data (the target's data minus the
segment, computed per day, which is exact for sums and counts, and for ratio
KPIs for the numerator and denominator separately). The effect compares the
change in the segment from the days before ``start`` to the days after with the
same change in the control, so that what moved both (a season, a holiday, a
price rise everywhere) cancels out:

- additive KPIs: ``(mean daily T after - before) - (mean daily C after - before)``, KPI units per day;
- ratio KPIs: ``(r_T after - r_T before) - (r_C after - r_C before)`` with pooled rates ``scale * sum(num) / sum(den)``.

The interval is a percentile bootstrap over days: the days of each window are
resampled with replacement, the *same* days for treated and control, so that a
shock common to both on one day stays common in every resample.

Examples
--------
>>> rng = np.random.default_rng(1)
>>> control = rng.poisson(50, (60, 1)).astype(float)
>>> treated = rng.poisson(20, (60, 1)).astype(float) + np.r_[np.zeros(30), np.full(30, 10.0)][:, None]
>>> res = diff_in_diff(treated, control, 30, draws=500)
>>> bool(res.low < 10 < res.high), bool(res.low > 0)
(True, True)
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, NamedTuple

import numpy as np
import pandas as pd

from kpi.actions import STARTED, Action
from kpi.compiler import to_date
from kpi.formats import format_period, format_value
from kpi.i18n import LOCALES, Message, format_number, message
from kpi.metrics import Metric, lookup

if TYPE_CHECKING:
    from kpi.workspace import Workspace

__all__ = ["MIN_DAYS", "MIN_ROWS", "VERDICTS", "ActionEffect", "DiD", "diff_in_diff", "estimate_effect"]

VERDICTS = ("worked", "no_clear_effect", "worse", "too_early", "not_applicable")
#: Fewer days than this after the start (or before it, in the data) say too little.
MIN_DAYS = 14
#: Fewer leads / orders (a ratio's denominator, a count's total) after the start than this say too little.
MIN_ROWS = 30
#: The before window is as long as the after window, within these bounds (days).
BEFORE_DAYS = (28, 90)


class DiD(NamedTuple):
    """A difference in differences and its bootstrap interval; the four window values in KPI units."""

    estimate: float
    low: float
    high: float
    pvalue: float
    treated_before: float
    treated_after: float
    control_before: float
    control_after: float


@dataclass(frozen=True)
class ActionEffect:
    """The estimated effect of an action on its KPI, in KPI units (per day for additive KPIs).

    ``verdict`` is one of :data:`VERDICTS`; ``reason`` is the message code saying why there is no
    estimate (``too_early``, ``not_applicable``), else ``None``. ``frame`` has one row per day and
    group: ``day, group ("treated"/"control"), window ("before"/"after"), value``. ``treated_before``...
    ``control_after`` are mean daily values (additive KPIs) or pooled rates (ratio KPIs); ``relative`` is
    ``estimate / treated_before`` (NaN when that is 0).
    """

    estimate: float
    low: float
    high: float
    pvalue: float
    verdict: str
    method: str
    relative: float
    start: dt.date
    before: tuple[dt.date, dt.date] | None
    after: tuple[dt.date, dt.date] | None
    days_before: int
    days_after: int
    treated_before: float
    treated_after: float
    control_before: float
    control_after: float
    frame: pd.DataFrame = field(compare=False, repr=False)
    metric: Metric = field(repr=False)
    action_id: int
    segment: dict[str, str | None] | None
    reason: str | None = None
    reason_params: dict[str, Any] = field(default_factory=dict, compare=False)
    alpha: float = 0.05

    def summary(self, lang: str = "id") -> str:
        """The verdict as a plain sentence in ``lang`` (``"id"`` or ``"en"``)."""
        said = {"kpi": self.metric.label(lang), "segment": _segment_text(self.segment),
                "start": format_period(self.start, "day", lang)}
        if self.reason is not None:
            return message(self.reason, lang, **self.reason_params, **said)
        unit = self.metric.unit
        return message(f"action_effect_{self.verdict}", lang, **said, estimate=_amount(self.estimate, unit, lang), low=_amount(self.low, unit, lang),
                       high=_amount(self.high, unit, lang), level=round(100 * (1 - self.alpha)),
                       pvalue=_pvalue(self.pvalue, lang),
                       per_day="" if self.metric.is_ratio else Message("action_per_day"))


def _segment_text(segment: dict[str, str | None] | None) -> str:
    return ", ".join("–" if v is None else v for v in (segment or {}).values())


def _amount(value: float, unit: str, lang: str) -> str:
    """A change in KPI units: ``+Rp12.000``, ``-2,35`` (counts per day need decimals); rates in points."""
    sign = "+" if value > 0 else ""
    if unit == "percent":
        sign = "+" if value > 0 else "-" if value < 0 else ""
        return f"{sign}{format_number(abs(round(value * 100, 2)), lang)} {message('action_points', lang)}"
    if unit == "points":
        return format_value(value, unit, lang)
    return sign + format_value(value, "number" if unit == "count" else unit, lang)


def _pvalue(p: float, lang: str) -> str:
    from babel.numbers import format_decimal

    if p < 0.001:
        return "< " + format_decimal(0.001, format="0.###", locale=LOCALES.get(lang, "en_US"))
    return format_decimal(p, format="0.###", locale=LOCALES.get(lang, "en_US"))


# ---- the numbers ---------------------------------------------------------------------------------------
def diff_in_diff(treated: np.ndarray, control: np.ndarray, days_before: int, *, scale: float | None = None,
                 alpha: float = 0.05, draws: int = 2000, seed: int | None = 0) -> DiD:
    """Difference in differences of daily data, with a percentile bootstrap over days.

    Parameters
    ----------
    treated, control
        One row per day (the ``days_before`` days before the start, then the days after), one column of
        values, or two (numerator, denominator) for a ratio KPI.
    days_before
        How many of the rows are before the start.
    scale
        A ratio KPI's scale (``value = scale * numerator / denominator``); ``None`` for additive KPIs.
    alpha, draws, seed
        The interval is ``1 - alpha``, from ``draws`` resamples drawn with ``seed``.

    Examples
    --------
    >>> t = np.array([[1, 10], [1, 10], [3, 10], [3, 10]], dtype=float)
    >>> c = np.array([[2, 10], [2, 10], [2, 10], [2, 10]], dtype=float)
    >>> round(diff_in_diff(t, c, 2, scale=1.0, draws=200).estimate, 9)
    0.2
    """
    ratio = scale is not None
    parts = [treated[:days_before], treated[days_before:], control[:days_before], control[days_before:]]
    nb, na = days_before, len(treated) - days_before
    whole = (np.arange(nb)[None], np.arange(na)[None])
    levels = _levels(parts, *whole, ratio, scale or 1.0)
    estimate = float((levels[1] - levels[0] - levels[3] + levels[2])[0])
    rng = np.random.default_rng(seed)
    # One index matrix per window, shared by treated and control: a day's common shock stays common.
    ib, ia = rng.integers(0, nb, (draws, nb)), rng.integers(0, na, (draws, na))
    b = _levels(parts, ib, ia, ratio, scale or 1.0)
    boot = b[1] - b[0] - b[3] + b[2]
    boot = boot[~np.isnan(boot)]
    if not len(boot):
        return DiD(estimate, np.nan, np.nan, np.nan, *(float(v[0]) for v in levels))
    low, high = np.quantile(boot, [alpha / 2, 1 - alpha / 2])
    share = min(np.mean(boot <= 0), np.mean(boot >= 0))
    pvalue = float(min(1.0, max(2 * share, 1 / len(boot))))
    return DiD(estimate, float(low), float(high), pvalue, *(float(v[0]) for v in levels))


def _levels(parts: list[np.ndarray], ib: np.ndarray, ia: np.ndarray, ratio: bool, scale: float) -> list[np.ndarray]:
    """Treated before/after, control before/after per resample: daily means, or pooled rates for ratios."""
    out = []
    for data, idx in zip(parts, (ib, ia, ib, ia)):
        taken = data[idx]  # (resamples, days, columns)
        if ratio:
            with np.errstate(divide="ignore", invalid="ignore"):
                den = taken[..., 1].sum(-1)
                out.append(np.where(den > 0, scale * taken[..., 0].sum(-1) / np.where(den > 0, den, 1), np.nan))
        else:
            out.append(taken[..., 0].mean(-1))
    return out


# ---- from a workspace ----------------------------------------------------------------------------------
def estimate_effect(ws: Workspace, action: Action, as_of: Any = None, alpha: float = 0.05, draws: int = 2000,
                    seed: int | None = 0) -> ActionEffect:
    """The effect of ``action`` on its KPI in its segment, against the rest of the target's data.

    The after window runs from the action's start (else its creation day) to ``as_of`` (default and at
    most: the last day with data); the before window is as many days just before the start, at least 28
    and at most 90 (fewer when the data begins later, but at least 14).

    Examples
    --------
    >>> import kpi
    >>> ws = kpi.Workspace.open(":memory:"); _ = kpi.load_sample(ws)
    >>> a = ws.add_action(None, "Balas chat dalam 1 jam", metric="conversion_rate", segment={"sumber": "WhatsApp"},
    ...                   status="done", start="2026-07-01")
    >>> e = estimate_effect(ws, a, as_of="2026-08-31", draws=300)
    >>> e.verdict in ("worked", "no_clear_effect", "worse"), e.days_after, e.days_before
    (True, 62, 62)
    >>> estimate_effect(ws, ws.add_action(None, "Iklan", metric="leads", status="done")).verdict
    'not_applicable'
    """
    m = lookup(action.metric, ws.custom_metrics())
    start = action.effective_start
    stop = _stopper(m, action, start, alpha)
    refused = _refusal(m, action)
    if refused is not None:
        return stop("not_applicable", refused[0], **refused[1])
    span = ws.date_range(m)
    last = min(to_date(as_of, "as_of") or span[1], span[1]) if span else start - dt.timedelta(days=1)
    days_after = max((last - start).days + 1, 0)
    if days_after < MIN_DAYS:
        return stop("too_early", "action_reason_few_days", days_after=days_after, days=days_after, minimum=MIN_DAYS)
    first = max(start - dt.timedelta(days=min(max(days_after, BEFORE_DAYS[0]), BEFORE_DAYS[1])), span[0])
    days_before = (start - first).days
    if days_before < MIN_DAYS:
        return stop("not_applicable", "action_reason_no_history", days_after=days_after, days=days_before,
                    minimum=MIN_DAYS)
    base = dict(ws.target(action.target_id).filters or {}) if action.target_id is not None else {}
    treated = _daily(ws, m, first, last, {**base, **action.segment})
    control = _daily(ws, m, first, last, base) - treated
    windows = {"before": (first, start - dt.timedelta(days=1)), "after": (start, last),
               "days_before": days_before, "days_after": days_after}
    why = _thin(m, treated, control, days_before)
    if why is not None:
        verdict, code = why
        minimum = MIN_ROWS if m.is_ratio or m.unit == "count" else MIN_DAYS
        return stop(verdict, code, **windows, minimum=minimum)
    res = diff_in_diff(treated, control, days_before, scale=m.scale if m.is_ratio else None, alpha=alpha,
                       draws=draws, seed=seed)
    return ActionEffect(res.estimate, res.low, res.high, res.pvalue, _verdict(res, m), _method(m, draws),
                        res.estimate / res.treated_before if res.treated_before else float("nan"), start,
                        windows["before"], windows["after"], days_before, days_after, res.treated_before,
                        res.treated_after, res.control_before, res.control_after,
                        _frame(treated, control, first, days_before, m), m, action.id, action.segment, alpha=alpha)


def _refusal(m: Metric, action: Action) -> tuple[str, dict[str, Any]] | None:
    """Why ``action`` gets no estimate whatever the data (message code and parameters), else ``None``."""
    if action.status not in STARTED:
        return "action_reason_not_started", {"status": Message(f"action_status_{action.status}")}
    if m.kind == "cumulative" or m.cumulative:
        return "action_reason_unsupported", {"metric": m.name}
    if not action.segment:
        return "action_reason_no_segment", {"id": action.id}
    return None


def _stopper(m: Metric, action: Action, start: dt.date, alpha: float) -> Any:
    """A maker of effects without an estimate, for ``verdict`` and the message ``reason``."""

    def stop(verdict: str, reason: str, *, before: Any = None, after: Any = None, days_before: int = 0,
             days_after: int = 0, **params: Any) -> ActionEffect:
        nan = float("nan")
        frame = pd.DataFrame({"day": pd.Series(dtype="datetime64[us]"), "group": pd.Series(dtype=object),
                              "window": pd.Series(dtype=object), "value": pd.Series(dtype=float)})
        return ActionEffect(nan, nan, nan, nan, verdict, "", nan, start, before, after, days_before, days_after,
                            nan, nan, nan, nan, frame, m, action.id, action.segment, reason, params, alpha)

    return stop


def _daily(ws: Workspace, m: Metric, first: dt.date, last: dt.date, filters: dict[str, Any]) -> np.ndarray:
    """One row per day of ``first..last``: the value, or numerator and denominator; empty days are 0."""
    frame = ws.compute(m, "day", first, last, filters=filters)
    columns = ["numerator", "denominator"] if m.is_ratio else ["value"]
    return frame[columns].fillna(0).to_numpy(dtype=float)


def _thin(m: Metric, treated: np.ndarray, control: np.ndarray, nb: int) -> tuple[str, str] | None:
    """``(verdict, reason)`` when the data cannot carry an estimate, else ``None``."""
    if not np.any(treated[:, 0]):
        return "too_early", "action_reason_all_zero"
    if m.is_ratio:
        if control[:nb, 1].sum() <= 0 or control[nb:, 1].sum() <= 0:
            return "not_applicable", "action_reason_no_control"
        if treated[:nb, 1].sum() <= 0:
            return "not_applicable", "action_reason_no_segment_before"
        return ("too_early", "action_reason_few_rows") if treated[nb:, 1].sum() < MIN_ROWS else None
    if not np.any(control[:nb, 0]) or not np.any(control[nb:, 0]):
        return "not_applicable", "action_reason_no_control"
    if not np.any(treated[:nb, 0]):
        return "not_applicable", "action_reason_no_segment_before"
    # Counts carry their rows; for sums (money) a day with activity is the unit there is.
    thin = treated[nb:, 0].sum() < MIN_ROWS if m.unit == "count" else np.count_nonzero(treated[nb:, 0]) < MIN_DAYS
    return ("too_early", "action_reason_few_rows") if thin else None


def _verdict(res: DiD, m: Metric) -> str:
    if not (res.low > 0 or res.high < 0):
        return "no_clear_effect"
    return "worked" if (res.estimate > 0) == m.higher_is_better else "worse"


def _method(m: Metric, draws: int) -> str:
    what = "pooled rates" if m.is_ratio else "mean daily values"
    return (f"difference in differences of {what}, segment vs the rest of the target's data; "
            f"percentile bootstrap over days ({draws} draws, treated and control resampled together)")


def _frame(treated: np.ndarray, control: np.ndarray, first: dt.date, nb: int, m: Metric) -> pd.DataFrame:
    """Daily KPI values for charts: ``day, group, window, value`` (NaN for a ratio's day without denominator)."""
    days = pd.date_range(first, periods=len(treated), freq="D").astype("datetime64[us]")
    window = np.where(np.arange(len(treated)) < nb, "before", "after")
    parts = []
    for group, data in (("treated", treated), ("control", control)):
        if m.is_ratio:
            with np.errstate(divide="ignore", invalid="ignore"):
                value = np.where(data[:, 1] > 0, m.scale * data[:, 0] / np.where(data[:, 1] > 0, data[:, 1], 1),
                                 np.nan)
        else:
            value = data[:, 0]
        parts.append(pd.DataFrame({"day": days, "group": group, "window": window, "value": value}))
    return pd.concat(parts, ignore_index=True)
