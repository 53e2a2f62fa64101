"""KPI cards: a KPI's latest value, its changes, a sparkline, and how it is computed."""

from __future__ import annotations

import datetime as dt
import math

import pandas as pd
import streamlit as st

from kpi import KpiError, charts
from kpi.formats import BLANK, change, format_change, format_period
from kpi.metrics import Metric
from kpi.periods import last_year_start, period_of, previous_start
from ui import cache, feedback, verdicts
from ui.text import t

PER_ROW = 3


def grid(n: int) -> list[st.delta_generator.DeltaGenerator]:
    """``n`` card slots, :data:`PER_ROW` to a row."""
    slots = []
    for first in range(0, n, PER_ROW):
        slots.extend(st.columns(PER_ROW)[: n - first])
    return slots


def compared(period: dt.date, grain: str) -> tuple[dt.date, dt.date]:
    """The first days of the periods ``period`` is compared with: the previous one, and a year earlier."""
    day = pd.Timestamp(period).date()  # result frames hold Timestamps
    return previous_start(day, grain), last_year_start(day, grain)


def latest_caption(end: dt.date, grain: str, lang: str, data_start: dt.date) -> None:
    """Name the period the cards show (the one holding ``end``) and the periods they are compared with."""
    period = period_of(end, grain)
    earlier = list(dict.fromkeys(compared(period, grain)))  # a year is both the previous period and last year
    names = [format_period(day, grain, lang) for day in earlier]
    text = t("ov.latest" if len(names) == 2 else "ov.latest_one", lang, period=format_period(period, grain, lang),
             previous=names[0], last_year=names[-1])
    partial = [name for day, name in zip(earlier, names) if day < data_start]
    if partial:
        text += t("ov.not_compared", lang, periods=", ".join(partial))
    st.caption(text)


def kpi_card(metric: Metric, fp: str, query: cache.Query, lang: str, data_start: dt.date) -> None:
    """One bordered card; a KPI that cannot be computed for ``query`` gets a notice instead of numbers.

    A comparison with a period that starts before ``data_start`` (the first date
    of the data) is left out: that period is partly or wholly missing, and a
    change against it would read as growth that did not happen.
    """
    with st.container(border=True):
        try:
            frame = cache.compute(fp, metric.name, query, compare=True)
        except KpiError as exc:
            st.metric(metric.label(lang), BLANK)
            feedback.show_notice(exc, lang)
            _definition(metric, None, lang)
            return
        if frame.empty:
            st.metric(metric.label(lang), BLANK)
            st.caption(t("ov.no_rows", lang))
            return
        latest = frame.iloc[-1]
        _figures(metric, _trusted(latest, query.grain, data_start), lang)
        verdicts.card_line(metric, fp, query, lang, pd.Timestamp(latest["period"]).date(), data_start)
        st.altair_chart(charts.sparkline_chart(frame, metric=metric, lang=lang, grain=query.grain), width="stretch")
        _definition(metric, cache.sql(fp, metric.name, query), lang)


def _trusted(row: pd.Series, grain: str, data_start: dt.date) -> pd.Series:
    row = row.copy()
    for column, day in zip(("previous", "last_year"), compared(row["period"], grain)):
        if day < data_start:
            row[column] = math.nan
    return row


def _figures(metric: Metric, row: pd.Series, lang: str) -> None:
    value, previous, last_year = (row.get(c, math.nan) for c in ("value", "previous", "last_year"))
    delta = format_change(value, previous, metric.unit, lang)
    flat = _flat(change(value, previous, metric.unit), metric.unit)  # also when there is no change to show
    st.metric(metric.label(lang), metric.format(value, lang), delta=delta,
              delta_color="off" if flat else "normal" if metric.higher_is_better else "inverse",
              delta_arrow="off" if flat else "auto", delta_description=t("ov.vs_prev", lang))
    yearly = change(value, last_year, metric.unit)
    shown = format_change(value, last_year, metric.unit, lang)
    if not math.isnan(yearly) and not _flat(yearly, metric.unit):
        good = (yearly > 0) == metric.higher_is_better
        arrow = "↑" if yearly > 0 else "↓"
        shown = f":{'green' if good else 'red'}[{arrow} {shown}]"
    st.markdown(f"{shown} {t('ov.vs_last_year', lang)}")


def _flat(diff: float, unit: str) -> bool:
    """Whether a change shows as zero (``0,0%``, ``0,0 poin``), which has no direction or colour."""
    return math.isnan(diff) or round(diff * (100 if unit not in ("percent", "points") else 1), 1) == 0


def _definition(metric: Metric, sql: str | None, lang: str) -> None:
    with st.expander(t("ov.definition", lang), icon=":material/functions:"):
        st.markdown(metric.description(lang))
        st.caption(f"{t('ov.formula', lang)}: `{metric.formula}`")
        if sql is not None:
            st.code(sql, language="sql", wrap_lines=True, height=360)
