"""Small helpers that keep user-supplied names out of SQL as raw text.

Dataset and column names come from users' files. They only ever reach SQL
through :func:`ident` (a double-quoted identifier with embedded quotes
doubled); values go through bound parameters (``?``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import duckdb

__all__ = ["DATASET_SCHEMA", "ident", "table_ref", "transaction", "used_params"]

#: Imported datasets live in their own schema, apart from the app's tables.
DATASET_SCHEMA = "ds"


def ident(name: str) -> str:
    """Quote ``name`` as a SQL identifier.

    Examples
    --------
    >>> ident('x"; DROP TABLE t; --')
    '"x""; DROP TABLE t; --"'
    """
    if "\x00" in name:
        raise ValueError("identifier contains a NUL character")
    return '"' + name.replace('"', '""') + '"'


def table_ref(dataset: str) -> str:
    """The quoted, schema-qualified table that holds ``dataset``.

    Examples
    --------
    >>> table_ref("Penjualan 2025")
    '"ds"."Penjualan 2025"'
    """
    return f"{ident(DATASET_SCHEMA)}.{ident(dataset)}"


def used_params(sql: str, params: dict[str, object]) -> dict[str, object]:
    """The named parameters that ``sql`` refers to (DuckDB rejects unused ones).

    Examples
    --------
    >>> used_params("SELECT $a", {"a": 1, "b": 2})
    {'a': 1}
    """
    return {k: v for k, v in params.items() if f"${k}" in sql}


class transaction:
    """``with transaction(cur) as cur``: commit on success, roll back on any error."""

    def __init__(self, cur: duckdb.DuckDBPyConnection) -> None:
        self.cur = cur

    def __enter__(self) -> duckdb.DuckDBPyConnection:
        self.cur.begin()
        return self.cur

    def __exit__(self, exc_type: Any, exc: Any, tb: Any) -> None:
        if exc_type is None:
            self.cur.commit()
        else:
            self.cur.rollback()
        self.cur.close()
