"""Read an uploaded file, as it is, into a temporary DuckDB table.

The reader decides nothing about meaning: CSV columns arrive as text, so that
the importer (:mod:`kpi.ingest`) can parse numbers and dates with the user's
conventions and report every value it cannot parse. Typed formats (Excel,
Parquet, JSON, DataFrames) keep their types. Every raw table has a ``_line``
column: the row's line in the file (CSV), its row in the sheet (Excel) or its
position (others), so that rejects and quality examples point at real rows.

Large CSV files are read by DuckDB straight from disk; only Excel goes through
Python (calamine), as DuckDB's excel extension cannot be installed here.
"""

from __future__ import annotations

import codecs
import gzip
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from kpi.errors import DataFormatError
from kpi.i18n import Message
from kpi.sql import ident

__all__ = ["Raw", "detect_format", "read_frame", "read_path"]

DELIMITERS = (",", ";", "\t", "|")
ENCODINGS = {"utf-8": "utf-8", "utf8": "utf-8", "utf-8-sig": "utf-8", "latin-1": "latin-1",
             "latin1": "latin-1", "iso-8859-1": "latin-1", "cp1252": "latin-1", "utf-16": "utf-16"}
SNIFF_BYTES = 256 * 1024


@dataclass
class Raw:
    """A file read into a temporary table.

    ``table`` holds the file's columns plus ``_line``; ``rejects`` lists rows the
    reader could not split into the header's columns (line, column, value,
    reason); ``options`` records the conventions used (delimiter, encoding...).
    """

    table: str
    columns: dict[str, str]
    rows: int
    rejects: pd.DataFrame
    options: dict[str, Any] = field(default_factory=dict)
    warnings: list[Message] = field(default_factory=list)


def _temp_name(prefix: str) -> str:
    return f"_kinerja_{prefix}_{uuid.uuid4().hex[:12]}"


def _head(path: Path, compressed: bool) -> bytes:
    opener = gzip.open if compressed else open
    with opener(path, "rb") as fh:
        return fh.read(SNIFF_BYTES)


def detect_format(path: Path, head: bytes) -> str:
    """Tell the file's format from its first bytes, then from its name.

    Magic bytes win over the extension, so an Excel file renamed ``.csv`` is
    still read as Excel and a binary file never reaches the CSV parser.
    """
    file = path.name
    if not head.strip():
        raise DataFormatError("empty_file", file=file)
    if head.startswith(b"PK\x03\x04"):
        return "excel"
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise DataFormatError("old_excel", file=file)
    if head.startswith(b"PAR1"):
        return "parquet"
    if head.startswith(b"\x1f\x8b"):
        return "csv.gz"
    if head.lstrip(b"\xef\xbb\xbf \r\n\t")[:1] in (b"[", b"{") and path.suffix.lower() in (
        ".json", ".jsonl", ".ndjson", ""):
        return "json"
    sample = head[:8192]
    if b"\x00" in sample and not sample.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise DataFormatError("binary_file", file=file)
    return "csv"


def _decode_head(head: bytes, encoding: str | None, file: str) -> tuple[str, str, list[Message]]:
    """Pick the encoding and return it with the decoded head of the file."""
    if encoding:
        enc = ENCODINGS.get(encoding.lower().replace("_", "-"))
        if enc is None:
            raise DataFormatError("bad_option", option="encoding", value=encoding,
                                  hint="use 'utf-8', 'latin-1' or 'utf-16'.")
        return enc, head.decode(enc, errors="replace"), []
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16", head.decode("utf-16", errors="replace"), []
    try:
        # The head may end inside a multi-byte character: let the decoder wait for it.
        text = codecs.getincrementaldecoder("utf-8")().decode(head, final=False)
        return "utf-8", text, []
    except UnicodeDecodeError:
        return "latin-1", head.decode("latin-1"), [Message("encoding_latin1", file=file)]


def _count_outside_quotes(line: str, delim: str) -> int:
    count, quoted = 0, False
    for ch in line:
        if ch == '"':
            quoted = not quoted
        elif ch == delim and not quoted:
            count += 1
    return count


def sniff_delimiter(text: str) -> str | None:
    """The delimiter that splits the header and most lines alike.

    Returns ``None`` for whitespace-aligned files and one-column files. Unlike
    DuckDB's sniffer, a few ragged rows do not turn the file into one column.
    """
    lines = [ln for ln in text.lstrip("\ufeff").splitlines() if ln.strip()][:50]
    if lines and lines[0].lower().startswith("sep=") and len(lines[0]) == 5:
        return lines[0][4]
    best, best_score = None, 0.0
    for delim in DELIMITERS:
        counts = [_count_outside_quotes(ln, delim) for ln in lines]
        if not counts or counts[0] == 0:
            continue
        agree = sum(c == counts[0] for c in counts) / len(counts)
        score = agree * (1 + min(counts[0], 50) / 100)
        if score > best_score:
            best, best_score = delim, score
    return best


