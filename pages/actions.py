"""Actions: the corrective actions, one in detail (edit, delete and undo, history), and whether it worked."""

from __future__ import annotations

import streamlit as st

from ui import actions_view, cache, feedback, links, route_through_app, urlstate, widgets
from ui.text import t

route_through_app()
lang = widgets.current_language()
ws = cache.workspace()
fp = cache.fingerprint()

st.title(t("ac.title", lang))
st.caption(t("ac.intro", lang))
feedback.show_flash()
metrics = cache.metrics()
targets = {target.id: target for target in ws.targets(include_deleted=True)}
every = {action.id: action for action in ws.actions(include_deleted=True)}
restore = actions_view.undo_bar(every, lang, key="actions.list")
if restore is not None and feedback.succeeded(lang, ws.restore_action, restore):
    st.rerun()
live = [action for action in every.values() if action.deleted_at is None]
urlstate.restore(links.actions(live), lang)

if not live:
    st.info(t("ac.none", lang), icon=":material/task_alt:")
else:
    st.subheader(t("ac.list", lang))
    shown = actions_view.status_filter(lang, key="actions.status")
    actions_view.action_table([a for a in live if a.status in shown], targets, metrics, lang)

    st.subheader(t("ac.detail", lang))
    action = actions_view.action_picker(live, lang, key="actions.pick")
    left, right = st.columns(2)
    with left:
        changes = actions_view.edit_form(action, lang, key="actions.edit")
        if changes and feedback.succeeded(lang, ws.update_action, action.id, **changes):
            feedback.flash(t("ac.saved", lang, title=action.title))
            st.rerun()
        if actions_view.delete_button(action, lang, key="actions.list") and \
                feedback.succeeded(lang, ws.delete_action, action.id):
            actions_view.offer_undo(action, key="actions.list")
            st.rerun()
    with right:
        with st.spinner(t("busy.effect", lang)):
            found = feedback.attempt(lang, cache.action_effect, fp, cache.action_stamp(action))
        if found is not None:
            actions_view.effect(found, lang)
    actions_view.history(ws.action_history(action.id), lang)

new = actions_view.add_form([tg for tg in targets.values() if tg.deleted_at is None], metrics,
                            lambda metric: cache.dimensions(fp, (metric,)), ws.values, lang, key="actions.new")
made = feedback.attempt(lang, ws.add_action, **new) if new else None
if made is not None:
    actions_view.remember(made)
    feedback.flash(t("ac.added", lang, title=made.title))
    st.rerun()
