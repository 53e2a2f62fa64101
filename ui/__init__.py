"""Streamlit-only helpers for the Kinerja app: caching, widgets, messages and report rendering.

Pages read widgets from :mod:`ui.widgets`, call :mod:`kpi` (through :mod:`ui.cache`
for the shared workspace) and draw results with :mod:`ui.reports`; every
:class:`kpi.KpiError` reaches the screen through :mod:`ui.feedback`. Each page's
view lives in its URL too (:mod:`ui.urlstate`, with the parameters of each page in
:mod:`ui.links`). The :mod:`kpi` library never imports this package.
"""

from __future__ import annotations

import streamlit as st


def route_through_app() -> None:
    """Rerun a page that Streamlit started on its own, so that it runs inside ``app.py``.

    The product keeps its pages in ``pages/``. A fresh Streamlit process that sees
    that folder starts in its legacy multipage mode, and until some session runs
    ``app.py`` (whose ``st.navigation`` switches that mode off for the process), a
    request for a page's URL, say a tab reconnecting after a restart, runs the page
    script alone: no language picker, no workspace note, the folder's file names as
    navigation. Each page calls this first; it switches the mode off and reruns,
    which goes through ``app.py`` to the same page (both modes hash a page by its URL).
    """
    from streamlit.runtime.pages_manager import PagesManager

    if getattr(PagesManager, "uses_pages_directory", None):
        PagesManager.uses_pages_directory = False
        st.rerun()
