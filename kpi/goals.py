"""Goals (tujuan): what a team wants to achieve, and the KPIs that measure it.

A goal groups the KPI targets that measure it. :data:`GOAL_TEMPLATES` is the
guided start: common goals of a sales and marketing team, each with the
catalog KPIs that measure it, most useful first. Storage functions take a
DuckDB cursor; the caller holds the workspace's write lock and transaction.

Examples
--------
>>> [t["label"] for t in templates("id")][:2]
['Menaikkan penjualan', 'Mendapat pelanggan baru']
>>> check_kpi_count(3)
[]
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from kpi.errors import TargetError
from kpi.i18n import Message, message

__all__ = [
    "GOAL_TEMPLATES",
    "KPI_VS_TARGET",
    "MAX_KPIS_PER_GOAL",
    "Goal",
    "check_kpi_count",
    "insert_goal",
    "read_goal",
    "read_goals",
    "set_goal_deleted",
    "templates",
]

#: Common goals -> the catalog KPIs that measure them, in order of usefulness. Labels and
#: one-sentence descriptions are the messages ``goal_<code>`` and ``goal_<code>_help``.
GOAL_TEMPLATES: dict[str, tuple[str, ...]] = {
    "grow_sales": ("revenue", "orders", "aov", "active_customers"),
    "win_customers": ("new_customers", "conversion_rate", "leads", "cac", "cpl"),
    "keep_customers": ("retention_rate", "repeat_purchase_rate", "churn_rate", "csat", "nps"),
    "brand_awareness": ("follower_growth", "engagement", "engagement_rate", "ctr"),
    "spend_better": ("roas", "cac", "cpl", "spend"),
}

#: More KPIs than this on one goal and it loses focus.
MAX_KPIS_PER_GOAL = 5

#: The difference between a KPI and a target, in a sentence (``KPI_VS_TARGET.text("id")``).
KPI_VS_TARGET = Message("kpi_vs_target_help")

_COLUMNS = "id, name, description, owner, created_at, deleted_at, kpis"


@dataclass(frozen=True)
class Goal:
    """A goal (tujuan): groups the KPI targets that measure it.

    Examples
    --------
    >>> Goal(1, "Grow Q3 sales", None, "Sari", dt.datetime(2026, 7, 1)).name
    'Grow Q3 sales'
    """

    id: int
    name: str
    description: str | None
    owner: str | None
    created_at: dt.datetime
    deleted_at: dt.datetime | None = None
    kpis: tuple[str, ...] = ()  # the KPIs chosen to measure it, in the order to offer them


def templates(lang: str = "id") -> list[dict[str, Any]]:
    """The goal templates in ``lang``: ``code``, ``label``, ``description`` and ``kpis`` (in the order to suggest).

    Examples
    --------
    >>> first = templates("en")[0]
    >>> first["code"], first["label"], first["kpis"][:2]
    ('grow_sales', 'Grow sales', ['revenue', 'orders'])
    """
    return [{"code": code, "label": message(f"goal_{code}", lang),
             "description": message(f"goal_{code}_help", lang), "kpis": list(kpis)}
            for code, kpis in GOAL_TEMPLATES.items()]


def check_kpi_count(n: int) -> list[Message]:
    """A warning when a goal is measured by more than :data:`MAX_KPIS_PER_GOAL` KPIs, else ``[]``.

    Examples
    --------
    >>> check_kpi_count(7)[0].text("en").startswith("This goal is measured by 7 KPIs")
    True
    """
    if n > MAX_KPIS_PER_GOAL:
        return [Message("goal_too_many_kpis", n=n, maximum=MAX_KPIS_PER_GOAL)]
    return []


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def _blank_to_none(text: str | None) -> str | None:
    return None if text is None or not str(text).strip() else str(text)


def as_id(value: Any) -> int | None:
    """``value`` as a BIGINT id, or None when it cannot be one."""
    try:
        key = int(value)
    except (TypeError, ValueError, OverflowError):
        return None
    return key if key == value and -(2**63) <= key < 2**63 else None


def insert_goal(cur: Any, name: str, description: str | None = None, owner: str | None = None,
                kpis: Sequence[str] = ()) -> Goal:
    """Store a new goal in the workspace behind ``cur`` and return it.

    Raises
    ------
    TargetError
        ``name`` is empty (``goal_name_empty``).

    Examples
    --------
    >>> import kpi
    >>> cur = kpi.Workspace.open(":memory:").cursor()
    >>> insert_goal(cur, "  Grow Q3 sales ", owner="Sari").name
    'Grow Q3 sales'
    """
    name = str(name or "").strip()
    if not name:
        raise TargetError("goal_name_empty")
    goal_id = cur.execute("SELECT coalesce(max(id), 0) + 1 FROM kinerja_goals").fetchall()[0][0]
    chosen = tuple(dict.fromkeys(str(k) for k in kpis))
    goal = Goal(int(goal_id), name, _blank_to_none(description), _blank_to_none(owner), _now(), kpis=chosen)
    cur.execute("INSERT INTO kinerja_goals VALUES (?, ?, ?, ?, ?, NULL, ?)",
                [goal.id, goal.name, goal.description, goal.owner, goal.created_at, json.dumps(list(chosen))])
    return goal


def read_goals(cur: Any, include_deleted: bool = False) -> list[Goal]:
    """The goals in the workspace behind ``cur``, by id; deleted ones only with ``include_deleted``."""
    where = "" if include_deleted else " WHERE deleted_at IS NULL"
    rows = cur.execute(f"SELECT {_COLUMNS} FROM kinerja_goals{where} ORDER BY id").fetchall()
    return [_goal(row) for row in rows]


def read_goal(cur: Any, goal_id: int | Goal) -> Goal:
    """The goal with id ``goal_id`` (deleted or not).

    Raises
    ------
    TargetError
        No such goal (``unknown_goal``).
    """
    goal_id = goal_id.id if isinstance(goal_id, Goal) else goal_id
    key = as_id(goal_id)
    rows = [] if key is None else cur.execute(f"SELECT {_COLUMNS} FROM kinerja_goals WHERE id = ?",
                                              [key]).fetchall()
    if not rows:
        raise TargetError("unknown_goal", id=goal_id)
    return _goal(rows[0])


def _goal(row: Sequence[Any]) -> Goal:
    *fields, kpis = row
    return Goal(*fields, kpis=tuple(json.loads(kpis)) if kpis else ())


def set_goal_deleted(cur: Any, goal_id: int | Goal, deleted: bool) -> Goal:
    """Soft-delete (``deleted=True``) or restore a goal; its targets are left as they are. Returns the goal.

    Deleting a deleted goal keeps its first ``deleted_at``; restoring a live goal changes nothing.
    """
    goal = read_goal(cur, goal_id)
    if deleted and goal.deleted_at is None:
        cur.execute("UPDATE kinerja_goals SET deleted_at = ? WHERE id = ?", [_now(), goal.id])
    elif not deleted and goal.deleted_at is not None:
        cur.execute("UPDATE kinerja_goals SET deleted_at = NULL WHERE id = ?", [goal.id])
    return read_goal(cur, goal.id)
