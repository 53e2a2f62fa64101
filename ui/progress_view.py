"""The Progress page's widgets and renderers: status thresholds, the scorecard, one target's progress in
detail, its check-ins and its edit history."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from typing import NamedTuple

import pandas as pd
import streamlit as st

from kpi import KpiError, charts
from kpi.formats import format_change, format_period, format_value
from kpi.i18n import message
from kpi.metrics import Metric
from kpi.periods import period_of
from kpi.progress import Progress, Thresholds
from kpi.targets import CheckIn, Target
from ui import cache, feedback
from ui.targets import CURRENCY, span_text
from ui.text import t

#: Status -> badge colour and icon: green on track, orange at risk, red behind, grey not started.
STATUS_STYLE = {
    "on_track": ("green", ":material/check_circle:"),
    "at_risk": ("orange", ":material/warning:"),
    "behind": ("red", ":material/trending_down:"),
    "not_started": ("gray", ":material/schedule:"),
    "reached": ("green", ":material/flag:"),
    "missed": ("red", ":material/flag:"),
}
SPARK_MONTHS = 12
#: From this many targets on, working out their progress shows a progress bar (each takes a few tenths of a second).
MANY_TARGETS = 4


def thresholds_editor(lang: str, key: str) -> tuple[float, float]:
    """On-track and at-risk thresholds (in % of plan), kept in session state across pages.

    Returns them as fractions, ``(on_track, at_risk)``; a pair
    :class:`kpi.progress.Thresholds` refuses is shown and the last good pair kept.
    """
    default = Thresholds()
    kept = st.session_state.setdefault(key, (default.on_track, default.at_risk))
    with st.expander(t("pg.thresholds", lang), icon=":material/tune:"):
        st.caption(t("pg.thresholds_help", lang))
        left, right = st.columns(2)
        on_track = left.number_input(t("pg.on_track", lang), min_value=1, max_value=200, step=1,
                                     value=round(kept[0] * 100), key=f"{key}.on_track")
        at_risk = right.number_input(t("pg.at_risk", lang), min_value=1, max_value=200, step=1,
                                     value=round(kept[1] * 100), key=f"{key}.at_risk")
    try:
        chosen = Thresholds(on_track / 100, at_risk / 100)
    except KpiError as exc:
        feedback.show_error(exc, lang)
        return kept
    st.session_state[key] = (chosen.on_track, chosen.at_risk)
    return chosen.on_track, chosen.at_risk


def counting(targets: Sequence[Target], lang: str) -> Iterator[Target]:
    """``targets`` one by one, with a progress bar over them while there are :data:`MANY_TARGETS` or more."""
    if len(targets) < MANY_TARGETS:
        yield from targets
        return
    bar = st.progress(0.0, text=t("busy.progress", lang, n=1, total=len(targets)))
    for i, target in enumerate(targets):
        bar.progress(i / len(targets), text=t("busy.progress", lang, n=i + 1, total=len(targets)))
        yield target
    bar.empty()


def status_badge(status: str, lang: str) -> None:
    """The status word on its colour."""
    colour, icon = STATUS_STYLE.get(status, ("gray", None))
    st.badge(message(f"status_{status}", lang), color=colour, icon=icon)


def _spark_query(last_day: dt.date, target: Target) -> cache.Query:
    """The last :data:`SPARK_MONTHS` whole months of data, in ``target``'s segment."""
    end = period_of(last_day + dt.timedelta(days=1), "month") - dt.timedelta(days=1)
    start = (pd.Timestamp(period_of(end, "month")) - pd.DateOffset(months=SPARK_MONTHS - 1)).date()
    return cache.Query("month", start, end, tuple((target.filters or {}).items()))


def scorecard_row(prog: Progress, metric: Metric | None, fp: str, lang: str) -> None:
    """One bordered row: status, KPI and segment, owner, a sparkline of the KPI, actual vs target, attainment
    and the chance of reaching the target."""
    target = prog.target
    with st.container(border=True):
        status, name, spark, figures = st.columns([2, 3, 3, 4], vertical_alignment="center")
        with status:
            status_badge(prog.status, lang)
        name.markdown(f"**{target.label(lang)}**")
        name.caption(t("pg.span", lang, span=span_text(target.start, target.end, lang),
                       owner=target.owner or t("pg.no_owner", lang)))
        span = cache.date_span(fp, (target.metric,)) if metric else None
        if span:
            try:
                frame = cache.compute(fp, target.metric, _spark_query(span[1], target))
            except KpiError as exc:
                feedback.show_notice(exc, lang)
            else:
                spark.altair_chart(charts.sparkline_chart(frame, metric=metric, lang=lang, currency=CURRENCY),
                                   width="stretch")
        unit = metric.unit if metric else "number"
        goal = format_value(target.value, unit, lang, CURRENCY)
        figures.markdown(t("pg.vs_target", lang, actual=format_value(prog.actual, unit, lang, CURRENCY), target=goal)
                         if prog.actual == prog.actual else f"{t('pg.target_value', lang)}: {goal}")  # NaN: not started
        figures.caption(f"{t('pg.attainment', lang)}: {format_value(prog.attainment, 'percent', lang)} · "
                        f"{t('pg.probability', lang)}: {format_value(prog.probability, 'percent', lang)}")


