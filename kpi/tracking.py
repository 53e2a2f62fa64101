"""The workspace's corrective-action methods (mixed into :class:`kpi.Workspace`).

Storage is in :mod:`kpi.actions`, effect estimates in :mod:`kpi.action_effects`;
these methods take the write lock, run the transaction and check segments
against the data.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import pandas as pd

from kpi import actions as actions_
from kpi.action_effects import ActionEffect, estimate_effect
from kpi.actions import Action
from kpi.errors import ActionError, KpiError
from kpi.sql import transaction
from kpi.targets import Target

if TYPE_CHECKING:
    import threading

    import duckdb

__all__ = ["ActionMethods"]

_KEEP: Any = object()  # "leave as it is" for optional fields that may be set to None


class ActionMethods:
    """Corrective actions of a workspace: what is done about a target, where, and whether it worked."""

    _lock: threading.RLock

    def cursor(self) -> duckdb.DuckDBPyConnection:  # pragma: no cover - provided by Workspace
        raise NotImplementedError

    def add_action(self, target: Target | int | None, title: str, owner: str | None = None, due: Any = None,
                   segment: Mapping[str, Any] | None = None, *, metric: str | None = None, note: str | None = None,
                   status: str = "planned", start: Any = None, author: str | None = None) -> Action:
        """Save a corrective action on ``target`` (a Target, its id, or ``None`` with ``metric``).

        ``segment`` is ``{dimension: value}``: where the action acts; the rest of the target's data is
        what :meth:`action_effect` compares it with. ``status`` is one of
        :data:`kpi.actions.STATUSES`; ``start`` is the day it took effect (default: the day it is set
        in progress or done).

        Examples
        --------
        >>> import kpi
        >>> ws = kpi.Workspace.open(":memory:"); _ = kpi.load_sample(ws)
        >>> t = ws.set_target("conversion_rate", "2026-11-01", "2027-01-31", points=1)
        >>> a = ws.add_action(t, "Balas chat dalam 1 jam", "Sari", "2026-11-30", {"sumber": "WhatsApp"})
        >>> a.metric, a.segment, a.status
        ('conversion_rate', {'sumber': 'WhatsApp'}, 'planned')
        """
        with self._lock, transaction(self.cursor()) as cur:
            action = actions_.insert_action(cur, title=title, target=target, metric=metric, owner=owner, due=due,
                                            segment=segment, status=status, note=note, start=start, author=author)
            self._check_segment(action)  # raising here rolls the insert back
            return action

    def actions(self, target: Target | int | None = None, *, include_deleted: bool = False) -> list[Action]:
        """The actions (of ``target``), oldest first; deleted ones only with ``include_deleted``."""
        return actions_.read_actions(self.cursor(), target, include_deleted)

    def action(self, action: Action | int) -> Action:
        """The action with this id (deleted ones too); :class:`kpi.ActionError` if there is none."""
        return actions_.read_action(self.cursor(), action)

    def update_action(self, action: Action | int, *, title: Any = _KEEP, owner: Any = _KEEP, due: Any = _KEEP,
                      segment: Any = _KEEP, status: Any = _KEEP, note: Any = _KEEP, start: Any = _KEEP,
                      author: str | None = None) -> Action:
        """Change an action's title, owner, due date, segment, status, note or start; keep the rest.

        Setting ``status`` to in progress or done gives an action without ``start`` today's date.

        Examples
        --------
        >>> import kpi
        >>> ws = kpi.Workspace.open(":memory:")
        >>> a = ws.add_action(None, "Promo ongkir", metric="orders")
        >>> ws.update_action(a, status="done", start="2026-03-01").start
        datetime.date(2026, 3, 1)
        """
        given = {"title": title, "owner": owner, "due": due, "segment": segment, "status": status, "note": note,
                 "start": start}
        changes = {k: v for k, v in given.items() if v is not _KEEP}
        with self._lock, transaction(self.cursor()) as cur:
            after = actions_.update_action(cur, action, changes, author=author)
            if "segment" in changes:
                self._check_segment(after)
            return after

    def delete_action(self, action: Action | int, author: str | None = None) -> Action:
        """Delete an action (softly: :meth:`restore_action` brings it back, history and all)."""
        with self._lock, transaction(self.cursor()) as cur:
            return actions_.set_deleted(cur, action, True, author)

    def restore_action(self, action: Action | int, author: str | None = None) -> Action:
        """Bring back a deleted action."""
        with self._lock, transaction(self.cursor()) as cur:
            return actions_.set_deleted(cur, action, False, author)

    def action_history(self, action: Action | int) -> pd.DataFrame:
        """Every change to an action: ``action_id, changed_at, action, author, before, after``, oldest first."""
        return actions_.read_history(self.cursor(), action)

    def action_effect(self, action: Action | int, as_of: Any = None, *, alpha: float = 0.05, draws: int = 2000,
                      seed: int | None = 0) -> ActionEffect:
        """Did the action work? Its segment against the rest of the target's data, before and after its start.

        See :func:`kpi.action_effects.estimate_effect`.
        """
        return estimate_effect(self, self.action(action), as_of, alpha=alpha, draws=draws, seed=seed)  # type: ignore[arg-type]

    def _check_segment(self, action: Action) -> None:
        """A segment on a column the KPI's data lacks would compare nothing: say which columns exist."""
        if not action.segment:
            return
        try:
            known = self.dimensions(action.metric)  # type: ignore[attr-defined]
        except KpiError:  # no data for the KPI yet: nothing to check against
            return
        for column in action.segment:
            if column not in known:
                raise ActionError("action_segment_unknown_dimension", column=column, metric=action.metric,
                                  known=", ".join(f"`{c}`" for c in known) or "–")
