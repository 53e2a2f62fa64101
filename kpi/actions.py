"""Corrective actions: what a team does to move a KPI, in which segment, by when, with an edit history.

An :class:`Action` belongs to a target (or to a KPI alone), names the segment
it aims at (``{dimension: value}``), and moves through :data:`STATUSES`. Its
``start`` is the day it took effect: :func:`kpi.action_effects.estimate_effect`
compares the segment with the rest of the data before and after that day.
Storage functions take a DuckDB cursor; the caller holds the workspace's write
lock and transaction. Deleting is soft (``deleted_at``), and every create /
update / delete / restore writes a row of history, as for targets.

Examples
--------
>>> import kpi
>>> cur = kpi.Workspace.open(":memory:").cursor()
>>> a = insert_action(cur, title="Promo ongkir", metric="revenue", segment={"kanal": "Shopee"})
>>> a.id, a.status, a.label("en")
(1, 'planned', 'Revenue · Shopee')
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
from kpi.errors import ActionError, QueryError, TargetError
from kpi.goals import as_id
from kpi.metrics import CATALOG, load_custom, lookup
from kpi.targets import Target, read_target

__all__ = ["EDITABLE", "STARTED", "STATUSES", "Action", "insert_action", "normalize_segment", "read_action",
           "read_actions", "read_history", "set_deleted", "update_action"]

STATUSES = ("planned", "in_progress", "done", "dropped")
#: Statuses of an action that has taken effect (its effect can be estimated).
STARTED = ("in_progress", "done")
#: What :func:`update_action` may change; the KPI and the target are fixed.
EDITABLE = ("title", "owner", "due", "segment", "status", "note", "start")
_COLUMNS = "id, target_id, metric, segment, title, owner, due, status, note, start, created_at, updated_at, deleted_at"

Segment = dict[str, str | None]


@dataclass(frozen=True)
class Action:
    """A corrective action on a KPI (of a target), aimed at one segment.

    Examples
    --------
    >>> a = Action(1, 3, "conversion_rate", {"sumber": "Instagram", "provinsi": None}, "Balas chat < 1 jam",
    ...            "Sari", dt.date(2026, 3, 31), "in_progress", None, dt.date(2026, 2, 1), dt.datetime(2026, 1, 20))
    >>> a.segment_label, a.label("en"), a.effective_start
    ('Instagram, –', 'Conversion rate · Instagram, –', datetime.date(2026, 2, 1))
    """

    id: int
    target_id: int | None
    metric: str
    segment: Segment | None
    title: str
    owner: str | None
    due: dt.date | None
    status: str
    note: str | None
    start: dt.date | None
    created_at: dt.datetime
    updated_at: dt.datetime | None = None
    deleted_at: dt.datetime | None = None

    @property
    def segment_label(self) -> str:
        """The segment's values, ``"Instagram, Jawa Barat"``; ``""`` for none; a blank shows as ``–``."""
        return ", ".join("–" if v is None else v for v in (self.segment or {}).values())

    def label(self, lang: str = "id") -> str:
        """The KPI's label in ``lang`` (a custom KPI's name), then `` · <segment>`` when there is one."""
        name = CATALOG[self.metric].label(lang) if self.metric in CATALOG else self.metric
        return f"{name} · {self.segment_label}" if self.segment else name

    @property
    def effective_start(self) -> dt.date:
        """The day the effect is measured from: ``start``, else the day the action was created."""
        return self.start if self.start is not None else self.created_at.date()


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def _blank_to_none(text: Any) -> str | None:
    return None if text is None or not str(text).strip() else str(text).strip()


# ---- validation ----------------------------------------------------------------------------------------
def normalize_segment(segment: Mapping[str, Any] | None) -> Segment | None:
    """``{dimension: value}`` with values as text (``None`` for blank), in the order given; ``None`` when empty.

    One value per dimension: an action aims at one segment, the rest of the data is its comparison.

    Examples
    --------
    >>> normalize_segment({"provinsi": "Jawa Barat", "kanal": 7})
    {'provinsi': 'Jawa Barat', 'kanal': '7'}
    >>> normalize_segment({"kanal": ["Shopee", "Tokopedia"]})
    Traceback (most recent call last):
    ...
    kpi.errors.ActionError: The action's `segment` takes one value per dimension, ...
    """
    if segment is None:
        return None
    if not isinstance(segment, Mapping):
        raise ActionError("action_segment_shape", value=segment)
    out: Segment = {}
    for column in segment:
        value = segment[column]
        if not isinstance(column, str) or not column.strip():
            raise ActionError("action_segment_shape", value=dict(segment))
        if isinstance(value, list | tuple | set | frozenset):
            raise ActionError("action_segment_list", column=column, value=value)
        if value is None or (isinstance(value, float) and math.isnan(value)):
            out[column] = None
        elif isinstance(value, str | numbers.Number | dt.date) and not isinstance(value, bool | complex):
            out[column] = value if isinstance(value, str) else str(value)
        else:
            raise ActionError("action_segment_value", column=column, value=value)
    return out or None


