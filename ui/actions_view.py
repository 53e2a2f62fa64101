"""The Actions page's widgets and renderers: the list with its status filter, one action's edit form, delete and
undo, its history, its effect, and a form for an action that did not come from a finding.

Widgets own their keys (``"actions.<widget>"``) and return plain values; nothing here
writes to the workspace: the page does, through :mod:`ui.feedback`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any

import pandas as pd
import streamlit as st

from kpi import Action, ActionEffect, charts
from kpi.actions import STATUSES
from kpi.formats import format_change, format_period, format_value
from kpi.i18n import message
from kpi.metrics import Metric
from kpi.targets import Target
from ui import targets as target_widgets
from ui.targets import CURRENCY
from ui.text import method, t

#: Verdict -> badge colour and icon.
VERDICT_STYLE = {
    "worked": ("green", ":material/check_circle:"),
    "no_clear_effect": ("blue", ":material/remove:"),
    "worse": ("red", ":material/trending_down:"),
    "too_early": ("orange", ":material/schedule:"),
    "not_applicable": ("gray", ":material/block:"),
}
ESTIMATED = ("worked", "no_clear_effect", "worse")
CLOSED = ("done", "dropped")
_PENDING = "actions.pending"


def status_text(status: str, lang: str) -> str:
    """The status in words, capitalised: ``Sedang berjalan``."""
    word = message(f"action_status_{status}", lang)
    return word[:1].upper() + word[1:]


def overdue(action: Action, today: dt.date) -> bool:
    """Past its due date and neither done nor dropped."""
    return action.due is not None and action.due < today and action.status not in CLOSED


def remember(action: Action) -> None:
    """Choose ``action`` in :func:`action_picker` the next time the Actions page runs (from any page)."""
    st.session_state[_PENDING] = action.id


def _day(value: dt.date | None, lang: str) -> str:
    return "–" if value is None else format_period(value, "day", lang)


def _kpi_label(action: Action, targets: dict[int, Target], metrics: dict[str, Metric], lang: str) -> str:
    target = targets.get(action.target_id) if action.target_id is not None else None
    if target is not None:
        return target.label(lang)
    metric = metrics.get(action.metric)
    return metric.label(lang) if metric else action.metric


# ---- the list --------------------------------------------------------------------------------------
def status_filter(lang: str, key: str) -> list[str]:
    """The statuses to list (all at first)."""
    st.session_state.setdefault(key, list(STATUSES))
    return st.multiselect(t("ac.filter", lang), list(STATUSES), key=key, placeholder=t("ui.choose", lang),
                          format_func=lambda s: status_text(s, lang))


def action_frame(actions: Sequence[Action], targets: dict[int, Target], metrics: dict[str, Metric], lang: str,
                 today: dt.date) -> pd.DataFrame:
    """One row per action: title, KPI or target, segment, owner, due, status and whether it is overdue."""
    return pd.DataFrame({
        t("ac.col.title", lang): [a.title for a in actions],
        t("ac.col.kpi", lang): [_kpi_label(a, targets, metrics, lang) for a in actions],
        t("ac.col.segment", lang): [a.segment_label or t("ac.all_data", lang) for a in actions],
        t("ac.col.owner", lang): [a.owner or "–" for a in actions],
        t("ac.col.due", lang): [_day(a.due, lang) for a in actions],
        t("ac.col.status", lang): [status_text(a.status, lang) for a in actions],
        t("ac.col.overdue", lang): [t("ac.overdue", lang) if overdue(a, today) else "" for a in actions],
    })


def action_table(actions: Sequence[Action], targets: dict[int, Target], metrics: dict[str, Metric],
                 lang: str) -> None:
    """The actions as a table (a note when the filter leaves none)."""
    if not actions:
        st.caption(t("ac.no_match", lang))
        return
    st.dataframe(action_frame(actions, targets, metrics, lang, dt.date.today()), hide_index=True)


def action_picker(actions: Sequence[Action], lang: str, key: str) -> Action:
    """One action: the one just created (on this page or from a finding), else the newest."""
    by_id = {a.id: a for a in actions}
    state = st.session_state
    if state.get(_PENDING) in by_id:
        state[key] = state.pop(_PENDING)
    if state.get(key) not in by_id:
        state[key] = actions[-1].id
    chosen = st.selectbox(t("ac.pick", lang), list(by_id), key=key,
                          format_func=lambda i: f"#{i} {by_id[i].title} · {by_id[i].label(lang)}")
    return by_id[chosen]


# ---- one action ------------------------------------------------------------------------------------
def edit_form(action: Action, lang: str, key: str) -> dict[str, Any] | None:
    """Status, owner, due date, start and note; the fields that changed once saved (``{}``: none)."""
    key = f"{key}.{action.id}"  # each action's form starts from its own values
    with st.form(key, border=True):
        st.markdown(f"**{t('ac.edit', lang)}**")
        left, right = st.columns(2)
        status = left.selectbox(t("ac.status", lang), list(STATUSES), index=STATUSES.index(action.status),
                                key=f"{key}.status", format_func=lambda s: status_text(s, lang))
        owner = right.text_input(t("ac.owner", lang), value=action.owner or "", key=f"{key}.owner")
        due = left.date_input(t("ac.due", lang), value=action.due, key=f"{key}.due", format="DD/MM/YYYY")
        start = right.date_input(t("ac.start", lang), value=action.start, key=f"{key}.start", format="DD/MM/YYYY",
                                 help=t("ac.start_help", lang))
        note = st.text_area(t("ac.note", lang), value=action.note or "", key=f"{key}.note", height=80)
        if not st.form_submit_button(t("ac.save", lang), key=f"{key}.save", icon=":material/save:"):
            return None
    given = {"status": status, "owner": owner.strip() or None, "due": due, "start": start,
             "note": note.strip() or None}
    # Only what changed: a start left empty must not stop "done" from setting it.
    return {field: value for field, value in given.items() if getattr(action, field) != value}


def delete_button(action: Action, lang: str, key: str) -> bool:
    """Whether Delete was clicked."""
    return st.button(t("ac.delete", lang), key=f"{key}.delete", icon=":material/delete:")


def offer_undo(action: Action, key: str) -> None:
    """Offer to restore ``action`` (just deleted) on the next run."""
    st.session_state[f"{key}.undo"] = action.id


def undo_bar(actions: dict[int, Action], lang: str, key: str) -> int | None:
    """The note on the action just deleted, with Undo; returns its id when Undo is clicked."""
    state = st.session_state
    restored = actions.get(state.pop(f"{key}.restored", None))
    if restored is not None and restored.deleted_at is None:
        st.success(t("ac.restored", lang, title=restored.title), icon=":material/undo:")
    doomed = actions.get(state.get(f"{key}.undo"))
    if doomed is None or doomed.deleted_at is None:
        return None
    left, right = st.columns([5, 1], vertical_alignment="center")
    left.info(t("ac.deleted", lang, title=doomed.title), icon=":material/delete:")
    if right.button(t("ac.undo", lang), key=f"{key}.undo_button", icon=":material/undo:"):
        del state[f"{key}.undo"]
        state[f"{key}.restored"] = doomed.id
        return doomed.id
    return None


def _shown(field: str, value: Any, lang: str) -> str:
    if value is None or value == "":
        return "–"
    if field == "status":
        return status_text(value, lang)
    if field == "segment":
        return ", ".join("–" if v is None else str(v) for v in value.values())
    if field in ("due", "start"):
        return format_period(value, "day", lang)
    return str(value)


def _changes(before: dict | None, after: dict | None, lang: str) -> str:
    """What an edit changed, ``Status: Direncanakan → Selesai; ...``; a new action's title."""
    if before is None:
        return (after or {}).get("title", "")
    fields = ("title", "status", "owner", "due", "start", "segment", "note")
    return "; ".join(f"{field}: {_shown(field, before.get(field), lang)} → {_shown(field, after.get(field), lang)}"
                     for field in fields if after and before.get(field) != after.get(field))


