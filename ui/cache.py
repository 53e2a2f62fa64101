"""The only module that uses ``st.cache_*``.

One :class:`kpi.Workspace` per workspace path is shared by every session of the
process (the workspace hands out a cursor per call and locks writes, so this is
safe). The first time a process opens an empty workspace it loads the bundled
sample, so that a new user lands on data rather than on an empty page
(``KINERJA_SAMPLE=0`` in the environment keeps a new workspace empty).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import threading
from pathlib import Path
from typing import Any, NamedTuple

import pandas as pd
import streamlit as st

from kpi import Action, ActionEffect, Preview, Workspace, load_sample, stats
from kpi import report as kpi_report
from kpi.metrics import Metric
from kpi.plans import TargetSuggestion
from kpi.progress import Progress, Thresholds
from kpi.rootcause import Explanation
from kpi.samples import SAMPLE_FILES
from kpi.targets import Target
from kpi.workspace import default_path
from ui.text import t


class _Opened(NamedTuple):
    """A workspace as the process opened it: does it get the sample, and is the sample in it yet (shared by
    every session)."""

    ws: Workspace
    sample: bool
    lock: threading.Lock
    filled: list[bool]  # one flag, in a list so that the cached tuple can be updated in place


@st.cache_resource(show_spinner=False)
def _open(path: str) -> _Opened:
    """Open the workspace at ``path`` (the sample is loaded by :func:`workspace`, with progress)."""
    ws = Workspace.open(path)
    sample = not ws.datasets() and os.environ.get("KINERJA_SAMPLE", "1") != "0"
    return _Opened(ws, sample, threading.Lock(), [False])


def workspace() -> Workspace:
    """The workspace at the default location (``$KINERJA_HOME`` or ``.kinerja/``).

    The first time a process opens it empty, the bundled sample is imported into it (unless
    ``KINERJA_SAMPLE=0``), file by file, with a progress box (about 2 s); other sessions starting meanwhile
    wait for it.
    """
    opened = _open(str(default_path()))
    if opened.sample and not opened.filled[0]:
        with opened.lock:
            if not opened.filled[0]:
                _fill(opened.ws)
                opened.filled[0] = True
    return opened.ws


class _Counting:
    """A workspace whose :meth:`import_file` first says which sample file it imports (for ``load_sample``)."""

    def __init__(self, ws: Workspace, status: Any, lang: str) -> None:
        self.ws, self.status, self.lang, self.done = ws, status, lang, 0

    def import_file(self, path: Any, **options: Any) -> Any:
        self.done += 1
        self.status.write(t("busy.sample_file", self.lang, name=options.get("name") or Path(path).stem,
                            n=self.done, total=len(SAMPLE_FILES)))
        return self.ws.import_file(path, **options)


def _fill(ws: Workspace) -> None:
    lang = st.session_state.get("lang", "id")  # the URL's language was applied before (see app.py)
    with st.status(t("busy.sample", lang), expanded=False) as status:
        load_sample(_Counting(ws, status, lang))
        status.update(label=t("busy.sample_done", lang), state="complete")


def sample_loaded() -> bool:
    """Whether this process filled the (then empty) workspace with the sample data."""
    return _open(str(default_path())).sample


# Needed: every widget change reruns the page, and reading a large upload again
# for each click would take seconds. Keyed by the spooled path, which is unique
# per upload, so a cached preview never outlives its file's content.
@st.cache_resource(max_entries=16, ttl=3600, show_spinner=False)  # the Data page shows a spinner
def preview(path: str, kind: str, delimiter: str | None, encoding: str | None, sheet: str | None,
            source_name: str) -> Preview:
    """:meth:`kpi.Workspace.preview_file` of an uploaded file, read once per set of options."""
    return workspace().preview_file(path, kind, delimiter=delimiter, encoding=encoding, sheet=sheet,
                                    source_name=source_name)


# ---- KPIs (Overview) -----------------------------------------------------
# Results are keyed by ``fingerprint()``, which changes with every import, delete
# or custom-KPI edit, so a new upload never shows figures of the old data.

Filters = tuple[tuple[str, tuple[str | None, ...]], ...]


class Query(NamedTuple):
    """What a KPI is computed over, as hashable values (``filters``: column -> values, sorted)."""

    grain: str
    start: dt.date
    end: dt.date
    filters: Filters = ()

    def filter_dict(self) -> dict[str, list[str | None]] | None:
        """``filters`` as :meth:`kpi.Workspace.compute` takes them."""
        return {column: list(values) for column, values in self.filters} or None


def fingerprint() -> str:
    """A digest of the workspace's path, datasets and custom KPIs."""
    ws = workspace()
    datasets = [(d.name, d.kind, d.fingerprint, d.rows, str(d.imported_at)) for d in ws.datasets()]
    custom = sorted((m.name, m.formula, m.unit, m.label_id, m.label_en) for m in ws.metrics().values() if m.custom)
    return hashlib.blake2b(repr((ws.path, datasets, custom)).encode(), digest_size=8).hexdigest()


