"""The workspace's goals, targets and progress methods (mixed into :class:`kpi.Workspace`).

Storage is in :mod:`kpi.goals` and :mod:`kpi.targets`, forecasts and
suggestions in :mod:`kpi.plans`, progress in :mod:`kpi.progress`; these
methods take the write lock, run the transaction and join them up.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from kpi import goals as goals_
from kpi import plans
from kpi import targets as targets_
from kpi.errors import TargetError
from kpi.goals import Goal
from kpi.metrics import lookup
from kpi.sql import transaction
from kpi.targets import CheckIn, Target

if TYPE_CHECKING:
    import threading

    import duckdb

    from kpi.progress import Progress, Thresholds

__all__ = ["PlanningMethods"]

_KEEP: Any = object()  # "leave as it is" for optional fields that may be set to None


class PlanningMethods:
    """Goals, targets, milestones, check-ins and progress of a workspace."""

    _lock: threading.RLock

    def cursor(self) -> duckdb.DuckDBPyConnection:  # pragma: no cover - provided by Workspace
        raise NotImplementedError

    # ---- goals -----------------------------------------------------------
    def goal_templates(self, lang: str = "id") -> list[dict]:
        """Common goals and the KPIs that measure them: ``code, label, description, kpis``."""
        return goals_.templates(lang)

    def add_goal(self, name: str, description: str | None = None, owner: str | None = None,
                 kpis: Sequence[str] = ()) -> Goal:
        """Save a goal (tujuan): what the team wants, and the KPIs chosen to measure it.

        ``kpis`` are checked against the workspace's KPIs; :func:`kpi.goals.check_kpi_count`
        says when there are too many to keep a goal focused.
        """
        known = self.metrics()  # type: ignore[attr-defined]
        for name_ in kpis:
            lookup(name_, known)
        with self._lock, transaction(self.cursor()) as cur:
            return goals_.insert_goal(cur, name, description, owner, kpis)

    def goals(self, include_deleted: bool = False) -> list[Goal]:
        """The goals, oldest first."""
        return goals_.read_goals(self.cursor(), include_deleted)

    def delete_goal(self, goal: Goal | int, deleted: bool = True) -> Goal:
        """Hide a goal (``deleted=False`` brings it back); its targets stay."""
        with self._lock, transaction(self.cursor()) as cur:
            return goals_.set_goal_deleted(cur, goal, deleted)

    # ---- targets ---------------------------------------------------------
    def suggest_targets(self, metric: str, start: Any, end: Any, filters: Mapping[str, Any] | None = None,
                        lang: str = "en", *, grain: str = "month", value: float | None = None,
                        draws: int = plans.DRAWS, seed: int | None = 0,
                        as_of: Any = None) -> list[plans.TargetSuggestion]:
        """Targets history supports for ``metric`` over ``start..end``, each with its probability.

        See :func:`kpi.plans.suggest_targets`; ``as_of`` gives the suggestions as made on
        that day, from the data up to it (a backtest).

        Examples
        --------
        >>> import kpi
        >>> ws = kpi.Workspace.open(":memory:"); _ = kpi.load_sample(ws)
        >>> s = ws.suggest_targets("revenue", "2026-11-01", "2027-01-31", draws=300)
        >>> [x.code for x in s][-2:], s[-1].value > s[-2].value
        (['p50', 'p80'], True)
        """
        return plans.suggest_targets(self, metric, start, end, filters, lang, grain=grain, value=value, draws=draws,
                                     seed=seed, as_of=as_of)

    def set_target(self, metric: str, start: Any, end: Any, value: float | None = None, growth: float | None = None,
                   owner: str | None = None, filters: Mapping[str, Any] | None = None, note: str | None = None,
                   goal: Goal | int | None = None, *, points: float | None = None, grain: str = "month",
                   author: str | None = None) -> Target:
        """Save a target for ``metric`` over ``start..end``, split into seasonal milestones.

        Give exactly one of ``value`` (the KPI's value over the span), ``growth``
        (0.2 = 20% above the same span a year earlier) or ``points`` (for rates and
        NPS: percentage points above it, 2 = +2 points).

        Examples
        --------
        >>> import kpi
        >>> ws = kpi.Workspace.open(":memory:"); _ = kpi.load_sample(ws)
        >>> t = ws.set_target("conversion_rate", "2026-11-01", "2027-01-31", points=1, owner="Sari")
        >>> round(t.value - t.baseline, 4), len(ws.milestones(t))
        (0.01, 3)
        """
        m = lookup(metric, self.custom_metrics())  # type: ignore[attr-defined]
        plans.aggregation(m)
        lo, hi = plans._span(start, end)
        given = [k for k, v in (("value", value), ("growth", growth), ("points", points)) if v is not None]
        if len(given) != 1:
            raise TargetError("target_value_choice", given=", ".join(f"`{k}`" for k in given) or "none")
        kind = given[0]
        baseline = plans._year_back(self, m, lo, hi, filters)  # type: ignore[arg-type]
        if kind != "value" and baseline is None:
            raise TargetError("target_no_baseline", metric=m.name, start=plans._year_ago(lo), end=plans._year_ago(hi))
        amount = {"value": value, "growth": growth, "points": points}[kind]
        total = plans.resolve_value(kind, amount, baseline, m.unit)
        targets_.validate(m, lo, hi, total, grain)
        _refuse_duplicate(self.targets(), m.name, lo, hi, total, targets_.normalize_filters(filters))
        view = plans.outlook(self, m, lo, hi, filters, from_start=True, grain=grain)  # type: ignore[arg-type]
        milestones = plans.phase(view, total)
        with self._lock, transaction(self.cursor()) as cur:
            return targets_.insert_target(cur, metric=m.name, start=lo, end=hi, value=total, owner=owner,
                                          filters=filters, note=note, goal=goal, kind=kind,
                                          amount=None if kind == "value" else amount,
                                          baseline=baseline, grain=grain, milestones=milestones, author=author)

    def update_target(self, target: Target | int, *, value: float | None = None, owner: Any = _KEEP,
                      note: Any = _KEEP, goal: Any = _KEEP, author: str | None = None) -> Target:
        """Change a target's value, owner, note or goal; a new value re-plans its milestones."""
        old = self.target(target)
        changes: dict[str, Any] = {k: v for k, v in (("owner", owner), ("note", note), ("goal", goal))
                                   if v is not _KEEP}
        milestones = None
        if value is not None:
            changes["value"] = float(value)
            view = plans.outlook(self, old.metric, old.start, old.end, old.filters, from_start=True,  # type: ignore[arg-type]
                                 grain=old.grain)
            milestones = plans.phase(view, float(value))
        with self._lock, transaction(self.cursor()) as cur:
            return targets_.update_target(cur, old.id, changes, author=author, milestones=milestones)

    def delete_target(self, target: Target | int, author: str | None = None) -> Target:
        """Delete a target (softly: :meth:`restore_target` brings it back, history and all)."""
        with self._lock, transaction(self.cursor()) as cur:
            return targets_.set_deleted(cur, target, True, author)

    def restore_target(self, target: Target | int, author: str | None = None) -> Target:
        """Bring back a deleted target."""
        with self._lock, transaction(self.cursor()) as cur:
            return targets_.set_deleted(cur, target, False, author)

    def targets(self, include_deleted: bool = False, goal: Goal | int | None = None) -> list[Target]:
        """The targets (of ``goal``), oldest first."""
        return targets_.read_targets(self.cursor(), include_deleted, goal)

    def target(self, target: Target | int) -> Target:
        """The target with this id (deleted ones too)."""
        return targets_.read_target(self.cursor(), target)

    def milestones(self, target: Target | int) -> pd.DataFrame:
        """A target's milestones: ``period, end, value, weight, cumulative``.

        ``cumulative`` is the plan to the end of each period as the KPI adds up:
        a running sum, a pooled rate, or a mean of levels.
        """
        frame = targets_.read_milestones(self.cursor(), target)
        metric = self.metrics().get(self.target(target).metric)
        if metric is not None and len(frame):
            frame["cumulative"] = plans.cumulate(frame["value"].to_numpy(float), frame["weight"].to_numpy(float),
                                                 plans.aggregation(metric))
        return frame

    def check_in(self, target: Target | int, note: str, author: str | None = None) -> CheckIn:
        """Add a check-in note to a target."""
        with self._lock, transaction(self.cursor()) as cur:
            return targets_.add_check_in(cur, target, note, author)

    def check_ins(self, target: Target | int) -> list[CheckIn]:
        """A target's check-ins, newest first."""
        return targets_.read_check_ins(self.cursor(), target)

    def target_history(self, target: Target | int) -> pd.DataFrame:
        """Every change to a target: ``changed_at, action, author, before, after``, oldest first."""
        return targets_.read_history(self.cursor(), target)

    # ---- progress --------------------------------------------------------
    def progress(self, target: Target | int, as_of: Any = None, thresholds: Thresholds | None = None, *,
                 draws: int = plans.DRAWS, seed: int | None = 0) -> Progress:
        """Actual, plan to date, attainment, projection, probability and status of a target.

        See :class:`kpi.progress.Progress`.
        """
        from kpi import progress

        return progress.progress(self, self.target(target), as_of, thresholds, draws=draws, seed=seed)  # type: ignore[arg-type]

    def scorecard(self, as_of: Any = None, thresholds: Thresholds | None = None, lang: str = "en", *,
                  goal: Goal | int | None = None, draws: int = plans.DRAWS) -> pd.DataFrame:
        """Every live target's progress, one row each.

        Columns: ``id, goal, metric, label, segment, owner, start, end, target,
        actual, expected, attainment, gap, projected, projected_low,
        projected_high, probability, status, elapsed``.
        """
        rows = []
        for t in self.targets(goal=goal):
            p = self.progress(t, as_of, thresholds, draws=draws)
            rows.append({"id": t.id, "goal": t.goal, "metric": t.metric, "label": t.label(lang),
                         "segment": t.segment, "owner": t.owner, "start": t.start, "end": t.end, "target": t.value,
                         "actual": p.actual, "expected": p.expected, "attainment": p.attainment, "gap": p.gap,
                         "projected": p.projected, "projected_low": p.projected_low,
                         "projected_high": p.projected_high, "probability": p.probability, "status": p.status,
                         "elapsed": p.elapsed})
        columns = ["id", "goal", "metric", "label", "segment", "owner", "start", "end", "target", "actual",
                   "expected", "attainment", "gap", "projected", "projected_low", "projected_high", "probability",
                   "status", "elapsed"]
        return pd.DataFrame(rows, columns=columns)


def _refuse_duplicate(live: list[Target], metric: str, start: Any, end: Any, value: float,
                      filters: Mapping[str, Any] | None) -> None:
    """A second live target identical to one already saved (a double click) is refused."""
    for t in live:
        if (t.metric, t.start, t.end, t.filters or None) == (metric, start, end, filters or None) and np.isclose(
                t.value, value, rtol=1e-9, atol=0.0):
            raise TargetError("target_exists", id=t.id, metric=metric)
