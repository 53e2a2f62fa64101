"""The workspace's import methods (mixed into :class:`kpi.Workspace`): preview and import files and frames.

Reading is in :mod:`kpi.readers`, loading (mapping, conversion, rejects) in
:mod:`kpi.loading`; these methods take the write lock and run the transaction,
so a failed import leaves every dataset as it was.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from kpi import ingest, readers
from kpi.datasets import ImportResult, Preview
from kpi.errors import DataFormatError
from kpi.mapping import suggest_mapping
from kpi.sql import transaction

if TYPE_CHECKING:
    import threading

    import duckdb

    from kpi.quality import QualityReport

__all__ = ["ImportMethods"]


class ImportMethods:
    """Preview and import files and DataFrames into a workspace."""

    _lock: threading.RLock

    def cursor(self) -> duckdb.DuckDBPyConnection:  # pragma: no cover - provided by Workspace
        raise NotImplementedError

    def quality(self, name: str, today: Any = None) -> QualityReport:  # pragma: no cover - provided by Workspace
        raise NotImplementedError

    def preview_file(self, path: str | os.PathLike[str], kind: str = "orders", *,
                     delimiter: str | None = None, encoding: str | None = None,
                     sheet: str | int | None = None, source_name: str | None = None,
                     rows: int = 20) -> Preview:
        """Read ``path`` as :meth:`import_file` would, without importing it.

        Returns the columns, the first ``rows`` rows, the suggested mapping for
        ``kind`` and the conventions found, so a user can check them first.
        """
        path = Path(path)
        ingest.kind_or_error(kind)
        cur = self.cursor()
        cur.begin()
        try:
            raw = readers.read_path(cur, path, delimiter=delimiter, encoding=encoding, sheet=sheet,
                                    file=source_name or path.name)
            if raw.rows == 0 and raw.rejects.empty:
                raise DataFormatError("no_rows", file=source_name or path.name)
            sample = readers.head(cur, raw)
            mapping = suggest_mapping(list(raw.columns), kind, readers.as_texts(sample))
        finally:
            cur.rollback()
            cur.close()
        return Preview(file=source_name or path.name, columns=raw.columns, sample=sample.head(rows),
                       rows=raw.rows, rejected=len(raw.rejects), mapping=mapping,
                       options={k: v for k, v in raw.options.items() if k != "first_line"},
                       warnings=tuple(raw.warnings))

    def import_file(self, path: str | os.PathLike[str], kind: str = "orders", name: str | None = None,
                    mapping: Mapping[str, str | None] | None = None, mode: str = "replace", *,
                    delimiter: str | None = None, decimal: str | None = None, thousands: str | None = None,
                    dayfirst: bool | None = None, date_format: str | None = None,
                    encoding: str | None = None, sheet: str | int | None = None,
                    default_date: Any = None, leads: str | None = None,
                    source_name: str | None = None) -> ImportResult:
        """Import a CSV/TSV, Excel, Parquet or JSON file as dataset ``name`` (default: the kind).

        Parameters
        ----------
        path
            The file. Its format is told from its bytes, not its name.
        kind
            ``orders``, ``leads``, ``deals`` (closed deals joined to ``leads``),
            ``spend``, ``social`` or ``survey``.
        mapping
            Role -> column; missing roles are suggested from headers and values.
        mode
            ``replace`` the dataset, or ``append`` to it (rows whose order or
            lead ID is already there are kept out as ``already_imported``).
        delimiter, decimal, thousands, dayfirst, date_format, encoding, sheet
            File conventions; by default they are read from the file itself.
        default_date
            A date for every row of a file that has no date column.
        leads
            For ``kind="deals"``: the leads dataset whose conversions this file gives.
        source_name
            The name to report for the file (the app passes the uploaded name).

        Raises
        ------
        DataFormatError, DataSchemaError
            The file cannot be read, or does not fit the kind; nothing is changed.

        Examples
        --------
        >>> from kpi.samples import SAMPLE_FILES
        >>> import kpi
        >>> ws = kpi.Workspace.open(":memory:")
        >>> orders = SAMPLE_FILES[0]
        >>> res = ws.import_file(orders.path, kind="orders", mapping=orders.mapping)
        >>> res.rejected
        0
        """
        path = Path(path)
        file = source_name or path.name
        settings = ingest.import_settings(decimal, thousands, dayfirst, default_date, mode, kind, name)
        # Hashing a large file takes a second or two; hashlib releases the GIL, so it runs
        # beside DuckDB's read instead of before it.
        with ThreadPoolExecutor(max_workers=1) as pool:
            fingerprint = pool.submit(_fingerprint, path) if path.is_file() else None
            with self._lock, transaction(self.cursor()) as cur:
                raw = readers.read_path(cur, path, delimiter=delimiter, encoding=encoding, sheet=sheet,
                                        file=source_name or path.name)
                result = self._import_raw(cur, raw, kind, name or kind, mapping, mode, file=file,
                                          fingerprint=fingerprint.result() if fingerprint else "",
                                          date_format=date_format, leads=leads, **settings)
        return self._with_quality(result)

    def import_frame(self, df: pd.DataFrame, kind: str = "orders", name: str | None = None,
                     mapping: Mapping[str, str | None] | None = None, mode: str = "replace", *,
                     decimal: str | None = None, dayfirst: bool | None = None,
                     date_format: str | None = None, default_date: Any = None,
                     leads: str | None = None, source_name: str = "DataFrame") -> ImportResult:
        """Import a pandas DataFrame; the same rules as :meth:`import_file` (rows numbered from 1)."""
        if not isinstance(df, pd.DataFrame):
            raise DataFormatError("bad_option", option="df", value=type(df).__name__,
                                  hint="pass a pandas DataFrame.")
        settings = ingest.import_settings(decimal, None, dayfirst, default_date, mode, kind, name)
        fingerprint = hashlib.blake2b(pd.util.hash_pandas_object(df, index=False).values.tobytes(),
                                      digest_size=16).hexdigest()
        with self._lock, transaction(self.cursor()) as cur:
            raw = readers.read_frame(cur, df)
            result = self._import_raw(cur, raw, kind, name or kind, mapping, mode, file=source_name,
                                      fingerprint=fingerprint, date_format=date_format, leads=leads,
                                      **settings)
        return self._with_quality(result)

    def _with_quality(self, result: ImportResult) -> ImportResult:
        # Computed after the commit, outside the write lock: other sessions can write meanwhile.
        return replace(result, quality=self.quality(result.dataset.name))

    def _import_raw(self, cur: Any, raw: readers.Raw, kind: str, name: str,
                    mapping: Mapping[str, str | None] | None, mode: str, *, file: str, fingerprint: str,
                    decimal: str | None, dayfirst: bool | None, date_format: str | None,
                    default_date: dt.date | None, leads: str | None) -> ImportResult:
        from kpi import loading

        return loading.load(self, cur, raw, kind, name, mapping, mode, file=file, fingerprint=fingerprint,
                            decimal=decimal, dayfirst=dayfirst, date_format=date_format,
                            default_date=default_date, leads=leads)


def _fingerprint(path: Path) -> str:
    digest = hashlib.blake2b(digest_size=16)
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
