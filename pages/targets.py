"""Targets: a goal, the KPI target that measures it, what history says it could be, and the saved targets."""

from __future__ import annotations

import streamlit as st

from kpi.goals import KPI_VS_TARGET
from ui import cache, feedback, links, route_through_app, targets, urlstate, widgets
from ui.text import t

route_through_app()
lang = widgets.current_language()
ws = cache.workspace()
fp = cache.fingerprint()

st.title(t("tg.title", lang))
st.caption(KPI_VS_TARGET.text(lang))
metrics = cache.metrics()
if not metrics:
    st.info(t("tg.no_data", lang), icon=":material/database:")
    urlstate.stop()

goals = ws.goals()
urlstate.restore(links.targets(goals, metrics, fp), lang)
st.subheader(t("tg.goal", lang))
feedback.show_flash()
goal = targets.goal_picker(goals, lang, key="targets.goal")
if goal is None:
    new = targets.new_goal_form(ws.goal_templates(lang), metrics, lang, key="targets.new_goal")
    made = feedback.attempt(lang, ws.add_goal, new["name"], new["description"], new["owner"], new["kpis"]) if new \
        else None
    if made is not None:
        targets.remember_goal(made, key="targets.goal")
        feedback.flash(t("tg.goal_saved", lang, name=made.name))
        st.rerun()
    st.caption(t("tg.goal_first", lang))
    urlstate.stop()

st.subheader(t("tg.target", lang))
metric = targets.kpi_choice(metrics, goal, targets.goal_kpis(goal, ws.targets(goal=goal.id)), lang,
                            key="targets.kpi")
left, middle, right = st.columns([5, 4, 3])
with left:
    start, end = targets.span_picker(cache.date_span(fp, (metric.name,))[1], lang, key="targets.span")
with middle:
    segment = targets.segment_picker(list(cache.dimensions(fp, (metric.name,))),
                                     lambda column: ws.values(column, metric.name), lang, key="targets.segment")
with right:
    grain = targets.grain_picker(lang, key="targets.grain")

st.subheader(t("tg.history", lang), help=t("tg.history_caption", lang))
query = (fp, metric.name, start, end, tuple(segment.items()), lang, grain)
with st.spinner(t("busy.suggest", lang)):
    found = feedback.attempt(lang, cache.suggestions, *query, None)
own = targets.own_target(metric, targets.baseline(found), lang, key="targets.own") if found else None
typed = targets.implied_value(own, targets.baseline(found), metric.unit) if own else None
if typed is not None:
    with st.spinner(t("busy.suggest", lang)):
        found = feedback.attempt(lang, cache.suggestions, *query, typed)
if found and own:
    targets.suggestion_table(found, metric, lang)
    choice = targets.suggestion_choice(found, typed, lang, key="targets.choice")
    details = targets.target_details(goal.owner, lang, key="targets.form")
    if details is not None:
        owner, note = details
        saved = feedback.attempt(lang, ws.set_target, metric.name, start, end, owner=owner, filters=segment or None,
                                 note=note, goal=goal.id, grain=grain, author=owner, **targets.amount(choice, own))
        if saved is not None:
            targets.remember_saved(saved, key="targets.saved")
            st.rerun()

shown = {target.id: target for target in ws.targets(include_deleted=True)}
recent = shown.get(targets.just_saved(key="targets.saved"))
if recent is not None and recent.deleted_at is None and recent.metric in metrics:
    targets.saved_target(recent, ws.milestones(recent.id), metrics[recent.metric], lang)

st.subheader(t("tg.list", lang))
only = st.toggle(t("tg.only_goal", lang), key="targets.only_goal")
doomed = targets.target_list(ws.targets(goal=goal.id if only else None), metrics, lang, key="targets.list")
if doomed is not None and feedback.succeeded(lang, ws.delete_target, doomed.id):
    targets.offer_undo(doomed, key="targets.list")
    st.rerun()
restore = targets.undo_bar(shown, lang, key="targets.list")
if restore is not None and feedback.succeeded(lang, ws.restore_target, restore):
    st.rerun()