def _title(title: Any) -> str:
    text = _blank_to_none(title)
    if text is None:
        raise ActionError("action_title_empty")
    return text


def _status(status: Any) -> str:
    if status not in STATUSES:
        raise ActionError("action_bad_status", value=status, allowed=", ".join(f"'{s}'" for s in STATUSES))
    return str(status)


def _day(value: Any, option: str) -> dt.date | None:
    """``value`` as a date (``None`` stays ``None``): ActionError ``action_bad_date`` otherwise."""
    if isinstance(value, bool | numbers.Number):  # pd.Timestamp(5) would be a date in 1970
        raise ActionError("action_bad_date", option=option, value=value)
    try:
        return to_date(value, option)
    except QueryError as exc:
        raise ActionError("action_bad_date", option=option, value=value) from exc


def _target(cur: Any, target: Target | int) -> Target:
    """The live target ``target`` refers to, as ActionErrors the caller of an action understands."""
    shown = target.id if isinstance(target, Target) else target
    if as_id(shown) is None:
        raise ActionError("action_unknown_target", id=shown)
    try:
        found = read_target(cur, shown)
    except TargetError as exc:
        raise ActionError("action_unknown_target", id=shown) from exc
    if found.deleted_at is not None:
        raise ActionError("action_target_deleted", id=found.id)
    return found


def _check_inside(segment: Segment | None, target: Target | None) -> None:
    """A segment that contradicts the target's filters would compare nothing: refuse it."""
    for column, value in (segment or {}).items():
        allowed = (target.filters or {}).get(column) if target is not None else None
        if allowed is not None and value not in allowed:
            raise ActionError("action_segment_outside_target", column=column, value=value, id=target.id,
                              allowed=", ".join("–" if v is None else v for v in allowed))


def _with_start(action: Action) -> Action:
    """An action in progress or done without a ``start`` starts today (UTC)."""
    if action.status in STARTED and action.start is None:
        return replace(action, start=_now().date())
    return action


# ---- storage -------------------------------------------------------------------------------------------
def _to_json(action: Action | None) -> str | None:
    return None if action is None else json.dumps(asdict(action), default=lambda d: d.isoformat(),
                                                  ensure_ascii=False)


def _store(cur: Any, action: Action) -> None:
    """Write ``action``'s row, replacing the row with its id (no PRIMARY KEY: see kpi.schema)."""
    cur.execute("DELETE FROM kinerja_actions WHERE id = ?", [action.id])
    row = [getattr(action, name.strip()) for name in _COLUMNS.split(",")]
    row[3] = None if action.segment is None else json.dumps(action.segment, ensure_ascii=False)
    cur.execute(f"INSERT INTO kinerja_actions ({_COLUMNS}) VALUES ({', '.join(['?'] * len(row))})", row)


def _from_row(row: tuple[Any, ...]) -> Action:
    segment = None if row[3] is None else json.loads(row[3])
    return Action(*row[:3], segment, *row[4:])  # the columns of _COLUMNS are Action's fields, in order


def _history(cur: Any, what: str, author: str | None, before: Action | None, after: Action) -> None:
    cur.execute("INSERT INTO kinerja_action_history VALUES (?, ?, ?, ?, ?, ?)",
                [after.id, _now(), what, _blank_to_none(author), _to_json(before), _to_json(after)])


def insert_action(cur: Any, *, title: str, target: Target | int | None = None, metric: str | None = None,
                  owner: str | None = None, due: Any = None, segment: Mapping[str, Any] | None = None,
                  status: str = "planned", note: str | None = None, start: Any = None,
                  author: str | None = None) -> Action:
    """Validate and store a new action (with a ``created`` history row); return it.

    ``metric`` defaults to the target's KPI; without a target it is required. An action
    created in progress or done without ``start`` starts today (UTC).

    Examples
    --------
    >>> import kpi
    >>> cur = kpi.Workspace.open(":memory:").cursor()
    >>> a = insert_action(cur, title="Iklan ulang", metric="leads", status="in_progress", start="2026-02-01")
    >>> a.id, a.start, a.segment
    (1, datetime.date(2026, 2, 1), None)
    """
    found = None if target is None else _target(cur, target)
    if found is None and metric is None:
        raise ActionError("action_no_metric")
    m = lookup(metric if metric is not None else found.metric, load_custom(cur))  # type: ignore[union-attr]
    if found is not None and m.name != found.metric:
        raise ActionError("action_metric_mismatch", metric=m.name, id=found.id, target_metric=found.metric)
    shaped = normalize_segment(segment)
    _check_inside(shaped, found)
    action = Action(_next_id(cur), None if found is None else found.id, m.name, shaped, _title(title),
                    _blank_to_none(owner), _day(due, "due"), _status(status), _blank_to_none(note),
                    _day(start, "start"), _now())
    action = _with_start(action)
    _store(cur, action)
    _history(cur, "created", author, None, action)
    return action


