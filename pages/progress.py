"""Progress: every live target's status against its plan, and one target in detail with its check-ins."""

from __future__ import annotations

import streamlit as st

from ui import cache, feedback, links, progress_view, route_through_app, urlstate, widgets
from ui.text import t

route_through_app()
lang = widgets.current_language()
ws = cache.workspace()
fp = cache.fingerprint()

st.title(t("pg.title", lang))
st.caption(t("pg.intro", lang))
live = ws.targets()
if not live:
    st.info(t("pg.none", lang), icon=":material/flag:")
    urlstate.stop()

urlstate.restore(links.progress(live), lang)
limits = progress_view.thresholds_editor(lang, key="progress.thresholds")
metrics = ws.metrics()

st.subheader(t("pg.scorecard", lang))
found = {}
for target in progress_view.counting(live, lang):
    prog = feedback.attempt(lang, cache.progress, fp, cache.stamp(target), None, limits)
    if prog is not None:
        found[target.id] = prog
        progress_view.scorecard_row(prog, metrics.get(target.metric), fp, lang)

st.subheader(t("pg.detail", lang))
target = progress_view.target_picker(live, lang, key="progress.target")
unit = metrics[target.metric].unit if target.metric in metrics else "number"
if target.id in found:
    progress_view.detail(found[target.id], unit, lang)

left, right = st.columns(2)
with left:
    progress_view.check_ins(ws.check_ins(target.id), lang)
with right:
    feedback.show_flash()
    new = progress_view.check_in_form(lang, key="progress.checkin")
if new is not None and feedback.succeeded(lang, ws.check_in, target.id, new.note, author=new.author):
    feedback.flash(t("pg.checkin_saved", lang))
    st.rerun()
progress_view.history(ws.target_history(target.id), unit, lang)
