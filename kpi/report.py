"""The KPI report of a period: cards, trends, targets and findings, exported as HTML, PDF, PNG, Excel and CSV.

:func:`build` gathers everything a report shows into a :class:`Report` (plain
DataFrames and texts, no rendering); the writers turn it into files:
:func:`to_html` (one self-contained page), :func:`to_pdf` (fpdf2),
:func:`to_excel` (xlsxwriter) and, for any single table, :func:`to_csv`.
:func:`chart_png` renders any Altair chart with vl-convert. The writers live in
:mod:`kpi.report_html`, :mod:`kpi.report_pdf` and :mod:`kpi.report_tables`
and are re-exported here.

Spreadsheet formula injection: a segment name or note comes from a user's file,
and a cell such as ``=cmd|' /C calc'!A0`` would run as a formula when a CSV or
workbook is opened. :func:`neutralize` (applied by :func:`to_csv` and
:func:`to_excel`) prefixes every text cell starting with ``=``, ``+``, ``-``,
``@``, a tab or a carriage return with a single quote (OWASP's advice);
numbers stay numbers.

Examples
--------
>>> import pandas as pd
>>> from kpi import report
>>> report.neutralize(pd.DataFrame({"segment": ["=1+1", "Shopee"], "change": [-5, 3]}))
  segment  change
0   '=1+1      -5
1  Shopee       3
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import pandas as pd

from kpi.compiler import to_date
from kpi.errors import KpiError, QueryError
from kpi.formats import change, format_change, format_period
from kpi.i18n import message
from kpi.metrics import Metric, lookup
from kpi.periods import GRAINS, last_year_start, period_end, period_of, previous_start, whole_periods
from kpi.report_html import chart_png, to_html
from kpi.report_pdf import to_pdf
from kpi.report_tables import neutralize, to_csv, to_excel

if TYPE_CHECKING:
    import altair as alt

    from kpi.progress import Progress
    from kpi.targets import Target
    from kpi.workspace import Workspace

__all__ = ["DEFAULT_PERIODS", "EXPLAINED_STATUSES", "Report", "build", "chart_png", "neutralize", "to_csv",
           "to_excel", "to_html", "to_pdf"]

LANGS = ("id", "en")
#: How many whole periods a report covers when ``start`` is not given: a week of days, four weeks,
#: a quarter of months, a year of quarters, two years.
DEFAULT_PERIODS: dict[str, int] = {"day": 7, "week": 4, "month": 3, "quarter": 4, "year": 2}
#: Progress statuses whose targets the findings explain.
EXPLAINED_STATUSES: tuple[str, ...] = ("behind", "missed")
# Explanations that cannot be made for a KPI or target become a note instead of failing the report:
# the KPI is not a sum over rows, or the data has no baseline (a business with less than a year of data).
_NOT_SPLITTABLE = frozenset({"explain_not_supported", "explain_not_linear"})
_UNEXPLAINABLE = _NOT_SPLITTABLE | {"explain_no_baseline", "explain_no_current", "explain_no_data",
                                    "explain_target_not_started"}
CARD_COLUMNS = ["metric", "label", "unit", "period", "value", "previous", "last_year", "vs_previous",
                "vs_last_year", "value_text", "vs_previous_text", "vs_last_year_text"]
TARGET_COLUMNS = ["id", "metric", "label", "segment", "owner", "note", "start", "end", "unit", "target", "actual",
                  "expected", "attainment", "projected", "probability", "status", "status_text"]
FINDING_COLUMNS = ["metric", "label", "target", "heading", "rank", "segment", "dimension", "sentence", "change",
                   "share_of_change", "qvalue"]


@dataclass(frozen=True, eq=False)
class Report:
    """Everything a KPI report shows, for one span, grain, filter and language. Make one with :func:`build`.

    Attributes
    ----------
    title, lang
        The report's title and language (``"id"`` or ``"en"``).
    start, end
        The span reported, inclusive dates.
    grain
        ``day``, ``week``, ``month``, ``quarter`` or ``year``.
    filters
        The filters every KPI was computed under (``None``: all data).
    generated_at
        When the report was built (local time, to the second).
    metrics
        The KPIs reported, in order (:class:`kpi.metrics.Metric`).
    cards
        One row per KPI: ``metric, label, unit, period`` (the first day of the span's last period),
        ``value, previous, last_year`` (the KPI in that period, the one before and the same period a
        year earlier; NaN when that period starts before the KPI's first data), ``vs_previous,
        vs_last_year`` (the changes as :func:`kpi.formats.change` reads them: relative for sums, counts
        and ratios, percentage points for percentages, points for NPS), and their texts ``value_text,
        vs_previous_text, vs_last_year_text`` (``Rp1.234.567``, ``+4,1%``, ``-1,2 poin``).
    trends
        KPI name -> :meth:`kpi.Workspace.compute` over the span at ``grain`` with ``compare=True``:
        ``period, value`` (+ ``numerator, denominator`` for ratios) and the ``previous`` and
        ``last_year`` columns.
    targets
        One row per target of a reported KPI whose span overlaps the report's: ``id, metric, label``
        (the KPI and the target's segment), ``segment, owner, note, start, end, unit, target`` (the
        value to reach), and :class:`kpi.progress.Progress` as of ``end``: ``actual, expected,
        attainment, projected, probability, status`` (a code of :data:`kpi.progress.STATUSES`) and
        ``status_text`` (the status in words).
    findings
        The top findings of each explanation: ``metric, label, target`` (the target's id, or NA when a
        KPI was explained), ``heading`` (the key of ``narratives``), ``rank`` (1 = clearest),
        ``segment`` (``"Instagram, Jawa Barat"``), ``dimension``, ``sentence``, ``change``,
        ``share_of_change``, ``qvalue``. With targets in the report, each target whose status is in
        :data:`EXPLAINED_STATUSES` is explained against its plan; without targets, each KPI against
        the same span a year earlier.
    narratives
        Heading (a KPI's label, or a target's label and number) -> the explanation in a few sentences.
    notes
        What the report left out and why (a KPI that cannot be split over segments, a KPI with no
        data a year earlier...).
    """

    title: str
    lang: str
    start: dt.date
    end: dt.date
    grain: str
    filters: dict[str, Any] | None
    generated_at: dt.datetime
    metrics: tuple[Metric, ...]
    cards: pd.DataFrame
    trends: dict[str, pd.DataFrame]
    targets: pd.DataFrame
    findings: pd.DataFrame
    narratives: dict[str, str]
    notes: tuple[str, ...] = ()

    def metric(self, name: str) -> Metric:
        """The reported KPI called ``name``."""
        return next(m for m in self.metrics if m.name == name)

    def charts(self) -> dict[str, alt.Chart | alt.LayerChart]:
        """KPI name -> its trend over the span, drawn by :func:`kpi.charts.trend_chart` (as in the app)."""
        from kpi import charts

        return {name: charts.trend_chart(frame, metric=self.metric(name), lang=self.lang, grain=self.grain)
                for name, frame in self.trends.items()}

    def period_text(self) -> str:
        """The span in words: ``Agu 2026 – Okt 2026`` when it is whole periods, else its first and last day."""
        whole = self.start == period_of(self.start, self.grain) and self.end == period_end(self.end, self.grain)
        grain = self.grain if whole and self.grain not in ("day", "week") else "day"
        first = format_period(self.start, grain, self.lang)
        last = format_period(period_of(self.end, grain) if grain != "day" else self.end, grain, self.lang)
        return first if first == last else f"{first} – {last}"

    def period_line(self) -> str:
        """``Periode Agu 2026 – Okt 2026 (bulanan)``."""
        return message("report_period", self.lang, period=self.period_text(),
                       grain=message(f"report_grain_{self.grain}", self.lang))

    def filters_text(self, prefix: bool = True) -> str:
        """``Filter: kanal: Shopee, Tokopedia; provinsi: Jawa Barat`` (blank values as ``(kosong)``)."""
        blank = message("report_blank", self.lang)
        parts = []
        for column, values in (self.filters or {}).items():
            values = values if isinstance(values, list | tuple | set) else [values]
            parts.append(f"{column}: " + ", ".join(blank if v is None else str(v) for v in values))
        text = "; ".join(parts) or message("report_all_data", self.lang)
        return message("report_filters", self.lang, filters=text) if prefix else text

    def generated_text(self) -> str:
        """``Dibuat 3 Nov 2026 09:15 dengan Kinerja.``"""
        stamp = f"{format_period(self.generated_at, 'day', self.lang)} {self.generated_at:%H:%M}"
        return message("report_generated", self.lang, at=stamp)


def build(ws: Workspace, metrics: Iterable[str | Metric] | str | None = None, start: Any = None, end: Any = None,
          grain: str = "month", filters: Mapping[str, Any] | None = None, lang: str = "id", findings: int = 3, *,
          title: str | None = None) -> Report:
    """The KPI report of ``start..end`` at ``grain``: cards, trends, targets and findings.

    Parameters
    ----------
    ws
        The workspace.
    metrics
        KPI names (or :class:`kpi.metrics.Metric`); ``None``: every KPI of ``ws.metrics()`` whose
        datasets are imported (what the app's Overview offers), running totals left out.
    start, end
        Inclusive dates (``"YYYY-MM-DD"``, ``datetime.date`` or ``pandas.Timestamp``). By default the
        report ends with the last whole ``grain`` period of the KPIs' data and covers
        :data:`DEFAULT_PERIODS` periods (the last 3 whole months at ``grain="month"``), never starting
        before the data's first whole period; given only ``end``, it covers that many periods up to it.
    grain
        ``day``, ``week``, ``month``, ``quarter`` or ``year``.
    filters
        ``{column: value or [values]}`` applied to every KPI, as in :meth:`kpi.Workspace.compute`.
    lang
        ``"id"`` or ``"en"``: the report's words and number formats.
    findings
        How many findings to keep per explanation; 0 explains nothing.
    title
        The report's title; default "Laporan KPI" / "KPI report".

    Returns
    -------
    Report
        See :class:`Report` for its fields and the columns of its tables.

    Raises
    ------
    UnknownMetricError
        A KPI in ``metrics`` that the workspace does not know.
    QueryError
        A bad ``grain``, date, ``lang``, ``filters`` or ``findings``; ``start`` after ``end``; no KPI or
        no data.
    KpiError
        A KPI named in ``metrics`` that cannot be computed, as :meth:`kpi.Workspace.compute` raises it
        (its dataset is missing, a filter names an unknown column). With ``metrics=None`` such a KPI
        is left out and named in ``notes`` instead.

    Examples
    --------
    >>> import kpi
    >>> from kpi import report
    >>> ws = kpi.Workspace.open(":memory:")
    >>> report.build(ws, ["revenue"], grain="fortnight")
    Traceback (most recent call last):
    ...
    kpi.errors.QueryError: `grain` cannot be 'fortnight': use one of day, week, month, quarter, year.
    """
    if lang not in LANGS:
        raise QueryError("report_bad_lang", value=lang)
    if grain not in GRAINS:
        raise QueryError("bad_grain", value=grain)
    if isinstance(findings, bool) or not isinstance(findings, int) or findings < 0:
        raise QueryError("report_bad_findings", value=findings)
    if filters is not None and not isinstance(filters, Mapping):
        raise QueryError("report_bad_filters", value=type(filters).__name__)
    chosen = _metrics(ws, metrics)
    lo, hi = _span(ws, chosen, grain, start, end)
    filters = dict(filters) if filters else None
    cards, trends, kept, notes = _cards(ws, chosen, grain, lo, hi, filters, lang, strict=metrics is not None)
    targets, behind = _targets(ws, kept, lo, hi, lang)
    if targets.empty:
        jobs = [(m.label(lang), m, None) for m in kept]
    else:
        jobs = [(message("report_target_heading", lang, label=row["label"], id=int(row["id"])),
                 next(m for m in kept if m.name == row["metric"]), t) for t, row in behind]
    table, narratives, skipped = _findings(ws, jobs, lo, hi, filters, findings, lang)
    return Report(title=title or message("report_title", lang), lang=lang, start=lo, end=hi, grain=grain,
                  filters=filters, generated_at=dt.datetime.now().replace(microsecond=0), metrics=kept,
                  cards=cards, trends=trends, targets=targets, findings=table, narratives=narratives,
                  notes=tuple(notes + skipped))


def _metrics(ws: Workspace, metrics: Iterable[str | Metric] | str | None) -> tuple[Metric, ...]:
    """The KPIs to report, without duplicates, in the order given."""
    if metrics is None:
        # As the Overview offers them (ui/cache.metrics): every KPI whose datasets are all imported.
        # Running totals are left out: their "previous period" is not a like-for-like comparison.
        kinds = {d.kind for d in ws.datasets()}
        found = tuple(m for m in ws.metrics().values()
                      if m.datasets and set(m.datasets) <= kinds and not m.cumulative)
        if not found:
            raise QueryError("report_no_kpis")
        return found
    names = [metrics] if isinstance(metrics, str | Metric) else list(metrics)
    if not names:
        raise QueryError("report_no_metrics")
    custom = ws.custom_metrics()
    chosen = {m.name: m for m in (lookup(name, custom) for name in names)}
    return tuple(chosen.values())


def _span(ws: Workspace, chosen: tuple[Metric, ...], grain: str, start: Any,
          end: Any) -> tuple[dt.date, dt.date]:
    """``start..end`` as dates, the defaults filled in from the data (see :func:`build`)."""
    lo, hi = to_date(start, "start"), to_date(end, "end")
    if lo is None or hi is None:
        spans = [s for s in (ws.date_range(m) for m in chosen) if s]
        if not spans:
            raise QueryError("report_no_data", metrics=", ".join(f"`{m.name}`" for m in chosen))
        data = min(s[0] for s in spans), max(s[1] for s in spans)
        first, last = whole_periods(data[0], data[1], grain)
        if first > last:  # less than one whole period of data: report all of it
            first, last = data
        if hi is None:
            hi = last if lo is None or lo <= last else data[1]
        if lo is None:
            lo = period_of(hi, grain)
            for _ in range(DEFAULT_PERIODS[grain] - 1):
                lo = previous_start(lo, grain)
            if lo < first <= hi:
                lo = first
    if lo > hi:
        raise QueryError("start_after_end", start=lo.isoformat(), end=hi.isoformat())
    return lo, hi


def _cards(ws: Workspace, chosen: tuple[Metric, ...], grain: str, start: dt.date, end: dt.date,
           filters: dict[str, Any] | None, lang: str,
           strict: bool) -> tuple[pd.DataFrame, dict[str, pd.DataFrame], tuple[Metric, ...], list[str]]:
    """The cards and trends; a KPI that cannot be computed is an error when asked for by name, else a note."""
    rows, trends, kept, notes = [], {}, [], []
    for m in chosen:
        try:
            frame = ws.compute(m, grain, start, end, filters=filters, compare=True)
        except KpiError as exc:
            if strict:
                raise
            notes.append(message("report_kpi_skipped", lang, label=m.label(lang), reason=exc.message(lang)))
            continue
        trends[m.name] = frame
        kept.append(m)
        rows.append(_card(ws, m, frame, grain, end, lang))
    return pd.DataFrame(rows, columns=CARD_COLUMNS), trends, tuple(kept), notes


def _card(ws: Workspace, m: Metric, frame: pd.DataFrame, grain: str, end: dt.date, lang: str) -> dict[str, Any]:
    """The last period's value and its comparisons, as the app's KPI cards read them (ui/cards.py).

    A comparison with a period that starts before the KPI's first data is left out: that period is
    partly or wholly missing, and a change against it would read as growth that did not happen.
    """
    last = frame.iloc[-1] if not frame.empty else pd.Series(dtype=object)
    period = pd.Timestamp(last.get("period", period_of(end, grain)))
    value, previous, last_year = (_number(last.get(c)) for c in ("value", "previous", "last_year"))
    data = ws.date_range(m)
    day = period.date()
    if data is None or previous_start(day, grain) < data[0]:
        previous = math.nan
    if data is None or last_year_start(day, grain) < data[0]:
        last_year = math.nan
    return {"metric": m.name, "label": m.label(lang), "unit": m.unit, "period": period, "value": value,
            "previous": previous, "last_year": last_year, "vs_previous": change(value, previous, m.unit),
            "vs_last_year": change(value, last_year, m.unit), "value_text": m.format(value, lang),
            "vs_previous_text": format_change(value, previous, m.unit, lang),
            "vs_last_year_text": format_change(value, last_year, m.unit, lang)}


def _number(value: Any) -> float:
    return math.nan if value is None or pd.isna(value) else float(value)


def _targets(ws: Workspace, kept: tuple[Metric, ...], start: dt.date, end: dt.date,
             lang: str) -> tuple[pd.DataFrame, list[tuple[Target, dict[str, Any]]]]:
    """The targets of the reported KPIs overlapping ``start..end``, with their progress as of ``end``."""
    known = {m.name: m for m in kept}
    rows, behind = [], []
    for t in ws.targets():
        if t.metric not in known or t.start > end or t.end < start:
            continue
        row = _target_row(t, ws.progress(t, as_of=end), known[t.metric], lang)
        rows.append(row)
        if row["status"] in EXPLAINED_STATUSES:
            behind.append((t, row))
    return pd.DataFrame(rows, columns=TARGET_COLUMNS), behind


def _target_row(t: Target, p: Progress, m: Metric, lang: str) -> dict[str, Any]:
    label = f"{m.label(lang)} · {t.segment}" if t.filters else m.label(lang)
    return {"id": t.id, "metric": t.metric, "label": label, "segment": t.segment, "owner": t.owner, "note": t.note,
            "start": t.start, "end": t.end, "unit": m.unit, "target": float(t.value), "actual": p.actual,
            "expected": p.expected, "attainment": p.attainment, "projected": p.projected,
            "probability": p.probability, "status": p.status, "status_text": message(f"status_{p.status}", lang)}


def _findings(ws: Workspace, jobs: list[tuple[str, Metric, Target | None]], start: dt.date, end: dt.date,
              filters: dict[str, Any] | None, top: int,
              lang: str) -> tuple[pd.DataFrame, dict[str, str], list[str]]:
    """Explain each job (a target against its plan, or a KPI against last year); keep the ``top`` findings."""
    rows, narratives, notes = [], {}, []
    for heading, m, t in jobs if top else []:
        try:
            if t is not None:
                e = ws.explain(target=t.id, as_of=end)
            else:
                e = ws.explain(m, current=(start, end), baseline="last_year", filters=filters)
        except QueryError as exc:
            if exc.code not in _UNEXPLAINABLE:
                raise
            notes.append(message("report_not_splittable", lang, label=heading) if exc.code in _NOT_SPLITTABLE
                         else message("report_not_explained", lang, label=heading, reason=exc.message(lang)))
            continue
        narratives[heading] = e.narrative(lang, top=top)
        for rank, f in enumerate(e.findings[:top], start=1):
            rows.append({"metric": m.name, "label": m.label(lang), "target": None if t is None else t.id,
                         "heading": heading, "rank": rank, "segment": f.label, "dimension": f.dimension,
                         "sentence": f.sentence(lang), "change": f.change, "share_of_change": f.share_of_change,
                         "qvalue": f.qvalue})
    table = pd.DataFrame(rows, columns=FINDING_COLUMNS)
    table["target"] = table["target"].astype("Int64")
    return table, narratives, notes
