"""Imported datasets as the workspace records them (the `kinerja_datasets` table), and what an import did."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from kpi.i18n import Message
from kpi.quality import QualityReport

__all__ = ["Dataset", "ImportResult", "Preview", "read_dataset", "read_datasets"]


@dataclass(frozen=True)
class Dataset:
    """An imported dataset as the catalog records it."""

    name: str
    kind: str
    mapping: dict[str, str]
    rows: int
    rejected: int
    dimensions: tuple[str, ...]
    columns: dict[str, str]
    source: str
    fingerprint: str
    options: dict[str, Any]
    links: dict[str, str]
    imported_at: dt.datetime


@dataclass(frozen=True)
class ImportResult:
    """What an import did.

    ``rows`` were imported and ``rejected`` kept out, so ``rows + rejected``
    is the number of data rows in the file. ``rejected_sample`` shows up to 100
    of the kept-out rows (columns ``line, column, value, reason``); all of them
    are in :meth:`Workspace.rejects`.
    """

    dataset: Dataset
    rows: int
    rejected: int
    rejected_sample: pd.DataFrame
    quality: QualityReport
    warnings: tuple[Message, ...] = field(default_factory=tuple)
    options: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Preview:
    """A file as read, before import: see :meth:`Workspace.preview_file`."""

    file: str
    columns: dict[str, str]
    sample: pd.DataFrame
    rows: int
    rejected: int
    mapping: dict[str, str]
    options: dict[str, Any]
    warnings: tuple[Message, ...] = ()


def read_dataset(cur: Any, name: str) -> Dataset | None:
    """The catalog row of ``name`` as seen by ``cur`` (inside its transaction), or ``None``."""
    rows = cur.execute("SELECT * FROM kinerja_datasets WHERE name = ?", [name]).fetchall()
    return dataset_from_row(rows[0]) if rows else None


def dataset_from_row(row: tuple[Any, ...]) -> Dataset:
    (name, kind, mapping, dims, columns, rows, rejected, source, fingerprint, options, links,
     imported_at) = row
    return Dataset(name=name, kind=kind, mapping=json.loads(mapping), rows=rows, rejected=rejected,
                   dimensions=tuple(json.loads(dims)), columns=json.loads(columns), source=source,
                   fingerprint=fingerprint, options=json.loads(options), links=json.loads(links or "{}"),
                   imported_at=imported_at)



def read_datasets(cur: Any) -> list[Dataset]:
    """Every dataset in the catalog behind ``cur``, by name."""
    return [dataset_from_row(r) for r in cur.execute("SELECT * FROM kinerja_datasets ORDER BY name").fetchall()]
