"""The workspace: one DuckDB file holding the imported datasets and the app's own tables.

One process owns the file. Every :class:`Workspace` opened on the same path in
a process shares one DuckDB connection and one write lock; each call takes its
own cursor (DuckDB connections are not thread-safe, cursors are), so many
Streamlit sessions can read while one writes. Writes run in a transaction:
a failed import leaves every dataset as it was.
"""

from __future__ import annotations

import datetime as dt
import os
import threading
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import duckdb
import pandas as pd

from kpi.datasets import Dataset, ImportResult, Preview, read_dataset, read_datasets
from kpi.errors import FormulaError, QueryError, UnknownDatasetError, WorkspaceError
from kpi.importing import ImportMethods
from kpi.metrics import CATALOG, Metric, define, delete_custom, load_custom, lookup, save_custom
from kpi.planning import PlanningMethods
from kpi.quality import QualityReport, quality_report
from kpi.schema import migrate
from kpi.sql import table_ref, transaction
from kpi.tracking import ActionMethods

if TYPE_CHECKING:
    from kpi import stats
    from kpi.rootcause import Explanation

__all__ = ["Dataset", "ImportResult", "Preview", "Workspace", "default_path", "read_dataset"]

_OPEN: dict[str, tuple[duckdb.DuckDBPyConnection, threading.RLock, list[int]]] = {}
_OPEN_LOCK = threading.Lock()


def default_path() -> Path:
    """``$KINERJA_HOME/workspace.duckdb``, else ``.kinerja/workspace.duckdb`` under the working directory."""
    home = os.environ.get("KINERJA_HOME")
    folder = Path(home) if home else Path.cwd() / ".kinerja"
    return folder / "workspace.duckdb"


def _connect(path: str) -> tuple[duckdb.DuckDBPyConnection, threading.RLock, list[int]]:
    with _OPEN_LOCK:
        if path != ":memory:" and path in _OPEN:
            entry = _OPEN[path]
            entry[2][0] += 1
            return entry
        if path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        try:
            # A missing extension must fail at once, not after a network time-out.
            con = duckdb.connect(path, config={"autoinstall_known_extensions": False})
        except duckdb.Error as exc:
            raise WorkspaceError("workspace_open_failed", path=path, reason=str(exc).splitlines()[0]) from exc
        entry = (con, threading.RLock(), [1])
        if path != ":memory:":
            _OPEN[path] = entry
        return entry


