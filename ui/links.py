"""What each page's link holds: its URL parameters and the session-state keys of the widgets they set.

Every page's link also holds ``lang`` (see :mod:`ui.urlstate`). Per page:

* Overview: ``kpi=revenue,orders&grain=month&from=2026-08-01&to=2026-10-31&f.kanal=Shopee,Tokopedia
  &split=kanal&trend=revenue``
* Targets: ``goal=1&kpi=revenue&from=2026-11-01&to=2027-04-30&f.kanal=Shopee&grain=week``
* Progress: ``target=3``
* Drill-down: ``mode=target&target=3``, or ``mode=periods&kpi=conversion_rate&from=2026-08-01&to=2026-10-31
  &base=last_year`` (``previous``, or ``2025-08-01..2025-10-31``) ``&f.kanal=Shopee``; then
  ``path=sumber:Instagram/provinsi:Jawa Barat&split=kota``
* Actions: ``action=5&status=planned,in_progress``
* Data: the language only.

Each value is checked against what the data and the workspace offer before it reaches a widget's key: an
unknown KPI, a deleted target, a date outside the data or a value the data lacks is skipped with a reason.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection, Mapping, Sequence
from typing import Any

import pandas as pd
import streamlit as st

from kpi import Action
from kpi.actions import STATUSES
from kpi.goals import Goal
from kpi.metrics import Metric
from kpi.periods import GRAINS
from kpi.targets import GRAINS as TARGET_GRAINS
from kpi.targets import Target
from ui import cache
from ui.targets import MAX_MONTHS, months_offered
from ui.urlstate import FILTER, Ignored, Param, Step, day, items, path

Span = tuple[dt.date, dt.date]
Values = Callable[[str], Sequence[str | None]]
_DAY = dt.timedelta(days=1)
BASELINES = ("last_year", "previous")


def _listed(values: Sequence[str | None]) -> str:
    return ", ".join("–" if v is None else str(v) for v in values)


def _given(present: Mapping[str, str]) -> str:
    """``from=…&to=…`` as the link gave them, for the notice."""
    return "&".join(f"{name}={present[name]}" for name in ("from", "to") if name in present)


# ---- kinds of parameter ------------------------------------------------------------------------------
def one(name: str, key: str, options: Collection[Any], *, cast: Callable[[str], Any] = str,
        reason: str = "url.bad_value") -> Param:
    """``name=value`` for a widget with one of ``options`` (``cast`` reads it, e.g. ``int`` for ids)."""

    def load(present: Mapping[str, str], problems: list[Ignored]) -> dict[str, Any]:
        raw = present[name]
        try:
            value = cast(raw)
        except ValueError:
            raise Ignored("url.bad_value", param=name, value=raw) from None
        if value not in options:
            raise Ignored(reason, param=name, value=raw)
        return {key: value}

    def dump() -> dict[str, Any]:
        value = st.session_state.get(key)
        return {name: value} if value in options else {}  # not a sentinel such as "(none)"

    return Param((name,), load, dump)


def many(name: str, key: str, options: Collection[str], *, reason: str = "url.bad_value") -> Param:
    """``name=a,b`` for a widget with several of ``options``; unknown items are skipped."""

    def load(present: Mapping[str, str], problems: list[Ignored]) -> dict[str, Any]:
        chosen = items(present[name])
        unknown = [v for v in chosen if v not in options]
        if unknown:
            problems.append(Ignored(reason, param=name, value=_listed(unknown)))
        known = [v for v in dict.fromkeys(chosen) if v in options]
        return {key: known} if known else {}

    def dump() -> dict[str, Any]:
        return {name: [v for v in st.session_state.get(key) or () if v in options]}

    return Param((name,), load, dump)


def dates(key: str, span: Span | None) -> Param:
    """``from=2026-08-01&to=2026-10-31`` for a date range within ``span`` (a missing end: the span's)."""

    def load(present: Mapping[str, str], problems: list[Ignored]) -> dict[str, Any]:
        text = _given(present)
        if span is None:
            raise Ignored("url.bad_dates", value=text, first="–", last="–")
        bad = Ignored("url.bad_dates", value=text, first=span[0].isoformat(), last=span[1].isoformat())
        try:
            start = day(present["from"]) if "from" in present else span[0]
            end = day(present["to"]) if "to" in present else span[1]
        except ValueError:
            raise bad from None
        if not span[0] <= start <= end <= span[1]:
            raise bad
        return {key: (start, end)}

    def dump() -> dict[str, Any]:
        chosen = st.session_state.get(key)
        return {"from": chosen[0], "to": chosen[1]} if chosen and len(chosen) == 2 else {}

    return Param(("from", "to"), load, dump)


def segment(key: str, dimensions: Collection[str], values: Values, *, several: bool) -> Param:
    """``f.kanal=Shopee,Tokopedia``: one dimension and some of its values (one value unless ``several``).

    Sets ``<key>.dimension`` and ``<key>.values.<dimension>`` (several) or ``<key>.value.<dimension>``.
    """
    state = st.session_state
    slot = "values" if several else "value"

    def load(present: Mapping[str, str], problems: list[Ignored]) -> dict[str, Any]:
        (name, raw), *others = present.items()
        problems.extend(Ignored("url.one_filter", value=other) for other, _ in others)
        dimension = name[len(FILTER):]
        if dimension not in dimensions:
            raise Ignored("url.unknown_dimension", value=dimension)
        offered = values(dimension)
        chosen = items(raw)
        unknown = [v for v in chosen if v not in offered]
        if unknown:
            problems.append(Ignored("url.unknown_values", dimension=dimension, value=_listed(unknown)))
        known = [v for v in dict.fromkeys(chosen) if v in offered]
        if not known:
            return {}
        if not several and len(known) > 1:
            problems.append(Ignored("url.one_value", dimension=dimension, value=_listed(known[1:])))
        return {f"{key}.dimension": dimension, f"{key}.{slot}.{dimension}": known if several else known[0]}

    def dump() -> dict[str, Any]:
        dimension = state.get(f"{key}.dimension")
        chosen = f"{key}.{slot}.{dimension}"
        if dimension not in dimensions or chosen not in state:
            return {}
        return {FILTER + dimension: state[chosen] if several else [state[chosen]]}

    return Param((FILTER,), load, dump)


def when(mode: str, param: Param, key: str = "drilldown.mode") -> Param:
    """``param``, written to the URL only while the widget ``key`` is on ``mode``."""
    return Param(param.names, param.load,
                 lambda: param.dump() if st.session_state.get(key) == mode else {})


# ---- pages -------------------------------------------------------------------------------------------
def overview(metrics: Mapping[str, Metric], fp: str) -> list[Param]:
    """KPIs, grain, dates, a filter, the split and the trend's KPI."""
    names = tuple(metrics)
    dimensions = cache.dimensions(fp, names)
    return [
        many("kpi", "overview.kpis", names, reason="url.unknown_kpi"),
        one("grain", "overview.grain", GRAINS),
        dates("overview.dates", cache.date_span(fp, names)),
        segment("overview.filter", dimensions, lambda column: cache.dimension_values(fp, column), several=True),
        one("split", "overview.split", dimensions, reason="url.unknown_dimension"),
        one("trend", "overview.trend", names, reason="url.unknown_kpi"),
    ]


def targets(goals: Sequence[Goal], metrics: Mapping[str, Metric], fp: str) -> list[Param]:
    """The goal, the target's KPI, span, segment and milestone grain."""
    names = tuple(metrics)
    span = cache.date_span(fp, names)
    params = [
        one("goal", "targets.goal", [goal.id for goal in goals], cast=int, reason="url.gone_goal"),
        target_kpi(names, [goal.id for goal in goals]),
        segment("targets.segment", cache.dimensions(fp, names), lambda column: cache.dimension_values(fp, column),
                several=False),
        one("grain", "targets.grain", TARGET_GRAINS),
    ]
    return params + ([target_span("targets.span", span[1])] if span else [])


def target_kpi(names: Sequence[str], goals: Sequence[int]) -> Param:
    """``kpi=revenue`` on the Targets page, tied to the goal it is chosen under (see ``ui.targets.kpi_choice``)."""
    base = one("kpi", "targets.kpi", names, reason="url.unknown_kpi")

    def load(present: Mapping[str, str], problems: list[Ignored]) -> dict[str, Any]:
        chosen = st.session_state.get("targets.goal")
        goal = chosen if chosen in goals else (goals[-1] if goals else None)
        return {**base.load(present, problems), "targets.kpi.goal": goal}

    return Param(base.names, load, base.dump)


def target_span(key: str, last_day: dt.date) -> Param:
    """``from=2026-11-01&to=2027-04-30``: whole months, starting in a month the span picker offers."""
    offered = months_offered(last_day)
    state = st.session_state

    def load(present: Mapping[str, str], problems: list[Ignored]) -> dict[str, Any]:
        text = _given(present)
        try:
            start = day(present["from"])
            end = day(present["to"]) if "to" in present else None
        except (KeyError, ValueError):
            raise Ignored("url.bad_span", value=text) from None
        months = None if end is None else (end.year - start.year) * 12 + end.month - start.month + 1
        if start not in offered or (end is not None and ((end + _DAY).day != 1 or not 1 <= months <= MAX_MONTHS)):
            raise Ignored("url.bad_span", value=text)
        return {f"{key}.start": start, **({f"{key}.months": months} if months else {})}

    def dump() -> dict[str, Any]:
        start, months = state.get(f"{key}.start"), state.get(f"{key}.months")
        if start is None or months is None:
            return {}
        return {"from": start, "to": (pd.Timestamp(start) + pd.DateOffset(months=int(months))).date() - _DAY}

    return Param(("from", "to"), load, dump)


def progress(live: Sequence[Target]) -> list[Param]:
    """The target shown in detail."""
    return [one("target", "progress.target", [target.id for target in live], cast=int, reason="url.gone_target")]


def actions(live: Sequence[Action]) -> list[Param]:
    """The action shown in detail, and the statuses listed."""
    return [one("action", "actions.pick", [action.id for action in live], cast=int, reason="url.gone_action"),
            many("status", "actions.status", STATUSES)]


def drilldown(live: Sequence[Target], metrics: Mapping[str, Metric], fp: str) -> list[Param]:
    """A target, or a KPI over two spans in a segment; then the drill path and the tree's split."""
    names = tuple(metrics)
    span = cache.date_span(fp, names)
    dimensions = cache.dimensions(fp, names)

    def values(column: str) -> list[str | None]:
        return cache.dimension_values(fp, column)

    return [
        one("mode", "drilldown.mode", ("target", "periods") if live else ("periods",)),
        when("target", one("target", "drilldown.target", [t.id for t in live], cast=int, reason="url.gone_target")),
        when("periods", one("kpi", "drilldown.kpi", names, reason="url.unknown_kpi")),
        when("periods", dates("drilldown.current", span)),
        when("periods", baseline("drilldown.baseline", span)),
        when("periods", segment("drilldown.segment", dimensions, values, several=False)),
        drill_path("drilldown", dimensions, values),
        split("drilldown", dimensions),
    ]


def baseline(key: str, span: Span | None) -> Param:
    """``base=last_year``, ``base=previous`` or ``base=2025-08-01..2025-10-31`` (dates within the data)."""
    state = st.session_state

    def load(present: Mapping[str, str], problems: list[Ignored]) -> dict[str, Any]:
        raw = present["base"]
        if raw in BASELINES:
            return {key: raw}
        first, _, last = raw.partition("..")
        try:
            chosen = (day(first), day(last))
        except ValueError:
            raise Ignored("url.bad_value", param="base", value=raw) from None
        if span is None or not span[0] <= chosen[0] <= chosen[1] <= span[1]:
            raise Ignored("url.bad_value", param="base", value=raw)
        return {key: "custom", f"{key}.dates": chosen}

    def dump() -> dict[str, Any]:
        choice, chosen = state.get(key), state.get(f"{key}.dates")
        if choice == "custom":
            return {"base": f"{chosen[0]}..{chosen[1]}"} if chosen and len(chosen) == 2 else {}
        return {"base": choice}

    return Param(("base",), load, dump)


def drill_path(key: str, dimensions: Collection[str], values: Values) -> Param:
    """``path=sumber:Instagram/provinsi:Jawa Barat``: kept in ``<key>.path.url`` until ``ui.drilldown.drill_path``
    knows the question it belongs to."""
    state = st.session_state

    def load(present: Mapping[str, str], problems: list[Ignored]) -> dict[str, Any]:
        raw = present["path"]
        try:
            steps = path(raw)
        except ValueError:
            raise Ignored("url.bad_path", value=raw) from None
        columns = [column for column, _ in steps]
        if len(set(columns)) < len(columns) or any(c not in dimensions or v not in values(c) for c, v in steps):
            raise Ignored("url.bad_path", value=raw)
        return {f"{key}.path.url": tuple(steps)}

    def dump() -> dict[str, Any]:
        kept = state.get(f"{key}.path")
        return {"path": list(kept[1]) if kept else None}

    return Param(("path",), load, dump)


def split(key: str, dimensions: Collection[str]) -> Param:
    """``split=kota``: the decomposition tree's dimension at the end of the drill path."""
    state = st.session_state

    def level() -> int:
        steps: Sequence[Step] | None = state.get(f"{key}.path.url")
        if steps is None:
            kept = state.get(f"{key}.path")
            steps = kept[1] if kept else ()
        return len(steps)

    def load(present: Mapping[str, str], problems: list[Ignored]) -> dict[str, Any]:
        if present["split"] not in dimensions:
            raise Ignored("url.unknown_dimension", value=present["split"])
        return {f"{key}.split.{level()}": present["split"]}

    def dump() -> dict[str, Any]:
        return {"split": state.get(f"{key}.split.{level()}")}

    return Param(("split",), load, dump)