def history(frame: pd.DataFrame, lang: str) -> None:
    """Every change to the action, oldest first."""
    with st.expander(t("ac.history", lang), icon=":material/history:"):
        st.dataframe(pd.DataFrame({
            t("col.changed_at", lang): frame["changed_at"],
            t("col.action", lang): [t(f"action.{a}", lang) for a in frame["action"]],
            t("col.author", lang): frame["author"],
            t("ac.col.what", lang): [_changes(b, a, lang) for b, a in zip(frame["before"], frame["after"])],
        }), hide_index=True, column_config={
            t("col.changed_at", lang): st.column_config.DatetimeColumn(format="DD-MM-YYYY HH:mm")})


# ---- the effect ------------------------------------------------------------------------------------
def amount(value: float, unit: str, lang: str) -> str:
    """A change in KPI units: points for rates, a signed amount otherwise."""
    if unit in ("percent", "points"):
        return format_change(value, 0.0, unit, lang)
    shown = format_value(abs(value), "number" if unit == "count" else unit, lang, CURRENCY)
    return ("-" if value < 0 else "+") + shown


def verdict_badge(verdict: str, lang: str) -> None:
    colour, icon = VERDICT_STYLE.get(verdict, ("gray", None))
    st.badge(t(f"ac.verdict.{verdict}", lang), color=colour, icon=icon)


