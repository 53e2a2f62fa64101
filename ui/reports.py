"""Draw what :mod:`kpi` returns: the dataset list, a file preview, an import result and its quality report."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import pandas as pd
import streamlit as st

from kpi import KINDS, ROLES, Dataset, ImportResult, Preview, QualityItem, QualityReport, Workspace
from kpi.i18n import message
from ui import feedback
from ui.text import number, percent, t

_RESULT = "{key}.result"
_FORMATS = {"csv": "CSV", "csv.gz": "CSV (gzip)", "excel": "Excel", "parquet": "Parquet", "json": "JSON"}


def workspace_summary(ws: Workspace, lang: str) -> None:
    """The sidebar note: where the workspace lives and how many datasets it holds."""
    st.sidebar.caption(f"{t('side.workspace', lang)}: `{ws.path}`")
    st.sidebar.caption(t("side.datasets", lang, n=number(len(ws.datasets()), lang)))


def dataset_list(datasets: Sequence[Dataset], lang: str) -> None:
    """One row per dataset: name, kind, rows, rejected, source file, import time."""
    if not datasets:
        st.info(t("data.none", lang))
        return
    frame = pd.DataFrame({
        t("col.name", lang): [d.name for d in datasets],
        t("col.kind", lang): [KINDS[d.kind].label(lang) if d.kind in KINDS else d.kind for d in datasets],
        # Counts as text, so that the grouping follows the app's language rather than the browser's.
        t("col.rows", lang): [number(d.rows, lang) for d in datasets],
        t("col.rejected", lang): [number(d.rejected, lang) for d in datasets],
        t("col.source", lang): [d.source for d in datasets],
        t("col.imported_at", lang): [d.imported_at for d in datasets],
    })
    st.dataframe(frame, hide_index=True, column_config={
        t("col.imported_at", lang): st.column_config.DatetimeColumn(format="DD-MM-YYYY HH:mm"),
        t("col.rows", lang): st.column_config.TextColumn(alignment="right"),
        t("col.rejected", lang): st.column_config.TextColumn(alignment="right"),
    })


def preview(prev: Preview, lang: str) -> None:
    """How the file was read, its first rows, and the reader's warnings."""
    opts = prev.options
    details = "".join(t(f"prev.{name}", lang, value=_shown(opts[name]))
                      for name in ("delimiter", "encoding", "sheet") if opts.get(name))
    st.caption(t("prev.summary", lang, file=prev.file, rows=number(prev.rows, lang), cols=len(prev.columns),
                 format=_FORMATS.get(opts.get("format"), str(opts.get("format"))), details=details))
    if prev.rejected:
        st.warning(t("prev.rejected", lang, n=number(prev.rejected, lang)), icon=":material/warning:")
    feedback.show_warnings(prev.warnings, lang)
    # An empty cell of the file shows empty, not as an English "None".
    st.dataframe(prev.sample.rename(columns=_internal_names(lang)).astype(object).fillna(""), hide_index=True)


def remember(key: str, token: str, result: ImportResult) -> None:
    """Keep ``result`` for the upload ``token``, so it survives the rerun that refreshes the page."""
    st.session_state[_RESULT.format(key=key)] = (token, result)


def recalled(key: str, token: str) -> ImportResult | None:
    """The result kept by :func:`remember` for this upload, if any."""
    kept = st.session_state.get(_RESULT.format(key=key))
    return kept[1] if kept and kept[0] == token else None


def import_steps(prev: Preview, lang: str, run: Callable[[], ImportResult | None]) -> ImportResult | None:
    """``run()`` (an import of the previewed file) in a status box that names its steps as they happen.

    :meth:`kpi.Workspace.import_file` reads, converts and writes in one transaction and then reports on
    quality, without a progress callback; so the box shows the preview's reading as step 1, the whole call
    as step 2, and the quality report it returned as step 3.
    """
    with st.status(t("up.running", lang, file=prev.file), expanded=True) as box:
        box.write(t("busy.import_read", lang, rows=number(prev.rows, lang), cols=len(prev.columns)))
        box.write(t("busy.import_write", lang))
        result = run()
        if result is None:  # the error is shown inside the box
            box.update(label=t("busy.import_failed", lang, file=prev.file), state="error")
            return None
        box.write(t("busy.import_written", lang, rows=number(result.rows, lang)))
        box.write(t("busy.import_quality", lang, n=len(result.quality.items)))
        box.update(label=t("busy.import_done", lang, file=prev.file), state="complete", expanded=False)
    return result


