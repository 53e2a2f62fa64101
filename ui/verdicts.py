"""Whether a change is real: the verdict line on a KPI card, and the unusual points under the trend chart.

The sentences come from :mod:`kpi.stats` results (``summary``/``describe``);
this module only picks the short words and colours that fit on a card.
"""

from __future__ import annotations

import datetime as dt

import streamlit as st

from kpi import KpiError, stats
from kpi.metrics import Metric
from kpi.periods import previous_start
from kpi.stats._text import format_p
from ui import cache
from ui.text import t


def card_line(metric: Metric, fp: str, query: cache.Query, lang: str, period: dt.date,
              data_start: dt.date) -> None:
    """One caption: is the change against the previous period real, and is there a trend?

    The full sentences (test, interval, method) are in the caption's tooltip.
    """
    label = metric.label(lang)
    words, sentences = [], []
    previous = previous_start(period, query.grain)
    if previous >= data_start:  # a period cut by the data's start is not compared (as on the card)
        try:
            res = cache.comparison(fp, metric.name, query, period, previous)
        except KpiError:
            res = None
        if res is not None:
            words.append(_change_words(res, metric, lang))
            sentences.append(res.summary(lang, label, metric.unit))
    try:
        found = cache.trend(fp, metric.name, query)
    except KpiError:
        found = None
    if found is not None:
        words.append(_trend_words(found, metric, lang))
        sentences.append(found.summary(lang, label, metric.unit, query.grain))
    if words:
        st.caption(" · ".join(words), help="\n\n".join(sentences))


def _colour(up: bool, metric: Metric) -> str:
    return "green" if up == metric.higher_is_better else "red"


def _change_words(res: stats.Comparison, metric: Metric, lang: str) -> str:
    p = format_p(res.pvalue, lang)
    if res.pvalue != res.pvalue:  # NaN: too little data to test
        return t("ov.untested", lang)
    if not res.significant:
        return t("ov.noise", lang, p=p)
    return f":{_colour(res.difference > 0, metric)}[{t('ov.real_change', lang, p=p)}]"


def _trend_words(res: stats.TrendResult, metric: Metric, lang: str) -> str:
    if res.direction == "no trend":
        return t("ov.no_trend", lang)
    key = "ov.trend_up" if res.direction == "increasing" else "ov.trend_down"
    return f":{_colour(res.direction == 'increasing', metric)}[{t(key, lang, p=format_p(res.pvalue, lang))}]"


def anomaly_notes(found: stats.AnomalyResult, metric: Metric, lang: str) -> None:
    """The anomaly summary, and one line per unusual period and per level shift."""
    label = metric.label(lang)
    st.caption(found.summary(lang, label, metric.unit))
    lines = found.describe(lang, label, metric.unit) + [c.summary(lang, label, metric.unit)
                                                         for c in found.change_points]
    if lines:
        with st.expander(t("ov.unusual", lang, n=len(lines)), icon=":material/crisis_alert:"):
            st.markdown("\n".join(f"- {line}" for line in lines))
