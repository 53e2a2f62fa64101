"""Kinerja: the Streamlit entry point. Routing only; the pages do the work."""

import streamlit as st

from ui import cache, reports, widgets

st.set_page_config(page_title="Kinerja", layout="wide")

pg = st.navigation([
    st.Page("pages/data.py", title="Data", icon=":material/database:", default=True),
])
lang = widgets.language_picker()
reports.workspace_summary(cache.workspace(), lang)  # the first start loads the sample here (about 2 s)
pg.run()