def import_result(res: ImportResult, lang: str) -> None:
    """Rows imported and kept out, warnings, the rejected rows, the conventions used, then the quality report."""
    st.success(t("res.success", lang, rows=number(res.rows, lang), name=res.dataset.name, file=res.dataset.source),
               icon=":material/check_circle:")
    read_as = _read_as(res.options, lang)
    if read_as:
        st.caption(t("res.read_as", lang, details=read_as))
    feedback.show_warnings(res.warnings, lang)
    if res.rejected:
        st.warning(t("res.rejected", lang, n=number(res.rejected, lang)), icon=":material/block:")
        with st.expander(t("res.rejected_title", lang), expanded=True):
            st.dataframe(rejected_frame(res.rejected_sample, res.dataset.mapping, lang), hide_index=True)
    quality_report(res.quality, lang, res.dataset.mapping)


def rejected_frame(sample: pd.DataFrame, mapping: dict[str, str], lang: str) -> pd.DataFrame:
    """The rejected rows with the file's own column names and reasons in ``lang``."""
    return pd.DataFrame({
        t("col.line", lang): sample["line"].tolist(),
        t("col.column", lang): [_column(c, mapping) for c in sample["column"].tolist()],
        t("col.value", lang): [None if pd.isna(v) else str(v) for v in sample["value"].tolist()],
        t("col.reason", lang): ["" if pd.isna(r) else message(f"reason_{r}", lang)
                                for r in sample["reason"].tolist()],
    })


def quality_report(report: QualityReport, lang: str, mapping: dict[str, str] | None = None) -> None:
    """Each finding: its meaning in ``lang``, count and share, and example rows in an expander.

    ``mapping`` (role -> file column) lets the heading name the column as the file calls it.
    """
    st.subheader(t("q.title", lang))
    if not report.items:
        st.success(t("q.ok", lang), icon=":material/verified:")
        return
    st.caption(t("q.summary", lang, n=len(report.items), rows=number(report.rows, lang)))
    for item in report.items:
        _quality_item(item, lang, mapping or {})


def _quality_item(item: QualityItem, lang: str, mapping: dict[str, str]) -> None:
    unit = "q.days" if item.code == "date_gaps" else "q.rows"
    head = f"**{t(f'check.{item.code}', lang)}**"
    if item.column:
        head += f" · `{_column(item.column, mapping)}`"
    head += " · " + t(unit, lang, count=number(item.count, lang), share=percent(item.share, lang))
    box = st.warning if item.severity == "warning" else st.info
    box(f"{head}\n\n{item.meaning(lang)}", icon=":material/warning:" if item.severity == "warning"
        else ":material/info:")
    if item.examples is not None and not item.examples.empty:
        with st.expander(t("q.examples", lang, n=len(item.examples))):
            st.dataframe(item.examples.rename(columns=_example_names(item, mapping, lang)), hide_index=True)


def _read_as(options: dict[str, Any], lang: str) -> str:
    parts = []
    if options.get("delimiter"):
        parts.append(t("prev.delimiter", lang, value=_shown(options["delimiter"])).lstrip(", "))
    if options.get("decimal"):
        parts.append(t("res.decimal", lang, value=options["decimal"]))
    if options.get("date_order") in ("day-first", "month-first"):
        parts.append(t(f"res.{options['date_order']}", lang))
    return ", ".join(parts)


def _example_names(item: QualityItem, mapping: dict[str, str], lang: str) -> dict[str, str]:
    """Column names for a finding's example rows: kpi names them by role (``amount``) or, for days without
    data, ``start, end, days``; the user knows the file's own headers and their language's words."""
    roles = {role: mapping.get(role) or info.label(lang) for role, info in ROLES.items()}
    gaps = {name: t(f"q.col.{name}", lang) for name in ("start", "end", "days")} if item.code == "date_gaps" else {}
    return {**roles, **gaps, **_internal_names(lang)}


def _internal_names(lang: str) -> dict[str, str]:
    """Readable names for the bookkeeping columns kpi adds (``_line``, ``_robust_z``...)."""
    return {"_line": t("prev.line", lang), "_first_line": t("q.first_line", lang),
            "_robust_z": t("q.robust_z", lang)}


def _shown(value: Any) -> str:
    return {"\t": "tab"}.get(value, str(value))


def _column(role: Any, mapping: dict[str, str]) -> str:
    """A reject's column: kpi reports the role (``amount``); the user knows the file's name (``Total``)."""
    if role is None or role != role:
        return ""
    column = mapping.get(str(role))
    return f"{column} ({role})" if column and column != role else str(role)
