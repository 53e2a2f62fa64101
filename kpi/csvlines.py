"""Line numbers for the rows of a CSV file, as a text editor shows them.

DuckDB's CSV reader numbers the lines it rejects, but counts neither the line
breaks inside quoted values nor, for the rows it accepts, the empty lines it
skips. Messages must point at the line a user finds in the file, so this
module turns DuckDB's row order into file lines:

- no empty lines and no line breaks in values (nearly every file): an
  accepted row's line follows from its position and the rejected lines before it;
- otherwise the file's lines are read once more, in Python (a failed DuckDB
  statement would abort the import's transaction), and counted.
"""

from __future__ import annotations

import gzip
import re
import uuid
from array import array
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

import pandas as pd

from kpi.sql import ident

__all__ = ["TextFile", "number_lines", "unclosed_quote_line"]


@dataclass(frozen=True)
class TextFile:
    """A text file as DuckDB reads it: where, in which encoding, compressed or not."""

    path: Path
    enc: str
    compressed: bool

    def params(self) -> dict[str, Any]:
        """Bound parameters ``$path``, ``$enc`` and ``$comp`` for ``read_csv``."""
        return {"path": str(self.path), "enc": self.enc, "comp": "gzip" if self.compressed else "none"}

    @contextmanager
    def lines(self) -> Iterator[IO[str]]:
        """The file's lines as text; undecodable bytes are replaced, never raised."""
        opener: Any = gzip.open if self.compressed else open
        with opener(self.path, "rt", encoding=self.enc, errors="replace", newline=None) as fh:
            yield fh


def number_lines(cur: Any, table: str, rejects: pd.DataFrame, src: TextFile, skip: int) -> None:
    """Set ``_line`` of ``table`` (1, 2, ... in file order) and ``rejects.line`` to lines of the file.

    ``rejects`` holds one row per line DuckDB rejected, with DuckDB's line;
    ``skip`` lines stand above the header.
    """
    breaks = _has_quotes(src) and _breaks_inside(cur, table, rejects)
    if breaks and _count_records(cur, table, rejects, src, skip):
        return
    skipped = [int(x) for x in rejects["line"]]
    if _has_blank_lines(src):
        with src.lines() as fh:
            blank = [n for n, line in enumerate(fh, 1) if n > skip and not line.strip("\r\n")]
        skipped = sorted(set(skipped) | set(blank))
    _by_position(cur, table, skipped, skip + 2)
    if breaks:
        _add_breaks(cur, table, rejects)


def _by_position(cur: Any, table: str, skipped: list[int], first: int) -> None:
    """Number accepted rows from ``first``, jumping over the ``skipped`` lines (rejected or blank)."""
    if not skipped:
        cur.execute(f"UPDATE {ident(table)} SET _line = _line + {first - 1}")
        return
    # Row r lies after the i-th skipped line L when r >= L - first - i + 2; its line is
    # r + first - 1 + (the number of such lines). Done as one ASOF join.
    cur.execute(
        f"UPDATE {ident(table)} t SET _line = t._line + {first - 1} + j.n FROM (SELECT r._line AS r, "
        f"coalesce(o.n, 0) AS n FROM {ident(table)} r ASOF LEFT JOIN (SELECT line - {first} - n + 2 AS k0, "
        f"max(n) AS n FROM (SELECT line, row_number() OVER (ORDER BY line) AS n FROM "
        f"(SELECT unnest($lines::BIGINT[]) AS line)) GROUP BY k0) o ON r._line >= o.k0) j WHERE t._line = j.r",
        {"lines": skipped})


def _add_breaks(cur: Any, table: str, rejects: pd.DataFrame) -> None:
    """Move every row down by the line breaks inside the quoted values of the rows above it."""
    cols = [r[0] for r in cur.execute(f"DESCRIBE {ident(table)}").fetchall() if r[0] != "_line"]
    text = f"concat_ws('', {', '.join(ident(c) for c in cols)})"
    breaks = f"length({text}) - length(replace({text}, chr(10), ''))"
    lines = [int(x) for x in rejects["line"]]
    counts = [str(v or "").count("\n") for v in rejects["value"]]
    shift = f"_kinerja_shift_{uuid.uuid4().hex[:12]}"
    cur.execute(
        f"CREATE TEMP TABLE {ident(shift)} AS SELECT d, coalesce(sum(e) OVER (ORDER BY d ROWS BETWEEN "
        f"UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS up FROM (SELECT _line AS d, {breaks} AS e FROM "
        f"{ident(table)} UNION ALL SELECT unnest($l::BIGINT[]), unnest($e::BIGINT[]))", {"l": lines, "e": counts})
    cur.execute(f"UPDATE {ident(table)} t SET _line = t._line + s.up FROM {ident(shift)} s WHERE t._line = s.d")
    up = dict(cur.execute(f"SELECT d, up FROM {ident(shift)} WHERE list_contains($l, d)", {"l": lines}).fetchall())
    rejects["line"] = [x + up.get(x, 0) for x in lines]
    cur.execute(f"DROP TABLE {ident(shift)}")


