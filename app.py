"""Kinerja: the Streamlit entry point. Routing only; the pages do the work."""

import streamlit as st

from ui import cache, reports, widgets
from ui.text import t

st.set_page_config(page_title="Kinerja", layout="wide")

ws = cache.workspace()  # the first start loads the sample here (about 2 s)
has_data = bool(ws.datasets())  # the Overview greets a workspace with data; an empty one opens on Data
pg = st.navigation([
    st.Page("pages/overview.py", title=t("nav.overview", widgets.current_language()), icon=":material/dashboard:",
            default=has_data),
    st.Page("pages/targets.py", title=t("nav.targets", widgets.current_language()), icon=":material/flag:"),
    st.Page("pages/progress.py", title=t("nav.progress", widgets.current_language()), icon=":material/monitoring:"),
    st.Page("pages/drilldown.py", title=t("nav.drilldown", widgets.current_language()),
            icon=":material/account_tree:"),
    st.Page("pages/actions.py", title=t("nav.actions", widgets.current_language()), icon=":material/task_alt:"),
    st.Page("pages/data.py", title="Data", icon=":material/database:", default=not has_data),
])
lang = widgets.language_picker()
reports.workspace_summary(ws, lang)
pg.run()