class Workspace(ImportMethods, PlanningMethods, ActionMethods):
    """A Kinerja workspace. Use :meth:`open`.

    Examples
    --------
    >>> ws = Workspace.open(":memory:")
    >>> ws.datasets()
    []
    """

    def __init__(self, path: str, con: duckdb.DuckDBPyConnection, lock: threading.RLock,
                 refs: list[int]) -> None:
        self.path = path
        self._con = con
        self._lock = lock
        self._refs = refs
        self._closed = False

    @classmethod
    def open(cls, path: str | os.PathLike[str] | None = None) -> Workspace:
        """Open (creating on first use) the workspace at ``path``; ``":memory:"`` for a throwaway one."""
        key = ":memory:" if str(path) == ":memory:" else str(Path(path or default_path()).resolve())
        con, lock, refs = _connect(key)
        ws = cls(key, con, lock, refs)
        with lock:
            migrate(ws.cursor())
        return ws

    def close(self) -> None:
        """Release this handle; the file closes when the last handle in the process does."""
        if self._closed:
            return
        self._closed = True
        with _OPEN_LOCK:
            self._refs[0] -= 1
            if self._refs[0] <= 0:
                _OPEN.pop(self.path, None)
                self._con.close()

    def __enter__(self) -> Workspace:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Workspace({self.path!r})"

    def cursor(self) -> duckdb.DuckDBPyConnection:
        """A fresh cursor: use one per call or per thread."""
        if self._closed:
            raise WorkspaceError("workspace_closed", path=self.path)
        return self._con.cursor()

    # ---- catalog ---------------------------------------------------------
    def datasets(self) -> list[Dataset]:
        """Every imported dataset, by name."""
        return read_datasets(self.cursor())

    def dataset(self, name: str) -> Dataset:
        """The dataset called ``name``; :class:`UnknownDatasetError` if there is none."""
        found = read_dataset(self.cursor(), name)
        if found is None:
            known = ", ".join(f"`{d.name}`" for d in self.datasets()) or "(none yet)"
            raise UnknownDatasetError("unknown_dataset", name=name, known=known)
        return found

    def table(self, name: str, limit: int | None = None) -> pd.DataFrame:
        """The rows of dataset ``name`` (all, or the first ``limit``) as a DataFrame."""
        self.dataset(name)
        sql = f"SELECT * FROM {table_ref(name)} ORDER BY _line"
        if limit is not None:
            return self.cursor().execute(sql + " LIMIT ?", [int(limit)]).df()
        return self.cursor().execute(sql).df()

    def rejects(self, name: str) -> pd.DataFrame:
        """Rows of the last import of ``name`` that were kept out: ``line, column, value, reason``."""
        self.dataset(name)
        return self.cursor().execute(
            'SELECT line, "column", value, reason FROM kinerja_rejects WHERE dataset = ? ORDER BY line',
            [name]).df()

    def quality(self, name: str, today: dt.date | None = None) -> QualityReport:
        """The data-quality report of dataset ``name``."""
        ds = self.dataset(name)
        roles = set(ds.mapping) | ({"amount"} if ds.kind == "orders" else set())
        return quality_report(self.cursor(), table_ref(name), ds.kind, roles=roles, today=today,
                              names=ds.mapping)

    def drop_dataset(self, name: str) -> None:
        """Delete dataset ``name`` and its rejects."""
        self.dataset(name)
        with self._lock, transaction(self.cursor()) as cur:
            cur.execute(f"DROP TABLE IF EXISTS {table_ref(name)}")
            cur.execute("DELETE FROM kinerja_datasets WHERE name = ?", [name])
            cur.execute("DELETE FROM kinerja_rejects WHERE dataset = ?", [name])

    # ---- KPIs ------------------------------------------------------------
    def metrics(self) -> dict[str, Metric]:
        """Every KPI this workspace knows: :data:`kpi.CATALOG` and the custom ones."""
        return {**CATALOG, **self.custom_metrics()}

    def custom_metrics(self) -> dict[str, Metric]:
        """The custom KPIs saved in this workspace, oldest first."""
        return load_custom(self.cursor())

    def add_metric(self, name: str, formula: str, *, label_id: str | None = None, label_en: str | None = None,
                   unit: str = "number", higher_is_better: bool = True,
                   description: str | None = None) -> Metric:
        """Save a custom KPI defined by ``formula`` over KPIs and number roles.

        Examples
        --------
        >>> ws = Workspace.open(":memory:")
        >>> ws.add_metric("revenue_per_customer", "revenue / active_customers", unit="currency").is_ratio
        True
        """
        with self._lock:
            if name in self.custom_metrics():
                raise FormulaError("metric_exists", name=name)
            metric = define(name, formula, self.metrics(), label_id=label_id, label_en=label_en, unit=unit,
                            higher_is_better=higher_is_better, description=description)
            with transaction(self.cursor()) as cur:
                save_custom(cur, metric)
        return metric

    def drop_metric(self, name: str) -> None:
        """Delete the custom KPI ``name`` (built-in KPIs cannot be dropped)."""
        lookup(name, self.custom_metrics())
        if name in CATALOG:
            raise FormulaError("builtin_metric", name=name)
        with self._lock, transaction(self.cursor()) as cur:
            delete_custom(cur, name)

    def compute(self, metric: str | Metric, grain: str = "month", start: Any = None, end: Any = None,
                by: Iterable[str] = (), filters: Mapping[str, Any] | None = None, *, compare: bool = False,
                window: int | None = None, datasets: Mapping[str, str] | None = None) -> pd.DataFrame:
        """The KPI ``metric`` per period and ``by`` segment.

        Parameters
        ----------
        metric
            A KPI name (``"revenue"``, ``"conversion_rate"``, a custom one) or a :class:`Metric`.
        grain
            ``day``, ``week`` (from Monday), ``month``, ``quarter`` or ``year``.
        start, end
            Inclusive dates; by default the first and last date of the data.
        by
            Columns to split by: dimensions under the file's own names, or text roles.
        filters
            ``{column: value}`` or ``{column: [values]}``; ``None`` matches blanks.
        compare
            Add the previous period's and last year's values (``start`` then counts from its period's
            first day).
        window
            For conversion KPIs: count a conversion only within this many days.
        datasets
            ``{kind: dataset}`` when the workspace holds several datasets of a kind.

        Returns
        -------
        pandas.DataFrame
            ``period, *by, value`` (+ ``numerator, denominator`` for ratio KPIs; + ``previous,
            last_year`` and their parts with ``compare``). Every period and segment has a row:
            empty periods are 0 for counts and sums, NaN for ratios.

        Examples
        --------
        >>> from kpi.samples import load_sample
        >>> ws = Workspace.open(":memory:"); _ = load_sample(ws)
        >>> df = ws.compute("conversion_rate", grain="quarter", start="2026-01-01", end="2026-06-30")
        >>> list(df.columns), len(df)
        (['period', 'value', 'numerator', 'denominator'], 2)
        """
        from kpi import engine

        return engine.compute(self, metric, grain, start, end, by, filters, compare=compare, window=window,
                              datasets=datasets)

    def sql(self, metric: str | Metric, grain: str = "month", start: Any = None, end: Any = None,
            by: Iterable[str] = (), filters: Mapping[str, Any] | None = None, *, compare: bool = False,
            window: int | None = None, datasets: Mapping[str, str] | None = None,
            dialect: str = "duckdb") -> str:
        """The SQL :meth:`compute` runs for the same arguments, for ``dialect`` (``duckdb``, ``spark``)."""
        from kpi import engine

        return engine.sql(self, metric, grain, start, end, by, filters, compare=compare, window=window,
                          datasets=datasets, dialect=dialect)

    def date_range(self, metric: str | Metric | None = None) -> tuple[dt.date, dt.date] | None:
        """The first and last date of the data ``metric`` reads (of every dataset without one)."""
        from kpi import engine

        return engine.date_range(self, metric)

    def dimensions(self, metric: str | Metric | None = None) -> list[str]:
        """The columns to split (``by``) or filter ``metric`` by (any dataset's, without one); IDs left out."""
        from kpi import engine

        return engine.dimensions(self, metric)

    def values(self, column: str, metric: str | Metric | None = None) -> list[str | None]:
        """The values of ``column`` in the data ``metric`` reads; sorted, blank (``None``) last."""
        from kpi import engine

        return engine.values(self, column, metric)

    def cohorts(self, grain: str = "month", start: Any = None, end: Any = None,
                filters: Mapping[str, Any] | None = None, *,
                datasets: Mapping[str, str] | None = None) -> pd.DataFrame:
        """The cohort retention matrix of the orders.

        A cohort is the customers whose first purchase falls in a period;
        ``filters`` pick customers by that first purchase; ``start``/``end`` pick
        cohorts. Columns: ``cohort, period_index`` (0 = the cohort's own period),
        ``customers`` (of the cohort buying in that period), ``retention``.
        """
        from kpi import engine

        return engine.cohorts(self, grain, start, end, filters, datasets=datasets)

    # ---- statistics (kpi.evidence picks the test from the KPI's kind) -------
    def trend(self, metric: str | Metric, grain: str = "month", start: Any = None, end: Any = None,
              filters: Mapping[str, Any] | None = None, alpha: float = 0.05) -> stats.TrendResult:
        """Mann-Kendall trend and Sen's slope of ``metric`` over whole ``grain`` periods.

        Examples
        --------
        >>> from kpi.samples import load_sample
        >>> ws = Workspace.open(":memory:"); _ = load_sample(ws)
        >>> ws.trend("revenue", "quarter").direction
        'increasing'
        """
        from kpi import evidence

        return evidence.trend(self, metric, grain, start, end, filters, alpha)

    def compare(self, metric: str | Metric, current: Any, baseline: Any = None, *, grain: str = "month",
                filters: Mapping[str, Any] | None = None, alpha: float = 0.05,
                seed: int | None = 0) -> stats.Comparison:
        """Whether ``metric`` differs between the ``grain`` periods holding ``current`` and ``baseline``.

        ``baseline`` defaults to the period before. The test follows the KPI's
        kind (:mod:`kpi.evidence`) and is named in the result's ``method``.
        """
        from kpi import evidence

        return evidence.compare(self, metric, current, baseline, grain=grain, filters=filters, alpha=alpha,
                                seed=seed)

    def compare_segments(self, metric: str | Metric, column: str, a: str | None, b: str | None, *, period: Any,
                         grain: str = "month", filters: Mapping[str, Any] | None = None, alpha: float = 0.05,
                         seed: int | None = 0) -> stats.Comparison:
        """Whether ``metric`` differs between segments ``column = a`` and ``column = b`` in one period."""
        from kpi import evidence

        return evidence.compare_segments(self, metric, column, a, b, period=period, grain=grain, filters=filters,
                                         alpha=alpha, seed=seed)

    def compare_by(self, metric: str | Metric, column: str, current: Any, baseline: Any = None, *,
                   grain: str = "month", filters: Mapping[str, Any] | None = None, alpha: float = 0.05,
                   seed: int | None = 0) -> pd.DataFrame:
        """Every segment of ``column`` compared between two periods, Benjamini-Hochberg adjusted."""
        from kpi import evidence

        return evidence.compare_by(self, metric, column, current, baseline, grain=grain, filters=filters,
                                   alpha=alpha, seed=seed)

    def explain(self, metric: str | Metric | None = None, current: Any = None, baseline: Any = "last_year", *,
                target: Any = None, by: Sequence[str] | None = None, filters: Mapping[str, Any] | None = None,
                depth: int = 3, alpha: float = 0.05, min_share: float = 0.01, min_rows: int = 10,
                as_of: Any = None, datasets: Mapping[str, str] | None = None) -> Explanation:
        """Why ``metric`` changed between ``baseline`` and ``current``: its change split over segments.

        ``current`` and ``baseline`` are ``(start, end)`` pairs; ``baseline`` may also be ``"previous"``
        or ``"last_year"`` (the default). With ``target`` (a target or its id) the baseline is the
        target's plan to date and ``current`` its span so far. Segments are the values of ``by``
        (default: every dimension) and their combinations up to ``depth``. See
        ``docs/rootcause_contract.md`` for the result.

        Examples
        --------
        >>> import kpi
        >>> ws = kpi.Workspace.open(":memory:"); _ = kpi.load_sample(ws)
        >>> e = ws.explain("conversion_rate", ("2026-08-01", "2026-10-31"), "last_year")
        >>> {"sumber": "Instagram", "provinsi": "Jawa Barat"} in [f.segment for f in e.findings]
        True
        """
        from kpi import rootcause

        if metric is None and target is None:
            raise QueryError("explain_no_metric")
        return rootcause.explain(self, metric, current, baseline, target=target, by=by, filters=filters,
                                 depth=depth, alpha=alpha, min_share=min_share, min_rows=min_rows, as_of=as_of,
                                 datasets=datasets)

    def anomalies(self, metric: str | Metric, grain: str = "day", start: Any = None, end: Any = None,
                  filters: Mapping[str, Any] | None = None, threshold: float = 3.5) -> stats.AnomalyResult:
        """Unusual days (or weeks) and level shifts of ``metric`` against its seasonal baseline."""
        from kpi import evidence

        return evidence.anomalies(self, metric, grain, start, end, filters, threshold)
