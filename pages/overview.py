"""Overview: the chosen KPIs' latest values and changes, one KPI's trend, and how each is computed."""

from __future__ import annotations

import streamlit as st

from kpi import KpiError, charts
from ui import cache, cards, exports, feedback, links, route_through_app, urlstate, verdicts, widgets
from ui.text import t

ANOMALY_GRAINS = ("day", "week", "month")  # a baseline needs a dozen periods or more

route_through_app()
lang = widgets.current_language()
fp = cache.fingerprint()

st.title(t("ov.title", lang))
st.caption(t("ov.intro", lang))
metrics = cache.metrics()
if not metrics:
    st.info(t("ov.no_data", lang), icon=":material/database:")
    urlstate.stop()

urlstate.restore(links.overview(metrics, fp), lang)
feedback.show_flash()
new = widgets.custom_kpi_form(lang, key="overview.custom")
if new and feedback.succeeded(lang, cache.workspace().add_metric, **new):
    feedback.flash(t("ov.custom_saved", lang, name=new["name"]))
    st.rerun()
names = widgets.kpi_picker(metrics, lang, key="overview.kpis")
chosen = [metrics[name] for name in names]
span = cache.date_span(fp, tuple(names)) if chosen else None
if span is None:
    st.info(t("ov.pick_kpis", lang) if not chosen else t("ov.no_rows", lang))
    urlstate.stop()

dimensions = cache.dimensions(fp, tuple(names))
left, right = st.columns(2)
with left:
    grain = widgets.grain_picker(lang, key="overview.grain")
with right:
    start, end = widgets.period_range(span, grain, lang, key="overview.dates")
filters = widgets.dimension_filter(dimensions, lambda column: cache.dimension_values(fp, column),
                                   lang, key="overview.filter")
query = cache.Query(grain, start, end, tuple(sorted(filters.items())))

cards.latest_caption(end, grain, lang, data_start=span[0])
for metric, slot in zip(chosen, cards.grid(len(chosen))):
    with slot:
        cards.kpi_card(metric, fp, query, lang, data_start=span[0])

st.subheader(t("ov.trend", lang))
left, right = st.columns(2)
with left:
    metric = widgets.trend_picker(chosen, lang, key="overview.trend")
with right:
    split = widgets.split_picker(dimensions, lang, key="overview.split")
try:
    frame = cache.compute(fp, metric.name, query, by=(split,) if split else ())
except KpiError as exc:
    feedback.show_notice(exc, lang)
    urlstate.stop()
found = None if split or grain not in ANOMALY_GRAINS else feedback.attempt(lang, cache.anomalies, fp, metric.name,
                                                                         query)
chart = charts.trend_chart(frame, metric=metric, lang=lang, by=split, grain=grain, anomalies=found)
st.altair_chart(chart, width="stretch")
exports.chart_download(chart, f"{metric.name}_{start:%Y%m%d}_{end:%Y%m%d}", lang, key="overview.png")
if found is not None:
    verdicts.anomaly_notes(found, metric, lang)

st.subheader(t("ex.title", lang))
exports.report_downloads(fp, names, query, lang, key="overview.export")
