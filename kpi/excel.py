"""Read Excel workbooks with calamine (DuckDB's excel extension is not available).

Workbooks made by people have title rows above the header, merged header
cells, several sheets and empty rows at the bottom. This module finds the
header row, keeps the sheet's own row numbers for error messages, and returns
a typed DataFrame.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pandas as pd

from kpi.errors import DataFormatError
from kpi.i18n import Message

__all__ = ["read_excel"]

HEADER_SCAN_ROWS = 15


def read_excel(path: Path, *, sheet: str | int | None = None) -> tuple[pd.DataFrame, dict[str, Any], list[Message]]:
    """Read one sheet of the workbook at ``path``.

    Returns the frame (one column per header cell), the options used
    (``sheet``, ``header_row`` as the sheet's 1-based row, ``first_line``: the
    sheet row of the first data row) and warnings.
    """
    from python_calamine import CalamineWorkbook

    try:
        book = CalamineWorkbook.from_path(str(path))
    except Exception as exc:  # calamine raises its own error types for broken files
        raise DataFormatError("unreadable_file", file=path.name, reason=str(exc)[:300]) from exc
    names = list(book.sheet_names)
    warnings: list[Message] = []
    name = _pick_sheet(book, names, sheet, path.name, warnings)
    rows = book.get_sheet_by_name(name).to_python(skip_empty_area=False)
    header_at = _header_row(rows)
    if header_at is None:
        raise DataFormatError("empty_sheet", file=path.name, sheet=name)
    header = _header_names(rows, header_at)
    width = len(header)
    body = [list(r[:width]) + [""] * (width - len(r)) for r in rows[header_at + 1:]]
    first_line = header_at + 2
    # Trailing empty rows are formatting, not data; empty rows in the middle are kept
    # (and then rejected with their row number) so that nothing disappears unseen.
    while body and all(_blank(v) for v in body[-1]):
        body.pop()
    if not body:
        raise DataFormatError("no_rows", file=path.name)
    frame = pd.DataFrame(body, columns=header)
    frame = frame.apply(_typed_column)
    if header_at > 0:
        warnings.append(Message("excel_header_row", file=path.name, sheet=name, row=header_at + 1))
    return frame, {"format": "excel", "sheet": name, "sheets": names, "header_row": header_at + 1,
                   "first_line": first_line}, warnings


def _pick_sheet(book: Any, names: list[str], sheet: str | int | None, file: str,
                warnings: list[Message]) -> str:
    if isinstance(sheet, int):
        if not 0 <= sheet < len(names):
            raise DataFormatError("unknown_sheet", file=file, sheet=sheet, sheets=", ".join(names))
        return names[sheet]
    if sheet is not None:
        if sheet not in names:
            raise DataFormatError("unknown_sheet", file=file, sheet=sheet, sheets=", ".join(names))
        return sheet
    with_data = [n for n in names if any(any(not _blank(v) for v in r)
                                         for r in book.get_sheet_by_name(n).to_python()[:5])]
    if not with_data:
        raise DataFormatError("empty_file", file=file)
    if len(names) > 1:
        warnings.append(Message("excel_sheet_chosen", file=file, sheet=with_data[0],
                                sheets=", ".join(names)))
    return with_data[0]


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _header_row(rows: list[list[Any]]) -> int | None:
    """The row that looks most like a header: the most text cells, earliest on ties.

    A title row ("Laporan Penjualan 2025", merged across the columns) has one
    text cell; a two-level merged header has fewer filled cells in its upper
    row, so the lower, complete row wins.
    """
    best, best_score = None, 0
    for i, row in enumerate(rows[:HEADER_SCAN_ROWS]):
        texts = sum(isinstance(v, str) and bool(v.strip()) for v in row)
        others = sum(not _blank(v) and not isinstance(v, str) for v in row)
        score = texts - others
        if score > best_score:
            best, best_score = i, score
    return best


def _header_names(rows: list[list[Any]], at: int) -> list[str]:
    row = rows[at]
    # Drop empty columns at the right edge of the header.
    width = max((i + 1 for i, v in enumerate(row) if not _blank(v)), default=0)
    names = []
    for i, value in enumerate(row[:width]):
        name = str(value).strip() if not _blank(value) else ""
        if not name and at > 0 and not _blank(rows[at - 1][i] if i < len(rows[at - 1]) else ""):
            name = str(rows[at - 1][i]).strip()  # the upper level of a merged header
        names.append(name or f"column_{i + 1}")
    return names


def _typed_column(col: pd.Series) -> pd.Series:
    """Numbers stay numbers and dates stay dates; anything mixed becomes text."""
    values = [v for v in col if not _blank(v)]
    if values and all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in values):
        return pd.to_numeric(col.map(lambda v: None if _blank(v) else v), errors="coerce")
    if values and all(isinstance(v, (dt.date, dt.datetime)) for v in values):
        return pd.to_datetime(col.map(lambda v: None if _blank(v) else v))
    return col.map(lambda v: None if _blank(v) else _text(v)).astype("object")


def _text(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime) and value.time() == dt.time(0):
        return value.date().isoformat()
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat(sep=" ")
    return str(value)