def _next_id(cur: Any) -> int:
    return int(cur.execute("SELECT coalesce(max(id), 0) + 1 FROM kinerja_actions").fetchall()[0][0])


def read_actions(cur: Any, target: Target | int | None = None, include_deleted: bool = False) -> list[Action]:
    """The actions (of ``target``), by id; deleted ones only with ``include_deleted``."""
    where, params = ("TRUE" if include_deleted else "deleted_at IS NULL"), []
    if target is not None:
        where += " AND target_id = ?"
        params.append(as_id(target.id if isinstance(target, Target) else target))
    rows = cur.execute(f"SELECT {_COLUMNS} FROM kinerja_actions WHERE {where} ORDER BY id", params).fetchall()
    return [_from_row(row) for row in rows]


def read_action(cur: Any, action_id: Action | int) -> Action:
    """The action with id ``action_id`` (deleted ones too); ActionError ``action_unknown`` if none."""
    shown = action_id.id if isinstance(action_id, Action) else action_id
    key = as_id(shown)
    rows = [] if key is None else cur.execute(f"SELECT {_COLUMNS} FROM kinerja_actions WHERE id = ?",
                                              [key]).fetchall()
    if not rows:
        raise ActionError("action_unknown", id=shown)
    return _from_row(rows[0])


def update_action(cur: Any, action_id: Action | int, changes: Mapping[str, Any], author: str | None = None) -> Action:
    """Change a live action's ``title``, ``owner``, ``due``, ``segment``, ``status``, ``note`` or ``start``.

    Setting the status to in progress or done gives an action without ``start`` today's date.
    Writes an ``updated`` history row unless nothing changed.

    Raises
    ------
    ActionError
        Another field (``action_field_fixed``), a deleted action (``action_deleted``), or a bad value.

    Examples
    --------
    >>> import kpi
    >>> cur = kpi.Workspace.open(":memory:").cursor()
    >>> a = insert_action(cur, title="Diskon", metric="orders")
    >>> b = update_action(cur, a, {"status": "in_progress", "owner": "Budi"}, author="Sari")
    >>> b.status, b.start is not None, b.owner
    ('in_progress', True, 'Budi')
    """
    for field in changes:
        if field not in EDITABLE:
            raise ActionError("action_field_fixed", field=field, allowed=", ".join(f"`{f}`" for f in EDITABLE))
    before = read_action(cur, action_id)
    if before.deleted_at is not None:
        raise ActionError("action_deleted", id=before.id)
    checks = {"title": _title, "owner": _blank_to_none, "note": _blank_to_none, "status": _status,
              "segment": normalize_segment, "due": lambda v: _day(v, "due"), "start": lambda v: _day(v, "start")}
    new = {field: checks[field](value) for field, value in changes.items()}
    if "segment" in new and before.target_id is not None:
        _check_inside(new["segment"], read_target(cur, before.target_id))
    new = {k: v for k, v in new.items() if getattr(before, k) != v}
    after = replace(before, **new)
    if "status" in new and "start" not in changes:
        after = _with_start(after)
    if after == before:
        return before
    after = replace(after, updated_at=_now())
    _store(cur, after)
    _history(cur, "updated", author, before, after)
    return after


def set_deleted(cur: Any, action_id: Action | int, deleted: bool, author: str | None = None) -> Action:
    """Soft-delete (``deleted=True``) or restore an action, with a ``deleted`` / ``restored`` history row.

    Deleting a deleted action or restoring a live one is a no-op (no history)."""
    before = read_action(cur, action_id)
    if deleted == (before.deleted_at is not None):
        return before
    after = replace(before, deleted_at=_now() if deleted else None)
    _store(cur, after)
    _history(cur, "deleted" if deleted else "restored", author, before, after)
    return after


def read_history(cur: Any, action_id: Action | int) -> pd.DataFrame:
    """An action's edit history, oldest first: ``action_id, changed_at, action, author, before, after``.

    ``before`` and ``after`` are the action as a dict (dates as ISO text), or ``None``."""
    action = read_action(cur, action_id)
    rows = cur.execute('SELECT action_id, changed_at, action, author, "before", "after" FROM kinerja_action_history '
                       "WHERE action_id = ? ORDER BY changed_at, rowid", [action.id]).fetchall()
    loads = [(i, c, a, who, *(None if j is None else json.loads(j) for j in (b, f))) for i, c, a, who, b, f in rows]
    return pd.DataFrame(loads, columns=["action_id", "changed_at", "action", "author", "before", "after"])
