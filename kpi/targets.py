"""Targets: the value a KPI should reach over a span of dates, with milestones, check-ins and an edit history.

A :class:`Target` is a KPI (``metric``), an inclusive span ``start..end``, the
``value`` to reach over it, and optionally a segment (``filters``), an owner, a
note and the goal it serves. :func:`validate` refuses targets that cannot be
met or measured. Storage functions take a DuckDB cursor; the caller holds the
workspace's write lock and transaction. Deleting is soft (``deleted_at``), and
every create / update / delete / restore writes a row of history.

Examples
--------
>>> import kpi
>>> cur = kpi.Workspace.open(":memory:").cursor()
>>> t = insert_target(cur, metric="revenue", start="2026-01-01", end="2026-06-30", value=9e8,
...                   filters={"channel": "Instagram"})
>>> t.id, t.label("en"), t.segment
(1, 'Revenue · Instagram', 'Instagram')
"""

from __future__ import annotations

import datetime as dt
import json
import math
import numbers
from collections.abc import Mapping
from dataclasses import asdict, dataclass, replace
from typing import Any

import pandas as pd

from kpi.compiler import to_date
from kpi.errors import TargetError
from kpi.goals import Goal, as_id, read_goal
from kpi.metrics import CATALOG, Metric, load_custom, lookup

__all__ = ["EDITABLE", "GRAINS", "KINDS", "CheckIn", "Target", "add_check_in", "insert_target", "normalize_filters",
           "read_check_ins", "read_history", "read_milestones", "read_target", "read_targets", "set_deleted",
           "update_target", "validate"]

GRAINS = ("month", "week")
KINDS = ("value", "growth", "points")
#: What :func:`update_target` may change; anything else makes a new target.
EDITABLE = ("value", "owner", "note", "goal")
_COLUMNS = ('id, metric, start, "end", value, owner, filters, note, created_at, goal_id, kind, amount, baseline, '
            "grain, updated_at, deleted_at")

Filters = dict[str, tuple[str | None, ...]]


@dataclass(frozen=True)
class Target:
    """A KPI's target: ``value`` to reach over ``start..end`` (inclusive), optionally for one segment.

    ``kind`` says how the user gave it: a ``"value"``, a ``"growth"`` (``amount`` 0.2 = 20%) or
    ``"points"`` (``amount`` 2.0) on ``baseline``, the same span a year earlier.

    Examples
    --------
    >>> t = Target(1, "conversion_rate", dt.date(2026, 1, 1), dt.date(2026, 6, 30), 0.15, "Sari",
    ...            {"channel": ("Instagram",), "region": ("Jawa Barat", None)}, None, dt.datetime(2026, 1, 2))
    >>> t.segment, t.label("id")
    ('Instagram, Jawa Barat / –', 'Persentase Konversi · Instagram, Jawa Barat / –')
    """

    id: int
    metric: str
    start: dt.date
    end: dt.date
    value: float
    owner: str | None
    filters: Filters | None
    note: str | None
    created_at: dt.datetime
    goal: int | None = None
    kind: str = "value"
    amount: float | None = None
    baseline: float | None = None
    grain: str = "month"
    updated_at: dt.datetime | None = None
    deleted_at: dt.datetime | None = None

    @property
    def segment(self) -> str:
        """The filter values, ``"Instagram, Jawa Barat"``; ``""`` for all data; blank shows as ``–``."""
        return ", ".join(" / ".join("–" if v is None else v for v in values)
                         for values in (self.filters or {}).values())

    def label(self, lang: str = "id") -> str:
        """The KPI's label in ``lang`` (a custom KPI's name), then `` · <segment>`` when there is one."""
        name = CATALOG[self.metric].label(lang) if self.metric in CATALOG else self.metric
        return f"{name} · {self.segment}" if self.filters else name


@dataclass(frozen=True)
class CheckIn:
    """A note on a target's progress: what happened, what will be done."""

    id: int
    target: int
    author: str | None
    note: str
    created_at: dt.datetime


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def _blank_to_none(text: Any) -> str | None:
    return None if text is None or not str(text).strip() else str(text)


