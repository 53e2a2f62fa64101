"""Drill-down: why a KPI changed (against a target's plan or between two spans), segment by segment."""

from __future__ import annotations

import streamlit as st

from ui import actions_view, cache, drilldown, feedback, links, route_through_app, targets, urlstate, widgets
from ui.text import t

route_through_app()
lang = widgets.current_language()
ws = cache.workspace()
fp = cache.fingerprint()

st.title(t("dd.title", lang))
st.caption(t("dd.intro", lang))
metrics = cache.metrics()
if not metrics:
    st.info(t("dd.no_data", lang), icon=":material/database:")
    urlstate.stop()

live = ws.targets()
urlstate.restore(links.drilldown(live, metrics, fp), lang)
target = None
if drilldown.mode_picker(bool(live), lang, key="drilldown.mode") == "target":
    target = drilldown.target_picker(live, drilldown.statuses(live, fp, lang), lang, key="drilldown.target")
    root = drilldown.target_root(target)
else:
    metric = drilldown.kpi_picker(metrics, lang, key="drilldown.kpi")
    span = cache.date_span(fp, (metric.name,))
    if span is None:
        st.info(t("dd.no_data", lang), icon=":material/database:")
        urlstate.stop()
    left, middle, right = st.columns([4, 5, 4])
    with left:
        current = drilldown.current_picker(span, lang, key="drilldown.current")
    with middle:
        baseline = drilldown.baseline_picker(current, lang, key="drilldown.baseline") if current else None
    with right:
        segment = targets.segment_picker(list(cache.dimensions(fp, (metric.name,))),
                                         lambda column: ws.values(column, metric.name), lang, key="drilldown.segment")
    if current is None or baseline is None:
        st.info(t("dd.pick_dates", lang), icon=":material/date_range:")
        urlstate.stop()
    root = drilldown.periods_root(metric, current, baseline, segment)

by, depth = drilldown.advanced([d for d in cache.dimensions(fp, (root.metric,)) if d not in root.pinned()], lang,
                               key="drilldown.advanced")
if not by:
    st.info(t("dd.no_dimensions", lang), icon=":material/tune:")
    urlstate.stop()
path = drilldown.drill_path(root, by, key="drilldown")
drilldown.breadcrumbs(path, lang, key="drilldown")
with st.spinner(t("busy.explain", lang)):
    expl = drilldown.explain(fp, drilldown.question(root, path, by, depth), lang)
if expl is None:
    urlstate.stop()

st.subheader(t("dd.summary", lang))
drilldown.summary(expl, lang)
st.subheader(t("dd.findings", lang))
feedback.show_flash()
drilldown.findings(expl, lang)
new = drilldown.action_form(expl, drilldown.action_segment(root, path), target, lang, key="drilldown.action")
made = feedback.attempt(lang, ws.add_action, **new) if new else None
if made is not None:
    actions_view.remember(made)
    feedback.flash(t("dd.action_saved", lang, title=made.title))
    st.rerun()

st.subheader(t("dd.ranking", lang))
drilldown.ranking(expl, lang)
st.subheader(t("dd.tree", lang))
drilldown.tree(expl, len(path), lang, key="drilldown")
