"""Kinerja: the Streamlit entry point. Routing only; the pages do the work."""

import streamlit as st

from ui import cache, reports, urlstate, widgets
from ui.text import t

st.set_page_config(page_title="Kinerja", layout="wide")

lang = urlstate.restore_language()  # a link's ?lang= applies from the first paint
ws = cache.workspace()  # the first start loads the sample here (about 2 s, with a progress box)
has_data = bool(ws.datasets())  # the Overview greets a workspace with data; an empty one opens on Data
pg = st.navigation([
    st.Page("pages/overview.py", title=t("nav.overview", lang), icon=":material/dashboard:", default=has_data),
    st.Page("pages/targets.py", title=t("nav.targets", lang), icon=":material/flag:"),
    st.Page("pages/progress.py", title=t("nav.progress", lang), icon=":material/monitoring:"),
    st.Page("pages/drilldown.py", title=t("nav.drilldown", lang), icon=":material/account_tree:"),
    st.Page("pages/actions.py", title=t("nav.actions", lang), icon=":material/task_alt:"),
    st.Page("pages/data.py", title=t("nav.data", lang), icon=":material/database:", default=not has_data),
])
lang = widgets.language_picker()
reports.workspace_summary(ws, lang)
pg.run()
urlstate.publish()  # the page's state, now that its widgets are read (a page that stops early calls it first)