def _breaks_inside(cur: Any, table: str, rejects: pd.DataFrame) -> bool:
    """Whether a quoted value (accepted or rejected) holds a line break."""
    if rejects["value"].fillna("").str.contains("\n").any():
        return True
    cols = [r[0] for r in cur.execute(f"DESCRIBE {ident(table)}").fetchall() if r[0] != "_line"]
    test = " OR ".join(f"contains({ident(c)}, chr(10))" for c in cols) or "false"
    return bool(cur.execute(f"SELECT EXISTS (SELECT 1 FROM {ident(table)} WHERE {test})").fetchall()[0][0])


def _has_quotes(src: TextFile) -> bool:
    """Whether the file has a quote at all (a memchr per block: no quotes, no line breaks in values)."""
    quote = '"'.encode("utf-16-le") if src.enc == "utf-16" else b'"'
    opener: Any = gzip.open if src.compressed else open
    with opener(src.path, "rb") as fh:
        return any(quote in block for block in iter(lambda: fh.read(1 << 22), b""))


def _has_blank_lines(src: TextFile) -> bool:
    """Whether an empty line stands before some data (DuckDB skips it without a trace).

    A byte scan, much faster than reading lines, so that they are read only when they must be.
    """
    codecs = ("utf-16-le", "utf-16-be") if src.enc == "utf-16" else ("latin-1",)
    patterns = [p.encode(c) for c in codecs for p in ("\n\n", "\n\r\n")]
    blank = re.compile(b"|".join(re.escape(p) for p in patterns))  # one pass over each block
    opener: Any = gzip.open if src.compressed else open
    seen, tail = False, b""
    with opener(src.path, "rb") as fh:
        block = fh.read(1 << 20).lstrip(b"\xef\xbb\xbf\xff\xfe")
        if block.lstrip(b"\x00")[:1] in (b"\n", b"\r"):
            return True
        while block:
            data = tail + block
            if seen and data.strip(b" \t\r\n\x00"):
                return True
            found = blank.search(data)
            if found and data[found.start() + 2:].strip(b" \t\r\n\x00"):
                return True
            seen = seen or found is not None
            tail, block = data[-4:], fh.read(1 << 20)
    return False


def _record_starts(src: TextFile, skip: int) -> tuple[array, array]:
    """The line where each record starts (header first), and DuckDB's line number for it.

    A line starts a record when it is not empty and the quotes before it are
    balanced; DuckDB's number for it leaves out the lines inside quotes above it.
    """
    starts, duck = array("q"), array("q")
    inside, within = False, 0
    with src.lines() as fh:
        for n, line in enumerate(fh, 1):
            if inside:
                within += 1
            elif n > skip and line.strip("\r\n"):
                starts.append(n)
                duck.append(n - within)
            if line.count('"') % 2:
                inside = not inside
    return starts, duck


def _count_records(cur: Any, table: str, rejects: pd.DataFrame, src: TextFile, skip: int) -> bool:
    """Number rows by counting the file's records; ``False`` (nothing changed) if they disagree.

    Each reject maps to the record with its DuckDB line; the other records are
    the accepted rows, in order. A stray quote inside a value ("TV 32\\"") breaks
    the count: the records then disagree with DuckDB's rows.
    """
    starts, duck = _record_starts(src, skip)
    lines = [int(x) for x in rejects["line"]]
    at = {d: s for s, d in zip(starts[1:], duck[1:])}
    rows = cur.execute(f"SELECT count(*) FROM {ident(table)}").fetchall()[0][0]
    if len(starts) - 1 != rows + len(lines) or any(x not in at for x in lines):
        return False
    rejected = set(lines)
    kept = pd.DataFrame({"pl": [s for s, d in zip(starts[1:], duck[1:]) if d not in rejected]})
    kept["n"] = range(1, len(kept) + 1)
    view = f"_kinerja_kept_{uuid.uuid4().hex[:12]}"
    cur.register(view, kept)
    try:
        cur.execute(f"UPDATE {ident(table)} t SET _line = m.pl FROM {ident(view)} m WHERE t._line = m.n")
    finally:
        cur.unregister(view)
    rejects["line"] = [at[x] for x in lines]
    return True


def unclosed_quote_line(src: TextFile) -> int | None:
    """The line of a quote that is never closed, when the file's quotes do not pair up; else ``None``."""
    inside, opened = False, None
    try:
        with src.lines() as fh:
            for n, line in enumerate(fh, 1):
                if line.count('"') % 2:
                    inside = not inside
                    opened = n if inside else None
    except (OSError, EOFError, UnicodeError):  # a broken file: the caller reports DuckDB's reason
        return None
    return opened if inside else None
