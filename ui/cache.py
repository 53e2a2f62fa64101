"""The only module that uses ``st.cache_*``.

One :class:`kpi.Workspace` per workspace path is shared by every session of the
process (the workspace hands out a cursor per call and locks writes, so this is
safe). The first time a process opens an empty workspace it loads the bundled
sample, so that a new user lands on data rather than on an empty page.
"""

from __future__ import annotations

import streamlit as st

from kpi import Preview, Workspace, load_sample
from kpi.workspace import default_path

_SPINNER = "Menyiapkan workspace… / Preparing the workspace…"


@st.cache_resource(show_spinner=_SPINNER)
def _open(path: str) -> tuple[Workspace, bool]:
    """Open the workspace at ``path``; load the sample into it when it is empty."""
    ws = Workspace.open(path)
    empty = not ws.datasets()
    if empty:
        load_sample(ws)
    return ws, empty


def workspace() -> Workspace:
    """The workspace at the default location (``$KINERJA_HOME`` or ``.kinerja/``)."""
    return _open(str(default_path()))[0]


def sample_loaded() -> bool:
    """Whether this process filled the (then empty) workspace with the sample data."""
    return _open(str(default_path()))[1]


# Needed: every widget change reruns the page, and reading a large upload again
# for each click would take seconds. Keyed by the spooled path, which is unique
# per upload, so a cached preview never outlives its file's content.
@st.cache_resource(max_entries=16, ttl=3600, show_spinner="Membaca file… / Reading the file…")
def preview(path: str, kind: str, delimiter: str | None, encoding: str | None, sheet: str | None,
            source_name: str) -> Preview:
    """:meth:`kpi.Workspace.preview_file` of an uploaded file, read once per set of options."""
    return workspace().preview_file(path, kind, delimiter=delimiter, encoding=encoding, sheet=sheet,
                                    source_name=source_name)