def normalize_filters(filters: Mapping[str, Any] | None) -> Filters | None:
    """``{column: value or [values]}`` as ``{column: (values...)}``, columns sorted; ``None`` when empty.

    Values are text or ``None`` (blank); numbers and dates become text, as the engine compares them.

    Examples
    --------
    >>> normalize_filters({"region": ["Jawa Barat", None], "channel": "Instagram"})
    {'channel': ('Instagram',), 'region': ('Jawa Barat', None)}
    """
    if filters is None:
        return None
    if not isinstance(filters, Mapping):
        raise TargetError("target_filters_shape", value=filters)
    out: Filters = {}
    for column in sorted(filters, key=str):
        value = filters[column]
        items = list(value) if isinstance(value, list | tuple | set | frozenset) else [value]
        values: list[str | None] = []
        for item in items:
            if item is None or (isinstance(item, float) and math.isnan(item)):
                values.append(None)
            elif isinstance(item, str | numbers.Number | dt.date) and not isinstance(item, bool | complex):
                values.append(item if isinstance(item, str) else str(item))
            else:
                raise TargetError("bad_target_filters", column=column, value=item)
        if not values or not isinstance(column, str) or not column:
            raise TargetError("bad_target_filters", column=column, value=value)
        out[column] = tuple(dict.fromkeys(values))
    return out or None


def _check_value(name: str, unit: str, value: Any) -> float:
    """``value`` as a float, if a KPI called ``name`` measured in ``unit`` can take it."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real) or not math.isfinite(float(value)):
        raise TargetError("target_value_bad", value=value)
    value = float(value)
    if unit in ("currency", "count") and name != "follower_growth" and value < 0:
        raise TargetError("target_value_negative", metric=name, value=value)
    if unit == "percent" and not 0 <= value <= 1:
        raise TargetError("target_rate_range", metric=name, value=value)
    if unit == "points" and not -100 <= value <= 100:
        raise TargetError("target_points_range", metric=name, value=value)
    return value


def validate(metric: Metric, start: Any, end: Any, value: float, grain: str = "month") -> tuple[dt.date, dt.date]:
    """Check that a target can be set; return its ``start`` and ``end`` as dates.

    Raises
    ------
    TargetError
        A missing or reversed span, a grain other than month/week, a running-total KPI, a value
        that is not a finite number or lies outside what the KPI can take (QueryError: not a date).

    Examples
    --------
    >>> validate(CATALOG["conversion_rate"], "2026-01-01", "2026-06-30", 0.15, "month")
    (datetime.date(2026, 1, 1), datetime.date(2026, 6, 30))
    >>> validate(CATALOG["conversion_rate"], "2026-01-01", "2026-06-30", 15, "month")
    Traceback (most recent call last):
    ...
    kpi.errors.TargetError: `value` for `conversion_rate` must be between 0 and 1, not 15.0: ...
    """
    missing = [f"`{name}`" for name, day in (("start", start), ("end", end)) if day is None]
    if missing:
        raise TargetError("target_span_missing", option=" & ".join(missing))
    first, last = to_date(start, "start"), to_date(end, "end")
    assert first is not None and last is not None
    if last < first:
        raise TargetError("target_span_reversed", start=first.isoformat(), end=last.isoformat())
    if grain not in GRAINS:
        raise TargetError("target_bad_grain", grain=grain)
    if metric.kind == "cumulative" or metric.cumulative:
        raise TargetError("target_cumulative", metric=metric.name)
    _check_value(metric.name, metric.unit, value)
    return first, last


# ---- storage -------------------------------------------------------------------------------------------
def _goal_id(cur: Any, goal: int | Goal | None) -> int | None:
    return None if goal is None else read_goal(cur, goal).id


def _to_json(target: Target | None) -> str | None:
    """``target`` as JSON text for the history: dates as ISO text, filters as lists."""
    return None if target is None else json.dumps(asdict(target), default=lambda d: d.isoformat(),
                                                  ensure_ascii=False)


def _next_id(cur: Any, table: str) -> int:
    return int(cur.execute(f"SELECT coalesce(max(id), 0) + 1 FROM {table}").fetchall()[0][0])  # table: a constant


def _store(cur: Any, target: Target) -> None:
    """Write ``target``'s row, replacing the row with its id (no PRIMARY KEY: see kpi.schema)."""
    cur.execute("DELETE FROM kinerja_targets WHERE id = ?", [target.id])
    cur.execute(f"INSERT INTO kinerja_targets ({_COLUMNS}) VALUES ({', '.join(['?'] * 16)})",
                [target.id, target.metric, target.start, target.end, target.value, target.owner,
                 None if target.filters is None else json.dumps(target.filters, ensure_ascii=False), target.note,
                 target.created_at, target.goal, target.kind, target.amount, target.baseline, target.grain,
                 target.updated_at, target.deleted_at])


def _from_row(row: tuple[Any, ...]) -> Target:
    filters = None if row[6] is None else {k: tuple(v) for k, v in sorted(json.loads(row[6]).items())}
    return Target(*row[:6], filters, *row[7:])  # the columns of _COLUMNS are Target's fields, in order


def _history(cur: Any, action: str, author: str | None, before: Target | None, after: Target) -> None:
    cur.execute("INSERT INTO kinerja_target_history VALUES (?, ?, ?, ?, ?, ?)",
                [after.id, _now(), action, _blank_to_none(author), _to_json(before), _to_json(after)])


