"""Read an uploaded file, as it is, into a temporary DuckDB table.

The reader decides nothing about meaning: CSV columns arrive as text, so that
the importer (:mod:`kpi.ingest`) can parse numbers and dates with the user's
conventions and report every value it cannot parse. Typed formats (Excel,
Parquet, JSON, DataFrames) keep their types. Every raw table has a ``_line``
column: the row's line in the file (CSV), its row in the sheet (Excel) or its
position (others), so that rejects and quality examples point at real rows.

Large CSV files are read by DuckDB straight from disk; only Excel goes through
Python (calamine), as DuckDB's excel extension cannot be installed here. The
format comes from the file's bytes (an Excel file named ``.csv`` is Excel); the
encoding, the delimiter and a ``sep=;`` line from its first 256 KB; line
numbers from :mod:`kpi.csvlines`, which also counts blank lines and line
breaks inside quotes.
"""

from __future__ import annotations

import codecs
import gzip
import re
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from kpi.conventions import number_text
from kpi.csvlines import TextFile, number_lines, unclosed_quote_line
from kpi.errors import DataFormatError, KpiError
from kpi.i18n import Message
from kpi.sql import ident

__all__ = ["Raw", "as_texts", "detect_format", "head", "read_frame", "read_path"]

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
    """The first bytes of the file, decompressed."""
    opener: Any = gzip.open if compressed else open
    try:
        with opener(path, "rb") as fh:
            return fh.read(SNIFF_BYTES)
    except (OSError, EOFError) as exc:  # a broken gzip stream
        raise DataFormatError("unreadable_file", file=path.name, reason=str(exc)[:300]) from exc


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
    if _looks_json(head, path.suffix.lower()):
        return "json"
    sample = head[:8192]
    if b"\x00" in sample and not sample.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise DataFormatError("binary_file", file=file)
    return "csv"


def _looks_json(head: bytes, suffix: str) -> bool:
    """A JSON array or object per line: by its name, or by an opening ``[{`` / ``{"`` whatever its name."""
    text = head.lstrip(b"\xef\xbb\xbf \r\n\t")
    if text[:1] not in (b"[", b"{"):
        return False
    after = text[1:].lstrip(b" \r\n\t")[:1]
    return suffix in (".json", ".jsonl", ".ndjson", "") or after == (b"{" if text[:1] == b"[" else b'"')


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
              sheet: str | int | None = None, file: str | None = None) -> Raw:
    """Read the file at ``path`` into a temporary table of ``cur``'s connection.

    ``file`` is the name that errors and warnings give the file (an upload's
    own name, when ``path`` is a temporary copy); by default the path's name.
    """
    try:
        raw = _read_path(cur, Path(path), delimiter=delimiter, encoding=encoding, sheet=sheet)
    except KpiError as exc:
        if file is None or "file" not in exc.params:
            raise
        raise type(exc)(exc.code, **{**exc.params, "file": file}) from exc
    if file is not None:
        raw.warnings = [Message(w.code, **{**w.params, "file": file}) if "file" in w.params else w
                        for w in raw.warnings]
    return raw


def _read_path(cur: Any, path: Path, *, delimiter: str | None, encoding: str | None,
               sheet: str | int | None) -> Raw:
    """Read ``path`` by its format (see :func:`detect_format`)."""
    if not path.is_file():
        raise DataFormatError("file_not_found", file=str(path))
    with open(path, "rb") as fh:
        compressed = fh.read(2) == b"\x1f\x8b"
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
    """Read a Parquet or JSON file with DuckDB's ``function``, keeping its types; rows numbered from 1."""
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
    """A cell of a mixed column as text; numbers so that no decimal convention misreads them."""
    if isinstance(value, float):
        return number_text(value)
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
    src = TextFile(path, enc, compressed)
    delim = _delimiter_option(delimiter) or sniff_delimiter(text)
    if delim == "whitespace" or (delim is None and _looks_whitespace_aligned(text)):
        return _read_whitespace(cur, src, warnings)
    delim = delim or ","
    skip = _lines_above_header(text)
    table, rejects = _load_csv(cur, src, delim, skip)
    if encoding is None and enc == "utf-8" and _latin1_after_all(cur, table, rejects):
        # Not UTF-8 after the part sniffed, and no UTF-8 letters anywhere: a Latin-1 file.
        cur.execute(f"DROP TABLE {ident(table)}")
        src = TextFile(path, "latin-1", compressed)
        table, rejects = _load_csv(cur, src, delim, skip)
        warnings.append(Message("encoding_latin1", file=path.name))
    options = {"format": "csv", "delimiter": delim, "encoding": src.enc}
    return _finish(cur, table, rejects, options, warnings)


