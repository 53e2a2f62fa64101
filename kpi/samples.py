"""The bundled sample data set: "Toko Kinerja", a fictional Indonesian SME.

Five CSV files under ``data/sample/`` (orders, leads, spend, social, survey) with
Indonesian headers, generated deterministically by ``data/sample/generate.py``;
``data/sample/README.md`` lists their columns and the stories planted in them.
:data:`SAMPLE_FILES` says which column plays which role, so docs, tests, notebooks
and the demo all load the sample the same way, with :func:`load_sample`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

__all__ = ["SAMPLE_DIR", "SAMPLE_FILES", "SampleFile", "load_sample"]

#: The folder that holds the sample CSV files (``data/sample`` in the repository).
SAMPLE_DIR: Path = Path(__file__).resolve().parent.parent / "data" / "sample"


@dataclass(frozen=True)
class SampleFile:
    """One sample file and how to import it.

    Parameters
    ----------
    name
        Dataset name in the workspace (``orders``, ``leads``...).
    kind
        Dataset kind (see the roles table in DESIGN.md).
    path
        The CSV file.
    mapping
        Role -> column header. Columns left out (``kanal``, ``provinsi``...) become
        drill-down dimensions.
    """

    name: str
    kind: str
    path: Path
    mapping: dict[str, str] = field(hash=False)


def _sample(name: str, **mapping: str) -> SampleFile:
    """The sample file ``data/sample/<name>.csv``, of kind ``name``."""
    return SampleFile(name=name, kind=name, path=SAMPLE_DIR / f"{name}.csv", mapping=mapping)


#: The sample files in import order: orders, leads, spend, social, survey.
SAMPLE_FILES: tuple[SampleFile, ...] = (
    _sample("orders", date="tanggal", order_id="no_pesanan", customer_id="id_pelanggan", quantity="qty",
            unit_price="harga_satuan", amount="total", status="status"),
    _sample("leads", date="tanggal", lead_id="id_prospek", converted="terkonversi",
            converted_date="tanggal_konversi", value="nilai"),
    _sample("spend", date="tanggal", spend="biaya", impressions="tayangan", clicks="klik", conversions="konversi"),
    _sample("social", date="tanggal", platform="platform", posts="postingan", likes="suka", shares="bagikan",
            comments="komentar", followers="pengikut", impressions="tayangan", reach="jangkauan"),
    _sample("survey", date="tanggal", customer_id="id_pelanggan", question="pertanyaan", score="skor"),
)


class _Importer(Protocol):
    """What :func:`load_sample` needs of a workspace."""

    def import_file(self, path: Path, kind: str = ..., name: str | None = ...,
                    mapping: dict[str, str] | None = ...) -> Any: ...


def load_sample(ws: _Importer) -> list[Any]:
    """Import every sample file into workspace ``ws``, replacing datasets of the same names.

    Parameters
    ----------
    ws
        A :class:`kpi.Workspace` (anything with its ``import_file`` method).

    Returns
    -------
    list
        One ``ImportResult`` per file, in the order of :data:`SAMPLE_FILES`.

    Examples
    --------
    >>> [f.name for f in SAMPLE_FILES]
    ['orders', 'leads', 'spend', 'social', 'survey']
    >>> SAMPLE_FILES[0].mapping["amount"]
    'total'
    """
    return [ws.import_file(f.path, kind=f.kind, name=f.name, mapping=f.mapping) for f in SAMPLE_FILES]