def metrics() -> dict[str, Metric]:
    """The workspace's KPIs (catalog and custom) whose datasets have all been imported."""
    ws = workspace()
    kinds = {d.kind for d in ws.datasets()}
    return {name: m for name, m in ws.metrics().items() if m.datasets and set(m.datasets) <= kinds}


@st.cache_data(max_entries=512, show_spinner=False)
def compute(fp: str, metric: str, query: Query, by: tuple[str, ...] = (), compare: bool = False) -> pd.DataFrame:
    """:meth:`kpi.Workspace.compute`, once per workspace state; raises :class:`kpi.KpiError` as it does."""
    return workspace().compute(metric, query.grain, query.start, query.end, by=list(by),
                               filters=query.filter_dict(), compare=compare)


@st.cache_data(max_entries=256, show_spinner=False)
def sql(fp: str, metric: str, query: Query, by: tuple[str, ...] = ()) -> str:
    """:meth:`kpi.Workspace.sql` for the same arguments as :func:`compute`."""
    return workspace().sql(metric, query.grain, query.start, query.end, by=list(by), filters=query.filter_dict())


@st.cache_data(max_entries=64, show_spinner=False)
def date_span(fp: str, metrics: tuple[str, ...]) -> tuple[dt.date, dt.date] | None:
    """The first and last date of the data the KPIs ``metrics`` read (``None`` when there is none)."""
    spans = [span for span in (workspace().date_range(m) for m in metrics) if span]
    return (min(s[0] for s in spans), max(s[1] for s in spans)) if spans else None


