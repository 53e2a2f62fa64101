"""The Targets page's widgets and renderers: the goal, the target's KPI, span and segment, what history
suggests, and the saved targets with delete and undo.

Widgets own their keys (``"<page>.<widget>"``) and return plain values; renderers
draw what :mod:`kpi` returned. Nothing here writes to the workspace: the page does,
through :mod:`ui.feedback`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any, NamedTuple

import pandas as pd
import streamlit as st

from kpi import charts
from kpi.errors import KpiError
from kpi.formats import format_period, format_value
from kpi.goals import Goal, check_kpi_count
from kpi.metrics import Metric
from kpi.periods import period_of
from kpi.plans import TargetSuggestion, resolve_value
from kpi.targets import GRAINS, Target
from ui.text import t

CURRENCY = "IDR"
MAX_MONTHS = 12
DEFAULT_MONTHS = 6
_NEW = -1  # the goal picker's "new goal" choice (goal ids start at 1)
_BLANK = "\x00blank"
_NONE = "\x00none"
_DAY = dt.timedelta(days=1)


def _forget_stale(key: str, options: Sequence[Any]) -> None:
    """Drop a remembered choice that is no longer offered (a deleted goal, another KPI's columns)."""
    if key in st.session_state and st.session_state[key] not in options:
        del st.session_state[key]


def span_text(start: dt.date, end: dt.date, lang: str) -> str:
    """``Nov 2026 – Apr 2027`` for whole months, else the two days."""
    grain = "month" if start.day == 1 and (end + _DAY).day == 1 else "day"
    first, last = format_period(start, grain, lang), format_period(period_of(end, grain), grain, lang)
    return first if first == last else f"{first} – {last}"


# ---- goal ------------------------------------------------------------------------------------------
def goal_picker(goals: Sequence[Goal], lang: str, key: str) -> Goal | None:
    """An existing goal, or ``None`` for "new goal" (the choice when there are none yet)."""
    state = st.session_state
    if f"{key}.pending" in state:  # a goal saved on the last run: choose it
        state[key] = state.pop(f"{key}.pending")
    by_id = {g.id: g for g in goals}
    _forget_stale(key, [*by_id, _NEW])
    state.setdefault(key, goals[-1].id if goals else _NEW)
    chosen = st.selectbox(t("tg.goal_pick", lang), [*by_id, _NEW], key=key,
                          format_func=lambda i: t("tg.goal_new", lang) if i == _NEW else by_id[i].name)
    goal = by_id.get(chosen)
    if goal is not None and (goal.description or goal.owner):
        owner = t("tg.goal_owner", lang, owner=goal.owner) if goal.owner else ""
        st.caption(" · ".join(part for part in (goal.description, owner) if part))
    return goal


def new_goal_form(templates: Sequence[dict], metrics: dict[str, Metric], lang: str, key: str) -> dict | None:
    """A guided goal: a template preselects its KPIs. Returns ``name, description, owner, kpis`` once saved."""
    codes = [_BLANK, *(tpl["code"] for tpl in templates)]
    by_code = {tpl["code"]: tpl for tpl in templates}
    with st.container(border=True):
        code = st.selectbox(t("tg.template", lang), codes, key=f"{key}.template",
                            format_func=lambda c: t("tg.template_blank", lang) if c == _BLANK else by_code[c]["label"])
        template = by_code.get(code)
        if template:
            st.caption(template["description"])
        # Keyed by template, so that choosing another template preselects its own KPIs and name.
        kpis = st.multiselect(t("tg.goal_kpis", lang), list(metrics), key=f"{key}.kpis.{code}",
                              placeholder=t("ui.choose", lang),
                              default=[k for k in (template or {}).get("kpis", []) if k in metrics],
                              format_func=lambda n: metrics[n].label(lang))
        for warning in check_kpi_count(len(kpis)):
            st.warning(warning.text(lang), icon=":material/warning:")
        left, right = st.columns(2)
        name = left.text_input(t("tg.goal_name", lang), value=template["label"] if template else "",
                               key=f"{key}.name.{code}")
        owner = right.text_input(t("tg.owner", lang), key=f"{key}.owner")
        description = st.text_input(t("tg.goal_desc", lang), value=template["description"] if template else "",
                                    key=f"{key}.description.{code}")
        if st.button(t("tg.goal_save", lang), key=f"{key}.save"):
            return {"name": name, "description": description, "owner": owner, "kpis": kpis}
    return None


def remember_goal(goal: Goal, key: str) -> None:
    """Choose ``goal`` in :func:`goal_picker` on the next run."""
    st.session_state[f"{key}.pending"] = goal.id


def goal_kpis(goal: Goal, targets: Sequence[Target]) -> list[str]:
    """The KPIs measuring ``goal``: those chosen when it was made, then its targets' KPIs."""
    return list(dict.fromkeys([*goal.kpis, *(target.metric for target in targets)]))


# ---- target ----------------------------------------------------------------------------------------
def kpi_choice(metrics: dict[str, Metric], goal: Goal, preferred: Sequence[str], lang: str, key: str) -> Metric:
    """One KPI; the goal's KPIs (``preferred``) come first, marked with a star; a new goal starts on the first."""
    first = [name for name in preferred if name in metrics]
    names = [*first, *(name for name in metrics if name not in first)]
    _forget_stale(key, names)
    if st.session_state.get(f"{key}.goal") != goal.id:
        st.session_state.pop(key, None)
        st.session_state[f"{key}.goal"] = goal.id
    name = st.selectbox(t("tg.kpi", lang), names, key=key, help=t("tg.kpi_help", lang),
                        format_func=lambda n: f"★ {metrics[n].label(lang)}" if n in first else metrics[n].label(lang))
    return metrics[name]


def months_offered(last_day: dt.date) -> list[dt.date]:
    """The first days of the months a target can start in: a year either side of the month after ``last_day``."""
    following = (pd.Timestamp(period_of(last_day, "month")) + pd.DateOffset(months=1)).date()
    return [(pd.Timestamp(following) + pd.DateOffset(months=n)).date() for n in range(-MAX_MONTHS, MAX_MONTHS)]


def span_picker(last_day: dt.date, lang: str, key: str) -> tuple[dt.date, dt.date]:
    """A starting month and a number of months; by default the six months after the data's last day."""
    months = months_offered(last_day)
    _forget_stale(f"{key}.start", months)
    st.session_state.setdefault(f"{key}.start", months[MAX_MONTHS])
    # A default in session state rather than ``value=``, so that a link can set the length too.
    st.session_state.setdefault(f"{key}.months", DEFAULT_MONTHS)
    left, right = st.columns([3, 2])
    start = left.selectbox(t("tg.start", lang), months, key=f"{key}.start",
                           format_func=lambda m: format_period(m, "month", lang))
    count = right.number_input(t("tg.months", lang), min_value=1, max_value=MAX_MONTHS, step=1,
                               key=f"{key}.months")
    end = (pd.Timestamp(start) + pd.DateOffset(months=int(count))).date() - _DAY
    st.caption(t("tg.span", lang, span=span_text(start, end, lang)))
    return start, end


def segment_picker(dimensions: Sequence[str], values: Callable[[str], list[str | None]], lang: str,
                   key: str) -> dict[str, tuple[str | None, ...]]:
    """One dimension and one of its values; ``{}`` for all data."""
    _forget_stale(f"{key}.dimension", [_NONE, *dimensions])
    column = st.selectbox(t("tg.segment", lang), [_NONE, *dimensions], key=f"{key}.dimension",
                          format_func=lambda c: t("tg.all_data", lang) if c == _NONE else c)
    if column == _NONE:
        return {}
    value = st.selectbox(t("tg.segment_value", lang), values(column), key=f"{key}.value.{column}",
                         format_func=lambda v: t("ov.blank", lang) if v is None else v)
    return {column: (value,)}


def grain_picker(lang: str, key: str) -> str:
    """The milestones' grain: month (the default) or week."""
    st.session_state.setdefault(key, "month")
    return st.segmented_control(t("tg.grain", lang), GRAINS, required=True, key=key,
                                format_func=lambda g: t(f"grain.{g}", lang))


class Own(NamedTuple):
    """The user's own target as :meth:`kpi.Workspace.set_target` takes it: ``kind`` (value, growth or
    points) and ``amount`` (a value, 0.2 for +20%, 2 for +2 points; ``None`` until typed)."""

    kind: str
    amount: float | None


def own_target(metric: Metric, baseline: float | None, lang: str, key: str) -> Own:
    """An input mode (value, growth %, points for rates and scores) and the number typed in it.

    Growth and points are measured from ``baseline``, the same span a year earlier; without it only a
    value can be given. Percent KPIs are typed in percent (15 for 15%).
    """
    modes = ["value"] if baseline is None else ["value", "growth"] + (
        ["points"] if metric.unit in ("percent", "points") else [])
    _forget_stale(f"{key}.mode", modes)
    st.session_state.setdefault(f"{key}.mode", "value")
    left, right = st.columns([2, 3])
    mode = left.segmented_control(t("tg.mode", lang), modes, required=True, key=f"{key}.mode",
                                  format_func=lambda m: t(f"tg.mode.{m}", lang))
    label = "tg.own.value_percent" if mode == "value" and metric.unit == "percent" else f"tg.own.{mode}"
    typed = right.number_input(t(label, lang), value=None, key=f"{key}.{mode}.{metric.name}",
                               step=1.0 if mode != "value" or metric.unit == "percent" else None)
    if baseline is None:
        st.caption(t("tg.no_baseline", lang))
    if typed is None:
        return Own(mode, None)
    scaled = mode == "growth" or (mode == "value" and metric.unit == "percent")
    return Own(mode, typed / 100 if scaled else float(typed))


def baseline(suggestions: Sequence[TargetSuggestion]) -> float | None:
    """The same span a year earlier: the value of the ``last_year`` suggestion, if history has one."""
    return next((s.value for s in suggestions if s.code == "last_year"), None)


def implied_value(own: Own, base: float | None, unit: str) -> float | None:
    """The KPI value ``own`` amounts to (what its probability is computed for), if it can be told yet."""
    if own.amount is None or (own.kind != "value" and base is None):
        return None
    try:
        return resolve_value(own.kind, own.amount, base, unit)
    except KpiError:
        return None


def suggestion_table(suggestions: Sequence[TargetSuggestion], metric: Metric, lang: str) -> None:
    """Label, value, chance of reaching it and method of each suggestion; why each, in an expander."""
    frame = pd.DataFrame({
        t("col.suggestion", lang): [s.label for s in suggestions],
        t("col.value", lang): [metric.format(s.value, lang) for s in suggestions],
        t("col.probability", lang): [format_value(s.probability, "percent", lang) for s in suggestions],
        t("col.method", lang): [s.method for s in suggestions],
    })
    st.dataframe(frame, hide_index=True, column_config={
        t("col.value", lang): st.column_config.TextColumn(alignment="right"),
        t("col.probability", lang): st.column_config.TextColumn(alignment="right"),
    })
    custom = next((s for s in suggestions if s.code == "custom"), None)
    if custom is not None:
        st.markdown(t("tg.custom_probability", lang, value=metric.format(custom.value, lang),
                      probability=format_value(custom.probability, "percent", lang)))
    with st.expander(t("tg.why", lang), icon=":material/help:"):
        st.markdown("\n".join(f"- **{s.label}**: {s.explanation}" for s in suggestions))


def suggestion_choice(suggestions: Sequence[TargetSuggestion], typed: float | None, lang: str,
                      key: str) -> TargetSuggestion:
    """The suggestion to save: the realistic P50 at first, the user's own value as soon as one is typed."""
    state = st.session_state
    codes = [s.code for s in suggestions]
    if typed is not None and typed != state.get(f"{key}.typed"):
        state[key] = "custom"
    state[f"{key}.typed"] = typed
    _forget_stale(key, codes)
    state.setdefault(key, "p50" if "p50" in codes else codes[-1])
    labels = {s.code: s.label for s in suggestions}
    code = st.radio(t("tg.choose", lang), codes, key=key, horizontal=True, format_func=labels.__getitem__)
    return suggestions[codes.index(code)]


def amount(choice: TargetSuggestion, own: Own) -> dict[str, float]:
    """How to give the chosen target to :meth:`kpi.Workspace.set_target`: as typed, or as the value shown."""
    if choice.code == "custom" and own.amount is not None:
        return {own.kind: own.amount}
    return {"value": choice.value}


def target_details(goal_owner: str | None, lang: str, key: str) -> tuple[str | None, str] | None:
    """Owner (the goal's owner when left empty) and note; returned when Save is clicked."""
    left, right = st.columns([1, 2])
    owner = left.text_input(t("tg.owner", lang), key=f"{key}.owner", placeholder=goal_owner or "")
    note = right.text_input(t("tg.note", lang), key=f"{key}.note")
    if st.button(t("tg.save", lang), type="primary", key=f"{key}.save"):
        return owner.strip() or goal_owner, note
    return None


# ---- saved targets ---------------------------------------------------------------------------------
def remember_saved(target: Target, key: str) -> None:
    """Show ``target`` as the one just saved (:func:`saved_target`) from the next run on."""
    st.session_state[key] = target.id


def just_saved(key: str) -> int | None:
    """The id kept by :func:`remember_saved`."""
    return st.session_state.get(key)


def saved_target(target: Target, milestones: pd.DataFrame, metric: Metric, lang: str) -> None:
    """The success note for a saved target, its milestones as a chart and as a table."""
    span = span_text(target.start, target.end, lang)
    st.success(t("tg.saved", lang, label=target.label(lang), value=metric.format(target.value, lang), span=span),
               icon=":material/check_circle:")
    st.markdown(f"**{t('tg.milestones', lang, label=target.label(lang))}**")
    st.altair_chart(charts.milestone_chart(milestones, metric=metric, lang=lang, currency=CURRENCY,
                                           grain=target.grain), width="stretch")
    st.dataframe(pd.DataFrame({
        t("col.period", lang): [format_period(p, target.grain, lang) for p in milestones["period"]],
        t("col.milestone", lang): [metric.format(v, lang) for v in milestones["value"]],
        t("col.cumulative", lang): [metric.format(v, lang) for v in milestones["cumulative"]],
    }), hide_index=True)


def target_list(targets: Sequence[Target], metrics: dict[str, Metric], lang: str, key: str) -> Target | None:
    """One row per target (KPI and segment, span, value, owner) with a delete button; returns the one to delete."""
    if not targets:
        st.caption(t("tg.none", lang))
        return None
    widths = [4, 3, 3, 2, 2]
    for column, name in zip(st.columns(widths), ("col.target", "col.span", "col.value", "col.owner")):
        column.markdown(f"**{t(name, lang)}**")
    doomed = None
    for target in targets:
        label, span, value, owner, button = st.columns(widths, vertical_alignment="center")
        label.markdown(target.label(lang))
        span.markdown(span_text(target.start, target.end, lang))
        metric = metrics.get(target.metric)
        value.markdown(metric.format(target.value, lang) if metric else format_value(target.value, "number", lang))
        owner.markdown(target.owner or "–")
        if button.button(t("tg.delete", lang), key=f"{key}.delete.{target.id}", icon=":material/delete:",
                         help=target.label(lang)):
            doomed = target
    return doomed


def offer_undo(target: Target, key: str) -> None:
    """Offer to restore ``target`` (just deleted) on the next run."""
    st.session_state[f"{key}.undo"] = target.id


def undo_bar(targets: dict[int, Target], lang: str, key: str) -> int | None:
    """The note on the target just deleted, with Undo; returns its id when Undo is clicked."""
    state = st.session_state
    restored = state.pop(f"{key}.restored", None)
    if restored in targets and targets[restored].deleted_at is None:
        st.success(t("tg.restored", lang, label=targets[restored].label(lang)), icon=":material/undo:")
    doomed = targets.get(state.get(f"{key}.undo"))
    if doomed is None or doomed.deleted_at is None:
        return None
    left, right = st.columns([5, 1], vertical_alignment="center")
    left.info(t("tg.deleted", lang, label=doomed.label(lang)), icon=":material/delete:")
    if right.button(t("tg.undo", lang), key=f"{key}.undo_button", icon=":material/undo:"):
        del state[f"{key}.undo"]
        state[f"{key}.restored"] = doomed.id
        return doomed.id
    return None