def read_path(cur: Any, path: Path, *, delimiter: str | None = None, encoding: str | None = None,
              sheet: str | int | None = None) -> Raw:
    """Read the file at ``path`` into a temporary table of ``cur``'s connection."""
    path = Path(path)
    if not path.is_file():
        raise DataFormatError("file_not_found", file=str(path))
    compressed = path.read_bytes()[:2] == b"\x1f\x8b" if path.stat().st_size else False
    head = _head(path, compressed)
    fmt = detect_format(path, head)
    if fmt == "excel":
        from kpi.excel import read_excel

        frame, opts, warnings = read_excel(path, sheet=sheet)
        raw = read_frame(cur, frame, first_line=opts.pop("first_line"))
        raw.options.update(opts)
        raw.warnings.extend(warnings)
        return raw
    if fmt == "parquet":
        return _read_typed(cur, "read_parquet", path, {"format": "parquet"})
    if fmt == "json":
        return _read_typed(cur, "read_json_auto", path, {"format": "json"})
    return _read_csv(cur, path, head, compressed, delimiter=delimiter, encoding=encoding)


def _read_typed(cur: Any, function: str, path: Path, options: dict[str, Any]) -> Raw:
    table = _temp_name("raw")
    try:
        cur.execute(
            f"CREATE TEMP TABLE {ident(table)} AS SELECT row_number() OVER () AS _line, * "
            f"FROM {function}(?)", [str(path)])
    except Exception as exc:  # duckdb raises many types; all mean "cannot read this file"
        raise DataFormatError("unreadable_file", file=path.name, reason=_short(exc)) from exc
    return _finish(cur, table, pd.DataFrame(columns=["line", "column", "value", "reason"]), options)


def read_frame(cur: Any, frame: pd.DataFrame, *, first_line: int = 1) -> Raw:
    """Copy a DataFrame into a temporary table, numbering rows from ``first_line``."""
    frame = frame.copy()
    frame.columns = _unique_names([str(c) for c in frame.columns])
    for col in frame.columns:
        if frame[col].dtype == object or str(frame[col].dtype) == "str":
            # Mixed object columns (numbers and text) become text, parsed later.
            frame[col] = frame[col].map(_cell_text, na_action="ignore").astype("object")
    frame.insert(0, "_line", range(first_line, first_line + len(frame)))
    table = _temp_name("raw")
    view = _temp_name("frame")
    cur.register(view, frame)
    try:
        cur.execute(f"CREATE TEMP TABLE {ident(table)} AS SELECT * FROM {ident(view)}")
    finally:
        cur.unregister(view)
    return _finish(cur, table, pd.DataFrame(columns=["line", "column", "value", "reason"]), {})


def _cell_text(value: Any) -> str | None:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    text = str(value)
    return text if text.strip() else None


