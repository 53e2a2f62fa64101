"""Imported datasets as the workspace records them (the `kinerja_datasets` table)."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

__all__ = ["Dataset", "read_dataset", "read_datasets"]


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