def _load_csv(cur: Any, src: TextFile, delim: str, skip: int) -> tuple[str, pd.DataFrame]:
    """Read the CSV with DuckDB; return the table and the lines it could not split."""
    table, rejects_table, scan = _temp_name("raw"), _temp_name("rej"), _temp_name("scan")
    params = {**src.params(), "delim": delim, "rt": rejects_table, "rs": scan, "skip": skip}
    try:
        cur.execute(
            f"CREATE TEMP TABLE {ident(table)} AS SELECT row_number() OVER () AS _line, * FROM read_csv("
            "$path, delim=$delim, header=true, skip=$skip, all_varchar=true, encoding=$enc, quote='\"', "
            "escape='\"', store_rejects=true, rejects_table=$rt, rejects_scan=$rs, compression=$comp, "
            "max_line_size=10000000, strict_mode=true, null_padding=false)", params)
    except Exception as exc:  # duckdb raises many types; all mean "cannot read this file"
        line = unclosed_quote_line(src)
        if line is not None:
            raise DataFormatError("unclosed_quote", file=src.path.name, line=line) from exc
        raise DataFormatError("unreadable_file", file=src.path.name, reason=_short(exc)) from exc
    rejects = _csv_rejects(cur, rejects_table, scan)
    number_lines(cur, table, rejects, src, skip)
    # A line of spaces is a blank line, not a row that was kept out.
    return table, rejects[rejects["value"].fillna("").str.strip() != ""].reset_index(drop=True)


def _latin1_after_all(cur: Any, table: str, rejects: pd.DataFrame) -> bool:
    """Whether lines were rejected as invalid UTF-8 while no accepted value has a non-ASCII letter."""
    if not rejects["reason"].isin(["invalid_encoding", "invalid_unicode"]).any():
        return False
    cols = [r[0] for r in cur.execute(f"DESCRIBE {ident(table)}").fetchall() if r[0] != "_line"]
    test = " OR ".join(f"regexp_matches({ident(c)}, '[^\\x00-\\x7F]')" for c in cols) or "false"
    return not cur.execute(f"SELECT EXISTS (SELECT 1 FROM {ident(table)} WHERE {test})").fetchall()[0][0]


def _lines_above_header(text: str) -> int:
    """Blank lines, and Excel's ``sep=;`` line (it names the delimiter), above the header."""
    lines = text.lstrip("\ufeff").split("\n")
    n = 0
    while n < len(lines) - 1 and (not lines[n].strip() or re.fullmatch(r"sep=.", lines[n].strip(), re.I)):
        n += 1
    return n


def _delimiter_option(delimiter: str | None) -> str | None:
    """The user's delimiter, with ``tab``/``\\t`` spelled out; ``None`` to sniff it."""
    if not delimiter:
        return None
    named = {"\\t": "\t", "tab": "\t", "whitespace": "whitespace", "space": "whitespace"}
    delim = named.get(delimiter.lower(), delimiter)
    if len(delim) != 1 and delim != "whitespace":
        raise DataFormatError("bad_option", option="delimiter", value=delimiter,
                              hint="use one character such as ',', ';', '|' or 'tab'.")
    return delim


def _csv_rejects(cur: Any, rejects_table: str, scan: str) -> pd.DataFrame:
    """The rows DuckDB could not split: one per line (DuckDB lists a line once per bad column)."""
    rejects = cur.execute(
        f"SELECT line::BIGINT AS line, NULL::VARCHAR AS \"column\", "
        f"trim(arg_min(csv_line, coalesce(column_idx, 0)), chr(13) || chr(10)) AS value, "
        f"replace(lower(arg_min(error_type::VARCHAR, coalesce(column_idx, 0))), ' ', '_') AS reason "
        f"FROM {ident(rejects_table)} GROUP BY line ORDER BY line").df()
    cur.execute(f"DROP TABLE IF EXISTS {ident(rejects_table)}")
    cur.execute(f"DROP TABLE IF EXISTS {ident(scan)}")
    return rejects


