"""Data: the datasets in the workspace, and importing a file with a preview and a quality report."""

from __future__ import annotations

import streamlit as st

from ui import cache, feedback, reports, route_through_app, urlstate, widgets
from ui.text import t

route_through_app()
lang = widgets.current_language()
ws = cache.workspace()

st.title(t("data.title", lang))
st.caption(t("data.intro", lang))
urlstate.restore([], lang)  # the language is this page's only parameter
if cache.sample_loaded():
    st.info(t("data.sample_note", lang), icon=":material/lightbulb:")
feedback.show_flash()

st.subheader(t("data.datasets", lang))
datasets = ws.datasets()
reports.dataset_list(datasets, lang)
doomed = widgets.dataset_remover(datasets, lang, key="data.delete")
if doomed and feedback.succeeded(lang, ws.drop_dataset, doomed):
    feedback.flash(t("del.done", lang, name=doomed))
    st.rerun()

st.subheader(t("up.title", lang))
picked = widgets.file_picker(lang, key="data.file")
if picked is None:
    urlstate.stop()
file, path, token = picked

left, middle, right = st.columns(3)
with left:
    kind = widgets.kind_picker(lang, key="data.kind")
with middle:
    name = widgets.name_input(kind, lang, key="data.name")
with right:
    mode = widgets.mode_picker(name, datasets, lang, key="data.mode")
leads = widgets.leads_picker(datasets, lang, key="data.leads") if kind == "deals" else None

read = widgets.read_options("data.conv", lang, token)
with st.spinner(t("busy.read", lang)):
    prev = feedback.attempt(lang, cache.preview, str(path), kind, read["delimiter"], read["encoding"],
                            read["sheet"], file)
sheets = prev.options.get("sheets", ()) if prev else ()
options = widgets.conventions_picker(lang, "data.conv", sheets=sheets, token=token)
if prev is None:
    urlstate.stop()

st.markdown(f"**{t('prev.title', lang)}**")
reports.preview(prev, lang)
mapping = widgets.mapping_editor(prev, kind, lang, key="data.map")
incomplete = widgets.missing_note(mapping, kind, lang)

if st.button(t("up.button", lang), type="primary", key="data.import", disabled=incomplete):
    result = reports.import_steps(prev, lang, lambda: feedback.attempt(
        lang, ws.import_file, path, kind=kind, name=name, mapping=mapping, mode=mode, leads=leads,
        source_name=file, **options))
    if result is not None:
        reports.remember("data", f"{token}/{kind}/{name}", result)
        st.rerun()  # so that the dataset list and the sidebar count show the new data

result = reports.recalled("data", f"{token}/{kind}/{name}")
if result is not None:
    reports.import_result(result, lang)