def effect(found: ActionEffect, lang: str) -> None:
    """The verdict, its sentence, the estimate with its interval and the before/after chart."""
    st.markdown(f"**{t('ac.effect', lang)}**")
    verdict_badge(found.verdict, lang)
    st.markdown(found.summary(lang))
    if found.verdict not in ESTIMATED:
        return
    unit = found.metric.unit
    shown = amount(found.estimate, unit, lang)
    st.metric(t("ac.estimate", lang), shown if found.metric.is_ratio else t("ac.per_day", lang, amount=shown))
    st.caption(t("ac.interval", lang, level=round(100 * (1 - found.alpha)), low=amount(found.low, unit, lang),
                 high=amount(found.high, unit, lang)) + " · " +
               t("ac.windows", lang, before=" – ".join(_day(d, lang) for d in found.before),
                 after=" – ".join(_day(d, lang) for d in found.after)), help=method(found.method, lang))
    if len(found.frame):
        st.altair_chart(charts.effect_chart(found.frame, found.start, unit=unit, lang=lang, currency=CURRENCY),
                        width="stretch")


# ---- a new action ----------------------------------------------------------------------------------
def add_form(targets: Sequence[Target], metrics: dict[str, Metric], dimensions: Callable[[str], Sequence[str]],
             values: Callable[[str, str], list[str | None]], lang: str, key: str) -> dict[str, Any] | None:
    """A target or a KPI, an optional segment, title, owner and due date; the action as
    :meth:`kpi.Workspace.add_action` takes it once saved."""
    choices = [("target", target.id) for target in targets] + [("kpi", name) for name in metrics]
    by_target = {target.id: target for target in targets}

    def label(choice: tuple[str, Any]) -> str:
        kind, ref = choice
        if kind == "target":
            return t("ac.for_target", lang, label=by_target[ref].label(lang))
        return t("ac.for_kpi", lang, label=metrics[ref].label(lang))

    with st.expander(t("ac.add", lang), icon=":material/add:"):
        if not choices:
            return None
        _forget(f"{key}.for", choices)
        kind, ref = st.selectbox(t("ac.for", lang), choices, key=f"{key}.for", format_func=label)
        metric = by_target[ref].metric if kind == "target" else ref
        segment = target_widgets.segment_picker(list(dimensions(metric)), lambda column: values(column, metric),
                                                lang, key=f"{key}.segment")
        title = st.text_input(t("ac.title_input", lang), key=f"{key}.title")
        left, right = st.columns(2)
        owner = left.text_input(t("ac.owner", lang), key=f"{key}.owner")
        due = right.date_input(t("ac.due", lang), value=None, key=f"{key}.due", format="DD/MM/YYYY")
        if st.button(t("ac.add_save", lang), key=f"{key}.save", icon=":material/add_task:"):
            return {"target": ref if kind == "target" else None, "title": title, "owner": owner.strip() or None,
                    "due": due, "segment": {column: v[0] for column, v in segment.items()} or None,
                    "metric": metric, "author": owner.strip() or None}
    return None


def _forget(key: str, options: Sequence[Any]) -> None:
    if key in st.session_state and st.session_state[key] not in options:
        del st.session_state[key]
