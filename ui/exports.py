"""Downloads of what a page shows: the KPI report (HTML, PDF, Excel), its summary as CSV, a chart as PNG.

Each file is made when its button is clicked (Streamlit runs the callable then,
on its own thread), so drawing the page costs nothing; the report behind the
files is built once per view and language (:func:`ui.cache.report`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import streamlit as st

from kpi import report
from kpi.report import Report
from ui import cache
from ui.text import t

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# A spreadsheet set to Indonesian splits a CSV on ";" and reads "," as the decimal mark.
CSV_STYLE = {"id": {"sep": ";", "decimal": ","}, "en": {"sep": ",", "decimal": "."}}
# format -> (file suffix, MIME type, writer); CSV is the summary table, neutralised like every export.
FORMATS: dict[str, tuple[str, str, Callable[[Report], bytes]]] = {
    "html": ("html", "text/html", lambda rep: report.to_html(rep).encode("utf-8")),
    "pdf": ("pdf", "application/pdf", report.to_pdf),
    "xlsx": ("xlsx", XLSX, report.to_excel),
    "csv": ("csv", "text/csv", lambda rep: report.to_csv(rep.cards, **CSV_STYLE[rep.lang])),
}


def report_downloads(fp: str, metrics: Sequence[str], query: cache.Query, lang: str, key: str) -> None:
    """One download button per format for the KPI report of ``metrics`` over ``query``'s span and filters."""
    st.caption(t("ex.intro", lang))
    stem = f"kinerja_{query.start:%Y%m%d}_{query.end:%Y%m%d}_{lang}"
    for slot, (fmt, (suffix, mime, write)) in zip(st.columns(len(FORMATS)), FORMATS.items()):
        slot.download_button(t(f"ex.{fmt}", lang), data=_deferred(write, fp, tuple(metrics), query, lang),
                             file_name=f"{stem}.{suffix}", mime=mime, key=f"{key}.{fmt}", on_click="ignore",
                             icon=":material/download:", width="stretch")


def chart_download(chart: Any, name: str, lang: str, key: str) -> None:
    """A button that saves ``chart`` as a PNG image (drawn with vl-convert when clicked)."""
    st.download_button(t("ex.png", lang), data=lambda: report.chart_png(chart), file_name=f"{name}.png",
                       mime="image/png", key=key, on_click="ignore", icon=":material/image:")


def _deferred(write: Callable[[Report], bytes], fp: str, metrics: tuple[str, ...], query: cache.Query,
              lang: str) -> Callable[[], bytes]:
    def make() -> bytes:
        return write(cache.report(fp, metrics, query, lang))
    return make
