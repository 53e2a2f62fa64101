"""Read Excel workbooks with calamine (DuckDB's excel extension is not available).

Workbooks made by people have title rows above the header, merged header
cells, several sheets and empty rows at the bottom. This module finds the
header row, keeps the sheet's own row numbers for error messages, and returns
a typed DataFrame.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import pandas as pd

from kpi.conventions import number_text
from kpi.errors import DataFormatError
from kpi.i18n import Message

__all__ = ["read_excel"]

HEADER_SCAN_ROWS = 15
# Text that reads as a value, not a name: numbers, amounts, dates ("10.000", "Rp 5.000", "01/02/2026").
_DATA_LIKE = re.compile(r"(rp\.?|idr)?[\s\d.,:/+()-]*\d[\s\d.,:/+()-]*", re.IGNORECASE)


def read_excel(path: Path, *, sheet: str | int | None = None) -> tuple[pd.DataFrame, dict[str, Any], list[Message]]:
    """Read one sheet of the workbook at ``path``.

    ``sheet`` is a sheet name or a 0-based position; by default the first sheet
    with data. Returns the frame (one column per header cell), the options used
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
    levels = 2 if _second_level(rows, header_at) else 1
    first = header_at + levels  # index of the first data row
    width = max((_last_filled(r) for r in rows[header_at:]), default=0)
    header = _header_names(rows, header_at, levels, width)
    body = [list(r[:width]) + [""] * (width - len(r)) for r in rows[first:]]
    # Trailing empty rows are formatting, not data; empty rows in the middle are kept
    # (and then rejected with their row number) so that nothing disappears unseen.
    while body and all(_blank(v) for v in body[-1]):
        body.pop()
    if not body:
        raise DataFormatError("no_rows", file=path.name)
    frame = pd.DataFrame(body, columns=header).apply(_typed_column)
    # A column with neither a name nor a value (a spacer column left of or within the table) is no data.
    keep = [i for i, c in enumerate(frame.columns) if c != f"column_{i + 1}" or frame.iloc[:, i].notna().any()]
    frame = frame.iloc[:, keep]
    if header_at > 0:
        warnings.append(Message("excel_header_row", file=path.name, sheet=name, row=header_at + 1))
    return frame, {"format": "excel", "sheet": name, "sheets": names, "header_row": header_at + 1,
                   "first_line": first + 1}, warnings


def _pick_sheet(book: Any, names: list[str], sheet: str | int | None, file: str,
                warnings: list[Message]) -> str:
    """The sheet asked for (by name, any case, or 0-based position), else the first with data."""
    if sheet is not None:
        folded = {n.strip().casefold(): n for n in names}
        if isinstance(sheet, int) and not isinstance(sheet, bool) and 0 <= sheet < len(names):
            return names[sheet]
        if isinstance(sheet, str) and (sheet in names or sheet.strip().casefold() in folded):
            return sheet if sheet in names else folded[sheet.strip().casefold()]
        raise DataFormatError("unknown_sheet", file=file, sheet=sheet, sheets=", ".join(names))
    with_data = [n for n in names if any(any(not _blank(v) for v in r)
                                         for r in book.get_sheet_by_name(n).to_python(nrows=5))]
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
    text cell. Of a two-level merged header, the fuller row wins; when that is
    the upper one, :func:`_second_level` finds the lower one under it.
    """
    best, best_score = None, 0
    for i, row in enumerate(rows[:HEADER_SCAN_ROWS]):
        texts = sum(isinstance(v, str) and bool(v.strip()) for v in row)
        others = sum(not _blank(v) and not isinstance(v, str) for v in row)
        score = texts - others
        if score > best_score:
            best, best_score = i, score
    return best


def _last_filled(row: list[Any]) -> int:
    return max((i + 1 for i, v in enumerate(row) if not _blank(v)), default=0)


def _second_level(rows: list[list[Any]], at: int) -> bool:
    """Whether the row under the header is the lower level of a two-level merged header.

    Merged cells keep their text in the top-left cell only: a group title
    ("Penjualan" over "Qty" and "Total") leaves blanks to its right in the upper
    row, and a column that spans both rows ("Tanggal") leaves a blank below it.
    The lower row is text only, none of it number- or date-like (as a first
    data row of text cells would be), and fills a blank of the upper one.
    """
    if at + 1 >= len(rows):
        return False
    upper, lower = rows[at], rows[at + 1]
    filled = [i for i, v in enumerate(lower) if not _blank(v)]
    return (bool(filled) and all(isinstance(lower[i], str) and not _DATA_LIKE.fullmatch(lower[i].strip())
                                 for i in filled)
            and any(i >= len(upper) or _blank(upper[i]) for i in filled))


def _header_names(rows: list[list[Any]], at: int, levels: int, width: int) -> list[str]:
    """Column names from the header row, or from both rows of a two-level header.

    A lower-level name stands alone ("Total") unless two groups repeat it
    ("Januari Qty", "Februari Qty"); a column without a name is ``column_N``.
    """
    def cell(r: int, i: int) -> str:
        row = rows[r] if 0 <= r < len(rows) else []
        return str(row[i]).strip() if i < len(row) and not _blank(row[i]) else ""

    upper = [cell(at, i) for i in range(width)]
    if levels == 1:
        lower, upper = upper, [cell(at - 1, i) for i in range(width)]  # a merged title above blanks
    else:
        lower = [cell(at + 1, i) for i in range(width)]
        for i in range(1, width):  # a group title spans the blanks to its right
            upper[i] = upper[i] or (upper[i - 1] if lower[i] else "")
    repeated = {n for n in lower if n and lower.count(n) > 1}
    names = []
    for i in range(width):
        name = lower[i] or upper[i]
        if levels == 2 and lower[i] in repeated and upper[i]:
            name = f"{upper[i]} {lower[i]}"
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
    if isinstance(value, float):
        return number_text(value)
    if isinstance(value, dt.datetime) and value.time() == dt.time(0):
        return value.date().isoformat()
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat(sep=" ")
    return str(value)