@st.cache_data(max_entries=64, show_spinner=False)
def dimensions(fp: str, metrics: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
    """Columns that can split or filter some of ``metrics`` -> the KPIs that can use them."""
    found: dict[str, list[str]] = {}
    for metric in metrics:
        for column in workspace().dimensions(metric):
            found.setdefault(column, []).append(metric)
    return {column: tuple(names) for column, names in found.items()}


@st.cache_data(max_entries=256, show_spinner=False)
def dimension_values(fp: str, column: str) -> list[str | None]:
    """The values of ``column`` in any dataset that has it, sorted; blank (``None``) last."""
    return workspace().values(column)


# ---- statistics (verdicts on cards, anomalies on the trend chart) ----------
@st.cache_data(max_entries=256, show_spinner=False)
def comparison(fp: str, metric: str, query: Query, current: dt.date, baseline: dt.date) -> stats.Comparison:
    """:meth:`kpi.Workspace.compare` of two ``query.grain`` periods under ``query``'s filters."""
    return workspace().compare(metric, current, baseline, grain=query.grain, filters=query.filter_dict())


@st.cache_data(max_entries=256, show_spinner=False)
def trend(fp: str, metric: str, query: Query) -> stats.TrendResult:
    """:meth:`kpi.Workspace.trend` over ``query``'s periods."""
    return workspace().trend(metric, query.grain, query.start, query.end, filters=query.filter_dict())


@st.cache_data(max_entries=64, show_spinner=False)
def anomalies(fp: str, metric: str, query: Query) -> stats.AnomalyResult:
    """:meth:`kpi.Workspace.anomalies` of the series the trend chart draws."""
    return workspace().anomalies(metric, query.grain, query.start, query.end, filters=query.filter_dict())


# ---- targets and progress ----------------------------------------------------
# Suggestions and progress simulate futures (2,000 draws, a few tenths of a second
# each), so they are cached by everything they depend on; target lists are read
# fresh (one small query). A target is keyed by its id and its timestamps, since
# ``Target`` holds a dict and cannot be hashed; an edit, delete or restore moves them.

TargetStamp = tuple[int, dt.datetime, dt.datetime | None, dt.datetime | None]


def stamp(target: Target) -> TargetStamp:
    """What identifies a version of ``target``: id, created, updated and deleted times."""
    return target.id, target.created_at, target.updated_at, target.deleted_at


@st.cache_data(max_entries=128, show_spinner=False)
def suggestions(fp: str, metric: str, start: dt.date, end: dt.date, filters: Filters, lang: str, grain: str,
                value: float | None) -> list[TargetSuggestion]:
    """:meth:`kpi.Workspace.suggest_targets`; ``filters`` as in :class:`Query`."""
    return workspace().suggest_targets(metric, start, end, dict(filters) or None, lang=lang, grain=grain,
                                       value=value)


@st.cache_data(max_entries=256, show_spinner=False)
def progress(fp: str, target: TargetStamp, as_of: dt.date | None, thresholds: tuple[float, float]) -> Progress:
    """:meth:`kpi.Workspace.progress` of the target ``target[0]`` under ``Thresholds(*thresholds)``."""
    return workspace().progress(target[0], as_of, Thresholds(*thresholds))


# ---- root causes and corrective actions --------------------------------------
# An explanation takes a tenth of a second or so, an effect a few tenths (2,000
# bootstrap draws); both are small and every widget change reruns the page. An
# action is keyed by its id and timestamps, like a target: an edit moves them.

ActionStamp = tuple[int, dt.datetime, dt.datetime | None, dt.datetime | None]
Span = tuple[dt.date, dt.date]


def action_stamp(action: Action) -> ActionStamp:
    """What identifies a version of ``action``: id, created, updated and deleted times."""
    return action.id, action.created_at, action.updated_at, action.deleted_at


# A resource, not data: the report holds charts and frames that the writers only read, and a copy per
# download would cost more than the build (0.2-1.5 s on the sample).
@st.cache_resource(max_entries=8, ttl=3600, show_spinner=False)
def report(fp: str, metrics: tuple[str, ...], query: Query, lang: str) -> kpi_report.Report:
    """:func:`kpi.report.build` for the Overview's KPIs, span and filters, in ``lang``."""
    return kpi_report.build(workspace(), metrics, query.start, query.end, grain=query.grain,
                            filters=query.filter_dict(), lang=lang)


@st.cache_data(max_entries=128, show_spinner=False)
def explanation(fp: str, metric: str, current: Span | None, baseline: str | Span, target: TargetStamp | None,
                filters: Filters | None, by: tuple[str, ...], depth: int) -> Explanation:
    """:meth:`kpi.Workspace.explain`; ``target`` as in :func:`stamp`, ``filters`` as in :class:`Query`
    (``None``: a target's own filters)."""
    return workspace().explain(metric, current, baseline, target=None if target is None else target[0], by=list(by),
                               filters=None if filters is None else {column: list(v) for column, v in filters},
                               depth=depth)


@st.cache_data(max_entries=128, show_spinner=False)
def action_effect(fp: str, action: ActionStamp, as_of: dt.date | None = None) -> ActionEffect:
    """:meth:`kpi.Workspace.action_effect` of the action ``action[0]``."""
    return workspace().action_effect(action[0], as_of)