def _unique_names(names: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    out = []
    for i, name in enumerate(names):
        name = name.strip() or f"column_{i + 1}"
        base, n = name, seen.get(name.lower(), 0)
        while name.lower() in seen or name == "_line":
            n += 1
            name = f"{base}_{n}"
        seen[base.lower()] = n
        seen[name.lower()] = 0
        out.append(name)
    return out


def _read_csv(cur: Any, path: Path, head: bytes, compressed: bool, *, delimiter: str | None,
              encoding: str | None) -> Raw:
    enc, text, warnings = _decode_head(head, encoding, path.name)
    delim = delimiter or sniff_delimiter(text)
    if delim is None and _looks_whitespace_aligned(text):
        return _read_whitespace(cur, path, enc, compressed, warnings)
    delim = delim or ","
    if delim in ("\\t", "tab"):
        delim = "\t"
    table, rejects_table, scan = _temp_name("raw"), _temp_name("rej"), _temp_name("scan")
    params = {"path": str(path), "delim": delim, "enc": enc, "rt": rejects_table, "rs": scan,
              "comp": "gzip" if compressed else "none"}
    try:
        cur.execute(
            f"CREATE TEMP TABLE {ident(table)} AS SELECT row_number() OVER () AS _line, * FROM read_csv("
            "$path, delim=$delim, header=true, all_varchar=true, encoding=$enc, quote='\"', escape='\"', "
            "store_rejects=true, rejects_table=$rt, rejects_scan=$rs, compression=$comp, "
            "max_line_size=10000000, strict_mode=true, null_padding=false)", params)
    except Exception as exc:  # duckdb raises many types; all mean "cannot read this file"
        raise DataFormatError("unreadable_file", file=path.name, reason=_short(exc)) from exc
    rejects = _csv_rejects(cur, table, rejects_table)
    options = {"format": "csv", "delimiter": delim, "encoding": enc}
    return _finish(cur, table, rejects, options, warnings)


def _csv_rejects(cur: Any, table: str, rejects_table: str) -> pd.DataFrame:
    """Collect the rows DuckDB could not split, and renumber accepted rows to file lines."""
    rejects = cur.execute(
        f"SELECT line::BIGINT AS line, NULL::VARCHAR AS \"column\", csv_line AS value, "
        f"lower(error_type::VARCHAR) AS reason FROM {ident(rejects_table)} ORDER BY line").df()
    n = len(rejects)
    if n == 0:
        cur.execute(f"UPDATE {ident(table)} SET _line = _line + 1")  # the header is line 1
        return rejects
    # Accepted row r (1-based) lies after the i-th reject at line L when r >= L - i; so its
    # file line is r + 1 + (number of such rejects). Done as one ASOF join.
    cur.execute(
        f"UPDATE {ident(table)} t SET _line = t._line + 1 + j.n FROM (SELECT r._line AS r, "
        f"coalesce(o.n, 0) AS n FROM {ident(table)} r ASOF LEFT JOIN (SELECT k0, max(n) AS n FROM "
        f"(SELECT line - row_number() OVER (ORDER BY line) AS k0, row_number() OVER (ORDER BY line) "
        f"AS n FROM {ident(rejects_table)}) GROUP BY k0) o ON r._line >= o.k0) j WHERE t._line = j.r")
    rejects["reason"] = rejects["reason"].str.replace(" ", "_")
    return rejects


def _looks_whitespace_aligned(text: str) -> bool:
    lines = [ln for ln in text.splitlines() if ln.strip()][:20]
    return len(lines) > 1 and all(len(ln.split()) == len(lines[0].split()) > 1 for ln in lines)


def _read_whitespace(cur: Any, path: Path, enc: str, compressed: bool,
                     warnings: list[Message]) -> Raw:
    """Read a file whose columns are separated by runs of spaces (fixed-width exports)."""
    lines = _temp_name("lines")
    cur.execute(
        f"CREATE TEMP TABLE {ident(lines)} AS SELECT row_number() OVER () AS _line, "
        "regexp_split_to_array(trim(l), '\\s+') AS f FROM read_csv($path, delim=chr(1), quote='', "
        "escape='', header=false, columns={'l': 'VARCHAR'}, auto_detect=false, encoding=$enc, "
        "compression=$comp) WHERE trim(l) <> ''",
        {"path": str(path), "enc": enc, "comp": "gzip" if compressed else "none"})
    header = cur.execute(f"SELECT f FROM {ident(lines)} WHERE _line = 1").fetchall()[0][0]
    names = _unique_names(list(header))
    table = _temp_name("raw")
    cols = ", ".join(f"f[{i + 1}] AS {ident(n)}" for i, n in enumerate(names))
    width = len(names)
    cur.execute(f"CREATE TEMP TABLE {ident(table)} AS SELECT _line, {cols} FROM {ident(lines)} "
                f"WHERE _line > 1 AND len(f) = {width}")
    rejects = cur.execute(
        f"SELECT _line AS line, NULL::VARCHAR AS \"column\", array_to_string(f, ' ') AS value, "
        f"CASE WHEN len(f) < {width} THEN 'missing_columns' ELSE 'too_many_columns' END AS reason "
        f"FROM {ident(lines)} WHERE _line > 1 AND len(f) <> {width} ORDER BY _line").df()
    cur.execute(f"DROP TABLE {ident(lines)}")
    options = {"format": "csv", "delimiter": "whitespace", "encoding": enc}
    return _finish(cur, table, rejects, options, warnings)


def _finish(cur: Any, table: str, rejects: pd.DataFrame, options: dict[str, Any],
            warnings: list[Message] | None = None) -> Raw:
    described = cur.execute(f"DESCRIBE {ident(table)}").fetchall()
    columns = {name: str(dtype) for name, dtype, *_ in described if name != "_line"}
    rows = cur.execute(f"SELECT count(*) FROM {ident(table)}").fetchall()[0][0]
    return Raw(table, columns, rows, rejects, options, list(warnings or []))


def _short(exc: Exception) -> str:
    text = str(exc).strip().splitlines()
    return text[0][:300] if text else type(exc).__name__