def target_picker(targets: Sequence[Target], lang: str, key: str) -> Target:
    """One of ``targets`` (by id), labelled with its KPI, segment and span."""
    by_id = {target.id: target for target in targets}
    if st.session_state.get(key) not in by_id:
        st.session_state.pop(key, None)
    chosen = st.selectbox(t("pg.pick", lang), list(by_id), key=key,
                          format_func=lambda i: f"{by_id[i].label(lang)} · "
                                                f"{span_text(by_id[i].start, by_id[i].end, lang)}")
    return by_id[chosen]


def detail(prog: Progress, unit: str, lang: str) -> None:
    """Actual and plan to date, attainment, gap, projection with its 80% range, chance, status, a summary,
    the progress chart and the milestones; values in the KPI's ``unit``."""

    def fmt(value: float) -> str:
        return format_value(value, unit, lang, CURRENCY)

    def short(value: float) -> str:  # a billion rupiah in full does not fit a metric tile
        return format_value(value, unit, lang, CURRENCY, compact=True)

    status_badge(prog.status, lang)
    st.caption(t("pg.as_of", lang, day=format_period(prog.as_of, "day", lang)))
    cells = st.columns(4)
    for cell, key, value in zip(cells[:3], ("pg.target_value", "pg.actual", "pg.expected"),
                                (prog.target.value, prog.actual, prog.expected), strict=True):
        cell.metric(t(key, lang), short(value), help=fmt(value))
    # A rate's gap is in percentage points ("-1,6 poin"), not a percentage of anything.
    gap = format_change(prog.actual, prog.expected, unit, lang) if unit == "percent" else short(prog.gap)
    cells[3].metric(t("pg.gap", lang), gap, help=None if unit == "percent" else fmt(prog.gap))
    cells = st.columns(4)
    cells[0].metric(t("pg.attainment", lang), format_value(prog.attainment, "percent", lang))
    cells[1].metric(t("pg.projected", lang), short(prog.projected), help=fmt(prog.projected))
    cells[1].caption(t("pg.interval", lang, low=fmt(prog.projected_low), high=fmt(prog.projected_high)))
    cells[2].metric(t("pg.probability", lang), format_value(prog.probability, "percent", lang))
    st.markdown(prog.summary(lang))
    st.altair_chart(charts.progress_chart(prog, lang=lang, currency=CURRENCY), width="stretch")
    frame = prog.frame
    with st.expander(t("pg.milestones", lang), icon=":material/flag:"):
        st.dataframe(pd.DataFrame({
            t("col.period", lang): [format_period(p, prog.target.grain, lang) for p in frame["period"]],
            t("col.milestone", lang): [fmt(v) for v in frame["target"]],
            t("col.actual", lang): [fmt(v) for v in frame["actual"]],
            t("col.cumulative", lang): [fmt(v) for v in frame["target_cumulative"]],
        }), hide_index=True)


def check_ins(found: Sequence[CheckIn], lang: str) -> None:
    """The check-ins, newest first: who, when, what."""
    st.markdown(f"**{t('pg.checkins', lang)}**")
    if not found:
        st.caption(t("pg.no_checkins", lang))
    for item in found:
        with st.container(border=True):
            st.caption(f"{item.author or t('pg.anonymous', lang)} · {item.created_at:%d-%m-%Y %H:%M}")
            st.text(item.note)


class NewCheckIn(NamedTuple):
    """A check-in as typed: who and what."""

    author: str | None
    note: str


def check_in_form(lang: str, key: str) -> NewCheckIn | None:
    """A form for a check-in; returned once submitted."""
    with st.form(key, clear_on_submit=True):
        st.markdown(f"**{t('pg.checkin_add', lang)}**")
        author = st.text_input(t("pg.author", lang), key=f"{key}.author")
        note = st.text_area(t("pg.note", lang), key=f"{key}.note", height=80)
        if st.form_submit_button(t("pg.checkin_save", lang)):
            return NewCheckIn(author.strip() or None, note)
    return None


def history(frame: pd.DataFrame, unit: str, lang: str) -> None:
    """Every change to the target, oldest first, with the value it had after the change."""
    with st.expander(t("pg.history", lang), icon=":material/history:"):
        st.dataframe(pd.DataFrame({
            t("col.changed_at", lang): frame["changed_at"],
            t("col.action", lang): [t(f"action.{a}", lang) for a in frame["action"]],
            t("col.author", lang): frame["author"],
            t("col.value", lang): [format_value(after.get("value") if after else None, unit, lang, CURRENCY)
                                   for after in frame["after"]],
        }), hide_index=True, column_config={
            t("col.changed_at", lang): st.column_config.DatetimeColumn(format="DD-MM-YYYY HH:mm")})