def _write_milestones(cur: Any, target_id: int, milestones: pd.DataFrame) -> None:
    if not {"period", "end", "value"} <= set(milestones.columns):
        raise TargetError("bad_milestones", columns="`period`, `end`, `value`, `weight`")
    weights = milestones["weight"] if "weight" in milestones.columns else [None] * len(milestones)
    rows = [[target_id, to_date(p, "milestones"), to_date(e, "milestones"), float(v),
             None if w is None or pd.isna(w) else float(w)]
            for p, e, v, w in zip(milestones["period"], milestones["end"], milestones["value"], weights)]
    if rows:
        cur.executemany('INSERT INTO kinerja_milestones (target_id, period, "end", value, weight) '
                        "VALUES (?, ?, ?, ?, ?)", rows)


def insert_target(cur: Any, *, metric: str, start: Any, end: Any, value: float, owner: str | None = None,
                  filters: Mapping[str, Any] | None = None, note: str | None = None, goal: int | Goal | None = None,
                  kind: str = "value", amount: float | None = None, baseline: float | None = None,
                  grain: str = "month", milestones: pd.DataFrame | None = None, author: str | None = None) -> Target:
    """Validate and store a new target (with its milestones and a ``created`` history row); return it.

    ``metric`` is a catalog KPI or a custom KPI stored in the workspace behind ``cur``.

    Examples
    --------
    >>> import kpi
    >>> cur = kpi.Workspace.open(":memory:").cursor()
    >>> t = insert_target(cur, metric="orders", start="2026-01-01", end="2026-03-31", value=1200, owner="Sari")
    >>> t.id, t.start, t.owner
    (1, datetime.date(2026, 1, 1), 'Sari')
    """
    found = lookup(metric, load_custom(cur))
    first, last = validate(found, start, end, value, grain)
    if kind not in KINDS:
        raise TargetError("target_bad_kind", kind=kind)
    target = Target(_next_id(cur, "kinerja_targets"), found.name, first, last, float(value), _blank_to_none(owner),
                    normalize_filters(filters), _blank_to_none(note), _now(), _goal_id(cur, goal), kind,
                    None if amount is None else float(amount), None if baseline is None else float(baseline), grain)
    _store(cur, target)
    if milestones is not None:
        _write_milestones(cur, target.id, milestones)
    _history(cur, "created", author, None, target)
    return target


def read_targets(cur: Any, include_deleted: bool = False, goal: int | Goal | None = None) -> list[Target]:
    """The targets in the workspace behind ``cur``, by id; deleted ones only with ``include_deleted``."""
    where = "TRUE" if include_deleted else "deleted_at IS NULL"
    params = [] if goal is None else [as_id(goal.id if isinstance(goal, Goal) else goal)]
    where += "" if goal is None else " AND goal_id = ?"
    rows = cur.execute(f"SELECT {_COLUMNS} FROM kinerja_targets WHERE {where} ORDER BY id", params).fetchall()
    return [_from_row(row) for row in rows]


def read_target(cur: Any, target_id: int | Target, include_deleted: bool = True) -> Target:
    """The target with id ``target_id``: TargetError ``unknown_target`` if none (or deleted and not wanted)."""
    shown = target_id.id if isinstance(target_id, Target) else target_id
    rows = cur.execute(f"SELECT {_COLUMNS} FROM kinerja_targets WHERE id = ?", [as_id(shown)]).fetchall()
    if not rows or (not include_deleted and rows[0][-1] is not None):
        raise TargetError("unknown_target", id=shown)
    return _from_row(rows[0])