def _looks_whitespace_aligned(text: str) -> bool:
    """Columns separated by runs of spaces: most lines (all but one in five, or one) split like the first."""
    lines = [ln for ln in text.splitlines() if ln.strip()][:50]
    width = len(lines[0].split()) if lines else 0
    if len(lines) < 2 or width < 2:
        return False
    odd = sum(len(ln.split()) != width for ln in lines[1:])
    return odd == 0 or (len(lines) > 2 and odd <= max(1, 0.2 * (len(lines) - 1)))


def _read_whitespace(cur: Any, src: TextFile, warnings: list[Message]) -> Raw:
    """Read a file whose columns are separated by runs of spaces (fixed-width exports).

    The first non-blank line is the header; a line with more or fewer fields
    is rejected with its line number.
    """
    lines = _temp_name("lines")
    try:
        cur.execute(
            f"CREATE TEMP TABLE {ident(lines)} AS SELECT pl AS _line, regexp_split_to_array(regexp_replace("
            f"l, '^\\s+|\\s+$', '', 'g'), '\\s+') AS f FROM (SELECT row_number() OVER () AS pl, l FROM "
            "read_csv($path, delim=chr(1), quote='', escape='', header=false, columns={'l': 'VARCHAR'}, "
            "auto_detect=false, strict_mode=false, encoding=$enc, compression=$comp, max_line_size=10000000)) "
            "WHERE regexp_matches(l, '\\S')", src.params())
    except Exception as exc:  # duckdb raises many types; all mean "cannot read this file"
        raise DataFormatError("unreadable_file", file=src.path.name, reason=_short(exc)) from exc
    first, header = cur.execute(f"SELECT _line, f FROM {ident(lines)} ORDER BY _line LIMIT 1").fetchall()[0]
    names = _unique_names(list(header))
    table = _temp_name("raw")
    cols = ", ".join(f"f[{i + 1}] AS {ident(n)}" for i, n in enumerate(names))
    width = len(names)
    cur.execute(f"CREATE TEMP TABLE {ident(table)} AS SELECT _line, {cols} FROM {ident(lines)} "
                f"WHERE _line > {first} AND len(f) = {width}")
    rejects = cur.execute(
        f"SELECT _line AS line, NULL::VARCHAR AS \"column\", array_to_string(f, ' ') AS value, "
        f"CASE WHEN len(f) < {width} THEN 'missing_columns' ELSE 'too_many_columns' END AS reason "
        f"FROM {ident(lines)} WHERE _line > {first} AND len(f) <> {width} ORDER BY _line").df()
    cur.execute(f"DROP TABLE {ident(lines)}")
    options = {"format": "csv", "delimiter": "whitespace", "encoding": src.enc}
    return _finish(cur, table, rejects, options, warnings)


def _finish(cur: Any, table: str, rejects: pd.DataFrame, options: dict[str, Any],
            warnings: list[Message] | None = None) -> Raw:
    """Describe the raw table; a column of nothing but NULLs (type NULL) becomes an empty text column."""
    described = cur.execute(f"DESCRIBE {ident(table)}").fetchall()
    for name, dtype, *_ in described:
        if str(dtype).strip('"').upper() == "NULL":
            cur.execute(f"ALTER TABLE {ident(table)} ALTER COLUMN {ident(name)} TYPE VARCHAR")
    described = cur.execute(f"DESCRIBE {ident(table)}").fetchall()
    columns = {name: str(dtype) for name, dtype, *_ in described if name != "_line"}
    rows = cur.execute(f"SELECT count(*) FROM {ident(table)}").fetchall()[0][0]
    return Raw(table, columns, rows, rejects, options, list(warnings or []))


def _short(exc: Exception) -> str:
    text = str(exc).strip().splitlines()
    return text[0][:300] if text else type(exc).__name__


def head(cur: Any, raw: Raw, rows: int = 1000) -> pd.DataFrame:
    """The first ``rows`` rows of ``raw`` in file order, ``_line`` first."""
    return cur.execute(f"SELECT * FROM {ident(raw.table)} ORDER BY _line LIMIT ?", [rows]).df()


def as_texts(frame: pd.DataFrame) -> pd.DataFrame:
    """Every value of ``frame`` as text (``None`` when missing), as column suggestions read values."""
    return frame.drop(columns="_line", errors="ignore").astype(object).map(
        lambda v: None if pd.isna(v) else str(v))