def update_target(cur: Any, target_id: int | Target, changes: Mapping[str, Any], author: str | None = None,
                  milestones: pd.DataFrame | None = None) -> Target:
    """Change a live target's ``value``, ``owner``, ``note`` or ``goal``; replace its milestones when given.

    A new ``value`` makes the target a plain value target (``kind="value"``, ``amount=None``; the
    baseline stays). Writes an ``updated`` history row unless nothing changed.

    Raises
    ------
    TargetError
        Another field (``target_field_fixed``), a deleted target (``target_deleted``), or a bad value.

    Examples
    --------
    >>> import kpi
    >>> cur = kpi.Workspace.open(":memory:").cursor()
    >>> t = insert_target(cur, metric="leads", start="2026-01-01", end="2026-03-31", value=300)
    >>> update_target(cur, t, {"value": 350, "owner": "Budi"}, author="Sari").value
    350.0
    """
    for field in changes:
        if field not in EDITABLE:
            raise TargetError("target_field_fixed", field=field, allowed=", ".join(f"`{f}`" for f in EDITABLE))
    before = read_target(cur, target_id)
    if before.deleted_at is not None:
        raise TargetError("target_deleted", id=before.id)
    new: dict[str, Any] = {}
    if "value" in changes:
        known = {**CATALOG, **load_custom(cur)}  # a custom KPI dropped since: only check the number
        unit = known[before.metric].unit if before.metric in known else "number"
        value = _check_value(before.metric, unit, changes["value"])
        if value != before.value:
            new.update(value=value, kind="value", amount=None)
    new.update({field: _blank_to_none(changes[field]) for field in ("owner", "note") if field in changes})
    if "goal" in changes:
        new["goal"] = _goal_id(cur, changes["goal"])
    new = {k: v for k, v in new.items() if getattr(before, k) != v}
    if not new and milestones is None:
        return before
    after = replace(before, **new, updated_at=_now())
    _store(cur, after)
    if milestones is not None:
        cur.execute("DELETE FROM kinerja_milestones WHERE target_id = ?", [after.id])
        _write_milestones(cur, after.id, milestones)
    _history(cur, "updated", author, before, after)
    return after


def set_deleted(cur: Any, target_id: int | Target, deleted: bool, author: str | None = None) -> Target:
    """Soft-delete (``deleted=True``) or restore a target, with a ``deleted`` / ``restored`` history row.

    Deleting a deleted target or restoring a live one is a no-op (no history)."""
    before = read_target(cur, target_id)
    if deleted == (before.deleted_at is not None):
        return before
    after = replace(before, deleted_at=_now() if deleted else None)
    _store(cur, after)
    _history(cur, "deleted" if deleted else "restored", author, before, after)
    return after


def read_milestones(cur: Any, target_id: int | Target) -> pd.DataFrame:
    """A target's milestones by period: ``period``, ``end``, ``value``, ``weight`` and ``cumulative`` (running sum).

    Examples
    --------
    >>> import kpi
    >>> cur = kpi.Workspace.open(":memory:").cursor()
    >>> plan = pd.DataFrame({"period": ["2026-01-01", "2026-02-01"], "end": ["2026-01-31", "2026-02-28"],
    ...                      "value": [100.0, 120.0], "weight": [0.45, 0.55]})
    >>> t = insert_target(cur, metric="orders", start="2026-01-01", end="2026-02-28", value=220, milestones=plan)
    >>> read_milestones(cur, t)["cumulative"].tolist()
    [100.0, 220.0]
    """
    target = read_target(cur, target_id)
    frame = cur.execute('SELECT period, "end", value, weight FROM kinerja_milestones WHERE target_id = ? '
                        "ORDER BY period", [target.id]).df()
    frame[["period", "end"]] = frame[["period", "end"]].astype("datetime64[us]")
    frame["cumulative"] = frame["value"].cumsum()
    return frame


def add_check_in(cur: Any, target_id: int | Target, note: str, author: str | None = None) -> CheckIn:
    """Store a check-in (a progress note) on a target and return it; TargetError ``checkin_empty`` for no note."""
    target = read_target(cur, target_id)
    text = str(note or "").strip()
    if not text:
        raise TargetError("checkin_empty")
    check = CheckIn(_next_id(cur, "kinerja_checkins"), target.id, _blank_to_none(author), text, _now())
    cur.execute("INSERT INTO kinerja_checkins VALUES (?, ?, ?, ?, ?)",
                [check.id, check.target, check.author, check.note, check.created_at])
    return check


def read_check_ins(cur: Any, target_id: int | Target) -> list[CheckIn]:
    """A target's check-ins, newest first."""
    target = read_target(cur, target_id)
    rows = cur.execute("SELECT id, target_id, author, note, created_at FROM kinerja_checkins WHERE target_id = ? "
                       "ORDER BY created_at DESC, id DESC", [target.id]).fetchall()
    return [CheckIn(int(i), int(t), a, n, c) for i, t, a, n, c in rows]


def read_history(cur: Any, target_id: int | Target) -> pd.DataFrame:
    """A target's edit history, oldest first: ``changed_at``, ``action``, ``author``, ``before``, ``after``.

    ``before`` and ``after`` are the target as a dict (dates as ISO text), or ``None``."""
    target = read_target(cur, target_id)
    rows = cur.execute('SELECT changed_at, action, author, "before", "after" FROM kinerja_target_history '
                       "WHERE target_id = ? ORDER BY changed_at, rowid", [target.id]).fetchall()
    loads = [(c, a, who, *(None if j is None else json.loads(j) for j in (b, f))) for c, a, who, b, f in rows]
    return pd.DataFrame(loads, columns=["changed_at", "action", "author", "before", "after"])
